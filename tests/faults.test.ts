import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { chat } from "~/conversations/chat.server";
import type { ChatDeps } from "~/conversations/conversations.server";
import { db, type Db } from "~/db.server";
import { PrismaClient as PgClient } from "~/db/generated/postgresql/client";
import { PrismaClient as SqliteClient } from "~/db/generated/sqlite/client";
import { action as sendAction } from "~/routes/apps.assistant.messages";
import { action as productsUpdate } from "~/routes/webhooks.products.update";
import { action as customersCreate } from "~/routes/webhooks.customers.create";
import { action as uninstalled } from "~/routes/webhooks.app.uninstalled";
import { buildCustomer, buildProduct, customerPayload, productPayload } from "./factories/catalog";
import { uniqueShopDomain } from "./factories/shops";
import { idempotencyKey, openChat } from "./support/chat";
import { useFakeShopify } from "./support/fake-shopify";
import { installShop } from "./support/install";
import { call, proxyRequest, webhook } from "./support/requests";

const fake = useFakeShopify();
const clients: { $disconnect(): Promise<void> }[] = [];
afterAll(async () => {
  for (const client of clients) await client.$disconnect().catch(() => undefined);
});

/** A Prisma client for a PostgreSQL server that is not there (nothing listens on port 1). */
function unreachableDb(): Db {
  const client = new PgClient({
    adapter: new PrismaPg({ connectionString: "postgres://postgres@127.0.0.1:1/gone", connectionTimeoutMillis: 500 }),
  });
  clients.push(client);
  return client as unknown as Db;
}

/**
 * The test's own database behind a driver that loses its connection on the statement
 * that stores the assistant's reply: the middle of a chat turn's write, after the
 * shopper's message was inserted in the same transaction.
 */
function dbThatFailsMidTurn(): { db: Db; failures: () => number } {
  let failures = 0;
  const fail = (sql: string) => {
    // `INSERT INTO main.Message (…, replyToId, …)` (SQLite) or `INSERT INTO "public"."Message" (…, "replyToId", …)`.
    if (/^INSERT\s+INTO\s+\S*Message\W[^)]*replyToId/i.test(sql)) {
      failures += 1;
      throw new Error("Connection terminated unexpectedly");
    }
  };
  const url = process.env.DATABASE_URL!;
  const real = url.startsWith("file:")
    ? new PrismaBetterSQLite3({ url, timeout: 5000 })
    : new PrismaPg({ connectionString: url });
  type AnyFunction = (...args: unknown[]) => Promise<unknown>;
  const wrapQueryable = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver) as AnyFunction;
        if (property === "queryRaw" || property === "executeRaw") {
          return async (query: { sql: string }) => {
            fail(query.sql);
            return value.call(object, query);
          };
        }
        if (property === "startTransaction") {
          return async (...args: unknown[]) => wrapQueryable((await value.apply(object, args)) as object);
        }
        return typeof value === "function" ? value.bind(object) : value;
      },
    });
  const adapter = new Proxy(real, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver) as AnyFunction;
      if (property === "connect") return async () => wrapQueryable((await value.call(object)) as object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
  const client = url.startsWith("file:")
    ? new SqliteClient({ adapter: adapter as PrismaBetterSQLite3 })
    : new PgClient({ adapter: adapter as PrismaPg });
  clients.push(client);
  return { db: client as unknown as Db, failures: () => failures };
}

/** The widget's send, through the route, with the chat's dependencies given by the server's context. */
async function send(shop: string, deps: ChatDeps, body: Record<string, unknown>) {
  const request = proxyRequest("/apps/assistant/messages", {
    shop,
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", "X-Forwarded-For": `192.0.2.${Math.floor(Math.random() * 250)}` },
  });
  const response = (await sendAction({ request, params: {}, context: { chat: deps } })) as Response;
  return { status: response.status, headers: response.headers, json: await response.json() };
}

