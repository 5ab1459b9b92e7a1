import {
  buildRecommenderIndex,
  recommend,
  type CatalogProduct,
  type OrderLine,
  type RecommenderIndex,
} from "../../app/recommend/engine";
import type { RecommenderOptionsInput } from "../../app/recommend/options";
import type { SignalWeights, StrategyWeights } from "../../app/recommend/types";
import { validateShop, type Blend, type ShopValidation } from "../../app/recommend/validate";
import { AlsBaseline, EaseBaseline, ItemKnnBaseline, TrainMatrix, type Ranker } from "./baselines";
import { RankingMeans } from "./metrics";
import type { RetailLine } from "./online-retail";

const DAY_MS = 86_400_000;
export const K = 10;
/** The popularity baseline's window: the last 30 days of the training period. */
export const POPULARITY_DAYS = 30;

export const MODELS = ["app", "popularity", "copurchase", "itemKnn", "ease", "als"] as const;
export type ModelName = (typeof MODELS)[number];
/** The standard recommenders the goals compare with (popularity and co-purchase aside). */
export const STANDARD_BASELINES = ["itemKnn", "ease", "als"] as const satisfies readonly ModelName[];

export interface ModelScores {
  /** The overall top 10 (re-orders allowed) against everything bought in the window. */
  hr10: number;
  ndcg10: number;
  /** The discover top 10 (nothing bought in train) against the products new to the customer. */
  hr10Discover: number;
  ndcg10Discover: number;
  /** Distinct products in the overall / discover top 10s of every customer known in train, over the catalogue. */
  coverage: number;
  coverageDiscover: number;
  /** Fitting and ranking time of this model in this window. */
  seconds: number;
}

export interface RetailEvaluation {
  trainEnd: number;
  testEnd: number;
  customers: number;
  discoverCustomers: number;
  products: number;
  trainLines: number;
  seconds: number;
  models: Partial<Record<ModelName, ModelScores>>;
  /** Customers for whom co-purchase found fewer than K products and popularity filled the rest. */
  copurchaseFilled: number;
  /** What the app's own validation chose for this window (when the app ran with it). */
  validation?: ShopValidation;
}

