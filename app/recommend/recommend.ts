import { FIELD, FLAG_AVAILABLE, FLAG_PUBLISHED, toMs, type RecommenderIndex, type WindowCounts } from "./build";
import { discoverReason, explain } from "./explain";
import { ScoreVector, topK } from "./scores";
import { tokenize } from "./text";
import {
  SIGNALS,
  STRATEGIES,
  type BestsellersRequest,
  type ConversationContext,
  type FillStrategyName,
  type Recommendation,
  type RecommendRequest,
  type RecommendationList,
  type RecommendResult,
  type SignalName,
  type SignalWeights,
  type StrategyName,
  type StrategyWeights,
} from "./types";
import { DAY_MS, purchaseCounts, recentCounts, seasonalCounts, trendingCounts, windowEnd } from "./windows";

const MAX_LIMIT = 100;
const MAX_VIEWED = 20;
// Each strategy contributes at most this many candidates per requested item (and at least the minimum).
const CANDIDATE_DEPTH_FACTOR = 5;
const MIN_CANDIDATE_DEPTH = 50;
// Each further step back in the viewed list counts this much less.
const VIEWED_POSITION_DECAY = 0.85;

// Anchor kinds inside a strategy's score vector.
const ANCHOR_PURCHASED = 0;
const ANCHOR_VIEWED = 1;
const ANCHOR_PRODUCT = 0;
const ANCHOR_QUERY = 1;

const TYPE_FIELDS = FIELD.type | FIELD.title | FIELD.tags;
const COLOUR_FIELDS = FIELD.title | FIELD.tags | FIELD.options | FIELD.type;

interface Filters {
  priceMin: number;
  priceMax: number;
  /** Products matching the type and colour filters; null when there are none. */
  allowed: Set<number> | null;
  allowedList: number[] | null;
  /** A filter named a word no product has: nothing can match. */
  impossible: boolean;
}

interface Query {
  text: string;
  terms: number[];
  weights: number[];
}

interface Prepared {
  index: RecommenderIndex;
  now: number;
  limit: number;
  weights: StrategyWeights;
  signals: SignalWeights;
  list: RecommendationList;
  includeUnavailable: boolean;
  blocked: Set<number>;
  filters: Filters;
  query: Query | null;
  /** Past purchases: (product, time) pairs. */
  purchases: { product: number; at: number }[];
  viewed: number[];
  cart: number[];
  current: number;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return 10;
  if (!Number.isFinite(limit)) return 10;
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}

function termsOf(index: RecommenderIndex, text: string | undefined): number[] | null {
  const tokens = tokenize(text);
  if (tokens.length === 0) return null;
  return [...new Set(tokens)].map((token) => index.content.terms.get(token) ?? -1);
}

function prepareFilters(index: RecommenderIndex, context: ConversationContext | undefined): Filters {
  const typeTerms = termsOf(index, context?.productType);
  const colourTerms = termsOf(index, context?.colour);
  const min = context?.priceMin;
  const max = context?.priceMax;
  const impossible = Boolean(typeTerms?.includes(-1) || colourTerms?.includes(-1));
  let allowedList: number[] | null = null;
  if (!impossible && (typeTerms || colourTerms)) {
    allowedList = matching(index, [
      ...(typeTerms ?? []).map((term) => ({ term, fields: TYPE_FIELDS })),
      ...(colourTerms ?? []).map((term) => ({ term, fields: COLOUR_FIELDS })),
    ]);
  }
  return {
    priceMin: typeof min === "number" && Number.isFinite(min) ? min : -Infinity,
    priceMax: typeof max === "number" && Number.isFinite(max) ? max : Infinity,
    allowed: allowedList ? new Set(allowedList) : null,
    allowedList,
    impossible: impossible || (allowedList !== null && allowedList.length === 0),
  };
}

