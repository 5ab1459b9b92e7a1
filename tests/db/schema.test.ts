import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { postgresSchemaPath, postgresTwinOf, sqliteSchemaPath } from "../../scripts/db-twin.mjs";
import { migrate } from "../../scripts/migrate.mjs";
import { prisma, root } from "../../scripts/prisma.mjs";
import { createPostgresDatabase, dropPostgresDatabase } from "../support/postgres";

const read = (file: string) => readFileSync(file, "utf8");

describe("the two database schemas", () => {
  it("the PostgreSQL schema is the twin of the SQLite schema (run `npm run db:twin` after editing)", () => {
    expect(read(postgresSchemaPath)).toBe(postgresTwinOf(read(sqliteSchemaPath)));
  });

  it("the schema has no change without a migration (run `npm run db:migration -- <name>`)", () => {
    expect(read(path.join(root, "prisma/migrations/schema.snapshot.prisma"))).toBe(read(sqliteSchemaPath));
  });
});

function sqliteStructure(file: string) {
  const database = new Database(file, { readonly: true });
  try {
    const tables = database
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    return tables.map(({ name }) => ({
      table: name,
      columns: database.prepare(`PRAGMA table_info("${name}")`).all(),
      indexes: (database.prepare(`PRAGMA index_list("${name}")`).all() as { name: string; unique: number }[])
        .map((index) => ({
          name: index.name,
          unique: index.unique,
          columns: (database.prepare(`PRAGMA index_info("${index.name}")`).all() as { name: string }[]).map(
            (c) => c.name,
          ),
        }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }));
  } finally {
    database.close();
  }
}

async function postgresStructure(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\\_%'
         ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes
         WHERE schemaname = 'public' AND tablename NOT LIKE '\\_%' ORDER BY tablename, indexname`,
    );
    return { columns: columns.rows, indexes: indexes.rows };
  } finally {
    await client.end();
  }
}

describe("migrations build the schema", () => {
  it("on SQLite, applying every migration gives the same tables, columns and indexes as the schema", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "schema-test-"));
    const migrated = path.join(dir, "migrated.sqlite");
    const direct = path.join(dir, "direct.sqlite");
    migrate(`file:${migrated}`);
    const script = prisma(
      ["migrate", "diff", "--from-empty", "--to-schema-datamodel", sqliteSchemaPath, "--script"],
      `file:${direct}`,
      { quiet: true },
    );
    const database = new Database(direct);
    database.exec(script);
    database.close();

    expect(sqliteStructure(migrated)).toEqual(sqliteStructure(direct));
  }, 120_000);

  it.runIf(process.env.DATABASE_URL?.startsWith("postgres"))(
    "on PostgreSQL, applying every migration gives the same tables, columns and indexes as the schema",
    async () => {
      const server = process.env.DATABASE_URL!;
      const migrated = await createPostgresDatabase(server, `schema_migrated_${process.pid}`);
      const direct = await createPostgresDatabase(server, `schema_direct_${process.pid}`);
      try {
        migrate(migrated);
        const script = prisma(
          ["migrate", "diff", "--from-empty", "--to-schema-datamodel", postgresSchemaPath, "--script"],
          direct,
          { quiet: true },
        );
        const client = new pg.Client({ connectionString: direct });
        await client.connect();
        await client.query(script);
        await client.end();

        expect(await postgresStructure(migrated)).toEqual(await postgresStructure(direct));
      } finally {
        await dropPostgresDatabase(migrated);
        await dropPostgresDatabase(direct);
      }
    },
    120_000,
  );
});
