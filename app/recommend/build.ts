import { buildLearnedModel, type LearnedModel } from "./learned";
import { resolveOptions, type RecommenderOptions, type RecommenderOptionsInput } from "./options";
import { ScoreVectorPool, SmallTopK } from "./scores";
import { tokenize } from "./text";
import type { CatalogProduct, RecommenderInput, Timestamp } from "./types";

const DAY_MS = 86_400_000;

/** Bits of RecommenderIndex.content.termFields: where in the product a term was seen. */
export const FIELD = {
  title: 1,
  type: 2,
  vendor: 4,
  tags: 8,
  description: 16,
  collections: 32,
  options: 64,
} as const;

/** Fields that the type and colour filters look at. */
export const FACET_FIELDS = FIELD.title | FIELD.type | FIELD.tags | FIELD.options;

// How much a word counts towards similarity, by where it appears.
const FIELD_WEIGHT: Record<keyof typeof FIELD, number> = {
  title: 3,
  type: 2,
  vendor: 1,
  tags: 2,
  description: 1,
  collections: 1,
  options: 1,
};

export const FLAG_AVAILABLE = 1;
export const FLAG_PUBLISHED = 2;

/** Per product, a capped list of (item, score), best first: CSR layout. */
export interface NeighbourLists {
  readonly start: Int32Array;
  readonly item: Int32Array;
  readonly score: Float32Array;
}

/** Windowed purchase counts (distinct customers per product), computed on demand and cached. */
export interface WindowCounts {
  /** Distinct customers (a guest order counts as one) per product in the window. */
  counts: Float32Array;
  /** Products with a count > 0, best first (ties: product order). */
  ranked: Int32Array;
}

/**
 * Everything a request needs, precomputed. Products are numbered 0..n-1 in id order, so ties
 * broken by number are broken by id, whatever order the input came in.
 */
export interface RecommenderIndex {
  readonly options: RecommenderOptions;
  /** The index's "now" (ms). */
  readonly asOf: number;
  readonly buildMs: number;
  readonly stats: {
    products: number;
    orderLines: number;
    skippedOrderLines: number;
    orders: number;
    customers: number;
    events: number;
    neighbourEntries: number;
    similarEntries: number;
    terms: number;
    /** Products the learned model covers (0: none built). */
    learnedItems: number;
    learnedMs: number;
  };
  readonly products: {
    readonly count: number;
    readonly ids: readonly string[];
    readonly byId: ReadonlyMap<string, number>;
    readonly titles: readonly string[];
    readonly price: Float64Array;
    /** FLAG_AVAILABLE | FLAG_PUBLISHED; updated in place by setProductState. */
    readonly flags: Uint8Array;
    readonly createdAt: Float64Array;
    /** Interned product type per product (-1 none). */
    readonly typeId: Int32Array;
    /** Products with a creation date, newest first. */
    readonly newest: Int32Array;
  };
  readonly content: {
    readonly terms: ReadonlyMap<string, number>;
    readonly idf: Float32Array;
    /** Per product: its terms with unit-normalised tf-idf weights, strongest first. */
    readonly start: Int32Array;
    readonly term: Int32Array;
    readonly weight: Float32Array;
    readonly fields: Uint8Array;
    /** Per term: products holding it, strongest first, at most contentMaxPostings. */
    readonly postingStart: Int32Array;
    readonly postingProduct: Int32Array;
    readonly postingWeight: Float32Array;
    /**
     * Per term: every product holding it in a field that filters read (title, type, tags,
     * options), uncapped, with the fields: "red", "mug" → the exact set to filter by.
     */
    readonly facetStart: Int32Array;
    readonly facetProduct: Int32Array;
    readonly facetFields: Uint8Array;
  };
  /** Co-purchase neighbours per product, best first. */
  readonly neighbours: NeighbourLists;
  /** Content neighbours (cosine of tf-idf vectors) per product, best first. */
  readonly similar: NeighbourLists;
  /** The learned item-to-item model over the most bought products, or null. */
  readonly learned: LearnedModel | null;
  /** Orders sorted by time; each order's distinct products. */
  readonly sales: {
    readonly time: Float64Array;
    readonly customer: Int32Array;
    readonly start: Int32Array;
    readonly item: Int32Array;
  };
  /** Per known customer: their (order, product) purchases, oldest first. */
  readonly customers: {
    readonly byId: ReadonlyMap<string, number>;
    readonly start: Int32Array;
    readonly item: Int32Array;
    readonly time: Float64Array;
  };
  readonly pool: ScoreVectorPool;
  readonly windowCache: Map<string, WindowCounts>;
}

