import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium, offlineContext } from "./support/chromium";
import { ask, openChat } from "./support/widget";

/**
 * The Recommendations and Knowledge pages in the demo admin, over the demo store the app
 * synced: both render with its data, and an exclude rule saved in the admin removes those
 * products from what the storefront widget recommends.
 */

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  context = await offlineContext(browser, inject("demoUrl"));
});
afterAll(async () => {
  await browser?.close();
});

/** Product ids the assistant recommends to a new anonymous shopper on the home page. */
async function recommendedIds(page: Page): Promise<string[]> {
  await page.goto("/");
  await openChat(page);
  const body = await (await ask(page, "what would you recommend?")).json();
  const products = (body.reply.products ?? []) as { productId: string }[];
  await page.locator(".sa-card").first().waitFor();
  return products.map((p) => p.productId);
}

describe("demo admin: recommendations and knowledge", () => {
  it("GIVEN the demo store WHEN an exclude rule is saved in the admin THEN the widget no longer recommends those products", async () => {
    const shopper = await context.newPage();
    const before = await recommendedIds(shopper);
    expect(before.length).toBeGreaterThan(1);
    const hidden = before.slice(0, 2);
    await shopper.close();

    const admin = await context.newPage();
    await admin.goto("/admin/recommendations");
    const app = admin.frameLocator("#app-frame");
    await app.getByText("Shape what shoppers are recommended").waitFor({ timeout: 20_000 });
    expect(await app.getByText("Bought together").count()).toBeGreaterThan(0);

    await app.getByRole("button", { name: "Add rule" }).first().click();
    await app.getByLabel("Rule name").fill("Hide two products");
    await app
      .locator("[data-action=exclude]")
      .getByLabel("Product ids")
      .fill(hidden.map((id) => id.replace(/\D/g, "")).join(", "));
    // The preview runs the unsaved rule: the hidden products are not in it.
    await app.getByRole("button", { name: "Show recommendations" }).click();
    const preview = app.locator("ol[aria-label=Preview] > li");
    await expect.poll(() => preview.count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await app.locator(".demo-save-bar button", { hasText: "Save" }).click();
    await app.getByText("Recommendation settings saved").waitFor({ timeout: 15_000 });
    await expect.poll(() => app.locator(".demo-save-bar").count()).toBe(0);
    await admin.close();

    const later = await context.newPage();
    const after = await recommendedIds(later);
    expect(after.length).toBeGreaterThan(0);
    for (const id of hidden) expect(after).not.toContain(id);
    await later.close();
  });

  it("GIVEN the demo store WHEN the Knowledge page opens THEN its synced policies show, and a new FAQ entry is saved", async () => {
    const admin = await context.newPage();
    await admin.goto("/admin/knowledge");
    const app = admin.frameLocator("#app-frame");
    await app.getByRole("tab", { name: /Policies/ }).click({ timeout: 20_000 });
    await expect.poll(() => app.getByText("Refund policy").count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await app.getByRole("tab", { name: /FAQ/ }).click();
    await app.getByLabel("Question", { exact: true }).fill("Do you gift wrap?");
    await app.getByLabel("Answer", { exact: true }).fill("Yes, every order can be gift wrapped for £2.");
    await app.getByRole("button", { name: "Save entry" }).first().click();
    await app.getByText("FAQ entry saved").waitFor({ timeout: 15_000 });
    await expect.poll(() => app.getByRole("heading", { name: "Do you gift wrap?" }).count()).toBe(1);
    await admin.close();
  });
});
