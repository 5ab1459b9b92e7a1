// npm run bench:load -- [--db sqlite|postgres] [--instances N] [--seconds 60] [--concurrency 200]
//
// Load on the production build: N instances of scripts/serve.mjs on loopback, one
// database (a fresh SQLite file, or a fresh PostgreSQL database), Redis shared by the
// instances when N > 1 (rate limits, jobs). A generated demo store is installed and synced
// from the local fake Shopify, then `concurrency` shoppers chat for `seconds` through
// signed app-proxy requests, the way the widget does: open a session, then send messages
// with an idempotency key, waiting out a 429's Retry-After and retrying a 5xx or a network
// error with the same key. Shoppers are spread over the instances.
//
// accepted  = messages the server acknowledged (200), each idempotency key once
// persisted = shopper messages in the database afterwards
// errors    = 5xx answers and network errors (each is retried with the same key)
// p99Ms     = 99th percentile of an acknowledged send's request time
// One JSON line last.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ensureBuild } from "../demo/main";
import { generateKeyMaterial } from "../app/privacy/crypto.server";
import { migrate } from "../scripts/migrate.mjs";
import { createFakeShopify } from "../tests/fake-shopify/server";
import { signProxyQuery, signSessionToken } from "../tests/fake-shopify/signing";
import { DEMO_SHOP_DOMAIN, seedDemoShop } from "../tests/factories/demo-store";
import { createPostgresDatabase, dropPostgresDatabase } from "../tests/support/postgres";
import { messageMix } from "./chat/messages";