export interface EvaluateOptions {
  trainEnd: number;
  testEnd: number;
  engine?: RecommenderOptionsInput;
  /** Fixed blend overrides for the app; without them (and with `validate`) the shop's validation chooses. */
  weights?: Partial<StrategyWeights>;
  signals?: Partial<SignalWeights>;
  /** Run the app as the nightly job does: its blends chosen by validateShop on months before trainEnd. */
  validate?: boolean;
  /** Which models to run; default all. */
  models?: readonly ModelName[];
  /** Builds (or reuses) the app's index for lines before a time: the rolling run caches them across windows. */
  indexFor?: (trainEnd: number, train: readonly RetailLine[]) => RecommenderIndex;
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
  rank(history: Iterable<string>, k: number, skip?: ReadonlySet<string>): string[] {
    const m = this.codes.length;
    const score = new Float64Array(m);
    for (const code of history) {
      const h = this.indexOf.get(code);
      if (h === undefined) continue;
      const row = this.counts.subarray(h * m, (h + 1) * m);
      for (let j = 0; j < m; j++) score[j] += row[j];
    }
    const order: number[] = [];
    for (let j = 0; j < m; j++) if (score[j] > 0 && !skip?.has(this.codes[j])) order.push(j);
    order.sort((a, b) => score[b] - score[a] || a - b);
    return order.slice(0, k).map((j) => this.codes[j]);
  }
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** The app's index for lines before trainEnd, built as the app builds it (now = trainEnd). */
export function buildAppIndex(train: readonly RetailLine[], trainEnd: number, engine?: RecommenderOptionsInput) {
  return buildRecommenderIndex(
    { products: catalogFrom(train), orderLines: orderLinesFrom(train) },
    { ...engine, now: trainEnd },
  );
}

interface BlendOverride {
  weights?: Partial<StrategyWeights>;
  signals?: Partial<SignalWeights>;
}

function appRanker(
  index: RecommenderIndex,
  now: number,
  lists: { default: BlendOverride | Blend; discover: BlendOverride | Blend },
): Ranker {
  return {
    rank(customerId, k, discover) {
      const blend = discover ? lists.discover : lists.default;
      return recommend(index, {
        customerId,
        limit: k,
        now,
        list: discover ? "discover" : "default",
        weights: blend.weights,
        signals: blend.signals,
      }).items.map((item) => item.productId);
    },
  };
}

/**
 * The protocol of shared/datasets/README.md for one window: train on lines before trainEnd;
 * evaluate every customer who bought before trainEnd and again in [trainEnd, testEnd); truth =
 * the StockCodes bought in that window; discover truth = truth minus what the customer bought
 * in train (customers with none are left out of the discover metrics). Every model ranks for the
 * same customers, an overall list and a discover list each.
 */
export function evaluateRetail(lines: readonly RetailLine[], options: EvaluateOptions): RetailEvaluation {
  const log = options.log ?? (() => {});
  const windowStarted = performance.now();
  const { trainEnd, testEnd } = options;
  const wanted = new Set(options.models ?? MODELS);
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
  const everyone = [...bought.keys()].sort();
  const products = new Set(train.map((l) => l.stockCode)).size;
  log(`train lines ${train.length}, window lines ${window.length}, customers evaluated ${customers.length}`);

  const popular = popularityRanking(train, trainEnd);
  const rankers: Partial<Record<ModelName, Ranker>> = {};
  const fitSeconds: Partial<Record<ModelName, number>> = {};
  const timed = (model: ModelName, make: () => Ranker) => {
    const t0 = performance.now();
    rankers[model] = make();
    fitSeconds[model] = (performance.now() - t0) / 1000;
    log(`${model}: fitted in ${fitSeconds[model]!.toFixed(1)} s`);
  };

  let validation: ShopValidation | undefined;
  if (wanted.has("app")) {
    timed("app", () => {
      const indexFor = options.indexFor ?? ((end, before) => buildAppIndex(before, end, options.engine));
      const index = indexFor(trainEnd, train);
      const fixed = { weights: options.weights, signals: options.signals };
      if (!options.validate) return appRanker(index, trainEnd, { default: fixed, discover: fixed });
      const byTime = new Map<number, RetailLine[]>();
      validation = validateShop(
        { products: [], orderLines: orderLinesFrom(train) },
        {
          now: trainEnd,
          engine: options.engine,
          // The fold indexes are the app's own, from the retail lines before each fold.
          indexFor: (end) => {
            let before = byTime.get(end);
            if (!before) byTime.set(end, (before = train.filter((l) => l.invoiceDate < end)));
            return indexFor(end, before);
          },
        },
      );
      log(
        `app validation (${validation.seconds.toFixed(1)} s): default ${JSON.stringify(validation.default.blend)}` +
          ` discover ${JSON.stringify(validation.discover.blend)}`,
      );
      return appRanker(index, trainEnd, { default: validation.default.blend, discover: validation.discover.blend });
    });
  }
  if (wanted.has("popularity")) {
    timed("popularity", () => ({
      rank: (customerId, k, discover) =>
        (discover ? popular.filter((code) => !bought.get(customerId)?.has(code)) : popular).slice(0, k),
    }));
  }
  const filled = new Set<string>();
  if (wanted.has("copurchase")) {
    timed("copurchase", () => {
      const baseline = new CoPurchaseBaseline(train);
      return {
        rank(customerId, k, discover) {
          const history = bought.get(customerId) ?? new Set<string>();
          const skip = discover ? history : undefined;
          let list = baseline.rank(history, k, skip);
          if (list.length < k) {
            if (!discover) filled.add(customerId);
            list = [...list, ...popular.filter((code) => !list.includes(code) && !skip?.has(code))].slice(0, k);
          }
          return list;
        },
      };
    });
  }
  if (wanted.has("itemKnn") || wanted.has("ease") || wanted.has("als")) {
    const matrix = new TrainMatrix(train);
    if (wanted.has("itemKnn")) timed("itemKnn", () => new ItemKnnBaseline(matrix, matrix.gram()));
    if (wanted.has("ease")) timed("ease", () => new EaseBaseline(matrix, matrix.gram(), EASE_LAMBDA));
    if (wanted.has("als")) timed("als", () => new AlsBaseline(matrix));
  }

  const models: Partial<Record<ModelName, ModelScores>> = {};
  let discoverCustomers = 0;
  for (const model of MODELS) {
    const ranker = rankers[model];
    if (!ranker) continue;
    const t0 = performance.now();
    const all = new RankingMeans(K);
    const novel = new RankingMeans(K);
    for (const customerId of customers) {
      const truth = truthOf.get(customerId)!;
      const history = bought.get(customerId)!;
      all.add(ranker.rank(customerId, K, false), truth);
      const fresh = new Set([...truth].filter((code) => !history.has(code)));
      if (fresh.size > 0) novel.add(ranker.rank(customerId, K, true), fresh);
    }
    discoverCustomers = novel.count;
    const covered = new Set<string>();
    const coveredDiscover = new Set<string>();
    for (const customerId of everyone) {
      for (const code of ranker.rank(customerId, K, false)) covered.add(code);
      for (const code of ranker.rank(customerId, K, true)) coveredDiscover.add(code);
    }
    const seconds = (fitSeconds[model] ?? 0) + (performance.now() - t0) / 1000;
    models[model] = {
      hr10: round(all.hitRate),
      ndcg10: round(all.meanNdcg),
      hr10Discover: round(novel.hitRate),
      ndcg10Discover: round(novel.meanNdcg),
      coverage: round(covered.size / products),
      coverageDiscover: round(coveredDiscover.size / products),
      seconds: Math.round(seconds * 10) / 10,
    };
    log(`${model}: ${JSON.stringify(models[model])}`);
  }

  return {
    trainEnd,
    testEnd,
    customers: customers.length,
    discoverCustomers,
    products,
    trainLines: train.length,
    seconds: Math.round(((performance.now() - windowStarted) / 1000) * 10) / 10,
    models,
    copurchaseFilled: customers.filter((c) => filled.has(c)).length,
    ...(validation ? { validation } : {}),
  };
}

/** EASE's λ as the runs set it. */
export const EASE_LAMBDA = 200;
