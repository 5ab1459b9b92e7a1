import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium, offlineContext } from "./support/chromium";
import type { OrderCard } from "~/assistant/contract";
import { ask, openChat } from "./support/widget";

/**
 * The whole way round, with nothing faked but Shopify: the widget on the demo storefront
 * asks the real assistant (through the signed app proxy) about the demo store the app
 * synced, renders its product cards, and adds one to the demo cart with the conversation
 * named in a cart attribute, so the order can be attributed.
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

describe("the assistant end to end", () => {
  it("GIVEN a shopper asking for products under a price THEN real cards, and Add to cart attributes the cart to the conversation", async () => {
    const page = await context.newPage();
    await page.goto("/");
    const session = await openChat(page);

    const response = await ask(page, "do you have any bags under £3?");
    const body = await response.json();
    const cards = body.reply.products as { title: string; price: { amount: string } }[];
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(Number(card.price.amount)).toBeLessThanOrEqual(3);
    await page.locator(".sa-card").first().waitFor();
    expect(await page.locator(".sa-card").count()).toBe(cards.length);
    expect(await page.locator(".sa-card").first().textContent()).toContain(cards[0].title);

    const update = page.waitForRequest((r) => r.url().endsWith("/cart/update.js"));
    await page
      .locator(".sa-card")
      .first()
      .getByRole("button", { name: /add to cart/i })
      .click();
    await update;
    await expect
      .poll(async () => (await page.evaluate(async () => (await fetch("/cart.js")).json())).item_count)
      .toBe(1);
    const cart = await page.evaluate(async () => (await fetch("/cart.js")).json());
    expect(cart.items[0].title).toContain(cards[0].title);
    expect(cart.attributes).toEqual({ _assistant_conversation: session.conversation.id });
    await page.close();
  });

  it("GIVEN a logged-in shopper asking about their order THEN the card lists its items and, asked when it will arrive, shows the estimated delivery window", async () => {
    const page = await context.newPage();
    await page.goto("/");
    await page.locator("#demo-customer").selectOption({ index: 1 });
    await Promise.all([page.waitForURL("**/"), page.getByRole("button", { name: "Switch" }).click()]);
    await openChat(page);

    const status = await (await ask(page, "where is my order?")).json();
    const order = status.reply.order as OrderCard;
    expect(order.name).toMatch(/^#\d+$/);
    await expect.poll(() => page.locator(".sa-order h3").first().textContent()).toBe(`Order ${order.name}`);
    const first = order.items[0];
    expect(await page.locator(".sa-order").first().textContent()).toContain(`${first.quantity} × ${first.title}`);

    const arrival = await (await ask(page, "when will it arrive?")).json();
    expect(arrival.reply.text).toMatch(/estimate/i);
    const estimate = arrival.reply.order.estimatedDelivery as NonNullable<OrderCard["estimatedDelivery"]>;
    expect(estimate.earliest <= estimate.latest).toBe(true);
    await expect.poll(() => page.locator(".sa-order").count()).toBe(2);
    const shown = (await page.locator(".sa-order").last().locator(".sa-eta").textContent())!;
    const day = (date: string) => String(Number(date.slice(8, 10)));
    const month = (date: string) =>
      new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
    expect(shown).toMatch(/^Estimated delivery: /);
    for (const part of [day(estimate.earliest), day(estimate.latest), month(estimate.latest)])
      expect(shown).toContain(part);
    await page.close();
  });

  it("GIVEN a misspelt product word THEN the search runs on the shop's word and the widget says what was searched", async () => {
    const page = await context.newPage();
    await page.goto("/");
    await openChat(page);
    const reply = (await (await ask(page, "got any umbrela?")).json()).reply;
    expect(reply.correction.corrected).toMatch(/umbrella/);
    expect(reply.products.length).toBeGreaterThan(0);
    expect(reply.products.every((p: { title: string }) => /umbrella/i.test(p.title))).toBe(true);
    const note = page.locator(".sa-msg.sa-assistant .sa-note").last();
    await expect.poll(() => note.textContent()).toMatch(/^Showing results for “.*umbrella.*”$/);
    await page.close();
  });

  it("GIVEN a returns question THEN the shop's own refund policy passage, with its source named", async () => {
    const page = await context.newPage();
    await page.goto("/");
    await openChat(page);
    const body = await (await ask(page, "how long do I have to return an item?")).json();
    expect(body.reply.text).toMatch(/within 30 days/);
    await expect.poll(() => page.getByText(/within 30 days/).count()).toBeGreaterThan(0);
    expect(await page.getByText(/Refund policy/).count()).toBeGreaterThan(0);
    await page.close();
  });
});
