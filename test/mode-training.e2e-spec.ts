import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { randomStreetPath, simulateTrip } from '@muvo/simulation';
import { tracePoints } from '@muvo/trace';
import { runEntry } from './support/run-entry';

jest.setTimeout(120_000);

const START = Date.UTC(2026, 4, 4, 7);
const PLAN = [
  { mode: 'walk', lengthM: 1500, style: 'grid' },
  { mode: 'bike', lengthM: 4000, style: 'grid' },
  { mode: 'bus', lengthM: 6000, style: 'arterial' },
  { mode: 'car', lengthM: 9000, style: 'arterial' },
] as const;

/**
 * What a city's participants confirmed: labelled uploads (`{id, user, mode, points}`) of `people`
 * people, each with `perMode` trips of every mode, simulated by muvo itself.
 */
function confirmedTrips(people: string[], perMode: number, seed0: number): string {
  const lines: string[] = [];
  people.forEach((user, u) => {
    PLAN.forEach((plan, m) => {
      for (let k = 0; k < perMode; k++) {
        const seed = seed0 + u * 100 + m * 10 + k;
        const path = randomStreetPath({ seed, lengthM: plan.lengthM, style: plan.style, origin: [13.36, 38.11] });
        const trace = simulateTrip({ path, mode: plan.mode, startTime: START + seed * 3_600_000, seed, samplingS: 2 });
        const points = tracePoints(trace).map((p) => ({ lat: p.lat, lon: p.lon, ts: new Date(p.ts).toISOString() }));
        lines.push(JSON.stringify({ id: `${user}-${plan.mode}-${k}`, user, mode: plan.mode, points }));
      }
    });
  });
  return `${lines.join('\n')}\n`;
}

/**
 * A city trains its own mode model from its participants' confirmed modes and evaluates it, with
 * the commands operators run: train:modes, eval:modes and classify, in their own processes.
 */
