import { describe, expect, it } from "vitest";
import { TfidfFeaturizer, toSparseMatrix } from "./features";
import { analyzeText } from "./text";

const norm = (values: Float32Array, from: number, to: number) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
};

describe("TfidfFeaturizer", () => {
  const texts = ["where is my order", "cancel my order", "do you ship to france"].map(analyzeText);

  it("GIVEN training texts WHEN fitted THEN each view of each vector has unit length", () => {
    const featurizer = new TfidfFeaturizer();
    const vectors = featurizer.fitTransform(texts);
    for (const vector of vectors) {
      // Two views, each normalised on its own: total squared norm 2.
      expect(norm(vector.values, 0, vector.values.length) ** 2).toBeCloseTo(2, 5);
    }
    expect(featurizer.dimension).toBeGreaterThan(20);
  });

  it("GIVEN a text sharing nothing with training WHEN transformed THEN its vector is empty", () => {
    const featurizer = new TfidfFeaturizer({ charNgramMin: 4, charNgramMax: 4 });
    featurizer.fitTransform([analyzeText("aaaa bbbb")]);
    expect(featurizer.transform(analyzeText("zzzz")).indices.length).toBe(0);
  });

  it("GIVEN a rare and a common word WHEN weighted THEN the rare one weighs more (idf)", () => {
    const featurizer = new TfidfFeaturizer({ charNgramMin: 9, charNgramMax: 9, wordNgramMax: 1 });
    featurizer.fitTransform(["order refund", "order ship", "order cancel"].map(analyzeText));
    const vector = featurizer.transform(analyzeText("order refund"));
    const weights = [...vector.values].sort((a, b) => a - b);
    expect(weights).toHaveLength(2);
    expect(weights[1]).toBeGreaterThan(weights[0]);
  });

  it("GIVEN the same text twice WHEN transformed THEN the vectors are identical", () => {
    const featurizer = new TfidfFeaturizer();
    featurizer.fitTransform(texts);
    const a = featurizer.transform(analyzeText("cancel my order please"));
    const b = featurizer.transform(analyzeText("cancel my order please"));
    expect([...a.indices]).toEqual([...b.indices]);
    expect([...a.values]).toEqual([...b.values]);
  });

  it("GIVEN vectors WHEN packed into CSR THEN rows keep their entries", () => {
    const featurizer = new TfidfFeaturizer();
    const vectors = featurizer.fitTransform(texts);
    const matrix = toSparseMatrix(vectors);
    expect(matrix.rows).toBe(3);
    expect(matrix.indptr[3]).toBe(vectors.reduce((n, v) => n + v.indices.length, 0));
    expect([...matrix.indices.subarray(matrix.indptr[1], matrix.indptr[2])]).toEqual([...vectors[1].indices]);
  });
});
