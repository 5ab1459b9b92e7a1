import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { chat } from "~/conversations/chat.server";
import { addPersonReply } from "~/conversations/conversations.server";
import { llmProvider, privacySettings } from "~/settings/definitions.server";
import { writeSetting } from "~/settings/store.server";
import { encrypt } from "~/privacy/crypto.server";
import { keyRing } from "~/privacy/keys.server";
import { enforceRetention } from "~/privacy/retention.server";
import { runFullSync } from "~/sync/full-sync.server";
import { legacyId } from "../../tests/fake-shopify/store";
import {
  collectionPayload,
  customerPayload,
  orderPayload,
  productPayload,
  seedShop,
} from "../../tests/factories/catalog";
import { chatGet, chatPost, idempotencyKey, openChat } from "../../tests/support/chat";
import { demoPolicies } from "../../tests/factories/demo-store";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { adminRequest, call, webhook } from "../../tests/support/requests";
import { readCustomerExport, shopScopedTables } from "./compliance.server";

/**
 * Tenant isolation, table by table: shop A holds rows in every shop-scoped table; shop B,
 * with its own valid signatures, sends A's ids to every storefront endpoint, every
 * webhook route, the admin routes and the modules that take an id. Afterwards every one
 * of A's rows is exactly as it was, and nothing B received names A's data. The tables
 * come from `shopScopedTables`, so a new table is covered, and fails here until A's
 * set-up puts a row in it.
 */

const fake = useFakeShopify();

// Every webhook route, found by name, so a new topic is attacked too.
const webhookRoutes = import.meta.glob<{ action: (args: unknown) => Promise<Response> }>("../routes/webhooks.*.tsx", {
  eager: true,
});

// Every admin page, likewise.
type Handler = (args: unknown) => Promise<unknown>;
const adminRoutes = import.meta.glob<{ loader?: Handler; action?: Handler }>(
  ["../routes/app.*.tsx", "!../routes/*.test.tsx"],
  { eager: true },
);

const A_SECRET_TEXT = "Shop A private question about parcel 7731";
const A_EMAIL = "a.private.shopper@example.org";

async function snapshot(shop: string) {
  const tables: Record<string, string> = {};
  for (const { model, column } of shopScopedTables) {
    const delegate = db[model] as unknown as { findMany(args: object): Promise<unknown[]> };
    const rows = await delegate.findMany({ where: { [column]: shop } });
    tables[model] = JSON.stringify(
      rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? String(v) : v))).sort(),
    );
  }
  return tables;
}