/** A typed array that grows by doubling while rows stream in. */
class Growable<T extends Int32Array | Float64Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (size: number) => T,
  ) {}
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  done(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
const growInt = (size = 1024) => new Growable(new Int32Array(size), (n) => new Int32Array(n));
const growFloat = (size = 1024) => new Growable(new Float64Array(size), (n) => new Float64Array(n));

export const toMs = (t: Timestamp): number => (typeof t === "number" ? t : t.getTime());

/**
 * Precomputes co-purchase neighbours, the content index, the time-ordered sales and each
 * customer's purchases. Memory is linear in products, order lines and terms (neighbour lists and
 * postings are capped), and a rebuild of 100k products / 1M lines takes seconds, so the app
 * rebuilds after a sync rather than updating incrementally; stock and publication changes are
 * applied in place with setProductState.
 */
export function buildRecommenderIndex(
  input: RecommenderInput,
  optionsInput?: RecommenderOptionsInput,
): RecommenderIndex {
  const started = performance.now();
  const options = resolveOptions(optionsInput);

  const { products, content } = ingestCatalog(input.products, options);
  const n = products.ids.length;
  const similar = buildSimilar(content, n, options);

  // Order lines: intern orders and customers, drop lines of products not in the catalog.
  const orderIds = new Map<string, number>();
  const customerIds = new Map<string, number>();
  const orderTime = growFloat();
  const orderCustomer = growInt();
  const lineOrder = growInt(1 << 16);
  const lineProduct = growInt(1 << 16);
  let orderLines = 0;
  let skipped = 0;
  let latest = -Infinity;
  for (const line of input.orderLines) {
    orderLines++;
    const product = products.byId.get(line.productId);
    if (product === undefined || !(line.quantity > 0)) {
      skipped++;
      continue;
    }
    const time = toMs(line.createdAt);
    let order = orderIds.get(line.orderId);
    if (order === undefined) {
      order = orderIds.size;
      orderIds.set(line.orderId, order);
      orderTime.push(time);
      let customer = -1;
      if (line.customerId !== null && line.customerId !== "") {
        customer = customerIds.get(line.customerId) ?? customerIds.size;
        if (customer === customerIds.size) customerIds.set(line.customerId, customer);
      }
      orderCustomer.push(customer);
    } else if (time < orderTime.data[order]) {
      orderTime.data[order] = time;
    }
    if (time > latest) latest = time;
    lineOrder.push(order);
    lineProduct.push(product);
  }
  const asOf = options.now ?? (Number.isFinite(latest) ? latest : Date.now());
  const sales = buildSales(lineOrder.done(), lineProduct.done(), orderTime.done(), orderCustomer.done());
  const customers = buildCustomers(sales, customerIds);

  // Baskets for co-occurrence: orders, optionally each customer's history, and event sessions.
  const baskets = new BasketList();
  const halfLife = options.copurchaseHalfLifeDays * DAY_MS;
  const decay = (time: number) => (halfLife > 0 ? Math.pow(0.5, Math.max(0, asOf - time) / halfLife) : 1);
  for (let o = 0; o < sales.time.length; o++) {
    baskets.add(sales.item.subarray(sales.start[o], sales.start[o + 1]), decay(sales.time[o]), options);
  }
  if (options.customerBasketWeight > 0) addCustomerBaskets(baskets, customers, decay, options, n);
  let events = 0;
  if (input.events) events = addEventBaskets(baskets, input.events, products.byId, decay, options, n);
  const neighbours = buildNeighbours(baskets, n, options);
  const learned = buildLearnedModel({ productCount: n, customers, asOf }, options);

  const index: RecommenderIndex = {
    options,
    asOf,
    buildMs: 0,
    stats: {
      products: n,
      orderLines,
      skippedOrderLines: skipped,
      orders: sales.time.length,
      customers: customerIds.size,
      events,
      neighbourEntries: neighbours.item.length,
      similarEntries: similar.item.length,
      terms: content.terms.size,
      learnedItems: learned?.items.length ?? 0,
      learnedMs: learned?.buildMs ?? 0,
    },
    products: {
      count: n,
      ids: products.ids,
      byId: products.byId,
      titles: products.titles,
      price: products.price,
      flags: products.flags,
      createdAt: products.createdAt,
      typeId: products.typeId,
      newest: products.newest,
    },
    content,
    neighbours,
    similar,
    learned,
    sales,
    customers,
    pool: new ScoreVectorPool(n),
    windowCache: new Map(),
  };
  return { ...index, buildMs: performance.now() - started };
}

/** Applies a stock, publication or price change without a rebuild. Returns false for an unknown product. */
export function setProductState(
  index: RecommenderIndex,
  productId: string,
  state: { available?: boolean; published?: boolean; price?: number },
): boolean {
  const i = index.products.byId.get(productId);
  if (i === undefined) return false;
  let flags = index.products.flags[i];
  if (state.available !== undefined) flags = state.available ? flags | FLAG_AVAILABLE : flags & ~FLAG_AVAILABLE;
  if (state.published !== undefined) flags = state.published ? flags | FLAG_PUBLISHED : flags & ~FLAG_PUBLISHED;
  index.products.flags[i] = flags;
  if (state.price !== undefined && Number.isFinite(state.price)) index.products.price[i] = state.price;
  return true;
}

/**
 * Reads the catalog once, as a stream: each product's scalar fields and raw terms go straight
 * into flat arrays, so the caller can page products in from the database and the whole catalog
 * never has to exist as objects at once. Products are then numbered in id order (a later row
 * with the same id replaces the earlier one).
 */
function ingestCatalog(source: Iterable<CatalogProduct>, options: RecommenderOptions) {
  const slotOf = new Map<string, number>();
  const slotTitle: string[] = [];
  const slotType: (string | null)[] = [];
  const slotPrice = growFloat();
  const slotFlags = growInt();
  const slotCreated = growFloat();

  const terms = new Map<string, number>();
  const df = growInt();
  const rawStart = growInt();
  const rawTerm = growInt(1 << 16);
  const rawTf = growFloat(1 << 16);
  const rawFields = growInt(1 << 16);
  // Where each term last appeared: (slot, position in the raw arrays), to merge a product's repeats.
  const termSlot = growInt();
  const termAt = growInt();

  for (const p of source) {
    const previous = slotOf.get(p.id);
    if (previous !== undefined) {
      for (let k = rawStart.data[previous]; k < rawStart.data[previous + 1]; k++) df.data[rawTerm.data[k]]--;
    }
    const slot = slotTitle.length;
    slotOf.set(p.id, slot);
    slotTitle.push(p.title);
    slotType.push(p.productType?.trim().toLowerCase() || null);
    slotPrice.push(Number.isFinite(p.price) ? p.price : 0);
    slotFlags.push((p.available ? FLAG_AVAILABLE : 0) | (p.published ? FLAG_PUBLISHED : 0));
    slotCreated.push(p.createdAt === undefined ? NaN : toMs(p.createdAt));

    rawStart.push(rawTerm.length);
    const add = (tokens: string[], field: keyof typeof FIELD) => {
      for (const token of tokens) {
        let t = terms.get(token);
        if (t === undefined) {
          t = terms.size;
          terms.set(token, t);
          df.push(0);
          termSlot.push(-1);
          termAt.push(0);
        }
        if (termSlot.data[t] !== slot) {
          termSlot.data[t] = slot;
          termAt.data[t] = rawTerm.length;
          rawTerm.push(t);
          rawTf.push(0);
          rawFields.push(0);
          df.data[t]++;
        }
        const at = termAt.data[t];
        rawTf.data[at] += FIELD_WEIGHT[field];
        rawFields.data[at] |= FIELD[field];
      }
    };
    add(tokenize(p.title), "title");
    add(tokenize(p.productType), "type");
    add(tokenize(p.vendor), "vendor");
    for (const tag of p.tags ?? []) add(tokenize(tag), "tags");
    add(tokenize(p.description).slice(0, options.descriptionWords), "description");
    for (const c of p.collections ?? []) add(tokenize(c), "collections");
    for (const o of p.options ?? []) add(tokenize(o), "options");
  }
  rawStart.push(rawTerm.length);

  const ids = [...slotOf.keys()].sort();
  const n = ids.length;
  const byId = new Map<string, number>();
  const slots = new Int32Array(n);
  const titles: string[] = new Array(n);
  const price = new Float64Array(n);
  const flags = new Uint8Array(n);
  const createdAt = new Float64Array(n);
  const typeId = new Int32Array(n);
  const types = new Map<string, number>();
  ids.forEach((id, i) => {
    const slot = slotOf.get(id)!;
    slots[i] = slot;
    byId.set(id, i);
    titles[i] = slotTitle[slot];
    price[i] = slotPrice.data[slot];
    flags[i] = slotFlags.data[slot];
    createdAt[i] = slotCreated.data[slot];
    const type = slotType[slot];
    if (type) {
      let t = types.get(type);
      if (t === undefined) types.set(type, (t = types.size));
      typeId[i] = t;
    } else {
      typeId[i] = -1;
    }
  });
  const dated: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(createdAt[i])) dated.push(i);
  dated.sort((a, b) => createdAt[b] - createdAt[a] || a - b);
  const products = { ids, byId, titles, price, flags, createdAt, typeId, newest: Int32Array.from(dated) };

  const raw = {
    slots,
    start: rawStart.done(),
    term: rawTerm.done(),
    tf: rawTf.done(),
    fields: rawFields.done(),
    df: df.done(),
  };
  return { products, content: buildContent(raw, terms, n, options) };
}

