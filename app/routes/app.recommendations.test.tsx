import { renderToString } from "react-dom/server";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { jobs } from "~/jobs/index.server";
import { enqueueFullSync } from "~/sync/jobs.server";
import { readSetting } from "~/settings/store.server";
import { recommendationRules, strategyWeights } from "~/settings/definitions.server";
import { DEFAULT_WEIGHTS } from "~/recommend/options";
import { decryptNullable } from "~/privacy/crypto.server";
import { keyRing } from "~/privacy/keys.server";
import Recommendations, { action, loader } from "./app.recommendations";
import { action as previewAction, loader as searchLoader } from "./app.recommendations.preview";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { adminRequest, call, sessionToken } from "../../tests/support/requests";
import { seedShop } from "../../tests/factories/catalog";

const fake = useFakeShopify();

type LoaderData = Awaited<ReturnType<typeof loader>>;

/** What a Remix `data()` result or a Response carries: the status and the JSON body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies, checked by the assertions
async function unwrap(result: unknown): Promise<{ status: number; body: any }> {
  if (result instanceof Response) return { status: result.status, body: await result.json() };
  const init = (result as { type?: string; init?: ResponseInit; data?: unknown }) ?? {};
  if (init.type === "DataWithResponseInit") return { status: init.init?.status ?? 200, body: init.data };
  return { status: 200, body: result };
}

const post = (path: string, shop: string, body: unknown) =>
  adminRequest(path, { shop, method: "POST", body: JSON.stringify(body) });

function render(data: LoaderData) {
  const Stub = createRemixStub([{ path: "/app/recommendations", Component: Recommendations, loader: () => data }]);
  return renderToString(
    <AppProvider i18n={en}>
      <Stub initialEntries={["/app/recommendations"]} hydrationData={{ loaderData: { "0": data } }} />
    </AppProvider>,
  ).replace(/<!-- -->/g, "");
}

let shop: string;
let other: string;

beforeAll(async () => {
  ({ domain: shop } = await installShop(fake).then(async (installed) => {
    seedShop(installed.fakeShop, { products: 14, customers: 4, orders: 24 });
    return installed;
  }));
  ({ domain: other } = await installShop(fake));
  await enqueueFullSync(jobs, shop, "manual");
  await jobs.idle(60_000);
}, 90_000);

describe("the Recommendations page", () => {
  it("GIVEN no session token WHEN the page or the preview is asked for THEN the shop's data is not shown", async () => {
    const bad = adminRequest("/app/recommendations", { shop, token: sessionToken(shop, { secret: "wrong" }) });
    const result = await call(loader, bad);
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBeGreaterThanOrEqual(300);
    const search = await call(
      searchLoader,
      adminRequest("/app/recommendations/preview?products=", { shop, token: sessionToken(shop, { secret: "x" }) }),
    );
    expect((search as Response).status).toBeGreaterThanOrEqual(300);
  });

  it("GIVEN a new shop THEN the page shows the empty state, the default strategy weights and the preview", async () => {
    const data = (await call(loader, adminRequest("/app/recommendations", { shop }))) as LoaderData;
    expect(data.rules).toEqual([]);
    expect(data.weights).toEqual(DEFAULT_WEIGHTS);
    expect(data.counts.products).toBe(14);
    expect(data.segments.map((s) => s.id)).toContain("vip");
    const html = render(data);
    expect(html).toContain("Shape what shoppers are recommended");
    expect(html).toContain("Bought together");
    expect(html).toContain("Show recommendations");
  });

  it("GIVEN invalid rules and weights WHEN saved THEN 400 with each problem named by its rule, and nothing saved", async () => {
    const result = await unwrap(
      await call(
        action,
        post("/app/recommendations", shop, {
          rules: [
            { name: "Push", actions: [{ type: "boost", match: { tags: ["gift"] }, factor: 0.5 }] },
            { name: "", actions: [] },
            { name: "VIP", conditions: { segments: ["nobody"] }, actions: [{ type: "inStockOnly" }] },
          ],
          weights: { ...DEFAULT_WEIGHTS, popular: 12 },
        }),
      ),
    );
    expect(result.status).toBe(400);
    const messages = result.body.errors.map((e: { message: string }) => e.message);
    expect(messages).toContain("Rule 1 ‘Push’: a boost needs a factor above 1 (2 doubles the score)");
    expect(messages.some((m: string) => m.startsWith("Rule 2: a rule needs a name"))).toBe(true);
    expect(messages.some((m: string) => m.includes("can be at most 10"))).toBe(true);
    expect(await readSetting(db, shop, recommendationRules)).toEqual([]);

    const unknownSegment = await unwrap(
      await call(
        action,
        post("/app/recommendations", shop, {
          rules: [{ name: "VIP", conditions: { segments: ["nobody"] }, actions: [{ type: "inStockOnly" }] }],
          weights: DEFAULT_WEIGHTS,
        }),
      ),
    );
    expect(unknownSegment.body.errors[0].message).toBe("Rule 1 ‘VIP’: there is no segment ‘nobody’");
    const garbage = await unwrap(
      await call(action, adminRequest("/app/recommendations", { shop, method: "POST", body: "{" })),
    );
    expect(garbage.status).toBe(400);
  });

  it("GIVEN valid rules and weights WHEN saved THEN they are stored in order and the page shows them", async () => {
    const rules = [
      { name: "Hide bags", actions: [{ type: "exclude", match: { productTypes: ["Bags"] } }] },
      {
        name: "Gifts first",
        conditions: { pageTypes: ["home"] },
        actions: [{ type: "boost", match: { tags: ["gift"] }, factor: 3 }],
      },
    ];
    const weights = { ...DEFAULT_WEIGHTS, trending: 2.5 };
    const result = await unwrap(await call(action, post("/app/recommendations", shop, { rules, weights })));
    expect(result.status).toBe(200);
    expect(result.body.ok).toBe(true);
    const saved = await readSetting(db, shop, recommendationRules);
    expect(saved.map((r) => r.name)).toEqual(["Hide bags", "Gifts first"]);
    expect(await readSetting(db, shop, strategyWeights)).toEqual(weights);
    // The other shop is untouched.
    expect(await readSetting(db, other, recommendationRules)).toEqual([]);

    const html = render((await call(loader, adminRequest("/app/recommendations", { shop }))) as LoaderData);
    expect(html).toContain("Hide bags");
    expect(html).toContain("Gifts first");
    expect(html).not.toContain("Shape what shoppers are recommended");
    // Back to no rules for the tests that follow.
    await call(action, post("/app/recommendations", shop, { rules: [], weights: DEFAULT_WEIGHTS }));
  });
});

describe("the Recommendations preview", () => {
  it("GIVEN a customer search THEN synced customers match by name or, by keyed hash, by exact email", async () => {
    const row = await db.customer.findFirstOrThrow({ where: { shop, deletedAt: null } });
    const email = decryptNullable(keyRing, row.email)!;
    const lastName = decryptNullable(keyRing, row.lastName)!;
    const byName = await unwrap(
      await call(
        searchLoader,
        adminRequest(`/app/recommendations/preview?customers=${encodeURIComponent(lastName)}`, { shop }),
      ),
    );
    expect(byName.body.customers.map((c: { email: string }) => c.email)).toContain(email);
    const byEmail = await unwrap(
      await call(
        searchLoader,
        adminRequest(`/app/recommendations/preview?customers=${encodeURIComponent(email.toUpperCase())}`, { shop }),
      ),
    );
    expect(byEmail.body.customers).toEqual([{ id: row.id.replace(/\D/g, ""), name: expect.any(String), email }]);
    const otherShop = await unwrap(
      await call(
        searchLoader,
        adminRequest(`/app/recommendations/preview?customers=${encodeURIComponent(email)}`, { shop: other }),
      ),
    );
    expect(otherShop.body.customers).toEqual([]);
    const products = await unwrap(
      await call(searchLoader, adminRequest("/app/recommendations/preview?products=", { shop })),
    );
    expect(products.body.products.length).toBeGreaterThan(0);
  });

  it("GIVEN draft (unsaved) rules WHEN previewed THEN the list has reasons and honours a draft exclude rule", async () => {
    const product = await db.product.findFirstOrThrow({ where: { shop, deletedAt: null, status: "ACTIVE" } });
    const customer = await db.customer.findFirstOrThrow({ where: { shop, deletedAt: null } });
    const target = { customerId: customer.id.replace(/\D/g, ""), productId: product.id };

    const before = await unwrap(
      await call(
        previewAction,
        post("/app/recommendations/preview", shop, { rules: [], weights: DEFAULT_WEIGHTS, ...target }),
      ),
    );
    expect(before.status).toBe(200);
    expect(before.body.items.length).toBeGreaterThan(0);
    for (const item of before.body.items) expect(item.reason).toMatch(/\w/);
    const excludedType = before.body.items[0].productType as string;

    const draft = [{ name: "Hide one type", actions: [{ type: "exclude", match: { productTypes: [excludedType] } }] }];
    const after = await unwrap(
      await call(
        previewAction,
        post("/app/recommendations/preview", shop, { rules: draft, weights: DEFAULT_WEIGHTS, ...target }),
      ),
    );
    expect(after.status).toBe(200);
    expect(after.body.items.length).toBeGreaterThan(0);
    expect(after.body.items.map((i: { productType: string }) => i.productType)).not.toContain(excludedType);
    // The draft was not saved.
    expect(await readSetting(db, shop, recommendationRules)).toEqual([]);

    const boosted = await unwrap(
      await call(
        previewAction,
        post("/app/recommendations/preview", shop, {
          rules: [{ name: "Lift", actions: [{ type: "boost", match: { productTypes: [excludedType] }, factor: 5 }] }],
          weights: DEFAULT_WEIGHTS,
          ...target,
        }),
      ),
    );
    expect(boosted.body.items[0].rules).toEqual([{ rule: "Lift", action: "boost" }]);
  });

  it("GIVEN invalid draft rules or a made-up product WHEN previewed THEN 422 with the problems", async () => {
    const bad = await unwrap(
      await call(
        previewAction,
        post("/app/recommendations/preview", shop, {
          rules: [{ name: "x", actions: [{ type: "exclude", match: {} }] }],
          weights: DEFAULT_WEIGHTS,
          productId: "not a product",
        }),
      ),
    );
    expect(bad.status).toBe(422);
    const messages = bad.body.error.errors.map((e: { message: string }) => e.message);
    expect(messages[0]).toContain("Rule 1 ‘x’: an exclude needs to say which products");
    expect(messages).toContain("Choose a product from the list.");
  });
});
