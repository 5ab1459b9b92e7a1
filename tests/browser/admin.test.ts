import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium, offlineContext } from "./support/chromium";

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  context = await offlineContext(browser, inject("demoUrl"));
});
afterAll(async () => {
  await browser?.close();
});

describe("demo admin", () => {
  it("GIVEN the demo admin WHEN it opens THEN the embedded home page renders with Polaris and the shop's real state", async () => {
    const page = await context.newPage();
    await page.goto("/admin");

    const app = page.frameLocator("#app-frame");
    await expect.poll(() => app.locator("h2", { hasText: "Demo Gift Shop" }).count(), { timeout: 20_000 }).toBe(1);
    // Polaris's stylesheet applied: its card component has its own class and styles.
    await expect.poll(() => app.locator(".Polaris-Card, .Polaris-ShadowBevel").count()).toBeGreaterThan(0);
    const currency = await app.getByText("GBP").count();
    expect(currency).toBe(1);
    // The app's NavMenu reached the admin chrome through the stand-in App Bridge.
    await expect.poll(() => page.locator("#app-nav a", { hasText: "Home" }).count()).toBe(1);
    await page.close();
  });
});
