import { existsSync, readFileSync } from "node:fs";
import { baseLanguage, detectLanguage, type SupportedLanguage } from "../app/assistant/nlu/language";
import { MASSIVE_LOCALES, massivePath, parseMassive, type MassiveSplit } from "./eval-intents-lib";

export interface LabelledUtterance {
  text: string;
  language: SupportedLanguage;
}

/** Utterances of at most this many words count as short (the "≤ 3 words"). */
export const SHORT_WORDS = 3;

export const wordCount = (text: string) => text.trim().split(/\s+/).filter(Boolean).length;

/** The utterances of one MASSIVE split in each of the given locales, labelled with the locale's language. */
export function readMassiveUtterances(
  dataDir: string,
  split: MassiveSplit = "test",
  locales: readonly string[] = MASSIVE_LOCALES,
): LabelledUtterance[] {
  const utterances: LabelledUtterance[] = [];
  for (const locale of locales) {
    const language = baseLanguage(locale);
    if (!language) throw new Error(`no supported language for locale ${locale}`);
    const file = massivePath(dataDir, locale, split);
    if (!existsSync(file))
      throw new Error(`MASSIVE ${locale} ${split} not found at ${file} (set --data DIR or ASSISTANT_DATA_DIR)`);
    for (const example of parseMassive(readFileSync(file, "utf8"), file))
      utterances.push({ text: example.text, language });
  }
  return utterances;
}

export interface LanguageIdResult {
  n: number;
  accuracy: number;
  shortN: number;
  shortAccuracy: number;
}

export interface PriorScenarios {
  /** Accuracy when the storefront locale is the language the shopper writes in. */
  rightPrior: number;
  /** Accuracy when the storefront locale is another candidate (averaged over them): a shopper switching language. */
  otherPrior: number;
}

const languagesOf = (utterances: readonly LabelledUtterance[]) => [...new Set(utterances.map((u) => u.language))];

/**
 * Language identification among `candidates` (by default the utterances' own languages) with no
 * storefront hint (uniform prior): overall and on utterances of at most SHORT_WORDS words.
 */
export function evaluateLanguageId(
  utterances: readonly LabelledUtterance[],
  candidates: readonly SupportedLanguage[] = languagesOf(utterances),
): LanguageIdResult {
  let correct = 0;
  let shortN = 0;
  let shortCorrect = 0;
  for (const { text, language } of utterances) {
    const right = detectLanguage(text, { candidates }).language === language;
    if (right) correct++;
    if (wordCount(text) <= SHORT_WORDS) {
      shortN++;
      if (right) shortCorrect++;
    }
  }
  return {
    n: utterances.length,
    accuracy: utterances.length === 0 ? 0 : correct / utterances.length,
    shortN,
    shortAccuracy: shortN === 0 ? 0 : shortCorrect / shortN,
  };
}

/** The same utterances with a storefront locale as prior: the right one, and each wrong one in turn. */
export function evaluateWithPriors(
  utterances: readonly LabelledUtterance[],
  candidates: readonly SupportedLanguage[] = languagesOf(utterances),
): PriorScenarios {
  let right = 0;
  let other = 0;
  let otherN = 0;
  for (const { text, language } of utterances) {
    for (const prior of candidates) {
      const ok = detectLanguage(text, { candidates, prior }).language === language;
      if (prior === language) right += ok ? 1 : 0;
      else {
        other += ok ? 1 : 0;
        otherN++;
      }
    }
  }
  return {
    rightPrior: utterances.length === 0 ? 0 : right / utterances.length,
    otherPrior: otherN === 0 ? 0 : other / otherN,
  };
}
