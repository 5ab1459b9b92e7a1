import { z } from "zod";
import type { Prisma } from "../db/generated/sqlite/client";
import type { Db } from "../db.server";
import { chatCustomerData } from "../conversations/privacy.server";
import { experimentCustomerData } from "../experiments/privacy.server";
import { syncedCustomerData } from "../sync/privacy.server";
import { decrypt, encrypt } from "./crypto.server";
import { keyRing } from "./keys.server";

/**
 * Every table that holds a shop's data, with the column that names the shop.
 * `shop/redact` empties each of them for that shop; a test fails when a model is
 * added to the schema without being listed here.
 */
export const shopScopedTables = [
  { model: "session", column: "shop" },
  { model: "webhookEvent", column: "shop" },
  { model: "dataRequest", column: "shop" },
  { model: "shop", column: "domain" },
  // Synced from Shopify (app/sync/).
  { model: "product", column: "shop" },
  { model: "productVariant", column: "shop" },
  { model: "productImage", column: "shop" },
  { model: "collection", column: "shop" },
  { model: "productCollection", column: "shop" },
  { model: "customer", column: "shop" },
  { model: "order", column: "shop" },
  { model: "orderLineItem", column: "shop" },
  { model: "shopPolicy", column: "shop" },
  { model: "shopTranslation", column: "shop" },
  { model: "syncRun", column: "shop" },
  // Taught by the merchant (app/knowledge, app/assistant).
  { model: "faqEntry", column: "shop" },
  { model: "intentPhrase", column: "shop" },
  { model: "shopSetting", column: "shop" },
  // Storefront chat (app/conversations/). Messages go before their conversations.
  { model: "message", column: "shop" },
  { model: "conversation", column: "shop" },
  { model: "behaviourEvent", column: "shop" },
  { model: "shopperPreference", column: "shop" },
  { model: "assistantSettings", column: "shop" },
  // Experiments (app/experiments/store.server.ts).
  { model: "experimentEvent", column: "shop" },
  // The recommendation bandit (app/experiments/bandit.server.ts).
  { model: "banditArm", column: "shop" },
  { model: "banditPull", column: "shop" },
] as const;

/** The customer named by a compliance webhook. */
export const customerRefSchema = z.object({
  id: z.coerce.string(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});
export type CustomerRef = z.infer<typeof customerRefSchema> & { orderIds: string[] };

/**
 * A place where the app keeps data about a shop's customers. Each capability that
 * stores such data adds its source to `customerDataSources`, so an export is complete
 * and an erasure leaves nothing behind.
 */
export interface CustomerDataSource {
  name: string;
  collect(db: Db, shop: string, customer: CustomerRef): Promise<unknown[]>;
  erase(db: Db, shop: string, customer: CustomerRef): Promise<number>;
}

export const customerDataSources: CustomerDataSource[] = [
  syncedCustomerData(() => keyRing),
  // Before the chat's source: it finds the visitors through conversations the chat's erases.
  experimentCustomerData(),
  chatCustomerData(keyRing),
];

export const dataRequestPayloadSchema = z.object({
  customer: customerRefSchema,
  orders_requested: z.array(z.coerce.string()).default([]),
  data_request: z.object({ id: z.coerce.string() }).optional(),
});

export const customerRedactPayloadSchema = z.object({
  customer: customerRefSchema,
  orders_to_redact: z.array(z.coerce.string()).default([]),
});

export interface CustomerExport {
  shop: string;
  customer: { id: string };
  generatedAt: string;
  sources: Record<string, unknown[]>;
}

export async function collectCustomerData(db: Db, shop: string, customer: CustomerRef): Promise<CustomerExport> {
  const sources: Record<string, unknown[]> = {};
  for (const source of customerDataSources) {
    sources[source.name] = await source.collect(db, shop, customer);
  }
  return { shop, customer: { id: customer.id }, generatedAt: new Date().toISOString(), sources };
}

/**
 * `customers/data_request`: gather everything and keep it for the merchant. The export
 * is personal data in bulk, so it is stored sealed like the values it was built from.
 */
export async function handleCustomerDataRequest(db: Db, shop: string, payload: unknown) {
  const parsed = dataRequestPayloadSchema.parse(payload);
  const customer = { ...parsed.customer, orderIds: parsed.orders_requested };
  const data = await collectCustomerData(db, shop, customer);
  return db.dataRequest.create({
    data: {
      shop,
      customerId: customer.id,
      requestId: parsed.data_request?.id ?? null,
      payload: encrypt(keyRing, JSON.stringify(data)),
    },
  });
}

/** A stored export, opened, for the merchant to download; null when it is not this shop's. */
export async function readCustomerExport(db: Db, shop: string, id: string): Promise<CustomerExport | null> {
  const row = await db.dataRequest.findFirst({ where: { id, shop } });
  return row ? (JSON.parse(decrypt(keyRing, row.payload)) as CustomerExport) : null;
}

/** `customers/redact`: erase the customer from every source. Returns rows erased. */
export async function redactCustomer(db: Db, shop: string, payload: unknown): Promise<number> {
  const parsed = customerRedactPayloadSchema.parse(payload);
  const customer = { ...parsed.customer, orderIds: parsed.orders_to_redact };
  let erased = (await db.dataRequest.deleteMany({ where: { shop, customerId: customer.id } })).count;
  for (const source of customerDataSources) {
    erased += await source.erase(db, shop, customer);
  }
  return erased;
}

/** `shop/redact`: every row of the shop, in every table, in one transaction. */
export async function redactShop(db: Db, shop: string) {
  await db.$transaction(
    shopScopedTables.map(({ model, column }) => {
      const delegate = db[model] as unknown as { deleteMany(args: object): Prisma.PrismaPromise<unknown> };
      return delegate.deleteMany({ where: { [column]: shop } });
    }),
  );
}
