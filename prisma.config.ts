import path from "node:path";
import type { PrismaConfig } from "prisma";
import { databaseFlavour, schemaPathFor } from "./scripts/database-url.mjs";

// Prisma reads no .env when a config file exists; DATABASE_URL must be exported
// (scripts/migrate.mjs does that). The adapter follows the URL: a file path is
// SQLite, a postgres:// URL is PostgreSQL with its own schema twin and migrations.
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const flavour = databaseFlavour(url);

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, schemaPathFor(flavour)),
  async adapter() {
    if (flavour === "postgresql") {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      // allowExitOnIdle: idle pooled connections do not keep the CLI running once it
      // is done (see scripts/prisma-exit-promptly.cjs for the rest of that story).
      return new PrismaPg({ connectionString: url, allowExitOnIdle: true });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url });
  },
} satisfies PrismaConfig;
