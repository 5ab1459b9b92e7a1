import { invertSpd } from "./linalg";

const DAY_MS = 86_400_000;

/**
 * The learned item-to-item model: EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse
 * Data", WWW 2019) over the most bought products. With X the binary customer × product matrix,
 * P = (XᵀX + λI)⁻¹ and B = −P / diag(P) with a zero diagonal: a customer's score for j is
 * Σ B[h][j] over the products h they bought. Unlike co-purchase counts, B is fitted to predict
 * each product from all the others at once, so a product that merely sells with everything
 * (a bestseller) does not crowd the neighbours of a rarer one.
 */
export interface LearnedModel {
  /** The products covered, one row each, in product order. */
  readonly items: Int32Array;
  /** Per product of the index: its row, or -1 when the model does not cover it. */
  readonly slot: Int32Array;
  /** rows × rows, row-major: row h is what having bought items[h] adds to each covered product. */
  readonly weights: Float32Array;
  readonly customers: number;
  readonly buildMs: number;
}

export interface LearnedInput {
  /** Products in the index. */
  productCount: number;
  /** Per customer (CSR): their purchases, product and time. */
  customers: { start: Int32Array; item: Int32Array; time: Float64Array };
  asOf: number;
}

export interface LearnedOptions {
  learnedItems: number;
  learnedLambda: number;
  learnedDays: number;
}

/** Null when there is nothing to learn from (fewer than two products bought) or the model is switched off. */
export function buildLearnedModel(
  input: LearnedInput,
  options: LearnedOptions,
  shouldStop?: () => boolean,
): LearnedModel | null {
  const started = performance.now();
  const { productCount: n, customers, asOf } = input;
  if (options.learnedItems < 2) return null;
  const since = options.learnedDays > 0 ? asOf - options.learnedDays * DAY_MS : -Infinity;
  const customerCount = customers.start.length - 1;

  // Distinct buyers per product in the window (a product counts once per customer).
  const buyers = new Int32Array(n);
  const seen = new Int32Array(n).fill(-1);
  for (let c = 0; c < customerCount; c++) {
    for (let k = customers.start[c]; k < customers.start[c + 1]; k++) {
      const p = customers.item[k];
      const t = customers.time[k];
      if (t < since || t > asOf || seen[p] === c) continue;
      seen[p] = c;
      buyers[p]++;
    }
  }
  const bought: number[] = [];
  for (let p = 0; p < n; p++) if (buyers[p] > 0) bought.push(p);
  if (bought.length < 2) return null;
  bought.sort((a, b) => buyers[b] - buyers[a] || a - b);
  const items = Int32Array.from(bought.slice(0, options.learnedItems)).sort();
  const m = items.length;
  const slot = new Int32Array(n).fill(-1);
  items.forEach((p, r) => (slot[p] = r));

  // G = XᵀX over the covered products: Σ over customers of their distinct products' outer product.
  const gram = new Float64Array(m * m);
  seen.fill(-1);
  const rows: number[] = [];
  let used = 0;
  for (let c = 0; c < customerCount; c++) {
    rows.length = 0;
    for (let k = customers.start[c]; k < customers.start[c + 1]; k++) {
      const p = customers.item[k];
      const t = customers.time[k];
      const r = slot[p];
      if (r < 0 || t < since || t > asOf || seen[p] === c) continue;
      seen[p] = c;
      rows.push(r);
    }
    if (rows.length === 0) continue;
    used++;
    for (const a of rows) {
      const row = a * m;
      for (const b of rows) gram[row + b] += 1;
    }
  }
  for (let r = 0; r < m; r++) gram[r * m + r] += options.learnedLambda;
  invertSpd(gram, m, shouldStop);
  const weights = new Float32Array(m * m);
  for (let i = 0; i < m; i++) {
    const row = i * m;
    for (let j = 0; j < m; j++) if (i !== j) weights[row + j] = -gram[row + j] / gram[j * m + j];
  }
  return { items, slot, weights, customers: used, buildMs: performance.now() - started };
}
