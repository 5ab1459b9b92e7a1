import { buildRecommenderIndex, type RecommenderIndex } from "./build";
import { DEFAULT_SIGNALS, DEFAULT_WEIGHTS, type RecommenderOptionsInput } from "./options";
import { recommend, recommendWithStrategy } from "./recommend";
import {
  SIGNALS,
  STRATEGIES,
  type CatalogProduct,
  type OrderLine,
  type RecommendationList,
  type SignalWeights,
  type StrategyWeights,
} from "./types";
import { toMs } from "./build";

/**
 * Choosing a shop's blend from its own history, without ever looking at the future:
 * each fold trains on the orders before a month and validates on that month. The two folds
 * before the last month choose the weights (one coordinate at a time, from the defaults,
 * keeping a change only when it helps on average); the last month, which no choice saw,
 * measures the chosen blend against a plain bestseller list. docs/decisions/0022 says why.
 */

export interface Blend {
  weights: StrategyWeights;
  signals: SignalWeights;
}

export interface ListScores {
  hr10: number;
  ndcg10: number;
}

export interface FoldSummary {
  /** Training is every order line before this time. */
  trainEnd: number;
  /** The fold validates on [trainEnd, testEnd). */
  testEnd: number;
  role: "choice" | "check";
  trainLines: number;
  /** The latest order line that reached this fold's training: always before trainEnd. */
  latestTrainAt: number | null;
  customers: number;
  discoverCustomers: number;
}

export interface ListChoice {
  blend: Blend;
  /** False: too little history, the defaults are used. */
  validated: boolean;
  /** Mean over the choice folds, for the chosen blend and for the defaults. */
  chosen: ListScores | null;
  defaults: ListScores | null;
}

export interface LastMonthCheck {
  from: number;
  to: number;
  customers: number;
  discoverCustomers: number;
  /** The chosen blends' HR@10 on that month: the default list against all purchases, discover against new ones. */
  app: { hr10: number; hr10Discover: number };
  /** The same for a plain list of the products most customers bought in the 30 days before. */
  bestsellers: { hr10: number; hr10Discover: number };
}

export interface ShopValidation {
  /** When it ran ("now"): nothing at or after it was read. */
  at: number;
  folds: FoldSummary[];
  default: ListChoice;
  discover: ListChoice;
  lastMonth: LastMonthCheck | null;
  seconds: number;
}

export interface ValidateOptions {
  now: number;
  /** Options of the engine for the fold indexes (the ones the shop is served with). */
  engine?: RecommenderOptionsInput;
  /** Customers scored per fold at most (an even sample by id), to bound the time at scale. */
  maxCustomers?: number;
  /** A fold with fewer customers to validate on is not used. */
  minCustomers?: number;
  /** Coordinate-ascent passes over the knobs. */
  passes?: number;
  /**
   * Builds the index of a fold from lines before `trainEnd` (the evaluation passes a cached
   * builder; by default it is buildRecommenderIndex over the catalog and those lines).
   */
  indexFor?: (trainEnd: number, lines: readonly OrderLine[]) => RecommenderIndex;
  shouldStop?: () => boolean;
}

export const VALIDATION_DEFAULTS = { maxCustomers: 1000, minCustomers: 30, passes: 2 };
/** A change of one knob is kept only when it adds at least this much HR@10 (averaged over the folds). */
export const MIN_GAIN = 0.002;

type Knob = { kind: "weight"; name: keyof StrategyWeights } | { kind: "signal"; name: keyof SignalWeights };

/** The values each knob may take; the defaults are among them. */
export const KNOBS: { knob: Knob; values: number[]; lists: RecommendationList[] }[] = [
  { knob: { kind: "weight", name: "repurchase" }, values: [0.5, 1, 2, 4], lists: ["default"] },
  { knob: { kind: "weight", name: "personal" }, values: [0.45, 0.9, 1.8], lists: ["default", "discover"] },
  { knob: { kind: "signal", name: "neighbours" }, values: [0, 0.5, 1], lists: ["default", "discover"] },
  { knob: { kind: "signal", name: "learned" }, values: [0, 0.5, 1, 2, 4], lists: ["default", "discover"] },
  { knob: { kind: "weight", name: "popular" }, values: [0, 0.25, 0.5, 1], lists: ["default", "discover"] },
  { knob: { kind: "signal", name: "recent" }, values: [0, 0.5, 1], lists: ["default", "discover"] },
  { knob: { kind: "weight", name: "trending" }, values: [0, 0.05, 0.2], lists: ["default", "discover"] },
  { knob: { kind: "signal", name: "seasonal" }, values: [0, 0.5, 1], lists: ["default", "discover"] },
];

