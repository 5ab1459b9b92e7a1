import type { RecommenderIndex, WindowCounts } from "./build";

export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const CACHE_SIZE = 16;

/**
 * Windows end at the next full hour after "now": every request within an hour sees the same
 * counts, so they are computed once per hour and a given "now" always gives the same answer.
 */
export function windowEnd(now: number): number {
  return Math.ceil(now / HOUR_MS) * HOUR_MS;
}

function cached(index: RecommenderIndex, key: string, compute: () => WindowCounts): WindowCounts {
  const hit = index.windowCache.get(key);
  if (hit) return hit;
  const value = compute();
  if (index.windowCache.size >= CACHE_SIZE) {
    const oldest = index.windowCache.keys().next().value;
    if (oldest !== undefined) index.windowCache.delete(oldest);
  }
  index.windowCache.set(key, value);
  return value;
}

function lowerBound(times: Float64Array, value: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rank(counts: Float32Array): Int32Array {
  const ranked: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) ranked.push(i);
  ranked.sort((a, b) => counts[b] - counts[a] || a - b);
  return Int32Array.from(ranked);
}

/**
 * Distinct customers who bought each product in [end − days, end). Distinct customers rather than
 * units: one wholesale order of 500 mugs should not outrank mugs that 50 people bought.
 */
export function purchaseCounts(index: RecommenderIndex, end: number, days: number): WindowCounts {
  return cached(index, `buyers:${end}:${days}`, () => {
    const { sales } = index;
    const counts = new Float32Array(index.products.count);
    const from = lowerBound(sales.time, end - days * DAY_MS);
    const to = lowerBound(sales.time, end);
    const customerCount = Math.max(1, index.customers.byId.size);
    const seen = new Set<number>();
    for (let o = from; o < to; o++) {
      const customer = sales.customer[o];
      for (let k = sales.start[o]; k < sales.start[o + 1]; k++) {
        const product = sales.item[k];
        if (customer >= 0) {
          const key = product * customerCount + customer;
          if (seen.has(key)) continue;
          seen.add(key);
        }
        counts[product]++;
      }
    }
    return { counts, ranked: rank(counts) };
  });
}

/**
 * Trending: buyers in the last window against what the preceding baseline predicts, scored as
 * (observed − expected) / √(expected + 1) so that a jump from 0 to 3 and from 100 to 130 compare
 * sensibly; products below the minimum number of buyers are left out.
 */
export function trendingCounts(index: RecommenderIndex, end: number): WindowCounts {
  const { trendingWindowDays: days, trendingBaselineDays: baseline, trendingMinCustomers: min } = index.options;
  return cached(index, `trending:${end}:${days}:${baseline}:${min}`, () => {
    const recent = purchaseCounts(index, end, days).counts;
    const before = purchaseCounts(index, end - days * DAY_MS, baseline).counts;
    const scores = new Float32Array(index.products.count);
    const ratio = baseline > 0 ? days / baseline : 0;
    for (let i = 0; i < scores.length; i++) {
      if (recent[i] < Math.max(1, min)) continue;
      const expected = before[i] * ratio;
      const score = (recent[i] - expected) / Math.sqrt(expected + 1);
      if (score > 0) scores[i] = score;
    }
    return { counts: scores, ranked: rank(scores) };
  });
}

/**
 * Time-decayed popularity: each distinct buyer of a product counts 0.5^(age / halfLife) for
 * their latest purchase before `end`, over six half-lives (older purchases would add under 2 %).
 * Unlike a fixed window, last week's buyers count more than last month's, and nothing falls
 * off a cliff on day 31.
 */
export function recentCounts(index: RecommenderIndex, end: number, halfLifeDays: number): WindowCounts {
  return cached(index, `recent:${end}:${halfLifeDays}`, () => {
    const { sales } = index;
    const counts = new Float32Array(index.products.count);
    if (!(halfLifeDays > 0)) return { counts, ranked: new Int32Array(0) };
    const halfLife = halfLifeDays * DAY_MS;
    const from = lowerBound(sales.time, end - 6 * halfLife);
    const to = lowerBound(sales.time, end);
    const customerCount = Math.max(1, index.customers.byId.size);
    const seen = new Set<number>();
    // Newest first, so a customer's latest purchase of a product is the one that counts.
    for (let o = to - 1; o >= from; o--) {
      const customer = sales.customer[o];
      const weight = Math.pow(0.5, (end - sales.time[o]) / halfLife);
      for (let k = sales.start[o]; k < sales.start[o + 1]; k++) {
        const product = sales.item[k];
        if (customer >= 0) {
          const key = product * customerCount + customer;
          if (seen.has(key)) continue;
          seen.add(key);
        }
        counts[product] += weight;
      }
    }
    return { counts, ranked: rank(counts) };
  });
}

const YEAR_MS = 365 * DAY_MS;

/**
 * Seasonal: distinct buyers in the `days` that started a year before `end` (what sold in the
 * coming weeks last year: Christmas decorations in November). Empty while the shop has less
 * than a year of sales, so a young shop simply has no seasonal signal.
 */
export function seasonalCounts(index: RecommenderIndex, end: number, days: number): WindowCounts {
  const { sales } = index;
  if (sales.time.length === 0 || sales.time[0] > end - YEAR_MS) {
    return { counts: new Float32Array(index.products.count), ranked: new Int32Array(0) };
  }
  return purchaseCounts(index, end - YEAR_MS + days * DAY_MS, days);
}
