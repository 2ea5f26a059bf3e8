import type { GbdtModel, GbdtTree } from './gbdt';
import { softmax } from './gbdt';

export interface GbdtTrainOptions {
  rounds?: number;
  learningRate?: number;
  maxDepth?: number;
  /** Minimum sum of hessians in a child. */
  minChildWeight?: number;
  /** L2 regularisation of leaf values. */
  lambda?: number;
  /** Fraction of rows sampled per round. */
  subsample?: number;
  /** Fraction of features sampled per tree. */
  colsample?: number;
  /** Quantile bins per feature (≤ 255). */
  maxBins?: number;
  seed?: number;
}

export interface GbdtTrainingSet {
  /** Row-major features, `rows × features.length`; NaN is missing. */
  x: Float64Array;
  /** Class index per row. */
  y: Uint8Array;
  /** Weight per row. */
  weight: Float64Array;
  classes: string[];
  features: string[];
}

const DEFAULTS: Required<GbdtTrainOptions> = {
  rounds: 200,
  learningRate: 0.1,
  maxDepth: 4,
  minChildWeight: 1,
  lambda: 1,
  subsample: 0.8,
  colsample: 0.8,
  maxBins: 64,
  seed: 1,
};

/** Mulberry32: a small seeded generator, so training is reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Binned {
  /** Column-major bin index; `cuts[f].length` is the missing bin. */
  bins: Uint8Array;
  cuts: Float64Array[];
}

function binFeatures(set: GbdtTrainingSet, maxBins: number): Binned {
  const p = set.features.length;
  const n = set.y.length;
  const bins = new Uint8Array(n * p);
  const cuts: Float64Array[] = [];
  for (let f = 0; f < p; f++) {
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = set.x[i * p + f];
      if (!Number.isNaN(v)) values.push(v);
    }
    values.sort((a, b) => a - b);
    const unique: number[] = [];
    for (const v of values) if (unique.length === 0 || unique[unique.length - 1] !== v) unique.push(v);
    let featureCuts: number[];
    if (unique.length <= maxBins) featureCuts = unique.slice(0, -1).map((v, i) => (v + unique[i + 1]) / 2);
    else {
      featureCuts = [];
      for (let b = 1; b < maxBins; b++) {
        const v = values[Math.floor((b * values.length) / maxBins)];
        const lower = values[Math.floor((b * values.length) / maxBins) - 1];
        const cut = (v + lower) / 2;
        if (featureCuts.length === 0 || cut > featureCuts[featureCuts.length - 1]) featureCuts.push(cut);
      }
    }
    const c = Float64Array.from(featureCuts);
    cuts.push(c);
    for (let i = 0; i < n; i++) {
      const v = set.x[i * p + f];
      let bin: number;
      if (Number.isNaN(v)) bin = c.length + 1;
      else {
        let lo = 0;
        let hi = c.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (v <= c[mid]) hi = mid;
          else lo = mid + 1;
        }
        bin = lo;
      }
      bins[f * n + i] = bin;
    }
  }
  return { bins, cuts };
}

interface NodeWork {
  node: number;
  rows: Int32Array;
  depth: number;
}

