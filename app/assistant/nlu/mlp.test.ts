import { describe, expect, it } from "vitest";
import type { SparseVector } from "./features";
import { mlpLogProbabilities, trainMlp } from "./mlp";

// XOR over two features (plus an always-on one): class 1 exactly when one of them is present.
// No linear model separates it, so this shows the hidden layer is doing its job.
const vector = (features: number[]): SparseVector => ({
  indices: Int32Array.from([0, ...features]),
  values: Float32Array.from([1, ...features.map(() => 1)]),
});
const points: [SparseVector, number][] = [
  [vector([]), 0],
  [vector([1]), 1],
  [vector([2]), 1],
  [vector([1, 2]), 0],
];
const rows = Array.from({ length: 50 }, () => points).flat();

describe("trainMlp", () => {
  const options = { hidden: 16, epochs: 40, learningRate: 0.1, dropout: 0, initScale: 0.5, seed: 3 };

  it("GIVEN classes no linear model separates (XOR) WHEN trained THEN every point gets its class", () => {
    const model = trainMlp(
      rows.map(([x]) => x),
      Int32Array.from(rows, ([, y]) => y),
      2,
      3,
      options,
    );
    const out = new Float64Array(2);
    for (const [x, y] of points) {
      mlpLogProbabilities(model, x, out);
      expect(out[y]).toBeGreaterThan(out[1 - y]);
      expect(Math.exp(out[0]) + Math.exp(out[1])).toBeCloseTo(1, 6);
    }
  });

  it("GIVEN the same seed WHEN trained twice THEN the weights are identical", () => {
    const train = () =>
      trainMlp(
        rows.map(([x]) => x),
        Int32Array.from(rows, ([, y]) => y),
        2,
        3,
        { ...options, dropout: 0.3 },
      );
    expect(train().inputWeights).toEqual(train().inputWeights);
  });
});
