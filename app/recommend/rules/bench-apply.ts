import { loadavg } from "node:os";
import { applyRules } from "./apply";
import type { Candidate } from "./types";
import { validateRules } from "./validate";

/**
 * How long one rules pass takes: candidate lists of several sizes (default 1,000, 2,000
 * and 5,000; `--sizes 1000,5000`), ten rules of every kind, all active. For each size,
 * the median and p95 wall time of `--runs` passes (default 200) after a warm-up, and the
 * median CPU time (less disturbed by other work on a shared machine). One JSON line.
 *
 *   npx tsx app/recommend/rules/bench-apply.ts [--sizes 1000,2000,5000] [--runs 200]
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
  const sizesFlag = process.argv.indexOf("--sizes");
  const sizes = sizesFlag >= 0 ? process.argv[sizesFlag + 1].split(",").map(Number) : [1000, 2000, 5000];
  const runs = flag("runs", 200);
  const rules = benchRules();
  const context = { segments: ["returning_visitor"], pageType: "home" as const };
  const round = (value: number) => Number(value.toFixed(4));
  const quantile = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  };
  const medianMs: Record<number, number> = {};
  const p95Ms: Record<number, number> = {};
  const medianCpuMs: Record<number, number> = {};
  const kept: Record<number, number> = {};
  for (const size of sizes) {
    const candidates = benchCandidates(size);
    for (let i = 0; i < 50; i++) applyRules(candidates, rules, context);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const startCpu = process.cpuUsage();
      const start = performance.now();
      kept[size] = applyRules(candidates, rules, context).length;
      wall.push(performance.now() - start);
      const used = process.cpuUsage(startCpu);
      cpu.push((used.user + used.system) / 1000);
    }
    medianMs[size] = quantile(wall, 0.5);
    p95Ms[size] = quantile(wall, 0.95);
    medianCpuMs[size] = quantile(cpu, 0.5);
  }
  console.log(
    JSON.stringify({
      bench: "rules.apply",
      rules: rules.length,
      runs,
      kept,
      medianMs,
      p95Ms,
      medianCpuMs,
      loadAverage: Number(loadavg()[0].toFixed(2)),
      node: process.version,
    }),
  );
}
