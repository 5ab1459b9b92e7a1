import { renderToString } from "react-dom/server";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { keyRing } from "~/privacy/keys.server";
import { greetingTemplates } from "~/settings/definitions.server";
import { readSetting } from "~/settings/store.server";
import { applyCustomerWebhook, applyProductWebhook } from "~/sync/webhooks.server";
import Greetings, { action, loader } from "./app.greetings";
import { loader as preview } from "./app.greeting-preview";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { adminRequest, call, sessionToken } from "../../tests/support/requests";
import { buildCustomer, buildProduct, customerPayload, productPayload } from "../../tests/factories/catalog";

const fake = useFakeShopify();

type LoaderData = Awaited<ReturnType<typeof loader>>;

function post(shop: string, fields: Record<string, string>) {
  return adminRequest("/app/greetings", { shop, method: "POST", body: new URLSearchParams(fields) });
}

/** A Remix `data()` result or a plain one, as { status, body }. */
function unwrap(result: unknown): { status: number; body: Record<string, unknown> } {
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = result as { data: Record<string, unknown>; init: { status?: number } | null };
    return { status: init?.status ?? 200, body: data };
  }
  return { status: 200, body: result as Record<string, unknown> };
}

function render(data: LoaderData) {
  const Stub = createRemixStub([{ path: "/app/greetings", Component: Greetings, loader: () => data }]);
  return renderToString(
    <AppProvider i18n={en}>
      <Stub initialEntries={["/app/greetings"]} hydrationData={{ loaderData: { "0": data } }} />
    </AppProvider>,
  ).replace(/<!-- -->/g, "");
}

