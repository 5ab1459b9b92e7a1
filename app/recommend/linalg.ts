/**
 * The little dense linear algebra the learned item-to-item model (EASE) and the evaluation's
 * baselines need: the inverse of a symmetric positive-definite matrix, and a dot product.
 * Plain Float64Array, row-major. No npm package was fast enough in pure JavaScript (they
 * allocate per row or use Arrays of Arrays); this one is blocked so that a 3,000 × 3,000
 * inverse stays in cache-sized pieces.
 */

/** Σ a[ao + k] × b[bo + k] for k < len, with four accumulators (V8 does not vectorise). */
export function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += a[ao + k] * b[bo + k];
    s1 += a[ao + k + 1] * b[bo + k + 1];
    s2 += a[ao + k + 2] * b[bo + k + 2];
    s3 += a[ao + k + 3] * b[bo + k + 3];
  }
  for (; k < len; k++) s0 += a[ao + k] * b[bo + k];
  return s0 + s1 + s2 + s3;
}

const BLOCK = 64;

/**
 * Replaces the n × n symmetric positive-definite matrix `a` (row-major, both triangles
 * filled) by its inverse: Cholesky A = L Lᵀ, then W = L⁻¹, then A⁻¹ = Wᵀ W. About n³/2
 * multiply-adds, n² extra doubles. Throws on a matrix that is not positive definite.
 * `shouldStop` is polled once per block so a long inverse can be abandoned.
 */
export function invertSpd(a: Float64Array, n: number, shouldStop?: () => boolean): void {
  if (a.length < n * n) throw new RangeError("invertSpd: the array is smaller than n × n");
  const stop = () => {
    if (shouldStop?.()) throw new Error("invertSpd: stopped");
  };
  // Cholesky, row blocks: each row j of L is read once per block of rows i.
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    stop();
    const i1 = Math.min(n, i0 + BLOCK);
    for (let j = 0; j < i1; j++) {
      const jj = j * n;
      for (let i = Math.max(i0, j); i < i1; i++) {
        const ii = i * n;
        const s = a[ii + j] - dot(a, ii, a, jj, j);
        if (i === j) {
          if (!(s > 0)) throw new RangeError("invertSpd: the matrix is not positive definite");
          a[ii + i] = Math.sqrt(s);
        } else {
          a[ii + j] = s / a[jj + j];
        }
      }
    }
  }
  // wt row j = column j of L⁻¹ (entries j..n-1), so every product below reads rows.
  const wt = new Float64Array(n * n);
  for (let j0 = 0; j0 < n; j0 += BLOCK) {
    stop();
    const j1 = Math.min(n, j0 + BLOCK);
    for (let i = j0; i < n; i++) {
      const ii = i * n;
      const inv = 1 / a[ii + i];
      for (let j = j0; j < j1 && j <= i; j++) {
        const jj = j * n;
        wt[jj + i] = j === i ? inv : -dot(a, ii + j, wt, jj + j, i - j) * inv;
      }
    }
  }
  // (Wᵀ W)[i][j] = Σ_{k ≥ max(i, j)} W[k][i] W[k][j].
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    stop();
    const i1 = Math.min(n, i0 + BLOCK);
    for (let j = i0; j < n; j++) {
      const jj = j * n;
      for (let i = i0; i < i1 && i <= j; i++) {
        const ii = i * n;
        const v = dot(wt, ii + j, wt, jj + j, n - j);
        a[ii + j] = v;
        a[jj + i] = v;
      }
    }
  }
}
