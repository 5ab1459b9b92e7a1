import {
  OUT_OF_SCOPE,
  trainIntentClassifier,
  type IntentClassifier,
  type IntentClassifierOptions,
  type IntentExample,
} from "./classifier";
import { MAX_TEXT_LENGTH } from "./text";
import { OUT_OF_SCOPE_EXAMPLES, SHOP_EXAMPLES, SHOP_INTENTS } from "./shop-examples";

/** Built-in training set: the shop intents plus the out-of-scope sentences. */
export function builtInShopExamples(): IntentExample[] {
  const examples: IntentExample[] = [];
  for (const intent of SHOP_INTENTS) for (const text of SHOP_EXAMPLES[intent]) examples.push({ text, intent });
  for (const text of OUT_OF_SCOPE_EXAMPLES) examples.push({ text, intent: OUT_OF_SCOPE });
  return examples;
}

/** Most phrases a merchant can add; more would let one shop's start-up training grow without bound. */
export const MAX_MERCHANT_PHRASES = 2000;

/**
 * The shop assistant's classifier, trained at start-up on the built-in English examples plus
 * the merchant's own phrases (`{text, intent}`; an intent may be a built-in one, a new one of
 * the merchant's, or OUT_OF_SCOPE for things the bot should decline). Phrases that are empty or
 * too long are skipped.
 */
export function createShopIntentClassifier(
  merchantPhrases: readonly IntentExample[] = [],
  options: IntentClassifierOptions = {},
): IntentClassifier {
  const extra = merchantPhrases
    .filter(
      (phrase) =>
        typeof phrase?.text === "string" &&
        typeof phrase.intent === "string" &&
        phrase.text.trim() !== "" &&
        phrase.text.length <= MAX_TEXT_LENGTH &&
        /^[a-z][a-z0-9_]{0,63}$/.test(phrase.intent),
    )
    .slice(0, MAX_MERCHANT_PHRASES)
    .map((phrase) => ({ text: phrase.text.trim(), intent: phrase.intent }));
  return trainIntentClassifier([...builtInShopExamples(), ...extra], options);
}