/** Builds one regression tree on gradients/hessians (XGBoost's exact-gain formula over histogram bins). */
function buildTree(
  binned: Binned,
  n: number,
  features: number[],
  rows: Int32Array,
  g: Float64Array,
  h: Float64Array,
  o: Required<GbdtTrainOptions>,
): GbdtTree {
  const tree: GbdtTree = { feature: [], threshold: [], left: [], right: [], value: [], missingLeft: [] };
  const addNode = () => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    tree.missingLeft.push(0);
    return tree.feature.length - 1;
  };
  const leafValue = (G: number, H: number) => (-G / (H + o.lambda)) * o.learningRate;
  const stack: NodeWork[] = [{ node: addNode(), rows, depth: 0 }];
  const histG = new Float64Array(257);
  const histH = new Float64Array(257);
  while (stack.length) {
    const work = stack.pop()!;
    let G = 0;
    let H = 0;
    for (const r of work.rows) {
      G += g[r];
      H += h[r];
    }
    tree.value[work.node] = leafValue(G, H);
    if (work.depth >= o.maxDepth || H < 2 * o.minChildWeight) continue;
    const parentScore = (G * G) / (H + o.lambda);
    let bestGain = 1e-9;
    let bestFeature = -1;
    let bestBin = -1;
    let bestMissingLeft = false;
    for (const f of features) {
      const nCuts = binned.cuts[f].length;
      if (nCuts === 0) continue;
      const missingBin = nCuts + 1;
      histG.fill(0, 0, missingBin + 1);
      histH.fill(0, 0, missingBin + 1);
      const base = f * n;
      for (const r of work.rows) {
        const b = binned.bins[base + r];
        histG[b] += g[r];
        histH[b] += h[r];
      }
      const mG = histG[missingBin];
      const mH = histH[missingBin];
      let lG = 0;
      let lH = 0;
      for (let b = 0; b < nCuts; b++) {
        lG += histG[b];
        lH += histH[b];
        const rG = G - mG - lG;
        const rH = H - mH - lH;
        for (const missingLeft of [false, true]) {
          const LG = missingLeft ? lG + mG : lG;
          const LH = missingLeft ? lH + mH : lH;
          const RG = missingLeft ? rG : rG + mG;
          const RH = missingLeft ? rH : rH + mH;
          if (LH < o.minChildWeight || RH < o.minChildWeight) continue;
          const gain = (LG * LG) / (LH + o.lambda) + (RG * RG) / (RH + o.lambda) - parentScore;
          if (gain > bestGain) {
            bestGain = gain;
            bestFeature = f;
            bestBin = b;
            bestMissingLeft = missingLeft;
          }
          if (mH === 0) break;
        }
      }
    }
    if (bestFeature < 0) continue;
    const missingBin = binned.cuts[bestFeature].length + 1;
    const leftRows: number[] = [];
    const rightRows: number[] = [];
    const base = bestFeature * n;
    for (const r of work.rows) {
      const b = binned.bins[base + r];
      const goLeft = b === missingBin ? bestMissingLeft : b <= bestBin;
      (goLeft ? leftRows : rightRows).push(r);
    }
    const left = addNode();
    const right = addNode();
    tree.feature[work.node] = bestFeature;
    tree.threshold[work.node] = binned.cuts[bestFeature][bestBin];
    tree.left[work.node] = left;
    tree.right[work.node] = right;
    tree.missingLeft[work.node] = bestMissingLeft ? 1 : 0;
    tree.value[work.node] = 0;
    stack.push({ node: left, rows: Int32Array.from(leftRows), depth: work.depth + 1 });
    stack.push({ node: right, rows: Int32Array.from(rightRows), depth: work.depth + 1 });
  }
  return tree;
}

/**
 * Trains a softmax GBDT (histogram splits, row and column subsampling, L2-regularised leaves).
 * Deterministic for a given seed. Small and dependency-free: the training sets here are tens of
 * thousands of legs, which it fits in well under a minute.
 */
export function trainGbdt(set: GbdtTrainingSet, options: GbdtTrainOptions = {}): GbdtModel {
  const o = { ...DEFAULTS, ...options };
  const p = set.features.length;
  const n = set.y.length;
  const k = set.classes.length;
  const random = rng(o.seed);
  const binned = binFeatures(set, Math.min(255, o.maxBins));
  const prior = new Float64Array(k);
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    prior[set.y[i]] += set.weight[i];
    totalWeight += set.weight[i];
  }
  const baseScore = Array.from(prior, (w) => Math.log(Math.max(w, 1e-6) / totalWeight));
  const scores = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) scores[i * k + c] = baseScore[c];
  const trees: GbdtTree[][] = [];
  const probs = new Float64Array(n * k);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let round = 0; round < o.rounds; round++) {
    for (let i = 0; i < n; i++) {
      const pr = softmax(scores.slice(i * k, i * k + k));
      probs.set(pr, i * k);
    }
    const sampled: number[] = [];
    for (let i = 0; i < n; i++) if (random() < o.subsample) sampled.push(i);
    const rows = Int32Array.from(sampled);
    const roundTrees: GbdtTree[] = [];
    for (let c = 0; c < k; c++) {
      for (let i = 0; i < n; i++) {
        const pc = probs[i * k + c];
        const target = set.y[i] === c ? 1 : 0;
        g[i] = (pc - target) * set.weight[i];
        h[i] = Math.max(pc * (1 - pc), 1e-6) * set.weight[i];
      }
      const features: number[] = [];
      for (let f = 0; f < p; f++) if (random() < o.colsample) features.push(f);
      if (features.length === 0) features.push(Math.floor(random() * p));
      const tree = buildTree(binned, n, features, rows, g, h, o);
      roundTrees.push(tree);
      for (let i = 0; i < n; i++) {
        let node = 0;
        while (tree.feature[node] >= 0) {
          const b = binned.bins[tree.feature[node] * n + i];
          const missing = b === binned.cuts[tree.feature[node]].length + 1;
          const v = set.x[i * p + tree.feature[node]];
          node = (missing ? tree.missingLeft[node] === 1 : v <= tree.threshold[node]) ? tree.left[node] : tree.right[node];
        }
        scores[i * k + c] += tree.value[node];
      }
    }
    trees.push(roundTrees);
  }
  return { classes: [...set.classes], features: [...set.features], baseScore, trees: trees.map((round) => round.map(compactTree)) };
}

/** Seven significant digits are more than the data's precision, and halve the model file. */
const sig = (x: number) => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(7)));

/** Rounds thresholds and leaf values to 7 significant digits (cuts are midpoints between data values, far wider apart). */
function compactTree(tree: GbdtTree): GbdtTree {
  return { ...tree, threshold: tree.threshold.map((t) => sig(t)), value: tree.value.map(sig) };
}
