import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import type { CatalogProduct, OrderLine } from "../../app/recommend/types";

/**
 * A synthetic shop for the latency benchmark, generated from a seed: power-law product and
 * customer activity, baskets that mostly stay within a product type plus a customer's own
 * favourite types, a year of dates. Not a quality benchmark (that is eval:recs on real data):
 * its job is a realistic shape of work for the index and for requests.
 */
export interface ShopShape {
  products: number;
  orderLines: number;
  customers: number;
  seed: number;
  /** The end of the year of orders (ms). */
  end: number;
}

export const DEFAULT_SHAPE: ShopShape = {
  products: 100_000,
  orderLines: 1_000_000,
  customers: 50_000,
  seed: 20_240_601,
  end: Date.UTC(2025, 0, 1),
};

const DAY_MS = 86_400_000;

const COLOURS =
  "red blue green black white grey navy pink yellow orange purple brown beige gold silver teal cream ivory olive coral".split(
    " ",
  );
const ADJECTIVES = (
  "classic modern rustic vintage elegant cosy bold minimal natural handmade soft bright compact deluxe " +
  "everyday premium little giant organic recycled woven painted glazed polished brushed quilted scented " +
  "floral striped dotted checked retro nordic tropical coastal urban"
).split(" ");
const MATERIALS = "ceramic wooden glass cotton linen wool leather steel brass bamboo paper velvet stone enamel".split(
  " ",
);
const CATEGORIES = (
  "kitchen garden bath bedroom office kids party travel pet outdoor wedding christmas baby craft " +
  "tea coffee picnic storage lighting wall"
).split(" ");
const NOUNS = (
  "mug candle lamp cushion blanket basket vase planter bowl plate jar tray frame clock mirror bag " +
  "box tin notebook sign"
).split(" ");
const WORDS = (
  "perfect gift home design made with care every day fits easily great for friends family season colours " +
  "finish detail crafted small batch lasting quality easy clean wipe store decorate style warm light room " +
  "table shelf window door desk garden party celebration favourite collection limited edition new arrival"
).split(" ");
const SYLLABLES = "ka lo ra mi ne so ta vi lu be fo gra pel tin mor sa de li wo zu".split(" ");

type Rng = ReturnType<typeof xoroshiro128plus>;

function pick<T>(rng: Rng, list: readonly T[]): T {
  return list[Math.floor(uniformFloat64(rng) * list.length)];
}

/** Cumulative weights for sampling by binary search. */
function cumulative(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i];
  return out;
}

