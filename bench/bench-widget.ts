// npm run bench:widget — what the chat bubble costs a store.
//
// Prints the loader's and the chat UI's gzip'd sizes, and the Lighthouse performance
// score (mobile defaults, simulated throttling) of the demo store's product page without
// and with the app embed: 5 runs each, alternated in one run (ABBA order), median of each,
// in a fresh Chromium profile per run. The last line on stdout is one JSON object:
//   {"loaderGzipBytes":N,"uiGzipBytes":N,"lighthouseWithout":N,"lighthouseWith":N,"lighthouseDrop":N}
//
// Options: --runs N (per variant, default 5); --data DIR to use the datasets' store
// (default: the small generated store, whose pages need nothing from the internet);
// --no-build to skip rebuilding the app. CHROME_PATH picks the browser.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { startDemo } from "../demo/main";
import { datasetsDir } from "../scripts/datasets.mjs";
import { CHROMIUM_ARGS, chromiumPath } from "../tests/browser/support/chromium";
import { widgetSizes } from "./widget-size";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
};
const runs = Number(option("--runs") ?? 5);
const useDatasets = argv.includes("--data");
const log = (message: string) => process.stderr.write(`${message}\n`);

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

interface Run {
  score: number;
  /** Simulated Largest Contentful Paint and Total Blocking Time (ms), to show where scores move. */
  lcp: number;
  tbt: number;
}

async function lighthouseRun(url: string, chromePath: string): Promise<Run> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: [...CHROMIUM_ARGS, "--headless=new"] });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
    });
    const score = result?.lhr.categories.performance.score;
    if (typeof score !== "number") {
      throw new Error(
        `Lighthouse gave no performance score for ${url}: ${result?.lhr.runtimeError?.message ?? "unknown"}`,
      );
    }
    const audits = result!.lhr.audits;
    return {
      // Lighthouse's score is 0-1 in hundredths; as the 0-100 number its report shows.
      score: Math.round(score * 100),
      lcp: Math.round(audits["largest-contentful-paint"].numericValue ?? NaN),
      tbt: Math.round(audits["total-blocking-time"].numericValue ?? NaN),
    };
  } finally {
    // Wait for this Chromium to exit so its teardown does not slow down the next run.
    const exited = once(chrome.process, "close");
    chrome.kill();
    await exited;
  }
}

async function main() {
  const chromePath = chromiumPath();
  if (!chromePath) throw new Error("Chromium not found: apt-get install -y chromium, or set CHROME_PATH");
  const stateDir = mkdtempSync(path.join(os.tmpdir(), "bench-widget-"));
  const demo = await startDemo({
    port: 0,
    dataDir: useDatasets ? datasetsDir() : "/nonexistent",
    generated: !useDatasets,
    build: !argv.includes("--no-build"),
    stateDir,
    log,
    quietApp: true,
  });
  try {
    const home = await (await fetch(`${demo.url}/`)).text();
    const productPath = /href="(\/products\/[^"]+)"/.exec(home)?.[1];
    if (!productPath) throw new Error("the demo's home page links to no product");
    const withEmbed = `${demo.url}${productPath}`;
    const withoutEmbed = `${withEmbed}?embed=0`;
    log(`Product page: ${productPath} (${demo.summary.source} store); ${runs} Lighthouse runs each, alternated`);

    const without: Run[] = [];
    const withIt: Run[] = [];
    const describe = (r: Run) => `${r.score} (LCP ${r.lcp} ms, TBT ${r.tbt} ms)`;
    for (let run = 1; run <= runs; run++) {
      // Alternated, and which goes first alternates too, so neither always runs second.
      if (run % 2) {
        without.push(await lighthouseRun(withoutEmbed, chromePath));
        withIt.push(await lighthouseRun(withEmbed, chromePath));
      } else {
        withIt.push(await lighthouseRun(withEmbed, chromePath));
        without.push(await lighthouseRun(withoutEmbed, chromePath));
      }
      log(`  run ${run}: without ${describe(without.at(-1)!)}, with ${describe(withIt.at(-1)!)}`);
    }
    const lighthouseWithout = median(without.map((r) => r.score));
    const lighthouseWith = median(withIt.map((r) => r.score));
    console.log(
      JSON.stringify({
        ...widgetSizes(),
        lighthouseWithout,
        lighthouseWith,
        lighthouseDrop: lighthouseWithout - lighthouseWith,
      }),
    );
  } finally {
    await demo.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
