import { eld } from "eld/large";
import { ANALYSIS_LANGUAGES, type AnalysisLanguage } from "./analyzers";

/*
 * Which language a shopper's message is written in, among the few the shop publishes and we
 * support. The identifier is eld (Nito-ELD, byte n-gram scores, no model download, no network):
 * its "large" database, restricted to the candidates, was the most accurate of the npm
 * identifiers on MASSIVE utterances, short ones above all (docs/decisions/0091-languages.md).
 * Loading it costs 1–4 s and ~155 MB of heap once per process, so the engine should import
 * this module only where a shop has more than one language.
 */

/** Languages the understanding layer has text analysers for: one list, so the two cannot drift apart. */
export const SUPPORTED_LANGUAGES = ANALYSIS_LANGUAGES;
export type SupportedLanguage = AnalysisLanguage;

export interface DetectLanguageOptions {
  /**
   * Languages the answer may be in: the shop's published locales that are supported. Locale
   * tags are accepted ("fr-CA" means "fr"); unsupported ones are ignored.
   */
  candidates: readonly string[];
  /**
   * The storefront locale (or the conversation's language so far): kept when the message is too
   * short or the evidence for another language is weak. Without one, the best guess is returned.
   */
  prior?: string;
  /**
   * Words or phrases that say nothing about the language the shopper writes in (product titles,
   * brand names the message mentions); removed, case-insensitively, before identification.
   */
  ignore?: readonly string[];
}

export interface DetectedLanguage {
  /** One of the candidates (a base code such as "fr"). */
  language: SupportedLanguage;
  /** True when the text itself points to `language` clearly; false when it is a fallback or a close call. */
  confident: boolean;
  /** eld's scores (0–1, higher is more likely) for the candidates that scored at all. */
  scores: Partial<Record<SupportedLanguage, number>>;
}

/**
 * How far ahead of the prior (or of the runner-up) the best candidate's score must be for the
 * text to count as evidence. Chosen on MASSIVE dev: with the right storefront locale as prior,
 * accuracy goes from 0.990 (no margin) to 0.993, while a shopper writing another language than
 * the storefront's is still recognised 0.988 of the time (0.990 with no margin).
 */
export const SCORE_MARGIN = 0.02;
/** Fewer letters than this ("ok", "hi", "#1001") carry no evidence of a language. */
export const MIN_LETTERS = 3;

const supported = new Set<string>(SUPPORTED_LANGUAGES);

/** "fr-CA", "FR", "fr_ca" → "fr"; null when it is not one we support. */
export function baseLanguage(locale: string | undefined | null): SupportedLanguage | null {
  if (typeof locale !== "string") return null;
  const base = locale.trim().toLowerCase().split(/[-_]/)[0];
  return supported.has(base) ? (base as SupportedLanguage) : null;
}

// One detector per candidate set: eld applies its subset as a filter on every call, so an
// instance keeps it, and instances share the loaded n-gram database.
const detectors = new Map<string, typeof eld>();

function detectorFor(candidates: readonly SupportedLanguage[]): typeof eld {
  const key = [...candidates].sort().join(",");
  let detector = detectors.get(key);
  if (!detector) {
    detector = eld.newInstance();
    detector.setLanguageSubset([...candidates]);
    // URLs, e-mail addresses and codes with digits (order numbers, SKUs) are language-neutral.
    detector.enableTextCleanup(true);
    detectors.set(key, detector);
  }
  return detector;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function withoutIgnored(text: string, ignore: readonly string[] | undefined): string {
  if (!ignore || ignore.length === 0) return text;
  let result = text;
  // Longest first, so that "Air Max 90" goes before "Air" can split it.
  for (const phrase of [...ignore]
    .filter((p) => typeof p === "string" && p.trim())
    .sort((a, b) => b.length - a.length)) {
    result = result.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(phrase.trim())}(?![\\p{L}\\p{N}])`, "giu"),
      " ",
    );
  }
  return result;
}

function countLetters(text: string): number {
  let letters = 0;
  for (const _ of text.matchAll(/\p{L}/gu)) letters++;
  return letters;
}

/**
 * The language of a short message among `candidates`. With a prior, another candidate wins
 * only when its score beats the prior's by SCORE_MARGIN; too little text keeps the prior.
 * Never throws for odd input; throws only when no candidate is supported.
 */
export function detectLanguage(text: unknown, options: DetectLanguageOptions): DetectedLanguage {
  const candidates = [...new Set(options.candidates.map(baseLanguage).filter((l): l is SupportedLanguage => !!l))];
  const prior = baseLanguage(options.prior);
  if (prior && !candidates.includes(prior)) candidates.push(prior);
  if (candidates.length === 0) {
    throw new Error(`detectLanguage needs a supported candidate (${SUPPORTED_LANGUAGES.join(", ")})`);
  }
  const fallback = prior ?? candidates[0];
  const raw = typeof text === "string" ? text.slice(0, 1000) : "";
  const cleaned = withoutIgnored(raw, options.ignore);
  if (candidates.length === 1 || countLetters(cleaned) < MIN_LETTERS) {
    return { language: fallback, confident: false, scores: {} };
  }

  const found = detectorFor(candidates).detect(cleaned).getScores();
  const scores: Partial<Record<SupportedLanguage, number>> = {};
  for (const language of candidates) if (found[language] > 0) scores[language] = found[language];
  const ranked = candidates.filter((l) => scores[l] !== undefined).sort((a, b) => scores[b]! - scores[a]!);
  if (ranked.length === 0) return { language: fallback, confident: false, scores };

  const best = ranked[0];
  const score = (language: SupportedLanguage | undefined) => (language ? (scores[language] ?? 0) : 0);
  const lead = score(best) - score(ranked[1]);
  if (prior && best !== prior) {
    const overPrior = score(best) - score(prior);
    return overPrior >= SCORE_MARGIN
      ? { language: best, confident: true, scores }
      : { language: prior, confident: false, scores };
  }
  return { language: best, confident: lead >= SCORE_MARGIN, scores };
}