function buildContent(
  raw: { slots: Int32Array; start: Int32Array; term: Int32Array; tf: Float64Array; fields: Int32Array; df: Int32Array },
  terms: Map<string, number>,
  n: number,
  options: RecommenderOptions,
): RecommenderIndex["content"] {
  const termCount = terms.size;
  const idf = new Float32Array(termCount);
  for (let t = 0; t < termCount; t++) idf[t] = raw.df[t] > 0 ? Math.log(1 + n / raw.df[t]) : 0;

  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + raw.start[raw.slots[i] + 1] - raw.start[raw.slots[i]];
  const total = start[n];
  const term = new Int32Array(total);
  const weight = new Float32Array(total);
  const fields = new Uint8Array(total);
  const postingCount = new Int32Array(termCount);
  const w: number[] = [];
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const from = raw.start[raw.slots[i]];
    const count = start[i + 1] - start[i];
    w.length = count;
    order.length = count;
    let squares = 0;
    for (let k = 0; k < count; k++) {
      w[k] = (1 + Math.log(raw.tf[from + k])) * idf[raw.term[from + k]];
      squares += w[k] * w[k];
      order[k] = k;
    }
    const norm = Math.sqrt(squares) || 1;
    order.sort((a, b) => w[b] - w[a] || raw.term[from + a] - raw.term[from + b]);
    for (let k = 0; k < count; k++) {
      const src = from + order[k];
      term[start[i] + k] = raw.term[src];
      weight[start[i] + k] = w[order[k]] / norm;
      fields[start[i] + k] = raw.fields[src];
      postingCount[raw.term[src]]++;
    }
  }

  // Postings: all products per term, then keep the strongest contentMaxPostings of each.
  const fullStart = new Int32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) fullStart[t + 1] = fullStart[t] + postingCount[t];
  const fill = fullStart.slice(0, termCount);
  const fullProduct = new Int32Array(total);
  const fullWeight = new Float32Array(total);
  for (let i = 0; i < n; i++) {
    for (let k = start[i]; k < start[i + 1]; k++) {
      const slot = fill[term[k]]++;
      fullProduct[slot] = i;
      fullWeight[slot] = weight[k];
    }
  }
  const cap = Math.max(1, options.contentMaxPostings);
  const postingStart = new Int32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) postingStart[t + 1] = postingStart[t] + Math.min(cap, postingCount[t]);
  const postingProduct = new Int32Array(postingStart[termCount]);
  const postingWeight = new Float32Array(postingStart[termCount]);
  for (let t = 0; t < termCount; t++) {
    const from = fullStart[t];
    const count = postingCount[t];
    const order = Array.from({ length: count }, (_, k) => from + k);
    // Short lists are read whole whatever their order; only longer ones need strongest-first.
    if (count > Math.min(cap, options.contentSimilarPostings)) {
      order.sort((a, b) => fullWeight[b] - fullWeight[a] || fullProduct[a] - fullProduct[b]);
    }
    const keep = Math.min(cap, count);
    for (let k = 0; k < keep; k++) {
      postingProduct[postingStart[t] + k] = fullProduct[order[k]];
      postingWeight[postingStart[t] + k] = fullWeight[order[k]];
    }
  }
  const facetStart = new Int32Array(termCount + 1);
  for (let k = 0; k < total; k++) if (fields[k] & FACET_FIELDS) facetStart[term[k] + 1]++;
  for (let t = 0; t < termCount; t++) facetStart[t + 1] += facetStart[t];
  const facetFill = facetStart.slice(0, termCount);
  const facetProduct = new Int32Array(facetStart[termCount]);
  const facetFields = new Uint8Array(facetStart[termCount]);
  for (let i = 0; i < n; i++) {
    for (let k = start[i]; k < start[i + 1]; k++) {
      if ((fields[k] & FACET_FIELDS) === 0) continue;
      const slot = facetFill[term[k]]++;
      facetProduct[slot] = i;
      facetFields[slot] = fields[k];
    }
  }
  return {
    terms,
    idf,
    start,
    term,
    weight,
    fields,
    postingStart,
    postingProduct,
    postingWeight,
    facetStart,
    facetProduct,
    facetFields,
  };
}

