/** Classification metrics from labels and predictions (classes 0 … classes − 1). */
export interface Metrics {
  count: number;
  accuracy: number;
  /** Unweighted mean of the per-class F1 scores (a class never predicted nor present scores 0). */
  macroF1: number;
  perClass: { precision: number; recall: number; f1: number; support: number }[];
  /** confusion[true][predicted]. */
  confusion: number[][];
  /** Share of the most frequent true class: the accuracy of always predicting it. */
  majorityRate: number;
}

export function classificationMetrics(labels: ArrayLike<number>, predictions: ArrayLike<number>, classes = 3): Metrics {
  if (labels.length !== predictions.length) throw new RangeError(`${labels.length} labels but ${predictions.length} predictions`);
  const n = labels.length;
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let correct = 0;
  for (let i = 0; i < n; i++) {
    confusion[labels[i]][predictions[i]]++;
    if (labels[i] === predictions[i]) correct++;
  }
  const perClass = confusion.map((row, c) => {
    const tp = row[c];
    const support = row.reduce((a, b) => a + b, 0);
    const predicted = confusion.reduce((a, r) => a + r[c], 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { precision, recall, f1, support };
  });
  return {
    count: n,
    accuracy: n ? correct / n : 0,
    macroF1: perClass.reduce((a, c) => a + c.f1, 0) / classes,
    perClass,
    confusion,
    majorityRate: n ? Math.max(...perClass.map((c) => c.support)) / n : 0,
  };
}

/** Index of the largest value in each row of a [rows × classes] block; ties go to the lower class. */
export function argmaxRows(logits: ArrayLike<number>, classes: number): Uint8Array {
  const rows = logits.length / classes;
  const out = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[r * classes + c] > logits[r * classes + best]) best = c;
    out[r] = best;
  }
  return out;
}
