import { describe, expect, it } from "vitest";
import { RankingMeans, hitRateAtK, ndcgAtK } from "./metrics";

describe("ranking metrics", () => {
  it("GIVEN one hit at rank 2 of 3 relevant items, k = 3 THEN NDCG = (1/log2 3) / (1 + 1/log2 3 + 1/2)", () => {
    const ranked = ["a", "b", "c", "d"];
    const relevant = new Set(["b", "d", "z"]);
    expect(hitRateAtK(ranked, relevant, 3)).toBe(1);
    expect(ndcgAtK(ranked, relevant, 3)).toBeCloseTo(0.63093 / 2.13093, 5);
    // d at rank 4 is outside the top 3.
    expect(ndcgAtK(ranked, relevant, 3)).toBeCloseTo(0.29608, 5);
  });

  it("GIVEN hits at ranks 2 and 3 of two relevant items THEN NDCG = (1/log2 3 + 1/2) / (1 + 1/log2 3)", () => {
    expect(ndcgAtK(["c", "a", "b"], new Set(["a", "b"]), 10)).toBeCloseTo(1.13093 / 1.63093, 5);
  });

  it("GIVEN no hit, a perfect list or a duplicate THEN 0, 1 and no double counting", () => {
    expect(hitRateAtK(["x", "y"], new Set(["a"]), 10)).toBe(0);
    expect(ndcgAtK(["x", "y"], new Set(["a"]), 10)).toBe(0);
    expect(ndcgAtK(["a"], new Set(["a"]), 10)).toBe(1);
    expect(ndcgAtK(["a", "a"], new Set(["a", "b"]), 10)).toBeCloseTo(1 / 1.63093, 5);
    expect(ndcgAtK(["a"], new Set(), 10)).toBe(0);
  });

  it("GIVEN several customers THEN the means are plain averages", () => {
    const means = new RankingMeans(10);
    means.add(["a"], new Set(["a"]));
    means.add(["x"], new Set(["a"]));
    expect(means.count).toBe(2);
    expect(means.hitRate).toBe(0.5);
    expect(means.meanNdcg).toBe(0.5);
    expect(new RankingMeans().hitRate).toBe(0);
  });
});
