// npm run db:migration -- <name>
// Writes one migration for each database flavour from the change to
// prisma/schema.prisma since the last migration, and refreshes the PostgreSQL twin.
//
// Prisma's `migrate dev` needs a shadow database, which its driver-adapter mode does
// not support here (see docs/decisions/0003-prisma-driver-adapters.md), so the schema
// as of the last migration is kept in prisma/migrations/schema.snapshot.prisma and
// diffed file to file. Prisma connects to a PostgreSQL server even for that diff:
// MIGRATION_POSTGRES_URL names one (default: the local server on 5432).
import { existsSync, mkdirSync, readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresSchemaPath, postgresTwinOf, sqliteSchemaPath } from "./db-twin.mjs";
import { prisma, root } from "./prisma.mjs";

export const snapshotPath = path.join(root, "prisma/migrations/schema.snapshot.prisma");

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <name in snake_case>");
  process.exit(2);
}

const schema = readFileSync(sqliteSchemaPath, "utf8");
writeFileSync(postgresSchemaPath, postgresTwinOf(schema));

const tmp = mkdtempSync(path.join(os.tmpdir(), "db-migration-"));
const previous = existsSync(snapshotPath) ? readFileSync(snapshotPath, "utf8") : null;

/** @param {"sqlite"|"postgresql"} flavour */
function diff(flavour) {
  const to = flavour === "sqlite" ? sqliteSchemaPath : postgresSchemaPath;
  const url =
    flavour === "sqlite"
      ? "file:./prisma/diff-only.sqlite"
      : process.env.MIGRATION_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  const from = ["--from-empty"];
  if (previous) {
    const file = path.join(tmp, `${flavour}.prisma`);
    writeFileSync(file, flavour === "sqlite" ? previous : postgresTwinOf(previous));
    from.splice(0, 1, "--from-schema-datamodel", file);
  }
  return prisma(["migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"], url, { quiet: true });
}

const scripts = { sqlite: diff("sqlite"), postgresql: diff("postgresql") };
if (scripts.sqlite.includes("-- This is an empty migration.")) {
  console.log("prisma/schema.prisma has not changed since the last migration; nothing written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const [flavour, sql] of Object.entries(scripts)) {
  const dir = path.join(
    root,
    flavour === "sqlite" ? "prisma/migrations" : "prisma/postgresql/migrations",
    `${stamp}_${name}`,
  );
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "migration.sql"), sql);
  console.log(`wrote ${path.relative(root, dir)}/migration.sql`);
}
writeFileSync(snapshotPath, schema);
