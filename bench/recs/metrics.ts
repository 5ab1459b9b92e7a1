/**
 * Ranking metrics with binary relevance. HitRate@k: 1 when any relevant item is in the top k.
 * NDCG@k: DCG = Σ 1/log2(rank + 1) over relevant items in the top k (rank from 1), divided by the
 * DCG of a perfect list (min(k, |relevant|) hits at the top).
 */
export function hitRateAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  for (let r = 0; r < Math.min(k, ranked.length); r++) if (relevant.has(ranked[r])) return 1;
  return 0;
}

export function ndcgAtK(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  const seen = new Set<string>();
  for (let r = 0; r < Math.min(k, ranked.length); r++) {
    // A duplicate in the list must not count twice.
    if (relevant.has(ranked[r]) && !seen.has(ranked[r])) dcg += 1 / Math.log2(r + 2);
    seen.add(ranked[r]);
  }
  let ideal = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
  return dcg / ideal;
}

/** Running means of HR@k and NDCG@k over the customers added. */
export class RankingMeans {
  private hits = 0;
  private ndcg = 0;
  count = 0;
  constructor(private readonly k = 10) {}
  add(ranked: readonly string[], relevant: ReadonlySet<string>): void {
    this.hits += hitRateAtK(ranked, relevant, this.k);
    this.ndcg += ndcgAtK(ranked, relevant, this.k);
    this.count++;
  }
  get hitRate(): number {
    return this.count === 0 ? 0 : this.hits / this.count;
  }
  get meanNdcg(): number {
    return this.count === 0 ? 0 : this.ndcg / this.count;
  }
}
