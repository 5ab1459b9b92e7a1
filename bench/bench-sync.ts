/**
 * npm run bench:sync [-- --db postgres] [--sizes 10000,100000]
 *
 * Ingests generated bulk-export JSONL (products with variants, images and collection
 * memberships, in Shopify's ungrouped layout: all products first, then their children)
 * into a fresh database, through the sync's own path: the file is served over HTTP and
 * streamed by `readExport`, stored by `ingestLines` in checkpointed transactions, and
 * the products sweep runs at the end, as in a full sync. Prints one JSON line per size,
 * the largest last:
 *   {"database":"sqlite","products":100000,"productsPerSecond":N,"rssGrowthMb":N}
 * Each size is ingested --repeat times (default 3), each time into a fresh database;
 * productsPerSecond is the median of those runs, rssGrowthMb the largest: the peak
 * resident set size during an ingest minus the size just before it (database open, file
 * written), sampled every 20 ms. Sizes run smallest first in one process.
 * BENCH_DEBUG=1 adds per-batch timings and memory details on stderr.
 */
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { once } from "node:events";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    sizes: { type: "string", default: "10000,100000" },
    postgres: {
      type: "string",
      default: process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    },
    "batch-lines": { type: "string" },
    repeat: { type: "string", default: "3" },
  },
});
if (args.db !== "sqlite" && args.db !== "postgres") throw new Error('--db is "sqlite" or "postgres"');
const sizes = args.sizes!.split(",").map((s) => Number(s.trim()));

// The sync's modules validate the app's environment when imported. The bench uses none
// of these values (no Shopify, no encryption of products): placeholders where unset.
const { generateKeyMaterial, parseKeyRing } = await import("../app/privacy/crypto.server");
const material = generateKeyMaterial();
process.env.SHOPIFY_API_KEY ??= "bench";
process.env.SHOPIFY_API_SECRET ??= "bench";
process.env.SHOPIFY_APP_URL ??= "https://bench.invalid";
process.env.SCOPES ??= "read_products";
process.env.ENCRYPTION_KEYS ??= material.ENCRYPTION_KEYS;
process.env.LOOKUP_HASH_KEY ??= material.LOOKUP_HASH_KEY;
delete process.env.SHOPIFY_API_ORIGIN;

const { migrate } = await import("../scripts/migrate.mjs");
const { createPostgresDatabase, dropPostgresDatabase } = await import("../tests/support/postgres");
const { createSyncAdmin } = await import("../app/sync/admin-client.server");
const { readExport } = await import("../app/sync/bulk.server");
const { ingestLines, runCheckpoint, sweepPhase, DEFAULT_BATCH_LINES } = await import("../app/sync/ingest.server");
const { openBulkWriter } = await import("../app/sync/bulk-writer.server");
type Db = import("../app/db.server").Db;

const SHOP = "bench.myshopify.com";
const root = path.resolve(import.meta.dirname, "..");
const workDir = path.join(root, ".tmp", `bench-sync-${process.pid}`);
mkdirSync(workDir, { recursive: true });

/** Deterministic pseudo-random numbers (mulberry32), so every run ingests the same file. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Generated {
  file: string;
  lines: number;
  variants: number;
}

/** Writes the export of `count` products; returns its path and line count. */
async function generate(count: number): Promise<Generated> {
  const file = path.join(workDir, `products-${count}.jsonl`);
  const out = createWriteStream(file);
  let lines = 0;
  let variants = 0;
  const write = async (value: object) => {
    lines += 1;
    if (!out.write(JSON.stringify(value) + "\n")) await once(out, "drain");
  };
  const words = ["Paper", "Linen", "Glass", "Oak", "Cotton", "Crane", "Lantern", "Notebook", "Mug", "Tote"];
  const productId = (i: number) => `gid://shopify/Product/${1_000_000 + i}`;
  const updated = "2026-06-01T12:00:00Z";
  let rng = random(count);
  for (let i = 0; i < count; i++) {
    const title = `${words[Math.floor(rng() * 5)]} ${words[5 + Math.floor(rng() * 5)]} ${i}`;
    await write({
      id: productId(i),
      title,
      handle: title.toLowerCase().replaceAll(" ", "-"),
      description: `${title}. Made by hand in small batches; every piece differs a little from the photo.`,
      vendor: "Bench Supply Co.",
      productType: words[Math.floor(rng() * 10)],
      tags: ["bench", words[Math.floor(rng() * 10)].toLowerCase()],
      status: "ACTIVE",
      onlineStoreUrl: `https://${SHOP}/products/${title.toLowerCase().replaceAll(" ", "-")}`,
      totalInventory: 12,
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: updated,
      options: [{ name: "Size", values: ["S", "M", "L", "XL"] }],
    });
  }
  // The children, after every product, as an ungrouped export lists them.
  rng = random(count);
  const sizes = ["S", "M", "L", "XL"];
  for (let i = 0; i < count; i++) {
    const parent = productId(i);
    const variantCount = 1 + Math.floor(rng() * 4);
    for (let v = 0; v < variantCount; v++) {
      variants += 1;
      await write({
        id: `gid://shopify/ProductVariant/${10_000_000 + i * 4 + v}`,
        title: sizes[v],
        sku: `SKU-${i}-${sizes[v]}`,
        price: (5 + (i % 50)).toFixed(2),
        compareAtPrice: v === 0 ? null : (9 + (i % 50)).toFixed(2),
        availableForSale: true,
        inventoryQuantity: 3,
        position: v + 1,
        updatedAt: updated,
        selectedOptions: [{ name: "Size", value: sizes[v] }],
        __parentId: parent,
      });
    }
    for (let m = 0; m < 2; m++) {
      await write({
        id: `gid://shopify/MediaImage/${20_000_000 + i * 2 + m}`,
        image: { url: `https://cdn.example.test/p/${i}-${m}.jpg`, altText: m === 0 ? "Front" : null },
        __parentId: parent,
      });
    }
    await write({
      id: `gid://shopify/Collection/${500 + (i % 40)}`,
      title: `Collection ${i % 40}`,
      handle: `collection-${i % 40}`,
      updatedAt: updated,
      __parentId: parent,
    });
  }
  out.end();
  await once(out, "finish");
  return { file, lines, variants };
}

