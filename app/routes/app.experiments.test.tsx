import { renderToString } from "react-dom/server";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { listExperiments, recordAttributedOrder, recordOutcome } from "~/experiments/store.server";
import { recordBanditPull, rewardVisitor } from "~/experiments/bandit.server";
import { greetingBanditKey } from "~/experiments/bandit";
import { saveGreetingTemplate } from "~/personalize/greeting.server";
import { recommendationsFor } from "~/recommend/service.server";
import Experiments, { action, loader } from "./app.experiments";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { adminRequest, call, sessionToken } from "../../tests/support/requests";
import { chatPost } from "../../tests/support/chat";

const fake = useFakeShopify();

type LoaderData = Awaited<ReturnType<typeof loader>>;

function post(shop: string, fields: Record<string, string>, token?: string) {
  return adminRequest("/app/experiments", { shop, token, method: "POST", body: new URLSearchParams(fields) });
}

function unwrap(result: unknown): {
  status: number;
  body: { ok: boolean; errors?: { path: unknown[]; message: string }[] };
} {
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = result as { data: never; init: { status?: number } | null };
    return { status: init?.status ?? 200, body: data };
  }
  return { status: 200, body: result as never };
}

const greetingTest = (overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: "Friendly or brief",
    kind: "greeting",
    primaryMetric: "engagement",
    segment: null,
    variants: [
      { name: "Friendly", percent: 50, payload: "Hi there! Ask me anything." },
      { name: "Brief", percent: 50, payload: "Questions? Ask away." },
    ],
    ...overrides,
  });

/** The page's save, with the experiment as the form sends it (JSON). */
async function save(shop: string, experiment: string) {
  return unwrap(await call(action, post(shop, { intent: "save", experiment })));
}

async function createAndStart(shop: string, experiment = greetingTest()) {
  const saved = await save(shop, experiment);
  if (!saved.body.ok) throw new Error(JSON.stringify(saved.body));
  const [stored] = (await listExperiments(db, shop)).slice(-1);
  const started = unwrap(await call(action, post(shop, { intent: "start", id: stored.experiment.id })));
  return { id: stored.experiment.id, started };
}

function render(data: LoaderData) {
  const Stub = createRemixStub([{ path: "/app/experiments", Component: Experiments, loader: () => data }]);
  return renderToString(
    <AppProvider i18n={en}>
      <Stub initialEntries={["/app/experiments"]} hydrationData={{ loaderData: { "0": data } }} />
    </AppProvider>,
  ).replace(/<!-- -->/g, "");
}

