/**
 * Speed of the classification pipeline: cleaning, motion, segmentation, features and inference
 * with the committed default model, in ms per 1,000 fixes on one core. Target (issue 4): ≤ 1 ms.
 * Traces are simulated (walk, bike, bus, car, train at 1–10 s sampling), so the benchmark runs
 * without the shared data; with `MUVO_DATA_DIR` present it also times real GeoLife traces.
 * Baseline, measured in the same run on the same traces: one haversine path-length pass over the
 * fixes (the least any per-fix work costs), so a loaded machine shows as a slower baseline too.
 *
 *   npm run bench:classify
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyseTrace, classifyTrace, DEFAULT_MODE_MODEL_PATH, readModeModelFile } from '@muvo/classification';
import { randomStreetPath, simulateTrip, SimulatedMode, styleFor, createRandom } from '@muvo/simulation';
import { pathLengthM } from '@muvo/geo';
import type { Trace } from '@muvo/trace';
import { readLabelledSegments } from '../../libs/classification/src/training/labelled-segments';
import { SHARED_DATA_DIR } from '../support/shared-data';

const TARGET_MS_PER_1000 = 1;

function simulatedTraces(): Trace[] {
  const trips: Array<[SimulatedMode, number]> = [
    ['walk', 2000],
    ['bike', 5000],
    ['bus', 8000],
    ['car', 15000],
    ['metro', 10000],
    ['train', 40000],
  ];
  const traces: Trace[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    for (const [mode, lengthM] of trips) {
      const path = randomStreetPath({ seed, lengthM, style: styleFor(mode, createRandom(seed)) });
      traces.push(
        simulateTrip({ path, mode, startTime: Date.UTC(2026, 2, 2, 8), seed, samplingS: seed % 3 === 0 ? 5 : 1 }),
      );
    }
  }
  return traces;
}

let baselinePerThousand = NaN;

function time(label: string, traces: readonly Trace[], run: (t: Trace) => unknown): number {
  const points = traces.reduce((a, t) => a + t.length, 0);
  for (const t of traces) run(t); // warm-up: JIT and caches
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = process.hrtime.bigint();
    for (const t of traces) run(t);
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  const perThousand = (best / points) * 1000;
  const vsBaseline = Number.isNaN(baselinePerThousand)
    ? ''
    : `, ${(perThousand / baselinePerThousand).toFixed(1)}× the baseline`;
  console.log(
    `${label.padEnd(50)} ${String(points).padStart(9)} fixes  ${best.toFixed(1).padStart(8)} ms  ` +
      `${perThousand.toFixed(3)} ms/1000 fixes  (target ${TARGET_MS_PER_1000}, ratio ${(perThousand / TARGET_MS_PER_1000).toFixed(2)}${vsBaseline})`,
  );
  return perThousand;
}

const model = existsSync(DEFAULT_MODE_MODEL_PATH) ? readModeModelFile(DEFAULT_MODE_MODEL_PATH) : undefined;
console.log(
  `classification benchmark, one core, node ${process.version}, model: ${model ? model.name : 'none (rules)'}`,
);
const sim = simulatedTraces();
baselinePerThousand = time('baseline: haversine path length', sim, (t) => pathLengthM(t.lat, t.lon));
time('simulated: clean+segment+features', sim, (t) => analyseTrace(t));
const full = time('simulated: full classifyTrace with model', sim, (t) => classifyTrace(t, { model }));
const dataDir = SHARED_DATA_DIR;
if (existsSync(join(dataDir, 'geolife', 'normalized'))) {
  const files = ['geolife_010.jsonl.br', 'geolife_052.jsonl.br']
    .map((f) => join(dataDir, 'geolife', 'normalized', f))
    .filter(existsSync);
  const real = readLabelledSegments(files).map((s) => s.trace);
  time('GeoLife (2 users): full classifyTrace with model', real, (t) => classifyTrace(t, { model }));
}
if (full > TARGET_MS_PER_1000) process.exitCode = 1;
