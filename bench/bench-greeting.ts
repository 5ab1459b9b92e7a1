// npm run bench:greeting [-- --products 2000 --openings 2000 --concurrency 1]
//
// What opening the chat costs for the greeting (issue 7): the shopper's segment from their
// synced customer record and orders, the template for segment and page type, the offer,
// the running greeting experiment's variant and its exposure, and, for the visitors the
// experiment leaves out, the greeting bandit's choice between two variants and its pull. Against a generated shop
// brought in by the real full sync, with the merchant's templates, an offer and a running
// experiment; half the openings by logged-in customers, half by anonymous visitors, on
// product and home pages. One process on SQLite; --concurrency N opens N chats at a time
// (a busy shop), each opening timed on its own. Prints one JSON line last.
import { performance } from "node:perf_hooks";
import { syncedBenchShop } from "./support/synced-shop";

function option(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  return index !== -1 ? Number(process.argv[index + 1]) : fallback;
}

const PRODUCTS = option("products", 2_000);
const OPENINGS = option("openings", 2_000);
const CONCURRENCY = Math.max(1, option("concurrency", 1));
const log = (message: string) => process.stderr.write(`${message}\n`);

const { db, domain, close } = await syncedBenchShop(
  "greeting",
  { products: PRODUCTS, customers: 1_000, orders: 4_000, seed: 42 },
  log,
);
const { keyRing } = await import("../app/privacy/keys.server");
const { writeSetting } = await import("../app/settings/store.server");
const { greetingTemplates, segmentOffers } = await import("../app/settings/definitions.server");
const { saveExperiment, startExperiment } = await import("../app/experiments/store.server");
const { sessionGreeting } = await import("../app/personalize/greeting.server");

await writeSetting(db, domain, greetingTemplates, [
  {
    id: "vip-product",
    segment: "vip",
    pageType: "product",
    source: "Welcome back, {{ customer.first_name | default: 'friend' }}! {{ product.title }} is a favourite.",
  },
  {
    id: "repeat",
    segment: "repeat_customer",
    pageType: null,
    source: "Good {{ time_of_day }}, {{ customer.first_name | default: 'there' }}!",
  },
  {
    id: "repeat-2",
    segment: "repeat_customer",
    pageType: null,
    source: "Nice to see you again, {{ customer.first_name | default: 'friend' }}. What are you after today?",
  },
  { id: "product", segment: null, pageType: "product", source: "Questions about {{ product.title }}? Ask away." },
  { id: "everyone", segment: null, pageType: null, source: "Hello from {{ shop.name }}!" },
  { id: "everyone-2", segment: null, pageType: null, source: "Hi! Ask me anything about {{ shop.name }}." },
]);
await writeSetting(db, domain, segmentOffers, [
  {
    id: "vip",
    name: "VIP",
    segment: "vip",
    code: "VIP15",
    message: "Use {{ offer.code }} for 15% off.",
    placement: "greeting",
  },
]);
const saved = await saveExperiment(
  db,
  domain,
  {
    name: "Bench",
    kind: "greeting",
    primaryMetric: "engagement",
    segment: "new_visitor",
    variants: [
      { name: "A", percent: 50, payload: "Hi! Looking for something?" },
      { name: "B", percent: 50, payload: "Questions? Ask away." },
    ],
  },
  new Date(),
);
if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
await startExperiment(db, domain, saved.experiment.experiment.id, new Date());

const shop = await db.shop.findUniqueOrThrow({ where: { domain } });
const customers = (await db.customer.findMany({ where: { shop: domain }, select: { id: true } })).map((c) =>
  c.id.replace(/\D/g, ""),
);
const products = (await db.product.findMany({ where: { shop: domain }, select: { id: true }, take: 500 })).map(
  (p) => p.id,
);

const open = (i: number) =>
  sessionGreeting(db, {
    keyRing,
    shop: { domain, name: shop.name, currency: shop.currency, timezone: shop.timezone },
    visitorId: `visitor-${i}`,
    customerId: i % 2 === 0 ? customers[i % customers.length] : null,
    trackingOff: false,
    pageType: i % 3 === 0 ? "home" : "product",
    productId: i % 3 === 0 ? null : products[i % products.length],
    now: new Date(),
  });
await open(-1); // warm the per-shop settings cache, as the first chat of a running app does

log(`opening the chat ${OPENINGS.toLocaleString("en")} times…`);
const durations: number[] = [];
const sources = new Map<string, number>();
const started = performance.now();
for (let round = 0; round < OPENINGS; round += CONCURRENCY) {
  const indexes = Array.from({ length: Math.min(CONCURRENCY, OPENINGS - round) }, (_, k) => round + k);
  await Promise.all(
    indexes.map(async (i) => {
      const t0 = performance.now();
      const greeting = await open(i);
      durations.push(performance.now() - t0);
      const source = greeting?.experiment ? "experiment" : (greeting?.templateId ?? "widget default");
      sources.set(source, (sources.get(source) ?? 0) + 1);
    }),
  );
}
const elapsed = (performance.now() - started) / 1000;
durations.sort((a, b) => a - b);
const pick = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))];
log(`greetings by source: ${JSON.stringify(Object.fromEntries(sources))}`);
const exposures = await db.experimentEvent.count({ where: { shop: domain, type: "exposure" } });
const { banditSummaries } = await import("../app/experiments/bandit.server");
// Waits for the queued pulls, then counts them.
const banditPulls = (await banditSummaries(db, domain))
  .flatMap((summary) => summary.arms)
  .reduce((sum, arm) => sum + arm.pulls, 0);
await close();
await db.$disconnect();
console.log(
  JSON.stringify({
    products: PRODUCTS,
    customers: customers.length,
    openings: durations.length,
    concurrency: CONCURRENCY,
    exposures,
    banditPulls,
    p50Ms: Number(pick(0.5).toFixed(2)),
    p95Ms: Number(pick(0.95).toFixed(2)),
    openingsPerSecond: Math.round(durations.length / elapsed),
  }),
);
process.exit(0);
