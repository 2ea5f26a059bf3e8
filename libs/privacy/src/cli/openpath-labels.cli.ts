import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { runCommand, startProcess } from '@muvo/command';
import { dataSourceOptions } from '@muvo/database';
import { cityTripsOf, loadTripTrace } from '@muvo/tracking';
import {
  expandAllUploads,
  labelsOfTrip,
  type ModeConfirmation,
  modeConfirmationsOf,
  modeLabellers,
  trainingLineOf,
} from '@muvo/openpath';
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
    // Only people whose consent in force lets their confirmed modes train the city's model: one
    // who withdrew it is left out from then on.
    const consenting = await consentingTo(db, await modeLabellers(db), 'modelTraining');
    const trips = await cityTripsOf(db, cityId, consenting, ['scored', 'flagged']);
    const byParticipant = new Map<string, ModeConfirmation[]>();
    for (const l of await modeConfirmationsOf(db, [...new Set(trips.map((t) => t.participantId))]))
      byParticipant.set(l.participantId, [...(byParticipant.get(l.participantId) ?? []), l]);
    const lines: string[] = [];
    for (const trip of trips) {
      const labels = (byParticipant.get(trip.participantId) ?? []).filter(
        (l) => l.ts <= trip.endTs && l.endTs >= trip.startTs,
      );
      const label = labelsOfTrip(
        { startTs: trip.startTs, endTs: trip.endTs },
        labels.map((l) => ({
          key: 'manual/mode_confirm',
          label: l.label,
          startTs: l.startTs,
          endTs: l.endTs,
          writeTs: l.writeTs,
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
