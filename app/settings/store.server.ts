import type { z } from "zod";
import type { Db } from "../db.server";
import { log } from "../log.server";

/**
 * Merchant settings as JSON documents, one per key and shop. Each key has a zod schema:
 * a stored document that no longer parses (a schema changed) reads as the default
 * rather than breaking the storefront, and a save that does not parse is refused with
 * the schema's messages.
 */

export interface SettingDefinition<T> {
  key: string;
  schema: z.ZodType<T>;
  defaultValue: (context: { currency: string }) => T;
}

export function defineSetting<T>(
  key: string,
  schema: z.ZodType<T>,
  defaultValue: (context: { currency: string }) => T,
): SettingDefinition<T> {
  return { key, schema, defaultValue };
}

// Every chat turn that recommends reads several settings; they are read together and kept
// for a few seconds (a save on this instance clears them at once; other instances see it
// within CACHE_MS).
const CACHE_MS = 3_000;
const cache = new Map<string, { values: Map<string, string>; at: number }>();

async function rowsOf(db: Db, shop: string): Promise<Map<string, string>> {
  const cached = cache.get(shop);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.values;
  const rows = await db.shopSetting.findMany({ where: { shop }, select: { key: true, value: true } });
  const values = new Map(rows.map((row) => [row.key, row.value]));
  cache.set(shop, { values, at: Date.now() });
  if (cache.size > 500) cache.delete(cache.keys().next().value!);
  return values;
}

export async function readSetting<T>(
  db: Db,
  shop: string,
  definition: SettingDefinition<T>,
  context = { currency: "USD" },
): Promise<T> {
  const value = (await rowsOf(db, shop)).get(definition.key);
  if (value === undefined) return definition.defaultValue(context);
  try {
    const parsed = definition.schema.safeParse(JSON.parse(value));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the default
  }
  log.warn(`setting ${definition.key} of ${shop} no longer parses; using the default`);
  return definition.defaultValue(context);
}

/** Saves a document that already passed its validator. */
export async function writeSetting<T>(db: Db, shop: string, definition: SettingDefinition<T>, value: T) {
  const json = JSON.stringify(definition.schema.parse(value));
  await db.shopSetting.upsert({
    where: { shop_key: { shop, key: definition.key } },
    create: { shop, key: definition.key, value: json },
    update: { value: json },
  });
  cache.delete(shop);
}

export function forgetSettings(shop: string) {
  cache.delete(shop);
}

export async function settingsVersion(db: Db, shop: string): Promise<number> {
  const latest = await db.shopSetting.aggregate({ where: { shop }, _max: { updatedAt: true } });
  return latest._max.updatedAt?.getTime() ?? 0;
}
