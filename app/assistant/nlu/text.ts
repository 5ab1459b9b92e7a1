import porter2 from "wink-porter2-stemmer";

/** Longest input the understanding layer looks at; chat messages are far shorter, and a cap keeps cost bounded. */
export const MAX_TEXT_LENGTH = 2000;
/** Tokens longer than this are not words (hashes, URLs, pasted junk): they are kept but not stemmed. */
const MAX_STEM_LENGTH = 30;

/**
 * Lower-cases, folds compatibility forms (full-width letters, ligatures) and typographic quotes,
 * and strips accents so that "café" and "cafe" meet. Never throws.
 */
export function normalizeText(text: unknown): string {
  if (typeof text !== "string") return "";
  const capped = text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
  return (
    capped
      .normalize("NFKD")
      .replace(/\p{M}+/gu, "")
      // Recompose what NFKD split apart but is not an accent (Hangul syllables, for one).
      .normalize("NFC")
      .replace(/[\u2018\u2019\u02bc`]/g, "'")
      .toLowerCase()
  );
}

// Letters or digits, optionally followed by one apostrophe part ("what's", "don't"): the
// apostrophe belongs to the word for the stemmer, which then drops a possessive "'s".
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

/** Word tokens of already normalised text. */
export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 100_000;

/**
 * Porter2 (Snowball English) stem, with digit runs folded into a shape so that "#1001" and
 * "#20417" look alike to the classifier. The cache matters: the same few thousand words recur.
 */
export function stemToken(token: string): string {
  const cached = stemCache.get(token);
  if (cached !== undefined) return cached;
  let stemmed: string;
  if (/^\p{N}+$/u.test(token)) stemmed = token.length <= 2 ? "<n>" : token.length <= 4 ? "<nnnn>" : "<nnnnn+>";
  else if (token.length > MAX_STEM_LENGTH) stemmed = token;
  else stemmed = porter2(token);
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(token, stemmed);
  return stemmed;
}

/** Normalised tokens and their stems, the two views the feature extractor needs. */
export interface AnalyzedText {
  tokens: string[];
  stems: string[];
}

export function analyzeText(text: unknown): AnalyzedText {
  const tokens = tokenize(normalizeText(text));
  return { tokens, stems: tokens.map(stemToken) };
}
