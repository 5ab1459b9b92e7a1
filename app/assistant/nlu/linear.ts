import type { SparseMatrix, SparseVector } from "./features";

/** Deterministic PRNG (mulberry32): training is reproducible for a given seed. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LinearSvmOptions {
  /** Inverse regularisation strength. */
  C: number;
  /** Stopping tolerance on the projected-gradient gap (LIBLINEAR's default for this solver). */
  epsilon: number;
  maxIterations: number;
  seed: number;
}

export const DEFAULT_SVM_OPTIONS: LinearSvmOptions = { C: 1, epsilon: 0.1, maxIterations: 1000, seed: 1 };

/**
 * One-vs-rest linear model: weights stored feature-major (`weights[feature * classes + class]`)
 * so that scoring a sparse vector reads one contiguous row per feature.
 */
export interface LinearModel {
  classes: number;
  dimension: number;
  weights: Float32Array;
  bias: Float32Array;
}

/** Raw decision values for every class, written into `out` (length `model.classes`). */
export function decisionValues(model: LinearModel, x: SparseVector, out: Float64Array): Float64Array {
  const k = model.classes;
  for (let c = 0; c < k; c++) out[c] = model.bias[c];
  const { indices, values } = x;
  const w = model.weights;
  for (let j = 0; j < indices.length; j++) {
    const row = indices[j] * k;
    const v = values[j];
    for (let c = 0; c < k; c++) out[c] += v * w[row + c];
  }
  return out;
}

/**
 * Trains one L2-regularised, squared-hinge-loss SVM per class by dual coordinate descent with
 * shrinking (Hsieh et al., ICML 2008; the algorithm behind LIBLINEAR and scikit-learn's
 * LinearSVC). A constant bias feature of 1 is appended, regularised like the others.
 */
export function trainLinearSvm(
  x: SparseMatrix,
  labels: Int32Array,
  classes: number,
  dimension: number,
  options: Partial<LinearSvmOptions> = {},
): LinearModel {
  const { C, epsilon, maxIterations, seed } = { ...DEFAULT_SVM_OPTIONS, ...options };
  const { rows: n, indptr, indices, values } = x;
  const diag = 0.5 / C;
  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sq = 1 + diag; // 1 for the bias feature
    for (let p = indptr[i]; p < indptr[i + 1]; p++) sq += values[p] * values[p];
    qd[i] = sq;
  }
  const weights = new Float32Array(dimension * classes);
  const bias = new Float32Array(classes);
  const w = new Float64Array(dimension);
  const alpha = new Float64Array(n);
  const index = new Int32Array(n);
  const random = createRandom(seed);

  for (let c = 0; c < classes; c++) {
    w.fill(0);
    alpha.fill(0);
    let b = 0;
    for (let i = 0; i < n; i++) index[i] = i;
    let active = n;
    let pgMaxOld = Infinity;
    for (let iteration = 0; iteration < maxIterations; iteration++) {
      let pgMaxNew = -Infinity;
      let pgMinNew = Infinity;
      for (let s = 0; s < active; s++) {
        const r = s + Math.floor(random() * (active - s));
        const tmp = index[s];
        index[s] = index[r];
        index[r] = tmp;
      }
      for (let s = 0; s < active; s++) {
        const i = index[s];
        const y = labels[i] === c ? 1 : -1;
        const from = indptr[i];
        const to = indptr[i + 1];
        let dot = b;
        for (let p = from; p < to; p++) dot += w[indices[p]] * values[p];
        const g = y * dot - 1 + alpha[i] * diag;
        let pg = 0;
        if (alpha[i] === 0) {
          if (g > pgMaxOld) {
            // Shrinking: a point well outside the margin is unlikely to become a support vector.
            active--;
            index[s] = index[active];
            index[active] = i;
            s--;
            continue;
          }
          if (g < 0) pg = g;
        } else {
          pg = g;
        }
        if (pg > pgMaxNew) pgMaxNew = pg;
        if (pg < pgMinNew) pgMinNew = pg;
        if (Math.abs(pg) > 1e-12) {
          const old = alpha[i];
          const next = Math.max(old - g / qd[i], 0);
          alpha[i] = next;
          const d = (next - old) * y;
          for (let p = from; p < to; p++) w[indices[p]] += d * values[p];
          b += d;
        }
      }
      if (pgMaxNew - pgMinNew <= epsilon) {
        if (active === n) break;
        active = n;
        pgMaxOld = Infinity;
        continue;
      }
      pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
    }
    for (let f = 0; f < dimension; f++) weights[f * classes + c] = w[f];
    bias[c] = b;
  }
  return { classes, dimension, weights, bias };
}
