import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { classifyTrace } from '../classify-trace';
import { DEFAULT_MODE_MODEL_PATH, findRepoRoot, readModeModelFile } from '../model-file';
import { confusionMatrixSvg } from '../training/confusion-svg';
import { crossValidate, FoldAccuracy } from '../training/cross-validate';
import {
  evaluatePredictions,
  formatReport,
  formatSpread,
  personSampleAccuracies,
  joinTrips,
  predictJoinedTrips,
  predictSegments,
  predictWholeSegments,
  SegmentPrediction,
} from '../training/evaluation';
import { readLabelledSegments } from '../training/labelled-segments';
import { personGroups } from '../training/person-groups';
import { syntheticSegments } from '../training/synthetic-corpus';
import { DEFAULT_TRAINING, segmentRows } from '../training/train-model';
import { numberFlag, parseArgs, runCli, stringFlag } from './cli-support';

const USAGE = `usage: npm run eval:modes -- [--model FILE] [--resample N [--share F]] [--svg FILE] DIR...
       npm run eval:modes -- --cv K [--repeat R] [--simulate N] [--svg FILE] DIR...
  Evaluates on labelled JSON-lines data under DIR... and prints the confusion matrix, per-mode
  precision and recall, accuracy, car-as-bike rate and bike precision, overall and per source:
    pipeline       each labelled segment through the whole pipeline (cleaning, segmentation into
                   legs, classification), scored by the mode covering most of its legs' duration
    by distance    the same legs, each counting its km in the mode it was given: the share of
                   km credited to the right mode, and car km credited as bike
    segment-level  each labelled segment classified whole, as one leg (no segmentation)
    trips          each person's consecutive labelled segments (gaps under 10 min) joined into one
                   trace and classified once; each segment scored by the legs covering its time
  --model FILE  the model to evaluate (default: the committed default model); its training people
                must not be in DIR (the default model never saw GeoLife or Go!Track people)
  --cv K        instead: train local models in person-grouped K-fold cross-validation (linked
                GeoLife ids kept in one fold) and pool their predictions
  --repeat R    with --cv: R cross-validations, the first with balanced folds, the others with
                person groups dealt to folds at random (seeds 1..R-1); predictions are pooled, and
                the accuracy of every held-out fold is summarised (mean, p10, median, p90), which
                shows how far one held-out sample of people can land from the mean
  --simulate N  with --cv: add N simulated trips to every training fold
  --resample N  also score N random samples of whole people, each holding a share F of the segments
                (--share, default 0.5: the size of a held-out third next to a developer two thirds),
                and summarise their accuracy: how far one held-out set of people can land
  --svg FILE    where to draw the confusion matrix, an SVG picture any browser opens
                (default test/output/mode-confusion.svg)`;

function perPersonTable(predictions: readonly SegmentPrediction[]): string {
  const groups = new Map<string, SegmentPrediction[]>();
  for (const p of predictions) (groups.get(p.user) ?? groups.set(p.user, []).get(p.user)!).push(p);
  const lines = ['person                  segments  accuracy'];
  for (const [user, list] of [...groups.entries()].sort()) {
    const right = list.filter((p) => p.truth === p.predicted).length;
    lines.push(
      `${user.padEnd(24)}${String(list.length).padStart(8)}  ${((100 * right) / list.length).toFixed(1).padStart(7)}%`,
    );
  }
  return lines.join('\n');
}