async function shopA() {
  const { domain, fakeShop } = await installShop(fake, {
    name: "Shop A Private Name",
    policies: demoPolicies("a.example"),
    locales: ["en", "fr"],
  });
  const { products } = seedShop(fakeShop, { products: 6, collections: 2, customers: 3, orders: 5 });
  // A merchant's translation, synced like the rest.
  fakeShop.translations.set(products[0].id, [{ locale: "fr", key: "title", value: "Titre privé de A" }]);
  expect((await runFullSync(db, domain, { pollMs: 10, maxPollMs: 50 })).status).toBe("completed");
  const customer = [...fakeShop.customers.values()][0];
  const customerId = legacyId(customer.id);
  const shopper = { shop: domain, customerId };
  const session = await openChat(shopper);
  const sent = await chatPost(
    "messages",
    { ...session, idempotencyKey: idempotencyKey(), text: A_SECRET_TEXT, consent: true },
    shopper,
  );
  expect(sent.status).toBe(200);
  await chatPost(
    "events",
    { visitorToken: session.visitorToken, consent: true, events: [{ type: "view", productId: "1" }] },
    shopper,
  );
  await chatPost("preferences", { visitorToken: session.visitorToken, trackingOff: false }, shopper);
  await db.conversation.update({ where: { id: session.conversationId }, data: { status: "waiting" } });
  await chatPost("handoff-email", { ...session, email: A_EMAIL }, shopper);
  // What the merchant teaches and sets in the admin.
  await db.faqEntry.create({ data: { shop: domain, question: "Gift wrap?", answer: "Yes, £2." } });
  await db.intentPhrase.create({ data: { shop: domain, text: "are you open sundays", intent: "store_info" } });
  await db.assistantSettings.create({ data: { shop: domain, greeting: "Welcome to shop A" } });
  await db.experimentEvent.create({
    data: {
      shop: domain,
      experimentId: "exp-a",
      variantId: "a",
      visitorId: "visitor-a",
      type: "exposure",
      occurredAt: new Date(),
    },
  });
  await db.banditArm.create({
    data: { shop: domain, context: "new", arm: "popular", alpha: 1.1, beta: 1.9, pulls: 1, updatedAt: new Date() },
  });
  await db.banditPull.create({
    data: { shop: domain, visitorId: "visitor-a", context: "new", arm: "popular", pulledAt: new Date() },
  });
  await writeSetting(db, domain, privacySettings, {
    requireConsent: true,
    retentionDays: 30,
    disclosure: null,
    redactTranscripts: true,
  });
  await writeSetting(db, domain, llmProvider, {
    enabled: true,
    baseUrl: "https://llm.example.com/v1",
    model: "m",
    apiKeySealed: encrypt(keyRing, "sk-shop-a-secret-key"),
    timeoutMs: 8000,
  });
  // A processed webhook and a data request in the ledger.
  const dataRequest = webhookRoutes["../routes/webhooks.customers.data_request.tsx"].action;
  await call(dataRequest, webhook("customers/data_request", domain, { customer: { id: Number(customerId) } }));
  const request = await db.dataRequest.findFirstOrThrow({ where: { shop: domain } });
  const reply = await db.message.findFirstOrThrow({ where: { shop: domain, role: "assistant" } });
  return { domain, fakeShop, customer, customerId, session, reply, dataRequestId: request.id };
}

