// npm run bench:load -- [--db sqlite|postgres] [--instances N] [--seconds 60] [--concurrency 200]
//                       [--pace reading|human] [--abusers N] [--balancer] [--kill-one] [--restart-redis]
//
// Load on the production build: N instances of scripts/serve.mjs on loopback, one
// database (a fresh SQLite file, or a fresh PostgreSQL database), Redis shared by the
// instances when N > 1 (rate limits, jobs). A generated demo store is installed and synced
// from the local fake Shopify, then `concurrency` shoppers chat for `seconds` through
// signed app-proxy requests, the way the widget does: open a session, then send messages
// with an idempotency key, waiting out a 429's Retry-After and retrying a 5xx or a network
// error with the same key. Shoppers are spread over the instances.
//
// --pace reading (default): a shopper reads the answer and writes again after 1–3 s.
// --pace human: a message every 5–15 s, as shoppers in a sale's crowd write; with it come
// `--abusers` (default 1) scripts, each one visitor on one address sending 10 messages a
// second without waiting, which the limits must refuse while every shopper is served.
//
// --kill-one: halfway, instance 0 is SIGKILLed and started again 3 s later (implies --balancer:
// the retries reach the other instance). --restart-redis: the run gets its own redis-server,
// killed halfway and started again (empty) 3 s later.
//
// accepted    = messages the server acknowledged (200), each idempotency key once (abusers' too)
// persisted   = shopper messages in the database afterwards
// errors      = 5xx answers and network errors (each is retried with the same key)
// rateLimited = 429s answered to the shoppers (abusers' are under `abusers`)
// lost        = acknowledged messages not in the database; duplicates = shopper rows beyond them
// p99Ms       = 99th percentile of a shopper's acknowledged send's request time
// One JSON line last.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { ensureBuild } from "../demo/main";
import { DEMO_SHOP_DOMAIN } from "../tests/factories/demo-store";
import { messageMix } from "./chat/messages";
import { checkRefusedBody, startDeployment, USER_AGENT } from "./support/deployment";

