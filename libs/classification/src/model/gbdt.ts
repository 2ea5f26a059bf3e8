/**
 * Gradient-boosted decision trees (multi-class, softmax), stored as plain JSON. One tree per class
 * per round; each tree is parallel arrays of nodes so a model file stays compact and inference
 * is a few array reads per level.
 */
export interface GbdtTree {
  /** Feature index of each node, or -1 for a leaf. */
  feature: number[];
  /** Split: `x <= threshold` goes left. */
  threshold: number[];
  left: number[];
  right: number[];
  /** Leaf value (already scaled by the learning rate); 0 on inner nodes. */
  value: number[];
  /** 1 when a missing (NaN) value goes left. */
  missingLeft: number[];
}

export interface GbdtModel {
  /** Class labels, in score order. */
  classes: string[];
  /** Feature names, in input order. */
  features: string[];
  /** Initial score per class (log prior). */
  baseScore: number[];
  /** `trees[round][class]`. */
  trees: GbdtTree[][];
}

/**
 * A model's trees packed into typed arrays, all trees end to end (node ids offset per tree): the
 * JSON arrays are generic `number[]`s, and a bagged model reads thousands of nodes per leg.
 */
interface PackedTrees {
  /** First node of tree `round * classes + class`. */
  root: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  missingLeft: Uint8Array;
}

const packedOf = new WeakMap<GbdtModel, PackedTrees>();

function pack(model: GbdtModel): PackedTrees {
  const k = model.classes.length;
  const trees = model.trees.flat();
  const nodes = trees.reduce((a, t) => a + t.feature.length, 0);
  const packed: PackedTrees = {
    root: new Int32Array(model.trees.length * k),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    value: new Float64Array(nodes),
    missingLeft: new Uint8Array(nodes),
  };
  let offset = 0;
  trees.forEach((tree, i) => {
    packed.root[i] = offset;
    for (let n = 0; n < tree.feature.length; n++) {
      packed.feature[offset + n] = tree.feature[n];
      packed.threshold[offset + n] = tree.threshold[n];
      packed.left[offset + n] = offset + tree.left[n];
      packed.right[offset + n] = offset + tree.right[n];
      packed.value[offset + n] = tree.value[n];
      packed.missingLeft[offset + n] = tree.missingLeft[n];
    }
    offset += tree.feature.length;
  });
  return packed;
}

/** Raw additive scores (logits) per class. */
export function gbdtScores(model: GbdtModel, x: ArrayLike<number>): Float64Array {
  const k = model.classes.length;
  const scores = Float64Array.from(model.baseScore);
  let packed = packedOf.get(model);
  if (!packed) packedOf.set(model, (packed = pack(model)));
  const { root, feature, threshold, left, right, value, missingLeft } = packed;
  for (let i = 0; i < root.length; i++) {
    let node = root[i];
    while (feature[node] >= 0) {
      const v = x[feature[node]];
      const goLeft = v !== v ? missingLeft[node] === 1 : v <= threshold[node];
      node = goLeft ? left[node] : right[node];
    }
    scores[i % k] += value[node];
  }
  return scores;
}

/** Softmax, in place. */
export function softmax(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = Math.exp(scores[i] - max);
    sum += scores[i];
  }
  for (let i = 0; i < scores.length; i++) scores[i] /= sum;
  return scores;
}

/** Class probabilities for one feature vector (ordered as `model.features`). */
export function gbdtPredict(model: GbdtModel, x: ArrayLike<number>): Float64Array {
  return softmax(gbdtScores(model, x));
}

/**
 * The average of several models over the same classes and features, as one model: softmax of the
 * mean of their scores. Each tree's leaves are divided by the number of models, so inference stays
 * one pass over all trees. Averaging models trained on different draws of data (bagging) cuts the
 * variance one draw leaves in the model.
 */
export function averageGbdt(models: readonly GbdtModel[]): GbdtModel {
  if (models.length === 0) throw new Error('averageGbdt needs at least one model');
  const [first] = models;
  for (const m of models) {
    if (m.classes.join() !== first.classes.join() || m.features.join() !== first.features.join())
      throw new Error('averageGbdt: models must share classes and features');
  }
  const k = models.length;
  const scale = (tree: GbdtTree): GbdtTree => ({ ...tree, value: tree.value.map((v) => v / k) });
  return {
    classes: [...first.classes],
    features: [...first.features],
    baseScore: first.baseScore.map((_, c) => models.reduce((a, m) => a + m.baseScore[c], 0) / k),
    trees: models.flatMap((m) => m.trees.map((round) => round.map(scale))),
  };
}
