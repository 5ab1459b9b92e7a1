import { renderToString } from "react-dom/server";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { jobs } from "~/jobs/index.server";
import { decrypt } from "~/privacy/crypto.server";
import { keyRing } from "~/privacy/keys.server";
import { enforceRetention } from "~/privacy/retention.server";
import { EMAIL_MASK, PHONE_MASK } from "~/privacy/redact";
import { enqueueFullSync } from "~/sync/jobs.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { adminRequest, call } from "../../tests/support/requests";
import { chatPost, idempotencyKey, openChat } from "../../tests/support/chat";
import { addCustomer, buildCustomer } from "../../tests/factories/catalog";
import Privacy, { action, loader } from "./app.privacy";

const fake = useFakeShopify();

const form = (fields: Record<string, string>) => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return body;
};
const post = (shop: string, fields: Record<string, string>) =>
  call(action, adminRequest("/app/privacy", { shop, method: "POST", body: form(fields) }));
const settings = { intent: "save", requireConsent: "on", redactTranscripts: "on", retentionDays: "30", disclosure: "" };

/** A synced customer who chatted while logged in. */
async function customerWhoChatted() {
  const { domain, fakeShop } = await installShop(fake);
  const customer = addCustomer(
    fakeShop,
    buildCustomer({ firstName: "Grace", lastName: "Hopper", email: "grace@example.com" }),
  );
  await enqueueFullSync(jobs, domain, "manual");
  await jobs.idle(30_000);
  const customerId = customer.id.split("/").pop()!;
  const chat = await openChat({ shop: domain, customerId });
  await chatPost(
    "messages",
    { ...chat, idempotencyKey: idempotencyKey(), text: "Do you sell compilers?" },
    { shop: domain, customerId },
  );
  return { domain, customerId, chat };
}