describe("the experiments page", () => {
  it("GIVEN a forged session token THEN the loader and the action answer 401 and nothing is created", async () => {
    const { domain } = await installShop(fake);
    const forged = sessionToken(domain, { secret: "not-the-app-secret" });

    const loaded = (await call(loader, adminRequest("/app/experiments", { shop: domain, token: forged }))) as Response;
    const saved = (await call(
      action,
      post(domain, { intent: "save", experiment: greetingTest() }, forged),
    )) as Response;

    expect(loaded.status).toBe(401);
    expect(saved.status).toBe(401);
    expect(await listExperiments(db, domain)).toEqual([]);
  });

  it("GIVEN a split that does not add up to 100, a broken greeting or bad strategy weights THEN the save answers 422 saying so", async () => {
    const { domain } = await installShop(fake);

    const split = await save(
      domain,
      greetingTest({
        variants: [
          { name: "A", percent: 60, payload: "Hi!" },
          { name: "B", percent: 30, payload: "Hello!" },
        ],
      }),
    );
    const broken = await save(
      domain,
      greetingTest({
        variants: [
          { name: "A", percent: 50, payload: "Hi {{ customer.age }}" },
          { name: "B", percent: 50, payload: "Hello!" },
        ],
      }),
    );
    const weights = await save(
      domain,
      greetingTest({
        kind: "strategy",
        primaryMetric: "add_to_cart",
        variants: [
          { name: "A", percent: 50, payload: JSON.stringify({ personal: 1 }) },
          { name: "B", percent: 50, payload: JSON.stringify({ personal: 99 }) },
        ],
      }),
    );
    const unreadable = await save(domain, "{");

    expect(split.status).toBe(422);
    expect(split.body.errors).toContainEqual({
      path: ["variants"],
      message: "The traffic split must add up to 100% (it adds up to 90%)",
    });
    expect(broken.status).toBe(422);
    expect(broken.body.errors?.[0]).toMatchObject({
      path: ["variants", 0, "payload"],
      message: expect.stringMatching(/Unknown variable ‘customer.age’/),
    });
    expect(weights.status).toBe(422);
    expect(weights.body.errors?.[0].path).toEqual(["variants", 1, "payload"]);
    expect(unreadable.status).toBe(400);
    expect(await listExperiments(db, domain)).toEqual([]);
  });

  it("GIVEN a greeting experiment THEN it is saved as a draft, starts, a second one of the kind cannot start, it stops, and another shop sees none of it", async () => {
    const { domain } = await installShop(fake);
    const { domain: other } = await installShop(fake);

    const { id, started } = await createAndStart(domain);
    const second = await createAndStart(domain, greetingTest({ name: "Second" }));
    const foreign = unwrap(await call(action, post(other, { intent: "stop", id })));
    const stopped = unwrap(await call(action, post(domain, { intent: "stop", id })));
    const restart = unwrap(await call(action, post(domain, { intent: "start", id })));

    expect(started.body).toEqual({ ok: true, intent: "start" });
    expect(second.started.status).toBe(422);
    expect(second.started.body.errors?.[0].message).toBe(
      "Stop ‘Friendly or brief’ first: one greeting experiment can run at a time.",
    );
    expect(foreign.status).toBe(422);
    expect(stopped.body).toEqual({ ok: true, intent: "stop" });
    expect(restart.status).toBe(422);
    const list = await listExperiments(db, domain);
    expect(list.map((s) => s.experiment.status)).toEqual(["stopped", "draft"]);
    expect(list[0].stoppedAt).not.toBeNull();
    const otherData = (await call(loader, adminRequest("/app/experiments", { shop: other }))) as LoaderData;
    expect(otherData.experiments).toEqual([]);
  });

  it("GIVEN a running experiment with visitors THEN the page shows exposures, successes, rate, interval and the verdict in words", async () => {
    const { domain } = await installShop(fake);
    const { id } = await createAndStart(domain);
    // Real exposures: visitors open the chat; a third of them write to the assistant.
    const visitors: string[] = [];
    for (let i = 0; i < 12; i++) {
      const chat = await chatPost("session", {}, { shop: domain, ip: `192.0.2.${i + 1}` });
      const row = await db.experimentEvent.findFirstOrThrow({
        where: { shop: domain, experimentId: id, type: "exposure" },
        orderBy: { createdAt: "desc" },
      });
      visitors.push(row.visitorId);
      expect(chat.json.greeting).toMatch(/^(Hi there! Ask me anything\.|Questions\? Ask away\.)$/);
    }
    for (const visitor of visitors.slice(0, 4)) {
      await recordOutcome(db, domain, visitor, { type: "engaged", at: new Date() });
    }

    const data = (await call(loader, adminRequest("/app/experiments", { shop: domain }))) as LoaderData;
    const html = render(data);

    const results = data.experiments[0].results!;
    expect(results.variants.reduce((n, v) => n + v.exposures, 0)).toBe(12);
    expect(results.variants.reduce((n, v) => n + v.conversions, 0)).toBe(4);
    expect(results.verdict.status).toBe("not_enough_data");
    expect(results.moreVisitorsNeeded).toBeGreaterThan(80);
    expect(html).toContain("Friendly or brief");
    expect(html).toContain("Running");
    expect(html).toContain("95% interval");
    expect(html).toMatch(/Not enough data yet: \d+ of 100 visitors: about \d+ more visitors per variant/);
  });

  it("GIVEN a running strategy experiment THEN recommendations use the visitor's variant's weights and expose them once; add-to-carts, clicks and attributed orders count for that variant", async () => {
    const { domain } = await installShop(fake);
    const { id } = await createAndStart(
      domain,
      greetingTest({
        name: "Popular vs personal",
        kind: "strategy",
        primaryMetric: "conversion",
        variants: [
          { name: "Popular", percent: 50, payload: JSON.stringify({ popular: 3 }) },
          { name: "Personal", percent: 50, payload: JSON.stringify({ personal: 3, popular: 0 }) },
        ],
      }),
    );
    const chat = await chatPost("session", {}, { shop: domain });
    const visitorId = (await db.conversation.findUniqueOrThrow({ where: { id: chat.json.conversation.id } })).visitorId;

    const first = await recommendationsFor(db, domain, { customerId: null, personalization: true, visitorId });
    const again = await recommendationsFor(db, domain, { customerId: null, personalization: true, visitorId });
    const withoutConsent = await recommendationsFor(db, domain, {
      customerId: null,
      personalization: false,
      visitorId: "someone-else",
    });
    await chatPost(
      "events",
      {
        visitorToken: chat.json.visitorToken,
        consent: true,
        events: [
          { type: "rec_click", productId: "101" },
          { type: "add_to_cart", productId: "101", variantId: "201" },
        ],
      },
      { shop: domain },
    );
    await recordAttributedOrder(db, domain, {
      id: 5001,
      total_price: "42.50",
      created_at: new Date(Date.now() + 1000).toISOString(),
      note_attributes: [{ name: "_assistant_conversation", value: chat.json.conversation.id }],
    });

    expect(first.experiment).toMatchObject({ id });
    expect(again.experiment).toEqual(first.experiment);
    expect(withoutConsent.experiment).toBeNull();
    const rows = await db.experimentEvent.findMany({
      where: { shop: domain, experimentId: id },
      orderBy: { type: "asc" },
    });
    expect(rows.map((r) => [r.type, r.variantId])).toEqual(
      ["add_to_cart", "click", "exposure", "purchase"].map((type) => [type, first.experiment!.variantId]),
    );
    expect(Number(rows.find((r) => r.type === "purchase")!.revenue)).toBe(42.5);
  });

  it("GIVEN the bandit has shown strategies to new visitors and one was clicked THEN the page shows what it learned per segment, best first, and another shop sees nothing", async () => {
    const { domain } = await installShop(fake);
    const other = (await installShop(fake)).domain;
    await recordBanditPull(db, domain, "v1", { kind: "strategy", context: "new_visitor", arm: "popular" });
    await rewardVisitor(db, domain, "v1", "click", { kinds: ["strategy"] });
    await recordBanditPull(db, domain, "v2", { kind: "strategy", context: "new_visitor", arm: "trending" });

    const data = (await call(loader, adminRequest("/app/experiments", { shop: domain }))) as LoaderData;
    expect(data.learning).toEqual([
      {
        kind: "strategy",
        context: "new_visitor",
        segment: "new_visitor",
        arms: [
          expect.objectContaining({ arm: "popular", pulls: 1 }),
          expect.objectContaining({ arm: "trending", pulls: 1 }),
        ],
      },
    ]);
    const html = render(data);
    expect(html).toContain("What the assistant is learning");
    expect(html).toContain("New visitor");
    // Beta(1.1, 1.9) and Beta(1, 2): posterior means 36.7% and 33.3%.
    expect(html).toMatch(/Popular[\s\S]*36\.7%[\s\S]*Trending[\s\S]*33\.3%/);

    const otherData = (await call(loader, adminRequest("/app/experiments", { shop: other }))) as LoaderData;
    expect(otherData.learning).toEqual([]);
    expect(render(otherData)).toContain("Nothing learned yet");
  });

  it("GIVEN the bandit has shown two greetings of one slot and one led to a conversation THEN the page shows each greeting's text with what it learned, and a deleted greeting is named as such", async () => {
    const { domain } = await installShop(fake);
    const saved = [];
    for (const source of ["Welcome back, friend!", "Good to see you again <b>today</b>"]) {
      const result = await saveGreetingTemplate(db, domain, {
        id: null,
        segment: null,
        pageType: "product",
        source,
        enabled: true,
      });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      saved.push(result.template.id);
    }
    const context = greetingBanditKey("returning_visitor", "*|product");
    await recordBanditPull(db, domain, "v1", { kind: "greeting", context, arm: saved[1] });
    await rewardVisitor(db, domain, "v1", "click", { kinds: ["greeting"] });
    await recordBanditPull(db, domain, "v2", { kind: "greeting", context, arm: saved[0] });
    await recordBanditPull(db, domain, "v3", { kind: "greeting", context, arm: "g_gone" });

    const data = (await call(loader, adminRequest("/app/experiments", { shop: domain }))) as LoaderData;
    expect(data.learning).toEqual([
      {
        kind: "greeting",
        context,
        slotKey: "*|product",
        segment: "returning_visitor",
        arms: [
          expect.objectContaining({ arm: saved[1], pulls: 1 }),
          expect.objectContaining({ arm: saved[0], pulls: 1 }),
          expect.objectContaining({ arm: "g_gone", pulls: 1 }),
        ],
      },
    ]);
    const html = render(data);
    expect(html).toContain("Every shopper · Product pages, learned for Returning visitor");
    // The merchant's text, escaped, best first: Beta(1.1, 1.9) is 36.7%, Beta(1, 2) 33.3%.
    expect(html).toMatch(
      /Good to see you again &lt;b&gt;today&lt;\/b&gt;[\s\S]*36\.7%[\s\S]*Welcome back, friend![\s\S]*33\.3%/,
    );
    expect(html).toContain("(a deleted greeting)");
    expect(html).not.toContain("<b>today</b>");
  });
});
