import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";

/**
 * The two significance tests experiments use (docs/decisions/0030-experiment-significance-tests.md):
 * a pooled two-proportion z-test for rates and Welch's t-test for revenue per visitor.
 * Distribution functions come from stdlib (ports of Cephes/Boost, accurate to ~1e-15).
 */

/** Standard normal CDF Φ(x). */
export function phi(x: number): number {
  return normalCdf(x, 0, 1);
}

export interface ZTestResult {
  /** x1/n1 − x2/n2 */
  difference: number;
  /** (x1 + x2) / (n1 + n2): the common rate under the null hypothesis. */
  pooled: number;
  standardError: number;
  z: number;
  /** Two-sided. */
  pValue: number;
}

/**
 * Two-proportion z-test with the pooled standard error (H0: p1 = p2, two-sided).
 * Equivalent to Pearson's χ² on the 2×2 table without continuity correction (z² = χ²).
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTestResult {
  if (!(n1 > 0 && n2 > 0)) throw new Error("both groups need at least one observation");
  if (x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) throw new Error("successes must be between 0 and the group size");
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const difference = p1 - p2;
  // All successes or all failures in both groups: no variation, no evidence of a difference.
  if (standardError === 0) return { difference, pooled, standardError, z: 0, pValue: 1 };
  const z = difference / standardError;
  return { difference, pooled, standardError, z, pValue: twoSidedNormal(z) };
}

export interface TTestResult {
  difference: number;
  standardError: number;
  t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  df: number;
  /** Two-sided. */
  pValue: number;
}

export interface SampleSummary {
  n: number;
  mean: number;
  /** Unbiased sample variance (n − 1 in the denominator). */
  variance: number;
}

/** Welch's unequal-variance t-test from summaries (H0: μ1 = μ2, two-sided). */
export function welchTTest(a: SampleSummary, b: SampleSummary): TTestResult {
  if (a.n < 2 || b.n < 2) throw new Error("each group needs at least two observations");
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const difference = a.mean - b.mean;
  const standardError = Math.sqrt(va + vb);
  if (standardError === 0) {
    return { difference, standardError, t: 0, df: a.n + b.n - 2, pValue: difference === 0 ? 1 : 0 };
  }
  const t = difference / standardError;
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const pValue = Math.min(1, 2 * tCdf(-Math.abs(t), df));
  return { difference, standardError, t, df, pValue };
}

/** Mean and unbiased variance of a sample, with Welford's update (stable for large sums). */
export function summarizeSample(values: Iterable<number>): SampleSummary {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const value of values) {
    n++;
    const delta = value - mean;
    mean += delta / n;
    m2 += delta * (value - mean);
  }
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : 0 };
}

function twoSidedNormal(z: number): number {
  return Math.min(1, 2 * phi(-Math.abs(z)));
}

/**
 * Visitors per variant for a two-sided two-proportion test to detect a change from
 * `baseline` to `target` with the given power (normal approximation, equal groups).
 */
export function sampleSizePerVariant(baseline: number, target: number, alpha = 0.05, power = 0.8): number {
  if (!(baseline > 0 && baseline < 1 && target > 0 && target < 1) || baseline === target) {
    throw new Error("rates must be between 0 and 1 and differ");
  }
  const zAlpha = normalQuantile(1 - alpha / 2, 0, 1);
  const zBeta = normalQuantile(power, 0, 1);
  const mean = (baseline + target) / 2;
  const numerator =
    zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zBeta * Math.sqrt(baseline * (1 - baseline) + target * (1 - target));
  return Math.ceil(numerator ** 2 / (baseline - target) ** 2);
}

/** Power of the pooled two-proportion test with `n` per group (normal approximation). */
export function twoProportionPower(baseline: number, target: number, n: number, alpha = 0.05): number {
  const zAlpha = normalQuantile(1 - alpha / 2, 0, 1);
  const mean = (baseline + target) / 2;
  const null0 = Math.sqrt((2 * mean * (1 - mean)) / n);
  const alt = Math.sqrt((baseline * (1 - baseline) + target * (1 - target)) / n);
  const delta = Math.abs(baseline - target);
  return phi((delta - zAlpha * null0) / alt) + phi((-delta - zAlpha * null0) / alt);
}
