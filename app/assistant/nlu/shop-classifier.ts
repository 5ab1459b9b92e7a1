import {
  OUT_OF_SCOPE,
  trainIntentClassifier,
  type IntentClassifier,
  type IntentClassifierOptions,
  type IntentExample,
} from "./classifier";
import { builtInExamplesFor, packLanguage } from "../languages";
import { MAX_TEXT_LENGTH } from "./text";
import { OUT_OF_SCOPE_EXAMPLES, SHOP_EXAMPLES, SHOP_INTENTS } from "./shop-examples";

/** Built-in English training set: the shop intents plus the out-of-scope sentences. */
export function builtInShopExamples(): IntentExample[] {
  const examples: IntentExample[] = [];
  for (const intent of SHOP_INTENTS) for (const text of SHOP_EXAMPLES[intent]) examples.push({ text, intent });
  for (const text of OUT_OF_SCOPE_EXAMPLES) examples.push({ text, intent: OUT_OF_SCOPE });
  return examples;
}

/** Most phrases a merchant can add; more would let one shop's start-up training grow without bound. */
export const MAX_MERCHANT_PHRASES = 2000;

/** A merchant's phrase; `language` is the one it is written in (a code or locale tag). */
export interface MerchantPhrase extends IntentExample {
  language?: string | null;
}

export interface ShopClassifierOptions extends IntentClassifierOptions {
  /**
   * The shop's primary language: phrases saved without a language count as written in it.
   * Default "en" (phrases saved before languages existed were English-only).
   */
  primaryLanguage?: string;
}

/**
 * The shop assistant's classifier for one language (`options.language`, default "en"), trained
 * at start-up on that language's built-in examples (app/assistant/languages/<code>/) plus the
 * merchant's own phrases in that language (`{text, intent, language?}`; an intent may be a
 * built-in one, a new one of the merchant's, or OUT_OF_SCOPE for things the bot should
 * decline). Out of scope is learnt per language, from the language's own out-of-scope examples,
 * exactly as in English. Phrases that are empty or too long are skipped.
 */
export function createShopIntentClassifier(
  merchantPhrases: readonly MerchantPhrase[] = [],
  options: ShopClassifierOptions = {},
): IntentClassifier {
  const { primaryLanguage = "en", ...classifierOptions } = options;
  const language = packLanguage(options.language ?? "en");
  if (!language) throw new Error(`no built-in examples for language "${options.language}"`);
  const primary = packLanguage(primaryLanguage) ?? "en";
  const extra = merchantPhrases
    .filter(
      (phrase) =>
        typeof phrase?.text === "string" &&
        typeof phrase.intent === "string" &&
        phrase.text.trim() !== "" &&
        phrase.text.length <= MAX_TEXT_LENGTH &&
        /^[a-z][a-z0-9_]{0,63}$/.test(phrase.intent) &&
        (phrase.language == null ? primary : packLanguage(phrase.language)) === language,
    )
    .slice(0, MAX_MERCHANT_PHRASES)
    .map((phrase) => ({ text: phrase.text.trim(), intent: phrase.intent }));
  // English keeps its own list and order, so that its training (and so every figure) is unchanged.
  const builtIn = language === "en" ? builtInShopExamples() : builtInExamplesFor(language);
  return trainIntentClassifier([...builtIn, ...extra], { ...classifierOptions, language });
}