function option(name: string, fallback: string) {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const DATABASE = option("db", "sqlite");
if (DATABASE !== "sqlite" && DATABASE !== "postgres") throw new Error("--db is sqlite or postgres");
const INSTANCES = Number(option("instances", "1"));
const SECONDS = Number(option("seconds", "60"));
const CONCURRENCY = Number(option("concurrency", "200"));
const PACE = option("pace", "reading");
if (PACE !== "reading" && PACE !== "human") throw new Error("--pace is reading or human");
const ABUSERS = Number(option("abusers", PACE === "human" ? "1" : "0"));
// Milliseconds a shopper waits after an answer before the next message.
const thinkMs = () => (PACE === "human" ? 5_000 + Math.random() * 10_000 : 1_000 + Math.random() * 2_000);
// Failover: one instance SIGKILLed halfway and started again; or Redis killed and started again.
const KILL_ONE = process.argv.includes("--kill-one");
const RESTART_REDIS = process.argv.includes("--restart-redis");
if (KILL_ONE && INSTANCES < 2) throw new Error("--kill-one needs --instances 2 or more");
// With an instance killed, retries must reach the others: through the balancer.
const BALANCER = process.argv.includes("--balancer") || KILL_ONE;
const log = (message: string) => process.stderr.write(`${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

ensureBuild(log);
const deployment = await startDeployment({
  database: DATABASE,
  instances: INSTANCES,
  balancer: BALANCER,
  redis: INSTANCES > 1 || RESTART_REDIS,
  privateRedis: RESTART_REDIS,
  name: `bench_load_${process.pid}`,
  log,
});
const { shop, signed, count } = deployment;
// Behind the balancer every shopper goes through it; otherwise shoppers are spread over the instances.
const originOf = (index: number) =>
  BALANCER ? deployment.origin : deployment.origins()[index % deployment.origins().length];

let exitCode = 0;
try {
  // A refused large body must leave the connections (and the balancer) healthy.
  await checkRefusedBody(deployment);
  log(`a refused 2 MB body left ${BALANCER ? "the balancer" : "the instance"} answering`);

  // ---- Shoppers ------------------------------------------------------------------------------
  const scripts = messageMix(shop, { turns: CONCURRENCY * 40, seed: 8 });
  const stats = { accepted: 0, errors: 0, rateLimited: 0, latencies: [] as number[] };
  // The stored id of every message a shopper was told was sent: each must be in the database.
  const acknowledged: string[] = [];
  const endAt = Date.now() + SECONDS * 1000;

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
    const origin = originOf(index);
    const ip = `10.${(index >> 8) & 255}.${index & 255}.${1 + (index % 250)}`;
    let turn = index;
    while (Date.now() < endAt) {
      const script = scripts[turn++ % scripts.length];
      const opened = await post(origin, "session", {}, script.customerId, ip);
      const conversation = opened.json.conversation as { id: string };
      const visitorToken = opened.json.visitorToken as string;
      for (const [n, text] of script.messages.entries()) {
        // At human pace the first message is typed too, after opening the chat.
        if (n === 0 && PACE === "human") await sleep(thinkMs());
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
        acknowledged.push(String((sent.json.message as { id: string }).id));
        stats.latencies.push(sent.ms);
        // A shopper reads the answer and types the next message.
        await sleep(thinkMs());
      }
    }
  }

  // A script on one address with one visitor token, sending 10 messages a second without
  // waiting for answers or honouring Retry-After.
  const abuse = { sent: 0, accepted: 0, rateLimited: 0, other: 0 };
  async function abuser(index: number) {
    const origin = originOf(index);
    const ip = `203.0.113.${10 + index}`;
    const opened = await post(origin, "session", {}, null, ip);
    const conversationId = (opened.json.conversation as { id: string }).id;
    const visitorToken = opened.json.visitorToken as string;
    const inFlight: Promise<void>[] = [];
    for (let next = performance.now(); Date.now() < endAt; next += 100) {
      await sleep(Math.max(0, next - performance.now()));
      abuse.sent += 1;
      const body = { conversationId, visitorToken, idempotencyKey: randomBytes(12).toString("base64url"), text: "hi" };
      inFlight.push(
        fetch(signed(origin, "messages", null), {
          method: "POST",
          headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT, "X-Forwarded-For": ip },
          body: JSON.stringify(body),
        })
          .then(async (response) => {
            await response.arrayBuffer();
            if (response.status === 200) abuse.accepted += 1;
            else if (response.status === 429) abuse.rateLimited += 1;
            else abuse.other += 1;
          })
          .catch(() => void (abuse.other += 1)),
      );
    }
    await Promise.all(inFlight);
  }

  log(`${CONCURRENCY} shoppers (${PACE} pace) and ${ABUSERS} abuser(s) for ${SECONDS}s…`);
  const abusers = Promise.allSettled(Array.from({ length: ABUSERS }, (_, i) => abuser(i)));
  const fault = sleep((SECONDS * 1000) / 2).then(async () => {
    if (KILL_ONE) await deployment.killAndRestart(0, 3_000);
    if (RESTART_REDIS) await deployment.restartRedis(3_000);
  });
  const failures = (await Promise.allSettled(Array.from({ length: CONCURRENCY }, (_, i) => shopper(i)))).filter(
    (r) => r.status === "rejected",
  );
  await abusers;
  await fault;
  for (const failure of failures.slice(0, 3))
    log(`shopper failed: ${String((failure as PromiseRejectedResult).reason)}`);

  const persisted = await count(
    `SELECT count(*) AS n FROM "Message" WHERE role = 'shopper' AND shop = '${DEMO_SHOP_DOMAIN}'`,
  );
  let found = 0;
  const ids = [...new Set(acknowledged.filter((id) => /^[A-Za-z0-9_-]{1,40}$/.test(id)))];
  for (let i = 0; i < ids.length; i += 500) {
    const list = ids
      .slice(i, i + 500)
      .map((id) => `'${id}'`)
      .join(",");
    found += await count(`SELECT count(*) AS n FROM "Message" WHERE id IN (${list})`);
  }
  // Every send is retried until acknowledged, so a shopper row beyond the acknowledged
  // messages is one stored twice.
  const lost = acknowledged.length - found;
  const duplicates = Math.max(0, persisted - (stats.accepted + abuse.accepted));
  const sorted = stats.latencies.sort((a, b) => a - b);
  const p99 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] : 0;
  log(`rate limited (429, waited out and retried): ${stats.rateLimited}; shoppers that gave up: ${failures.length}`);
  console.log(
    JSON.stringify({
      database: DATABASE,
      instances: INSTANCES,
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      pace: PACE,
      accepted: stats.accepted + abuse.accepted,
      persisted,
      // An abuser's 5xx or network error is a server failure too (its 429s are the point).
      errors: stats.errors + failures.length + abuse.other,
      rateLimited: stats.rateLimited,
      lost,
      duplicates,
      p99Ms: Math.round(p99),
      ...(KILL_ONE ? { killedOne: true } : {}),
      ...(RESTART_REDIS ? { restartedRedis: true } : {}),
      abusers: { count: ABUSERS, sent: abuse.sent, accepted: abuse.accepted, rateLimited: abuse.rateLimited },
    }),
  );
} catch (error) {
  log(`bench:load failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await deployment.stop();
}
process.exit(exitCode);
