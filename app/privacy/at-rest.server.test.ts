import { existsSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { action as dataRequest } from "~/routes/webhooks.customers.data_request";
import { runFullSync } from "~/sync/full-sync.server";
import { addCustomer, addOrder, buildCustomer, buildOrder, seedShop } from "../../tests/factories/catalog";
import { chatPost, idempotencyKey, openChat } from "../../tests/support/chat";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { call, webhook } from "../../tests/support/requests";
import { sealedColumns } from "./rotate.server";

const fake = useFakeShopify();
const sqliteFile = process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL.slice(5) : null;

// Distinctive values: finding one of them in the file can only mean it was stored in clear.
const PERSON = {
  firstName: "Zephyrine",
  lastName: "Quillfeather",
  email: "zephyrine.quillfeather@example.org",
  phone: "+447700900461",
};
const CHAT_TEXT = "Hello, I am Zephyrine Quillfeather and my parcel never came";
const HANDOFF_EMAIL = "zq.handoff@example.net";
const GIFT_NOTE = "Happy birthday Marguerite Oyelaran";

/** The database's bytes as SQLite keeps them: the main file and its write-ahead log. */
function rawBytes(file: string) {
  const parts = [readFileSync(file)];
  if (existsSync(`${file}-wal`)) parts.push(readFileSync(`${file}-wal`));
  return Buffer.concat(parts);
}

describe.skipIf(!sqliteFile)("personal data at rest (the SQLite file itself)", () => {
  it("GIVEN an installed shop synced with customers and orders, a chat naming the shopper, a handoff email and a data request WHEN the raw database file and its WAL are read THEN no email, name, phone, message or order note appears in clear", async () => {
    const { domain, fakeShop, accessToken } = await installShop(fake);
    seedShop(fakeShop, { products: 6, customers: 4, orders: 6 });
    const person = addCustomer(fakeShop, buildCustomer(PERSON));
    const product = [...fakeShop.products.values()][0];
    const order = addOrder(
      fakeShop,
      buildOrder(fakeShop, {
        customer: person,
        lines: [{ product }],
        customAttributes: [{ key: "gift_note", value: GIFT_NOTE }],
      }),
    );
    expect((await runFullSync(db, domain, { pollMs: 10, maxPollMs: 50 })).status).toBe("completed");
    expect(await db.customer.count({ where: { shop: domain } })).toBeGreaterThanOrEqual(5);

    const shopper = { shop: domain, customerId: person.id.split("/").pop()! };
    const chat = await openChat(shopper);
    for (const text of [CHAT_TEXT, `Where is order ${order.name}?`, PERSON.email]) {
      const sent = await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text }, shopper);
      expect(sent.status).toBe(200);
    }
    await db.conversation.update({ where: { id: chat.conversationId }, data: { status: "waiting" } });
    expect((await chatPost("handoff-email", { ...chat, email: HANDOFF_EMAIL }, shopper)).status).toBe(200);
    await call(
      dataRequest,
      webhook("customers/data_request", domain, {
        customer: { id: Number(shopper.customerId), email: PERSON.email },
        orders_requested: [Number(order.id.split("/").pop())],
      }),
    );
    expect(await db.dataRequest.count({ where: { shop: domain } })).toBe(1);

    const bytes = rawBytes(sqliteFile!);
    const secrets = [
      PERSON.firstName,
      PERSON.lastName,
      PERSON.email,
      PERSON.phone,
      "parcel never came",
      HANDOFF_EMAIL,
      GIFT_NOTE,
      accessToken,
      ...[...fakeShop.customers.values()].flatMap((c) => [c.email!, `${c.firstName}`]).filter((s) => s.length > 5),
    ];
    for (const secret of secrets) {
      // UTF-8 as SQLite stores text; also the lowercase form a careless lookup might keep.
      expect(bytes.includes(Buffer.from(secret, "utf8")), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret.toLowerCase(), "utf8")), secret.toLowerCase()).toBe(false);
    }
  });

  it("GIVEN every table WHEN a value sealed with the key ring is found THEN it lives in a column keys:rotate re-seals", () => {
    const raw = new Database(sqliteFile!, { readonly: true });
    try {
      const tables = raw
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'",
        )
        .all() as { name: string }[];
      const registered = new Set(sealedColumns.flatMap((t) => t.columns.map((c) => `${t.table}.${c}`)));
      const found = new Set<string>();
      for (const { name } of tables) {
        const columns = raw.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[];
        for (const column of columns.filter((c) => c.type === "TEXT")) {
          const sealed = raw.prepare(`SELECT 1 FROM "${name}" WHERE "${column.name}" GLOB 'v1.*.*.*.*' LIMIT 1`).get();
          if (sealed) found.add(`${name}.${column.name}`);
        }
      }
      expect(found.size).toBeGreaterThan(0);
      expect([...found].filter((where) => !registered.has(where))).toEqual([]);
    } finally {
      raw.close();
    }
  });
});
