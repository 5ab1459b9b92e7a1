// Runs the Prisma CLI for one database flavour. Prisma reads no .env when a config
// file exists, so the URL is passed explicitly; it also picks the schema twin.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** @param {string[]} args @param {string} databaseUrl @param {{quiet?: boolean}} [options] */
export function prisma(args, databaseUrl, { quiet = false } = {}) {
  const cli = path.join(root, "node_modules/prisma/build/index.js");
  const preload = path.join(root, "scripts/prisma-exit-promptly.cjs");
  const result = spawnSync(process.execPath, ["-r", preload, cli, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    stdio: quiet ? "pipe" : "inherit",
  });
  if (result.status !== 0) {
    const output = quiet ? `\n${result.stdout}${result.stderr}` : "";
    throw new Error(`prisma ${args.join(" ")} failed (exit ${result.status})${output}`);
  }
  return result.stdout ?? "";
}
