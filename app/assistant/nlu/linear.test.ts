import { describe, expect, it } from "vitest";
import { toSparseMatrix, type SparseVector } from "./features";
import { createRandom, decisionValues, trainLinearSvm } from "./linear";

const vector = (entries: [number, number][]): SparseVector => ({
  indices: Int32Array.from(entries.map((e) => e[0])),
  values: Float32Array.from(entries.map((e) => e[1])),
});

describe("trainLinearSvm", () => {
  // Three classes, each marked by its own feature, plus a shared noise feature.
  const rows = [
    vector([
      [0, 1],
      [3, 0.5],
    ]),
    vector([[0, 0.9]]),
    vector([
      [1, 1],
      [3, 0.5],
    ]),
    vector([[1, 0.8]]),
    vector([
      [2, 1],
      [3, 0.5],
    ]),
    vector([[2, 0.7]]),
  ];
  const labels = Int32Array.from([0, 0, 1, 1, 2, 2]);

  it("GIVEN separable classes WHEN trained THEN each class scores highest on its own feature", () => {
    const model = trainLinearSvm(toSparseMatrix(rows), labels, 3, 4, { C: 10 });
    const out = new Float64Array(3);
    for (let c = 0; c < 3; c++) {
      decisionValues(model, vector([[c, 1]]), out);
      expect(out.indexOf(Math.max(...out))).toBe(c);
      expect(out[c]).toBeGreaterThan(0);
    }
  });

  it("GIVEN the same data and seed WHEN trained twice THEN the weights are identical", () => {
    const a = trainLinearSvm(toSparseMatrix(rows), labels, 3, 4, { seed: 7 });
    const b = trainLinearSvm(toSparseMatrix(rows), labels, 3, 4, { seed: 7 });
    expect([...a.weights]).toEqual([...b.weights]);
    expect([...a.bias]).toEqual([...b.bias]);
  });

  it("GIVEN a smaller C WHEN trained THEN the weights are smaller (stronger regularisation)", () => {
    const strong = trainLinearSvm(toSparseMatrix(rows), labels, 3, 4, { C: 0.01 });
    const weak = trainLinearSvm(toSparseMatrix(rows), labels, 3, 4, { C: 10 });
    const size = (w: Float32Array) => w.reduce((s, v) => s + v * v, 0);
    expect(size(strong.weights)).toBeLessThan(size(weak.weights));
  });
});

describe("createRandom", () => {
  it("GIVEN a seed WHEN drawing THEN numbers are in [0, 1) and repeat for the same seed", () => {
    const a = createRandom(3);
    const b = createRandom(3);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      expect(b()).toBe(x);
    }
  });
});
