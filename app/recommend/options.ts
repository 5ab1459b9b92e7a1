import { SIGNALS, type SignalWeights, type StrategyWeights } from "./types";

/**
 * Every knob of the engine with its default. fusion and rankFusionK were chosen on the Online
 * Retail splits tested on July and August 2011 (bench/tune-recs.ts, docs/decisions/0021). The
 * default blend (weights and signals) is what a new shop is served until its own validation has
 * run (app/recommend/validate.ts): the blend that validation chose on the earliest month of
 * Online Retail, January 2011 trained on December 2010, before every month the rolling
 * evaluation tests (docs/decisions/0022-recommendations-over-time.md).
 */
export interface RecommenderOptions {
  /** "Now" for the index: recency decay of co-purchases is relative to it. Default: the latest order, else the clock. */
  now?: number;

  /** Co-purchase neighbours kept per product (memory is O(products × this)). */
  neighbours: number;
  /** Half-life of an order's weight in the co-purchase counts. */
  copurchaseHalfLifeDays: number;
  /** A basket of k distinct products weighs k^-damping: a 300-line wholesale order says less per pair than a 3-item one. */
  basketDamping: number;
  /** Pairs are counted in at most this many products of one basket (the first ones by product order). */
  maxBasketItems: number;
  /**
   * Weight of a customer's whole history as one extra basket ("customers who bought X also bought Y",
   * across orders). 0 counts same-order pairs only.
   */
  customerBasketWeight: number;
  /** sim(i, j) = C(i, j) / (N(i)^alpha × N(j)^(1 − alpha)): 0.5 is cosine; higher favours popular neighbours. */
  similarityAlpha: number;
  /** Added to the denominator's counts so that one shared order between two rare products is not a perfect match. */
  similarityShrinkage: number;

  /** Consent-based behaviour events: a shopper's events with gaps below this form one session basket. */
  eventSessionGapMinutes: number;
  viewEventWeight: number;
  addToCartEventWeight: number;

  /** Content similarity reads at most this many postings per term (the strongest ones). */
  contentMaxPostings: number;
  /** Words of the description that are indexed. */
  descriptionWords: number;
  /** Content neighbours kept per product (memory is O(products × this)). */
  similarProducts: number;
  /** A product's strongest terms used to find its content neighbours. */
  contentQueryTerms: number;
  /** Postings read per term when finding a product's content neighbours (a query reads contentMaxPostings). */
  contentSimilarPostings: number;

  /** Default blend of strategies; a request can override each. */
  weights: StrategyWeights;
  /** Default multipliers of the signals inside strategies; a request can override each. */
  signals: SignalWeights;

  /**
   * The learned item-to-item model (EASE, Steck 2019) covers at most this many products, the
   * most bought ones: its build costs about this³ / 2 multiply-adds and this² × 12 bytes while
   * building (this² × 4 kept). 0 builds none.
   */
  learnedItems: number;
  /** EASE's L2 regularisation λ. */
  learnedLambda: number;
  /** Purchases older than this many days do not feed the learned model (0: all). */
  learnedDays: number;
  /** Half-life of a purchase in the "recent" popularity signal. */
  recentHalfLifeDays: number;
  /** "Seasonal": buyers in the this-many days that start a year before now. */
  seasonalWindowDays: number;
  /**
   * How strategies are blended. "rank": reciprocal rank fusion, Σ weight / (rankFusionK + rank);
   * "score": Σ weight × score / the strategy's best score.
   */
  fusion: "rank" | "score";
  rankFusionK: number;
  /** Half-life of a past purchase for "buy again". */
  repurchaseHalfLifeDays: number;
  /** Half-life of a past purchase as an anchor for "often bought with". */
  historyHalfLifeDays: number;
  /** At most this many past products (the most weighty) anchor the personal strategy. */
  historyAnchors: number;
  /** Weight of a recently viewed product as an anchor, relative to a purchase made now. */
  viewedAnchorWeight: number;
  /** Viewed products also pull similar products (content), at this fraction. */
  viewedContentWeight: number;
  /** Complementary: a neighbour of the same product type as the cart item is more a substitute than a complement. */
  complementarySameTypeFactor: number;

