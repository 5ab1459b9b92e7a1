import type { AnalyzedText } from "./text";

/** A sparse feature vector: parallel arrays of feature ids and weights. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Rows of sparse vectors in one compressed-sparse-row block: the trainer's hot loop reads it linearly. */
export interface SparseMatrix {
  rows: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

export function toSparseMatrix(vectors: SparseVector[]): SparseMatrix {
  const indptr = new Int32Array(vectors.length + 1);
  for (let i = 0; i < vectors.length; i++) indptr[i + 1] = indptr[i] + vectors[i].indices.length;
  const indices = new Int32Array(indptr[vectors.length]);
  const values = new Float64Array(indptr[vectors.length]);
  for (let i = 0; i < vectors.length; i++) {
    indices.set(vectors[i].indices, indptr[i]);
    values.set(vectors[i].values, indptr[i]);
  }
  return { rows: vectors.length, indptr, indices, values };
}

export interface FeatureOptions {
  /** Longest word n-gram over stems (1 = unigrams, 2 = uni- and bigrams). */
  wordNgramMax: number;
  /** Shortest and longest character n-gram inside a space-padded word. */
  charNgramMin: number;
  charNgramMax: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = { wordNgramMax: 2, charNgramMin: 2, charNgramMax: 4 };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x2545f491;
const SPACE = 32;

function hashString(text: string, seed: number): number {
  let h = FNV_OFFSET ^ seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

function finalize(h: number): number {
  // murmur3's fmix32 spreads FNV's weak low bits; 0 is the empty-slot marker of IntTable.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0 || 1;
}

/**
 * Open-addressing hash table from 32-bit feature hashes to dense ids. Features are hashed
 * rather than kept as strings because building and looking up ~10^6 short strings per training
 * run dominated the cost; with ~10^5 distinct features a 32-bit hash collides about once.
 */
class IntTable {
  private keys: Uint32Array;
  private ids: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 12) {
    this.keys = new Uint32Array(capacity);
    this.ids = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get(key: number): number {
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === key) return this.ids[slot];
      if (k === 0) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The id of `key`, assigning the next id when it is new. */
  intern(key: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    for (;;) {
      const k = this.keys[slot];
      if (k === key) return this.ids[slot];
      if (k === 0) {
        this.keys[slot] = key;
        this.ids[slot] = this.size;
        return this.size++;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private grow() {
    const { keys, ids } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    this.mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      let slot = (Math.imul(keys[i], 0x9e3779b1) >>> 0) & this.mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = keys[i];
      this.ids[slot] = ids[i];
    }
  }
}

/** Hashes of the features of one text, grouped by view, sorted so that equal features sit together. */
interface HashedTerms {
  word: Uint32Array;
  char: Uint32Array;
}

/**
 * TF-IDF over two views (stemmed word n-grams and character n-grams), each view L2-normalised
 * on its own so that neither drowns the other; sublinear term frequency (1 + ln tf) and
 * smoothed idf, as scikit-learn's TfidfVectorizer(sublinear_tf=True) computes them.
 */
export class TfidfFeaturizer {
  readonly options: FeatureOptions;
  private readonly vocabulary = new IntTable();
  private idf: Float32Array = new Float32Array(0);
  private buffer = new Uint32Array(1024);

  constructor(options: Partial<FeatureOptions> = {}) {
    this.options = { ...DEFAULT_FEATURE_OPTIONS, ...options };
  }

  get dimension(): number {
    return this.idf.length;
  }

  /** Learns the vocabulary and idf from training texts and returns their vectors. */
  fitTransform(texts: AnalyzedText[]): SparseVector[] {
    const hashed = texts.map((text) => this.hashTerms(text));
    const df: number[] = [];
    for (const terms of hashed) {
      for (const view of [terms.word, terms.char]) {
        for (let i = 0; i < view.length; i++) {
          if (i > 0 && view[i] === view[i - 1]) continue;
          const id = this.vocabulary.intern(view[i]);
          if (id === df.length) df.push(0);
          df[id]++;
        }
      }
    }
    const n = texts.length;
    this.idf = Float32Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
    return hashed.map((terms) => this.vectorize(terms));
  }

  transform(text: AnalyzedText): SparseVector {
    return this.vectorize(this.hashTerms(text));
  }

  private push(length: number, hash: number): number {
    if (length === this.buffer.length) {
      const bigger = new Uint32Array(this.buffer.length * 2);
      bigger.set(this.buffer);
      this.buffer = bigger;
    }
    this.buffer[length] = finalize(hash);
    return length + 1;
  }

  private hashTerms(text: AnalyzedText): HashedTerms {
    const { wordNgramMax, charNgramMin, charNgramMax } = this.options;
    const { stems, tokens } = text;
    let length = 0;
    const stemHashes = stems.map((stem) => hashString(stem, WORD_SEED));
    for (let i = 0; i < stemHashes.length; i++) {
      let h = stemHashes[i];
      length = this.push(length, h);
      for (let n = 2; n <= wordNgramMax && i + n <= stemHashes.length; n++) {
        h = Math.imul(h ^ SPACE, FNV_PRIME);
        h = Math.imul(h ^ stemHashes[i + n - 1], FNV_PRIME);
        length = this.push(length, h);
      }
    }
    const word = this.buffer.slice(0, length).sort();
    length = 0;
    // Character n-grams of the unstemmed words carry what stems lose (typos, inflections,
    // unseen compounds); padding marks word starts and ends, as scikit-learn's char_wb does.
    for (const token of tokens) {
      const padded = token.length + 2;
      for (let start = 0; start < padded; start++) {
        let h = FNV_OFFSET;
        for (let n = 1; n <= charNgramMax && start + n <= padded; n++) {
          const at = start + n - 1;
          const code = at === 0 || at === padded - 1 ? SPACE : token.charCodeAt(at - 1);
          h = Math.imul(h ^ code, FNV_PRIME);
          // The length is mixed in so that n-grams of different lengths never share a hash prefix state.
          if (n >= charNgramMin) length = this.push(length, h ^ n);
        }
      }
    }
    const char = this.buffer.slice(0, length).sort();
    return { word, char };
  }

  private vectorize(terms: HashedTerms): SparseVector {
    const indices: number[] = [];
    const values: number[] = [];
    for (const view of [terms.word, terms.char]) {
      const start = indices.length;
      let norm = 0;
      for (let i = 0; i < view.length;) {
        let j = i + 1;
        while (j < view.length && view[j] === view[i]) j++;
        const id = this.vocabulary.get(view[i]);
        if (id >= 0 && id < this.idf.length) {
          const value = (1 + Math.log(j - i)) * this.idf[id];
          indices.push(id);
          values.push(value);
          norm += value * value;
        }
        i = j;
      }
      if (norm > 0) {
        const scale = 1 / Math.sqrt(norm);
        for (let i = start; i < values.length; i++) values[i] *= scale;
      }
    }
    return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
  }
}