describe("the privacy page", () => {
  it("GIVEN the page THEN it renders the settings with their defaults", async () => {
    const { domain } = await installShop(fake);
    const data = (await call(loader, adminRequest("/app/privacy", { shop: domain }))) as Awaited<
      ReturnType<typeof loader>
    >;
    const Stub = createRemixStub([{ path: "/app/privacy", Component: Privacy, loader: () => data }]);
    const html = renderToString(
      <AppProvider i18n={en}>
        <Stub initialEntries={["/app/privacy"]} hydrationData={{ loaderData: { "0": data } }} />
      </AppProvider>,
    );
    expect(data.settings).toEqual({
      requireConsent: true,
      retentionDays: 90,
      disclosure: null,
      redactTranscripts: true,
    });
    expect(html).toContain("Remove email addresses and phone numbers from stored conversations");
    expect(html).toContain('value="90"');
  });

  it("GIVEN a retention of 0 days or a long disclosure THEN 422 names the field and nothing is saved", async () => {
    const { domain } = await installShop(fake);
    const zero = (await post(domain, { ...settings, retentionDays: "0" })) as Response;
    const long = (await post(domain, { ...settings, disclosure: "x".repeat(301) })) as Response;

    expect(zero.status).toBe(422);
    expect((await zero.json()).errors).toEqual({ retentionDays: "keep conversations at least one day" });
    expect((await long.json()).errors).toEqual({ disclosure: "keep the disclosure under 300 characters" });
    expect(await db.shopSetting.count({ where: { shop: domain } })).toBe(0);
  });

  it("GIVEN saved settings THEN the widget's session carries the disclosure and consent choice, and redaction follows the switch", async () => {
    const { domain } = await installShop(fake);
    expect(
      await post(domain, {
        ...settings,
        requireConsent: "",
        disclosure: "You are chatting with a bot.",
        redactTranscripts: "",
      }),
    ).toEqual({ ok: true, intent: "save" });
    const session = await chatPost("session", {}, { shop: domain });
    expect(session.json.privacy).toEqual({ disclosure: "You are chatting with a bot.", requireConsent: false });

    const chat = { visitorToken: session.json.visitorToken, conversationId: session.json.conversation.id };
    const text = "reach me at jo@example.com or +44 7700 900123";
    await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text }, { shop: domain });
    await post(domain, { ...settings, redactTranscripts: "on" });
    await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text }, { shop: domain });

    const stored = await db.message.findMany({
      where: { conversationId: chat.conversationId, role: "shopper" },
      orderBy: { seq: "asc" },
    });
    expect(stored.map((m) => decrypt(keyRing, m.text))).toEqual([text, `reach me at ${EMAIL_MASK} or ${PHONE_MASK}`]);
  });

  it("GIVEN a customer looked up by email THEN the export is the complete compliance export with their conversation", async () => {
    const { domain, customerId, chat } = await customerWhoChatted();

    const lookup = (await post(domain, { intent: "lookup", query: "GRACE@example.com" })) as {
      match: { ref: { id: string }; conversations: number; synced: boolean };
    };
    const exported = (await post(domain, { intent: "export", query: customerId })) as {
      export: { customer: { id: string }; sources: Record<string, Array<Record<string, unknown>>> };
    };

    expect(lookup.match).toMatchObject({ ref: { id: customerId }, conversations: 1, synced: true });
    expect(exported.export.customer.id).toBe(customerId);
    expect(exported.export.sources["synced-shopify-data"]).toEqual([
      expect.objectContaining({ type: "customer", firstName: "Grace", email: "grace@example.com" }),
    ]);
    const conversation = exported.export.sources["storefront chat"].find((item) => item.kind === "conversation");
    expect(conversation).toMatchObject({ id: chat.conversationId });
    expect(conversation!.messages).toEqual(
      expect.arrayContaining([expect.objectContaining({ from: "shopper", text: "Do you sell compilers?" })]),
    );
  });

  it("GIVEN erase without confirmation THEN nothing goes; WITH it THEN the customer and their chats are gone and a lookup finds nothing", async () => {
    const { domain, chat } = await customerWhoChatted();

    const unconfirmed = (await post(domain, { intent: "erase", query: "grace@example.com" })) as Response;
    expect(unconfirmed.status).toBe(422);
    expect(await db.conversation.count({ where: { id: chat.conversationId } })).toBe(1);

    const erased = (await post(domain, { intent: "erase", query: "grace@example.com", confirm: "erase" })) as {
      erased: number;
    };
    expect(erased.erased).toBeGreaterThanOrEqual(3);
    expect(await db.conversation.count({ where: { id: chat.conversationId } })).toBe(0);
    expect(await db.message.count({ where: { conversationId: chat.conversationId } })).toBe(0);
    expect(await db.customer.count({ where: { shop: domain } })).toBe(0);
    const after = (await post(domain, { intent: "lookup", query: "grace@example.com" })) as Response;
    expect(after.status).toBe(404);
  });

  it("GIVEN a query that is neither an email nor an id THEN 422 says what to enter", async () => {
    const { domain } = await installShop(fake);
    const response = (await post(domain, { intent: "lookup", query: "grace" })) as Response;
    expect(response.status).toBe(422);
    expect((await response.json()).errors.query).toBe("Enter an email address or a numeric Shopify customer id.");
  });

  it("GIVEN a retention of 30 days THEN the daily job deletes older idle conversations and events and keeps recent and waiting ones", async () => {
    const { domain } = await installShop(fake);
    await post(domain, settings);
    const old = await openChat({ shop: domain });
    const waiting = await openChat({ shop: domain });
    const recent = await openChat({ shop: domain });
    for (const chat of [old, waiting, recent]) {
      await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text: "hello" }, { shop: domain });
    }
    const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
    await db.conversation.updateMany({
      where: { id: { in: [old.conversationId, waiting.conversationId] } },
      data: { lastMessageAt: longAgo },
    });
    await db.conversation.update({ where: { id: waiting.conversationId }, data: { status: "waiting" } });

    const removed = await enforceRetention(db, domain);

    expect(removed.conversations).toBe(1);
    const left = await db.conversation.findMany({ where: { shop: domain }, select: { id: true } });
    expect(left.map((c) => c.id).sort()).toEqual([waiting.conversationId, recent.conversationId].sort());
  });
});
