import type { Db } from "../db.server";
import {
  loadTranslations,
  shopLocales,
  translationLocaleFor,
  translationsVersion,
} from "../catalog/translations.server";
import { faqPassage, policyPassages, type Passage } from "./passages";
import { localizedPolicyTitle } from "./policy-titles";
import { buildKnowledgeIndex, type KnowledgeIndex } from "./retrieval";

/**
 * A shop's knowledge (synced policies and the merchant's FAQ entries) as passages with a
 * search index, cached and refreshed like the catalog snapshot: one cheap version query
 * at most every few seconds.
 */

export interface KnowledgeSnapshot {
  passages: Passage[];
  index: KnowledgeIndex;
  /** Policy URLs by type, for "see our refund policy" links. */
  policyUrls: Map<string, { title: string; url: string | null }>;
  version: string;
  /** The shop locale whose policy translations this snapshot shows, or absent for the shop's own text. */
  locale?: string;
}

export interface KnowledgeOptions {
  /**
   * The shopper's locale: policy passages come from the merchant's translation of each
   * policy into it where there is one, in the primary language otherwise (marked
   * `untranslated`, as FAQ entries are, which have one language).
   */
  locale?: string | null;
}

const CHECK_EVERY_MS = 5_000;
const cache = new Map<string, { snapshot: KnowledgeSnapshot; checkedAt: number }>();

async function versionOf(db: Db, shop: string) {
  const [policies, faq] = await Promise.all([
    db.shopPolicy.aggregate({ where: { shop }, _max: { syncedAt: true }, _count: { _all: true } }),
    db.faqEntry.aggregate({ where: { shop }, _max: { updatedAt: true }, _count: { _all: true } }),
  ]);
  return [
    policies._max.syncedAt?.getTime() ?? 0,
    policies._count._all,
    faq._max.updatedAt?.getTime() ?? 0,
    faq._count._all,
  ].join(":");
}

export async function knowledgeFor(
  db: Db,
  shop: string,
  now = Date.now(),
  options: KnowledgeOptions = {},
): Promise<KnowledgeSnapshot> {
  const requested = options.locale?.trim().toLowerCase() || "";
  const key = requested ? `${shop}|${requested}` : shop;
  const entry = cache.get(key);
  if (entry && now - entry.checkedAt < CHECK_EVERY_MS) return entry.snapshot;
  const locale = requested ? translationLocaleFor(requested, await shopLocales(db, shop)) : null;
  const version =
    (await versionOf(db, shop)) + (locale ? `|${locale}:${await translationsVersion(db, shop, locale)}` : "");
  if (entry && entry.snapshot.version === version) {
    entry.checkedAt = now;
    return entry.snapshot;
  }
  const [policies, faq, translations] = await Promise.all([
    db.shopPolicy.findMany({ where: { shop }, orderBy: { type: "asc" } }),
    db.faqEntry.findMany({ where: { shop }, orderBy: { createdAt: "asc" } }),
    locale ? loadTranslations(db, shop, locale, "SHOP_POLICY") : null,
  ]);
  const titles = new Map<string, string>();
  const passages = [
    ...policies.flatMap((p) => {
      const body = p.policyId ? translations?.get(p.policyId)?.get("body")?.value : undefined;
      // Shopify's policy titles are its own standard names, not merchant text to translate.
      const title = (body && locale && localizedPolicyTitle(p.type, locale)) || p.title;
      titles.set(p.type, title);
      const text = body ?? p.body;
      if (!text.trim()) return [];
      const found = policyPassages({ type: p.type, title, body: text, url: p.url || null });
      return locale && !body ? found.map((passage) => ({ ...passage, untranslated: true })) : found;
    }),
    ...faq.map((entry) => (locale ? { ...faqPassage(entry), untranslated: true } : faqPassage(entry))),
  ];
  const snapshot: KnowledgeSnapshot = {
    passages,
    index: buildKnowledgeIndex(passages),
    policyUrls: new Map(policies.map((p) => [p.type, { title: titles.get(p.type) ?? p.title, url: p.url || null }])),
    version,
    ...(locale ? { locale } : {}),
  };
  cache.set(key, { snapshot, checkedAt: now });
  if (cache.size > 100) cache.delete(cache.keys().next().value!);
  return snapshot;
}

export function forgetKnowledge(shop: string) {
  for (const key of [...cache.keys()]) if (key === shop || key.startsWith(`${shop}|`)) cache.delete(key);
}
