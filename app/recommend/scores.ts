/**
 * A sparse score vector over the catalog backed by dense typed arrays, so adding to a score is
 * an array write rather than a Map lookup, and clearing costs only what was touched. The index
 * keeps a small pool of them: a request borrows what it needs and gives them back, so serving
 * does not allocate catalog-sized arrays per request.
 */
export class ScoreVector {
  readonly score: Float64Array;
  /** The anchor that contributed most to each score, -1 for none. */
  readonly anchor: Int32Array;
  /** Which kind of anchor (strategy-specific, e.g. purchased vs viewed). */
  readonly anchorKind: Uint8Array;
  private readonly best: Float64Array;
  private readonly seen: Uint8Array;
  private touchedList: Int32Array;
  private touchedCount = 0;

  constructor(readonly size: number) {
    this.score = new Float64Array(size);
    this.anchor = new Int32Array(size).fill(-1);
    this.anchorKind = new Uint8Array(size);
    this.best = new Float64Array(size);
    this.seen = new Uint8Array(size);
    this.touchedList = new Int32Array(Math.min(size, 1024));
  }

  add(item: number, value: number, anchor = -1, anchorKind = 0): void {
    if (!(value > 0)) return;
    if (this.seen[item] === 0) {
      this.seen[item] = 1;
      if (this.touchedCount === this.touchedList.length) {
        const grown = new Int32Array(Math.min(this.size, this.touchedList.length * 2));
        grown.set(this.touchedList);
        this.touchedList = grown;
      }
      this.touchedList[this.touchedCount++] = item;
    }
    this.score[item] += value;
    // Ties keep the first anchor, and callers add anchors in a fixed order: deterministic.
    if (value > this.best[item]) {
      this.best[item] = value;
      this.anchor[item] = anchor;
      this.anchorKind[item] = anchorKind;
    }
  }

  get count(): number {
    return this.touchedCount;
  }

  /** The touched items, in the order they were first touched. */
  touched(): Int32Array {
    return this.touchedList.subarray(0, this.touchedCount);
  }

  clear(): void {
    for (let k = 0; k < this.touchedCount; k++) {
      const item = this.touchedList[k];
      this.score[item] = 0;
      this.best[item] = 0;
      this.anchor[item] = -1;
      this.anchorKind[item] = 0;
      this.seen[item] = 0;
    }
    this.touchedCount = 0;
  }
}

export class ScoreVectorPool {
  private readonly free: ScoreVector[] = [];

  constructor(private readonly size: number) {}

  acquire(): ScoreVector {
    return this.free.pop() ?? new ScoreVector(this.size);
  }

  release(vector: ScoreVector): void {
    vector.clear();
    // A handful is all one request needs; more would only hold memory.
    if (this.free.length < 12) this.free.push(vector);
  }
}

/**
 * The k best items by score (higher first; equal scores: lower item number first, which is the
 * product id order), among those that `accept` lets through. A bounded heap keeps this
 * O(n log k) for large candidate sets.
 */
export function topK(
  items: ArrayLike<number>,
  scoreOf: (item: number) => number,
  k: number,
  accept?: (item: number) => boolean,
): number[] {
  if (k <= 0) return [];
  const heapItems: number[] = [];
  const heapScores: number[] = [];
  // Min-heap on (score asc, item desc): the root is the worst kept item.
  const worse = (a: number, b: number) =>
    heapScores[a] < heapScores[b] || (heapScores[a] === heapScores[b] && heapItems[a] > heapItems[b]);
  const swap = (a: number, b: number) => {
    const ti = heapItems[a];
    heapItems[a] = heapItems[b];
    heapItems[b] = ti;
    const ts = heapScores[a];
    heapScores[a] = heapScores[b];
    heapScores[b] = ts;
  };
  for (let n = 0; n < items.length; n++) {
    const item = items[n];
    const score = scoreOf(item);
    if (!(score > 0)) continue;
    if (heapItems.length < k) {
      if (accept && !accept(item)) continue;
      heapItems.push(item);
      heapScores.push(score);
      let c = heapItems.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        swap(c, p);
        c = p;
      }
      continue;
    }
    const rootScore = heapScores[0];
    if (score < rootScore || (score === rootScore && item > heapItems[0])) continue;
    // The filter runs only for items that would make the cut: most never get here.
    if (accept && !accept(item)) continue;
    heapItems[0] = item;
    heapScores[0] = score;
    let p = 0;
    for (;;) {
      const l = 2 * p + 1;
      const r = l + 1;
      let m = p;
      if (l < heapItems.length && worse(l, m)) m = l;
      if (r < heapItems.length && worse(r, m)) m = r;
      if (m === p) break;
      swap(p, m);
      p = m;
    }
  }
  const order = heapItems.map((_, i) => i);
  order.sort((a, b) => heapScores[b] - heapScores[a] || heapItems[a] - heapItems[b]);
  return order.map((i) => heapItems[i]);
}

/**
 * Keeps the k best (score desc, item asc) of a stream with insertion into a small sorted array:
 * for the small k of neighbour lists most offers are rejected by one comparison, which is what
 * makes precomputing neighbours for every product affordable.
 */
export class SmallTopK {
  readonly items: Int32Array;
  readonly scores: Float64Array;
  size = 0;

  constructor(readonly k: number) {
    this.items = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  reset(): void {
    this.size = 0;
  }

  offer(item: number, score: number): void {
    const { k, items, scores } = this;
    if (k === 0 || !(score > 0)) return;
    if (this.size === k) {
      const last = scores[k - 1];
      if (score < last || (score === last && item > items[k - 1])) return;
    } else {
      this.size++;
    }
    let at = this.size - 1;
    while (at > 0 && (scores[at - 1] < score || (scores[at - 1] === score && items[at - 1] > item))) {
      items[at] = items[at - 1];
      scores[at] = scores[at - 1];
      at--;
    }
    items[at] = item;
    scores[at] = score;
  }
}
