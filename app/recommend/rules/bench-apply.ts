import { applyRules } from "./apply";
import type { Candidate } from "./types";
import { validateRules } from "./validate";

/**
 * How long one rules pass takes on a realistic worst case: N candidates (default 5,000,
 * `--candidates N`), ten rules of every kind, all active. Prints the median and p95 of
 * `--runs` passes (default 200) after a warm-up, as one JSON line.
 *
 *   npx tsx app/recommend/rules/bench-apply.ts [--candidates 5000] [--runs 200]
 */
function flag(name: string, fallback: number) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

export function benchCandidates(count: number): Candidate[] {
  return Array.from({ length: count }, (_, i) => ({
    productId: `gid://shopify/Product/${i}`,
    score: 1 - i / count,
    product: {
      vendor: `Vendor ${i % 40}`,
      productType: `Type ${i % 12}`,
      tags: [`tag-${i % 30}`, `Tag-${i % 7}`, "all"],
      collections: [String(1000 + (i % 15))],
      price: (i % 200) + 1,
      available: i % 9 !== 0,
    },
    reason: { strategy: "popular", text: "Popular this week" },
  }));
}

export function benchRules() {
  const result = validateRules([
    { name: "r1", actions: [{ type: "boost", match: { tags: ["tag-3", "tag-4"] }, factor: 2 }] },
    { name: "r2", actions: [{ type: "bury", match: { vendors: ["vendor 5"] }, factor: 2 }] },
    { name: "r3", actions: [{ type: "exclude", match: { price: { min: 180 } } }] },
    { name: "r4", actions: [{ type: "exclude", match: { collections: ["1003"] } }] },
    { name: "r5", actions: [{ type: "inStockOnly" }] },
    { name: "r6", actions: [{ type: "maxPerVendor", max: 20 }] },
    { name: "r7", actions: [{ type: "pin", pins: [{ productId: "4000", position: 1 }] }] },
    { name: "r8", conditions: { segments: ["vip"] }, actions: [{ type: "exclude", match: { tags: ["all"] } }] },
    { name: "r9", actions: [{ type: "boost", match: { productTypes: ["type 3"] }, factor: 1.5 }] },
    { name: "r10", conditions: { pageTypes: ["home"] }, actions: [{ type: "exclude", match: { vendors: ["x"] } }] },
  ]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.rules;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = flag("candidates", 5000);
  const runs = flag("runs", 200);
  const candidates = benchCandidates(count);
  const rules = benchRules();
  const context = { segments: ["returning_visitor"], pageType: "home" as const };
  for (let i = 0; i < 50; i++) applyRules(candidates, rules, context);
  const timings: number[] = [];
  let kept = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    kept = applyRules(candidates, rules, context).length;
    timings.push(performance.now() - start);
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => Number(timings[Math.min(timings.length - 1, Math.floor(q * timings.length))].toFixed(4));
  console.log(
    JSON.stringify({
      bench: "rules.apply",
      candidates: count,
      rules: rules.length,
      kept,
      runs,
      medianMs: at(0.5),
      p95Ms: at(0.95),
      node: process.version,
    }),
  );
}