  popularWindowDays: number;
  trendingWindowDays: number;
  /** Trending compares the window with the rate over this many days before it. */
  trendingBaselineDays: number;
  trendingMinCustomers: number;
  bestsellerWindowDays: number;
  /** Products created within this many days may fill a short list as "new". */
  newArrivalDays: number;
}

export const DEFAULT_WEIGHTS: StrategyWeights = {
  repurchase: 2,
  personal: 0.45,
  copurchase: 1,
  complementary: 1,
  content: 0.6,
  popular: 0.5,
  trending: 0.05,
};

export const DEFAULT_SIGNALS: SignalWeights = { neighbours: 1, learned: 0.5, recent: 0, seasonal: 0.5 };

export const DEFAULT_OPTIONS: RecommenderOptions = {
  neighbours: 40,
  copurchaseHalfLifeDays: 180,
  basketDamping: 0.5,
  maxBasketItems: 200,
  customerBasketWeight: 0,
  similarityAlpha: 0.5,
  similarityShrinkage: 1,
  eventSessionGapMinutes: 30,
  viewEventWeight: 0.2,
  addToCartEventWeight: 0.5,
  contentMaxPostings: 1000,
  descriptionWords: 60,
  similarProducts: 20,
  contentQueryTerms: 10,
  contentSimilarPostings: 200,
  weights: DEFAULT_WEIGHTS,
  signals: DEFAULT_SIGNALS,
  learnedItems: 2000,
  learnedLambda: 200,
  learnedDays: 365,
  recentHalfLifeDays: 14,
  seasonalWindowDays: 28,
  fusion: "rank",
  rankFusionK: 30,
  repurchaseHalfLifeDays: 90,
  historyHalfLifeDays: 180,
  historyAnchors: 100,
  viewedAnchorWeight: 1,
  viewedContentWeight: 0.5,
  complementarySameTypeFactor: 0.5,
  popularWindowDays: 30,
  trendingWindowDays: 7,
  trendingBaselineDays: 28,
  trendingMinCustomers: 3,
  bestsellerWindowDays: 90,
  newArrivalDays: 60,
};

export type RecommenderOptionsInput = Partial<Omit<RecommenderOptions, "weights" | "signals" | "now">> & {
  weights?: Partial<StrategyWeights>;
  signals?: Partial<SignalWeights>;
  now?: Date | number;
};

export function resolveOptions(input: RecommenderOptionsInput = {}): RecommenderOptions {
  const { weights, signals, now, ...rest } = input;
  const options: RecommenderOptions = {
    ...DEFAULT_OPTIONS,
    ...rest,
    weights: { ...DEFAULT_WEIGHTS, ...weights },
    signals: { ...DEFAULT_SIGNALS, ...signals },
    now: now === undefined ? undefined : +now,
  };
  for (const [key, value] of Object.entries(options)) {
    if (key === "weights" || key === "signals" || key === "now") continue;
    if (key === "fusion") {
      if (value !== "rank" && value !== "score")
        throw new RangeError(`Recommender option fusion must be "rank" or "score"`);
      continue;
    }
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`Recommender option ${key} must be a finite number ≥ 0, got ${String(value)}`);
    }
  }
  for (const [key, value] of Object.entries(options.weights)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`Strategy weight ${key} must be a finite number ≥ 0, got ${String(value)}`);
    }
  }
  for (const key of SIGNALS) {
    const value = options.signals[key];
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`Signal weight ${key} must be a finite number ≥ 0, got ${String(value)}`);
    }
  }
  if (options.learnedItems > 0 && !(options.learnedLambda > 0)) {
    throw new RangeError("learnedLambda must be more than 0 when the learned model is built");
  }
  if (options.similarityAlpha > 1) throw new RangeError("similarityAlpha must be between 0 and 1");
  return options;
}
