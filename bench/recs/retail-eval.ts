import { buildRecommenderIndex, recommend, type CatalogProduct, type OrderLine } from "../../app/recommend/engine";
import type { RecommenderOptionsInput } from "../../app/recommend/options";
import type { StrategyWeights } from "../../app/recommend/types";
import { RankingMeans } from "./metrics";
import type { RetailLine } from "./online-retail";

const DAY_MS = 86_400_000;
export const K = 10;
/** The popularity baseline's window: the last 30 days of the training period. */
export const POPULARITY_DAYS = 30;

export interface ModelScores {
  hr10: number;
  ndcg10: number;
  hr10Novel: number;
  ndcg10Novel: number;
}

export interface RetailEvaluation {
  customers: number;
  novelCustomers: number;
  products: number;
  trainLines: number;
  buildSeconds: number;
  models: { app: ModelScores; popularity: ModelScores; copurchase: ModelScores };
  /** Customers for whom co-purchase found fewer than K products and popularity filled the rest. */
  copurchaseFilled: number;
}

export interface EvaluateOptions {
  trainEnd: number;
  testEnd: number;
  engine?: RecommenderOptionsInput;
  weights?: Partial<StrategyWeights>;
  log?: (message: string) => void;
}

/** Each StockCode becomes a product: its most frequent Description as title, its latest price. All available. */
export function catalogFrom(train: readonly RetailLine[]): CatalogProduct[] {
  const byCode = new Map<string, { titles: Map<string, number>; price: number; lastAt: number; firstAt: number }>();
  for (const line of train) {
    let entry = byCode.get(line.stockCode);
    if (!entry) {
      entry = { titles: new Map(), price: line.unitPrice, lastAt: line.invoiceDate, firstAt: line.invoiceDate };
      byCode.set(line.stockCode, entry);
    }
    if (line.description) entry.titles.set(line.description, (entry.titles.get(line.description) ?? 0) + 1);
    if (line.invoiceDate >= entry.lastAt) {
      entry.lastAt = line.invoiceDate;
      entry.price = line.unitPrice;
    }
    entry.firstAt = Math.min(entry.firstAt, line.invoiceDate);
  }
  return [...byCode.entries()].map(([code, e]) => {
    const title =
      [...e.titles.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]?.[0] ?? code;
    return { id: code, title, price: e.price, available: true, published: true, createdAt: e.firstAt };
  });
}

export function orderLinesFrom(train: readonly RetailLine[]): OrderLine[] {
  return train.map((l) => ({
    orderId: l.invoiceNo,
    customerId: l.customerId,
    productId: l.stockCode,
    quantity: l.quantity,
    price: l.unitPrice,
    createdAt: l.invoiceDate,
  }));
}

const byIdThenCode = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

/** Most distinct customers in the last POPULARITY_DAYS of train; ties by StockCode. */
export function popularityRanking(train: readonly RetailLine[], trainEnd: number): string[] {
  const from = trainEnd - POPULARITY_DAYS * DAY_MS;
  const buyers = new Map<string, Set<string>>();
  for (const l of train) {
    if (l.invoiceDate < from || l.invoiceDate >= trainEnd) continue;
    let set = buyers.get(l.stockCode);
    if (!set) buyers.set(l.stockCode, (set = new Set()));
    set.add(l.customerId);
  }
  return [...buyers.entries()]
    .map(([code, set]) => [code, set.size] as [string, number])
    .sort(byIdThenCode)
    .map((e) => e[0]);
}

/**
 * Plain item-to-item co-occurrence: C(i, j) = number of training invoices holding both. A
 * customer's score for j is Σ C(h, j) over the distinct products h they bought in train. No
 * decay, no normalisation, previous purchases not removed (as for the other models).
 */
export class CoPurchaseBaseline {
  private readonly codes: string[];
  private readonly indexOf = new Map<string, number>();
  private readonly counts: Float32Array;

  constructor(train: readonly RetailLine[]) {
    const invoices = new Map<string, Set<string>>();
    for (const l of train) {
      let set = invoices.get(l.invoiceNo);
      if (!set) invoices.set(l.invoiceNo, (set = new Set()));
      set.add(l.stockCode);
    }
    this.codes = [...new Set(train.map((l) => l.stockCode))].sort();
    this.codes.forEach((c, i) => this.indexOf.set(c, i));
    const m = this.codes.length;
    this.counts = new Float32Array(m * m);
    for (const set of invoices.values()) {
      const items = [...set].map((c) => this.indexOf.get(c)!);
      for (const a of items) for (const b of items) if (a !== b) this.counts[a * m + b]++;
    }
  }

