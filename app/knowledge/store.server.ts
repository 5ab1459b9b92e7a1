import type { Db } from "../db.server";
import { faqPassage, policyPassages, type Passage } from "./passages";
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

export async function knowledgeFor(db: Db, shop: string, now = Date.now()): Promise<KnowledgeSnapshot> {
  const entry = cache.get(shop);
  if (entry && now - entry.checkedAt < CHECK_EVERY_MS) return entry.snapshot;
  const version = await versionOf(db, shop);
  if (entry && entry.snapshot.version === version) {
    entry.checkedAt = now;
    return entry.snapshot;
  }
  const [policies, faq] = await Promise.all([
    db.shopPolicy.findMany({ where: { shop }, orderBy: { type: "asc" } }),
    db.faqEntry.findMany({ where: { shop }, orderBy: { createdAt: "asc" } }),
  ]);
  const passages = [
    ...policies
      .filter((p) => p.body.trim())
      .flatMap((p) => policyPassages({ type: p.type, title: p.title, body: p.body, url: p.url || null })),
    ...faq.map(faqPassage),
  ];
  const snapshot: KnowledgeSnapshot = {
    passages,
    index: buildKnowledgeIndex(passages),
    policyUrls: new Map(policies.map((p) => [p.type, { title: p.title, url: p.url || null }])),
    version,
  };
  cache.set(shop, { snapshot, checkedAt: now });
  if (cache.size > 100) cache.delete(cache.keys().next().value!);
  return snapshot;
}

export function forgetKnowledge(shop: string) {
  cache.delete(shop);
}
