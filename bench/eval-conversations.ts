// Scripted multi-turn conversations against the demo store (issue 13). Progress and the
// failing conversations go to stderr and stdout; the result is one JSON line, last, on stdout.
//   npm run eval:conversations [-- --set dev|held-out|all] [--only <part of an id>] [--verbose] [--data DIR]
//
// The demo store is built as `npm run demo` builds it (the Online Retail transactions and
// Shopify's sample product CSVs in the local fake Shopify, the demo's policies), brought into
// a fresh SQLite database by the real full sync, and every script is answered in-process by
// the real `respond()`, its state carried from turn to turn.
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { datasetFile, datasetsDir } from "../scripts/datasets.mjs";
import { demoPolicies, loadDatasetStore } from "../tests/factories/demo-store";
import { describeResult, duplicateIds, runScripts, summarize, type SetName } from "./conversations/harness";
import type { Script, ScriptSet, World } from "./conversations/types";
import { syncedBenchShop } from "./support/synced-shop";

const log = (message: string) => process.stderr.write(`${message}\n`);

async function heldOutSet(): Promise<ScriptSet> {
  let mod: { heldOut?: ScriptSet; default?: ScriptSet };
  try {
    mod = await import("./conversations/held-out");
  } catch (error) {
    throw new Error(
      `the held-out set bench/conversations/held-out.ts could not be loaded (${error instanceof Error ? error.message : String(error)}); run with --set dev`,
    );
  }
  const set = mod.heldOut ?? mod.default;
  if (typeof set !== "function") throw new Error("bench/conversations/held-out.ts exports no `heldOut` script set");
  return set;
}

async function main() {
  const { values } = parseArgs({
    options: {
      set: { type: "string", default: "all" },
      only: { type: "string" },
      verbose: { type: "boolean", default: false },
      data: { type: "string" },
    },
    strict: true,
  });
  if (!["dev", "held-out", "all"].includes(values.set!))
    throw new Error(`--set is dev, held-out or all, not ${values.set}`);
  const dataDir = datasetsDir();
  if (!datasetFile(dataDir, "online-retail/online_retail.csv.gz"))
    throw new Error(
      `the demo store's datasets are not in ${dataDir} (online-retail/online_retail.csv.gz is missing); pass --data DIR or set ASSISTANT_DATA_DIR`,
    );

  // Loaded before the shop so that a missing held-out file fails in a second, not after the sync.
  const sets: { name: SetName; scripts: ScriptSet }[] = [];
  if (values.set !== "held-out") {
    // The development set is all six parts: dev.ts and dev-2.ts to dev-6.ts.
    const [{ dev }, { dev2 }, { dev3 }, { dev4 }, { dev5 }, { dev6 }] = await Promise.all([
      import("./conversations/dev"),
      import("./conversations/dev-2"),
      import("./conversations/dev-3"),
      import("./conversations/dev-4"),
      import("./conversations/dev-5"),
      import("./conversations/dev-6"),
    ]);
    sets.push({
      name: "dev",
      scripts: (world) => [
        ...dev(world),
        ...dev2(world),
        ...dev3(world),
        ...dev4(world),
        ...dev5(world),
        ...dev6(world),
      ],
    });
  }
  if (values.set !== "dev") sets.push({ name: "held-out", scripts: await heldOutSet() });

  const now = new Date();
  const started = performance.now();
  const { db, domain, fakeShop, counts, timings, close } = await syncedBenchShop(
    "conversations",
    {
      settings: {
        name: "Demo Gift Shop",
        email: "owner@demo-gift-shop.example",
        contactEmail: "help@demo-gift-shop.example",
        currencyCode: "GBP",
        ianaTimezone: "Europe/London",
        primaryLocale: "en",
      },
      async load(shop, progress) {
        shop.policies = demoPolicies(shop.domain);
        progress(`loading the demo store from ${dataDir}…`);
        const summary = await loadDatasetStore(shop, dataDir, { now: now.getTime(), onProgress: progress });
        if (!summary) throw new Error(`the Online Retail data could not be read from ${dataDir}`);
      },
    },
    log,
  );
  try {
    log(
      `demo store loaded in ${(timings.loadMs / 1000).toFixed(1)} s and synced in ${(timings.syncMs / 1000).toFixed(1)} s ` +
        `(${counts.products} products, ${counts.customers} customers, ${counts.orders} orders, ${counts.lineItems} order lines)`,
    );

    // The World is what the app could know: the orders the sync brought in (the last 60 days
    // without read_all_orders), the published catalog, the policies and the shop's facts.
    const syncedOrders = new Set(
      (await db.order.findMany({ where: { shop: domain, deletedAt: null }, select: { id: true } })).map((o) => o.id),
    );
    const products = [...fakeShop.products.values()].filter((p) => p.status === "ACTIVE" && p.publishedOnlineStore);
    const world: World = {
      products,
      byId: new Map(products.map((p) => [p.id, p])),
      orders: [...fakeShop.orders.values()].filter((o) => syncedOrders.has(o.id)),
      customers: [...fakeShop.customers.values()],
      policies: fakeShop.policies,
      shop: {
        name: fakeShop.name,
        currency: fakeShop.currencyCode,
        timezone: fakeShop.ianaTimezone,
        contactEmail: fakeShop.contactEmail,
      },
      now,
    };

    const scripts: { script: Script; set: SetName }[] = [];
    for (const { name, scripts: make } of sets) {
      const list = make(world);
      const duplicates = duplicateIds(list);
      if (duplicates.length) throw new Error(`the ${name} set repeats script ids: ${duplicates.join(", ")}`);
      for (const script of list)
        if (!values.only || script.id.includes(values.only)) scripts.push({ script, set: name });
    }
    if (!scripts.length) throw new Error(`no script matches --only ${values.only}`);

    // After the environment is set by the shop's set-up: app modules read it once, at load.
    const { respond } = await import("../app/assistant/respond.server");
    log(`running ${scripts.length} conversations…`);
    const ran = performance.now();
    let turns = 0;
    const results = await runScripts(
      scripts,
      world,
      ({ script, text, state, history }) => {
        turns++;
        return respond(db, {
          shop: domain,
          conversationId: `eval-${script.id}`,
          customerId: script.customerId ?? null,
          visitorId: `eval-visitor-${script.id}`,
          text,
          locale: "en",
          page: script.page,
          personalization: true,
          state,
          history,
          now: world.now,
        });
      },
      (result) => {
        const lines = describeResult(result, values.verbose);
        if (lines.length) process.stdout.write(`${lines.join("\n")}\n`);
      },
    );
    const runMs = performance.now() - ran;
    // Failures by the first two parts of the id (the dev set's `<category>/<failure class>`).
    const groups = new Map<string, { conversations: number; failed: number }>();
    for (const r of results) {
      const key = `${r.set} ${r.id.split("/").slice(0, 2).join("/")}`;
      const group = groups.get(key) ?? { conversations: 0, failed: 0 };
      group.conversations++;
      if (!r.passed) group.failed++;
      groups.set(key, group);
    }
    for (const [key, g] of [...groups].sort()) log(`  ${key}: ${g.conversations - g.failed}/${g.conversations} passed`);
    log(
      `${results.length} conversations, ${turns} turns in ${(runMs / 1000).toFixed(1)} s; ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s in all`,
    );
    process.stdout.write(`${JSON.stringify(summarize(results))}\n`);
  } finally {
    await close();
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error) => {
    log(`eval:conversations: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
