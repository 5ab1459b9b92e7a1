import type { Dialect } from "./upsert.server";

/**
 * The export's batches are written through the database driver itself (better-sqlite3
 * or pg), not through Prisma: measured on this project's machines, Prisma's raw queries
 * stored 12,000–25,000 rows a second and grew the heap by 60–120 MB over 60,000 rows,
 * the drivers 45,000–50,000 rows a second with cached statements
 * (docs/decisions/0041-sync-resume-and-writes.md). Each batch, with its checkpoint, is
 * one transaction on this writer's own connection to the same database; everything
 * else the sync does (runs, sweeps, webhooks) goes through Prisma.
 */

export interface Statement {
  sql: string;
  params: unknown[];
}

export interface BulkWriter {
  readonly dialect: Dialect;
  /** Runs the statements in one transaction; returns each statement's changed-row count. */
  transaction(statements: Statement[]): Promise<number[]>;
  close(): Promise<void>;
}

/** Values as Prisma's adapters store them, so Prisma reads back what we wrote. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value ?? null;
}

function postgresValue(value: unknown): unknown {
  // UTC text: the statement casts it to timestamp(3), which keeps the clock time.
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

async function openSqlite(url: string): Promise<BulkWriter> {
  const { default: Database } = await import("better-sqlite3");
  const database = new Database(url.replace(/^file:/, "").split("?")[0]);
  // Wait for the app's own connection to finish a write instead of failing.
  database.pragma("busy_timeout = 5000");
  database.pragma("journal_mode = WAL");
  // SQLite's own default page cache (2 MB). better-sqlite3 raises it, and over a large
  // export the bigger cache was most of the process's memory growth (measured: 120 MB
  // growth at 100,000 products with it, 30 MB without).
  database.pragma("cache_size = -2000");
  const prepared = new Map<string, import("better-sqlite3").Statement>();
  const statement = (sql: string) => {
    let found = prepared.get(sql);
    if (!found) {
      found = database.prepare(sql);
      // Statements differ only by their row count, a power of two (upsertSql): a few
      // dozen shapes in all. The bound is a guard, not the expected case.
      if (prepared.size > 500) prepared.clear();
      prepared.set(sql, found);
    }
    return found;
  };
  const run = database.transaction((statements: Statement[]) =>
    statements.map(({ sql, params }) => statement(sql).run(params.map(sqliteValue)).changes),
  );
  return {
    dialect: "sqlite",
    async transaction(statements) {
      return run.immediate(statements);
    },
    async close() {
      database.close();
    },
  };
}

async function openPostgres(url: string): Promise<BulkWriter> {
  const { default: pg } = await import("pg");
  const { createHash } = await import("node:crypto");
  const pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true });
  // Named statements are parsed and planned once per connection, not on every batch.
  const names = new Map<string, string>();
  const nameOf = (sql: string) => {
    let name = names.get(sql);
    if (!name) {
      name = `sync_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`;
      names.set(sql, name);
    }
    return name;
  };
  return {
    dialect: "postgresql",
    async transaction(statements) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const counts: number[] = [];
        for (const { sql, params } of statements) {
          const result = await client.query({ name: nameOf(sql), text: sql, values: params.map(postgresValue) });
          counts.push(result.rowCount ?? 0);
        }
        await client.query("COMMIT");
        return counts;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function openBulkWriter(databaseUrl: string): Promise<BulkWriter> {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? openPostgres(databaseUrl) : openSqlite(databaseUrl);
}

const writers = new Map<string, Promise<BulkWriter>>();

/** The writer for the app's database (DATABASE_URL), opened once. */
export async function appBulkWriter(): Promise<BulkWriter> {
  const { env } = await import("../env.server");
  let writer = writers.get(env.DATABASE_URL);
  if (!writer) {
    writer = openBulkWriter(env.DATABASE_URL);
    writers.set(env.DATABASE_URL, writer);
  }
  return writer;
}