describe("the greetings page", () => {
  it("GIVEN a session token signed with another secret THEN the loader and the action answer 401", async () => {
    const { domain } = await installShop(fake);
    const forged = sessionToken(domain, { secret: "not-the-app-secret" });

    const loaded = (await call(loader, adminRequest("/app/greetings", { shop: domain, token: forged }))) as Response;
    const saved = (await call(
      action,
      adminRequest("/app/greetings", {
        shop: domain,
        token: forged,
        method: "POST",
        body: new URLSearchParams({ intent: "save", segment: "", pageType: "", source: "Hi" }),
      }),
    )) as Response;

    expect(loaded.status).toBe(401);
    expect(saved.status).toBe(401);
    expect(await readSetting(db, domain, greetingTemplates)).toEqual([]);
  });

  it("GIVEN a new shop THEN the page shows the empty state that says what to do", async () => {
    const { domain } = await installShop(fake);

    const data = (await call(loader, adminRequest("/app/greetings", { shop: domain }))) as LoaderData;

    expect(data.templates).toEqual([]);
    expect(data.segments.map((s) => s.id)).toContain("vip");
    const html = render(data);
    expect(html).toContain("Greet shoppers by who they are and where they are");
    expect(html).toContain("Add greeting");
  });

  it("GIVEN a template with an unknown variable or unbalanced braces THEN the save answers 422 with the line, column and problem, and nothing is stored", async () => {
    const { domain } = await installShop(fake);

    const unknown = unwrap(
      await call(
        action,
        post(domain, { intent: "save", segment: "vip", pageType: "", source: "Hi {{ customer.age }}" }),
      ),
    );
    const unbalanced = unwrap(
      await call(action, post(domain, { intent: "save", segment: "", pageType: "", source: "Hi {{ shop.name" })),
    );
    const badPage = unwrap(
      await call(action, post(domain, { intent: "save", segment: "", pageType: "checkout", source: "Hi" })),
    );

    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toMatchObject({
      source: [{ line: 1, column: 7, message: expect.stringMatching(/^Unknown variable ‘customer.age’/) }],
    });
    expect(unbalanced.status).toBe(422);
    expect(JSON.stringify(unbalanced.body.errors)).toMatch(/not closed/);
    expect(badPage.status).toBe(400);
    expect(await readSetting(db, domain, greetingTemplates)).toEqual([]);
  });

  it("GIVEN a valid greeting THEN it is saved, listed, editable and deletable, and another shop sees none of it", async () => {
    const { domain } = await installShop(fake);
    const { domain: other } = await installShop(fake);

    const saved = unwrap(
      await call(
        action,
        post(domain, {
          intent: "save",
          segment: "vip",
          pageType: "product",
          source: "Welcome back, {{ customer.first_name }}!",
        }),
      ),
    );
    const id = (saved.body.saved as { id: string }).id;
    const edited = unwrap(
      await call(
        action,
        post(domain, { intent: "save", id, segment: "vip", pageType: "", source: "Welcome back!", enabled: "false" }),
      ),
    );
    const data = (await call(loader, adminRequest("/app/greetings", { shop: domain }))) as LoaderData;
    const otherData = (await call(loader, adminRequest("/app/greetings", { shop: other }))) as LoaderData;
    const foreignDelete = unwrap(await call(action, post(other, { intent: "delete", id })));

    expect(saved.status).toBe(200);
    expect(edited.body.saved).toMatchObject({ id, segment: "vip", pageType: null, enabled: false });
    expect(data.templates).toEqual([{ id, segment: "vip", pageType: null, source: "Welcome back!", enabled: false }]);
    const html = render(data);
    expect(html).toContain("Welcome back!");
    expect(html).toContain("they take turns: the assistant learns which one leads to conversations");
    // The fallback below every template is shown too, with where to change it.
    expect(html).toContain("built-in greeting, in their language");
    expect(html).toMatch(/href="\/app\/settings"[^>]*>in Settings</);
    expect(otherData.templates).toEqual([]);
    expect(foreignDelete.status).toBe(404);
    expect(await readSetting(db, domain, greetingTemplates)).toHaveLength(1);

    await db.assistantSettings.create({ data: { shop: domain, greeting: "Hi! <Ask> us anything." } });
    const withDefault = render((await call(loader, adminRequest("/app/greetings", { shop: domain }))) as LoaderData);
    expect(withDefault).toContain("default greeting, set");
    expect(withDefault).toContain("Hi! &lt;Ask&gt; us anything.");

    const deleted = unwrap(await call(action, post(domain, { intent: "delete", id })));
    expect(deleted.body).toEqual({ ok: true, deleted: id });
    expect(await readSetting(db, domain, greetingTemplates)).toEqual([]);
  });

  it("GIVEN an unsaved edit THEN the preview shows it for a real synced VIP on a product page, and the anonymous visitor sees the default", async () => {
    const { domain } = await installShop(fake, { name: "Tea Leaves", currencyCode: "GBP" });
    const vip = buildCustomer({ firstName: "Ada" });
    await applyCustomerWebhook(db, domain, customerPayload(vip, { orders_count: 5, total_spent: "800.00" }), keyRing);
    await applyProductWebhook(db, domain, productPayload(buildProduct({ title: "Smoky Lapsang" })));
    const data = (await call(loader, adminRequest("/app/greetings", { shop: domain }))) as LoaderData;
    const customer = data.customers.find((c) => c.label.startsWith("Ada "))!;
    const query = (customerId: string) =>
      new URLSearchParams({
        source: "Hi {{ customer.first_name }}, {{ product.title }} is back in stock.",
        segment: "vip",
        pageType: "product",
        customer: customerId,
        page: "product",
      });

    const forVip = (await call(
      preview,
      adminRequest(`/app/greeting-preview?${query(customer.id)}`, { shop: domain }),
    )) as Record<string, unknown>;
    const forGuest = (await call(
      preview,
      adminRequest(`/app/greeting-preview?${query("")}`, { shop: domain }),
    )) as Record<string, unknown>;
    const broken = (await call(
      preview,
      adminRequest(`/app/greeting-preview?${new URLSearchParams({ source: "Hi {% if %}" })}`, { shop: domain }),
    )) as { validation: { ok: boolean; errors: unknown[] } };

    expect(customer.label).toContain("5 orders");
    expect(forVip).toMatchObject({
      text: "Hi Ada, Smoky Lapsang is back in stock.",
      fromDraft: true,
      segments: expect.arrayContaining(["vip", "repeat_customer"]),
    });
    expect(forGuest).toMatchObject({ text: null, segments: ["new_visitor"] });
    expect(broken.validation.ok).toBe(false);
    // Nothing was saved by previewing.
    expect(await readSetting(db, domain, greetingTemplates)).toEqual([]);
  });
});
