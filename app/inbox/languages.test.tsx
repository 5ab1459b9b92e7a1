import { renderToString } from "react-dom/server";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import type { AssistantResult, AssistantTurn } from "~/assistant/contract";
import { db } from "~/db.server";
import { keyRing } from "~/privacy/keys.server";
import { addPersonReply, sendMessage, startSession, type ChatDeps } from "~/conversations/conversations.server";
import { createMemoryRateLimiter } from "~/conversations/rate-limit.server";
import { createVisitorTokens } from "~/conversations/visitor.server";
import Inbox, { loader as inboxLoader } from "~/routes/app.inbox._index";
import ConversationPage, { loader as conversationLoader } from "~/routes/app.inbox.$id";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { adminRequest, call } from "../../tests/support/requests";
import { idempotencyKey } from "../../tests/support/chat";
import { languageName } from "./languages";

const fake = useFakeShopify();

/** An assistant that answers in the language it is told per message ("[de] …" → German). */
function multilingualChat() {
  const deps: ChatDeps = {
    db,
    keyRing,
    tokens: createVisitorTokens("language-tests"),
    limiter: createMemoryRateLimiter(),
    respond: async (_db: unknown, turn: AssistantTurn): Promise<AssistantResult> => {
      const language = /^\[(\w\w)\]/.exec(turn.text)?.[1];
      return {
        reply: { text: `reply to ${turn.text}`, intent: "faq", confidence: 0.9, resolved: true, language },
        state: turn.state,
      };
    },
  };
  return deps;
}

async function render(path: string, Component: () => JSX.Element, data: object) {
  const Stub = createRemixStub([{ path, Component, loader: () => data }]);
  return renderToString(
    <AppProvider i18n={en}>
      <Stub initialEntries={[path]} hydrationData={{ loaderData: { "0": data } }} />
    </AppProvider>,
  ).replace(/<!-- -->/g, "");
}

describe("a conversation's language", () => {
  it("GIVEN a French storefront THEN the conversation starts in French; GIVEN the storefront switched to German THEN it is German", async () => {
    const deps = multilingualChat();
    const { domain } = await installShop(fake);
    const caller = { shop: domain, customerId: null, ip: null };

    const session = await startSession(deps, caller, { locale: "fr-FR" });
    expect(await db.conversation.findUniqueOrThrow({ where: { id: session.conversation.id } })).toMatchObject({
      locale: "fr-FR",
      language: "fr",
    });

    await startSession(deps, caller, {
      locale: "de",
      conversationId: session.conversation.id,
      visitorToken: session.visitorToken,
    });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: session.conversation.id } })).language).toBe("de");
  });

  it("GIVEN the shopper switches language mid-conversation THEN the conversation follows the assistant's reply language, and each reply keeps its own", async () => {
    const deps = multilingualChat();
    const { domain } = await installShop(fake);
    const caller = { shop: domain, customerId: null, ip: null };
    const session = await startSession(deps, caller, { locale: "fr" });
    const owner = { conversationId: session.conversation.id, visitorToken: session.visitorToken };

    await sendMessage(deps, caller, {
      ...owner,
      idempotencyKey: idempotencyKey(),
      text: "[fr] Bonjour, je cherche un cadeau",
    });
    await sendMessage(deps, caller, {
      ...owner,
      idempotencyKey: idempotencyKey(),
      text: "[es] ¿Hacéis envíos a España?",
    });
    // A reply without a language (an engine that does not say) leaves the language as it is.
    await sendMessage(deps, caller, { ...owner, idempotencyKey: idempotencyKey(), text: "ok" });

    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: owner.conversationId } });
    expect(conversation.language).toBe("es");
    const replies = await db.message.findMany({
      where: { conversationId: owner.conversationId, role: "assistant" },
      orderBy: { seq: "asc" },
    });
    expect(replies.map((m) => m.language)).toEqual(["fr", "es", null]);

    // The merchant's inbox: a badge with the language in the list and on the page, a mark
    // where it switched, and the note that replies are not translated.
    const list = await call(inboxLoader, adminRequest("/app/inbox?status=all", { shop: domain }));
    const row = (list as Awaited<ReturnType<typeof inboxLoader>>).rows.find((r) => r.id === owner.conversationId)!;
    expect(row.language).toBe("es");
    const listHtml = await render("/app/inbox", Inbox, list as object);
    expect(listHtml).toContain("Language");
    expect(listHtml).toContain("Spanish");

    const detail = (await call(
      conversationLoader,
      adminRequest(`/app/inbox/${owner.conversationId}`, { shop: domain }),
      { id: owner.conversationId },
    )) as Awaited<ReturnType<typeof conversationLoader>>;
    expect(detail.conversation.language).toBe("es");
    const html = await render(`/app/inbox/${owner.conversationId}`, ConversationPage, detail);
    expect(html).toContain("Language: Spanish");
    expect(html).toContain("Answered in Spanish");
    expect(html.match(/Answered in /g)).toHaveLength(1);
    expect(html).toContain("This conversation is in Spanish.");
    expect(html).toContain("Replies are sent as you write them; they are not translated.");
  });

  it("GIVEN a person's reply THEN it is stored exactly as written", async () => {
    const deps = multilingualChat();
    const { domain } = await installShop(fake);
    const session = await startSession(deps, { shop: domain, customerId: null, ip: null }, { locale: "de" });
    const text = "Hallo! Your parcel left today — sorry, my German is poor.";

    await addPersonReply({ db, keyRing }, domain, {
      conversationId: session.conversation.id,
      text,
      idempotencyKey: idempotencyKey(),
    });

    const detail = (await call(
      conversationLoader,
      adminRequest(`/app/inbox/${session.conversation.id}`, { shop: domain }),
      { id: session.conversation.id },
    )) as Awaited<ReturnType<typeof conversationLoader>>;
    expect(detail.conversation.messages.find((m) => m.role === "person")?.text).toBe(text);
  });

  it("names languages for the merchant", () => {
    expect(languageName("fr")).toBe("French");
    expect(languageName("de")).toBe("German");
    expect(languageName(null)).toBeNull();
  });
});
