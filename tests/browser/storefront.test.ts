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

describe("demo storefront", () => {
  it("GIVEN a product page THEN the theme renders and the app embed draws its launcher", async () => {
    const page = await context.newPage();
    await page.goto("/");
    const firstProduct = page.locator(".grid a").first();
    const title = (await firstProduct.textContent())!.trim();
    await firstProduct.click();

    await expect.poll(() => page.locator("h1").textContent()).toBe(title);
    await expect.poll(() => page.locator("button.sa-launcher").count()).toBe(1);
    expect(await page.locator("button.sa-launcher").getAttribute("aria-haspopup")).toBe("dialog");
    await page.close();
  });

  it("GIVEN ?embed=0 THEN the page renders without the app embed", async () => {
    const page = await context.newPage();
    await page.goto("/?embed=0");
    expect(await page.locator("#storefront-assistant-config").count()).toBe(0);
    await page.close();
  });
});
