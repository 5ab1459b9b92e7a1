import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { demoPolicyTranslations } from "../factories/demo-translations";
import { launchChromium, offlineContext } from "./support/chromium";
import { ask, openChat } from "./support/widget";

/**
 * The demo storefront in French (issue 14): its /fr locale path sets the widget's locale,
 * and a French question about returns is answered in French from the merchant's French
 * refund policy, synced from the fake Shopify's translations.
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

const htmlFree = (html: string) => html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ");

describe("the demo storefront in French", () => {
  it("GIVEN /fr WHEN a shopper asks in French how to return an item THEN the answer is the French refund policy's, shown in the chat", async () => {
    const page = await context.newPage();
    await page.goto("/fr");
    await openChat(page);

    const body = await (await ask(page, "Bonjour, comment puis-je retourner un article ?")).json();
    expect(body.reply.language).toBe("fr");
    expect(body.reply.intent).toBe("returns_refunds");
    const text = (body.reply.text as string).trim();
    expect(htmlFree(demoPolicyTranslations("fr").REFUND_POLICY)).toContain(text);
    await expect.poll(() => page.locator(".sa-msg.sa-assistant .sa-bubble").last().textContent()).toBe(body.reply.text);
    await page.close();
  });
});