function buildSales(
  lineOrder: Int32Array,
  lineProduct: Int32Array,
  orderTime: Float64Array,
  orderCustomer: Int32Array,
) {
  const orders = orderTime.length;
  // Orders by time (ties: first seen), then each order's distinct products.
  const byTime = Int32Array.from({ length: orders }, (_, o) => o);
  byTime.sort((a, b) => orderTime[a] - orderTime[b] || a - b);
  const rank = new Int32Array(orders);
  for (let r = 0; r < orders; r++) rank[byTime[r]] = r;
  const counts = new Int32Array(orders + 1);
  for (let l = 0; l < lineOrder.length; l++) counts[rank[lineOrder[l]] + 1]++;
  for (let r = 0; r < orders; r++) counts[r + 1] += counts[r];
  const fill = counts.slice(0, orders);
  const raw = new Int32Array(lineOrder.length);
  for (let l = 0; l < lineOrder.length; l++) raw[fill[rank[lineOrder[l]]]++] = lineProduct[l];

  const start = new Int32Array(orders + 1);
  const item = new Int32Array(lineOrder.length);
  let at = 0;
  for (let r = 0; r < orders; r++) {
    const basket = raw.subarray(counts[r], counts[r + 1]).sort();
    start[r] = at;
    for (let k = 0; k < basket.length; k++) if (k === 0 || basket[k] !== basket[k - 1]) item[at++] = basket[k];
  }
  start[orders] = at;
  const time = new Float64Array(orders);
  const customer = new Int32Array(orders);
  for (let r = 0; r < orders; r++) {
    time[r] = orderTime[byTime[r]];
    customer[r] = orderCustomer[byTime[r]];
  }
  return { time, customer, start, item: item.slice(0, at) };
}

