import { renderToString } from "react-dom/server";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { jobs } from "~/jobs/index.server";
import { enqueueFullSync } from "~/sync/jobs.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { adminRequest, call, sessionToken } from "../../tests/support/requests";
import { chatGet, chatPost, idempotencyKey, openChat } from "../../tests/support/chat";
import { addCustomer, addProduct, buildCustomer, buildProduct } from "../../tests/factories/catalog";
import Inbox, { loader as inboxLoader } from "./app.inbox._index";
import ConversationPage, { action as conversationAction, loader as conversationLoader } from "./app.inbox.$id";
import { loader as updatesLoader } from "./app.inbox.updates";
import { action as settingsAction, loader as settingsLoader } from "./app.inbox.settings";

const fake = useFakeShopify();

type InboxData = Awaited<ReturnType<typeof inboxLoader>>;
type ConversationData = Awaited<ReturnType<typeof conversationLoader>>;

async function render(path: string, Component: () => JSX.Element, data: object) {
  const Stub = createRemixStub([{ path, Component, loader: () => data }]);
  const html = renderToString(
    <AppProvider i18n={en}>
      <Stub initialEntries={[path]} hydrationData={{ loaderData: { "0": data } }} />
    </AppProvider>,
  );
  return html.replace(/<!-- -->/g, "");
}

/** A shopper who asked for a person through the real chat endpoints. */
async function waitingShopper(shop: string, customerId: string | null = null, extra: Record<string, unknown> = {}) {
  const chat = await openChat({ shop, customerId });
  await chatPost(
    "messages",
    { ...chat, idempotencyKey: idempotencyKey(), text: "Does the mug <b>come</b> in blue?", ...extra },
    { shop, customerId },
  );
  const handoff = await chatPost(
    "messages",
    { ...chat, idempotencyKey: idempotencyKey(), text: "I want to talk to a person" },
    { shop, customerId },
  );
  expect(handoff.json.conversation.status).toBe("waiting");
  return chat;
}

const form = (fields: Record<string, string>) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return body;
};

const act = (shop: string, id: string, fields: Record<string, string>) =>
  call(conversationAction, adminRequest(`/app/inbox/${id}`, { shop, method: "POST", body: form(fields) }), { id });

describe("the inbox page", () => {
  it("GIVEN no session token THEN the loader does not answer with data", async () => {
    const { domain } = await installShop(fake);
    const response = (await call(
      inboxLoader,
      adminRequest("/app/inbox", { shop: domain, token: sessionToken(domain, { secret: "wrong" }) }),
    )) as Response;
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBeGreaterThanOrEqual(300);
  });

  it("GIVEN waiting, open and closed conversations THEN the filters list each, the badge counts the waiting, and a search finds words", async () => {
    const { domain } = await installShop(fake);
    const waiting = await waitingShopper(domain);
    const open = await openChat({ shop: domain });
    await chatPost(
      "messages",
      { ...open, idempotencyKey: idempotencyKey(), text: "Do you ship to Norway?" },
      { shop: domain },
    );
    const closed = await openChat({ shop: domain });
    await chatPost("messages", { ...closed, idempotencyKey: idempotencyKey(), text: "thanks" }, { shop: domain });
    await db.conversation.update({ where: { id: closed.conversationId }, data: { status: "closed" } });

    const load = async (query: string) =>
      (await call(inboxLoader, adminRequest(`/app/inbox${query}`, { shop: domain }))) as InboxData;
    const byDefault = await load("");
    const openList = await load("?status=open");
    const closedList = await load("?status=closed");
    const search = await load("?status=all&q=norway");

    expect(byDefault.filter).toBe("waiting");
    expect(byDefault.rows.map((r) => r.id)).toEqual([waiting.conversationId]);
    expect(byDefault.waitingCount).toBe(1);
    expect(byDefault.counts).toEqual({ waiting: 1, open: 1, closed: 1 });
    expect(openList.rows.map((r) => r.id)).toEqual([open.conversationId]);
    expect(closedList.rows.map((r) => r.id)).toEqual([closed.conversationId]);
    expect(search.rows.map((r) => r.id)).toEqual([open.conversationId]);
    expect(byDefault.emailConfigured).toBe(false);

    const html = await render("/app/inbox", Inbox, byDefault);
    expect(html).toContain("1 waiting");
    expect(html).toContain("Email alerts are not configured");
    expect(html).toContain(`/app/inbox/${waiting.conversationId}`);
  });
});

