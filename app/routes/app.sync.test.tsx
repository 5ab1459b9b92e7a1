import { renderToString } from "react-dom/server";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { jobs } from "~/jobs/index.server";
import { loader as appLoader } from "./app";
import Index, { loader as homeLoader } from "./app._index";
import { action as syncNow } from "./app.sync";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { adminRequest, call } from "../../tests/support/requests";
import { seedShop } from "../../tests/factories/catalog";
import { addFakeShop, uniqueShopDomain } from "../../tests/factories/shops";

const fake = useFakeShopify();

type HomeData = Awaited<ReturnType<typeof homeLoader>>;

/** The home page as the merchant sees it, rendered from loader data. */
async function renderHome(data: HomeData) {
  const Stub = createRemixStub([{ path: "/app", Component: Index, loader: () => data }]);
  const html = renderToString(
    <AppProvider i18n={en}>
      <Stub initialEntries={["/app"]} hydrationData={{ loaderData: { "0": data } }} />
    </AppProvider>,
  );
  return html.replace(/<!-- -->/g, "");
}

describe("the home page's sync card", () => {
  it("GIVEN a new shop WHEN its first embedded request installs the app THEN a full sync is queued and brings its data in", async () => {
    const domain = uniqueShopDomain("new");
    seedShop(addFakeShop(fake, domain), { products: 5, customers: 2, orders: 3 });

    await call(appLoader, adminRequest("/app", { shop: domain }));
    await jobs.idle(30_000);

    expect(await db.syncRun.findFirst({ where: { shop: domain } })).toMatchObject({
      trigger: "install",
      status: "completed",
      products: 5,
    });
    // A later token exchange for the same shop does not start another full sync.
    await db.session.deleteMany({ where: { shop: domain } });
    await call(appLoader, adminRequest("/app", { shop: domain }));
    await jobs.idle(30_000);
    expect(await db.syncRun.count({ where: { shop: domain } })).toBe(1);
  });

  it("GIVEN Sync now WHEN pressed THEN a full sync runs, and the home page shows the synced counts and the last run", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 9, customers: 4, orders: 5 });

    const queued = (await call(syncNow, adminRequest("/app/sync", { shop: domain, method: "POST" }))) as {
      queued: boolean;
      alreadyRunning: boolean;
    };
    const again = (await call(syncNow, adminRequest("/app/sync", { shop: domain, method: "POST" }))) as {
      alreadyRunning: boolean;
    };
    await jobs.idle(30_000);
    const data = (await call(homeLoader, adminRequest("/app", { shop: domain }))) as HomeData;

    expect(queued).toMatchObject({ queued: true, alreadyRunning: false });
    expect(again.alreadyRunning).toBe(true);
    expect(data.overview?.counts).toEqual({ products: 9, customers: 4, orders: 5 });
    expect(data.sync.active).toBeNull();
    expect(data.sync.last).toMatchObject({ status: "completed", trigger: "manual", fraction: 1 });
    const html = await renderHome(data);
    expect(html).toContain("Sync now");
    expect(html).toContain("Last sync finished");
    expect(html).toContain("It brought in 9 products, 4 customers and 5 orders.");
    expect(data.waitingCount).toBe(0);
    expect(html).toContain("Nobody is waiting for a person.");
  });

  it("GIVEN a run storing products THEN the card shows the phase, a progress bar and how far it got", async () => {
    const { domain } = await installShop(fake);
    await db.syncRun.create({
      data: {
        shop: domain,
        activeShop: domain,
        trigger: "manual",
        status: "running",
        phase: "products",
        bulkStatus: "COMPLETED",
        bulkObjectCount: 4000,
        linesDone: 1000,
      },
    });

    const data = (await call(homeLoader, adminRequest("/app", { shop: domain }))) as HomeData;
    const html = await renderHome(data);

    expect(data.sync.active).toMatchObject({ phase: "products", fraction: (1 + 0.25) / 4, waitingForShopify: false });
    expect(html).toContain("Syncing products…");
    expect(html).toContain("Stored 1,000 of 4,000 records.");
    expect(html).toMatch(/Polaris-ProgressBar/);
  });

  it("GIVEN a failed run THEN the card says what went wrong in plain words", async () => {
    const { domain } = await installShop(fake);
    await db.syncRun.create({
      data: {
        shop: domain,
        trigger: "install",
        status: "failed",
        phase: "products",
        error: "Shopify ran into an internal error while exporting your products.",
        errorCode: "BULK_FAILED",
        finishedAt: new Date(),
      },
    });

    const html = await renderHome((await call(homeLoader, adminRequest("/app", { shop: domain }))) as HomeData);

    expect(html).toContain("The last sync did not finish");
    expect(html).toContain("Shopify ran into an internal error while exporting your products.");
    expect(html).not.toContain("BULK_FAILED");
  });
});
