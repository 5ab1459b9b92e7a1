/**
 * The standard recommenders the app is measured against, written for this evaluation only
 * (the app never imports them): item-kNN, EASE (Steck, WWW 2019) and implicit ALS (Hu, Koren
 * & Volinsky, ICDM 2008), on the customer × item matrix of the training lines. Each ranks
 * every item seen in training; a "discover" list leaves out what the customer bought there.
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { dot, invertSpd } from "../../app/recommend/linalg";
import type { RetailLine } from "./online-retail";

/** A model's top k for a customer known in training; `discover` leaves out the items they bought there. */
export interface Ranker {
  rank(customerId: string, k: number, discover: boolean): string[];
}

/** Customers × items of the training lines: per customer its distinct items with their invoice counts. */
export class TrainMatrix {
  /** Items in StockCode order, so ties broken by index are broken by code. */
  readonly codes: string[];
  readonly itemOf = new Map<string, number>();
  readonly customerOf = new Map<string, number>();
  readonly start: Int32Array;
  readonly item: Int32Array;
  /** Training invoices of the customer holding the item. */
  readonly count: Float64Array;

  constructor(train: readonly RetailLine[]) {
    this.codes = [...new Set(train.map((l) => l.stockCode))].sort();
    this.codes.forEach((c, i) => this.itemOf.set(c, i));
    const invoices = new Map<string, Map<number, Set<string>>>();
    for (const l of train) {
      let items = invoices.get(l.customerId);
      if (!items) invoices.set(l.customerId, (items = new Map()));
      const i = this.itemOf.get(l.stockCode)!;
      let set = items.get(i);
      if (!set) items.set(i, (set = new Set()));
      set.add(l.invoiceNo);
    }
    const customers = [...invoices.keys()].sort();
    customers.forEach((c, u) => this.customerOf.set(c, u));
    this.start = new Int32Array(customers.length + 1);
    let total = 0;
    for (const c of customers) total += invoices.get(c)!.size;
    this.item = new Int32Array(total);
    this.count = new Float64Array(total);
    let at = 0;
    customers.forEach((c, u) => {
      const entries = [...invoices.get(c)!.entries()].sort((a, b) => a[0] - b[0]);
      for (const [i, set] of entries) {
        this.item[at] = i;
        this.count[at++] = set.size;
      }
      this.start[u + 1] = at;
    });
  }

  get items(): number {
    return this.codes.length;
  }

  get customers(): number {
    return this.start.length - 1;
  }

  /** Gᵢⱼ = customers who bought both i and j (Gᵢᵢ: who bought i), m × m. */
  gram(): Float64Array {
    const m = this.items;
    const g = new Float64Array(m * m);
    for (let u = 0; u < this.customers; u++) {
      for (let a = this.start[u]; a < this.start[u + 1]; a++) {
        const row = this.item[a] * m;
        for (let b = this.start[u]; b < this.start[u + 1]; b++) g[row + this.item[b]] += 1;
      }
    }
    return g;
  }
}

/** The k best indices by score (ties: lower index first), skipping those `skip` marks. */
export function topIndices(scores: ArrayLike<number>, k: number, skip?: Uint8Array): number[] {
  const items: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (skip && skip[i]) continue;
    const s = scores[i];
    if (items.length === k && !(s > values[k - 1])) continue;
    let at = items.length < k ? items.length : k - 1;
    if (items.length < k) {
      items.push(i);
      values.push(s);
    }
    while (at > 0 && values[at - 1] < s) {
      items[at] = items[at - 1];
      values[at] = values[at - 1];
      at--;
    }
    items[at] = i;
    values[at] = s;
  }
  return items;
}

/** Ranks by a dense score per item: Σ over the customer's items of a row of an m × m matrix. */
abstract class RowSumRanker implements Ranker {
  private readonly scores: Float64Array;
  private readonly owned: Uint8Array;
  constructor(protected readonly matrix: TrainMatrix) {
    this.scores = new Float64Array(matrix.items);
    this.owned = new Uint8Array(matrix.items);
  }
  protected abstract addRow(item: number, into: Float64Array): void;

