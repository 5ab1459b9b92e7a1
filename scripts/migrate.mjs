// The one migration step: `npm run demo`, `npm test` and `npm start` all run it.
// SQLite (a file, the default) or PostgreSQL, chosen by DATABASE_URL.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { databaseFlavour } from "./database-url.mjs";
import { prisma, root } from "./prisma.mjs";

export const DEFAULT_DATABASE_URL = "file:./prisma/dev.sqlite";

/** @param {string} databaseUrl */
export function migrate(databaseUrl) {
  if (databaseFlavour(databaseUrl) === "sqlite") {
    const file = databaseUrl.replace(/^file:/, "").split("?")[0];
    mkdirSync(path.dirname(path.resolve(root, file)), { recursive: true });
  }
  prisma(["migrate", "deploy"], databaseUrl, { quiet: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  migrate(url);
  console.log(`Database is up to date (${databaseFlavour(url)})`);
}
