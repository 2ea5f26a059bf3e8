import { DomainException } from '@muvo/kernel';

export const ScoringErrors = {
  reviewNotFound: (id: string) => new DomainException('REVIEW_NOT_FOUND', 'not-found', `no review ${id}`),
  reviewDecided: (id: string, status: string) =>
    new DomainException('REVIEW_ALREADY_DECIDED', 'conflict', `review ${id} is already ${status}`, { status }),
  tripNotReviewable: (status: string) =>
    new DomainException('TRIP_STATE_CHANGED', 'conflict', `the trip is ${status} and cannot take this decision`, {
      status,
    }),
  tripNotFound: (id: string) => new DomainException('TRIP_NOT_FOUND', 'not-found', `no trip ${id}`),
  notDisputable: (status: string) =>
    new DomainException('TRIP_NOT_DISPUTABLE', 'conflict', `only scored trips can be disputed; this one is ${status}`, {
      status,
    }),
  invalidLeg: (index: number, legs: number) =>
    new DomainException('INVALID_LEG', 'invalid', `the trip has ${legs} leg(s); there is no leg ${index}`, { legs }),
  sameMode: (mode: string) =>
    new DomainException('SAME_MODE', 'invalid', `the leg is already scored as ${mode}`, { mode }),
  disputeExists: (legIndex: number) =>
    new DomainException('DISPUTE_EXISTS', 'conflict', `leg ${legIndex} of this trip has already been disputed`),
  disputeWindowClosed: (closedAt: string) =>
    new DomainException('DISPUTE_WINDOW_CLOSED', 'conflict', `disputes for this trip closed at ${closedAt}`, {
      closedAt,
    }),
  failedJobNotFound: (tripId: string) =>
    new DomainException('FAILED_JOB_NOT_FOUND', 'not-found', `no failed scoring job for trip ${tripId}`),
  invalidRules: (problems: string[]) =>
    new DomainException('INVALID_RULES', 'invalid', `invalid rules:\n  - ${problems.join('\n  - ')}`, { problems }),
  campaignNotFound: (id: string) => new DomainException('CAMPAIGN_NOT_FOUND', 'not-found', `no campaign ${id}`),
  teamNotFound: (id: string) => new DomainException('TEAM_NOT_FOUND', 'not-found', `no team ${id} in your city`),
  invalidPeriod: (why: string) => new DomainException('INVALID_PERIOD', 'invalid', `invalid period: ${why}`),
  cityNotFound: (id: string) => new DomainException('CITY_NOT_FOUND', 'not-found', `no city ${id}`),
  noCity: () =>
    new DomainException('NO_CITY', 'conflict', 'join a city programme first (register with a cityId or record a trip)'),
};
