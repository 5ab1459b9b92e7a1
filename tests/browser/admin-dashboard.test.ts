import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium, offlineContext } from "./support/chromium";
import { chatWithDemo } from "./support/chats";
import { openChat } from "./support/widget";

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  context = await offlineContext(browser, inject("demoUrl"));
  // Shoppers chat with the demo store first, so the dashboard has conversations to count.
  await chatWithDemo(inject("demoUrl"), 6);
});
afterAll(async () => {
  await browser?.close();
});

describe("admin dashboard and settings", () => {
  it("GIVEN shoppers chatted with the demo store WHEN the merchant opens Home THEN the checklist, the figures and the chart render from real data", async () => {
    const page = await context.newPage();
    await page.goto("/admin");
    const app = page.frameLocator("#app-frame");

    await expect
      .poll(() => app.getByRole("heading", { name: "How the assistant is doing" }).count(), { timeout: 20_000 })
      .toBe(1);
    // The chat reached the app from the storefront, so the embed step is done; the sync too.
    const embedStep = app.locator("li", { hasText: "Turn on the chat in your theme" });
    if (await embedStep.count()) expect(await embedStep.textContent()).toContain("Done");
    const conversations = app.locator("h3", { hasText: /^Conversations$/ }).locator("xpath=following-sibling::p[1]");
    expect(Number((await conversations.textContent())?.replace(/\D/g, ""))).toBeGreaterThanOrEqual(6);
    // The chart module loads after paint and draws an SVG in its fixed-size box.
    await expect
      .poll(() => app.locator("[data-chart='conversations-per-day'] svg").count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await app.getByRole("heading", { name: "Top questions" }).count()).toBe(1);

    // A date range button reloads the figures for those days.
    const reloaded = page.waitForResponse((r) => r.url().includes("range=7") && r.status() === 200);
    await app.getByRole("button", { name: "Last 7 days" }).click();
    await reloaded;
    await expect.poll(() => app.getByRole("button", { name: "Last 7 days", pressed: true }).count()).toBe(1);
    await page.close();
  });

  it("GIVEN the settings page WHEN the merchant edits the greeting THEN the save bar appears, saving shows a toast, the greeting is kept and the storefront chat opens with it", async () => {
    const page = await context.newPage();
    await page.goto("/admin/settings");
    const frame = page.frameLocator("#app-frame");

    await expect.poll(() => frame.getByLabel("Greeting").count(), { timeout: 20_000 }).toBe(1);
    expect(await frame.getByText("App embeds → Storefront assistant").count()).toBeGreaterThan(0);
    await frame.getByLabel("Greeting").fill("Welcome to the gift shop! Ask me anything.");
    const bar = frame.locator(".demo-save-bar");
    await expect.poll(() => bar.count()).toBe(1);

    const saved = page.waitForResponse((r) => r.url().includes("/app/settings") && r.request().method() === "POST");
    await bar.getByRole("button", { name: "Save" }).click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => frame.locator(".demo-toast", { hasText: "Settings saved" }).count()).toBe(1);
    await expect.poll(() => bar.count()).toBe(0);

    await page.reload();
    const again = page.frameLocator("#app-frame");
    await expect
      .poll(() => again.getByLabel("Greeting").inputValue(), { timeout: 20_000 })
      .toBe("Welcome to the gift shop! Ask me anything.");

    // The shopper's chat opens with it.
    await page.goto("/");
    await openChat(page);
    await expect
      .poll(() => page.locator(".sa-log").getByText("Welcome to the gift shop! Ask me anything.").count())
      .toBe(1);
    await page.close();
  });

  it("GIVEN an email address that is not one WHEN saved THEN the error shows under the field", async () => {
    const page = await context.newPage();
    await page.goto("/admin/settings");
    const frame = page.frameLocator("#app-frame");
    await expect.poll(() => frame.getByLabel("Send to").count(), { timeout: 20_000 }).toBe(1);

    await frame.getByLabel("Email me when a shopper is waiting for a person").check();
    await frame.getByLabel("Send to").fill("owner@example.com, nope");
    await frame.locator(".demo-save-bar").getByRole("button", { name: "Save" }).click();

    await expect.poll(() => frame.getByText('"nope" is not an email address.').count()).toBe(1);
    await page.close();
  });
});
