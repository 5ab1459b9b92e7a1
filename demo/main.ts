// npm run demo — the demo store and the admin, with no Shopify account.
//
// Starts a fake Shopify seeded with the demo store (the shared datasets when present,
// otherwise a small generated store), the production build of the app pointed at it,
// and a local front that plays the storefront (with the app's theme extension and app
// proxy) and the Shopify admin (framing the embedded app). The store's data reaches the
// app the way a real install does: token exchange, then a full sync.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { datasetsDir } from "../scripts/datasets.mjs";
import { migrate } from "../scripts/migrate.mjs";
import { createFakeShopify } from "../tests/fake-shopify/server";
import { signSessionToken } from "../tests/fake-shopify/signing";
import { seedDemoShop, DEMO_SHOP_DOMAIN } from "../tests/factories/demo-store";
import { startDemoServer } from "./server";
import { generateKeyMaterial } from "../app/privacy/crypto.server";

export const DEMO_API_KEY = "demo-api-key";
export const DEMO_API_SECRET = "demo-api-secret-not-for-production";
const API_VERSION = "2026-07";
const root = path.resolve(import.meta.dirname, "..");

export interface DemoOptions {
  port: number;
  dataDir: string;
  generated: boolean;
  build: boolean;
  /** Where the demo keeps its database; wiped at each start. */
  stateDir: string;
  log?: (message: string) => void;
  quietApp?: boolean;
  syncTimeoutMs?: number;
}

/**
 * Follows the app's first full sync in its database (the demo and the app share the SQLite
 * file), reporting progress, until it completes; throws with the run's own words if it fails.
 */
