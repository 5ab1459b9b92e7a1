import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrate } from "../../scripts/migrate.mjs";
import { createPostgresDatabase, dropPostgresDatabase } from "../support/postgres";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * Migrates one database for the run. SQLite: a template file that each worker copies
 * (a fresh file per worker). PostgreSQL (TEST_DATABASE_URL=postgres://…): a fresh
 * database created for this run and dropped after it.
 */
export default async function setup(project: TestProject) {
  const target = process.env.TEST_DATABASE_URL;
  if (target && /^postgres/.test(target)) {
    const url = await createPostgresDatabase(target, `assistant_test_${process.pid}`);
    migrate(url);
    project.provide("databaseUrl", url);
    return async () => dropPostgresDatabase(url);
  }
  const dir = path.join(root, ".tmp", `vitest-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const template = path.join(dir, "template.sqlite");
  migrate(`file:${template}`);
  project.provide("databaseUrl", `file:${template}`);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