describe("tenant isolation", () => {
  it("GIVEN shop A with a row in every shop-scoped table WHEN shop B sends A's ids to every storefront endpoint, webhook, admin route and module THEN none of A's rows is read, changed or deleted", async () => {
    const a = await shopA();
    const before = await snapshot(a.domain);
    // Every table is really covered: A has rows in each.
    const empty = Object.entries(before)
      .filter(([, rows]) => rows === "[]")
      .map(([model]) => model);
    expect(empty, "tables without a row of shop A: add them to this test's set-up").toEqual([]);

    const { domain: b, fakeShop: fakeB } = await installShop(fake);
    const bodies: string[] = [];
    const keep = (value: unknown) => bodies.push(JSON.stringify(value));
    const asB = { shop: b, customerId: a.customerId };
    const aIds = { conversationId: a.session.conversationId, visitorToken: a.session.visitorToken };

    // Storefront, signed for B, carrying A's conversation, visitor token and message ids.
    const resumed = await chatPost("session", aIds, asB);
    keep(resumed.json);
    expect(resumed.status).toBe(200);
    expect(resumed.json.conversation.id).not.toBe(a.session.conversationId);
    expect(resumed.json.messages).toEqual([]);
    for (const [endpoint, body] of [
      ["messages", { ...aIds, idempotencyKey: idempotencyKey(), text: "take over" }],
      ["feedback", { ...aIds, messageId: a.reply.id, value: "down" }],
      ["feedback", { ...aIds, rating: 1 }],
      ["handoff-email", { ...aIds, email: "eve@example.com" }],
    ] as const) {
      const response = await chatPost(endpoint, body, asB);
      keep(response.json);
      expect(response.status, endpoint).toBe(404);
    }
    const history = await chatGet("messages", { conversation: aIds.conversationId, visitor: aIds.visitorToken }, asB);
    keep(history.json);
    expect(history.status).toBe(404);
    keep(
      await chatPost(
        "events",
        { visitorToken: aIds.visitorToken, consent: true, events: [{ type: "view", productId: "1" }] },
        asB,
      ),
    );
    keep(await chatPost("preferences", { visitorToken: aIds.visitorToken, trackingOff: true }, asB));

    // Modules that take an id from a request.
    await expect(
      addPersonReply(chat, b, {
        conversationId: a.session.conversationId,
        text: "hijack",
        idempotencyKey: idempotencyKey(),
      }),
    ).rejects.toThrow();
    expect(await readCustomerExport(db, b, a.dataRequestId)).toBeNull();
    await enforceRetention(db, b);

    // The embedded admin, as B's staff.
    expect(Object.keys(adminRoutes).length).toBeGreaterThan(0);
    for (const [file, route] of Object.entries(adminRoutes)) {
      const path = `/${file
        .replace(/^.*routes\/(.+)\.tsx$/, "$1")
        .replace(/\./g, "/")
        .replace("/_index", "")}`;
      for (const [handler, method] of [
        [route.loader, "GET"],
        [route.action, "POST"],
      ] as const) {
        if (!handler) continue;
        const body =
          method === "POST"
            ? new URLSearchParams({ id: a.dataRequestId, conversationId: aIds.conversationId })
            : undefined;
        const response = (await call(handler, adminRequest(path, { shop: b, method, body }))) as Response | object;
        keep(response instanceof Response ? await response.text() : response);
      }
    }

    // Every webhook route, signed for B, naming A's records.
    const product = [...a.fakeShop.products.values()][0];
    const order = [...a.fakeShop.orders.values()][0];
    const collection = [...a.fakeShop.collections.values()][0];
    const aBulkOperation = (await db.syncRun.findFirst({ where: { shop: a.domain } }))?.bulkOperationId;
    const payloadFor = (topic: string): unknown => {
      if (topic.startsWith("products/")) return productPayload(product);
      if (topic.startsWith("collections/") && collection) return collectionPayload(collection);
      if (topic.startsWith("orders/")) return orderPayload(a.fakeShop, order);
      if (topic === "customers/redact")
        return {
          customer: { id: Number(a.customerId), email: a.customer.email },
          orders_to_redact: [Number(legacyId(order.id))],
        };
      if (topic === "customers/data_request")
        return { customer: { id: Number(a.customerId), email: a.customer.email }, orders_requested: [] };
      if (topic.startsWith("customers/")) return customerPayload(a.customer);
      if (topic === "bulk_operations/finish")
        return {
          admin_graphql_api_id: aBulkOperation ?? "gid://shopify/BulkOperation/1",
          status: "completed",
          type: "query",
          error_code: null,
          created_at: new Date().toISOString(),
          completed_at: new Date().toISOString(),
        };
      if (topic === "app/scopes_update") return { id: 1, previous: [], current: ["read_products"] };
      if (topic === "shop/redact") return { shop_id: fakeB.numericId, shop_domain: b };
      return { id: Number(legacyId(product.id)), admin_graphql_api_id: product.id, shop_domain: b };
    };
    // Erasing B itself goes last, after everything else B could try.
    const topics = Object.keys(webhookRoutes)
      .map((file) => file.replace(/^.*webhooks\.(.+)\.tsx$/, "$1"))
      .map((name) => name.replace(".", "/"))
      .sort(
        (x, y) =>
          Number(x === "shop/redact" || x === "app/uninstalled") -
          Number(y === "shop/redact" || y === "app/uninstalled"),
      );
    expect(topics.length).toBeGreaterThanOrEqual(20);
    for (const topic of topics) {
      const handler = webhookRoutes[`../routes/webhooks.${topic.replace("/", ".")}.tsx`].action;
      const response = (await call(handler, webhook(topic, b, payloadFor(topic)))) as Response;
      expect(response.status, topic).toBeLessThan(500);
    }

    const after = await snapshot(a.domain);
    for (const { model } of shopScopedTables) expect(after[model], model).toBe(before[model]);
    const leaked = bodies.join("\n");
    for (const marker of [A_SECRET_TEXT, A_EMAIL, "Welcome to shop A", "Shop A Private Name", a.customer.email!]) {
      expect(leaked, marker).not.toContain(marker);
    }
  });
});