function buildCustomers(sales: RecommenderIndex["sales"], byId: Map<string, number>): RecommenderIndex["customers"] {
  const count = byId.size;
  const start = new Int32Array(count + 1);
  for (let o = 0; o < sales.time.length; o++) {
    const c = sales.customer[o];
    if (c >= 0) start[c + 1] += sales.start[o + 1] - sales.start[o];
  }
  for (let c = 0; c < count; c++) start[c + 1] += start[c];
  const fill = start.slice(0, count);
  const item = new Int32Array(start[count]);
  const time = new Float64Array(start[count]);
  for (let o = 0; o < sales.time.length; o++) {
    const c = sales.customer[o];
    if (c < 0) continue;
    for (let k = sales.start[o]; k < sales.start[o + 1]; k++) {
      item[fill[c]] = sales.item[k];
      time[fill[c]++] = sales.time[o];
    }
  }
  return { byId, start, item, time };
}

/** Baskets as one flat list of products with a weight each. */
class BasketList {
  start = growInt();
  item = growInt(1 << 16);
  weight = growFloat();
  constructor() {
    this.start.push(0);
  }
  add(products: ArrayLike<number>, weight: number, options: RecommenderOptions): void {
    const k = Math.min(products.length, options.maxBasketItems);
    if (k === 0 || !(weight > 0)) return;
    for (let j = 0; j < k; j++) this.item.push(products[j]);
    this.start.push(this.item.length);
    this.weight.push(weight * Math.pow(Math.max(1, k), -options.basketDamping));
  }
}

