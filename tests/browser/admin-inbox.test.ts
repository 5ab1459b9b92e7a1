import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium, offlineContext } from "./support/chromium";
import { ask, openChat } from "./support/widget";

/**
 * A shopper on the demo storefront asks for a person; the merchant answers from the demo
 * admin's inbox; the reply shows in the shopper's widget. Nothing is faked but Shopify.
 */

let browser: Browser;
let context: BrowserContext;
// The merchant works in another window: a shopper's tab stays visible (the widget polls only then).
let merchantContext: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  context = await offlineContext(browser, inject("demoUrl"));
  merchantContext = await offlineContext(browser, inject("demoUrl"));
});
afterAll(async () => {
  await browser?.close();
});

describe("the inbox in the demo admin", () => {
  it("GIVEN a shopper who asks for a person WHEN the merchant replies in the inbox THEN the reply shows in the shopper's widget within 2 s, and the shopper's next words reach the merchant's page live", async () => {
    const shopper = await context.newPage();
    await shopper.goto("/");
    const session = await openChat(shopper);
    const handoff = await (await ask(shopper, "I want to talk to a person please")).json();
    expect(handoff.conversation.status).toBe("waiting");

    const merchant = await merchantContext.newPage();
    await merchant.goto("/admin/inbox");
    const list = merchant.frameLocator("#app-frame");
    await list.locator(`a[href$="/app/inbox/${session.conversation.id}"]`).first().waitFor({ timeout: 20_000 });
    expect(await list.getByText(/\d+ waiting/).count()).toBeGreaterThan(0);

    await merchant.goto(`/admin/inbox/${session.conversation.id}`);
    const app = merchant.frameLocator("#app-frame");
    const reply = app.getByLabel("Your reply");
    await reply.waitFor({ timeout: 20_000 });
    // The transcript, what the bot said included, is on the page.
    await app.getByText("I want to talk to a person please").first().waitFor();

    const text = `Hi, this is Sam from the shop, reply ${Date.now()}. Call us on +44 20 7946 0000.`;
    await reply.fill(text);
    const stored = merchant.waitForResponse(
      (r) => r.url().includes(`/app/inbox/${session.conversation.id}`) && r.request().method() === "POST",
    );
    await app.getByRole("button", { name: "Send reply" }).click();
    expect((await stored).status()).toBe(200);
    const storedAt = Date.now();
    await shopper.locator(".sa-log", { hasText: text }).waitFor({ timeout: 5_000 });
    const deliveredMs = Date.now() - storedAt;
    expect(deliveredMs).toBeLessThan(2_000);

    // The other way: the shopper writes, and the merchant's open page shows it without a reload.
    const followUp = `Thanks Sam, is the blue one in stock? (${crypto.randomUUID().replace(/[^a-f]/g, "")})`;
    await ask(shopper, followUp);
    const sentAt = Date.now();
    await app.getByText(followUp).waitFor({ timeout: 5_000 });
    const shownMs = Date.now() - sentAt;
    expect(shownMs).toBeLessThan(2_000);
    // The figures, one JSON line: reply stored -> in the widget; shopper's send answered -> on the merchant's page.
    console.log(JSON.stringify({ inboxReplyToWidgetMs: deliveredMs, shopperMessageToInboxMs: shownMs }));

    await shopper.close();
    await merchant.close();
  });

  it("GIVEN the demo admin THEN the privacy page renders with its settings and the customer lookup", async () => {
    const page = await context.newPage();
    await page.goto("/admin/privacy");
    const app = page.frameLocator("#app-frame");
    await app.getByText("A customer's data").waitFor({ timeout: 20_000 });
    expect(await app.getByLabel("Keep conversations and browsing for (days)").inputValue()).toMatch(/^\d+$/);
    expect(await app.getByRole("button", { name: "Find" }).count()).toBe(1);
    await page.close();
  });
});
