import type { z } from "zod";
import type { Db } from "../db.server";

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

export function defineSetting<T>(key: string, schema: z.ZodType<T>, defaultValue: (context: { currency: string }) => T): SettingDefinition<T> {
  return { key, schema, defaultValue };
}

export async function readSetting<T>(db: Db, shop: string, definition: SettingDefinition<T>, context = { currency: "USD" }): Promise<T> {
  const row = await db.shopSetting.findUnique({ where: { shop_key: { shop, key: definition.key } } });
  if (!row) return definition.defaultValue(context);
  try {
    const parsed = definition.schema.safeParse(JSON.parse(row.value));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the default
  }
  console.warn(`setting ${definition.key} of ${shop} no longer parses; using the default`);
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
}

export async function settingsVersion(db: Db, shop: string): Promise<number> {
  const latest = await db.shopSetting.aggregate({ where: { shop }, _max: { updatedAt: true } });
  return latest._max.updatedAt?.getTime() ?? 0;
}
