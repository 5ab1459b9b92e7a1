import { z } from "zod";
import type { Db } from "../db.server";
import { decryptNullable, lookupHash, type KeyRing } from "../privacy/crypto.server";
import { BUILT_IN_SEGMENT_NAMES, BUILT_IN_SEGMENTS } from "../personalize/segments";
import { segmentDefinitions } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";
import { recommendationsFor } from "./service.server";
import type { Rule } from "./rules/schema";
import { STRATEGIES, type StrategyWeights } from "./types";

/**
 * What the Recommendations page reads besides the settings documents: the synced
 * customers and products its preview is run for, and the preview itself.
 */

export async function shopCurrency(db: Db, shop: string) {
  return (await db.shop.findUnique({ where: { domain: shop }, select: { currency: true } }))?.currency ?? "USD";
}

/**
 * The segments a rule can name: the built-in ones and the shop's own. A built-in segment
 * the merchant switched off stays nameable (a rule naming it simply does not apply), so
 * switching one off never makes saved rules invalid.
 */
export async function segmentOptions(db: Db, shop: string): Promise<{ id: string; name: string }[]> {
  const definitions = await readSetting(db, shop, segmentDefinitions, { currency: await shopCurrency(db, shop) });
  const disabled = new Set<string>(definitions.builtIn.disabled);
  return [
    ...BUILT_IN_SEGMENTS.map((id) => ({
      id,
      name: disabled.has(id) ? `${BUILT_IN_SEGMENT_NAMES[id]} (switched off)` : BUILT_IN_SEGMENT_NAMES[id],
    })),
    ...definitions.custom.map((segment) => ({ id: segment.id, name: segment.name })),
  ];
}

export const knownSegmentIds = async (db: Db, shop: string) => (await segmentOptions(db, shop)).map((s) => s.id);

export interface CustomerOption {
  /** Shopify's numeric customer id. */
  id: string;
  name: string;
  email: string | null;
}

const numericId = (gid: string) => gid.replace(/\D/g, "");

/** Decrypting names is the only way to search them; the newest this many are searched. */
export const CUSTOMERS_SEARCHED = 500;
const OPTIONS_SHOWN = 20;

/**
 * Synced customers matching a search. An email address is looked up by its keyed hash
 * (any customer, however many); other text is matched against the names and emails of
 * the newest CUSTOMERS_SEARCHED customers, decrypted here and never stored in clear.
 */
export async function searchCustomers(
  db: Db,
  keyRing: KeyRing,
  shop: string,
  query: string,
): Promise<CustomerOption[]> {
  const text = query.trim().toLowerCase();
  const select = { id: true, firstName: true, lastName: true, email: true } as const;
  const rows = text.includes("@")
    ? await db.customer.findMany({
        where: { shop, deletedAt: null, emailHash: lookupHash(keyRing, text) },
        select,
        take: OPTIONS_SHOWN,
      })
    : await db.customer.findMany({
        where: { shop, deletedAt: null },
        select,
        orderBy: { updatedAt: "desc" },
        take: CUSTOMERS_SEARCHED,
      });
  const options = rows.map((row) => {
    const name = [decryptNullable(keyRing, row.firstName), decryptNullable(keyRing, row.lastName)]
      .filter(Boolean)
      .join(" ");
    const email = decryptNullable(keyRing, row.email);
    return { id: numericId(row.id), name: name || email || `Customer ${numericId(row.id)}`, email };
  });
  const matching = text.includes("@")
    ? options
    : options.filter((o) => !text || o.name.toLowerCase().includes(text) || o.email?.toLowerCase().includes(text));
  return matching.slice(0, OPTIONS_SHOWN);
}

export interface ProductOption {
  id: string;
  title: string;
  vendor: string;
  productType: string;
}

/** Synced, live products whose title, vendor or type contains the search. */
export async function searchProducts(db: Db, shop: string, query: string): Promise<ProductOption[]> {
  const text = query.trim();
  const rows = await db.product.findMany({
    where: {
      shop,
      deletedAt: null,
      status: "ACTIVE",
      ...(text
        ? { OR: [{ title: { contains: text } }, { vendor: { contains: text } }, { productType: { contains: text } }] }
        : {}),
    },
    select: { id: true, title: true, vendor: true, productType: true },
    orderBy: { title: "asc" },
    take: OPTIONS_SHOWN,
  });
  return rows;
}

export const PreviewTargetSchema = z.object({
  customerId: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, { error: "Choose a customer from the list." })
    .nullable()
    .default(null),
  productId: z
    .string()
    .trim()
    .regex(/^gid:\/\/shopify\/Product\/\d+$/, { error: "Choose a product from the list." })
    .nullable()
    .default(null),
});
export type PreviewTarget = z.infer<typeof PreviewTargetSchema>;

export interface PreviewItem {
  productId: string;
  title: string;
  vendor: string;
  productType: string;
  tags: string[];
  price: number;
  strategy: string;
  reason: string;
  rules: { rule: string; action: string }[];
}

export const PREVIEW_LIMIT = 8;

/**
 * What a shopper would be recommended with these rules and weights: as the given
 * customer (their history and segments used, as if they had consented) on the given
 * product's page, or as an anonymous visitor on the home page.
 */
export async function previewRecommendations(
  db: Db,
  shop: string,
  { rules, weights, target }: { rules: Rule[]; weights: StrategyWeights; target: PreviewTarget },
): Promise<{ items: PreviewItem[]; segments: string[] }> {
  const { items, segments } = await recommendationsFor(db, shop, {
    customerId: target.customerId,
    personalization: target.customerId !== null,
    currentProductId: target.productId,
    pageType: target.productId ? "product" : "home",
    rules,
    weights,
    limit: PREVIEW_LIMIT,
  });
  return {
    segments,
    items: items.map((item) => ({
      productId: item.product.id,
      title: item.product.title,
      vendor: item.product.vendor,
      productType: item.product.productType,
      tags: item.product.tags,
      price: item.variant.price,
      strategy: item.strategy,
      reason: item.reason.text,
      rules: item.appliedRules ?? [],
    })),
  };
}

/** Strategy weights from the form: every strategy a number from 0 to 10. */
export const WeightsSchema = z.strictObject(
  Object.fromEntries(
    STRATEGIES.map((s) => [
      s,
      z
        .number({ error: `The weight of ‘${s}’ must be a number from 0 to 10.` })
        .min(0, { error: `The weight of ‘${s}’ must be 0 or more.` })
        .max(10, { error: `The weight of ‘${s}’ can be at most 10.` }),
    ]),
  ) as Record<(typeof STRATEGIES)[number], z.ZodNumber>,
);
