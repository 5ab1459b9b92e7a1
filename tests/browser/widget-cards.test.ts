import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { ProductCard } from "~/assistant/contract";
import { launchChromium, offlineContext } from "./support/chromium";
import { answerWith, ask, firstProduct, openChat, recordRequests, XSS } from "./support/widget";

// What the widget renders from the assistant's structured replies (products, orders,
// handoff). Sessions, the cart and events are the real demo; the assistant's reply is
// given at the widget's network edge until the assistant answers with products itself.

let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

async function visitor(): Promise<Page> {
  await context?.close();
  context = await offlineContext(browser, inject("demoUrl"));
  return context.newPage();
}

const gbp = (amount: string) => ({ amount, currencyCode: "GBP" });

function card(overrides: Partial<ProductCard>): ProductCard {
  return {
    productId: "gid://shopify/Product/1",
    title: "Mug",
    url: "/products/mug",
    imageUrl: null,
    imageAlt: null,
    price: gbp("12.50"),
    compareAtPrice: null,
    available: true,
    variants: [{ id: "1", title: "Default Title", price: gbp("12.50"), available: true }],
    ...overrides,
  };
}

describe("product cards", () => {
  it("GIVEN products in an answer THEN cards show title, price in the shop's currency, options and a View link on the shop only", async () => {
    const page = await visitor();
    const product = await firstProduct(page);
    await answerWith(page, {
      text: "Here are two ideas.",
      intent: "product_search",
      confidence: 0.9,
      resolved: true,
      products: [
        card({
          productId: `gid://shopify/Product/${product.productId}`,
          title: product.title,
          url: product.href,
          price: gbp("12.50"),
          compareAtPrice: gbp("15.00"),
          variants: [
            { id: product.variantId, title: "Small", price: gbp("12.50"), available: true },
            { id: "999999", title: "Large", price: gbp("14.00"), available: false },
          ],
          reason: { kind: "popular", text: "Popular this week" },
        }),
        card({ title: "Elsewhere", url: "https://evil.example/products/x", available: false }),
      ],
    });
    await openChat(page);
    await ask(page, "gift ideas");

    const cards = page.locator(".sa-card");
    await expect.poll(() => cards.count()).toBe(2);
    const first = cards.nth(0);
    expect(await first.locator("h3").textContent()).toBe(product.title);
    expect(await first.textContent()).toContain("£12.50");
    expect(await first.locator("s").textContent()).toBe("£15.00");
    expect(await first.textContent()).toContain("Popular this week");
    expect(await first.locator("option[disabled]").textContent()).toContain("Large");
    expect(await first.getByRole("link", { name: `View: ${product.title}` }).getAttribute("href")).toBe(
      new URL(product.href, page.url()).href,
    );
    const second = cards.nth(1);
    expect(await second.getByRole("link").count()).toBe(0);
    expect(await second.getByRole("button", { name: "Sold out" }).isDisabled()).toBe(true);
  });

  it("GIVEN Add to cart THEN the demo cart holds the item and the conversation attribute, and add_to_cart, the card's impression and its click are reported", async () => {
    const page = await visitor();
    const product = await firstProduct(page);
    const events = recordRequests(page, "events");
    await answerWith(page, {
      text: "This one?",
      intent: "product_search",
      confidence: 0.9,
      resolved: true,
      products: [
        card({
          productId: `gid://shopify/Product/${product.productId}`,
          title: product.title,
          url: product.href,
          variants: [{ id: product.variantId, title: "Default Title", price: gbp("1.00"), available: true }],
        }),
      ],
    });
    const session = await openChat(page);
    await ask(page, "show me");

    const update = page.waitForRequest((r) => r.url().endsWith("/cart/update.js"));
    await page.locator(".sa-root").getByRole("button", { name: "Add to cart" }).click();
    expect((await update).postDataJSON()).toEqual({ attributes: { _assistant_conversation: session.conversation.id } });
    await expect.poll(() => page.getByRole("status").textContent()).toBe(`Added to your cart: ${product.title}`);

    const cart = await page.evaluate(async () => (await fetch("/cart.js")).json());
    expect(cart.attributes).toEqual({ _assistant_conversation: session.conversation.id });
    expect(cart.items).toEqual([expect.objectContaining({ variant_id: Number(product.variantId), quantity: 1 })]);
    await expect
      .poll(() =>
        events.flatMap((r) => r.postDataJSON().events).find((e: { type: string }) => e.type === "add_to_cart"),
      )
      .toMatchObject({ productId: product.productId, variantId: product.variantId, quantity: 1 });
    // The card shown was reported once, for the dashboard's click-through; opening it too.
    const sent = () => events.flatMap((r) => r.postDataJSON().events as { type: string; productId: string }[]);
    expect(sent().filter((e) => e.type === "rec_impression")).toEqual([
      { type: "rec_impression", productId: product.productId },
    ]);
    await page
      .locator(".sa-root")
      .getByRole("link", { name: `View: ${product.title}` })
      .click();
    await expect
      .poll(() => sent().find((e) => e.type === "rec_click"))
      .toEqual({ type: "rec_click", productId: product.productId });
  });

  it("GIVEN consent denied WHEN the shopper adds to cart THEN the cart works and no event is sent", async () => {
    const page = await visitor();
    const product = await firstProduct(page);
    await page.goto(`${product.href}?consent=denied`);
    const events = recordRequests(page, "events");
    await answerWith(page, {
      text: "This one?",
      intent: "product_search",
      confidence: 0.9,
      resolved: true,
      products: [
        card({ variants: [{ id: product.variantId, title: "Default Title", price: gbp("1.00"), available: true }] }),
      ],
    });
    await openChat(page);
    await ask(page, "show me");

    const added = page.waitForResponse((r) => r.url().endsWith("/cart/update.js"));
    await page.locator(".sa-root").getByRole("button", { name: "Add to cart" }).click();
    expect((await added).status()).toBe(200);
    await page.waitForTimeout(500);
    expect(events).toHaveLength(0);
  });

  it("GIVEN markup in a product title, an image's alt text, a link and the answer THEN all of it stays inert text", async () => {
    const page = await visitor();
    await page.goto("/");
    await answerWith(page, {
      text: XSS,
      intent: "product_search",
      confidence: 0.9,
      resolved: true,
      products: [
        card({ title: XSS, url: "javascript:window.__xss=1", imageUrl: "javascript:window.__xss=1", imageAlt: XSS }),
      ],
      sources: [{ title: XSS, url: "javascript:window.__xss=1" }],
      suggestions: [XSS],
    });
    await openChat(page);
    await ask(page, "hi");

    await expect.poll(() => page.locator(".sa-card h3").textContent()).toBe(XSS);
    expect(await page.locator(".sa-msg.sa-assistant .sa-bubble").last().textContent()).toBe(XSS);
    expect(await page.locator(".sa-sources li").textContent()).toBe(XSS);
    expect(await page.locator(".sa-suggest button").textContent()).toBe(XSS);
    expect(await page.locator(".sa-root script, .sa-root img, .sa-root a[href^='javascript']").count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  });
});

describe("order cards and handoff", () => {
  it("GIVEN an order status answer THEN the card shows the order, its items and tracking without linking off the shop", async () => {
    const page = await visitor();
    await page.goto("/");
    await answerWith(page, {
      text: "Here is your order.",
      intent: "order_status",
      confidence: 0.95,
      resolved: true,
      order: {
        name: "#1042",
        createdAt: "2026-05-01T10:00:00Z",
        financialStatus: "PAID",
        fulfillmentStatus: "FULFILLED",
        statusText: "Shipped on 3 May",
        cancelled: false,
        items: [{ title: "Tea towel", quantity: 2 }],
        tracking: [{ company: "Royal Mail", number: "RM123456789GB", url: "https://www.royalmail.com/track/RM123" }],
      },
    });
    await openChat(page);
    await ask(page, "where is my order");

    const order = page.locator(".sa-order");
    await expect.poll(() => order.locator("h3").textContent()).toBe("Order #1042");
    expect(await order.textContent()).toContain("Shipped on 3 May");
    expect(await order.textContent()).toContain("2 × Tea towel");
    expect(await order.textContent()).toContain("Tracking: Royal Mail RM123456789GB");
    expect(await order.locator("a").count()).toBe(0);
  });

  it("GIVEN an order with a delivery estimate and 12 lines THEN the window in the shopper's language, marked as an estimate, and ten items then 'and 2 more'", async () => {
    const page = await visitor();
    await page.goto("/?locale=fr");
    await answerWith(page, {
      text: "Voici votre commande.",
      intent: "order_status",
      confidence: 0.95,
      resolved: true,
      order: {
        name: "#1042",
        createdAt: "2026-12-01T10:00:00Z",
        financialStatus: "PAID",
        fulfillmentStatus: "FULFILLED",
        statusText: "Shipped on 4 December",
        cancelled: false,
        items: Array.from({ length: 12 }, (_, i) => ({ title: `Article ${i + 1}`, quantity: i + 1 })),
        tracking: [],
        estimatedDelivery: { earliest: "2026-12-08", latest: "2026-12-10", text: "Estimated delivery: 8–10 December." },
      },
    });
    await openChat(page);
    await ask(page, "où est ma commande");

    const order = page.locator(".sa-order");
    await expect.poll(() => order.locator(".sa-eta").textContent()).toMatch(/^Livraison estimée: 8\s*–\s*10 déc\.?$/);
    expect(await order.locator("li").count()).toBe(11);
    expect(await order.locator("li").nth(9).textContent()).toBe("10 × Article 10");
    expect(await order.locator("li").last().textContent()).toBe("et 2 de plus");
  });

  it("GIVEN an order without an estimate THEN no estimate line", async () => {
    const page = await visitor();
    await page.goto("/");
    await answerWith(page, {
      text: "Here is your order.",
      intent: "order_status",
      confidence: 0.95,
      resolved: true,
      order: {
        name: "#1043",
        createdAt: "2026-12-01T10:00:00Z",
        financialStatus: "PAID",
        fulfillmentStatus: "FULFILLED",
        statusText: "Shipped on 4 December",
        cancelled: false,
        items: [{ title: "Tea towel", quantity: 2 }],
        tracking: [],
        estimatedDelivery: null,
      },
    });
    await openChat(page);
    await ask(page, "where is my order");
    await expect.poll(() => page.locator(".sa-order h3").textContent()).toBe("Order #1043");
    expect(await page.locator(".sa-order .sa-eta").count()).toBe(0);
  });

  it("GIVEN a handoff while someone is online THEN the widget says a person will reply, and their reply appears within 2 seconds", async () => {
    const page = await visitor();
    await page.goto("/");
    await answerWith(
      page,
      {
        text: "I'm connecting you with a person.",
        intent: "handoff",
        confidence: 1,
        resolved: false,
        handoff: { reason: "requested" },
      },
      { status: "waiting", handoff: { reason: "requested", online: true, emailSaved: false } },
    );
    let replyAvailableAt = Number.POSITIVE_INFINITY;
    await page.route("**/apps/assistant/messages?*", async (route) => {
      const after = Number(new URL(route.request().url()).searchParams.get("after"));
      const person =
        Date.now() >= replyAvailableAt
          ? [
              {
                id: "p1",
                seq: after + 1,
                role: "person",
                text: "Hi, Sam here.",
                createdAt: new Date().toISOString(),
                feedback: null,
              },
            ]
          : [];
      await route.fulfill({
        status: 200,
        contentType: "application/json",
        body: JSON.stringify({
          messages: after >= 3 ? [] : person,
          conversation: {
            id: "x",
            status: "waiting",
            handoff: { reason: "requested", online: true, emailSaved: false },
            rating: null,
          },
        }),
      });
    });
    await openChat(page);
    await ask(page, "I want to talk to a person");
    await expect.poll(() => page.getByText("A person will reply here shortly.").isVisible()).toBe(true);

    replyAvailableAt = Date.now();
    await page.locator(".sa-msg.sa-person").waitFor({ timeout: 2000 });
    expect(Date.now() - replyAvailableAt).toBeLessThanOrEqual(2000);
    expect(await page.locator(".sa-msg.sa-person .sa-bubble").textContent()).toBe("Hi, Sam here.");
  });

  it("GIVEN a handoff when nobody is online THEN the shopper can leave an email, and a mistyped one is explained", async () => {
    const page = await visitor();
    await page.goto("/");
    await answerWith(
      page,
      {
        text: "Nobody is in right now.",
        intent: "handoff",
        confidence: 1,
        resolved: false,
        handoff: { reason: "requested" },
      },
      { status: "waiting", handoff: { reason: "requested", online: false, emailSaved: false } },
    );
    const emails: unknown[] = [];
    await page.route("**/apps/assistant/handoff-email", async (route) => {
      const body = route.request().postDataJSON();
      emails.push(body);
      const ok = /@/.test(body.email);
      await route.fulfill({
        status: ok ? 200 : 422,
        contentType: "application/json",
        body: JSON.stringify(
          ok ? { ok: true } : { error: { code: "validation_failed", message: "Please enter a valid email address." } },
        ),
      });
    });
    await openChat(page);
    await ask(page, "a person please");
    await expect.poll(() => page.getByText("Nobody is online right now.").isVisible()).toBe(true);

    const email = page.getByRole("textbox", { name: "Your email" });
    await email.fill("pat");
    await page.evaluate(() => document.querySelector<HTMLInputElement>("#sa-email")!.setAttribute("type", "text"));
    await email.press("Enter");
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Please enter a valid email address.");

    await email.fill("pat@example.com");
    await email.press("Enter");
    await expect.poll(() => page.getByText("Thanks, we will reply by email.").first().isVisible()).toBe(true);
    expect(emails.at(-1)).toMatchObject({ email: "pat@example.com" });
  });
});
