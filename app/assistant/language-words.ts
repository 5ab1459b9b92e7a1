import { languagePack } from "./languages";
import { isAnalysisLanguage, stopWordsOf } from "./nlu/analyzers";

/*
 * The words of another language than English that say nothing of what a shopper asks about:
 * its stop words (Snowball's lists, nlu/analyzers.ts), the pack's question words and the words
 * of its greetings, thanks and goodbyes. English has its own, finer lists (shopper-words.ts).
 * Each word is kept with and without accents, as shoppers type both.
 */

const cache = new Map<string, ReadonlySet<string>>();

export const withoutAccents = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "");

export function notContentWords(language: string): ReadonlySet<string> {
  let words = cache.get(language);
  if (!words) {
    const pack = languagePack(language);
    const phrases = [...pack.examples.greeting, ...pack.examples.thanks, ...pack.examples.goodbye];
    const all = [
      ...(isAnalysisLanguage(pack.code) ? stopWordsOf(pack.code) : []),
      ...pack.questionWords,
      ...phrases.flatMap((phrase) => phrase.toLowerCase().match(/[\p{L}']+/gu) ?? []),
    ];
    words = new Set(all.flatMap((word) => [word, withoutAccents(word)]));
    cache.set(language, words);
  }
  return words;
}

/** Whether a word (any case) is one of `words`, accented or not. */
export function isOneOf(words: ReadonlySet<string>, word: string): boolean {
  const lower = word.toLowerCase();
  return words.has(lower) || words.has(withoutAccents(lower));
}
