import type { Db } from "../db.server";
import type { CatalogSnapshot } from "../catalog/snapshot.server";
import type { ConversationState } from "./contract";
import type { Entities, Understanding } from "./dialogue";
import type { IntentClassifier } from "./nlu/classifier";
import { buildCatalogVocabulary, extractEntities, type CatalogVocabulary, type Entity } from "./nlu/entities";
import { createShopIntentClassifier } from "./nlu/shop-classifier";

/**
 * From a message to an Understanding: the shop's intent classifier (built-in examples plus
 * the merchant's phrases), entities (with the shop's catalog vocabulary) and countries.
 *
 * The built-in classifier trains once per process, in the background as soon as this
 * module loads (about a second), so the first chat does not wait; a shop with its own
 * phrases gets its own classifier, retrained when they change.
 */

let builtIn: IntentClassifier | null = null;
export function builtInClassifier(): IntentClassifier {
  builtIn ??= createShopIntentClassifier();
  return builtIn;
}
if (process.env.NODE_ENV !== "test") setTimeout(() => builtInClassifier(), 0).unref?.();

const shopClassifiers = new Map<string, { version: string; classifier: IntentClassifier; checkedAt: number }>();
const CHECK_EVERY_MS = 10_000;

export async function classifierFor(db: Db, shop: string, now = Date.now()): Promise<IntentClassifier> {
  const entry = shopClassifiers.get(shop);
  if (entry && now - entry.checkedAt < CHECK_EVERY_MS) return entry.classifier;
  const stats = await db.intentPhrase.aggregate({ where: { shop }, _count: { _all: true }, _max: { createdAt: true } });
  const version = `${stats._count._all}:${stats._max.createdAt?.getTime() ?? 0}`;
  if (entry && entry.version === version) {
    entry.checkedAt = now;
    return entry.classifier;
  }
  // A shop without phrases of its own is remembered too, so its turns skip the query.
  if (stats._count._all === 0) {
    shopClassifiers.set(shop, { version, classifier: builtInClassifier(), checkedAt: now });
    return builtInClassifier();
  }
  const phrases = await db.intentPhrase.findMany({ where: { shop }, select: { text: true, intent: true }, take: 2000 });
  const classifier = createShopIntentClassifier(phrases);
  shopClassifiers.set(shop, { version, classifier, checkedAt: now });
  if (shopClassifiers.size > 500) shopClassifiers.delete(shopClassifiers.keys().next().value!);
  return classifier;
}

/** After a merchant changes their phrases: the next turn on this instance retrains at once. */
export function forgetClassifier(shop: string) {
  shopClassifiers.delete(shop);
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

// Country names from the runtime's own CLDR data (every ISO 3166 region), plus the names
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
  const display = new Intl.DisplayNames(["en"], { type: "region" });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      let name: string | undefined;
      try {
        name = display.of(code);
      } catch {
        name = undefined;
      }
      if (name && name !== code) names.set(name.toLowerCase(), name);
    }
  }
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

export function findCountries(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.slice(0, 2000).matchAll(COUNTRY_PATTERN)) {
    const word = match[0];
    // "us" and "eu" as countries only when written as such ("US", "EU"), not "tell us".
    if ((word === "us" || word === "Us" || word === "eu") && word !== word.toUpperCase()) continue;
    const name = COUNTRY_NAMES.get(word.toLowerCase());
    if (name) found.add(name);
  }
  return [...found];
}

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

export function understand(
  classifier: IntentClassifier,
  vocabulary: CatalogVocabulary | null,
  text: string,
  state: ConversationState,
): Understanding {
  const prediction = classifier.classify(text);
  const expectingOrderNumber = state.pending?.kind === "order_number" || state.pending?.kind === "order_email";
  const entities = entitiesFrom(extractEntities(text, vocabulary, { expectingOrderNumber }), text);
  return { text, intent: prediction.intent, confidence: prediction.confidence, ranking: prediction.ranking, entities };
}