async function openDatabase(name: string): Promise<{ db: Db; url: string; close(): Promise<void> }> {
  if (args.db === "postgres") {
    const url = await createPostgresDatabase(args.postgres!, name);
    migrate(url);
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("../app/db/generated/postgresql/client"),
      import("@prisma/adapter-pg"),
    ]);
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
    return {
      db,
      url,
      close: async () => {
        await db.$disconnect();
        await dropPostgresDatabase(url);
      },
    };
  }
  const file = path.join(workDir, `${name}.sqlite`);
  migrate(`file:${file}`);
  const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
    import("../app/db/generated/sqlite/client"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  // As the app opens it (app/db.server.ts): WAL journal.
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 5000 }) });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  return {
    db,
    url: `file:${file}`,
    close: async () => {
      await db.$disconnect();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}

/** Serves the file the way Shopify's storage does: a plain streamed GET. */
async function serve(file: string) {
  const server = createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "application/jsonl", "Content-Length": statSync(file).size });
    createReadStream(file).pipe(res);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/export.jsonl`, close: () => server.close() };
}

async function measure(count: number, generated: Generated, attempt: number) {
  const { db, url, close } = await openDatabase(`bench_sync_${process.pid}_${count}_${attempt}`);
  const writer = await openBulkWriter(url);
  const served = await serve(generated.file);
  try {
    const run = await db.syncRun.create({
      data: { shop: SHOP, activeShop: SHOP, trigger: "manual", status: "running", phase: "products" },
    });
    await db.shop.create({ data: { domain: SHOP } });
    const admin = createSyncAdmin({ shop: SHOP, accessToken: "unused", fetch: globalThis.fetch });
    const keyRing = parseKeyRing(process.env.ENCRYPTION_KEYS!, process.env.LOOKUP_HASH_KEY!);
    const snapshotAt = new Date();

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let peakDetail = process.memoryUsage();
    const base = process.memoryUsage();
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      if (m.rss > peak) {
        peak = m.rss;
        peakDetail = m;
      }
    }, 20);
    const started = performance.now();
    const last = await ingestLines({
      writer,
      shop: SHOP,
      runId: run.id,
      keyRing,
      lines: readExport(admin, served.url),
      batchLines: args["batch-lines"] ? Number(args["batch-lines"]) : DEFAULT_BATCH_LINES,
      checkpoint: (lastLine, added) =>
        runCheckpoint(writer.dialect, run.id, lastLine, added, new Date(Date.now() + 120_000)),
      afterBatch: process.env.BENCH_DEBUG
        ? (lastLine) => console.error(`${lastLine} ${(performance.now() - started).toFixed(0)}ms`)
        : undefined,
    });
    await sweepPhase(db, "products", { shop: SHOP, runId: run.id, snapshotAt });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    if (process.env.BENCH_DEBUG) console.error(JSON.stringify({ base, peakDetail }));
    peak = Math.max(peak, process.memoryUsage().rss);

    // The figure counts only if everything arrived.
    const [products, variants] = await Promise.all([
      db.product.count({ where: { shop: SHOP, deletedAt: null } }),
      db.productVariant.count({ where: { shop: SHOP } }),
    ]);
    if (last !== generated.lines || products !== count || variants !== generated.variants) {
      throw new Error(
        `ingest incomplete: lines ${last}/${generated.lines}, products ${products}/${count}, variants ${variants}/${generated.variants}`,
      );
    }
    return {
      productsPerSecond: Math.round(count / seconds),
      rssGrowthMb: Number(((peak - baseline) / 1024 / 1024).toFixed(1)),
      seconds: Number(seconds.toFixed(2)),
    };
  } finally {
    served.close();
    await writer.close();
    await close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

try {
  const repeat = Math.max(1, Number(args.repeat));
  const results = [];
  for (const size of sizes.sort((a, b) => a - b)) {
    const generated = await generate(size);
    const runs = [];
    for (let attempt = 1; attempt <= repeat; attempt++) runs.push(await measure(size, generated, attempt));
    results.push({
      database: args.db,
      products: size,
      productsPerSecond: Math.round(median(runs.map((r) => r.productsPerSecond))),
      rssGrowthMb: Math.max(...runs.map((r) => r.rssGrowthMb)),
      variants: generated.variants,
      exportLines: generated.lines,
      runs: runs.map((r) => ({
        productsPerSecond: r.productsPerSecond,
        rssGrowthMb: r.rssGrowthMb,
        seconds: r.seconds,
      })),
    });
  }
  for (const result of results) console.log(JSON.stringify(result));
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
