import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { runFullSync } from "~/sync/full-sync.server";
import { syncedCounts } from "~/sync/status.server";
import { useFakeShopify } from "../support/fake-shopify";
import { installShop } from "../support/install";
import { expectSyncedEqual } from "../support/synced";
import { datasetsDir, loadOnlineRetail, onlineRetailAvailable } from "./online-retail";

const fake = useFakeShopify();
const available = onlineRetailAvailable();

describe("the Online Retail data as a shop", () => {
  it.skipIf(!available)(
    "GIVEN the first 400 invoices of Online Retail in the fake Shopify WHEN the shop syncs THEN our tables hold exactly that data",
    async () => {
      const { domain, fakeShop } = await installShop(fake, { name: "Online Retail" });
      const loaded = await loadOnlineRetail(fakeShop, { maxInvoices: 400, lastInvoiceAt: new Date() });

      const result = await runFullSync(db, domain, { pollMs: 5, maxPollMs: 20 });

      expect(result.status).toBe("completed");
      expect(loaded.orders).toBe(400);
      expect(await syncedCounts(db, domain)).toEqual({
        products: loaded.products,
        customers: loaded.customers,
        orders: loaded.orders,
      });
      await expectSyncedEqual(domain, fakeShop);
      // The file's first invoice, as the dataset has it.
      const first = await db.order.findFirstOrThrow({ where: { shop: domain, name: "#536365" } });
      expect(await db.orderLineItem.count({ where: { shop: domain, orderId: first.id } })).toBe(7);
      expect(first.currency).toBe("GBP");
    },
    60_000,
  );

  it.skipIf(available)(`skipped: the Online Retail data is not at ${datasetsDir()} (set ASSISTANT_DATA_DIR)`, () => {});
});
