import { describe, expect, it } from "vitest";
import { ScoreVector, ScoreVectorPool, SmallTopK, topK } from "./scores";

describe("topK", () => {
  it("GIVEN scores THEN the best k come first, equal scores in item order, non-positive ones never", () => {
    const scores = [0.5, 2, 0, 2, 1, -1, 3];
    expect(topK([0, 1, 2, 3, 4, 5, 6], (i) => scores[i], 4)).toEqual([6, 1, 3, 4]);
    expect(topK([6, 5, 4, 3, 2, 1, 0], (i) => scores[i], 10)).toEqual([6, 1, 3, 4, 0]);
    expect(topK([1, 2], (i) => scores[i], 0)).toEqual([]);
  });

  it("GIVEN a filter THEN rejected items are skipped and the next best take their places", () => {
    const scores = [5, 4, 3, 2, 1];
    expect(
      topK(
        [0, 1, 2, 3, 4],
        (i) => scores[i],
        2,
        (i) => i % 2 === 1,
      ),
    ).toEqual([1, 3]);
  });

  it("GIVEN many random scores THEN it agrees with a full sort", () => {
    const scores = Array.from({ length: 500 }, (_, i) => ((i * 7919) % 101) / 10);
    const items = scores.map((_, i) => i);
    const sorted = items.filter((i) => scores[i] > 0).sort((a, b) => scores[b] - scores[a] || a - b);
    expect(topK(items, (i) => scores[i], 25)).toEqual(sorted.slice(0, 25));
  });
});

describe("SmallTopK", () => {
  it("GIVEN a stream THEN it keeps the k best in order, ties by item", () => {
    const best = new SmallTopK(3);
    for (const [item, score] of [
      [4, 1],
      [2, 5],
      [9, 3],
      [1, 3],
      [7, 0],
      [3, 4],
    ]) {
      best.offer(item, score);
    }
    expect(best.size).toBe(3);
    expect(Array.from(best.items)).toEqual([2, 3, 1]);
    expect(Array.from(best.scores)).toEqual([5, 4, 3]);
    best.reset();
    expect(best.size).toBe(0);
  });
});

describe("ScoreVector", () => {
  it("GIVEN additions THEN scores sum, the largest single contribution names the anchor, and clear resets all", () => {
    const v = new ScoreVector(10);
    v.add(3, 1, 7, 1);
    v.add(3, 2, 8, 0);
    v.add(5, 0.5, 2);
    v.add(6, 0);

    expect(v.count).toBe(2);
    expect(Array.from(v.touched())).toEqual([3, 5]);
    expect(v.score[3]).toBe(3);
    expect(v.anchor[3]).toBe(8);
    expect(v.anchorKind[3]).toBe(0);

    v.clear();
    expect(v.count).toBe(0);
    expect(v.score[3]).toBe(0);
    expect(v.anchor[3]).toBe(-1);
  });

  it("GIVEN more touched items than the initial room THEN the list grows", () => {
    const v = new ScoreVector(5000);
    for (let i = 0; i < 5000; i++) v.add(i, 1);
    expect(v.count).toBe(5000);
  });

  it("GIVEN a pool THEN a released vector comes back cleared", () => {
    const pool = new ScoreVectorPool(4);
    const v = pool.acquire();
    v.add(1, 2);
    pool.release(v);
    const again = pool.acquire();
    expect(again).toBe(v);
    expect(again.count).toBe(0);
    expect(again.score[1]).toBe(0);
  });
});
