import { describe, expect, it } from "vitest";
import { invertSpd } from "../../app/recommend/linalg";
import { AlsBaseline, EaseBaseline, ItemKnnBaseline, TrainMatrix, topIndices } from "./baselines";
import { parseNaiveDate, type RetailLine } from "./online-retail";

let invoice = 0;
/** One invoice per call: the customer buys these codes together. */
const basket = (customerId: string, codes: string[]): RetailLine[] => {
  const invoiceNo = String(++invoice);
  return codes.map((stockCode) => ({
    invoiceNo,
    stockCode,
    description: stockCode,
    quantity: 1,
    invoiceDate: parseNaiveDate("2011-05-01 10:00"),
    unitPrice: 1,
    customerId,
    country: "United Kingdom",
  }));
};

describe("invertSpd", () => {
  it("GIVEN a 3 × 3 positive-definite matrix THEN its inverse is the one computed by hand", () => {
    // det = 4(15 − 1) − 2(6 − 0) = 44; the adjugate over 44.
    const a = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]);
    invertSpd(a, 3);
    const expected = [14, -6, 2, -6, 12, -4, 2, -4, 16].map((x) => x / 44);
    expected.forEach((x, k) => expect(a[k]).toBeCloseTo(x, 12));
  });

  it("GIVEN a larger random SPD matrix THEN A × A⁻¹ is the identity, across the block boundary", () => {
    const n = 150;
    const a = new Float64Array(n * n);
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5;
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rand();
    for (let i = 0; i < n; i++) a[i * n + i] += n;
    const original = a.slice();
    invertSpd(a, n);
    for (const i of [0, 63, 64, 149]) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += original[i * n + k] * a[k * n + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });

  it("GIVEN a matrix that is not positive definite THEN it refuses", () => {
    expect(() => invertSpd(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/positive definite/);
  });
});

describe("topIndices", () => {
  it("GIVEN ties and skipped items THEN the best k by score, lower index first on ties", () => {
    expect(topIndices([0.5, 2, 2, -1, 3], 3)).toEqual([4, 1, 2]);
    expect(topIndices([0.5, 2, 2, -1, 3], 3, Uint8Array.from([0, 0, 0, 0, 1]))).toEqual([1, 2, 0]);
    expect(topIndices([-2, -1], 5)).toEqual([1, 0]);
  });
});

describe("item-kNN", () => {
  // A {x, y}, B {y, z}, C {x}: Gxx = 2, Gyy = 2, Gzz = 1, Gxy = 1, Gyz = 1, Gxz = 0.
  const matrix = new TrainMatrix([...basket("A", ["x", "y"]), ...basket("B", ["y", "z"]), ...basket("C", ["x"])]);
  const knn = new ItemKnnBaseline(matrix, matrix.gram());

  it("GIVEN C bought x THEN x (self-similarity 1) beats y (cosine 1/√4), and z (cosine 0) comes last", () => {
    expect(knn.rank("C", 3, false)).toEqual(["x", "y", "z"]);
    expect(knn.rank("C", 1, true)).toEqual(["y"]);
  });

  it("GIVEN A bought x and y THEN z scores cos(y, z) = 1/√2 and is A's only discovery", () => {
    expect(knn.rank("A", 3, false)).toEqual(["x", "y", "z"]);
    expect(knn.rank("A", 3, true)).toEqual(["z"]);
    expect(knn.rank("nobody", 3, false)).toEqual([]);
  });
});

