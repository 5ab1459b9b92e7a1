import type { Db } from "../db.server";
import { decrypt, encrypt, keyIdOf, type KeyRing } from "./crypto.server";

/**
 * Every column that holds a value sealed with the key ring (app/privacy/crypto.server.ts).
 * `npm run keys:rotate` re-seals them under the current key; the raw-database test checks
 * that every sealed value it finds lives in a column listed here, so a new encrypted
 * column cannot be forgotten by the rotation.
 */
export interface SealedColumns {
  model: "session" | "dataRequest" | "customer" | "order" | "conversation" | "message";
  /** The table's name in SQL (the raw-database test reads the file). */
  table: string;
  columns: string[];
  /** Unique selector of a row, from the row's key fields. */
  key: string[];
  /** Values written before the column was sealed may be plaintext (session tokens). */
  legacyPlaintext?: boolean;
}

export const sealedColumns: SealedColumns[] = [
  { model: "session", table: "Session", columns: ["accessToken", "refreshToken"], key: ["id"], legacyPlaintext: true },
  { model: "dataRequest", table: "DataRequest", columns: ["payload"], key: ["id"] },
  { model: "customer", table: "Customer", columns: ["firstName", "lastName", "email", "phone"], key: ["shop", "id"] },
  { model: "order", table: "Order", columns: ["email", "customAttributes"], key: ["shop", "id"] },
  { model: "conversation", table: "Conversation", columns: ["handoffEmail"], key: ["id"] },
  { model: "message", table: "Message", columns: ["text", "payload"], key: ["id"] },
];

/** Settings documents with a sealed field inside their JSON (the optional model's API key). */
export const sealedSettingFields = [{ key: "assistant.llm", field: "apiKeySealed" }] as const;

export interface RotationReport {
  keyId: string;
  rotated: Record<string, number>;
  total: number;
}

type Row = Record<string, unknown>;
interface Delegate {
  findMany(args: object): Promise<Row[]>;
  update(args: object): Promise<unknown>;
}

/**
 * Re-seals every value that is not yet under the current key, in batches. Each batch
 * selects only values still under an old key (or, for legacy columns, in plaintext), so
 * a run stopped at any point resumes where it stopped, and a second run finds nothing.
 * An old key must still be in ENCRYPTION_KEYS until this has finished.
 */
export async function rotateKeys(
  db: Db,
  ring: KeyRing,
  { batchSize = 200, onBatch }: { batchSize?: number; onBatch?: (table: string, count: number) => void } = {},
): Promise<RotationReport> {
  const current = `v1.${ring.current.id}.`;
  const rotated: Record<string, number> = {};
  // A value that is not sealed is an error (decrypt says so), except in legacy columns.
  const reseal = (value: string, legacy: boolean) =>
    encrypt(ring, keyIdOf(value) || !legacy ? decrypt(ring, value) : value);

  for (const table of sealedColumns) {
    const delegate = db[table.model] as unknown as Delegate;
    const stale = {
      OR: table.columns.map((column) => ({
        // `gt: ""` leaves out nulls and empty strings (a session without a refresh token).
        AND: [{ [column]: { gt: "" } }, { NOT: { [column]: { startsWith: current } } }],
      })),
    };
    const select = Object.fromEntries([...table.key, ...table.columns].map((c) => [c, true]));
    rotated[table.table] = 0;
    for (;;) {
      const rows = await delegate.findMany({ where: stale, select, take: batchSize });
      if (rows.length === 0) break;
      await db.$transaction(async (tx) => {
        const txDelegate = tx[table.model] as unknown as Delegate;
        for (const row of rows) {
          const data: Row = {};
          for (const column of table.columns) {
            const value = row[column];
            if (typeof value === "string" && value !== "" && !value.startsWith(current)) {
              data[column] = reseal(value, table.legacyPlaintext === true);
            }
          }
          await txDelegate.update({ where: uniqueWhere(table.key, row), data });
        }
      });
      rotated[table.table] += rows.length;
      onBatch?.(table.table, rows.length);
    }
  }

  rotated.ShopSetting = 0;
  for (const { key, field } of sealedSettingFields) {
    const settings = await db.shopSetting.findMany({ where: { key } });
    for (const setting of settings) {
      const value = JSON.parse(setting.value) as Record<string, unknown>;
      const sealed = value[field];
      if (typeof sealed !== "string" || sealed.startsWith(current)) continue;
      value[field] = reseal(sealed, false);
      await db.shopSetting.update({
        where: { shop_key: { shop: setting.shop, key } },
        data: { value: JSON.stringify(value) },
      });
      rotated.ShopSetting += 1;
    }
  }

  return { keyId: ring.current.id, rotated, total: Object.values(rotated).reduce((a, b) => a + b, 0) };
}

function uniqueWhere(key: string[], row: Row) {
  if (key.length === 1) return { [key[0]]: row[key[0]] };
  return { [key.join("_")]: Object.fromEntries(key.map((k) => [k, row[k]])) };
}
