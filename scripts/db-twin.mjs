// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma. The models are the
// same; only the datasource provider and the generated client's folder differ.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const sqliteSchemaPath = path.join(root, "prisma/schema.prisma");
export const postgresSchemaPath = path.join(root, "prisma/postgresql/schema.prisma");

/** @param {string} sqliteSchema */
export function postgresTwinOf(sqliteSchema) {
  const replaced = sqliteSchema
    .replace(
      /^\/\/ The SQLite schema is the source of truth[\s\S]*?drift apart\.\n/m,
      "// Generated from prisma/schema.prisma by `npm run db:twin`: edit that file, not this one.\n",
    )
    .replace('output       = "../app/db/generated/sqlite"', 'output       = "../../app/db/generated/postgresql"')
    .replace('provider = "sqlite"', 'provider = "postgresql"');
  if (replaced.includes('"sqlite"'))
    throw new Error("db-twin: the SQLite schema's header changed; update scripts/db-twin.mjs");
  return replaced;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  mkdirSync(path.dirname(postgresSchemaPath), { recursive: true });
  writeFileSync(postgresSchemaPath, postgresTwinOf(readFileSync(sqliteSchemaPath, "utf8")));
  console.log(`wrote ${path.relative(root, postgresSchemaPath)}`);
}
