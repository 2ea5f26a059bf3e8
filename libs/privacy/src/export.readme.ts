/**
 * What each file of a personal-data export holds, field by field: written into the archive as
 * README.json (for programs) and README.txt (for people), and the list a test checks the archive
 * against, so the description cannot drift from the files.
 */
export interface ExportFileDoc {
  /** File name, or a pattern for one file per trip (`trips/<start>-<id>.gpx`). */
  file: string;
  description: string;
  fields?: Record<string, string>;
}

export const EXPORT_FILES: readonly ExportFileDoc[] = [
  {
    file: 'profile.json',
    description: 'Your account.',
    fields: {
      id: 'your participant id',
      email: 'the email you log in with',
      displayName: 'the name shown on leaderboards (null: "Participant" and the start of your id)',
      cityId: 'the city programme you take part in',
      createdAt: 'when you registered',
      exportedAt: 'when this archive was made',
    },
  },
  {
    file: 'consents.json',
    description: 'Every consent you gave or changed, newest first: the first one is in force.',
    fields: {
      terms: 'version of the terms of use accepted',
      privacy: 'version of the privacy notice accepted',
      openData: 'whether your trips may feed the city’s open data (aggregated)',
      modelTraining: 'whether your confirmed modes may train the city’s mode model',
      method: 'self-service (you, online), or mediator / paper / phone (recorded for you)',
      recordedBy: 'the account that recorded it for you, null when you did',
      recordedAt: 'when',
    },
  },
  {
    file: 'privacy-zones.json',
    description:
      'Your privacy zones: places around which your trips’ fixes are hidden from everyone else (stored encrypted).',
    fields: {
      id: 'the zone’s id',
      label: 'your name for it',
      lat: 'latitude of its centre',
      lon: 'longitude of its centre',
      radiusM: 'its radius, metres',
      createdAt: 'when you added it',
    },
  },
  {
    file: 'trips.json',
    description: 'Your trips, newest first, as muvo scored them.',
    fields: {
      id: 'trip id',
      status: 'queued, processing, scored, flagged or rejected',
      startedAt: 'time of the first fix',
      endedAt: 'time of the last fix',
      pointCount: 'fixes stored',
      distanceM: 'distance in metres',
      pointsAwarded: 'points credited',
      co2AvoidedG: 'CO2 avoided, grams',
      legs: 'the legs: mode, start, end, distance',
      flags: 'anti-cheat codes raised',
      files: 'the trip’s fixes in this archive (absent once raw fixes were deleted after the retention period)',
    },
  },
  {
    file: 'trips/<startedAt>-<id>.gpx',
    description: 'The fixes of one trip as stored, in GPX 1.1 (opens in any map or GPS tool).',
  },
  {
    file: 'trips/<startedAt>-<id>.geojson',
    description: 'The same fixes as a GeoJSON Feature (LineString, times in properties.coordinateProperties.times).',
  },
  {
    file: 'receipts.json',
    description: 'Why each trip earned what it earned: per leg, mode, distance, base points, multipliers and caps.',
    fields: { tripId: 'the trip', receipt: 'the receipt as the app shows it' },
  },
  {
    file: 'ledger.json',
    description:
      'Your points account: its balance and every movement (credits for trips, voucher claims, refunds, corrections).',
    fields: {
      balance: 'points you hold',
      'transfers[].at': 'when',
      'transfers[].kind': 'trip-credit, voucher-claim, reversal, write-off…',
      'transfers[].amount': 'points, positive in, negative out',
      'transfers[].referenceId': 'the trip or voucher it concerns',
      'transfers[].metadata': 'details the ledger keeps with it (city, week, reason)',
    },
  },
  {
    file: 'vouchers.json',
    description: 'Vouchers you claimed.',
    fields: {
      id: 'voucher id',
      code: 'the code shown at the counter',
      offer: 'what it was for',
      shop: 'the shop',
      costPoints: 'points it cost',
      status: 'active, redeemed, expired or refunded',
      claimedAt: 'when claimed',
      expiresAt: 'when it expires',
      redeemedAt: 'when redeemed',
    },
  },
  {
    file: 'disputes.json',
    description: 'Reviews of your trips: trips flagged by the anti-cheat checks and legs whose mode you disputed.',
    fields: {
      kind: 'flag or dispute',
      tripId: 'the trip',
      status: 'open, approved or rejected',
      codes: 'the flags raised',
      legIndex: 'the disputed leg (0 = first)',
      requestedMode: 'the mode you asked for',
      note: 'what you wrote',
      decidedAt: 'when an operator decided',
      decisionNote: 'the operator’s reason',
    },
  },
  {
    file: 'progress.json',
    description:
      'Your totals, days, streaks, badges and team, from which leaderboards and the city’s figures are made.',
  },
  {
    file: 'audit.json',
    description:
      'Entries of the audit log about you, your trips, reviews and vouchers, or made by you: who did what, when.',
    fields: {
      at: 'when',
      actorRole: 'who acted (role)',
      action: 'what happened',
      subject: 'what it happened to',
      details: 'what changed',
    },
  },
  {
    file: 'openpath.jsonl',
    description:
      'What your phone sent through the OpenPATH app, one entry a line, as received (only when you linked it).',
  },
];

/** The README.txt of an export: the same descriptions, for people. */
export function exportReadmeText(exportedAt: string): string {
  const lines = [
    'muvo: everything muvo holds about you',
    `Made ${exportedAt}. Every file is UTF-8 JSON unless its name says otherwise; times are ISO 8601 in UTC.`,
    'README.json says the same for programs.',
    '',
  ];
  for (const doc of EXPORT_FILES) {
    lines.push(doc.file, `  ${doc.description}`);
    for (const [field, meaning] of Object.entries(doc.fields ?? {})) lines.push(`  - ${field}: ${meaning}`);
    lines.push('');
  }
  return lines.join('\n');
}