function prepareQuery(index: RecommenderIndex, context: ConversationContext | undefined): Query | null {
  const text = [context?.query, context?.colour, context?.productType].filter((s) => s && s.trim()).join(" ");
  const tf = new Map<number, number>();
  for (const token of tokenize(text)) {
    const t = index.content.terms.get(token);
    if (t !== undefined) tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  if (tf.size === 0) return null;
  const terms = [...tf.keys()].sort((a, b) => a - b);
  const raw = terms.map((t) => (1 + Math.log(tf.get(t)!)) * index.content.idf[t]);
  const norm = Math.sqrt(raw.reduce((s, x) => s + x * x, 0)) || 1;
  return { text: text.trim(), terms, weights: raw.map((w) => w / norm) };
}

function resolveIds(index: RecommenderIndex, ids: readonly string[] | undefined): number[] {
  const out: number[] = [];
  for (const id of ids ?? []) {
    const i = index.products.byId.get(id);
    if (i !== undefined && !out.includes(i)) out.push(i);
  }
  return out;
}

function prepare(
  index: RecommenderIndex,
  request: RecommendRequest,
  weights: StrategyWeights,
  signals: SignalWeights = index.options.signals,
): Prepared {
  const now = request.now === undefined ? index.asOf : toMs(request.now);
  if (!Number.isFinite(now)) throw new RangeError("recommend: now must be a valid time");
  const { byId } = index.products;

  const purchases: { product: number; at: number }[] = [];
  const customer = request.customerId === undefined ? undefined : index.customers.byId.get(request.customerId);
  if (customer !== undefined) {
    const { start, item, time } = index.customers;
    for (let k = start[customer]; k < start[customer + 1]; k++) purchases.push({ product: item[k], at: time[k] });
  }
  for (const entry of request.history ?? []) {
    const product = byId.get(entry.productId);
    if (product !== undefined) purchases.push({ product, at: toMs(entry.at) });
  }

  const viewedEntries = (request.viewed ?? []).map((v, position) =>
    typeof v === "string" ? { productId: v, at: NaN, position } : { productId: v.productId, at: toMs(v.at), position },
  );
  // With times on every entry, most recent first; otherwise the order given (most recent first by contract).
  if (viewedEntries.every((v) => Number.isFinite(v.at))) {
    viewedEntries.sort((a, b) => b.at - a.at || a.position - b.position);
  }
  const viewed = resolveIds(
    index,
    viewedEntries.map((v) => v.productId),
  ).slice(0, MAX_VIEWED);

  const cart = resolveIds(index, request.cart);
  const current = request.currentProductId === undefined ? -1 : (byId.get(request.currentProductId) ?? -1);
  const blocked = new Set<number>([...cart, ...resolveIds(index, request.exclude)]);
  if (current >= 0) blocked.add(current);
  const list = request.list ?? "default";
  if (list !== "default" && list !== "discover")
    throw new RangeError('recommend: list must be "default" or "discover"');
  // The discover list: nothing the shopper bought before, whichever strategy proposes it.
  if (list === "discover") for (const { product } of purchases) blocked.add(product);

  return {
    index,
    now,
    limit: clampLimit(request.limit),
    weights: list === "discover" ? { ...weights, repurchase: 0 } : weights,
    signals,
    list,
    includeUnavailable: request.includeUnavailable === true,
    blocked,
    filters: prepareFilters(index, request.context),
    query: prepareQuery(index, request.context),
    purchases,
    viewed,
    cart,
    current,
  };
}

// Scratch counters for filter matching, one per index (requests run one at a time).
const filterScratch = new WeakMap<RecommenderIndex, Uint8Array>();

/**
 * Products that hold every required term in one of its fields, ascending, from the uncapped
 * facet postings: walk the rarest term's list, then only count products still in the running.
 */
function matching(index: RecommenderIndex, required: { term: number; fields: number }[]): number[] {
  const { facetStart, facetProduct, facetFields } = index.content;
  let counts = filterScratch.get(index);
  if (!counts) filterScratch.set(index, (counts = new Uint8Array(index.products.count)));
  const sizeOf = (t: number) => facetStart[t + 1] - facetStart[t];
  const order = [...required].sort((a, b) => sizeOf(a.term) - sizeOf(b.term) || a.term - b.term);
  const first = order[0];
  const candidates: number[] = [];
  for (let k = facetStart[first.term]; k < facetStart[first.term + 1]; k++) {
    if ((facetFields[k] & first.fields) === 0 || counts[facetProduct[k]] !== 0) continue;
    counts[facetProduct[k]] = 1;
    candidates.push(facetProduct[k]);
  }
  for (let q = 1; q < order.length && q < 255; q++) {
    const { term, fields } = order[q];
    for (let k = facetStart[term]; k < facetStart[term + 1]; k++) {
      if ((facetFields[k] & fields) !== 0 && counts[facetProduct[k]] === q) counts[facetProduct[k]] = q + 1;
    }
  }
  const wanted = Math.min(order.length, 255);
  const result: number[] = [];
  // Postings are in product order, so the candidates already are.
  for (const i of candidates) {
    if (counts[i] === wanted) result.push(i);
    counts[i] = 0;
  }
  return result;
}

function eligible(p: Prepared, product: number): boolean {
  const flags = p.index.products.flags[product];
  if ((flags & FLAG_PUBLISHED) === 0) return false;
  if (!p.includeUnavailable && (flags & FLAG_AVAILABLE) === 0) return false;
  if (p.blocked.size > 0 && p.blocked.has(product)) return false;
  const { filters } = p;
  const price = p.index.products.price[product];
  if (price < filters.priceMin || price > filters.priceMax) return false;
  if (filters.allowed && !filters.allowed.has(product)) return false;
  return true;
}

/**
 * The best `depth` eligible products of a ranked window list. With a narrow type or colour
 * filter, ranking the few matching products beats walking a long list past thousands of misses.
 */
function rankedEligible(p: Prepared, counts: WindowCounts, depth: number): number[] {
  const { allowedList } = p.filters;
  if (allowedList && allowedList.length * 4 < counts.ranked.length) {
    return topK(
      allowedList,
      (i) => counts.counts[i],
      depth,
      (i) => eligible(p, i),
    );
  }
  const top: number[] = [];
  for (let k = 0; k < counts.ranked.length && top.length < depth; k++) {
    if (eligible(p, counts.ranked[k])) top.push(counts.ranked[k]);
  }
  return top;
}

const decayOf = (halfLifeDays: number) => {
  const halfLife = halfLifeDays * DAY_MS;
  return (age: number) => (halfLife > 0 ? Math.pow(0.5, Math.max(0, age) / halfLife) : 1);
};

function addNeighbours(
  index: RecommenderIndex,
  anchor: number,
  weight: number,
  into: ScoreVector,
  kind: number,
  adjust?: (product: number) => number,
): void {
  const { start, item, score } = index.neighbours;
  for (let k = start[anchor]; k < start[anchor + 1]; k++) {
    const j = item[k];
    into.add(j, weight * score[k] * (adjust ? adjust(j) : 1), anchor, kind);
  }
}

/** Adds content similarity to a weighted term vector by walking the strongest postings of each term. */
function addContent(
  index: RecommenderIndex,
  terms: ArrayLike<number>,
  weights: ArrayLike<number>,
  scale: number,
  into: ScoreVector,
  anchor: number,
  kind: number,
  postings: number,
): void {
  const { postingStart, postingProduct, postingWeight } = index.content;
  for (let q = 0; q < terms.length; q++) {
    const t = terms[q];
    const w = weights[q] * scale;
    const end = Math.min(postingStart[t + 1], postingStart[t] + postings);
    for (let k = postingStart[t]; k < end; k++) {
      const j = postingProduct[k];
      if (j !== anchor) into.add(j, w * postingWeight[k], anchor, kind);
    }
  }
}

function addSimilarTo(index: RecommenderIndex, anchor: number, scale: number, into: ScoreVector, kind: number): void {
  const { start, item, score } = index.similar;
  for (let k = start[anchor]; k < start[anchor + 1]; k++) into.add(item[k], scale * score[k], anchor, kind);
}

// Dense scratch for the learned model's scores, one per index (requests run one at a time).
const learnedScratch = new WeakMap<RecommenderIndex, Float64Array>();

interface LearnedScores {
  scores: Float64Array;
  /** Rows of the model that anchor the scores, their weights, and whether each was viewed (not bought). */
  rows: number[];
  weights: number[];
  viewed: boolean[];
}

/**
 * The learned model's scores for the shopper: Σ x_h B[h] over their purchases (x = 1, EASE's
 * binary input; the latest historyAnchors distinct products) and recently viewed products (at
 * the viewed weight, less for each step back). Null without the model or without an anchor it covers.
 */
function learnedScores(p: Prepared): LearnedScores | null {
  const model = p.index.learned;
  if (!model) return null;
  const weightOf = new Map<number, number>();
  const viewedRows = new Set<number>();
  for (let k = p.purchases.length - 1; k >= 0 && weightOf.size < p.index.options.historyAnchors; k--) {
    const row = model.slot[p.purchases[k].product];
    if (row >= 0) weightOf.set(row, 1);
  }
  let weight = p.index.options.viewedAnchorWeight;
  for (const v of p.viewed) {
    const row = model.slot[v];
    if (row >= 0 && !weightOf.has(row)) {
      weightOf.set(row, weight);
      viewedRows.add(row);
    }
    weight *= VIEWED_POSITION_DECAY;
  }
  if (weightOf.size === 0) return null;
  const m = model.items.length;
  let scores = learnedScratch.get(p.index);
  if (!scores) learnedScratch.set(p.index, (scores = new Float64Array(m)));
  const rows = [...weightOf.keys()].sort((a, b) => a - b);
  const weights = rows.map((r) => weightOf.get(r)!);
  for (let a = 0; a < rows.length; a++) {
    const w = weights[a];
    const from = rows[a] * m;
    for (let j = 0; j < m; j++) scores[j] += w * model.weights[from + j];
  }
  return { scores, rows, weights, viewed: rows.map((r) => viewedRows.has(r)) };
}

/** The anchor that adds most to a product's learned score (for its reason). */
function learnedAnchor(p: Prepared, learned: LearnedScores, product: number): { product: number; viewed: boolean } {
  const model = p.index.learned!;
  const m = model.items.length;
  const column = model.slot[product];
  let best = 0;
  let bestValue = -Infinity;
  for (let a = 0; a < learned.rows.length; a++) {
    const value = learned.weights[a] * model.weights[learned.rows[a] * m + column];
    if (value > bestValue) {
      best = a;
      bestValue = value;
    }
  }
  return { product: model.items[learned.rows[best]], viewed: learned.viewed[best] };
}

// --- The strategies. Each fills a score vector; blending and explanations are shared. ---

function repurchase(p: Prepared, into: ScoreVector): void {
  const decay = decayOf(p.index.options.repurchaseHalfLifeDays);
  for (const { product, at } of p.purchases) into.add(product, decay(p.now - at), product, ANCHOR_PURCHASED);
}

function personal(p: Prepared, into: ScoreVector): void {
  const { options } = p.index;
  const decay = decayOf(options.historyHalfLifeDays);
  const anchorWeight = new Map<number, number>();
  for (const { product, at } of p.purchases)
    anchorWeight.set(product, (anchorWeight.get(product) ?? 0) + decay(p.now - at));
  const anchors = topK([...anchorWeight.keys()], (a) => anchorWeight.get(a)!, options.historyAnchors);
  // What the shopper already bought is the repurchase strategy's business: here it would only
  // crowd out the new products this strategy exists to find.
  const owned = (j: number) => (anchorWeight.has(j) ? 0 : 1);
  for (const a of anchors) addNeighbours(p.index, a, anchorWeight.get(a)!, into, ANCHOR_PURCHASED, owned);

  let weight = options.viewedAnchorWeight;
  for (const v of p.viewed) {
    addNeighbours(p.index, v, weight, into, ANCHOR_VIEWED);
    addSimilarTo(p.index, v, weight * options.viewedContentWeight, into, ANCHOR_VIEWED);
    weight *= VIEWED_POSITION_DECAY;
  }
}

function copurchase(p: Prepared, into: ScoreVector): void {
  if (p.current >= 0) addNeighbours(p.index, p.current, 1, into, ANCHOR_PRODUCT);
}

function complementary(p: Prepared, into: ScoreVector): void {
  const { typeId } = p.index.products;
  const factor = p.index.options.complementarySameTypeFactor;
  for (const c of p.cart) {
    const type = typeId[c];
    addNeighbours(p.index, c, 1, into, ANCHOR_PRODUCT, (j) => (type >= 0 && typeId[j] === type ? factor : 1));
  }
}

function content(p: Prepared, into: ScoreVector): void {
  const { index, query } = p;
  if (p.current >= 0) addSimilarTo(index, p.current, 1, into, ANCHOR_PRODUCT);
  if (!query) return;
  const { postingStart, start } = index.content;
  const allowed = p.filters.allowedList;
  let postingWork = 0;
  for (const t of query.terms)
    postingWork += Math.min(index.options.contentMaxPostings, postingStart[t + 1] - postingStart[t]);
  let allowedWork = 0;
  for (let k = 0; allowed && k < allowed.length && allowedWork <= postingWork; k++) {
    allowedWork += start[allowed[k] + 1] - start[allowed[k]];
  }
  if (allowed && allowedWork <= postingWork) {
    // Few products pass the filters: score each of them exactly instead of walking postings.
    for (const i of allowed) into.add(i, dot(index, i, query), -1, ANCHOR_QUERY);
  } else {
    addContent(index, query.terms, query.weights, 1, into, -1, ANCHOR_QUERY, index.options.contentMaxPostings);
  }
}

/** Cosine of a product's term vector with a query (both unit length; query terms ascending). */
function dot(index: RecommenderIndex, product: number, query: Query): number {
  const { start, term, weight } = index.content;
  let sum = 0;
  for (let k = start[product]; k < start[product + 1]; k++) {
    const q = binarySearch(query.terms, term[k]);
    if (q >= 0) sum += weight[k] * query.weights[q];
  }
  return sum;
}

function binarySearch(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === value) return mid;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const VECTOR_STRATEGIES = {
  repurchase,
  personal,
  copurchase,
  complementary,
  content,
} as const satisfies Partial<Record<StrategyName, (p: Prepared, into: ScoreVector) => void>>;
type VectorStrategy = keyof typeof VECTOR_STRATEGIES;

interface Source {
  strategy: StrategyName;
  /** A signal inside the strategy (its weight is the strategy's times the signal's). */
  signal?: SignalName;
  learned?: LearnedScores;
  weight: number;
  /** Score of an item in this strategy before normalisation. */
  scoreOf: (product: number) => number;
  /** Items this strategy proposes. */
  candidates: ArrayLike<number>;
  /** Set for window strategies (popular, trending): their ranked counts. */
  counts?: WindowCounts;
  /** Its best eligible candidates, best first, and their ranks. */
  top: number[];
  rank: Map<number, number>;
  max: number;
  vector?: ScoreVector;
  windowDays?: number;
}

function rankedSource(strategy: StrategyName, weight: number, counts: WindowCounts, windowDays: number): Source {
  return {
    strategy,
    weight,
    scoreOf: (i) => counts.counts[i],
    candidates: counts.ranked,
    counts,
    top: [],
    rank: new Map(),
    max: 0,
    windowDays,
  };
}

interface BlendOptions {
  /** Fill a short list with bestsellers and new arrivals. */
  fill: boolean;
}

function run(index: RecommenderIndex, request: RecommendRequest, weights: StrategyWeights, blend: BlendOptions) {
  const p = prepare(index, request, weights, signalsFor(index, request.signals));
  if (p.filters.impossible) return [];
  const sources: Source[] = [];
  const borrowed: ScoreVector[] = [];
  let learned: LearnedScores | null = null;
  try {
    for (const strategy of STRATEGIES) {
      const weight = p.weights[strategy] * (strategy === "personal" ? p.signals.neighbours : 1);
      if (!(weight > 0)) continue;
      if (strategy === "popular" || strategy === "trending") {
        const end = windowEnd(p.now);
        const days = strategy === "popular" ? index.options.popularWindowDays : index.options.trendingWindowDays;
        const counts = strategy === "popular" ? purchaseCounts(index, end, days) : trendingCounts(index, end);
        sources.push(rankedSource(strategy, weight, counts, days));
        continue;
      }
      const vector = index.pool.acquire();
      borrowed.push(vector);
      VECTOR_STRATEGIES[strategy as VectorStrategy](p, vector);
      if (vector.count === 0) continue;
      sources.push({
        strategy,
        weight,
        scoreOf: (i) => vector.score[i],
        candidates: vector.touched(),
        top: [],
        rank: new Map(),
        max: 0,
        vector,
      });
    }
    const end = windowEnd(p.now);
    const personalWeight = p.weights.personal * p.signals.learned;
    if (personalWeight > 0 && (learned = learnedScores(p))) {
      const { scores } = learned;
      const { slot, items } = index.learned!;
      sources.push({
        strategy: "personal",
        signal: "learned",
        weight: personalWeight,
        scoreOf: (i) => scores[slot[i]],
        candidates: items,
        top: [],
        rank: new Map(),
        max: 0,
        learned,
      });
    }
    const recentWeight = p.weights.popular * p.signals.recent;
    if (recentWeight > 0) {
      const counts = recentCounts(index, end, index.options.recentHalfLifeDays);
      sources.push({ ...rankedSource("popular", recentWeight, counts, NaN), signal: "recent" });
    }
    const seasonalWeight = p.weights.popular * p.signals.seasonal;
    if (seasonalWeight > 0) {
      const counts = seasonalCounts(index, end, index.options.seasonalWindowDays);
      if (counts.ranked.length > 0)
        sources.push({ ...rankedSource("popular", seasonalWeight, counts, NaN), signal: "seasonal" });
    }

    // Each strategy's best eligible candidates, best first.
    const depth = Math.max(p.limit * CANDIDATE_DEPTH_FACTOR, MIN_CANDIDATE_DEPTH);
    for (const source of sources) {
      if (source.counts) {
        source.top = rankedEligible(p, source.counts, depth);
      } else {
        source.top = topK(source.candidates, source.scoreOf, depth, (i) => eligible(p, i));
      }
      source.max = source.top.length > 0 ? source.scoreOf(source.top[0]) : 0;
      source.rank = new Map(source.top.map((item, r) => [item, r]));
    }
    const active = sources.filter((s) => s.max > 0);
    const fusion = index.options.fusion;
    const fusionK = index.options.rankFusionK;
    const contribution = (s: Source, i: number): number => {
      if (fusion === "score") return (s.weight * s.scoreOf(i)) / s.max;
      const r = s.rank.get(i);
      return r === undefined ? 0 : s.weight / (fusionK + r + 1);
    };

    const blended = index.pool.acquire();
    borrowed.push(blended);
    for (const source of active) {
      for (const i of source.top) {
        if (blended.score[i] > 0) continue;
        let sum = 0;
        for (const s of active) sum += contribution(s, i);
        blended.add(i, sum);
      }
    }

    const chosen = topK(blended.touched(), (i) => blended.score[i], p.limit);
    const items = chosen.map((i) => explainItem(p, active, contribution, i, blended.score[i]));
    if (blend.fill && items.length < p.limit) fillShortList(p, items, chosen);
    return p.list === "discover" ? items.map((item) => ({ ...item, reason: discoverReason(item.reason) })) : items;
  } finally {
    for (const v of borrowed) index.pool.release(v);
    learned?.scores.fill(0);
  }
}

function explainItem(
  p: Prepared,
  active: Source[],
  contribution: (s: Source, i: number) => number,
  product: number,
  score: number,
): Recommendation {
  const { ids, titles } = p.index.products;
  let best = active[0];
  let bestValue = -1;
  for (const s of active) {
    const value = contribution(s, product);
    if (value > bestValue) {
      best = s;
      bestValue = value;
    }
  }
  const productId = ids[product];
  if (best.learned) {
    const anchor = learnedAnchor(p, best.learned, product);
    const anchorFields = { anchorProductId: ids[anchor.product], anchorTitle: titles[anchor.product] };
    return {
      productId,
      score,
      strategy: best.strategy,
      reason: explain({ kind: anchor.viewed ? "viewed" : "bought_with", ...anchorFields }),
    };
  }
  if (best.signal === "recent") {
    return { productId, score, strategy: best.strategy, reason: explain({ kind: "popular" }) };
  }
  if (best.signal === "seasonal") {
    return { productId, score, strategy: best.strategy, reason: explain({ kind: "seasonal" }) };
  }
  const anchor = best.vector ? best.vector.anchor[product] : -1;
  const kind = best.vector ? best.vector.anchorKind[product] : 0;
  const anchorFields = anchor >= 0 ? { anchorProductId: ids[anchor], anchorTitle: titles[anchor] } : {};
  switch (best.strategy) {
    case "repurchase":
      return { productId, score, strategy: best.strategy, reason: explain({ kind: "bought_before" }) };
    case "personal":
      return {
        productId,
        score,
        strategy: best.strategy,
        reason: explain({ kind: kind === ANCHOR_VIEWED ? "viewed" : "bought_with", ...anchorFields }),
      };
    case "copurchase":
      return { productId, score, strategy: best.strategy, reason: explain({ kind: "bought_with", ...anchorFields }) };
    case "complementary":
      return { productId, score, strategy: best.strategy, reason: explain({ kind: "in_cart", ...anchorFields }) };
    case "content":
      return {
        productId,
        score,
        strategy: best.strategy,
        reason:
          kind === ANCHOR_QUERY
            ? explain({ kind: "similar", query: p.query?.text })
            : explain({ kind: "similar", ...anchorFields }),
      };
    case "popular":
    case "trending":
      return {
        productId,
        score,
        strategy: best.strategy,
        reason: explain({ kind: best.strategy, windowDays: best.windowDays }),
      };
  }
}

function fillShortList(p: Prepared, items: Recommendation[], chosen: number[]): void {
  const taken = new Set(chosen);
  const { ids, newest, createdAt } = p.index.products;
  const push = (i: number, strategy: FillStrategyName) => {
    taken.add(i);
    items.push({ productId: ids[i], score: 0, strategy, reason: explain({ kind: strategy }) });
  };
  const counts = purchaseCounts(p.index, windowEnd(p.now), p.index.options.bestsellerWindowDays);
  for (const i of rankedEligible(p, counts, p.limit * 2)) {
    if (items.length >= p.limit) break;
    if (!taken.has(i)) push(i, "bestseller");
  }
  const since = p.now - p.index.options.newArrivalDays * DAY_MS;
  const isNew = (i: number) => createdAt[i] >= since && createdAt[i] <= p.now;
  const { allowedList } = p.filters;
  if (allowedList && allowedList.length < newest.length) {
    // A narrow filter: sort its few products by date rather than walk every new product.
    const recent = allowedList.filter(isNew).sort((a, b) => createdAt[b] - createdAt[a] || a - b);
    for (const i of recent) {
      if (items.length >= p.limit) break;
      if (!taken.has(i) && eligible(p, i)) push(i, "new_arrival");
    }
    return;
  }
  for (let k = 0; k < newest.length && items.length < p.limit; k++) {
    const i = newest[k];
    if (createdAt[i] > p.now) continue;
    if (createdAt[i] < since) break;
    if (!taken.has(i) && eligible(p, i)) push(i, "new_arrival");
  }
}

function signalsFor(index: RecommenderIndex, override: Partial<SignalWeights> | undefined): SignalWeights {
  const signals = { ...index.options.signals };
  for (const s of SIGNALS) {
    const w = override?.[s];
    if (w === undefined) continue;
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`Signal weight ${s} must be a finite number ≥ 0`);
    signals[s] = w;
  }
  return signals;
}

