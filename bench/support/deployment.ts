import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { generateKeyMaterial } from "../../app/privacy/crypto.server";
import { migrate } from "../../scripts/migrate.mjs";
import { createFakeShopify } from "../../tests/fake-shopify/server";
import { signProxyQuery, signSessionToken } from "../../tests/fake-shopify/signing";
import type { FakeShop } from "../../tests/fake-shopify/store";
import { DEMO_SHOP_DOMAIN, seedDemoShop } from "../../tests/factories/demo-store";
import { createPostgresDatabase, dropPostgresDatabase } from "../../tests/support/postgres";

/**
 * A production deployment on loopback for the load benchmarks (bench:load, bench:server):
 * N instances of scripts/serve.mjs against one fresh database (SQLite file or PostgreSQL
 * database), Redis shared when asked, optionally HAProxy in front as the load balancer
 * (docs/decisions/0096-load-balancer-and-server-benchmark.md), the local fake Shopify with a generated demo
 * store installed and synced the way a merchant's first load does it.
 */

export const API_KEY = "bench-api-key";
export const API_SECRET = "bench-api-secret-not-real";
const API_VERSION = "2026-07";
export const USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
const root = path.resolve(import.meta.dirname, "../..");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface DeploymentOptions {
  database: "sqlite" | "postgres";
  instances: number;
  /** Redis shared by the instances (rate limits, jobs, instance count). Default: instances > 1. */
  redis?: boolean;
  /** HAProxy in front; the deployment's `origin` is then the balancer's. */
  balancer?: boolean;
  /**
   * A Redis of the run's own (redis-server on a free port) instead of BENCH_REDIS_URL, so
   * it can be restarted mid-run without disturbing anything else using the machine's Redis.
   */
  privateRedis?: boolean;
  /** Extra arguments for each instance's node (--cpu-prof, say). */
  nodeArgs?: string[];
  /** Extra environment for each instance. */
  env?: NodeJS.ProcessEnv;
  /** Names the PostgreSQL database (default bench_<pid>). */
  name?: string;
  log?: (message: string) => void;
}

interface Instance {
  port: number;
  origin: string;
  child: ChildProcess;
  exited: Promise<unknown>;
}

