// npm test — unit and integration tests (Vitest, SQLite), then the browser tests in
// Chromium against the demo built for production. Without Chromium the browser tests are
// skipped with a notice; with REQUIRE_BROWSER_TESTS=1 (CI) that is a failure instead.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { ensureBuild } from "../demo/main";
import { chromiumPath } from "../tests/browser/support/chromium";

const root = path.resolve(import.meta.dirname, "..");
const vitest = path.join(root, "node_modules/vitest/vitest.mjs");
const passThrough = process.argv.slice(2);

function run(args: string[]) {
  return (
    spawnSync(process.execPath, [vitest, "run", ...args, ...passThrough], { cwd: root, stdio: "inherit" }).status ?? 1
  );
}

let failed = run([]) !== 0;

const chromium = chromiumPath();
if (!chromium) {
  const message =
    "Browser tests skipped: Chromium was not found.\n" +
    "  Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROME_PATH to a Chrome/Chromium binary.";
  if (process.env.REQUIRE_BROWSER_TESTS === "1") {
    console.error(`\n${message}\n  REQUIRE_BROWSER_TESTS=1: failing.`);
    failed = true;
  } else {
    console.warn(`\n${message}`);
  }
} else {
  console.log(`\nBrowser tests (Chromium: ${chromium})`);
  ensureBuild((message) => console.log(message));
  failed = run(["--config", "vitest.browser.config.ts"]) !== 0 || failed;
}

process.exit(failed ? 1 : 0);
