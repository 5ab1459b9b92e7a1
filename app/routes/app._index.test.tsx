import { renderToString } from "react-dom/server";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { dayOf } from "~/analytics/range";
import Index, { loader as homeLoader } from "./app._index";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { adminRequest, call, sessionToken } from "../../tests/support/requests";
import { TEST_API_KEY } from "../../tests/support/constants";
import { seedConversation, seedOrder } from "../../tests/factories/conversations";

const fake = useFakeShopify();

type HomeData = Awaited<ReturnType<typeof homeLoader>>;

async function renderHome(data: HomeData, url = "/app") {
  const Stub = createRemixStub([{ path: "/app", Component: Index, loader: () => data }]);
  const html = renderToString(
    <AppProvider i18n={en}>
      <Stub initialEntries={[url]} hydrationData={{ loaderData: { "0": data } }} />
    </AppProvider>,
  );
  return html.replace(/<!-- -->/g, "");
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

describe("the home dashboard", () => {
  it("GIVEN a request without a valid session token THEN it answers 401 and shows nothing", async () => {
    const { domain } = await installShop(fake);
    await seedConversation(domain, hoursAgo(1), [{ question: "secret question", intent: "shipping", resolved: false }]);

    const response = (await call(
      homeLoader,
      adminRequest("/app", { shop: domain, token: sessionToken(domain, { secret: "not-ours" }) }),
    )) as Response;

    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain("secret question");
  });

  it("GIVEN a new shop THEN every setup step is to do, with the theme editor's App embeds link for our embed", async () => {
    const { domain } = await installShop(fake);

    const data = (await call(homeLoader, adminRequest("/app", { shop: domain }))) as HomeData;
    const html = await renderHome(data);

    expect(data.checklist).toEqual({
      embedSeen: false,
      syncCompleted: false,
      faqEntries: 0,
      greetingSet: false,
      themeEditorUrl: `https://${domain}/admin/themes/current/editor?context=apps&activateAppId=${TEST_API_KEY}/assistant`,
    });
    expect(html).toContain("0 of 4 steps done");
    expect(html).toContain("Open the theme editor");
    expect(html).toContain("No conversations in these dates");
  });

  it("GIVEN chats, an FAQ entry, a greeting and attributed orders THEN the checklist is done and the last 7 days' figures show", async () => {
    const { domain } = await installShop(fake);
    await db.syncRun.create({
      data: { shop: domain, trigger: "install", status: "completed", phase: "done", finishedAt: new Date() },
    });
    await db.faqEntry.create({ data: { shop: domain, question: "Gift wrap?", answer: "Yes, for £2." } });
    await db.assistantSettings.create({ data: { shop: domain, greeting: "Hello! Ask me anything." } });
    const chat = await seedConversation(
      domain,
      hoursAgo(2),
      [{ question: "Where is my order?", intent: "order_status", resolved: true, feedback: 1 }],
      { rating: 5 },
    );
    await seedConversation(domain, hoursAgo(3), [
      { question: "Do you sell <b>unicorns</b>?", intent: "product_search", resolved: false },
    ]);
    // Ten days ago: inside 30 days, outside 7.
    await seedConversation(domain, hoursAgo(240), [{ question: "Old question", intent: "shipping", resolved: true }]);
    await seedOrder(domain, "9001", hoursAgo(1), "25.00", chat);

    const week = (await call(homeLoader, adminRequest("/app?range=7", { shop: domain }))) as HomeData;
    const month = (await call(homeLoader, adminRequest("/app?range=30", { shop: domain }))) as HomeData;
    const html = await renderHome(week, "/app?range=7");

    expect(week.checklist).toMatchObject({ embedSeen: true, syncCompleted: true, faqEntries: 1, greetingSet: true });
    expect(week.preset).toBe("7");
    expect(week.metrics).toMatchObject({
      conversations: 2,
      automatedResolutionRate: 0.5,
      csat: { ratings: 1, rate: 1 },
      attributed: { orders: 1, revenue: [{ currency: "USD", amount: "25.00" }] },
      unanswered: { total: 1 },
    });
    expect(week.metrics.daily).toHaveLength(7);
    expect(month.metrics.conversations).toBe(3);
    expect(html).not.toContain("steps done");
    expect(html).toContain("How the assistant is doing");
    expect(html).toContain("50%");
    expect(html).toContain("$25.00");
    expect(html).toContain("Order status");
    // A shopper's words are text, never markup.
    expect(html).toContain("Do you sell &lt;b&gt;unicorns&lt;/b&gt;?");
    expect(html).not.toContain("<b>unicorns</b>");
  });

  it("GIVEN a custom range THEN exactly those days are shown; GIVEN dates that cannot be used THEN it says so and shows the last 30 days", async () => {
    const { domain } = await installShop(fake);
    const { timezone } = await db.shop.findUniqueOrThrow({ where: { domain } });
    const today = dayOf(new Date(), timezone);

    const custom = (await call(
      homeLoader,
      adminRequest(`/app?range=custom&from=2026-01-01&to=2026-01-03`, { shop: domain }),
    )) as HomeData;
    const backwards = (await call(
      homeLoader,
      adminRequest(`/app?range=custom&from=2026-02-01&to=2026-01-03`, { shop: domain }),
    )) as HomeData;

    expect(custom).toMatchObject({ preset: "custom", rangeInvalid: false });
    expect(custom.metrics.daily.map((d) => d.day)).toEqual(["2026-01-01", "2026-01-02", "2026-01-03"]);
    expect(backwards).toMatchObject({ preset: "30", rangeInvalid: true });
    expect(backwards.metrics.range.toDay).toBe(today);
    expect(await renderHome(backwards)).toContain("Those dates could not be used; showing the last 30 days.");
  });
});