/** What a shop is served before its validation can choose: the engine's defaults. */
export const DEFAULT_BLEND: Blend = { weights: { ...DEFAULT_WEIGHTS }, signals: { ...DEFAULT_SIGNALS } };
/**
 * The discover list's defaults: more of the learned model and less popularity, as validation
 * chose for it on January 2011 (docs/decisions/0022); "buy again" is off on that list anyway.
 */
export const DEFAULT_DISCOVER_BLEND: Blend = {
  weights: { ...DEFAULT_WEIGHTS, personal: 0.9, popular: 0.25 },
  signals: { ...DEFAULT_SIGNALS, learned: 2 },
};

/** The same time `months` calendar months earlier (UTC), clamped to the month's last day. */
export function monthsBefore(time: number, months: number): number {
  const d = new Date(time);
  const target = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.getTime() + d.getUTCMilliseconds();
}

interface Fold {
  summary: FoldSummary;
  index: RecommenderIndex;
  /** Per evaluated customer: the products bought in the month, and those new to them. */
  customers: { id: string; truth: Set<string>; novel: Set<string> }[];
}

const K = 10;

function hitAndNdcg(ranked: readonly string[], relevant: ReadonlySet<string>): [number, number] {
  let dcg = 0;
  let hit = 0;
  for (let r = 0; r < Math.min(K, ranked.length); r++) {
    if (relevant.has(ranked[r])) {
      hit = 1;
      dcg += 1 / Math.log2(r + 2);
    }
  }
  let ideal = 0;
  for (let r = 0; r < Math.min(K, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
  return [hit, ideal > 0 ? dcg / ideal : 0];
}

function scoreList(
  fold: Fold,
  list: RecommendationList,
  rank: (customerId: string, list: RecommendationList) => string[],
): ListScores & { n: number } {
  let hits = 0;
  let ndcg = 0;
  let n = 0;
  for (const c of fold.customers) {
    const relevant = list === "discover" ? c.novel : c.truth;
    if (relevant.size === 0) continue;
    const [h, g] = hitAndNdcg(rank(c.id, list), relevant);
    hits += h;
    ndcg += g;
    n++;
  }
  return { hr10: n ? hits / n : 0, ndcg10: n ? ndcg / n : 0, n };
}

function blendKey(blend: Blend): string {
  return JSON.stringify([STRATEGIES.map((s) => blend.weights[s]), SIGNALS.map((s) => blend.signals[s])]);
}

function withKnob(blend: Blend, knob: Knob, value: number): Blend {
  return knob.kind === "weight"
    ? { weights: { ...blend.weights, [knob.name]: value }, signals: blend.signals }
    : { weights: blend.weights, signals: { ...blend.signals, [knob.name]: value } };
}

function knobValue(blend: Blend, knob: Knob): number {
  return knob.kind === "weight" ? blend.weights[knob.name] : blend.signals[knob.name];
}

/** An even, deterministic sample: every k-th customer in id order. */
function sample<T extends { id: string }>(items: T[], max: number): T[] {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (sorted.length <= max) return sorted;
  const step = sorted.length / max;
  return Array.from({ length: max }, (_, k) => sorted[Math.floor(k * step)]);
}

/**
 * Validates and chooses the shop's blends. Only order lines created before `now` are read;
 * each fold's index sees only the lines before its own month.
 */
export function validateShop(
  input: { products: readonly CatalogProduct[]; orderLines: readonly OrderLine[] },
  options: ValidateOptions,
): ShopValidation {
  const started = performance.now();
  const { now } = options;
  const maxCustomers = options.maxCustomers ?? VALIDATION_DEFAULTS.maxCustomers;
  const minCustomers = options.minCustomers ?? VALIDATION_DEFAULTS.minCustomers;
  const passes = options.passes ?? VALIDATION_DEFAULTS.passes;
  const past = input.orderLines.filter((l) => toMs(l.createdAt) < now);
  const indexFor =
    options.indexFor ??
    ((trainEnd: number, lines: readonly OrderLine[]) =>
      buildRecommenderIndex({ products: input.products, orderLines: lines }, { ...options.engine, now: trainEnd }));

  const makeFold = (monthsBack: number, role: FoldSummary["role"]): Fold | null => {
    const trainEnd = monthsBefore(now, monthsBack);
    const testEnd = monthsBack === 1 ? now : monthsBefore(now, monthsBack - 1);
    const train = past.filter((l) => toMs(l.createdAt) < trainEnd);
    const history = new Map<string, Set<string>>();
    let latestTrainAt: number | null = null;
    for (const l of train) {
      const t = toMs(l.createdAt);
      if (latestTrainAt === null || t > latestTrainAt) latestTrainAt = t;
      if (!l.customerId) continue;
      let set = history.get(l.customerId);
      if (!set) history.set(l.customerId, (set = new Set()));
      set.add(l.productId);
    }
    const truth = new Map<string, Set<string>>();
    for (const l of past) {
      const t = toMs(l.createdAt);
      if (t < trainEnd || t >= testEnd || !l.customerId || !history.has(l.customerId)) continue;
      let set = truth.get(l.customerId);
      if (!set) truth.set(l.customerId, (set = new Set()));
      set.add(l.productId);
    }
    if (truth.size < minCustomers) return null;
    const customers = sample(
      [...truth.entries()].map(([id, bought]) => {
        const before = history.get(id)!;
        return { id, truth: bought, novel: new Set([...bought].filter((p) => !before.has(p))) };
      }),
      maxCustomers,
    );
    options.shouldStop?.();
    return {
      summary: {
        trainEnd,
        testEnd,
        role,
        trainLines: train.length,
        latestTrainAt,
        customers: customers.length,
        discoverCustomers: customers.filter((c) => c.novel.size > 0).length,
      },
      index: indexFor(trainEnd, train),
      customers,
    };
  };

  const choiceFolds = [3, 2].map((k) => makeFold(k, "choice")).filter((f): f is Fold => f !== null);
  const checkFold = makeFold(1, "check");

  const rankWith = (fold: Fold, blend: Blend) => (customerId: string, list: RecommendationList) =>
    recommend(fold.index, {
      customerId,
      limit: K,
      now: fold.summary.trainEnd,
      list,
      weights: blend.weights,
      signals: blend.signals,
    }).items.map((i) => i.productId);

  const choose = (list: RecommendationList): ListChoice => {
    const start = list === "discover" ? DEFAULT_DISCOVER_BLEND : DEFAULT_BLEND;
    if (choiceFolds.length === 0) return { blend: start, validated: false, chosen: null, defaults: null };
    const cache = new Map<string, ListScores>();
    const evaluate = (blend: Blend): ListScores => {
      const key = blendKey(blend);
      const known = cache.get(key);
      if (known) return known;
      if (options.shouldStop?.()) throw new Error("validateShop: stopped");
      let hr10 = 0;
      let ndcg10 = 0;
      let folds = 0;
      for (const fold of choiceFolds) {
        const s = scoreList(fold, list, rankWith(fold, blend));
        if (s.n === 0) continue;
        hr10 += s.hr10;
        ndcg10 += s.ndcg10;
        folds++;
      }
      const scores = { hr10: folds ? hr10 / folds : 0, ndcg10: folds ? ndcg10 / folds : 0 };
      cache.set(key, scores);
      return scores;
    };
    const defaults = evaluate(start);
    let best = start;
    let bestScores = defaults;
    for (let pass = 0; pass < passes; pass++) {
      let changed = false;
      for (const { knob, values, lists } of KNOBS) {
        if (!lists.includes(list)) continue;
        const current = knobValue(best, knob);
        for (const value of values) {
          if (value === current) continue;
          const candidate = withKnob(best, knob, value);
          const scores = evaluate(candidate);
          if (scores.hr10 >= bestScores.hr10 + MIN_GAIN) {
            best = candidate;
            bestScores = scores;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    return { blend: best, validated: true, chosen: bestScores, defaults };
  };

  const defaultChoice = choose("default");
  const discoverChoice = choose("discover");

  let lastMonth: LastMonthCheck | null = null;
  if (checkFold) {
    const app = {
      hr10: scoreList(checkFold, "default", rankWith(checkFold, defaultChoice.blend)).hr10,
      hr10Discover: scoreList(checkFold, "discover", rankWith(checkFold, discoverChoice.blend)).hr10,
    };
    const bestsellerRank = (customerId: string, list: RecommendationList) =>
      recommendWithStrategy(checkFold.index, "popular", {
        customerId,
        limit: K,
        now: checkFold.summary.trainEnd,
        list,
      }).items.map((i) => i.productId);
    lastMonth = {
      from: checkFold.summary.trainEnd,
      to: checkFold.summary.testEnd,
      customers: checkFold.summary.customers,
      discoverCustomers: checkFold.summary.discoverCustomers,
      app,
      bestsellers: {
        hr10: scoreList(checkFold, "default", bestsellerRank).hr10,
        hr10Discover: scoreList(checkFold, "discover", bestsellerRank).hr10,
      },
    };
  }

  return {
    at: now,
    folds: [...choiceFolds, ...(checkFold ? [checkFold] : [])].map((f) => f.summary),
    default: defaultChoice,
    discover: discoverChoice,
    lastMonth,
    seconds: (performance.now() - started) / 1000,
  };
}
