import type { Db } from "../db.server";
import type { CatalogSnapshot } from "../catalog/snapshot.server";
import { buildSpeller, spellingTexts, type Speller } from "../catalog/spelling";
import { countryName, countryNames } from "../knowledge/regions";
import type { ConversationState } from "./contract";
import type { Entities, Understanding } from "./dialogue";
import type { IntentClassifier } from "./nlu/classifier";
import { buildCatalogVocabulary, extractEntities, type CatalogVocabulary, type Entity } from "./nlu/entities";
import { createShopIntentClassifier } from "./nlu/shop-classifier";
import { languagePack } from "./languages";
import { isOneOf, notContentWords } from "./language-words";
import { normalizeText } from "./nlu/text";
import { namedProduct, productNameIndex, wordKey, type NamedProduct, type ProductNameIndex } from "./product-match";
import { expandShorthand, FILLER, OCCASIONS, RECIPIENTS, SHOPPING } from "./shopper-words";

/**
 * From a message to an Understanding: the shop's intent classifier (built-in examples plus
 * the merchant's phrases), entities (with the shop's catalog vocabulary) and countries.
 *
 * The built-in classifier trains once per process, in the background as soon as this
 * module loads (about a second), so the first chat does not wait; a shop with its own
 * phrases gets its own classifier, retrained when they change.
 */

let builtIn: IntentClassifier | null = null;
const builtInByLanguage = new Map<string, IntentClassifier>();
/** The built-in classifier of a language (English unless said), trained once per process. */
export function builtInClassifier(language = "en"): IntentClassifier {
  if (language === "en") {
    builtIn ??= createShopIntentClassifier();
    return builtIn;
  }
  let classifier = builtInByLanguage.get(language);
  if (!classifier) {
    classifier = createShopIntentClassifier([], { language });
    builtInByLanguage.set(language, classifier);
  }
  return classifier;
}
if (process.env.NODE_ENV !== "test") setTimeout(() => builtInClassifier(), 0).unref?.();

const shopClassifiers = new Map<string, { version: string; classifier: IntentClassifier; checkedAt: number }>();
const CHECK_EVERY_MS = 10_000;

/**
 * The shop's classifier for one language: that language's built-in examples plus the
 * merchant's phrases, which count as written in the shop's primary language
 * (`primaryLanguage`); cached per shop and language.
 */
export async function classifierFor(
  db: Db,
  shop: string,
  now = Date.now(),
  { language = "en", primaryLanguage = "en" }: { language?: string; primaryLanguage?: string } = {},
): Promise<IntentClassifier> {
  // English keeps the shop's own key, so that forgetClassifier and the English cache are as before.
  const key = language === "en" ? shop : `${shop}|${language}`;
  const entry = shopClassifiers.get(key);
  if (entry && now - entry.checkedAt < CHECK_EVERY_MS) return entry.classifier;
  const stats = await db.intentPhrase.aggregate({ where: { shop }, _count: { _all: true }, _max: { createdAt: true } });
  const version = `${stats._count._all}:${stats._max.createdAt?.getTime() ?? 0}`;
  if (entry && entry.version === version) {
    entry.checkedAt = now;
    return entry.classifier;
  }
  // A shop without phrases of its own is remembered too, so its turns skip the query.
  if (stats._count._all === 0) {
    shopClassifiers.set(key, { version, classifier: builtInClassifier(language), checkedAt: now });
    return builtInClassifier(language);
  }
  const phrases = await db.intentPhrase.findMany({ where: { shop }, select: { text: true, intent: true }, take: 2000 });
  const classifier =
    language === "en" && primaryLanguage === "en"
      ? createShopIntentClassifier(phrases)
      : createShopIntentClassifier(phrases, { language, primaryLanguage });
  shopClassifiers.set(key, { version, classifier, checkedAt: now });
  if (shopClassifiers.size > 500) shopClassifiers.delete(shopClassifiers.keys().next().value!);
  return classifier;
}

/** After a merchant changes their phrases: the next turn on this instance retrains at once. */
export function forgetClassifier(shop: string) {
  for (const key of [...shopClassifiers.keys()])
    if (key === shop || key.startsWith(`${shop}|`)) shopClassifiers.delete(key);
}