describe('training and evaluating a local mode model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'muvo-modes-'));
  const trainDir = join(dir, 'train');
  const testDir = join(dir, 'test');
  const modelPath = join(dir, 'city-model.json');

  beforeAll(() => {
    mkdirSync(trainDir);
    mkdirSync(testDir);
    writeFileSync(join(trainDir, 'confirmed.jsonl'), confirmedTrips(['ada', 'bea', 'cyr', 'dan', 'eva', 'fil'], 3, 1));
    writeFileSync(join(testDir, 'confirmed.jsonl'), confirmedTrips(['gus', 'hal'], 2, 9000));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains with person-grouped cross-validation and writes the model with its provenance and metrics', async () => {
    const trained = await runEntry(
      'libs/classification/src/cli/train-modes.cli.ts',
      ['--out', modelPath, '--cv', '3', '--rounds', '60', trainDir],
      {},
    );
    expect(trained.code).toBe(0);
    expect(trained.stderr).toContain('person-grouped 3-fold cross-validation');
    const model = JSON.parse(readFileSync(modelPath, 'utf8'));
    expect(model).toMatchObject({ format: 'muvo-mode-model', version: 1 });
    expect(model.gbdt.classes).toEqual(['walk', 'bike', 'bus', 'car', 'train']);
    expect(model.gbdt.trees.length).toBeGreaterThan(0);
    // Sources with their licence and the labelled legs used, so nobody ships a model they may not.
    expect(model.provenance.sources).toEqual([
      expect.objectContaining({ name: 'unknown', licence: 'unknown', legs: { walk: 18, bike: 18, bus: 18, car: 18 } }),
    ]);
    expect(model.provenance.command).toContain('--cv 3');
    const cv = model.metrics.find((m: { evaluation: string }) => m.evaluation.includes('3-fold'));
    expect(cv.legs).toBe(72);
    expect(cv.accuracy).toBeGreaterThan(0.7); // four simulated modes: chance is 0.25
    const byKm = model.metrics.find((m: { evaluation: string }) => m.evaluation.includes('by distance'));
    expect(byKm.km).toBeGreaterThan(72 * 1.5); // every trip is 1.5 km or more
    expect(byKm.accuracy).toBeGreaterThan(0.7);
  });

  it('evaluates the model on other people, prints the confusion matrix and draws it, and classifies with it', async () => {
    const svg = join(dir, 'confusion.svg');
    const evaluated = await runEntry(
      'libs/classification/src/cli/eval-modes.cli.ts',
      ['--model', modelPath, '--svg', svg, '--per-person', '--resample', '20', testDir],
      {},
    );
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toContain('truth \\ predicted');
    expect(evaluated.stdout).toMatch(/segments 16 from 2 people/);
    expect(evaluated.stdout).toMatch(/^gus\s+8\s+[\d.]+%$/m);
    const accuracy = Number(/accuracy \(5 modes, unknown counted wrong\)\s+([\d.]+)%/.exec(evaluated.stdout)![1]);
    expect(accuracy).toBeGreaterThanOrEqual(75);
    // The same legs by distance: km of each labelled mode credited to each mode.
    const km = /([\d]+) km in 16 segments from 2 people\nkm credited to the right mode\s+([\d.]+)%/.exec(
      evaluated.stdout,
    );
    expect(km).not.toBeNull();
    expect(Number(km![1])).toBeGreaterThan(16 * 1.5); // 1.5–9 km per simulated trip
    expect(Number(km![2])).toBeGreaterThanOrEqual(75);
    // Half the people (one of the two) in each of 20 samples: their accuracies bracket the pooled one.
    const sampled =
      /people holding 50% of the segments over 20 held-out samples: mean [\d.]+%, min ([\d.]+)%, .* max ([\d.]+)%/.exec(
        evaluated.stdout,
      );
    expect(sampled).not.toBeNull();
    expect(Number(sampled![1])).toBeLessThanOrEqual(accuracy + 0.05);
    expect(Number(sampled![2])).toBeGreaterThanOrEqual(accuracy - 0.05);
    // The picture holds the printed matrix: every cell, one per true and predicted mode, summing to the 16 segments.
    expect(evaluated.stdout).toContain(`confusion matrix drawn to ${svg}`);
    const picture = new DOMParser().parseFromString(readFileSync(svg, 'utf8'), 'image/svg+xml');
    const cells = Array.from(picture.getElementsByTagName('g')).filter((g) => g.getAttribute('class') === 'cell');
    expect(cells).toHaveLength(5 * 6);
    const count = (truth: string) =>
      cells.filter((c) => c.getAttribute('data-truth') === truth).reduce((sum, c) => sum + Number(c.getAttribute('data-count')), 0);
    expect(['walk', 'bike', 'bus', 'car', 'train'].map(count)).toEqual([4, 4, 4, 4, 0]);
    // The walk row drawn is the walk row printed first (the pipeline's matrix).
    const walkDrawn = cells.filter((c) => c.getAttribute('data-truth') === 'walk').map((c) => c.getAttribute('data-count'));
    expect(/^walk((?:\s+\d+){6})/m.exec(evaluated.stdout)![1].trim().split(/\s+/)).toEqual(walkDrawn);

    // The same model by config, as the worker takes it.
    const classified = await runEntry(
      'libs/classification/src/cli/classify.cli.ts',
      [join(testDir, 'confirmed.jsonl')],
      {
        MODE_MODEL_PATH: modelPath,
      },
    );
    expect(classified.code).toBe(0);
    const lines = classified.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(16);
    expect(lines[0].id).toBe('gus-walk-0');
    expect(lines.every((l) => l.legs.length > 0)).toBe(true);
  });

  it('cross-validates repeatedly with people dealt to folds at random and reports the spread over held-out samples', async () => {
    const evaluated = await runEntry(
      'libs/classification/src/cli/eval-modes.cli.ts',
      ['--cv', '3', '--repeat', '2', '--svg', join(dir, 'cv.svg'), trainDir],
      {},
    );
    expect(evaluated.code).toBe(0);
    expect(evaluated.stdout).toContain('person-grouped 3-fold CV × 2 (6 person groups)');
    // Every segment is predicted once per repetition.
    expect(evaluated.stdout).toMatch(/segments 144 from 6 people/);
    const spread = /pipeline accuracy over 6 held-out samples: mean ([\d.]+)%, min ([\d.]+)%, .* max ([\d.]+)%/.exec(
      evaluated.stdout,
    );
    expect(spread).not.toBeNull();
    const [mean, min, max] = spread!.slice(1).map(Number);
    expect(min).toBeLessThanOrEqual(mean);
    expect(mean).toBeLessThanOrEqual(max);
    expect(mean).toBeGreaterThan(70); // four simulated modes: chance is 25%
  });

  it('refuses to write a model of unlicensed data inside the repository, outside models/local', async () => {
    const inRepo = join(__dirname, '..', 'config', 'models', `refused-${process.pid}.json`);
    const refused = await runEntry(
      'libs/classification/src/cli/train-modes.cli.ts',
      ['--out', inRepo, '--cv', '0', '--rounds', '5', trainDir],
      {},
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refusing to write');
    expect(refused.stderr).toContain('unknown');
    expect(existsSync(inRepo)).toBe(false);
  });
});
