import type { Page, Request } from "playwright-core";
import type { AssistantReply } from "~/assistant/contract";

/** Opens the chat with a click on the launcher and waits until the session is open. */
export async function openChat(page: Page) {
  const session = page.waitForResponse((r) => r.url().includes("/apps/assistant/session") && r.status() === 200);
  await page.locator("button.sa-launcher").click();
  const body = await (await session).json();
  await page.locator("#sa-input").waitFor({ state: "visible" });
  return body as { visitorToken: string; conversation: { id: string } };
}

/** Types a message and sends it with Enter; resolves with the response to the send. */
export async function ask(page: Page, text: string) {
  const sent = page.waitForResponse(
    (r) => r.url().includes("/apps/assistant/messages") && r.request().method() === "POST",
  );
  await page.locator("#sa-input").fill(text);
  await page.locator("#sa-input").press("Enter");
  return sent;
}

/** Every request the page makes to one of the app proxy's endpoints. */
export function recordRequests(page: Page, endpoint: string) {
  const seen: Request[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === `/apps/assistant/${endpoint}`) seen.push(request);
  });
  return seen;
}

/** The first product page of the demo store, with its numeric product and variant ids. */
export async function firstProduct(page: Page) {
  await page.goto("/");
  const href = (await page.locator(".grid a").first().getAttribute("href"))!;
  await page.goto(href);
  const config = JSON.parse((await page.locator("#storefront-assistant-config").textContent())!);
  const variantId = (await page.locator("form[action='/cart/add'] [name=id]").first().getAttribute("value"))!;
  const title = (await page.locator("h1").textContent())!.trim();
  return { href, productId: String(config.productId), variantId, title };
}

/**
 * Answers the widget's sends with `reply`, as the app would: the stored shopper message,
 * the assistant's message and the conversation's state. The widget's network edge.
 */
export async function answerWith(
  page: Page,
  reply: AssistantReply,
  conversation: { status?: string; handoff?: { reason: string; online: boolean; emailSaved: boolean } | null } = {},
) {
  let seq = 0;
  await page.route("**/apps/assistant/messages", async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    const body = route.request().postDataJSON();
    const now = new Date().toISOString();
    const { text, ...structure } = reply;
    await route.fulfill({
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({
        message: { id: `m${++seq}`, seq, role: "shopper", text: body.text, createdAt: now, feedback: null },
        reply: { id: `m${++seq}`, seq, role: "assistant", text, createdAt: now, feedback: null, ...structure },
        conversation: { id: body.conversationId, status: "open", handoff: null, rating: null, ...conversation },
        replayed: false,
      }),
    });
  });
}

/** Markup that runs script if it is ever parsed as HTML; sets window.__xss when it does. */
export const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script><a href="javascript:window.__xss=1">x</a>`;