describe("faults during a chat", () => {
  it("GIVEN the database is unreachable WHEN the shopper sends THEN they are asked to try again; WHEN the widget retries with the same key after it is back THEN the message is stored exactly once", async () => {
    const { domain } = await installShop(fake);
    const session = await openChat({ shop: domain });
    const body = { ...session, idempotencyKey: idempotencyKey(), text: "Do you ship to Spain?" };

    const down = await send(domain, { ...chat, db: unreachableDb() }, body);
    expect(down.status).toBe(503);
    expect(down.json.error.message).toMatch(/try again/i);
    expect(down.headers.get("Retry-After")).toBe("1");
    expect(JSON.stringify(down.json)).not.toMatch(/prisma|postgres|127\.0\.0\.1|ECONNREFUSED/i);

    const retried = await send(domain, chat, body);
    const again = await send(domain, chat, body);

    expect(retried.status).toBe(200);
    expect(again.json.replayed).toBe(true);
    expect(again.json.message.id).toBe(retried.json.message.id);
    expect(
      await db.message.count({ where: { shop: domain, conversationId: session.conversationId, role: "shopper" } }),
    ).toBe(1);
  });

  it("GIVEN the connection drops in the middle of a turn's write (message inserted, reply not) WHEN the widget retries with the same key THEN nothing half-stored was left and one shopper message and one reply are stored", async () => {
    const { domain } = await installShop(fake);
    const session = await openChat({ shop: domain });
    const body = { ...session, idempotencyKey: idempotencyKey(), text: "What is your returns policy?" };
    const flaky = dbThatFailsMidTurn();

    const first = await send(domain, { ...chat, db: flaky.db }, body);
    expect(flaky.failures()).toBe(1);
    expect(first.status).toBe(503);
    expect(first.json.error.message).toMatch(/try again/i);
    // One transaction: the shopper's message went with the reply, and the counter with both.
    expect(await db.message.count({ where: { conversationId: session.conversationId } })).toBe(0);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: session.conversationId } })).messageCount).toBe(0);

    const retried = await send(domain, chat, body);
    const again = await send(domain, chat, body);

    expect(retried.status).toBe(200);
    expect(retried.json.replayed).toBe(false);
    expect(retried.json.reply.role).toBe("assistant");
    expect(again.json.replayed).toBe(true);
    expect(again.json.reply.id).toBe(retried.json.reply.id);
    const rows = await db.message.findMany({
      where: { conversationId: session.conversationId },
      orderBy: { seq: "asc" },
    });
    expect(rows.map((r) => [r.role, r.turn])).toEqual([
      ["shopper", "answered"],
      ["assistant", null],
    ]);
  });
});

describe("webhooks for shops we do not serve", () => {
  it("GIVEN a webhook for a shop that never installed the app THEN 200 and nothing is written", async () => {
    const domain = uniqueShopDomain("stranger");
    const product = buildProduct();
    const customer = buildCustomer();

    for (const [handler, topic, payload] of [
      [productsUpdate, "products/update", productPayload(product)],
      [customersCreate, "customers/create", customerPayload(customer)],
    ] as const) {
      const response = (await call(handler, webhook(topic, domain, payload))) as Response;
      expect(response.status, topic).toBe(200);
    }
    expect(await db.product.count({ where: { shop: domain } })).toBe(0);
    expect(await db.customer.count({ where: { shop: domain } })).toBe(0);
    expect(await db.webhookEvent.count({ where: { shop: domain } })).toBe(0);
    expect(await db.shop.count({ where: { domain } })).toBe(0);
  });

  it("GIVEN a webhook for a shop that uninstalled THEN 200 and nothing is written", async () => {
    const { domain } = await installShop(fake);
    await call(uninstalled, webhook("app/uninstalled", domain, {}));
    const product = buildProduct();

    const response = (await call(
      productsUpdate,
      webhook("products/update", domain, productPayload(product)),
    )) as Response;

    expect(response.status).toBe(200);
    expect(await db.product.count({ where: { shop: domain } })).toBe(0);
    expect(await db.webhookEvent.count({ where: { shop: domain, topic: "products/update" } })).toBe(0);
  });
});