describe("a conversation in the inbox", () => {
  it("GIVEN a logged-in shopper with a cart THEN the page shows the synced customer, the cart, and the whole transcript as text", async () => {
    const { domain, fakeShop } = await installShop(fake);
    const customer = addCustomer(
      fakeShop,
      buildCustomer({ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" }),
    );
    const mug = addProduct(fakeShop, buildProduct({ title: "Blue Mug" }));
    await enqueueFullSync(jobs, domain, "manual");
    await jobs.idle(30_000);
    const customerId = customer.id.split("/").pop()!;
    const chat = await waitingShopper(domain, customerId, { cart: { productIds: [mug.id], itemCount: 2 } });

    const data = (await call(conversationLoader, adminRequest(`/app/inbox/${chat.conversationId}`, { shop: domain }), {
      id: chat.conversationId,
    })) as ConversationData;

    expect(data.conversation.customer).toMatchObject({ name: "Ada Lovelace", email: "ada@example.com" });
    expect(data.conversation.cart).toEqual({ itemCount: 2, products: [{ id: mug.id, title: "Blue Mug" }] });
    expect(data.conversation.messages.map((m) => m.role)).toEqual(["shopper", "assistant", "shopper", "assistant"]);
    const html = await render(`/app/inbox/${chat.conversationId}`, ConversationPage, data);
    expect(html).toContain("Conversation with Ada Lovelace");
    expect(html).toContain("Does the mug &lt;b&gt;come&lt;/b&gt; in blue?");
    expect(html).not.toContain("<b>come</b>");
    expect(html).toContain("Blue Mug");
  });

  it("GIVEN a reply sent twice with one key THEN it is stored once and reaches the shopper's poll", async () => {
    const { domain } = await installShop(fake);
    const chat = await waitingShopper(domain);
    const before = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    const key = idempotencyKey();

    const first = await act(domain, chat.conversationId, {
      intent: "reply",
      text: "Hi, Sam here!",
      idempotencyKey: key,
    });
    const again = await act(domain, chat.conversationId, {
      intent: "reply",
      text: "Hi, Sam here!",
      idempotencyKey: key,
    });
    const poll = await chatGet(
      "messages",
      { conversation: chat.conversationId, visitor: chat.visitorToken, after: String(before.messageCount) },
      { shop: domain },
    );

    expect(first).toEqual({ ok: true, intent: "reply", replayed: false });
    expect(again).toEqual({ ok: true, intent: "reply", replayed: true });
    expect(await db.message.count({ where: { conversationId: chat.conversationId, role: "person" } })).toBe(1);
    expect(poll.json.messages).toEqual([expect.objectContaining({ role: "person", text: "Hi, Sam here!" })]);
    expect(poll.json.conversation.status).toBe("waiting");
  });

  it("GIVEN an empty reply THEN 422 with a message, and nothing is stored", async () => {
    const { domain } = await installShop(fake);
    const chat = await waitingShopper(domain);
    const response = (await act(domain, chat.conversationId, {
      intent: "reply",
      text: "   ",
      idempotencyKey: idempotencyKey(),
    })) as Response;
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ ok: false, error: "Write a reply first." });
    expect(await db.message.count({ where: { conversationId: chat.conversationId, role: "person" } })).toBe(0);
  });

  it("GIVEN give back THEN the conversation is open again and the assistant answers the next message; GIVEN close THEN it is closed", async () => {
    const { domain } = await installShop(fake);
    const chat = await waitingShopper(domain);

    expect(await act(domain, chat.conversationId, { intent: "giveBack" })).toMatchObject({ ok: true });
    const next = await chatPost(
      "messages",
      { ...chat, idempotencyKey: idempotencyKey(), text: "Do you ship to France?" },
      { shop: domain },
    );
    expect(next.json.reply).toMatchObject({ role: "assistant" });
    expect(next.json.conversation.status).toBe("open");

    expect(await act(domain, chat.conversationId, { intent: "close" })).toMatchObject({ ok: true });
    const closed = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    expect(closed.status).toBe("closed");
    const late = (await act(domain, chat.conversationId, {
      intent: "reply",
      text: "one more thing",
      idempotencyKey: idempotencyKey(),
    })) as Response;
    expect(late.status).toBe(422);
  });

  it("GIVEN shop B THEN shop A's conversation is not found: not read, not replied to, not closed", async () => {
    const a = await installShop(fake);
    const b = await installShop(fake);
    const chat = await waitingShopper(a.domain);

    const read = (await call(
      conversationLoader,
      adminRequest(`/app/inbox/${chat.conversationId}`, { shop: b.domain }),
      { id: chat.conversationId },
    )) as Response;
    const reply = (await act(b.domain, chat.conversationId, {
      intent: "reply",
      text: "hi",
      idempotencyKey: idempotencyKey(),
    })) as Response;
    const close = (await act(b.domain, chat.conversationId, { intent: "close" })) as Response;
    const listed = (await call(inboxLoader, adminRequest("/app/inbox?status=all", { shop: b.domain }))) as InboxData;

    expect([read.status, reply.status, close.status]).toEqual([404, 404, 404]);
    expect(listed.rows).toEqual([]);
    expect(await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } })).toMatchObject({
      status: "waiting",
    });
    expect(await db.message.count({ where: { conversationId: chat.conversationId, role: "person" } })).toBe(0);
  });

  it("GIVEN the page waiting for updates WHEN the shopper writes THEN the long-poll answers at once", async () => {
    const { domain } = await installShop(fake);
    const chat = await waitingShopper(domain);
    const row = await db.conversation.findUniqueOrThrow({ where: { id: chat.conversationId } });
    const since = row.updatedAt.toISOString();

    const started = Date.now();
    const held = call(
      updatesLoader,
      adminRequest(`/app/inbox/updates?since=${since}&conversation=${chat.conversationId}&waitMs=10000`, {
        shop: domain,
      }),
    ) as Promise<Response>;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text: "hello?" }, { shop: domain });
    const answer = await held;

    expect(await answer.json()).toEqual({ changed: true });
    expect(Date.now() - started).toBeLessThan(3_000);
    const quiet = (await call(
      updatesLoader,
      adminRequest(`/app/inbox/updates?since=${new Date().toISOString()}&waitMs=100`, { shop: domain }),
    )) as Response;
    expect(await quiet.json()).toEqual({ changed: false });
  });
});