export interface Deployment {
  /** Where shoppers' requests go: the balancer's origin, or the first instance's. */
  origin: string;
  /** Each instance's own origin (bench:load spreads shoppers over them without a balancer). */
  origins: () => string[];
  shop: FakeShop;
  databaseUrl: string;
  count(sql: string): Promise<number>;
  /** A signed app-proxy URL, as Shopify forwards it. */
  signed(origin: string, endpoint: string, customerId: string | null, query?: Record<string, string>): URL;
  /** CPU time the instances have used so far (Linux, from /proc), or null elsewhere. */
  cpuMs(): number | null;
  /** Stops the private Redis (SIGKILL), then after `downMs` starts it again on the same port. */
  restartRedis(downMs: number): Promise<void>;
  /** SIGKILLs instance `index`, then (after `downMs`) starts it again on the same port. */
  killAndRestart(index: number, downMs: number): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
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

export async function waitFor(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { headers: { "User-Agent": USER_AGENT } });
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${url}`);
    await sleep(250);
  }
}

/** HAProxy's binary, or an explanation of how to get it. */
export function haproxyPath(): string {
  const found = spawnSync("sh", ["-c", "command -v haproxy || ls /usr/sbin/haproxy"], { encoding: "utf8" });
  const binary = found.stdout.trim().split("\n")[0];
  if (found.status === 0 && binary) return binary;
  throw new Error(
    "HAProxy is not installed: `sudo apt-get install -y haproxy` (Debian/Ubuntu), or `brew install haproxy`.",
  );
}

/**
 * HAProxy in front of the instances: least-connections balancing, health checks on
 * /healthz every 500 ms (an instance that refuses connections is out within a second), and
 * a request whose connection to an instance failed re-sent to another one.
 */
function balancerConfig(port: number, backends: number[]) {
  return [
    "global",
    // Within the file descriptors an unprivileged process gets (two per connection).
    "  maxconn 4000",
    "  nbthread 1",
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 120s",
    "  timeout server 120s",
    "  timeout http-keep-alive 60s",
    "  option http-keep-alive",
    "  retries 3",
    "  option redispatch 1",
    "  retry-on conn-failure empty-response",
    "frontend storefront",
    `  bind 127.0.0.1:${port}`,
    // Shopify's app proxy (and the bench's shoppers) send X-Forwarded-For: keep the shopper's.
    "  default_backend app",
    "backend app",
    "  balance leastconn",
    "  http-reuse safe",
    "  option httpchk GET /healthz",
    "  http-check expect status 200",
    // A killed instance refuses the check's connection at once, so it is out within about a
    // second; a busy one may answer /healthz slowly, which is not a reason to take it out.
    "  timeout check 5s",
    ...backends.map(
      (backendPort, i) => `  server app${i} 127.0.0.1:${backendPort} check inter 500ms fall 2 rise 1 maxconn 200`,
    ),
    "",
  ].join("\n");
}

/**
 * Issue 17, item 5: a 2 MB body refused with 413, then the next requests down the same
 * path (the balancer's pooled connections, or the instance's keep-alive) still answered.
 * Throws when they are not.
 */
export async function checkRefusedBody(deployment: Pick<Deployment, "origin" | "signed">) {
  const twoMegabytes = JSON.stringify({ text: "x".repeat(2 * 1024 * 1024) });
  for (let round = 0; round < 3; round++) {
    const refused = await fetch(deployment.signed(deployment.origin, "messages", null), {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT },
      body: twoMegabytes,
    });
    await refused.arrayBuffer();
    const next = await fetch(deployment.signed(deployment.origin, "session", null), {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT },
      body: "{}",
    });
    await next.arrayBuffer();
    if (refused.status !== 413 || next.status !== 200) {
      throw new Error(`after a refused 2 MB body: ${refused.status} then ${next.status} (want 413 then 200)`);
    }
  }
}

export async function startDeployment(options: DeploymentOptions): Promise<Deployment> {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const useRedis = options.redis ?? options.instances > 1;
  const postgresServer = process.env.BENCH_POSTGRES_URL || "postgres://postgres@127.0.0.1:5432/postgres";
  let redis: { child: ChildProcess; exited: Promise<unknown> } | null = null;
  const redisPort = options.privateRedis ? await freePort() : null;
  const redisUrl =
    redisPort !== null ? `redis://127.0.0.1:${redisPort}` : process.env.BENCH_REDIS_URL || "redis://127.0.0.1:6379";
  async function startRedis() {
    const child = spawn("redis-server", ["--port", String(redisPort), "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    redis = { child, exited: new Promise((resolve) => child.once("exit", resolve)) };
    const { Redis } = await import("ioredis");
    const deadline = Date.now() + 10_000;
    for (;;) {
      const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
      client.on("error", () => undefined);
      const up = await client
        .connect()
        .then(() => client.ping())
        .then(() => true)
        .catch(() => false);
      client.disconnect();
      if (up) return;
      if (Date.now() > deadline) throw new Error("the private redis-server did not start");
      await sleep(100);
    }
  }
  if (redisPort !== null) await startRedis();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-deployment-"));
  const databaseUrl =
    options.database === "sqlite"
      ? `file:${path.join(tmp, "bench.sqlite")}`
      : await createPostgresDatabase(postgresServer, options.name ?? `bench_${process.pid}`);
  migrate(databaseUrl);

  async function count(sql: string): Promise<number> {
    if (options.database === "sqlite") {
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

  const ports = await Promise.all(Array.from({ length: options.instances }, () => freePort()));
  const balancerPort = options.balancer ? await freePort() : null;
  const publicOrigin = `http://127.0.0.1:${balancerPort ?? ports[0]}`;

  function start(port: number): Instance {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      SHOPIFY_API_KEY: API_KEY,
      SHOPIFY_API_SECRET: API_SECRET,
      SHOPIFY_APP_URL: publicOrigin,
      SCOPES: "read_products,read_customers,read_orders,read_legal_policies",
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_ORIGIN: fakeServer.url,
      ...keys,
      ...options.env,
    };
    delete env.REDIS_URL;
    if (useRedis) Object.assign(env, { REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix });
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(root, "scripts/serve.mjs")], {
      cwd: root,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    return {
      port,
      origin: `http://127.0.0.1:${port}`,
      child,
      exited: new Promise((resolve) => child.once("exit", resolve)),
    };
  }

  const instances = ports.map(start);
  let balancer: { child: ChildProcess; exited: Promise<unknown> } | null = null;
  const stop = async () => {
    for (const instance of instances) instance.child.kill("SIGTERM");
    await Promise.race([Promise.all(instances.map((i) => i.exited)), sleep(12_000)]);
    for (const instance of instances) if (instance.child.exitCode === null) instance.child.kill("SIGKILL");
    if (balancer) {
      balancer.child.kill("SIGTERM");
      await Promise.race([balancer.exited, sleep(3_000)]);
    }
    if (redis) {
      redis.child.kill("SIGTERM");
      await Promise.race([redis.exited, sleep(3_000)]);
    }
    await fakeServer.close();
    if (options.database === "postgres") await dropPostgresDatabase(databaseUrl).catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  };

  try {
    await Promise.all(instances.map((instance) => waitFor(`${instance.origin}/healthz`, 90_000)));
    if (balancerPort !== null) {
      const config = path.join(tmp, "haproxy.cfg");
      writeFileSync(config, balancerConfig(balancerPort, ports));
      const child = spawn(haproxyPath(), ["-f", config, "-db"], { stdio: ["ignore", "ignore", "inherit"] });
      balancer = { child, exited: new Promise((resolve) => child.once("exit", resolve)) };
      await waitFor(`${publicOrigin}/healthz`, 10_000);
    }
    log(
      `${options.instances} instance(s) up on ${options.database}${useRedis ? " with Redis" : ""}${balancer ? " behind HAProxy" : ""}`,
    );

    // Install as the merchant's first embedded load does, then wait for the full sync.
    const install = new URL("/app", instances[0].origin);
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
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    origin: publicOrigin,
    origins: () => instances.map((instance) => instance.origin),
    shop,
    databaseUrl,
    count,
    signed(origin, endpoint, customerId, query = {}) {
      const url = new URL(`/apps/assistant/${endpoint}`, origin);
      url.search = signProxyQuery({
        shop: DEMO_SHOP_DOMAIN,
        apiSecret: API_SECRET,
        pathPrefix: "/apps/assistant",
        loggedInCustomerId: customerId,
        query: new URLSearchParams(query),
      }).toString();
      return url;
    },
    cpuMs() {
      let total = 0;
      for (const instance of instances) {
        const stat = `/proc/${instance.child.pid}/stat`;
        if (!existsSync(stat)) return null;
        // utime and stime, in clock ticks (100 a second on Linux), after the command's name.
        const fields = readFileSync(stat, "utf8").split(") ")[1].split(" ");
        total += ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      }
      return total;
    },
    async restartRedis(downMs) {
      if (!redis) throw new Error("restartRedis needs privateRedis");
      redis.child.kill("SIGKILL");
      await redis.exited;
      log("Redis killed (SIGKILL)");
      await sleep(downMs);
      await startRedis();
      log("Redis started again (empty: jobs and buckets start afresh)");
    },
    async killAndRestart(index, downMs) {
      const victim = instances[index];
      victim.child.kill("SIGKILL");
      await victim.exited;
      log(`instance ${index} killed (SIGKILL)`);
      await sleep(downMs);
      instances[index] = start(victim.port);
      await waitFor(`${instances[index].origin}/healthz`, 90_000);
      log(`instance ${index} started again`);
    },
    stop,
  };
}
