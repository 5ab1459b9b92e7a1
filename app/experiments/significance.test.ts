import { describe, expect, it } from "vitest";
import {
  phi,
  sampleSizePerVariant,
  summarizeSample,
  twoProportionPower,
  twoProportionZTest,
  welchTTest,
} from "./significance";

describe("two-proportion z-test", () => {
  it("GIVEN the textbook hives example WHEN tested THEN it reproduces the published pooled rate and p-value", () => {
    // Illowsky & Dean, Introductory Statistics (OpenStax), "Comparing Two Independent
    // Population Proportions", worked example: 20 of 200 adults on medication A and 12 of
    // 200 on medication B still had hives; pooled proportion p_c = 0.08, p-value = 0.1404.
    const result = twoProportionZTest(20, 200, 12, 200);
    expect(result.pooled).toBeCloseTo(0.08, 10);
    expect(result.difference).toBeCloseTo(0.04, 10);
    expect(result.pValue).toBeCloseTo(0.1404, 4);
    // z follows from the same numbers: 0.04 / √(0.08 · 0.92 · (1/200 + 1/200)).
    expect(result.z).toBeCloseTo(1.474, 3);
  });

  it("GIVEN any 2×2 table WHEN tested THEN z² equals Pearson's χ² without continuity correction", () => {
    const [a, n1, b, n2] = [37, 410, 58, 395];
    const table = [
      [a, n1 - a],
      [b, n2 - b],
    ];
    const total = n1 + n2;
    const columns = [a + b, total - a - b];
    const rows = [n1, n2];
    let chi2 = 0;
    for (let r = 0; r < 2; r++) {
      for (let c = 0; c < 2; c++) {
        const expected = (rows[r] * columns[c]) / total;
        chi2 += (table[r][c] - expected) ** 2 / expected;
      }
    }
    expect(twoProportionZTest(a, n1, b, n2).z ** 2).toBeCloseTo(chi2, 10);
  });

  it("GIVEN identical rates WHEN tested THEN z is 0 and p is 1; no variation at all gives p = 1 too", () => {
    expect(twoProportionZTest(10, 100, 20, 200)).toMatchObject({ z: 0, pValue: 1 });
    expect(twoProportionZTest(0, 100, 0, 100)).toMatchObject({ z: 0, pValue: 1 });
  });

  it("GIVEN impossible counts WHEN tested THEN it refuses", () => {
    expect(() => twoProportionZTest(1, 0, 1, 10)).toThrow();
    expect(() => twoProportionZTest(11, 10, 1, 10)).toThrow();
  });
});

describe("Welch's t-test", () => {
  it("GIVEN the R t.test example WHEN tested THEN t, df and p match R's Welch Two Sample t-test output", () => {
    // R: ts1 = c(11,9,10,11,10,12,9,11,12,9); ts2 = c(11,13,10,13,12,9,11,12,12,11);
    // t.test(ts1, ts2) prints "t = -1.8325, df = 17.9, p-value = 0.08356" (quoted in a
    // Cross Validated answer on Welch confidence intervals).
    const a = summarizeSample([11, 9, 10, 11, 10, 12, 9, 11, 12, 9]);
    const b = summarizeSample([11, 13, 10, 13, 12, 9, 11, 12, 12, 11]);
    const result = welchTTest(a, b);
    expect(result.t).toBeCloseTo(-1.8325, 4);
    expect(result.df).toBeCloseTo(17.9, 1);
    expect(result.pValue).toBeCloseTo(0.08356, 5);
  });

  it("GIVEN a sample WHEN summarised THEN mean and unbiased variance are right", () => {
    expect(summarizeSample([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ n: 8, mean: 5, variance: 32 / 7 });
  });

  it("GIVEN samples without spread WHEN tested THEN equal means give p = 1 and different ones p = 0", () => {
    const flat = { n: 10, mean: 0, variance: 0 };
    expect(welchTTest(flat, flat).pValue).toBe(1);
    expect(welchTTest({ ...flat, mean: 1 }, flat).pValue).toBe(0);
    expect(() => welchTTest({ n: 1, mean: 0, variance: 0 }, flat)).toThrow();
  });
});

describe("normal CDF", () => {
  it.each([
    // Abramowitz & Stegun, Handbook of Mathematical Functions, Table 26.1 (P(x) to 15 places).
    [1.0, 0.841344746068543],
    [1.96, 0.97500210485178],
    [3.0, 0.99865010196837],
    [0, 0.5],
  ])("GIVEN x = %s WHEN Φ(x) is computed THEN it is within 1e-7 of the table", (x, expected) => {
    expect(Math.abs(phi(x) - expected)).toBeLessThan(1e-7);
    expect(Math.abs(phi(-x) - (1 - expected))).toBeLessThan(1e-7);
  });
});

describe("sample size", () => {
  it("GIVEN a 10 % baseline and a 15 % target WHEN planned THEN the size is the smallest with 80 % power", () => {
    const n = sampleSizePerVariant(0.1, 0.15);
    expect(n).toBe(686);
    expect(twoProportionPower(0.1, 0.15, n)).toBeGreaterThanOrEqual(0.8);
    expect(twoProportionPower(0.1, 0.15, n - 1)).toBeLessThan(0.8);
    expect(() => sampleSizePerVariant(0.1, 0.1)).toThrow();
  });
});