  rank(customerId: string, k: number, discover: boolean): string[] {
    const u = this.matrix.customerOf.get(customerId);
    if (u === undefined) return [];
    const { start, item, codes } = this.matrix;
    this.scores.fill(0);
    for (let a = start[u]; a < start[u + 1]; a++) this.addRow(item[a], this.scores);
    if (discover) for (let a = start[u]; a < start[u + 1]; a++) this.owned[item[a]] = 1;
    const top = topIndices(this.scores, k, discover ? this.owned : undefined);
    if (discover) for (let a = start[u]; a < start[u + 1]; a++) this.owned[item[a]] = 0;
    return top.map((i) => codes[i]);
  }
}

/**
 * Item-kNN: cosine of two items' binary customer columns, Gᵢⱼ / √(Gᵢᵢ Gⱼⱼ), every neighbour
 * kept and an item's similarity to itself (1) kept, so re-orders score as the issue's runs did.
 */
export class ItemKnnBaseline extends RowSumRanker {
  private readonly sim: Float32Array;
  constructor(matrix: TrainMatrix, gram: Float64Array) {
    super(matrix);
    const m = matrix.items;
    this.sim = new Float32Array(m * m);
    for (let i = 0; i < m; i++) {
      const gi = gram[i * m + i];
      for (let j = 0; j < m; j++) {
        const c = gram[i * m + j];
        if (c > 0) this.sim[i * m + j] = c / Math.sqrt(gi * gram[j * m + j]);
      }
    }
  }
  protected addRow(item: number, into: Float64Array): void {
    const m = this.matrix.items;
    const row = item * m;
    for (let j = 0; j < m; j++) into[j] += this.sim[row + j];
  }
}

/**
 * EASE: B = I − P · diag(1 / diag P) with P = (XᵀX + λI)⁻¹ and X binary, so Bᵢᵢ = 0 and
 * Bᵢⱼ = −Pᵢⱼ / Pⱼⱼ; a customer's scores are x_u B.
 */
export class EaseBaseline extends RowSumRanker {
  private readonly weights: Float64Array;
  /** Takes ownership of `gram` (it becomes B). */
  constructor(matrix: TrainMatrix, gram: Float64Array, lambda: number) {
    super(matrix);
    const m = matrix.items;
    for (let i = 0; i < m; i++) gram[i * m + i] += lambda;
    invertSpd(gram, m);
    const diagonal = new Float64Array(m);
    for (let j = 0; j < m; j++) diagonal[j] = gram[j * m + j];
    for (let i = 0; i < m; i++) {
      const row = i * m;
      for (let j = 0; j < m; j++) gram[row + j] = i === j ? 0 : -gram[row + j] / diagonal[j];
    }
    this.weights = gram;
  }
  protected addRow(item: number, into: Float64Array): void {
    const m = this.matrix.items;
    const row = item * m;
    for (let j = 0; j < m; j++) into[j] += this.weights[row + j];
  }
  /** Bᵢⱼ by StockCode. */
  weight(from: string, to: string): number {
    const m = this.matrix.items;
    return this.weights[this.matrix.itemOf.get(from)! * m + this.matrix.itemOf.get(to)!];
  }
}

export interface AlsOptions {
  factors: number;
  regularization: number;
  iterations: number;
  /** Conjugate-gradient steps per row and sweep (Takács, Pilászy & Tikk 2011). */
  cgSteps: number;
  seed: number;
}

export const ALS_DEFAULTS: AlsOptions = { factors: 64, regularization: 0.1, iterations: 15, cgSteps: 3, seed: 42 };

/**
 * Implicit ALS: preference 1 where the customer bought the item, confidence 1 + count
 * (count = training invoices with it), minimising Σ c (p − xᵤ·yᵢ)² + λ(‖X‖² + ‖Y‖²) by
 * alternating sweeps, each row solved by a few conjugate-gradient steps warm-started from
 * its previous value (as the `implicit` library does).
 */
export class AlsBaseline implements Ranker {
  readonly userFactors: Float64Array;
  readonly itemFactors: Float64Array;
  private readonly f: number;
  private readonly scores: Float64Array;
  private readonly owned: Uint8Array;

