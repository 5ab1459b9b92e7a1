/**
 * Latency and memory of the recommender at scale, on a generated shop (seeded, so every run
 * sees the same data): build the index, then time a mix of requests one after another.
 *
 *   npm run bench:recs -- [--products 100000] [--lines 1000000] [--customers 50000] [--requests 2000] [--skip-nightly]
 *
 * Half of the known customers' requests ask for the discover list. Then the nightly job's
 * work at that size: the shop's validation (three fold indexes, each with its learned model,
 * and the weight search, app/recommend/validate.ts) on top of the served index's build;
 * nightlySeconds is the two together and peakRssMb the process's peak resident memory.
 *
 * Progress goes to stderr; the result is the last line on stdout, as one JSON object. rssMb is
 * the process's resident memory after the build and a garbage collection. The catalog and the
 * order lines are generated while they stream into the build, as the app streams them from its
 * database, so what stays is the index (plus Node's own baseline).
 */
import { loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { parseArgs } from "node:util";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { buildRecommenderIndex, recommend, type RecommendRequest } from "../app/recommend/engine";
import { validateShop } from "../app/recommend/validate";
import { DEFAULT_SHAPE, generateShop } from "./recs/generate-shop";
import { percentile, planRequests } from "./recs/bench-requests";

const { values } = parseArgs({
  options: {
    products: { type: "string", default: String(DEFAULT_SHAPE.products) },
    lines: { type: "string", default: String(DEFAULT_SHAPE.orderLines) },
    customers: { type: "string", default: String(DEFAULT_SHAPE.customers) },
    requests: { type: "string", default: "2000" },
    warmup: { type: "string", default: "200" },
    seed: { type: "string", default: String(DEFAULT_SHAPE.seed) },
    "skip-nightly": { type: "boolean", default: false },
  },
});
const log = (message: string) => process.stderr.write(`[bench:recs] ${message}\n`);
const int = (name: string, text: string | undefined) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number ≥ 0`);
  return value;
};

// A collection before measuring memory, without asking every caller to pass --expose-gc.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const shape = {
  ...DEFAULT_SHAPE,
  products: int("products", values.products),
  orderLines: int("lines", values.lines),
  customers: int("customers", values.customers),
  seed: int("seed", values.seed),
};
const requestCount = int("requests", values.requests);
const warmupCount = int("warmup", values.warmup);

const generated = performance.now();
const shop = generateShop(shape);
log(
  `generated the shop's shape for ${shape.products} products in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
);

// How much of the build's time is the generator itself: one pass over the streams alone.
const generationStarted = performance.now();
let streamed = 0;
for (const _ of shop.products()) streamed++;
for (const _ of shop.orderLines()) streamed++;
const generationSeconds = (performance.now() - generationStarted) / 1000;
log(
  `generating the ${streamed} streamed rows alone takes ${generationSeconds.toFixed(2)} s (included in buildSeconds)`,
);

const started = performance.now();
const cpuBefore = process.cpuUsage();
const index = buildRecommenderIndex({ products: shop.products(), orderLines: shop.orderLines() }, { now: shape.end });
const buildSeconds = (performance.now() - started) / 1000;
const buildCpu = process.cpuUsage(cpuBefore);
log(
  `built the index in ${buildSeconds.toFixed(2)} s wall, ${((buildCpu.user + buildCpu.system) / 1e6).toFixed(2)} s CPU ` +
    `(products and order lines generated while streaming in; load average ${loadavg()[0].toFixed(1)}): ` +
    `${index.stats.orders} orders, ${index.stats.customers} customers, ${index.stats.neighbourEntries} neighbour entries, ` +
    `${index.stats.terms} terms`,
);
gc();
const rssMb = process.memoryUsage().rss / 2 ** 20;
const memory = process.memoryUsage();
log(
  `after gc: rss ${rssMb.toFixed(0)} MB, JS heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MB ` +
    `(of ${(memory.heapTotal / 2 ** 20).toFixed(0)} MB reserved), typed arrays ${(memory.arrayBuffers / 2 ** 20).toFixed(0)} MB`,
);

const rng = xoroshiro128plus(shape.seed + 7);
const plan = planRequests(index, shop, shape, warmupCount + requestCount, () => uniformFloat64(rng));
const kinds = new Map<string, number[]>();
const times: number[] = [];
// CPU time per request as well: on a shared machine the wall-clock tail includes waiting for a
// core, which CPU time leaves out. The reported figures are wall-clock.
const cpuTimes: number[] = [];
let returned = 0;
plan.forEach(({ kind, request }: { kind: string; request: RecommendRequest }, k: number) => {
  const asked = kind === "customer" && k % 2 === 1 ? { ...request, list: "discover" as const } : request;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = recommend(index, asked);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  if (k < warmupCount) return;
  times.push(ms);
  cpuTimes.push((cpu.user + cpu.system) / 1000);
  returned += result.items.length;
  const label = asked.list === "discover" ? "customer_discover" : kind;
  if (!kinds.has(label)) kinds.set(label, []);
  kinds.get(label)!.push(ms);
});
for (const [kind, list] of kinds) {
  log(
    `${kind}: ${list.length} requests, p50 ${percentile(list, 50).toFixed(3)} ms, p95 ${percentile(list, 95).toFixed(3)} ms`,
  );
}
log(
  `CPU time per request: p50 ${percentile(cpuTimes, 50).toFixed(3)} ms, p95 ${percentile(cpuTimes, 95).toFixed(3)} ms`,
);
log(
  `${times.length} timed requests after ${warmupCount} warm-up ones, one at a time; ` +
    `${(returned / times.length).toFixed(1)} items each; load average ${loadavg()[0].toFixed(1)}`,
);

let nightly: { validationSeconds: number; nightlySeconds: number; peakRssMb: number; validated: boolean } | null = null;
if (!values["skip-nightly"]) {
  // The job reads the catalog and a year of lines from the database into arrays; so does this.
  const products = [...shop.products()];
  const orderLines = [...shop.orderLines()];
  const v0 = performance.now();
  const validation = validateShop({ products, orderLines }, { now: shape.end });
  const validationSeconds = (performance.now() - v0) / 1000;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  log(
    `nightly validation in ${validationSeconds.toFixed(1)} s (load average ${loadavg()[0].toFixed(1)}): folds ` +
      `${validation.folds.map((f) => `${new Date(f.trainEnd).toISOString().slice(0, 7)} ${f.role} ${f.customers} customers`).join(", ")}; ` +
      `default ${JSON.stringify(validation.default.blend)}; discover ${JSON.stringify(validation.discover.blend)}; ` +
      `last month ${JSON.stringify(validation.lastMonth)}`,
  );
  nightly = {
    validationSeconds: Math.round(validationSeconds * 10) / 10,
    nightlySeconds: Math.round((validationSeconds + buildSeconds) * 10) / 10,
    peakRssMb: Math.round(peakRssMb),
    validated: validation.default.validated,
  };
}

console.log(
  JSON.stringify({
    products: shape.products,
    orderLines: shape.orderLines,
    p50Ms: Math.round(percentile(times, 50) * 1000) / 1000,
    p95Ms: Math.round(percentile(times, 95) * 1000) / 1000,
    rssMb: Math.round(rssMb),
    buildSeconds: Math.round(buildSeconds * 100) / 100,
    learnedItems: index.stats.learnedItems,
    ...(nightly ?? {}),
  }),
);
