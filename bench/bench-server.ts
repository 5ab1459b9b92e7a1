// npm run bench:server -- [--setups sqlite-1,postgres-1,postgres-2] [--rates 50,100,200,400,800]
//                         [--seconds 30] [--cpu-prof DIR]
//
// What one deployment holds: signed app-proxy chat sends driven open-loop (at a fixed rate,
// whether or not earlier ones were answered, as a crowd arrives) against the production
// build, each rate for `seconds`. Setups:
//   sqlite-1    one instance on SQLite, shoppers straight to it
//   postgres-1  one instance on PostgreSQL + Redis behind HAProxy
//   postgres-2  two instances on PostgreSQL + Redis behind HAProxy
// (bench/support/deployment.ts; docs/decisions/0096-load-balancer-and-server-benchmark.md). Conversations are
// new and ongoing mixed as in bench:load: each send continues an open conversation whose
// shopper has had time to read the last answer (4 s, so no visitor limit applies), or opens
// a new one (POST session, then the message) when none is free. The shop's own limit is set
// high through the admin settings page: this measures the server, not the limits.
//
// A rate is held when every send of it was answered 200 and the p99 of their request times
// is ≤ 250 ms; the rates are tried in order and a setup stops at the first not held.
// One JSON line last: {"setups":{"sqlite-1":{"maxRate":n,"p99Ms":x},...},"load":[1,5,15 min]}
// (p99Ms at maxRate; maxRate 0 and p99Ms null when not even the first rate was held).
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ensureBuild } from "../demo/main";
import { signSessionToken } from "../tests/fake-shopify/signing";
import { DEMO_SHOP_DOMAIN } from "../tests/factories/demo-store";
import { messageMix, type Script } from "./chat/messages";
import {
  API_KEY,
  API_SECRET,
  checkRefusedBody,
  startDeployment,
  USER_AGENT,
  type Deployment,
} from "./support/deployment";