  /** Top k codes for a history; fewer when the history co-occurs with fewer than k products. */
  rank(history: Iterable<string>, k: number): string[] {
    const m = this.codes.length;
    const score = new Float64Array(m);
    for (const code of history) {
      const h = this.indexOf.get(code);
      if (h === undefined) continue;
      const row = this.counts.subarray(h * m, (h + 1) * m);
      for (let j = 0; j < m; j++) score[j] += row[j];
    }
    const order: number[] = [];
    for (let j = 0; j < m; j++) if (score[j] > 0) order.push(j);
    order.sort((a, b) => score[b] - score[a] || a - b);
    return order.slice(0, k).map((j) => this.codes[j]);
  }
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The protocol of shared/datasets/README.md: train on lines before trainEnd; evaluate every
 * customer who bought before trainEnd and again in [trainEnd, testEnd); truth = the StockCodes
 * bought in that window; novel truth = truth minus what the customer bought in train (customers
 * with none are left out of the novel metrics). All three models rank for the same customers.
 */
export function evaluateRetail(lines: readonly RetailLine[], options: EvaluateOptions): RetailEvaluation {
  const log = options.log ?? (() => {});
  const { trainEnd, testEnd } = options;
  const train = lines.filter((l) => l.invoiceDate < trainEnd);
  const window = lines.filter((l) => l.invoiceDate >= trainEnd && l.invoiceDate < testEnd);

  const bought = new Map<string, Set<string>>();
  for (const l of train) {
    let set = bought.get(l.customerId);
    if (!set) bought.set(l.customerId, (set = new Set()));
    set.add(l.stockCode);
  }
  const truthOf = new Map<string, Set<string>>();
  for (const l of window) {
    if (!bought.has(l.customerId)) continue;
    let set = truthOf.get(l.customerId);
    if (!set) truthOf.set(l.customerId, (set = new Set()));
    set.add(l.stockCode);
  }
  const customers = [...truthOf.keys()].sort();
  log(`train lines ${train.length}, window lines ${window.length}, customers evaluated ${customers.length}`);

  const products = catalogFrom(train);
  const started = performance.now();
  const index = buildRecommenderIndex(
    { products, orderLines: orderLinesFrom(train) },
    { ...options.engine, now: trainEnd },
  );
  const buildSeconds = (performance.now() - started) / 1000;
  log(`index: ${products.length} products, ${index.stats.orders} orders, built in ${buildSeconds.toFixed(2)} s`);

  const popular = popularityRanking(train, trainEnd);
  const popularTop = popular.slice(0, K);
  const copurchase = new CoPurchaseBaseline(train);

  const means = {
    app: { all: new RankingMeans(K), novel: new RankingMeans(K) },
    popularity: { all: new RankingMeans(K), novel: new RankingMeans(K) },
    copurchase: { all: new RankingMeans(K), novel: new RankingMeans(K) },
  };
  let filled = 0;
  let done = 0;
  for (const customerId of customers) {
    const truth = truthOf.get(customerId)!;
    const history = bought.get(customerId)!;
    const novel = new Set([...truth].filter((code) => !history.has(code)));

    const app = recommend(index, { customerId, limit: K, now: trainEnd, weights: options.weights }).items.map(
      (item) => item.productId,
    );
    let co = copurchase.rank(history, K);
    if (co.length < K) {
      filled++;
      co = [...co, ...popular.filter((code) => !co.includes(code))].slice(0, K);
    }
    const lists = { app, popularity: popularTop, copurchase: co };
    for (const model of ["app", "popularity", "copurchase"] as const) {
      means[model].all.add(lists[model], truth);
      if (novel.size > 0) means[model].novel.add(lists[model], novel);
    }
    if (++done % 500 === 0) log(`evaluated ${done}/${customers.length}`);
  }

  const scores = (m: (typeof means)["app"]): ModelScores => ({
    hr10: round(m.all.hitRate),
    ndcg10: round(m.all.meanNdcg),
    hr10Novel: round(m.novel.hitRate),
    ndcg10Novel: round(m.novel.meanNdcg),
  });
  return {
    customers: customers.length,
    novelCustomers: means.app.novel.count,
    products: products.length,
    trainLines: train.length,
    buildSeconds: round(buildSeconds),
    models: { app: scores(means.app), popularity: scores(means.popularity), copurchase: scores(means.copurchase) },
    copurchaseFilled: filled,
  };
}