const vocabularies = new WeakMap<CatalogSnapshot, CatalogVocabulary>();
export function vocabularyFor(catalog: CatalogSnapshot): CatalogVocabulary {
  let vocabulary = vocabularies.get(catalog);
  if (!vocabulary) {
    vocabulary = buildCatalogVocabulary({
      productTypes: catalog.productTypes,
      vendors: catalog.vendors,
      tags: catalog.tags,
      productTitles: catalog.products.map((p) => ({ id: p.id, title: p.title })),
    });
    vocabularies.set(catalog, vocabulary);
  }
  return vocabulary;
}

// Country names from the runtime's own CLDR data (every current ISO 3166 region), plus the names
// shoppers use that are not a region's official English name.
const COUNTRY_ALIASES: Record<string, string> = {
  uk: "United Kingdom",
  britain: "United Kingdom",
  "great britain": "United Kingdom",
  england: "United Kingdom",
  scotland: "United Kingdom",
  wales: "United Kingdom",
  "northern ireland": "United Kingdom",
  usa: "United States",
  us: "United States",
  america: "United States",
  "the states": "United States",
  holland: "Netherlands",
  eu: "European Union",
  europe: "European Union",
};
const COUNTRY_NAMES = (() => {
  const names = new Map<string, string>();
  for (const [lower, code] of countryNames()) names.set(lower, countryName(code));
  for (const [alias, name] of Object.entries(COUNTRY_ALIASES)) names.set(alias, name);
  return names;
})();
const COUNTRY_PATTERN = new RegExp(
  `\\b(${[...COUNTRY_NAMES.keys()]
    .sort((x, y) => y.length - x.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|")})\\b`,
  "gi",
);

/** The text with every country name taken out ("shipping cost to the us?" → "shipping cost to the ?"). */
export function withoutCountries(text: string): string {
  return text.slice(0, 2000).replace(COUNTRY_PATTERN, (word) => (COUNTRY_NAMES.has(word.toLowerCase()) ? " " : word));
}

export function findCountries(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.slice(0, 2000).matchAll(COUNTRY_PATTERN)) {
    const word = match[0];
    // "us" and "eu" as countries only when written as such ("US", "EU"), not "tell us".
    // ("the us", "to the eu" are the places again.)
    const before = text.slice(Math.max(0, (match.index ?? 0) - 4), match.index ?? 0).toLowerCase();
    if ((word === "us" || word === "Us" || word === "eu") && word !== word.toUpperCase() && before !== "the ") continue;
    const name = COUNTRY_NAMES.get(word.toLowerCase());
    if (name) found.add(name);
  }
  return [...found];
}

