import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { BROWSER_USER_AGENT } from "../../support/requests";

/** Debian's Chromium (or CHROME_PATH); Playwright's own browser download cannot run here. */
export function chromiumPath(): string | null {
  const candidates = [
    process.env.CHROME_PATH,
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  return candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate))) ?? null;
}

// Playwright adds --headless and a fresh profile per launch; these keep Chromium off the
// network it cannot reach (its background connections are refused here, many at a time).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("Chromium not found: apt-get install -y chromium, or set CHROME_PATH");
  return chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
}

/** A context that never reaches the internet: Shopify's CDN and other hosts are stubbed. */
export async function offlineContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  // Headless Chromium's own user agent says "HeadlessChrome", which the Shopify library
  // answers with 410 as a bot; a shopper's or merchant's browser says Chrome.
  const context = await browser.newContext({ baseURL, userAgent: BROWSER_USER_AGENT });
  const origin = new URL(baseURL).origin;
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.fulfill({ status: 204, body: "" }),
  );
  return context;
}