function option(name: string, fallback: string) {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const SETUPS = {
  "sqlite-1": { database: "sqlite", instances: 1, balancer: false },
  "postgres-1": { database: "postgres", instances: 1, balancer: true },
  "postgres-2": { database: "postgres", instances: 2, balancer: true },
} as const;
type SetupName = keyof typeof SETUPS;

const setups = option("setups", Object.keys(SETUPS).join(",")).split(",") as SetupName[];
for (const name of setups) if (!(name in SETUPS)) throw new Error(`unknown setup ${name}: ${Object.keys(SETUPS)}`);
const RATES = option("rates", "50,100,200,400,800").split(",").map(Number);
const SECONDS = Number(option("seconds", "30"));
const CPU_PROFILE_DIR = option("cpu-prof", "");
const P99_GOAL_MS = 250;
// A shopper reads the answer before writing again; the visitor bucket refills one message every 4 s.
const READ_MS = 4_000;
const log = (message: string) => process.stderr.write(`${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Conversation {
  script: Script;
  next: number;
  conversationId: string;
  visitorToken: string;
  ip: string;
  readyAt: number;
}

interface RateResult {
  rate: number;
  sent: number;
  ok: number;
  errors: number;
  opened: number;
  p50Ms: number;
  p99Ms: number;
  /** The instances' CPU time per send (opening included), where /proc tells it. */
  cpuMsPerSend: number | null;
  held: boolean;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0;

/** The merchant raises the shop-wide limit on the settings page, as a real admin request does. */
async function raiseShopLimit(deployment: Deployment) {
  const body = new URLSearchParams({
    intent: "save",
    llmBaseUrl: "https://api.openai.com/v1",
    llmModel: "gpt-4o-mini",
    chatMessagesPerSecond: "10000",
  });
  const response = await fetch(new URL("/app/settings.data", deployment.origins()[0]), {
    method: "POST",
    headers: {
      Authorization: `Bearer ${signSessionToken({ shop: DEMO_SHOP_DOMAIN, apiKey: API_KEY, apiSecret: API_SECRET })}`,
      "User-Agent": USER_AGENT,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body,
  });
  await response.arrayBuffer();
  const saved = await deployment.count(
    `SELECT count(*) AS n FROM "ShopSetting" WHERE key = 'chat.limits' AND value LIKE '%10000%'`,
  );
  if (saved !== 1) throw new Error(`could not raise the shop's chat limit (settings answered ${response.status})`);
}

async function drive(deployment: Deployment, rate: number, seconds: number, pool: Conversation[], scripts: Script[]) {
  let scriptIndex = 0;
  let ipIndex = 0;
  const latencies: number[] = [];
  const result = { sent: 0, ok: 0, errors: 0, opened: 0 };
  const origin = deployment.origin;

  async function post(endpoint: string, body: unknown, customerId: string | null, ip: string) {
    const response = await fetch(deployment.signed(origin, endpoint, customerId), {
      method: "POST",
      headers: { "Content-Type": "application/json", "User-Agent": USER_AGENT, "X-Forwarded-For": ip },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    return { status: response.status, json };
  }

  async function conversationForNextSend(): Promise<Conversation | null> {
    const now = Date.now();
    const index = pool.findIndex((c) => c.readyAt <= now);
    if (index !== -1) return pool.splice(index, 1)[0];
    const script = scripts[scriptIndex++ % scripts.length];
    const n = ipIndex++;
    const ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    const opened = await post("session", {}, script.customerId, ip).catch(() => null);
    if (!opened || opened.status !== 200 || !opened.json) return null;
    result.opened += 1;
    return {
      script,
      next: 0,
      conversationId: (opened.json.conversation as { id: string }).id,
      visitorToken: opened.json.visitorToken as string,
      ip,
      readyAt: 0,
    };
  }

  async function sendOne() {
    result.sent += 1;
    const conversation = await conversationForNextSend();
    if (!conversation) {
      result.errors += 1;
      return;
    }
    const started = performance.now();
    const sent = await post(
      "messages",
      {
        conversationId: conversation.conversationId,
        visitorToken: conversation.visitorToken,
        idempotencyKey: randomBytes(12).toString("base64url"),
        text: conversation.script.messages[conversation.next],
      },
      conversation.script.customerId,
      conversation.ip,
    ).catch(() => null);
    latencies.push(performance.now() - started);
    if (sent?.status === 200) result.ok += 1;
    else result.errors += 1;
    conversation.next += 1;
    if (conversation.next < conversation.script.messages.length) {
      conversation.readyAt = Date.now() + READ_MS;
      pool.push(conversation);
    }
  }

  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const inFlight: Promise<void>[] = [];
  const cpuBefore = deployment.cpuMs();
  const start = performance.now();
  for (let i = 0; i < total;) {
    // Every send that is due goes now, however many earlier ones are still unanswered.
    const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
    for (; i < due; i++) inFlight.push(sendOne());
    await sleep(Math.max(0, start + i * interval - performance.now()));
  }
  await Promise.all(inFlight);
  const cpuAfter = deployment.cpuMs();
  latencies.sort((a, b) => a - b);
  const p99Ms = Math.round(percentile(latencies, 0.99));
  return {
    rate,
    ...result,
    p50Ms: Math.round(percentile(latencies, 0.5)),
    p99Ms,
    cpuMsPerSend:
      cpuBefore === null || cpuAfter === null ? null : Math.round(((cpuAfter - cpuBefore) / total) * 100) / 100,
    held: result.errors === 0 && p99Ms <= P99_GOAL_MS,
  } satisfies RateResult;
}

ensureBuild(log);
const summary: Record<string, { maxRate: number; p99Ms: number | null }> = {};
let exitCode = 0;
for (const name of setups) {
  const setup = SETUPS[name];
  const deployment = await startDeployment({
    database: setup.database,
    instances: setup.instances,
    redis: setup.database === "postgres",
    balancer: setup.balancer,
    name: `bench_server_${process.pid}`,
    nodeArgs: CPU_PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(CPU_PROFILE_DIR, name)] : [],
    log,
  });
  try {
    await raiseShopLimit(deployment);
    // Bad input never disturbs the next request, through the balancer too (issue 17, item 5).
    await checkRefusedBody(deployment);
    const scripts = messageMix(deployment.shop, { turns: 40_000, seed: 8 });
    const pool: Conversation[] = [];
    // Warm up (the assistant's indexes, the database's caches, the JIT); not counted.
    await drive(deployment, 20, 5, pool, scripts);
    summary[name] = { maxRate: 0, p99Ms: null };
    for (const rate of RATES) {
      const result = await drive(deployment, rate, SECONDS, pool, scripts);
      log(`${name} ${JSON.stringify(result)} load ${os.loadavg().map((l) => l.toFixed(2))}`);
      if (!result.held) break;
      summary[name] = { maxRate: rate, p99Ms: result.p99Ms };
      // The next rate starts from a server that has caught up.
      await sleep(2_000);
    }
  } catch (error) {
    log(`bench:server ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    exitCode = 1;
  } finally {
    await deployment.stop();
  }
}
console.log(JSON.stringify({ setups: summary, load: os.loadavg().map((l) => Math.round(l * 100) / 100) }));
process.exit(exitCode);
