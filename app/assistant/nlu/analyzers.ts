import { stemmer as frenchStemmer } from "@orama/stemmers/french";
import { stemmer as germanStemmer } from "@orama/stemmers/german";
import { stemmer as spanishStemmer } from "@orama/stemmers/spanish";
import { stopwords as englishStopWords } from "@orama/stopwords/english";
import { stopwords as frenchStopWords } from "@orama/stopwords/french";
import { stopwords as germanStopWords } from "@orama/stopwords/german";
import { stopwords as spanishStopWords } from "@orama/stopwords/spanish";
import { analyzeText, MAX_TEXT_LENGTH, normalizeText, stemToken, tokenize, type AnalyzedText } from "./text";

/*
 * Text analysis per language for the intent classifier. English is text.ts unchanged (Porter2
 * through wink-porter2-stemmer), so English features stay byte-identical; German, French and
 * Spanish use the Snowball stemmers and stop lists as packaged by Orama (@orama/stemmers,
 * @orama/stopwords: code generated from the Snowball sources, typed, no dependencies).
 */

export const ANALYSIS_LANGUAGES = ["en", "de", "fr", "es"] as const;
export type AnalysisLanguage = (typeof ANALYSIS_LANGUAGES)[number];

export type Analyzer = (text: unknown) => AnalyzedText;

export interface AnalyzerOptions {
  /**
   * Drop the language's Snowball stop words from the stems (the word view). Off by default: on
   * MASSIVE dev it cost 0.6–1.5 points of intent accuracy in each language, because words such as
   * "nicht", "quand" or "qué" carry the intent. Character n-grams always see every word.
   */
  removeStopWords?: boolean;
}

const STEMMERS: Record<Exclude<AnalysisLanguage, "en">, (word: string) => string> = {
  de: germanStemmer,
  fr: frenchStemmer,
  es: spanishStemmer,
};

const STOP_WORDS: Record<AnalysisLanguage, readonly string[]> = {
  en: englishStopWords,
  de: germanStopWords,
  fr: frenchStopWords,
  es: spanishStopWords,
};

/** Tokens longer than this are not words (hashes, URLs, pasted junk): kept, not stemmed (as in text.ts). */
const MAX_STEM_LENGTH = 30;
const STEM_CACHE_LIMIT = 100_000;

export function isAnalysisLanguage(language: unknown): language is AnalysisLanguage {
  return typeof language === "string" && (ANALYSIS_LANGUAGES as readonly string[]).includes(language);
}

/** The language's stop words, lower-cased and accent-folded like the stems they are compared with. */
export function stopWordsOf(language: AnalysisLanguage): ReadonlySet<string> {
  return new Set(STOP_WORDS[language].map((word) => normalizeText(word)));
}

/** Lower case and compatibility forms, as normalizeText, but with the accents the stemmers need. */
function lowerKeepingAccents(text: unknown): string {
  if (typeof text !== "string") return "";
  const capped = text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
  return capped
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase();
}

function snowballAnalyzer(language: Exclude<AnalysisLanguage, "en">, options: AnalyzerOptions): Analyzer {
  const stem = STEMMERS[language];
  const stopWords = options.removeStopWords ? stopWordsOf(language) : null;
  const cache = new Map<string, string>();
  const stemOf = (token: string): string => {
    const cached = cache.get(token);
    if (cached !== undefined) return cached;
    // Snowball's rules are written for accented words ("größe", "été"), so the word is stemmed
    // first and the stem folded afterwards: "Größe" and "grosse" then share "gross".
    let stemmed: string;
    if (/^\p{N}+$/u.test(token)) stemmed = stemToken(token);
    else if (token.length > MAX_STEM_LENGTH) stemmed = normalizeText(token);
    else stemmed = normalizeText(stem(token));
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(token, stemmed);
    return stemmed;
  };
  return (text) => {
    const words = tokenize(lowerKeepingAccents(text));
    // Character n-grams see accent-free words, so that a shopper who types "telephone" for
    // "téléphone" still meets the training examples.
    const tokens = words.map((word) => normalizeText(word));
    const stems: string[] = [];
    for (let i = 0; i < words.length; i++) {
      if (stopWords?.has(tokens[i])) continue;
      stems.push(stemOf(words[i]));
    }
    return { tokens, stems };
  };
}

const analyzers = new Map<string, Analyzer>();

/**
 * The analyser for a language ("en" when none is given). Throws for a language without one, so
 * that a typo in configuration fails at training rather than silently analysing as English.
 */
export function analyzerFor(language: string = "en", options: AnalyzerOptions = {}): Analyzer {
  if (!isAnalysisLanguage(language)) {
    throw new Error(`no text analyser for language "${language}" (have ${ANALYSIS_LANGUAGES.join(", ")})`);
  }
  if (language === "en" && !options.removeStopWords) return analyzeText;
  const key = `${language}:${options.removeStopWords ? "stop" : ""}`;
  let analyzer = analyzers.get(key);
  if (!analyzer) {
    if (language === "en") {
      const stopWords = stopWordsOf("en");
      analyzer = (text) => {
        const { tokens, stems } = analyzeText(text);
        return { tokens, stems: stems.filter((_, i) => !stopWords.has(tokens[i])) };
      };
    } else {
      analyzer = snowballAnalyzer(language, options);
    }
    analyzers.set(key, analyzer);
  }
  return analyzer;
}
