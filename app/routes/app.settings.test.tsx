import { renderToString } from "react-dom/server";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { decrypt } from "~/privacy/crypto.server";
import { keyRing } from "~/privacy/keys.server";
import { getAssistantSettings } from "~/conversations/settings.server";
import { shopRules } from "~/conversations/rate-limit.server";
import { chatLimits, handoffNotifications, llmProvider } from "~/settings/definitions.server";
import { readSetting } from "~/settings/store.server";
import Settings, { action, loader } from "./app.settings";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { adminRequest, call, sessionToken } from "../../tests/support/requests";
import { startFakeLlm, type FakeLlm } from "../../tests/fake-llm/server";

const fake = useFakeShopify();
let llm: FakeLlm;
beforeAll(async () => {
  llm = await startFakeLlm();
});
afterAll(() => llm.close());

type LoaderData = Awaited<ReturnType<typeof loader>>;

function post(shop: string, fields: Record<string, string>, token?: string) {
  return adminRequest("/app/settings", {
    shop,
    method: "POST",
    body: new URLSearchParams(fields),
    ...(token ? { token } : {}),
  });
}

const valid = (overrides: Record<string, string> = {}) => ({
  intent: "save",
  greeting: "Hi! Ask me about sizes, delivery or your order.",
  suggestions: "Where is my order?\nDo you ship abroad?",
  handoffEnabled: "on",
  handoffEmails: "Help@Example.com, owner@example.com",
  llmBaseUrl: "https://api.openai.com/v1",
  llmModel: "gpt-4o-mini",
  llmApiKey: "",
  ...overrides,
});

async function send(shop: string, fields: Record<string, string>) {
  const response = (await call(action, post(shop, fields))) as Response;
  return { status: response.status, body: await response.json() };
}

async function renderSettings(data: LoaderData) {
  const Stub = createRemixStub([{ path: "/app/settings", Component: Settings, loader: () => data }]);
  const html = renderToString(
    <AppProvider i18n={en}>
      <Stub initialEntries={["/app/settings"]} hydrationData={{ loaderData: { "0": data } }} />
    </AppProvider>,
  );
  return html.replace(/<!-- -->/g, "");
}