function sample(rng: Rng, cum: Float64Array, from = 0, to = cum.length): number {
  const base = from > 0 ? cum[from - 1] : 0;
  const target = base + uniformFloat64(rng) * (cum[to - 1] - base);
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface GeneratedShop {
  /** Streams the catalog (regenerated on each call, same every time). */
  products: () => Iterable<CatalogProduct>;
  /** Streams the order lines (regenerated on each call, same every time). */
  orderLines: () => Iterable<OrderLine>;
  productId: (i: number) => string;
  customerId: (c: number) => string;
  /** Products by popularity rank (0 = best seller), for building requests. */
  popularityOrder: Int32Array;
  typeCount: number;
}

export function generateShop(shape: ShopShape = DEFAULT_SHAPE): GeneratedShop {
  const rng = xoroshiro128plus(shape.seed);
  const n = shape.products;
  const types = CATEGORIES.flatMap((c) => NOUNS.map((noun) => ({ category: c, noun })));
  const vendors = Array.from({ length: Math.max(1, Math.floor(n / 50)) }, () => {
    const name = pick(rng, SYLLABLES) + pick(rng, SYLLABLES) + pick(rng, SYLLABLES);
    return `${name[0].toUpperCase()}${name.slice(1)} ${pick(rng, ["Studio", "Home", "Co", "Goods", "Works"])}`;
  });
  const tags = Array.from({ length: 200 }, (_, k) => `${pick(rng, ADJECTIVES)}-${pick(rng, WORDS)}-${k % 7}`);

  const productId = (i: number) => `gid://shopify/Product/${1_000_000 + i}`;
  const customerId = (c: number) => `gid://shopify/Customer/${5_000_000 + c}`;
  const typeOf = new Int32Array(n);
  const priceOf = new Float64Array(n);
  // Types themselves are power-law sized: a few big categories, many small ones.
  for (let i = 0; i < n; i++) {
    typeOf[i] = Math.floor(Math.pow(uniformFloat64(rng), 1.6) * types.length);
    priceOf[i] = Math.round(Math.exp(2 + 1.2 * uniformFloat64(rng) + 0.8 * uniformFloat64(rng)) * 100) / 100;
  }

  // The text of each product is made while streaming, from its own seed, so the catalog never
  // has to be held as objects (as the app streams products from its database).
  function* products(): Iterable<CatalogProduct> {
    const r = xoroshiro128plus(shape.seed + 2);
    for (let i = 0; i < n; i++) {
      const { category, noun } = types[typeOf[i]];
      const colour = pick(r, COLOURS);
      const u = uniformFloat64(r);
      yield {
        id: productId(i),
        title: `${pick(r, ADJECTIVES)} ${colour} ${pick(r, MATERIALS)} ${noun} ${pick(r, SYLLABLES)}${i % 997}`,
        productType: `${category} ${noun}`,
        vendor: pick(r, vendors),
        tags: [pick(r, tags), pick(r, tags), pick(r, tags)],
        description: Array.from({ length: 20 }, () => pick(r, WORDS)).join(" ") + ` ${category} ${noun}`,
        collections: [category, `${category} ${pick(r, ["sale", "new", "favourites"])}`],
        options: [colour, pick(r, ["small", "medium", "large"])],
        price: priceOf[i],
        available: u > 0.08,
        published: u < 0.97,
        createdAt: shape.end - Math.floor(uniformFloat64(r) * 730 * DAY_MS),
      };
    }
  }

  // Power-law popularity over a random permutation of products.
  const rankOf = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(uniformFloat64(rng) * (i + 1));
    [rankOf[i], rankOf[j]] = [rankOf[j], rankOf[i]];
  }
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) weight[i] = 1 / Math.pow(rankOf[i] + 1, 1.05) + 2e-6;
  const popularityOrder = new Int32Array(n);
  for (let i = 0; i < n; i++) popularityOrder[rankOf[i]] = i;

  // Products grouped by type (for in-type sampling) with cumulative weights per group.
  const byType = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => typeOf[a] - typeOf[b] || a - b);
  const typeStart = new Int32Array(types.length + 1);
  for (let i = 0; i < n; i++) typeStart[typeOf[i] + 1]++;
  for (let t = 0; t < types.length; t++) typeStart[t + 1] += typeStart[t];
  const globalCum = cumulative(weight);
  const typeCum = cumulative(Array.from(byType, (i) => weight[i]));

  const customerWeights = Array.from({ length: shape.customers }, (_, c) => 1 / Math.pow(c + 1, 0.6));
  const customerCum = cumulative(customerWeights);
  const favourite = Int32Array.from({ length: shape.customers }, () => Math.floor(uniformFloat64(rng) * types.length));

  const inType = (r: Rng, t: number) => {
    if (typeStart[t + 1] === typeStart[t]) return sample(r, globalCum);
    return byType[sample(r, typeCum, typeStart[t], typeStart[t + 1])];
  };

  function* orderLines(): Iterable<OrderLine> {
    const r = xoroshiro128plus(shape.seed + 1);
    let emitted = 0;
    let order = 0;
    const basket = new Set<number>();
    while (emitted < shape.orderLines) {
      const guest = uniformFloat64(r) < 0.1;
      const c = sample(r, customerCum);
      // Slightly more orders towards the end of the year: a growing shop.
      const createdAt = shape.end - Math.floor(Math.pow(uniformFloat64(r), 1.2) * 365 * DAY_MS);
      const size = Math.min(1 + Math.floor(-Math.log(1 - uniformFloat64(r)) * 3), 30, shape.orderLines - emitted);
      basket.clear();
      const first = !guest && uniformFloat64(r) < 0.5 ? inType(r, favourite[c]) : sample(r, globalCum);
      basket.add(first);
      for (let tries = 0; basket.size < size && tries < size * 4; tries++) {
        const u = uniformFloat64(r);
        basket.add(
          u < 0.6 ? inType(r, typeOf[first]) : u < 0.8 && !guest ? inType(r, favourite[c]) : sample(r, globalCum),
        );
      }
      const orderId = `gid://shopify/Order/${order++}`;
      for (const p of basket) {
        if (emitted >= shape.orderLines) break;
        emitted++;
        yield {
          orderId,
          customerId: guest ? null : customerId(c),
          productId: productId(p),
          quantity: 1 + Math.floor(uniformFloat64(r) * 2),
          price: priceOf[p],
          createdAt,
        };
      }
    }
  }

  return { products, orderLines, productId, customerId, popularityOrder, typeCount: types.length };
}