  constructor(
    private readonly matrix: TrainMatrix,
    options: Partial<AlsOptions> = {},
  ) {
    const o = { ...ALS_DEFAULTS, ...options };
    const f = (this.f = o.factors);
    const rng = xoroshiro128plus(o.seed);
    const init = (n: number) => Float64Array.from({ length: n * f }, () => uniformFloat64(rng) * 0.01);
    this.userFactors = init(matrix.customers);
    this.itemFactors = init(matrix.items);
    // The transpose: per item its customers and counts.
    const m = matrix.items;
    const iStart = new Int32Array(m + 1);
    for (let a = 0; a < matrix.item.length; a++) iStart[matrix.item[a] + 1]++;
    for (let i = 0; i < m; i++) iStart[i + 1] += iStart[i];
    const fill = iStart.slice(0, m);
    const iUser = new Int32Array(matrix.item.length);
    const iCount = new Float64Array(matrix.item.length);
    for (let u = 0; u < matrix.customers; u++) {
      for (let a = matrix.start[u]; a < matrix.start[u + 1]; a++) {
        const slot = fill[matrix.item[a]]++;
        iUser[slot] = u;
        iCount[slot] = matrix.count[a];
      }
    }
    for (let it = 0; it < o.iterations; it++) {
      sweep(this.userFactors, this.itemFactors, matrix.start, matrix.item, matrix.count, f, o);
      sweep(this.itemFactors, this.userFactors, iStart, iUser, iCount, f, o);
    }
    this.scores = new Float64Array(m);
    this.owned = new Uint8Array(m);
  }

  rank(customerId: string, k: number, discover: boolean): string[] {
    const u = this.matrix.customerOf.get(customerId);
    if (u === undefined) return [];
    const { f } = this;
    for (let i = 0; i < this.matrix.items; i++)
      this.scores[i] = dot(this.userFactors, u * f, this.itemFactors, i * f, f);
    const { start, item, codes } = this.matrix;
    if (discover) for (let a = start[u]; a < start[u + 1]; a++) this.owned[item[a]] = 1;
    const top = topIndices(this.scores, k, discover ? this.owned : undefined);
    if (discover) for (let a = start[u]; a < start[u + 1]; a++) this.owned[item[a]] = 0;
    return top.map((i) => codes[i]);
  }
}

/** One half-sweep: every row of `solve` refitted against the fixed `fixed` factors. */
function sweep(
  solve: Float64Array,
  fixed: Float64Array,
  start: Int32Array,
  other: Int32Array,
  count: Float64Array,
  f: number,
  o: AlsOptions,
): void {
  const rows = start.length - 1;
  const others = fixed.length / f;
  // YᵀY + λI, shared by every row.
  const yty = new Float64Array(f * f);
  for (let i = 0; i < others; i++) {
    const off = i * f;
    for (let a = 0; a < f; a++) {
      const ya = fixed[off + a];
      if (ya === 0) continue;
      for (let b = 0; b < f; b++) yty[a * f + b] += ya * fixed[off + b];
    }
  }
  for (let a = 0; a < f; a++) yty[a * f + a] += o.regularization;
  const r = new Float64Array(f);
  const p = new Float64Array(f);
  const ap = new Float64Array(f);
  for (let u = 0; u < rows; u++) {
    const x = u * f;
    // r = b − A x, A = YᵀY + λI + Σ (c − 1) yᵢyᵢᵀ, b = Σ c yᵢ.
    for (let a = 0; a < f; a++) r[a] = -dot(yty, a * f, solve, x, f);
    for (let e = start[u]; e < start[u + 1]; e++) {
      const c = 1 + count[e];
      const y = other[e] * f;
      const t = c - (c - 1) * dot(fixed, y, solve, x, f);
      for (let a = 0; a < f; a++) r[a] += t * fixed[y + a];
    }
    p.set(r);
    let rsOld = dot(r, 0, r, 0, f);
    if (rsOld < 1e-20) continue;
    for (let step = 0; step < o.cgSteps; step++) {
      for (let a = 0; a < f; a++) ap[a] = dot(yty, a * f, p, 0, f);
      for (let e = start[u]; e < start[u + 1]; e++) {
        const y = other[e] * f;
        const t = count[e] * dot(fixed, y, p, 0, f);
        for (let a = 0; a < f; a++) ap[a] += t * fixed[y + a];
      }
      const alpha = rsOld / dot(p, 0, ap, 0, f);
      for (let a = 0; a < f; a++) {
        solve[x + a] += alpha * p[a];
        r[a] -= alpha * ap[a];
      }
      const rsNew = dot(r, 0, r, 0, f);
      if (rsNew < 1e-20) break;
      for (let a = 0; a < f; a++) p[a] = r[a] + (rsNew / rsOld) * p[a];
      rsOld = rsNew;
    }
  }
}
