import type { IntentExample } from "../nlu/classifier";
import { OUT_OF_SCOPE as OUT_OF_SCOPE_CLASS } from "../nlu/classifier";
import type { EntityLexicon } from "../nlu/entity-lexicon";
import { SHOP_INTENTS, type ShopIntent } from "../nlu/shop-examples";
import * as deEntities from "./de/entities";
import * as deExamples from "./de/examples";
import * as deMessages from "./de/messages";
import * as enEntities from "./en/entities";
import * as enExamples from "./en/examples";
import * as enMessages from "./en/messages";
import type { MessageKey } from "./en/messages";
import * as esEntities from "./es/entities";
import * as esExamples from "./es/examples";
import * as esMessages from "./es/messages";
import * as frEntities from "./fr/entities";
import * as frExamples from "./fr/examples";
import * as frMessages from "./fr/messages";

/*
 * A language is data: one folder per language under app/assistant/languages/<code>/ with
 *   examples.ts  EXAMPLES (built-in training phrases for every shop intent) and OUT_OF_SCOPE;
 *   entities.ts  ENTITY_LEXICON (its words mapped onto the English extractor's, null for
 *                English itself) and CHEAP (asks for low prices without a figure);
 *   messages.ts  MESSAGES, the engine's reply templates (ICU MessageFormat), every key of
 *                en/messages.ts.
 * Registering the folder here is the only code a new language needs besides a text analyser
 * (nlu/analyzers.ts: a Snowball stemmer). languages.test.ts checks every part for every
 * language, so a language missing an intent's examples or a reply template fails the tests;
 * further parts are added to LanguagePack and to that test's REQUIRED_PARTS.
 */

export interface LanguagePack {
  /** ISO 639-1 code, as the storefront locale's base ("fr" for "fr-CA"). */
  code: string;
  /** Built-in training phrases, written in the language, for every shop intent. */
  examples: Readonly<Record<ShopIntent, readonly string[]>>;
  /** Messages in the language the assistant should decline. */
  outOfScope: readonly string[];
  /** Entity words; null for English, whose words the extractor has built in. */
  entityLexicon: EntityLexicon | null;
  /** Words asking for low prices without a figure ("billig", "pas cher", "barato"). */
  cheap: RegExp;
  /** Reply templates (ICU MessageFormat) by key; app/assistant/say.ts formats them. */
  messages: Readonly<Record<MessageKey, string>>;
  /** Question words and verbs of asking ("comment", "wie", "cuál"): no topic of a question. */
  questionWords: readonly string[];
}

export const LANGUAGE_PACKS = {
  en: {
    code: "en",
    examples: enExamples.EXAMPLES,
    outOfScope: enExamples.OUT_OF_SCOPE,
    entityLexicon: enEntities.ENTITY_LEXICON,
    cheap: enEntities.CHEAP,
    messages: enMessages.MESSAGES,
    questionWords: enMessages.QUESTION_WORDS,
  },
  de: {
    code: "de",
    examples: deExamples.EXAMPLES,
    outOfScope: deExamples.OUT_OF_SCOPE,
    entityLexicon: deEntities.ENTITY_LEXICON,
    cheap: deEntities.CHEAP,
    messages: deMessages.MESSAGES,
    questionWords: deMessages.QUESTION_WORDS,
  },
  fr: {
    code: "fr",
    examples: frExamples.EXAMPLES,
    outOfScope: frExamples.OUT_OF_SCOPE,
    entityLexicon: frEntities.ENTITY_LEXICON,
    cheap: frEntities.CHEAP,
    messages: frMessages.MESSAGES,
    questionWords: frMessages.QUESTION_WORDS,
  },
  es: {
    code: "es",
    examples: esExamples.EXAMPLES,
    outOfScope: esExamples.OUT_OF_SCOPE,
    entityLexicon: esEntities.ENTITY_LEXICON,
    cheap: esEntities.CHEAP,
    messages: esMessages.MESSAGES,
    questionWords: esMessages.QUESTION_WORDS,
  },
} as const satisfies Record<string, LanguagePack>;

export type PackLanguage = keyof typeof LANGUAGE_PACKS;
export const PACK_LANGUAGES = Object.keys(LANGUAGE_PACKS) as PackLanguage[];

/** The base language of a code or locale tag ("fr-CA" → "fr"), or null when there is no pack for it. */
export function packLanguage(code: unknown): PackLanguage | null {
  if (typeof code !== "string") return null;
  const base = code.trim().toLowerCase().split(/[-_]/)[0];
  return (PACK_LANGUAGES as string[]).includes(base) ? (base as PackLanguage) : null;
}

/** The pack of a language or locale tag; throws for one without a pack, so configuration errors surface. */
export function languagePack(code: string): LanguagePack {
  const language = packLanguage(code);
  if (!language) throw new Error(`no language pack for "${code}" (have ${PACK_LANGUAGES.join(", ")})`);
  return LANGUAGE_PACKS[language];
}

/** A language's built-in training set: the shop intents' phrases plus its out-of-scope ones. */
export function builtInExamplesFor(code: string): IntentExample[] {
  const pack = languagePack(code);
  const examples: IntentExample[] = [];
  for (const intent of SHOP_INTENTS) for (const text of pack.examples[intent]) examples.push({ text, intent });
  for (const text of pack.outOfScope) examples.push({ text, intent: OUT_OF_SCOPE_CLASS });
  return examples;
}
