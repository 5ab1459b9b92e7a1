import { createRandom } from "./linear";

/**
 * Assigns each item to one of `k` folds so that every label is spread as evenly as possible
 * over the folds (stratified k-fold). Deterministic for a given seed.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 1): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer >= 2, got ${k}`);
  const random = createRandom(seed);
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = byLabel.get(label);
    if (list) list.push(i);
    else byLabel.set(label, [i]);
  });
  const folds = new Int32Array(labels.length);
  // Labels are visited in a fixed order and each one continues where the previous left off,
  // so that small classes do not all pile into fold 0.
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const items = byLabel.get(label)!;
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    for (const item of items) {
      folds[item] = next;
      next = (next + 1) % k;
    }
  }
  return folds;
}