function weightsFor(index: RecommenderIndex, override: Partial<StrategyWeights> | undefined): StrategyWeights {
  const weights = { ...index.options.weights };
  for (const s of STRATEGIES) {
    const w = override?.[s];
    if (w === undefined) continue;
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`Strategy weight ${s} must be a finite number ≥ 0`);
    weights[s] = w;
  }
  return weights;
}

/**
 * Recommendations for one request: every strategy with a weight and a signal proposes products,
 * their scores are normalised per strategy and blended by the weights, and each product carries
 * the reason of the strategy that contributed most. Never returns what is in the cart, the
 * current product or excluded ids; only published, in-stock products unless includeUnavailable.
 * With no signals at all (cold start) the popular and trending strategies, content similarity to
 * the current product or the conversation, then bestsellers and new arrivals fill the list.
 */
export function recommend(index: RecommenderIndex, request: RecommendRequest = {}): RecommendResult {
  return {
    items: run(index, request, weightsFor(index, request.weights), { fill: true }),
    list: request.list ?? "default",
  };
}

/**
 * The discover list ("something new", "what else would I like?"): recommend() without anything
 * the shopper bought before and without "buy again"; every reason starts "New to you".
 */
export function discover(index: RecommenderIndex, request: Omit<RecommendRequest, "list"> = {}): RecommendResult {
  return recommend(index, { ...request, list: "discover" });
}

