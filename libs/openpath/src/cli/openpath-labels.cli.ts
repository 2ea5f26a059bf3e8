import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { runCommand, startProcess } from '@muvo/command';
import { decodeTrace, mergeTraces } from '@muvo/trace';
import { labelsOfTrip } from '../openpath-diary.service';
import { trainingLineOf } from '../training-export';

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
  const db = new Client({ connectionString: config.database.url });
  await db.connect();
  try {
    const { rows: trips } = await db.query<{ id: string; participant_id: string; start_ts: number; end_ts: number }>(
      `SELECT t.id, t.participant_id, extract(epoch FROM t.started_at)::float8 AS start_ts,
              extract(epoch FROM t.ended_at)::float8 AS end_ts
         FROM trips t
        WHERE t.city_id = $1 AND t.status IN ('scored', 'flagged')
          -- Only people whose consent in force lets their confirmed modes train the city's model:
          -- one who withdrew it is left out from then on (the consents table of @muvo/privacy).
          AND (SELECT c.model_training FROM consents c WHERE c.account_id = t.participant_id
                ORDER BY c.recorded_at DESC, c.id DESC LIMIT 1)
          AND EXISTS (SELECT 1 FROM openpath_entries e
                       WHERE e.participant_id = t.participant_id AND e.key = 'manual/mode_confirm'
                         AND e.ts <= extract(epoch FROM t.ended_at) AND (e.data->>'end_ts')::float8 >= extract(epoch FROM t.started_at))
        ORDER BY t.started_at`,
      [cityId],
    );
    const lines: string[] = [];
    for (const trip of trips) {
      const { rows: labels } = await db.query<{ label: string; start_ts: number; end_ts: number; write_ts: number }>(
        `SELECT data->>'label' AS label, (data->>'start_ts')::float8 AS start_ts, (data->>'end_ts')::float8 AS end_ts, write_ts
           FROM openpath_entries WHERE participant_id = $1 AND key = 'manual/mode_confirm'
            AND ts <= $3 AND (data->>'end_ts')::float8 >= $2`,
        [trip.participant_id, trip.start_ts, trip.end_ts],
      );
      const label = labelsOfTrip(
        { startTs: trip.start_ts, endTs: trip.end_ts },
        labels.map((l) => ({
          key: 'manual/mode_confirm',
          label: l.label,
          startTs: l.start_ts,
          endTs: l.end_ts,
          writeTs: l.write_ts,
        })),
      ).mode_confirm;
      if (!label) continue;
      const { rows: chunks } = await db.query<{ data: Buffer }>(
        `SELECT data FROM trace_chunks WHERE trip_id = $1 ORDER BY seq`,
        [trip.id],
      );
      if (!chunks.length) continue;
      const trace = mergeTraces(chunks.map((c) => decodeTrace(c.data)));
      const points = Array.from({ length: trace.length }, (_, i) => ({
        ts: trace.ts[i],
        lat: trace.lat[i],
        lon: trace.lon[i],
        accuracy: trace.accuracy ? trace.accuracy[i] : null,
      }));
      const line = trainingLineOf({ tripId: trip.id, participantId: trip.participant_id, label, points });
      if (line) lines.push(line);
    }
    writeFileSync(out, lines.length ? `${lines.join('\n')}\n` : '');
    return { cityId, trips: lines.length, file: out };
  } finally {
    await db.end();
  }
});
