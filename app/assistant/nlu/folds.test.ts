import { describe, expect, it } from "vitest";
import { stratifiedFolds } from "./folds";

describe("stratifiedFolds", () => {
  const labels = [...Array(50).fill("a"), ...Array(20).fill("b"), ...Array(7).fill("c")];

  it("GIVEN labels WHEN split in 5 THEN every label is spread evenly over the folds", () => {
    const folds = stratifiedFolds(labels, 5, 1);
    for (const label of ["a", "b", "c"]) {
      const counts = [0, 0, 0, 0, 0];
      labels.forEach((l, i) => {
        if (l === label) counts[folds[i]]++;
      });
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });

  it("GIVEN the same seed WHEN split twice THEN the folds are identical; another seed differs", () => {
    expect([...stratifiedFolds(labels, 5, 1)]).toEqual([...stratifiedFolds(labels, 5, 1)]);
    expect([...stratifiedFolds(labels, 5, 2)]).not.toEqual([...stratifiedFolds(labels, 5, 1)]);
  });

  it("GIVEN k below 2 WHEN split THEN it refuses", () => {
    expect(() => stratifiedFolds(labels, 1)).toThrow(RangeError);
  });
});