async function waitForSync(
  databaseFile: string,
  log: (message: string) => void,
  timeoutMs: number,
): Promise<Record<string, number>> {
  const Database = (await import("better-sqlite3")).default;
  const database = new Database(databaseFile, { readonly: true, fileMustExist: true });
  const deadline = Date.now() + timeoutMs;
  let last = "";
  try {
    while (Date.now() < deadline) {
      const run = database
        .prepare(
          `SELECT status, phase, products, variants, customers, orders, "lineItems", error FROM "SyncRun" ORDER BY "startedAt" DESC LIMIT 1`,
        )
        .get() as
        | {
            status: string;
            phase: string;
            products: number;
            variants: number;
            customers: number;
            orders: number;
            lineItems: number;
            error: string | null;
          }
        | undefined;
      if (run) {
        const line = `  syncing (${run.phase}): ${run.products.toLocaleString("en")} products, ${run.customers.toLocaleString("en")} customers, ${run.orders.toLocaleString("en")} orders`;
        if (line !== last) log(line);
        last = line;
        if (run.status === "completed") {
          const { status: _status, phase: _phase, error: _error, ...counts } = run;
          return counts;
        }
        if (run.status === "failed") throw new Error(`the demo store's sync failed: ${run.error ?? "unknown error"}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    database.close();
  }
  throw new Error("the demo store's sync did not finish in time");
}

export interface RunningDemo {
  url: string;
  adminUrl: string;
  summary: { source: string; products: number; customers: number; orders: number };
  /** What the app's first full sync stored. */
  synced: Record<string, number>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the app unless the production build is newer than every source file. */
export function ensureBuild(log: (message: string) => void) {
  const built = path.join(root, "build/server/index.js");
  const sources = Math.max(newestMtime(path.join(root, "app")), statSync(path.join(root, "vite.config.ts")).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs > sources) return;
  log("Building the app (about a minute the first time)…");
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  if (result.status !== 0) throw new Error("the app's production build failed (see above)");
}

async function waitFor(url: string, timeoutMs: number, isReady: (response: Response) => boolean = (r) => r.ok) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { headers: { "User-Agent": "Mozilla/5.0 (demo) Chrome/130" } });
      if (isReady(response)) return response;
      lastError = new Error(`${url} answered ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${url}: ${String(lastError)}`);
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const log = options.log ?? ((message: string) => console.log(message));
  if (options.build) ensureBuild(log);
  if (!existsSync(path.join(root, "build/server/index.js")))
    throw new Error("no production build: run `npm run build`");

  mkdirSync(options.stateDir, { recursive: true });
  const databaseFile = path.join(options.stateDir, "demo.sqlite");
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(databaseFile + suffix, { force: true });
  const databaseUrl = `file:${databaseFile}`;
  migrate(databaseUrl);

  const toml = parseToml(readFileSync(path.join(root, "shopify.app.toml"), "utf8")) as {
    access_scopes: { scopes: string };
  };
  const scopes = toml.access_scopes.scopes;
  const fake = createFakeShopify({ apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET, apiVersions: [API_VERSION] });
  log(options.generated ? "Seeding a generated demo store…" : `Seeding the demo store from ${options.dataDir}…`);
  const { shop, summary } = await seedDemoShop(fake.store, {
    dataDir: options.dataDir,
    generated: options.generated,
    grantedScopes: scopes.split(","),
    onProgress: (message) => log(`  ${message}`),
  });
  if (summary.source === "generated" && !options.generated) {
    log(`  The datasets were not found in ${options.dataDir}; using a small generated store instead.`);
  }
  const fakeServer = await fake.listen(0);

  const appPort = await freePort();
  const publicPort = options.port || (await freePort());
  const publicUrl = `http://localhost:${publicPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(appPort),
    HOST: "127.0.0.1",
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: DEMO_API_SECRET,
    SHOPIFY_APP_URL: publicUrl,
    SCOPES: scopes,
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_ORIGIN: fakeServer.url,
    APP_BRIDGE_URL: `${publicUrl}/__demo/app-bridge.js`,
    ...generateKeyMaterial("demo"),
  };
  delete env.REDIS_URL;
  const app: ChildProcess = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], {
    cwd: root,
    env,
    stdio: ["ignore", options.quietApp ? "ignore" : "inherit", "inherit"],
  });
  const appExited = new Promise<number | null>((resolve) => app.once("exit", (code) => resolve(code)));
  const appOrigin = `http://127.0.0.1:${appPort}`;
  await Promise.race([
    waitFor(`${appOrigin}/healthz`, 60_000),
    appExited.then((code) => {
      throw new Error(`the app exited during start-up (code ${code})`);
    }),
  ]);

  const front = await startDemoServer({
    shop,
    apiKey: DEMO_API_KEY,
    apiSecret: DEMO_API_SECRET,
    appOrigin,
    extensionDir: path.join(root, "extensions/assistant-widget"),
    port: publicPort,
  });

  // Install: the first embedded load, as when the merchant opens the app in the admin.
  const host = Buffer.from(`admin.shopify.com/store/${DEMO_SHOP_DOMAIN.replace(".myshopify.com", "")}`).toString(
    "base64",
  );
  const installUrl = new URL("/app", appOrigin);
  installUrl.search = new URLSearchParams({
    embedded: "1",
    shop: DEMO_SHOP_DOMAIN,
    host: host.replace(/=+$/, ""),
    id_token: signSessionToken({ shop: DEMO_SHOP_DOMAIN, apiKey: DEMO_API_KEY, apiSecret: DEMO_API_SECRET }),
  }).toString();
  log("Installing the app on the demo store…");
  await waitFor(installUrl.toString(), 30_000);
  // The install queues a full sync (bulk exports from the fake Shopify into the app's
  // database); the demo is ready when it has completed.
  const synced = await waitForSync(databaseFile, log, options.syncTimeoutMs ?? 600_000);

  let stopped = false;
  return {
    url: publicUrl,
    adminUrl: `${publicUrl}/admin`,
    summary,
    synced,
    async stop() {
      if (stopped) return;
      stopped = true;
      app.kill("SIGTERM");
      await Promise.race([appExited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (app.exitCode === null) app.kill("SIGKILL");
      await front.close();
      await fakeServer.close();
    },
  };
}

function flag(name: string) {
  return process.argv.includes(name);
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index !== -1 ? process.argv[index + 1] : undefined;
}

async function main() {
  const demo = await startDemo({
    port: Number(option("--port") ?? process.env.DEMO_PORT ?? 8080),
    dataDir: datasetsDir(),
    generated: flag("--generated"),
    build: !flag("--no-build"),
    stateDir: path.join(root, ".demo"),
    quietApp: !flag("--verbose"),
  });
  console.log("");
  console.log(
    `Demo store (${demo.summary.source}): ${demo.summary.products.toLocaleString("en")} products, ${demo.summary.customers.toLocaleString("en")} customers, ${demo.summary.orders.toLocaleString("en")} orders in the stand-in Shopify;`,
  );
  console.log(
    `  synced into the app: ${demo.synced.products.toLocaleString("en")} products, ${demo.synced.customers.toLocaleString("en")} customers, ${demo.synced.orders.toLocaleString("en")} orders (the last 60 days)`,
  );
  console.log(`  Storefront: ${demo.url}/`);
  console.log(`  Admin:      ${demo.adminUrl}`);
  console.log("Press Ctrl-C to stop.");
  const stop = () => {
    console.log("\nStopping the demo…");
    demo.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error) => {
    console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