/**
 * One strategy alone (no blending, no filling): for tests, for a bandit arm that wants a pure
 * strategy, and for surfaces such as "Often bought together" on a product page.
 */
export function recommendWithStrategy(
  index: RecommenderIndex,
  strategy: StrategyName,
  request: Omit<RecommendRequest, "weights"> = {},
): RecommendResult {
  const weights = Object.fromEntries(STRATEGIES.map((s) => [s, s === strategy ? 1 : 0])) as StrategyWeights;
  return { items: run(index, request, weights, { fill: false }), list: request.list ?? "default" };
}

/** In-stock bestsellers (distinct buyers over the bestseller window) for the assistant's "what sells well?". */
export function bestsellers(index: RecommenderIndex, request: BestsellersRequest = {}): RecommendResult {
  const p = prepare(
    index,
    {
      limit: request.limit,
      now: request.now,
      includeUnavailable: request.includeUnavailable,
      context: request.context,
    },
    index.options.weights,
  );
  if (p.filters.impossible) return { items: [], list: "default" };
  const counts = purchaseCounts(index, windowEnd(p.now), index.options.bestsellerWindowDays);
  const items: Recommendation[] = [];
  for (const i of rankedEligible(p, counts, p.limit)) {
    items.push({
      productId: index.products.ids[i],
      score: counts.counts[i],
      strategy: "bestseller",
      reason: explain({ kind: "bestseller" }),
    });
  }
  return { items, list: "default" };
}
