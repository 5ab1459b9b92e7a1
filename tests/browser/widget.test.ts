import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchChromium, offlineContext } from "./support/chromium";
import { ask, firstProduct, openChat, recordRequests, XSS } from "./support/widget";

// The chat bubble end to end: the demo storefront, its app proxy and the real app behind it.

let browser: Browser;
const contexts: BrowserContext[] = [];

async function freshVisitor() {
  const context = await offlineContext(browser, inject("demoUrl"));
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe("the chat bubble on the demo storefront", () => {
  it("GIVEN a page load THEN only the loader is fetched; the chat UI loads when the shopper reaches for the launcher", async () => {
    const page = await freshVisitor();
    const assets: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/extensions/assistant-widget/assets/")) assets.push(r.url().split("/").pop()!);
    });
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    expect(assets).toEqual(["loader.js"]);

    await page.locator("button.sa-launcher").hover();
    await expect.poll(() => assets.sort()).toEqual(["chat.css", "chat.js", "loader.js"]);
    expect(await page.locator(".sa-root").count()).toBe(0);
  });

  it("GIVEN a shopper WHEN they open the chat and ask THEN they get an answer in an accessible dialog", async () => {
    const page = await freshVisitor();
    await page.goto("/");
    await openChat(page);

    const dialog = page.getByRole("dialog", { name: "Shop assistant" });
    expect(await dialog.isVisible()).toBe(true);
    expect(await page.locator("button.sa-launcher").getAttribute("aria-expanded")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("sa-input");
    expect(await dialog.getByText("You are chatting with an automated assistant").isVisible()).toBe(true);
    expect(await page.locator(".sa-log").getAttribute("role")).toBe("log");

    const response = await ask(page, "Do you ship to France?");
    const { reply } = await response.json();

    await expect.poll(() => page.locator(".sa-msg.sa-assistant .sa-bubble").last().textContent()).toBe(reply.text);
    expect(await page.locator(".sa-msg.sa-shopper .sa-bubble").textContent()).toBe("Do you ship to France?");
  });

  it("GIVEN an answer WHEN the shopper rates it and the conversation THEN the server takes both", async () => {
    const page = await freshVisitor();
    await page.goto("/");
    await openChat(page);
    await ask(page, "hello");
    await page.getByRole("button", { name: "Not helpful" }).waitFor();

    const thumbs = page.waitForResponse((r) => r.url().includes("/apps/assistant/feedback"));
    await page.getByRole("button", { name: "Not helpful" }).click();
    expect((await thumbs).status()).toBe(200);
    expect(await page.getByRole("button", { name: "Not helpful" }).getAttribute("aria-pressed")).toBe("true");

    const rating = page.waitForResponse((r) => r.url().includes("/apps/assistant/feedback"));
    await page.getByRole("button", { name: "4 out of 5" }).click();
    expect((await rating).request().postDataJSON()).toMatchObject({ rating: 4 });
    expect((await rating).status()).toBe(200);
    await expect.poll(() => page.getByRole("button", { name: "4 out of 5" }).getAttribute("aria-pressed")).toBe("true");
  });

  it("GIVEN only a keyboard THEN a shopper opens, asks, rates, and closes with focus back on the launcher", async () => {
    const page = await freshVisitor();
    await page.goto("/");
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.classList.contains("sa-launcher"))) break;
    }
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("sa-launcher");
    const session = page.waitForResponse((r) => r.url().includes("/apps/assistant/session"));
    await page.keyboard.press("Enter");
    await session;
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("sa-input");

    const sent = page.waitForResponse((r) => r.url().includes("/apps/assistant/messages"));
    await page.keyboard.type("Can I return a gift?");
    await page.keyboard.press("Enter");
    expect((await sent).status()).toBe(200);
    await page.getByRole("button", { name: "Helpful", exact: true }).waitFor();

    // Tab moves through the dialog's controls and wraps inside it.
    const visited: string[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      visited.push(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? ""));
      if (visited.at(-1) === "5 out of 5") break;
    }
    expect(visited).toContain("Helpful");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest(".sa-panel")))).toBe(true);
    const rating = page.waitForResponse((r) => r.url().includes("/apps/assistant/feedback"));
    await page.keyboard.press("Enter");
    expect((await rating).status()).toBe(200);

    // The menu by keyboard: open, the choice is focused, Escape closes the menu, then the chat.
    await page.getByRole("button", { name: "Options" }).focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("menuitemcheckbox");
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Options");
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("sa-launcher");
    expect(await page.getByRole("dialog").count()).toBe(0);
  });

  it("GIVEN markup in a shopper's message THEN it is shown as text and never runs", async () => {
    const page = await freshVisitor();
    await page.goto("/");
    await openChat(page);

    await ask(page, XSS);

    await expect.poll(() => page.locator(".sa-msg.sa-shopper .sa-bubble").textContent()).toBe(XSS);
    expect(await page.locator(".sa-log img, .sa-log script, .sa-log a[href^='javascript']").count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    // Back from the server (history) it is still text.
    await page.reload();
    await openChat(page);
    await expect.poll(() => page.locator(".sa-msg.sa-shopper .sa-bubble").first().textContent()).toBe(XSS);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  });

  it("GIVEN analytics consent THEN product views are sent as events; GIVEN consent denied THEN no event is sent", async () => {
    const granted = await freshVisitor();
    const grantedEvents = recordRequests(granted, "events");
    const product = await firstProduct(granted);
    // The loader notes the view in idle time after the page has loaded.
    await expect.poll(() => granted.evaluate(() => localStorage.getItem("sa:views"))).toContain(product.productId);
    await openChat(granted);
    await ask(granted, "Is this in stock?");
    await expect.poll(() => grantedEvents.length).toBeGreaterThan(0);
    expect(grantedEvents[0].postDataJSON().events).toContainEqual(
      expect.objectContaining({ type: "view", productId: product.productId }),
    );

    const denied = await freshVisitor();
    const deniedEvents = recordRequests(denied, "events");
    await denied.goto(`${product.href}?consent=denied`);
    await openChat(denied);
    await ask(denied, "Is this in stock?");
    await denied.waitForTimeout(1000);
    expect(deniedEvents).toHaveLength(0);
    expect(await denied.evaluate(() => localStorage.getItem("sa:views"))).toBeNull();
  });

  it('GIVEN "Don\'t use my data" THEN no event is sent afterwards and the choice is remembered', async () => {
    const page = await freshVisitor();
    const events = recordRequests(page, "events");
    await page.goto("/");
    await openChat(page);

    await page.getByRole("button", { name: "Options" }).click();
    const saved = page.waitForResponse((r) => r.url().includes("/apps/assistant/preferences"));
    await page.getByRole("menuitemcheckbox", { name: "Don't use my data" }).click();
    expect(await (await saved).json()).toEqual({ trackingOff: true });
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/no longer use your browsing/);

    // A product page visited afterwards, then the chat opened there: nothing noted, nothing sent.
    await firstProduct(page);
    await openChat(page);
    await ask(page, "hi");
    await page.waitForTimeout(500);
    expect(events).toHaveLength(0);
    expect(await page.evaluate(() => localStorage.getItem("sa:views"))).toBeNull();
    expect(await page.getByRole("menuitemcheckbox", { includeHidden: true }).getAttribute("aria-checked")).toBe("true");
  });

  it("GIVEN someone else's conversation id THEN the widget gets nothing of that conversation", async () => {
    const owner = await freshVisitor();
    await owner.goto("/");
    const ownerSession = await openChat(owner);
    await ask(owner, "My address is 1 Secret Lane");

    const intruder = await freshVisitor();
    await intruder.goto("/");
    const conversationId = ownerSession.conversation.id;
    await intruder.evaluate((id) => localStorage.setItem("sa:c", id), conversationId);
    const intruderSession = await openChat(intruder);

    expect(intruderSession.conversation.id).not.toBe(conversationId);
    expect(await intruder.locator(".sa-log").textContent()).not.toContain("Secret Lane");
    const direct = await intruder.evaluate(
      async ({ id, token }) => {
        const response = await fetch(
          `/apps/assistant/messages?conversation=${id}&visitor=${encodeURIComponent(token)}`,
        );
        return { status: response.status, body: await response.text() };
      },
      { id: conversationId, token: intruderSession.visitorToken },
    );
    expect(direct.status).toBe(404);
    expect(direct.body).not.toContain("Secret Lane");
  });

  it("GIVEN a shopper sending faster than allowed THEN the widget says so kindly and keeps their text", async () => {
    const page = await freshVisitor();
    await page.goto("/");
    await openChat(page);

    let status = 200;
    for (let i = 0; i < 12 && status !== 429; i++) {
      const response = await ask(page, `question ${i}`);
      status = response.status();
      await expect.poll(() => page.locator("#sa-input").isEnabled()).toBe(true);
      await expect.poll(() => page.locator(".sa-button[type=submit]").isDisabled()).toBe(false);
    }

    expect(status).toBe(429);
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toBe("You're sending messages quickly. Please wait a moment and try again.");
    expect(await page.locator("#sa-input").inputValue()).toMatch(/^question \d+$/);
  });

  it("GIVEN a French storefront THEN the widget speaks French", async () => {
    const page = await freshVisitor();
    await page.goto("/?locale=fr");
    await openChat(page);

    expect(await page.getByRole("dialog", { name: "Assistant de la boutique" }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Où est ma commande ?" }).isVisible()).toBe(true);
  });
});