function addCustomerBaskets(
  baskets: BasketList,
  customers: RecommenderIndex["customers"],
  decay: (time: number) => number,
  options: RecommenderOptions,
  n: number,
): void {
  const latestOf = new Float64Array(n);
  const seen = new Int32Array(n).fill(-1);
  for (let c = 0; c < customers.start.length - 1; c++) {
    const distinct: number[] = [];
    // Newest first, so a capped basket keeps the customer's recent products.
    for (let k = customers.start[c + 1] - 1; k >= customers.start[c]; k--) {
      const p = customers.item[k];
      if (seen[p] !== c) {
        seen[p] = c;
        latestOf[p] = customers.time[k];
        distinct.push(p);
      }
    }
    if (distinct.length < 2) continue;
    distinct.length = Math.min(distinct.length, options.maxBasketItems);
    distinct.sort((a, b) => a - b);
    let newest = -Infinity;
    for (const p of distinct) newest = Math.max(newest, latestOf[p]);
    baskets.add(distinct, options.customerBasketWeight * decay(newest), options);
  }
}

function addEventBaskets(
  baskets: BasketList,
  events: Iterable<{ shopperKey: string; productId: string; type: "view" | "add_to_cart"; at: Timestamp }>,
  byId: ReadonlyMap<string, number>,
  decay: (time: number) => number,
  options: RecommenderOptions,
  n: number,
): number {
  const byShopper = new Map<string, { product: number; at: number; cart: boolean }[]>();
  let count = 0;
  for (const e of events) {
    const product = byId.get(e.productId);
    if (product === undefined) continue;
    count++;
    let list = byShopper.get(e.shopperKey);
    if (!list) byShopper.set(e.shopperKey, (list = []));
    list.push({ product, at: toMs(e.at), cart: e.type === "add_to_cart" });
  }
  const gap = options.eventSessionGapMinutes * 60_000;
  const inSession = new Uint8Array(n);
  for (const key of [...byShopper.keys()].sort()) {
    const list = byShopper.get(key)!.sort((a, b) => a.at - b.at || a.product - b.product);
    let from = 0;
    for (let k = 1; k <= list.length; k++) {
      if (k < list.length && list[k].at - list[k - 1].at <= gap) continue;
      const session = list.slice(from, k);
      const products: number[] = [];
      let cart = false;
      for (const e of session) {
        cart ||= e.cart;
        if (!inSession[e.product]) {
          inSession[e.product] = 1;
          products.push(e.product);
        }
      }
      for (const p of products) inSession[p] = 0;
      products.sort((a, b) => a - b);
      const weight = cart ? options.addToCartEventWeight : options.viewEventWeight;
      baskets.add(products, weight * decay(session[session.length - 1].at), options);
      from = k;
    }
  }
  return count;
}

/**
 * Content neighbours of every product: the cosine of tf-idf vectors, summed over the product's
 * strongest terms and each term's strongest postings (both capped, so the cost per product is
 * bounded whatever the catalog's size).
 */