describe("the inbox's notifications and hours", () => {
  const fields = {
    notificationsEnabled: "on",
    emails: "owner@shop.example, help@shop.example",
    offlineMessage: "We are out walking the dog.",
    timezone: "Europe/London",
    mon: "09:00-12:30, 13:30-17:30",
    tue: "9-17",
    wed: "",
    thu: "",
    fri: "",
    sat: "",
    sun: "",
  };
  const save = (shop: string, values: Record<string, string>) =>
    call(settingsAction, adminRequest("/app/inbox/settings", { shop, method: "POST", body: form(values) }));

  it("GIVEN bad hours, a bad address and an unknown time zone THEN 422 names each field, and nothing is saved", async () => {
    const { domain } = await installShop(fake);
    const response = (await save(domain, {
      ...fields,
      emails: "owner@shop.example, not-an-address",
      timezone: "Mars/Olympus",
      mon: "17:00-09:00",
    })) as Response;

    expect(response.status).toBe(422);
    const { errors } = await response.json();
    expect(errors).toMatchObject({
      emails: '"not-an-address" is not an email address',
      timezone: "is not a time zone such as Europe/London",
      mon: '"17:00-09:00" is not a time range such as 09:00-17:30',
    });
    expect(await db.assistantSettings.findUnique({ where: { shop: domain } })).toBeNull();
  });

  it("GIVEN valid settings THEN they are saved, read back, and a shopper waiting out of hours is told the message and when someone is back", async () => {
    const { domain } = await installShop(fake);
    expect(await save(domain, fields)).toEqual({ ok: true, errors: {} });

    const data = (await call(settingsLoader, adminRequest("/app/inbox/settings", { shop: domain }))) as Awaited<
      ReturnType<typeof settingsLoader>
    >;
    expect(data.settings).toMatchObject({
      notificationsEnabled: true,
      emails: ["owner@shop.example", "help@shop.example"],
      offlineMessage: "We are out walking the dog.",
      timezone: "Europe/London",
      hours: { mon: "09:00-12:30, 13:30-17:30", tue: "09:00-17:00", wed: "" },
    });

    // With no hours on any day nobody answers: offline, and no time to promise.
    await save(domain, { ...fields, mon: "", tue: "", wed: "", sun: "" });
    const chat = await waitingShopper(domain);
    const poll = await chatGet(
      "messages",
      { conversation: chat.conversationId, visitor: chat.visitorToken },
      { shop: domain },
    );
    expect(poll.json.conversation.handoff).toMatchObject({
      online: false,
      offlineMessage: "We are out walking the dog.",
      backAt: null,
    });
  });
});
