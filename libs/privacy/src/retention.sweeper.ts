import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CitiesService } from '@muvo/cities';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { Sweeper } from '@muvo/observability';
import { forgetPhoneLocationsBefore } from '@muvo/openpath';
import { forgetTripFingerprint, tripUnderReview } from '@muvo/scoring';
import {
  type ExpiryCandidate,
  expireTripFixes,
  findTripsWithFixesBefore,
  loadTripTrace,
  lockTripFixes,
} from '@muvo/tracking';
import { type CityPrivacyPolicy, cityPrivacyPolicy, DEFAULT_PRIVACY_POLICY } from './privacy-zones.policy';
import { PrivacyZonesService } from './privacy-zones.service';
import { retainedLineOf } from './retention';
import { RETENTION_CLOCK, type RetentionClock } from './retention.clock';

const PAGE = 200;
/** Most trips one run looks at; the next run carries on (trips due pile up only after an outage). */
const MAX_PER_RUN = 10_000;
const DAY_MS = 86_400_000;

/**
 * Deletes raw fixes past their city's retention period (`privacy.retentionDays`, 90 days by
 * default), one trip per transaction: the trace chunks and the replay fingerprint go, a ~100 m
 * line outside privacy zones stays (or none, by the city's choice); legs, receipt, points,
 * ledger and day totals are not touched. Then the OpenPATH phones' location entries of the same
 * age go too, in batches. A trip whose flag or dispute an operator has yet to
 * decide keeps its fixes until then (checked under the trip's lock, which opening a dispute
 * takes too). Run by the worker.
 */
@Injectable()
export class RetentionSweeper extends Sweeper {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cities: CitiesService,
    private readonly zones: PrivacyZonesService,
    @Inject(RETENTION_CLOCK) private readonly clock: RetentionClock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super({
      name: 'fix-retention',
      counts: "trip(s)' raw fixes and phone location entries deleted",
      intervalS: config.privacy.retentionSweepIntervalS,
      immediately: true,
    });
  }

  protected async sweepOnce(): Promise<number> {
    const now = this.clock.now();
    const policies = new Map(
      (await this.cities.listSettings()).map((city) => [city.id, cityPrivacyPolicy(city.settings)] as const),
    );
    const cutoff = (policy: CityPrivacyPolicy) => new Date(now - policy.retentionDays * DAY_MS);
    const cutoffs = [...policies].map(([cityId, policy]) => ({ cityId, before: cutoff(policy) }));
    const otherCutoff = cutoff(DEFAULT_PRIVACY_POLICY);
    let after: ExpiryCandidate | null = null;
    let expired = 0;
    for (let seen = 0; seen < MAX_PER_RUN;) {
      const page = await findTripsWithFixesBefore(this.dataSource, { cutoffs, otherCutoff, after, limit: PAGE });
      for (const trip of page) {
        const policy = (trip.cityId && policies.get(trip.cityId)) || DEFAULT_PRIVACY_POLICY;
        if (await this.expire(trip, policy)) expired++;
      }
      if (page.length < PAGE) break;
      seen += page.length;
      after = page[page.length - 1];
    }
    for (let round = 0; round < MAX_PER_RUN / PAGE; round++) {
      const forgotten = await forgetPhoneLocationsBefore(this.dataSource, { cutoffs, otherCutoff, limit: PAGE * 10 });
      expired += forgotten;
      if (forgotten < PAGE * 10) break;
    }
    return expired;
  }

  private expire(trip: ExpiryCandidate, policy: CityPrivacyPolicy): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await lockTripFixes(manager, trip.id)) || (await tripUnderReview(manager, trip.id))) return false;
      const trace = await loadTripTrace(manager, trip.id);
      const line = trace
        ? retainedLineOf(trace, await this.zones.redactionFor(trip, manager), policy)
        : null;
      await expireTripFixes(manager, trip.id, line);
      await forgetTripFingerprint(manager, trip.id);
      return true;
    });
  }
}