function buildSimilar(content: RecommenderIndex["content"], n: number, options: RecommenderOptions): NeighbourLists {
  const { start: tStart, term, weight, postingStart, postingProduct, postingWeight } = content;
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const best = new SmallTopK(options.similarProducts);
  const start = new Int32Array(n + 1);
  const item = growInt(Math.max(1024, n * options.similarProducts));
  const score = growFloat(Math.max(1024, n * options.similarProducts));
  for (let i = 0; i < n; i++) {
    start[i] = item.length;
    let touchedCount = 0;
    const to = Math.min(tStart[i + 1], tStart[i] + options.contentQueryTerms);
    for (let k = tStart[i]; k < to; k++) {
      const t = term[k];
      const w = weight[k];
      const end = Math.min(postingStart[t + 1], postingStart[t] + options.contentSimilarPostings);
      for (let m = postingStart[t]; m < end; m++) {
        const j = postingProduct[m];
        if (j === i) continue;
        if (acc[j] === 0) touched[touchedCount++] = j;
        acc[j] += w * postingWeight[m];
      }
    }
    best.reset();
    for (let m = 0; m < touchedCount; m++) {
      const j = touched[m];
      best.offer(j, acc[j]);
      acc[j] = 0;
    }
    for (let m = 0; m < best.size; m++) {
      item.push(best.items[m]);
      score.push(best.scores[m]);
    }
  }
  start[n] = item.length;
  return { start, item: item.done().slice(), score: Float32Array.from(score.done()) };
}

function buildNeighbours(list: BasketList, n: number, options: RecommenderOptions): NeighbourLists {
  const bStart = list.start.done();
  const bItem = list.item.done();
  const bWeight = list.weight.done();
  const basketCount = bWeight.length;

  // Product → baskets, and each product's weighted occurrence N(i).
  const occurrence = new Float64Array(n);
  const pStart = new Int32Array(n + 1);
  for (let k = 0; k < bItem.length; k++) pStart[bItem[k] + 1]++;
  for (let i = 0; i < n; i++) pStart[i + 1] += pStart[i];
  const fill = pStart.slice(0, n);
  const pBasket = new Int32Array(bItem.length);
  for (let b = 0; b < basketCount; b++) {
    for (let k = bStart[b]; k < bStart[b + 1]; k++) {
      const i = bItem[k];
      pBasket[fill[i]++] = b;
      occurrence[i] += bWeight[b];
    }
  }

  const alpha = options.similarityAlpha;
  const shrink = options.similarityShrinkage;
  const denomPart = new Float64Array(n);
  for (let i = 0; i < n; i++) denomPart[i] = Math.pow(occurrence[i] + shrink, 1 - alpha);

  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const keep = options.neighbours;
  const start = new Int32Array(n + 1);
  const item = growInt(Math.max(1024, Math.min(n * keep, 1 << 20)));
  const scoreOut = growFloat(item.data.length);
  const best = new SmallTopK(keep);
  for (let i = 0; i < n; i++) {
    start[i] = item.length;
    let touchedCount = 0;
    for (let k = pStart[i]; k < pStart[i + 1]; k++) {
      const b = pBasket[k];
      const w = bWeight[b];
      for (let m = bStart[b]; m < bStart[b + 1]; m++) {
        const j = bItem[m];
        if (j === i) continue;
        if (acc[j] === 0) touched[touchedCount++] = j;
        acc[j] += w;
      }
    }
    if (touchedCount === 0 || keep === 0) continue;
    const own = Math.pow(occurrence[i] + shrink, alpha);
    best.reset();
    for (let t = 0; t < touchedCount; t++) {
      const j = touched[t];
      best.offer(j, acc[j] / (own * denomPart[j]));
      acc[j] = 0;
    }
    for (let m = 0; m < best.size; m++) {
      item.push(best.items[m]);
      scoreOut.push(best.scores[m]);
    }
  }
  start[n] = item.length;
  return { start, item: item.done().slice(), score: Float32Array.from(scoreOut.done()) };
}