describe("EASE", () => {
  // A {x, y}, B {x, y}, C {x}: Gxx = 3, Gyy = 2, Gxy = 2. With two items, Bxy = Gxy / (Gxx + λ).
  const lines = [...basket("A", ["x", "y"]), ...basket("B", ["x", "y"]), ...basket("C", ["x"])];

  it("GIVEN two items and λ = 1 THEN B = [[0, 2/4], [2/3, 0]] as the closed form says", () => {
    const matrix = new TrainMatrix(lines);
    const ease = new EaseBaseline(matrix, matrix.gram(), 1);
    expect(ease.weight("x", "y")).toBeCloseTo(0.5, 12);
    expect(ease.weight("y", "x")).toBeCloseTo(2 / 3, 12);
    expect(ease.weight("x", "x")).toBe(0);
    // C has x: y scores 0.5, x itself 0.
    expect(ease.rank("C", 2, false)).toEqual(["y", "x"]);
    expect(ease.rank("C", 2, true)).toEqual(["y"]);
  });

  it("GIVEN three items THEN (G + λI)(I − B) is diagonal, the defining property of EASE", () => {
    const more = [...lines, ...basket("D", ["y", "z"]), ...basket("E", ["x", "z"])];
    const matrix = new TrainMatrix(more);
    const lambda = 2;
    const g = matrix.gram();
    const ease = new EaseBaseline(matrix, matrix.gram(), lambda);
    const codes = matrix.codes;
    for (const [a, i] of codes.map((c, k) => [c, k] as const)) {
      for (const [b, j] of codes.map((c, k) => [c, k] as const)) {
        if (i === j) continue;
        let s = 0;
        for (const [c, k] of codes.map((code, kk) => [code, kk] as const)) {
          const gik = g[i * codes.length + k] + (i === k ? lambda : 0);
          s += gik * ((k === j ? 1 : 0) - ease.weight(c, b));
        }
        expect(s, `${a},${b}`).toBeCloseTo(0, 10);
      }
    }
  });
});

describe("implicit ALS", () => {
  // Two tastes: customers 1–3 buy a and b, 4–6 buy c and d; customer 7 bought a alone.
  const lines = [
    ...["1", "2", "3"].flatMap((c) => basket(c, ["a", "b"])),
    ...["4", "5", "6"].flatMap((c) => basket(c, ["c", "d"])),
    ...basket("7", ["a"]),
    ...basket("7", ["a"]),
  ];
  const matrix = new TrainMatrix(lines);

  it("GIVEN two groups of customers THEN a customer of the first is offered the first group's other product", () => {
    const als = new AlsBaseline(matrix, { factors: 4, regularization: 0.1, iterations: 20 });
    expect(als.rank("7", 1, true)).toEqual(["b"]);
    expect(als.rank("4", 2, false).sort()).toEqual(["c", "d"]);
  });

  it("GIVEN exact solves (CG steps = factors) THEN every item factor satisfies its normal equations", () => {
    const f = 3;
    const reg = 0.1;
    const als = new AlsBaseline(matrix, { factors: f, regularization: reg, iterations: 3, cgSteps: f });
    const X = als.userFactors;
    const Y = als.itemFactors;
    // 7 bought a in two invoices: confidence 1 + 2.
    const confidence = (u: number, i: number) => {
      for (let e = matrix.start[u]; e < matrix.start[u + 1]; e++) if (matrix.item[e] === i) return 1 + matrix.count[e];
      return 0;
    };
    for (let i = 0; i < matrix.items; i++) {
      // (Σᵤ cᵤᵢ xᵤxᵤᵀ + λI) yᵢ = Σᵤ cᵤᵢ pᵤᵢ xᵤ, with cᵤᵢ = 1 where nothing was bought.
      for (let a = 0; a < f; a++) {
        let lhs = reg * Y[i * f + a];
        let rhs = 0;
        for (let u = 0; u < matrix.customers; u++) {
          const c = confidence(u, i) || 1;
          let xy = 0;
          for (let b = 0; b < f; b++) xy += X[u * f + b] * Y[i * f + b];
          lhs += c * X[u * f + a] * xy;
          if (confidence(u, i) > 0) rhs += c * X[u * f + a];
        }
        expect(lhs).toBeCloseTo(rhs, 8);
      }
    }
  });

  it("GIVEN the same seed THEN the same factors", () => {
    const a = new AlsBaseline(matrix, { factors: 4, iterations: 2 });
    const b = new AlsBaseline(matrix, { factors: 4, iterations: 2 });
    expect([...a.itemFactors]).toEqual([...b.itemFactors]);
  });
});
