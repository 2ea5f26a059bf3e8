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

function treeValue(tree: GbdtTree, x: ArrayLike<number>): number {
  let node = 0;
  while (tree.feature[node] >= 0) {
    const v = x[tree.feature[node]];
    const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= tree.threshold[node];
    node = goLeft ? tree.left[node] : tree.right[node];
  }
  return tree.value[node];
}

/** Raw additive scores (logits) per class. */
export function gbdtScores(model: GbdtModel, x: ArrayLike<number>): Float64Array {
  const k = model.classes.length;
  const scores = Float64Array.from(model.baseScore);
  for (const round of model.trees) {
    for (let c = 0; c < k; c++) scores[c] += treeValue(round[c], x);
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