const SPENDING = /\b(to spend|spend|spending|budget|budget's|afford|got|have)\b/i;

export function entitiesFrom(found: Entity[], text: string): Entities {
  const entities: Entities = {
    orderNumbers: [],
    emails: [],
    priceMin: null,
    priceMax: null,
    colours: [],
    sizes: [],
    quantities: [],
    ordinal: null,
    productTypes: [],
    vendors: [],
    tags: [],
    productIds: [],
    countries: findCountries(text),
  };
  for (const entity of found) {
    switch (entity.type) {
      case "order_number":
        entities.orderNumbers.push(entity.value.replace(/^#/, ""));
        break;
      case "email":
        entities.emails.push(entity.value);
        break;
      case "price_range":
        entities.priceMin = entity.min;
        entities.priceMax = entity.max;
        break;
      case "money":
        // "I've got £8 to spend", "my budget's £20": a figure to spend is a ceiling.
        if (SPENDING.test(text) && entities.priceMax === null && entities.priceMin === null)
          entities.priceMax = entity.amount;
        break;
      case "colour":
        entities.colours.push(entity.value.toLowerCase());
        break;
      case "size":
        entities.sizes.push(entity.value.toLowerCase());
        break;
      case "quantity":
        entities.quantities.push(entity.value);
        break;
      case "ordinal":
        entities.ordinal = entity.value < 0 ? -1 : entity.value;
        break;
      case "product_type":
        entities.productTypes.push(entity.value);
        break;
      case "vendor":
        entities.vendors.push(entity.value);
        break;
      case "tag":
        entities.tags.push(entity.value);
        break;
      case "product":
        entities.productIds.push(entity.id);
        break;
    }
  }
  return entities;
}

/** What a message is read against besides the classifier: the shop's catalog words and names. */
export interface CatalogReading {
  vocabulary: CatalogVocabulary | null;
  names: ProductNameIndex | null;
  /** Corrects misspelt shop words before anything else reads the message. */
  correct?: (text: string) => { text: string; corrections: { from: string; to: string }[] };
}

export function catalogReading(catalog: CatalogSnapshot): CatalogReading {
  return { vocabulary: vocabularyFor(catalog), names: productNameIndex(catalog), correct: spellerFor(catalog) };
}

const spellers = new WeakMap<CatalogSnapshot, Speller>();
/** The shop's speller, built once per catalog snapshot (docs/decisions/0083-spelling-correction.md). */
export function spellerFor(catalog: CatalogSnapshot): (text: string) => ReturnType<Speller["correct"]> {
  let speller = spellers.get(catalog);
  if (!speller) {
    speller = buildSpeller({ texts: spellingTexts(catalog.products) });
    spellers.set(catalog, speller);
  }
  const built = speller;
  return (text) => built.correct(text);
}

/** Filler words rarer than this share of titles may be part of a product's name. */
const RARE_FILLER_SHARE = 0.05;

// Entities that are not what the shopper is looking for: prices, order details, positions.
// Counts are not search words either, but may be part of a name ("7 Shakra Bracelet").
const NOT_PRODUCT_WORDS = new Set(["price_range", "money", "order_number", "email", "ordinal"]);

/**
 * The words of a message that say what the shopper wants, with prices, counts, order
 * details and filler taken out, each with its catalog key.
 */
/**
 * Of a message of several sentences, the ones that ask for something of the catalog: "got any
 * cheap umbrellas? its always raining here lol" is a search for umbrellas, not for rain. Kept
 * whole when no asking sentence names a catalog word ("I need a gift for my mum. She loves candles.").
 */
function askingSentences(text: string, names: ProductNameIndex | null): string {
  const parts = text.split(/(?<=[.?!])\s+/).filter((part) => part.trim());
  if (parts.length < 2 || !names) return text;
  const asking = parts.filter((part) => SHOPPING.test(part) || /\?\s*$/.test(part));
  if (!asking.length || asking.length === parts.length) return text;
  const catalogWord = (part: string) =>
    (normalizeText(part).match(/[\p{L}]+/gu) ?? []).some((word) => !FILLER.has(word) && names.df.has(wordKey(word)));
  return asking.some(catalogWord) ? asking.join(" ") : text;
}

export function productWordsOf(
  text: string,
  found: Entity[],
  entities: Entities,
  names: ProductNameIndex | null,
  /** In another language than English, its words that name nothing (language-words.ts). */
  notContent?: ReadonlySet<string>,
): NonNullable<Understanding["productWords"]> {
  let kept = "";
  let at = 0;
  for (const entity of [...found].sort((a, b) => a.start - b.start)) {
    if (!NOT_PRODUCT_WORDS.has(entity.type) || entity.start < at) continue;
    kept += `${text.slice(at, entity.start)} `;
    at = entity.end;
  }
  kept += text.slice(at);
  kept = askingSentences(kept, names);
  // Who a present is for is not what it is ("a present for my nephew" is not a search for nephews).
  // Nor is the name of an occasion that is no product ("baby shower", "stocking fillers").
  for (const occasion of OCCASIONS) if (occasion.phrase) kept = kept.replace(occasion.phrase, " ");
  for (const recipient of RECIPIENTS) kept = kept.replace(new RegExp(recipient.pattern.source, "gi"), " ");
  const tokens =
    normalizeText(kept)
      .replace(/[£$€#%]/g, " ")
      .match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) ?? [];
  const colours = new Set(entities.colours.flatMap((c) => c.split(" ")));
  const sizes = new Set(entities.sizes.map((s) => s.toLowerCase()));
  const all: { text: string; key: string }[] = [];
  const numbers: string[] = [];
  const named: string[] = [];
  for (const token of tokens) {
    if (/^\p{N}+$/u.test(token)) {
      if (names?.postings.has(token)) numbers.push(token);
      continue;
    }
    if (FILLER.has(token) || (notContent && isOneOf(notContent, token))) {
      // A word that is filler in a question may still be part of a name ("Assorted Colour
      // Mini Cases"): a rare title word counts towards names, never towards the search.
      const key = wordKey(token);
      const df = names?.df.get(key) ?? 0;
      if (names && token.length >= 4 && df > 0 && df <= names.size * RARE_FILLER_SHARE) named.push(key);
      continue;
    }
    for (const part of token.includes("-") && !(names?.df.has(wordKey(token)) ?? false) ? token.split("-") : [token]) {
      if (part && !FILLER.has(part) && !(notContent && isOneOf(notContent, part)))
        all.push({ text: part, key: wordKey(part) });
    }
  }
  const described = all.filter((w) => !colours.has(w.text) && !sizes.has(w.text));
  // Beside words the catalog knows, an unknown word counts only where it qualifies one
  // ("playstation games": a kind the shop may not sell); elsewhere it is talk around the
  // request ("umbrellas? its always raining here") and searching for it would find nothing.
  const search =
    names && described.some((w) => names.df.has(w.key))
      ? described.filter((w, i) => names.df.has(w.key) || names.df.has(described[i + 1]?.key ?? ""))
      : described;
  const catalog = names ? search.filter((w) => names.df.has(w.key)) : search;
  // Every word the catalog lacks, those left out of the search too: they say whether the
  // message is about the catalog at all ("how long to spain?" is not a search for "long").
  const unknown = names ? described.filter((w) => !names.df.has(w.key)) : [];
  return {
    all: [...all.map((w) => w.key), ...numbers],
    nameHints: named,
    text: search.length ? search.map((w) => w.text).join(" ") : null,
    catalog: catalog.map((w) => w.key),
    unknown: unknown.map((w) => w.text),
    attributes: names
      ? catalog.filter((w) => names.tagStems.has(w.key) && !names.typeStems.has(w.key)).map((w) => w.key)
      : [],
  };
}

/** The product the words name; filler words that titles carry only settle a tie ("colour mini cases"). */
function nameIn(names: ProductNameIndex, words: NonNullable<Understanding["productWords"]>): NamedProduct {
  const named = namedProduct(names, words.all);
  if (named.kind === "one" || !words.nameHints?.length) return named;
  const hinted = namedProduct(names, [...words.all, ...words.nameHints]);
  return hinted.kind === "one" ? hinted : named;
}

/** What a message is read in: its language, when not English. */
export interface UnderstandOptions {
  /** A pack code ("fr"); entities are read with that language's words. Default English. */
  language?: string;
}

/**
 * An Understanding with the language it was read in and that language's own words for what
 * the dialogue tests with English patterns (shopper-words.ts): absent for English.
 */
export interface LanguageUnderstanding extends Understanding {
  language?: string;
  /** The language pack's "cheap" words ("pas cher", "billig", "barato"), for CHEAP's place. */
  cheapWords?: RegExp;
}

export function understand(
  classifier: IntentClassifier,
  reading: CatalogReading | CatalogVocabulary | null,
  text: string,
  state: ConversationState,
  options: UnderstandOptions = {},
): LanguageUnderstanding {
  const language = options.language && options.language !== "en" ? options.language : null;
  const catalog: CatalogReading =
    reading && "root" in reading
      ? { vocabulary: reading, names: null }
      : (reading ?? { vocabulary: null, names: null });
  // The shorthand is English texting ("u", "pls"); in another language those letters are words.
  const written = language ? text : expandShorthand(text);
  const corrected = catalog.correct?.(written);
  const read = corrected && corrected.corrections.length ? corrected.text : written;
  const prediction = classifier.classify(read);
  const expectingOrderNumber = state.pending?.kind === "order_number" || state.pending?.kind === "order_email";
  const found = extractEntities(read, catalog.vocabulary, {
    expectingOrderNumber,
    ...(language ? { language } : {}),
  });
  const entities = entitiesFrom(found, read);
  const productWords = productWordsOf(
    read,
    found,
    entities,
    catalog.names,
    language ? notContentWords(language) : undefined,
  );
  return {
    text: read,
    intent: prediction.intent,
    confidence: prediction.confidence,
    ranking: prediction.ranking,
    entities,
    correction: corrected && corrected.corrections.length ? { original: text, corrected: read } : null,
    productWords,
    named: catalog.names ? nameIn(catalog.names, productWords) : { kind: "none" },
    ...(language ? { language, cheapWords: languagePack(language).cheap } : {}),
  };
}