runCli(() => {
  const args = parseArgs(process.argv.slice(2), ['help', 'per-person']);
  if (args.flags.has('help') || args.positional.length === 0) throw new Error(USAGE);
  if (args.flags.has('png')) throw new Error('--png is gone: the confusion matrix is drawn as SVG (--svg FILE)');
  const segments = readLabelledSegments(args.positional);
  const people = new Set(personGroups(segments).values());
  let predictions: SegmentPrediction[];
  let whole: SegmentPrediction[];
  let trips: SegmentPrediction[];
  let title: string;
  const folds: FoldAccuracy[] = [];
  const k = numberFlag(args, 'cv', 0);
  if (k > 1) {
    const simulate = numberFlag(args, 'simulate', 0);
    const extraRows = simulate > 0 ? segmentRows(syntheticSegments(simulate, 1), DEFAULT_TRAINING.pipeline) : [];
    const repeat = Math.max(1, numberFlag(args, 'repeat', 1));
    predictions = [];
    whole = [];
    trips = [];
    for (let r = 0; r < repeat; r++) {
      const cv = crossValidate(segments, k, {
        ...DEFAULT_TRAINING,
        name: 'cv',
        extraRows,
        foldSeed: r === 0 ? undefined : r,
      });
      predictions.push(...cv.pipeline);
      whole.push(...cv.whole);
      trips.push(...cv.trips);
      folds.push(...cv.folds);
    }
    title = `local model, person-grouped ${k}-fold CV${repeat > 1 ? ` × ${repeat}` : ''} (${people.size} person groups)${simulate ? ` + ${simulate} simulated trips` : ''}`;
  } else {
    const path = stringFlag(args, 'model') ?? process.env.MODE_MODEL_PATH ?? DEFAULT_MODE_MODEL_PATH;
    const model = readModeModelFile(path);
    predictions = predictSegments(segments, (s) => classifyTrace(s.trace, { model }));
    whole = predictWholeSegments(segments, model);
    trips = predictJoinedTrips(joinTrips(segments), (trace) => classifyTrace(trace, { model }));
    title = `${model.name} (${path.replace(`${findRepoRoot()}/`, '')})`;
  }
  const report = evaluatePredictions(predictions);
  const out: string[] = [
    formatReport(report, `${title}\npipeline: each labelled segment cleaned, cut into legs and classified`),
  ];
  out.push(
    '',
    formatReport(
      evaluatePredictions(predictions, 'km'),
      "pipeline by distance: each labelled segment's km, in the mode each of its legs was given (what points follow)",
    ),
  );
  out.push(
    '',
    formatReport(evaluatePredictions(whole), 'segment-level: each labelled segment classified whole, as one leg'),
  );
  const joined = joinTrips(segments);
  const multi = joined.filter((t) => new Set(t.parts.map((p) => p.mode)).size > 1).length;
  out.push(
    '',
    formatReport(
      evaluatePredictions(trips),
      `trips: consecutive segments joined (${joined.length} trips, ${multi} with several modes), each classified once`,
    ),
  );
  const sources = [...new Set(predictions.map((p) => p.source))];
  if (sources.length > 1) {
    for (const source of sources)
      out.push(
        '',
        formatReport(evaluatePredictions(predictions.filter((p) => p.source === source)), `-- ${source} only`),
      );
  }
  const resample = numberFlag(args, 'resample', 0);
  if (resample > 0) {
    const share = numberFlag(args, 'share', 0.5);
    if (!(share > 0 && share <= 1)) throw new Error('--share must be a fraction in (0, 1]');
    out.push(
      '',
      formatSpread(
        `pipeline accuracy of people holding ${Math.round(100 * share)}% of the segments`,
        personSampleAccuracies(predictions, resample, share),
      ),
    );
  }
  if (folds.length > 0) {
    out.push(
      '',
      formatSpread(
        'pipeline accuracy',
        folds.map((f) => f.pipeline),
      ),
      formatSpread(
        'segment-level accuracy',
        folds.map((f) => f.whole),
      ),
    );
  }
  if (args.flags.has('per-person')) out.push('', perPersonTable(predictions));
  const svg = resolve(stringFlag(args, 'svg') ?? join(findRepoRoot(), 'test/output/mode-confusion.svg'));
  mkdirSync(dirname(svg), { recursive: true });
  writeFileSync(svg, confusionMatrixSvg(report, title));
  out.push('', `confusion matrix drawn to ${svg}`);
  process.stdout.write(`${out.join('\n')}\n`);
}, USAGE);
