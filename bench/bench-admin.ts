// npm run bench:admin — how fast the embedded admin pages feel.
//
// Starts the demo (production build, generated store), lets a few shoppers chat with the
// store so the pages have conversations to show, then loads each admin page in the demo
// admin in Chromium 5 times. By default the browser cache is warm, as for a merchant who
// has opened the app before (one context per page, primed by one unmeasured load; the
// app's assets are content-hashed); --cold uses a fresh context per load. In the app's frame:
// LCP and CLS from PerformanceObserver (buffered), and INP from one real click (Event
// Timing `event` entries with durationThreshold 16, plus `first-input`; the longest
// interaction). Prints the median of each per page; the last line on stdout is one JSON
// object:
//   {"pages":{"dashboard":{"lcpMs":N,"cls":N,"inpMs":N},"inbox":{...}}}
// Goals: LCP ≤ 1500 ms, CLS ≤ 0.05, INP ≤ 100 ms.
//
// Options: --runs N (default 5); --page name=/app/path[@css selector to click] (repeatable;
// default: the dashboard, and the inbox when its route exists); --chats N shoppers before
// measuring (default 24); --cold; --no-build to skip rebuilding the app. CHROME_PATH picks
// the browser.
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Frame } from "playwright-core";
import { startDemo } from "../demo/main";
import { launchChromium, offlineContext } from "../tests/browser/support/chromium";
import { chatWithDemo } from "../tests/browser/support/chats";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
};
const options = (name: string) => argv.flatMap((value, i) => (argv[i - 1] === name ? [value] : []));
const runs = Number(option("--runs") ?? 5);
const chats = Number(option("--chats") ?? 24);
const cold = argv.includes("--cold");
const log = (message: string) => process.stderr.write(`${message}\n`);
const root = path.resolve(import.meta.dirname, "..");

interface PageSpec {
  name: string;
  path: string;
  /** What a merchant clicks first; INP is measured on it. */
  interaction: string;
}

const DEFAULT_INTERACTIONS: Record<string, string> = {
  dashboard: 'button:has-text("Last 7 days")',
  // The inbox's tabs or filters; any of its buttons otherwise.
  inbox: '[role="tab"]:not([aria-selected="true"]), button',
};

function pageList(): PageSpec[] {
  const given = options("--page");
  if (given.length) {
    return given.map((spec) => {
      const match = /^(\w[\w-]*)=(\/[^@]*)(?:@(.+))?$/.exec(spec);
      if (!match) throw new Error(`--page ${spec}: expected name=/app/path or name=/app/path@selector`);
      const [, name, pagePath, interaction] = match;
      return { name, path: pagePath, interaction: interaction ?? DEFAULT_INTERACTIONS[name] ?? "button" };
    });
  }
  const pages: PageSpec[] = [{ name: "dashboard", path: "/app", interaction: DEFAULT_INTERACTIONS.dashboard }];
  // The inbox is built separately; measured once its route is in this checkout.
  const routes = readdirSync(path.join(root, "app/routes"));
  if (routes.some((file) => /^app\.inbox(\.|$)/.test(file) && !file.includes(".test."))) {
    pages.push({ name: "inbox", path: "/app/inbox", interaction: DEFAULT_INTERACTIONS.inbox });
  } else {
    log("No inbox route in this checkout: measuring the dashboard only.");
  }
  return pages;
}

interface Vitals {
  lcp: number;
  cls: number;
  inp: number;
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Starts the observers in the app's document; they report buffered entries from its start.
 * A string, not a function: tsx's helpers (`__name`) do not exist in the page.
 */
const OBSERVE = `(() => {
  const vitals = (window.__vitals = { lcp: 0, cls: 0, inp: 0 });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) vitals.lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) vitals.cls += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  const interaction = (list) => {
    for (const entry of list.getEntries()) {
      if (entry.entryType === "first-input" || entry.interactionId) vitals.inp = Math.max(vitals.inp, entry.duration);
    }
  };
  new PerformanceObserver(interaction).observe({ type: "event", buffered: true, durationThreshold: 16 });
  new PerformanceObserver(interaction).observe({ type: "first-input", buffered: true });
})()`;
const READ = "window.__vitals";

async function appFrame(page: import("playwright-core").Page): Promise<Frame> {
  const handle = await page.waitForSelector("#app-frame");
  const frame = await handle.contentFrame();
  if (!frame) throw new Error("the demo admin has no app frame");
  await frame.waitForLoadState("load");
  return frame;
}

async function measure(browser: Browser, baseUrl: string, spec: PageSpec, warm: BrowserContext | null) {
  const context = warm ?? (await offlineContext(browser, baseUrl));
  try {
    const page = await context.newPage();
    await page.goto(`/admin${spec.path.replace(/^\/app/, "")}`);
    const frame = await appFrame(page);
    // Polaris is on the page, the app hydrated (App Bridge drew the title), nothing pending.
    await frame.waitForSelector(".Polaris-Page", { timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    await frame.evaluate(OBSERVE);
    await page.waitForTimeout(500);
    const { lcp } = (await frame.evaluate(READ)) as Vitals;
    const target = frame.locator(spec.interaction).first();
    await target.click({ timeout: 10_000 });
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1000);
    const { cls, inp } = (await frame.evaluate(READ)) as Vitals;
    return { lcp, cls, inp };
  } finally {
    if (!warm) await context.close();
    else await Promise.all(context.pages().map((page) => page.close()));
  }
}

async function main() {
  const pages = pageList();
  const demo = await startDemo({
    port: 0,
    dataDir: "/nonexistent",
    generated: true,
    build: !argv.includes("--no-build"),
    stateDir: mkdtempSync(path.join(os.tmpdir(), "bench-admin-")),
    log,
    quietApp: true,
  });
  let browser: Browser | null = null;
  try {
    log(`Demo ready at ${demo.url}; ${chats} shoppers chat first…`);
    await chatWithDemo(demo.url, chats);
    browser = await launchChromium();
    // One unmeasured load first: the app server's caches, and the browser's when warm.
    await measure(browser, demo.url, pages[0], null);
    const result: Record<string, { lcpMs: number; cls: number; inpMs: number }> = {};
    for (const spec of pages) {
      const samples = [];
      const warm = cold ? null : await offlineContext(browser, demo.url);
      if (warm) await measure(browser, demo.url, spec, warm);
      for (let run = 1; run <= runs; run++) {
        const sample = await measure(browser, demo.url, spec, warm);
        log(
          `  ${spec.name} run ${run}: LCP ${Math.round(sample.lcp)} ms, CLS ${sample.cls.toFixed(3)}, INP ${Math.round(sample.inp)} ms`,
        );
        samples.push(sample);
      }
      await warm?.close();
      result[spec.name] = {
        lcpMs: Math.round(median(samples.map((s) => s.lcp))),
        cls: Number(median(samples.map((s) => s.cls)).toFixed(3)),
        inpMs: Math.round(median(samples.map((s) => s.inp))),
      };
    }
    console.log(JSON.stringify({ pages: result }));
  } finally {
    await browser?.close();
    await demo.stop();
  }
}

main().catch((error) => {
  console.error(`bench:admin failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
