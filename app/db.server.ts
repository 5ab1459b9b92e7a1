import type { PrismaClient as SqliteClient } from "./db/generated/sqlite/client";
import { databaseFlavour } from "../scripts/database-url.mjs";
import { env } from "./env.server";

/**
 * The app's one Prisma client. SQLite and PostgreSQL clients are generated from twin
 * schemas with the same models, so the SQLite client's type describes both; only the
 * driver adapter and the generated query plans differ.
 */
export type Db = SqliteClient;

export const databaseKind = databaseFlavour(env.DATABASE_URL);

// Under load a transaction may queue for a pooled connection for a while; Prisma's default
// (2 s to start, 5 s to run) turns that queue into failed chat turns (P2028).
const transactionOptions = { maxWait: 15_000, timeout: 15_000 };
// Connections per instance; PostgreSQL's default limit is 100, enough for several instances.
const POOL_SIZE = 20;

async function createClient(url: string): Promise<Db> {
  if (databaseKind === "postgresql") {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("./db/generated/postgresql/client"),
      import("@prisma/adapter-pg"),
    ]);
    return new PrismaClient({
      adapter: new PrismaPg({ connectionString: url, max: POOL_SIZE }),
      transactionOptions,
    }) as unknown as Db;
  }
  const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
    import("./db/generated/sqlite/client"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  // `timeout` is SQLite's busy timeout: a second writer waits instead of failing with
  // SQLITE_BUSY. WAL lets readers run while a writer commits.
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }), transactionOptions });
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // In WAL mode NORMAL syncs at checkpoints rather than at every commit: a crash of the app
  // loses nothing, a power cut may lose the last commits, and chat writes stop queueing
  // behind one disk flush each (SQLite's own advice for WAL).
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  return client;
}

declare global {
  // Survives Vite's module reloads in development so connections are not leaked.
  var __db: Promise<Db> | undefined;
}

const clientPromise = (globalThis.__db ??= createClient(env.DATABASE_URL));

export const db: Db = await clientPromise;
export default db;
