import type { SparseVector } from "./features";
import { createRandom } from "./linear";

/*
 * A one-hidden-layer network over the same sparse TF-IDF vectors as the SVM, trained from
 * scratch (no pretrained weights) by plain SGD with a linearly decaying step, as fastText
 * trains. Its hidden layer learns combinations of words and character n-grams that a linear
 * model cannot, so its log-probabilities added to the SVM's decision values fix some of the
 * SVM's confusions between neighbouring intents (docs/decisions/0091).
 */

export interface MlpOptions {
  hidden: number;
  epochs: number;
  /** Initial SGD step; it decays linearly to 0 over all epochs. */
  learningRate: number;
  /** Dropout on the hidden layer while training. */
  dropout: number;
  /** Half-width of the uniform initialisation of the input weights. */
  initScale: number;
  seed: number;
}

export const DEFAULT_MLP_OPTIONS: MlpOptions = {
  hidden: 128,
  epochs: 5,
  learningRate: 0.2,
  dropout: 0.3,
  initScale: 0.1,
  seed: 1,
};

export interface MlpModel {
  classes: number;
  hidden: number;
  /** Input weights, feature-major: `inputWeights[feature * hidden + unit]`. */
  inputWeights: Float32Array;
  hiddenBias: Float32Array;
  /** Output weights, unit-major: `outputWeights[unit * classes + class]`. */
  outputWeights: Float32Array;
  outputBias: Float32Array;
}

export function trainMlp(
  rows: readonly SparseVector[],
  labels: Int32Array,
  classes: number,
  dimension: number,
  options: Partial<MlpOptions> = {},
): MlpModel {
  const { hidden: H, epochs, learningRate, dropout, initScale, seed } = { ...DEFAULT_MLP_OPTIONS, ...options };
  const K = classes;
  const random = createRandom(seed);
  const W1 = new Float32Array(dimension * H);
  for (let i = 0; i < W1.length; i++) W1[i] = (random() * 2 - 1) * initScale;
  const b1 = new Float32Array(H);
  const W2 = new Float32Array(H * K);
  const scale2 = Math.sqrt(6 / (H + K));
  for (let i = 0; i < W2.length; i++) W2[i] = (random() * 2 - 1) * scale2;
  const b2 = new Float32Array(K);
  const h = new Float32Array(H);
  const keep = new Float32Array(H);
  const gradHidden = new Float32Array(H);
  const p = new Float64Array(K);
  const order = Int32Array.from({ length: rows.length }, (_, i) => i);
  const total = Math.max(1, epochs * rows.length);
  const inverseKeep = 1 / (1 - dropout);
  let step = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (const n of order) {
      const lr = learningRate * (1 - step / total);
      step++;
      const { indices, values } = rows[n];
      h.set(b1);
      for (let a = 0; a < indices.length; a++) {
        const row = indices[a] * H;
        const v = values[a];
        for (let k = 0; k < H; k++) h[k] += v * W1[row + k];
      }
      for (let k = 0; k < H; k++) {
        keep[k] = h[k] > 0 && random() >= dropout ? inverseKeep : 0;
        h[k] *= keep[k];
      }
      let max = -Infinity;
      for (let c = 0; c < K; c++) {
        let s = b2[c];
        for (let k = 0; k < H; k++) s += h[k] * W2[k * K + c];
        p[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < K; c++) {
        p[c] = Math.exp(p[c] - max);
        sum += p[c];
      }
      for (let c = 0; c < K; c++) p[c] /= sum;
      // Gradient of the cross-entropy with respect to the logits.
      p[labels[n]] -= 1;
      for (let k = 0; k < H; k++) {
        gradHidden[k] = 0;
        if (h[k] === 0) continue;
        let g = 0;
        const hk = h[k];
        const row = k * K;
        for (let c = 0; c < K; c++) {
          g += p[c] * W2[row + c];
          W2[row + c] -= lr * p[c] * hk;
        }
        gradHidden[k] = g * keep[k];
      }
      for (let c = 0; c < K; c++) b2[c] -= lr * p[c];
      for (let k = 0; k < H; k++) b1[k] -= lr * gradHidden[k];
      for (let a = 0; a < indices.length; a++) {
        const row = indices[a] * H;
        const v = values[a] * lr;
        for (let k = 0; k < H; k++) W1[row + k] -= v * gradHidden[k];
      }
    }
  }
  return { classes: K, hidden: H, inputWeights: W1, hiddenBias: b1, outputWeights: W2, outputBias: b2 };
}

/** Log-probabilities of every class for one vector, written into `out`; `scratch` has `model.hidden` slots. */
export function mlpLogProbabilities(
  model: MlpModel,
  x: SparseVector,
  out: Float64Array,
  scratch: Float32Array = new Float32Array(model.hidden),
): Float64Array {
  const { hidden: H, classes: K, inputWeights: W1, outputWeights: W2 } = model;
  const h = scratch;
  h.set(model.hiddenBias);
  for (let a = 0; a < x.indices.length; a++) {
    const row = x.indices[a] * H;
    // Features unseen in training have no row (the featurizer drops them), so every row exists.
    const v = x.values[a];
    for (let k = 0; k < H; k++) h[k] += v * W1[row + k];
  }
  let max = -Infinity;
  for (let c = 0; c < K; c++) {
    let s = model.outputBias[c];
    for (let k = 0; k < H; k++) if (h[k] > 0) s += h[k] * W2[k * K + c];
    out[c] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let c = 0; c < K; c++) sum += Math.exp(out[c] - max);
  const logSum = Math.log(sum) + max;
  for (let c = 0; c < K; c++) out[c] -= logSum;
  return out;
}