describe("the settings page", () => {
  it("GIVEN no valid session token THEN the loader and the action answer 401 and nothing is saved", async () => {
    const { domain } = await installShop(fake);
    const forged = sessionToken(domain, { secret: "not-ours" });

    const read = (await call(loader, adminRequest("/app/settings", { shop: domain, token: forged }))) as Response;
    const write = (await call(action, post(domain, valid(), forged))) as Response;

    expect(read.status).toBe(401);
    expect(write.status).toBe(401);
    expect(await db.assistantSettings.count({ where: { shop: domain } })).toBe(0);
  });

  it("GIVEN a new shop THEN the defaults show, with the theme editor link for colours and position", async () => {
    const { domain } = await installShop(fake);

    const data = (await call(loader, adminRequest("/app/settings", { shop: domain }))) as LoaderData;
    const html = await renderSettings(data);

    expect(data.settings).toEqual({
      greeting: "",
      suggestions: [],
      handoff: { enabled: false, emails: [] },
      llm: { enabled: false, baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini", keySaved: false },
      chat: { messagesPerSecond: null },
    });
    expect(html).toContain("Open the theme editor");
    // The automatic shop-wide limit, sized from capacity and the instances running (one here).
    expect(data.automaticChatRate).toBe(shopRules({}).send.refillPerSecond);
    expect(html).toContain(`now ${data.automaticChatRate.toLocaleString("en")} a second`);
    expect(html).toContain("App embeds → Storefront assistant");
    expect(html).toContain(`https://${domain}/admin/themes/current/editor?context=apps`);
  });

  it("GIVEN valid settings WHEN saved THEN they are stored, read back, and the greeting reaches the widget's settings", async () => {
    const { domain } = await installShop(fake);

    const { status, body } = await send(domain, valid());

    expect(status).toBe(200);
    expect(body).toMatchObject({
      intent: "save",
      ok: true,
      settings: {
        greeting: "Hi! Ask me about sizes, delivery or your order.",
        suggestions: ["Where is my order?", "Do you ship abroad?"],
        handoff: { enabled: true, emails: ["help@example.com", "owner@example.com"] },
      },
    });
    expect(await readSetting(db, domain, handoffNotifications)).toEqual({
      enabled: true,
      emails: ["help@example.com", "owner@example.com"],
    });
    expect(await getAssistantSettings(db, domain)).toMatchObject({
      greeting: "Hi! Ask me about sizes, delivery or your order.",
      suggestions: ["Where is my order?", "Do you ship abroad?"],
    });
  });

  it.each([
    ["a wrong email address", { handoffEmails: "help@example.com, not-an-email" }, "handoffEmails", /not-an-email/],
    ["notifications on with no address", { handoffEmails: "" }, "handoffEmails", /Add an email address/],
    ["seven suggested questions", { suggestions: "a\nb\nc\nd\ne\nf\ng" }, "suggestions", /at most 6/],
    ["a base URL that is not one", { llmBaseUrl: "api.openai" }, "llmBaseUrl", /base URL/],
    ["no model name", { llmModel: " " }, "llmModel", /model's name/],
    ["the model on without a key", { llmEnabled: "on" }, "llmApiKey", /API key/],
    ["a chat limit of zero", { chatMessagesPerSecond: "0" }, "chatMessagesPerSecond", /at least one/],
    ["a chat limit that is not a number", { chatMessagesPerSecond: "lots" }, "chatMessagesPerSecond", /whole number/],
    ["a fractional chat limit", { chatMessagesPerSecond: "2.5" }, "chatMessagesPerSecond", /whole number/],
  ])(
    "GIVEN %s THEN it answers 422 with the message under that field and saves nothing",
    async (_name, fields, field, message) => {
      const { domain } = await installShop(fake);

      const { status, body } = await send(domain, valid(fields));

      expect(status).toBe(422);
      expect(body.ok).toBe(false);
      expect(body.errors[field]).toMatch(message);
      expect(await db.assistantSettings.count({ where: { shop: domain } })).toBe(0);
      expect(await db.shopSetting.count({ where: { shop: domain } })).toBe(0);
    },
  );

  it("GIVEN a shop-wide chat limit WHEN saved THEN it is stored and read back; WHEN emptied THEN the automatic limit is back", async () => {
    const { domain } = await installShop(fake);

    const set = await send(domain, valid({ chatMessagesPerSecond: "35" }));
    expect(set.status).toBe(200);
    expect(set.body.settings.chat).toEqual({ messagesPerSecond: 35 });
    expect(await readSetting(db, domain, chatLimits)).toEqual({ messagesPerSecond: 35 });

    const cleared = await send(domain, valid({ chatMessagesPerSecond: "" }));
    expect(cleared.body.settings.chat).toEqual({ messagesPerSecond: null });
    expect(await readSetting(db, domain, chatLimits)).toEqual({ messagesPerSecond: null });
  });

  it("GIVEN an API key WHEN saved THEN it is stored sealed, kept when the field is left empty, and never in the loader's data or the page", async () => {
    const { domain } = await installShop(fake);
    const key = "sk-live-very-secret-123";

    await send(domain, valid({ llmEnabled: "on", llmBaseUrl: llm.url, llmModel: "fake-model", llmApiKey: key }));
    await send(domain, valid({ llmEnabled: "on", llmBaseUrl: llm.url, llmModel: "fake-model-2", llmApiKey: "" }));
    const data = (await call(loader, adminRequest("/app/settings", { shop: domain }))) as LoaderData;
    const html = await renderSettings(data);

    const stored = await readSetting(db, domain, llmProvider);
    expect(stored).toMatchObject({ enabled: true, model: "fake-model-2" });
    expect(decrypt(keyRing, stored.apiKeySealed!)).toBe(key);
    expect(data.settings.llm).toEqual({ enabled: true, baseUrl: llm.url, model: "fake-model-2", keySaved: true });
    expect(JSON.stringify(data)).not.toContain(key);
    expect(JSON.stringify(data)).not.toContain(stored.apiKeySealed!);
    expect(html).not.toContain(key);
    expect(html).toContain("A key is saved");

    await send(domain, valid({ llmRemoveKey: "on" }));
    expect((await readSetting(db, domain, llmProvider)).apiKeySealed).toBeNull();
  });

  it("GIVEN Test connection WHEN the provider answers THEN it says so, sending the key; WHEN it refuses or is unreachable THEN it says what to check", async () => {
    const { domain } = await installShop(fake);
    await send(domain, valid({ llmBaseUrl: llm.url, llmModel: "fake-model", llmApiKey: "sk-saved" }));

    llm.script(() => ({ text: "ok" }));
    const works = await send(domain, { intent: "test", llmBaseUrl: llm.url, llmModel: "fake-model", llmApiKey: "" });
    llm.script(() => ({ status: 401 }));
    const refused = await send(domain, {
      intent: "test",
      llmBaseUrl: llm.url,
      llmModel: "fake-model",
      llmApiKey: "sk-wrong",
    });
    const unreachable = await send(domain, {
      intent: "test",
      llmBaseUrl: "http://127.0.0.1:9/v1",
      llmModel: "fake-model",
      llmApiKey: "sk-x",
    });
    const invalid = await send(domain, { intent: "test", llmBaseUrl: "nope", llmModel: "m" });

    expect(works.body).toEqual({ intent: "test", ok: true, message: "Connected: fake-model answered." });
    expect(llm.authorizations.slice(-2)).toEqual(["Bearer sk-saved", "Bearer sk-wrong"]);
    expect(refused.body).toMatchObject({
      ok: false,
      message: expect.stringMatching(/answered 401.*Check the API key/),
    });
    expect(unreachable.body).toMatchObject({
      ok: false,
      message: expect.stringMatching(/could not be reached.*Check the base URL/),
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.llmBaseUrl).toMatch(/base URL/);
    expect(JSON.stringify([works, refused, unreachable])).not.toContain("sk-saved");
  });
});
