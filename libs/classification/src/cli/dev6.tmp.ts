import { readLabelledSegments } from '../training/labelled-segments';
import { evaluatePredictions, formatReport } from '../training/evaluation';
import { crossValidate } from '../training/cross-validate';
const segs = readLabelledSegments(['/work/shared/data/geolife', '/work/shared/data/gotrack_uci', '/work/shared/data/aalto_trafficsense']);
const t = Date.now();
const seg = { ...(process.env.NOSEG ? { segmentation: { minWalkRunS: 1e9, minMoveRunS: 1e9, stayMinS: 1e9 } } : {}), motion: { minStepS: Number(process.env.STEP ?? 4) } };
const prior = process.env.PRIOR ? { walk: 37, bike: 17, bus: 21, car: 16, train: 9 } : undefined;
const preds = crossValidate(segs, 5, { name: 'cv', pipeline: seg, classPrior: prior, gbdt: { rounds: Number(process.env.ROUNDS ?? 150), maxDepth: Number(process.env.DEPTH ?? 4) }, decision: { unknownBelow: 0, bikeMinProbability: Number(process.env.BIKEMIN ?? 0) }, onFold: (f) => console.log('fold', f, Date.now() - t) });
console.log(formatReport(evaluatePredictions(preds), 'local model, person-grouped 5-fold CV'));