function option(name: string, fallback: string) {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const DATABASE = option("db", "sqlite");
if (DATABASE !== "sqlite" && DATABASE !== "postgres") throw new Error("--db is sqlite or postgres");
const INSTANCES = Number(option("instances", "1"));
const SECONDS = Number(option("seconds", "60"));
const CONCURRENCY = Number(option("concurrency", "200"));
const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL || "redis://127.0.0.1:6379";
const API_KEY = "bench-api-key";
const API_SECRET = "bench-api-secret-not-real";
const API_VERSION = "2026-07";
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const root = path.resolve(import.meta.dirname, "..");
const log = (message: string) => process.stderr.write(`${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

ensureBuild(log);

// ---- Database ----------------------------------------------------------------------------
const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-load-"));
const databaseUrl =
  DATABASE === "sqlite"
    ? `file:${path.join(tmp, "bench.sqlite")}`
    : await createPostgresDatabase(POSTGRES_SERVER, `bench_load_${process.pid}`);
migrate(databaseUrl);

async function count(sql: string): Promise<number> {
  if (DATABASE === "sqlite") {
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(databaseUrl.slice("file:".length), { readonly: true });
    try {
      return Number((db.prepare(sql).get() as { n: number }).n);
    } finally {
      db.close();
    }
  }
  const pg = (await import("pg")).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

// ---- Fake Shopify and the app instances ----------------------------------------------------
const fake = createFakeShopify({ apiKey: API_KEY, apiSecret: API_SECRET, apiVersions: [API_VERSION] });
const { shop } = await seedDemoShop(fake.store, {
  dataDir: tmp,
  generated: true,
  grantedScopes: ["read_products", "read_customers", "read_orders", "read_legal_policies"],
});
const fakeServer = await fake.listen(0);
const keys = generateKeyMaterial("bench");
// Each run gets its own Redis prefix, so jobs and buckets of earlier runs are not in the way.
const redisPrefix = `bench-${process.pid}-${randomBytes(3).toString("hex")}`;

const apps: { child: ChildProcess; origin: string; exited: Promise<unknown> }[] = [];
for (let i = 0; i < INSTANCES; i++) {
  const port = 4300 + Math.floor(Math.random() * 2000) + i;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: API_SECRET,
    SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
    SCOPES: "read_products,read_customers,read_orders,read_legal_policies",
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_ORIGIN: fakeServer.url,
    ...keys,
  };
  delete env.REDIS_URL;
  if (INSTANCES > 1) Object.assign(env, { REDIS_URL: REDIS_URL, REDIS_PREFIX: redisPrefix });
  const child = spawn(process.execPath, [path.join(root, "scripts/serve.mjs")], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  apps.push({ child, origin: `http://127.0.0.1:${port}`, exited: new Promise((r) => child.once("exit", r)) });
}

async function waitFor(url: string, timeoutMs: number, init?: RequestInit) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { ...init, headers: { "User-Agent": USER_AGENT } });
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${url}`);
    await sleep(250);
  }
}

let exitCode = 0;
try {
  await Promise.all(apps.map((app) => waitFor(`${app.origin}/healthz`, 90_000)));
  log(`${INSTANCES} instance(s) up on ${DATABASE}${INSTANCES > 1 ? " with Redis" : ""}`);

  // Install as the merchant's first embedded load does, then wait for the full sync.
  const install = new URL("/app", apps[0].origin);
  install.search = new URLSearchParams({
    embedded: "1",
    shop: DEMO_SHOP_DOMAIN,
    host: Buffer.from(`admin.shopify.com/store/${DEMO_SHOP_DOMAIN.split(".")[0]}`)
      .toString("base64")
      .replace(/=+$/, ""),
    id_token: signSessionToken({ shop: DEMO_SHOP_DOMAIN, apiKey: API_KEY, apiSecret: API_SECRET }),
  }).toString();
  await waitFor(install.toString(), 60_000);
  const syncDeadline = Date.now() + 300_000;
  while ((await count(`SELECT count(*) AS n FROM "SyncRun" WHERE status = 'completed'`)) === 0) {
    if (Date.now() > syncDeadline) throw new Error("the demo store's sync did not complete");
    await sleep(500);
  }
  log(`synced: ${await count(`SELECT count(*) AS n FROM "Product"`)} products`);

  // ---- Shoppers ------------------------------------------------------------------------------
  const scripts = messageMix(shop, { turns: CONCURRENCY * 40, seed: 8 });
  const stats = { accepted: 0, errors: 0, rateLimited: 0, latencies: [] as number[] };
  const endAt = Date.now() + SECONDS * 1000;

  function signed(origin: string, endpoint: string, customerId: string | null, query: Record<string, string> = {}) {
    const url = new URL(`/apps/assistant/${endpoint}`, origin);
    url.search = signProxyQuery({
      shop: DEMO_SHOP_DOMAIN,
      apiSecret: API_SECRET,
      pathPrefix: "/apps/assistant",
      loggedInCustomerId: customerId,
      query: new URLSearchParams(query),
    }).toString();
    return url;
  }

  /** One request, retried as the widget does until acknowledged (or 4xx other than 429). */
  async function post(origin: string, endpoint: string, body: unknown, customerId: string | null, ip: string) {
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      let status = 0;
      let json: Record<string, unknown> | null = null;
      let retryAfter = 1;
      try {
        const response = await fetch(signed(origin, endpoint, customerId), {
          method: "POST",
          headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT, "X-Forwarded-For": ip },
          body: JSON.stringify(body),
          // The widget's fetch has no deadline of its own; a browser gives up after minutes.
          signal: AbortSignal.timeout(120_000),
        });
        status = response.status;
        retryAfter = Number(response.headers.get("Retry-After")) || 1;
        json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
      } catch {
        status = 0;
      }
      if (status === 200 && json) return { json, ms: performance.now() - started };
      if (status === 200) status = 0; // the body was cut off: a network error
      if (status === 429) {
        stats.rateLimited += 1;
        await sleep(retryAfter * 1000);
      } else if (status === 0 || status >= 500) {
        stats.errors += 1;
        await sleep(1000);
      } else {
        throw new Error(`${endpoint} answered ${status}: ${JSON.stringify(json)}`);
      }
      // After the run's end, a message already sent is still retried until acknowledged
      // (the widget keeps it), but not forever.
      if (Date.now() > endAt + 60_000) throw new Error(`${endpoint} not acknowledged after ${attempt + 1} attempts`);
    }
  }

  async function shopper(index: number) {
    const origin = apps[index % apps.length].origin;
    const ip = `10.${(index >> 8) & 255}.${index & 255}.${1 + (index % 250)}`;
    let turn = index;
    while (Date.now() < endAt) {
      const script = scripts[turn++ % scripts.length];
      const opened = await post(origin, "session", {}, script.customerId, ip);
      const conversation = opened.json.conversation as { id: string };
      const visitorToken = opened.json.visitorToken as string;
      for (const text of script.messages) {
        if (Date.now() >= endAt) return;
        const sent = await post(
          origin,
          "messages",
          {
            conversationId: conversation.id,
            visitorToken,
            idempotencyKey: randomBytes(12).toString("base64url"),
            text,
          },
          script.customerId,
          ip,
        );
        stats.accepted += 1;
        stats.latencies.push(sent.ms);
        // A shopper reads the answer and types the next message.
        await sleep(1000 + Math.random() * 2000);
      }
    }
  }

  log(`${CONCURRENCY} shoppers for ${SECONDS}s…`);
  const failures = (await Promise.allSettled(Array.from({ length: CONCURRENCY }, (_, i) => shopper(i)))).filter(
    (r) => r.status === "rejected",
  );
  for (const failure of failures.slice(0, 3))
    log(`shopper failed: ${String((failure as PromiseRejectedResult).reason)}`);

  const persisted = await count(
    `SELECT count(*) AS n FROM "Message" WHERE role = 'shopper' AND shop = '${DEMO_SHOP_DOMAIN}'`,
  );
  const sorted = stats.latencies.sort((a, b) => a - b);
  const p99 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] : 0;
  log(`rate limited (429, waited out and retried): ${stats.rateLimited}; shoppers that gave up: ${failures.length}`);
  console.log(
    JSON.stringify({
      database: DATABASE,
      instances: INSTANCES,
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      accepted: stats.accepted,
      persisted,
      errors: stats.errors + failures.length,
      p99Ms: Math.round(p99),
    }),
  );
} catch (error) {
  log(`bench:load failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  for (const app of apps) app.child.kill("SIGTERM");
  await Promise.race([Promise.all(apps.map((a) => a.exited)), sleep(12_000)]);
  for (const app of apps) if (app.child.exitCode === null) app.child.kill("SIGKILL");
  await fakeServer.close();
  if (DATABASE === "postgres") await dropPostgresDatabase(databaseUrl).catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
