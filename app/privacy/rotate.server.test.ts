import { execFile } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/db/generated/sqlite/client";
import type { Db } from "~/db.server";
import { migrate } from "../../scripts/migrate.mjs";
import { TEST_LOOKUP_HASH_KEY } from "../../tests/support/constants";
import { decrypt, encrypt, parseKeyRing } from "./crypto.server";
import { rotateKeys, sealedColumns } from "./rotate.server";

// Rotation rewrites every sealed value in a database, so it runs on a database of its own
// (the worker's shared one holds other tests' rows, sealed with the test key).
const root = path.resolve(import.meta.dirname, "../..");
const dir = path.join(root, ".tmp", `rotate-${process.pid}`);
const file = path.join(dir, "rotate.sqlite");
const url = `file:${file}`;

const OLD = `old:${Buffer.alloc(32, 1).toString("base64")}`;
const NEW = `new:${Buffer.alloc(32, 2).toString("base64")}`;
const oldRing = parseKeyRing(OLD, TEST_LOOKUP_HASH_KEY);
const rotatedRing = parseKeyRing(`${NEW},${OLD}`, TEST_LOOKUP_HASH_KEY);
const newOnly = parseKeyRing(NEW, TEST_LOOKUP_HASH_KEY);

let db: Db;
const shop = "rotate.myshopify.com";
const now = new Date();

async function seed(count: number) {
  await db.session.create({
    data: { id: "offline_rotate", shop, state: "", accessToken: "shpat_legacy_plain", refreshToken: null },
  });
  await db.dataRequest.create({ data: { shop, customerId: "1", payload: encrypt(oldRing, '{"export":true}') } });
  for (let i = 0; i < count; i++) {
    await db.customer.create({
      data: {
        shop,
        id: `gid://shopify/Customer/${i}`,
        firstName: encrypt(oldRing, `Ada${i}`),
        lastName: encrypt(oldRing, "Lovelace"),
        email: encrypt(oldRing, `ada${i}@example.com`),
        phone: null,
        createdAt: now,
        updatedAt: now,
        syncedAt: now,
      },
    });
    await db.order.create({
      data: {
        shop,
        id: `gid://shopify/Order/${i}`,
        name: `#${1000 + i}`,
        email: encrypt(oldRing, `ada${i}@example.com`),
        currency: "EUR",
        totalPrice: 10,
        fulfillmentStatus: "UNFULFILLED",
        createdAt: now,
        updatedAt: now,
        syncedAt: now,
      },
    });
    await db.conversation.create({
      data: {
        id: `conversation-${i}`,
        shop,
        visitorId: `v${i}`,
        handoffEmail: encrypt(oldRing, `ada${i}@example.com`),
        messages: {
          create: [
            { shop, seq: 1, role: "shopper", text: encrypt(oldRing, `hello ${i}`) },
            { shop, seq: 2, role: "assistant", text: encrypt(oldRing, "hi"), payload: encrypt(oldRing, "{}") },
          ],
        },
      },
    });
  }
  await db.shopSetting.create({
    data: {
      shop,
      key: "assistant.llm",
      value: JSON.stringify({ enabled: true, apiKeySealed: encrypt(oldRing, "sk-test-secret") }),
    },
  });
}

/** Every sealed value in the database, by table and column. */
async function sealedValues() {
  const values: { where: string; value: string }[] = [];
  for (const table of sealedColumns) {
    const delegate = db[table.model] as unknown as { findMany(): Promise<Record<string, unknown>[]> };
    for (const row of await delegate.findMany()) {
      for (const column of table.columns) {
        const value = row[column];
        if (typeof value === "string" && value !== "") values.push({ where: `${table.table}.${column}`, value });
      }
    }
  }
  for (const setting of await db.shopSetting.findMany()) {
    values.push({ where: "ShopSetting.apiKeySealed", value: JSON.parse(setting.value).apiKeySealed });
  }
  return values;
}

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  migrate(url);
  db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
});

afterAll(async () => {
  await db?.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run keys:rotate", () => {
  it("GIVEN values sealed with an old key and a legacy plaintext token WHEN rotation is interrupted and run again THEN every value is under the new key, unchanged, and a third run finds nothing", async () => {
    await seed(5);
    const before = await sealedValues();
    const plain = before.map(({ value }) => (value.startsWith("v1.") ? decrypt(oldRing, value) : value));

    // Interrupted after its first batch: the process died.
    let batches = 0;
    await expect(
      rotateKeys(db, rotatedRing, {
        batchSize: 2,
        onBatch: () => {
          if (++batches === 1) throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    const partly = await sealedValues();
    expect(partly.filter(({ value }) => value.startsWith("v1.new.")).length).toBeGreaterThan(0);
    expect(partly.filter(({ value }) => !value.startsWith("v1.new.")).length).toBeGreaterThan(0);

    const report = await rotateKeys(db, rotatedRing, { batchSize: 2 });
    expect(report.keyId).toBe("new");
    expect(report.total).toBeGreaterThan(0);

    const after = await sealedValues();
    expect(after.map((v) => v.where)).toEqual(before.map((v) => v.where));
    for (const { where, value } of after) expect(value, where).toMatch(/^v1\.new\./);
    // Readable with the new key alone: the old one may now be removed.
    expect(after.map(({ value }) => decrypt(newOnly, value))).toEqual(plain);

    expect((await rotateKeys(db, rotatedRing)).total).toBe(0);
  });

  it("GIVEN the command line WHEN run with the new key first THEN it prints one JSON line with the counts", async () => {
    const { stdout } = await promisify(execFile)(
      path.join(root, "node_modules/.bin/tsx"),
      [path.join(root, "scripts/keys-rotate.ts")],
      {
        cwd: root,
        env: {
          ...process.env,
          DATABASE_URL: url,
          ENCRYPTION_KEYS: `k3:${Buffer.alloc(32, 3).toString("base64")},${NEW}`,
        },
      },
    );
    const lines = stdout.trim().split("\n");
    const report = JSON.parse(lines[lines.length - 1]);
    expect(report).toMatchObject({ keyId: "k3", rotated: { Message: 10, Customer: 5, Session: 1, ShopSetting: 1 } });
    for (const { value } of await sealedValues()) expect(value).toMatch(/^v1\.k3\./);
  });

  it("GIVEN a value sealed with a key that is no longer configured THEN rotation stops and names the key", async () => {
    await db.message.updateMany({ where: { shop, seq: 1 }, data: { text: encrypt(oldRing, "sealed long ago") } });
    const k3 = parseKeyRing(`k3:${Buffer.alloc(32, 3).toString("base64")}`, TEST_LOOKUP_HASH_KEY);
    await expect(rotateKeys(db, k3)).rejects.toThrow('encryption key "old" is not configured');
  });
});
