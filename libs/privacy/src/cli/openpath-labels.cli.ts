import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { runCommand, startProcess } from '@muvo/command';
import { dataSourceOptions } from '@muvo/database';
import { cityTripsOf, loadTripTrace } from '@muvo/tracking';
import { expandAllUploads, labelsOfTrip, trainingLineOf } from '@muvo/openpath';
import { consentingTo } from '../consent.service';

/**
 * `npm run --silent openpath:labels -- CITY FILE.jsonl` writes the city's trips that their
 * participants labelled in the OpenPATH app as training data (of those who consent to it); `npm run train:modes -- DIR` then
 * reads them (with any other labelled data) to train the city's own model.
 */
runCommand(async (args) => {
  const [cityId, out] = args.filter((a) => a !== '--');
  if (!cityId || !out?.endsWith('.jsonl'))
    throw new Error('usage: npm run --silent openpath:labels -- CITY FILE.jsonl');
  const config = await startProcess('openpath:labels');
  const db = new DataSource({ ...dataSourceOptions(config, 'muvo-openpath-labels'), poolSize: 1 });
  await db.initialize();
  try {
    // Labels still in the phones' upload inbox count too.
    await expandAllUploads(db);
    const labellers: { participant_id: string }[] = await db.query(
      `SELECT DISTINCT participant_id FROM openpath_entries WHERE key = 'manual/mode_confirm'`,
    );
    // Only people whose consent in force lets their confirmed modes train the city's model: one
    // who withdrew it is left out from then on.
    const consenting = await consentingTo(
      db,
      labellers.map((l) => l.participant_id),
      'modelTraining',
    );
    const trips = await cityTripsOf(db, cityId, consenting, ['scored', 'flagged']);
    const lines: string[] = [];
    for (const trip of trips) {
      const labels: { label: string; start_ts: number; end_ts: number; write_ts: number }[] = await db.query(
        `SELECT data->>'label' AS label, (data->>'start_ts')::float8 AS start_ts, (data->>'end_ts')::float8 AS end_ts, write_ts
           FROM openpath_entries WHERE participant_id = $1 AND key = 'manual/mode_confirm'
            AND ts <= $3 AND (data->>'end_ts')::float8 >= $2`,
        [trip.participantId, trip.startTs, trip.endTs],
      );
      const label = labelsOfTrip(
        { startTs: trip.startTs, endTs: trip.endTs },
        labels.map((l) => ({
          key: 'manual/mode_confirm',
          label: l.label,
          startTs: l.start_ts,
          endTs: l.end_ts,
          writeTs: l.write_ts,
        })),
      ).mode_confirm;
      if (!label) continue;
      const trace = await loadTripTrace(db, trip.id);
      if (!trace) continue;
      const points = Array.from({ length: trace.length }, (_, i) => ({
        ts: trace.ts[i],
        lat: trace.lat[i],
        lon: trace.lon[i],
        accuracy: trace.accuracy ? trace.accuracy[i] : null,
      }));
      const line = trainingLineOf({ tripId: trip.id, participantId: trip.participantId, label, points });
      if (line) lines.push(line);
    }
    writeFileSync(out, lines.length ? `${lines.join('\n')}\n` : '');
    return { cityId, trips: lines.length, file: out };
  } finally {
    await db.destroy();
  }
});
