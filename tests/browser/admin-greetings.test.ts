import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium, offlineContext } from "./support/chromium";
import { openChat } from "./support/widget";

// The greetings and experiments pages in the demo admin, and what the shopper then sees.

let browser: Browser;
let merchant: BrowserContext;
let shopper: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  merchant = await offlineContext(browser, inject("demoUrl"));
  shopper = await offlineContext(browser, inject("demoUrl"));
});
afterAll(async () => {
  await browser?.close();
});

const GREETING = "Hello from {{ shop.name }}! Ask us about gifts <3";

describe("greetings and experiments in the demo admin", () => {
  it("GIVEN a greeting edited in the admin (live preview, save bar, toast) WHEN a shopper opens the storefront chat THEN the edited greeting shows", async () => {
    const admin = await merchant.newPage();
    await admin.goto("/admin/greetings");
    const app = admin.frameLocator("#app-frame");
    await app.getByRole("button", { name: "Add greeting" }).first().click({ timeout: 20_000 });

    await app.getByLabel("Greeting", { exact: true }).fill(GREETING);
    // The preview follows the typing, for the anonymous visitor chosen by default.
    await expect
      .poll(() => app.locator("#greeting-preview-text").textContent(), { timeout: 10_000 })
      .toBe("Hello from Demo Gift Shop! Ask us about gifts <3");
    // An unknown variable is reported inline before saving.
    await app.getByLabel("Greeting", { exact: true }).fill("Hi {{ customer.age }}");
    await expect
      .poll(() => app.getByText(/Unknown variable ‘customer.age’/).count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await app.getByLabel("Greeting", { exact: true }).fill(GREETING);

    // Saved from the contextual save bar (the stand-in App Bridge draws it in the frame).
    await app.locator(".demo-save-bar button", { hasText: "Save" }).click();
    await expect
      .poll(() => app.locator(".demo-toast", { hasText: "Greeting saved" }).count(), { timeout: 10_000 })
      .toBe(1);
    await expect.poll(() => app.locator(".demo-save-bar").count()).toBe(0);

    const page = await shopper.newPage();
    await page.goto("/");
    const session = (await openChat(page)) as unknown as { greeting: string };
    expect(session.greeting).toBe("Hello from Demo Gift Shop! Ask us about gifts <3");
    await expect
      .poll(() => page.locator(".sa-msg.sa-assistant .sa-bubble").first().textContent())
      .toBe("Hello from Demo Gift Shop! Ask us about gifts <3");
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();

    // Deleted again, so the other browser tests see the demo as it was.
    await app.getByRole("button", { name: "Delete" }).first().click();
    await expect
      .poll(() => app.locator(".demo-toast", { hasText: "Greeting deleted" }).count(), { timeout: 10_000 })
      .toBe(1);
    await admin.close();
  });

  it("GIVEN the experiments page WHEN the merchant creates and starts a greeting experiment THEN it renders with its variants, status and verdict, and stops", async () => {
    const admin = await merchant.newPage();
    await admin.goto("/admin/experiments");
    const app = admin.frameLocator("#app-frame");
    await app.getByRole("button", { name: "Create experiment" }).first().click({ timeout: 20_000 });

    await app.getByLabel("Name", { exact: true }).first().fill("Warm or brief");
    const texts = app.getByLabel("Greeting", { exact: true });
    await texts.nth(0).fill("Hi there! Looking for a gift?");
    await texts.nth(1).fill("Questions? Ask away.");
    await app.getByRole("button", { name: "Save as draft" }).first().click();
    await expect
      .poll(() => app.locator(".demo-toast", { hasText: "saved as a draft" }).count(), { timeout: 10_000 })
      .toBe(1);

    await app.getByRole("button", { name: "Start" }).click();
    await expect.poll(() => app.getByText("Running", { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await app.getByRole("heading", { name: "Warm or brief" }).count()).toBe(1);
    expect(await app.getByText(/Not enough data yet/).count()).toBe(1);
    expect(await app.getByRole("columnheader", { name: "95% interval" }).count()).toBe(1);

    // A shopper who opens the chat now sees one of the two variants.
    const page = await shopper.newPage();
    await page.goto("/");
    const session = (await openChat(page)) as unknown as { greeting: string };
    expect(["Hi there! Looking for a gift?", "Questions? Ask away."]).toContain(session.greeting);
    await page.close();

    await app.getByRole("button", { name: "Stop" }).click();
    await expect.poll(() => app.getByText("Stopped", { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    await admin.reload();
    await expect
      .poll(() => admin.frameLocator("#app-frame").getByRole("cell", { name: "1" }).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await admin.close();
  });
});
