import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { gid, type FakeCustomer, type FakeOrder, type FakeProduct, type FakeShop } from "../fake-shopify/store";
import { buildFulfillment, STANDARD_POLICIES } from "./catalog";

/**
 * The UCI "Online Retail" transactions (a UK gift shop, 2010-12-01 to 2011-12-09) as a
 * Shopify store in the fake Shopify: each stock code a product, each customer id a
 * customer, each invoice an order. The app then syncs it like any shop, through bulk
 * exports; nothing is written into our tables directly. See
 * ../shared/datasets/README.md for the data and its licence (CC BY 4.0).
 */

export const ONLINE_RETAIL_FILE = "online-retail/online_retail.csv.gz";

/** The datasets folder: --data / ASSISTANT_DATA_DIR, else ../shared/datasets beside the repo. */
export function datasetsDir(explicit?: string): string {
  return path.resolve(
    explicit ?? process.env.ASSISTANT_DATA_DIR ?? path.resolve(import.meta.dirname, "../../../shared/datasets"),
  );
}

export function onlineRetailAvailable(dataDir = datasetsDir()): boolean {
  return existsSync(path.join(dataDir, ONLINE_RETAIL_FILE));
}

export interface OnlineRetailOptions {
  dataDir?: string;
  /** Stop after this many invoices (in file order); all by default. */
  maxInvoices?: number;
  /**
   * Move every date so that the last invoice falls on this day: the data is from 2011,
   * and a shop without read_all_orders shows only the last 60 days.
   */
  lastInvoiceAt?: Date;
}

/** RFC 4180 fields: commas inside quotes, doubled quotes. */
function fields(line: string): string[] {
  const out: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(current);
      current = "";
    } else current += c;
  }
  out.push(current);
  return out;
}

const COUNTRIES: Record<string, string> = {
  "United Kingdom": "GB",
  Germany: "DE",
  France: "FR",
  EIRE: "IE",
  Spain: "ES",
  Netherlands: "NL",
  Belgium: "BE",
  Switzerland: "CH",
  Portugal: "PT",
  Australia: "AU",
  Norway: "NO",
  Italy: "IT",
  "Channel Islands": "JE",
  Finland: "FI",
  Cyprus: "CY",
  Sweden: "SE",
  Austria: "AT",
  Denmark: "DK",
  Japan: "JP",
  Poland: "PL",
  Israel: "IL",
  USA: "US",
  "Hong Kong": "HK",
  Singapore: "SG",
  Iceland: "IS",
  Canada: "CA",
  Greece: "GR",
  Malta: "MT",
  "United Arab Emirates": "AE",
  RSA: "ZA",
  Lebanon: "LB",
  Lithuania: "LT",
  Brazil: "BR",
  "Czech Republic": "CZ",
  Bahrain: "BH",
  "Saudi Arabia": "SA",
};

const titleCase = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/\b[a-z]/g, (c) => c.toUpperCase());

// The file's times are naive UK local times; read as UTC they keep their order and spacing.
const parseDate = (value: string) => {
  const iso = value.trim().replace(" ", "T");
  return new Date(/T\d{1,2}:\d{2}$/.test(iso) ? `${iso}:00Z` : `${iso}Z`);
};

/**
 * Fills `shop` with the Online Retail data. Cancellations and returns (invoice "C…",
 * quantity ≤ 0) are left out, as the dataset's README describes; invoices without a
 * customer become guest orders. Returns what was added.
 */
export async function loadOnlineRetail(shop: FakeShop, options: OnlineRetailOptions = {}) {
  const file = path.join(datasetsDir(options.dataDir), ONLINE_RETAIL_FILE);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const products = new Map<string, FakeProduct>();
  const customers = new Map<string, FakeCustomer>();
  const invoices = new Map<
    string,
    { date: Date; customerId: string | null; country: string; lines: Map<string, { qty: number; price: string }> }
  >();
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    const [invoice, stockCode, description, quantity, invoiceDate, unitPrice, customerId, country] = fields(line);
    const qty = Number(quantity);
    if (!invoice || invoice.startsWith("C") || !(qty > 0) || !(Number(unitPrice) > 0)) continue;
    let order = invoices.get(invoice);
    if (!order) {
      if (options.maxInvoices !== undefined && invoices.size >= options.maxInvoices) break;
      order = { date: parseDate(invoiceDate), customerId: customerId || null, country, lines: new Map() };
      invoices.set(invoice, order);
    }
    const existing = order.lines.get(stockCode);
    order.lines.set(stockCode, { qty: (existing?.qty ?? 0) + qty, price: Number(unitPrice).toFixed(2) });
    if (!products.has(stockCode)) {
      const numeric = 5_000_000 + products.size;
      const title = titleCase(description || stockCode);
      products.set(stockCode, {
        id: gid("Product", numeric),
        title,
        handle: `${stockCode.toLowerCase()}-${title
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "")}`,
        descriptionHtml: `<p>${title}.</p>`,
        vendor: "Online Retail (UCI)",
        productType: "Gifts",
        tags: [],
        status: "ACTIVE",
        publishedOnlineStore: true,
        options: [{ name: "Title", values: ["Default Title"] }],
        images: [],
        collectionIds: [],
        variants: [
          {
            id: gid("ProductVariant", numeric),
            title: "Default Title",
            sku: stockCode,
            price: Number(unitPrice).toFixed(2),
            compareAtPrice: null,
            availableForSale: true,
            inventoryQuantity: 100,
            selectedOptions: [{ name: "Title", value: "Default Title" }],
            updatedAt: "",
          },
        ],
        createdAt: "",
        updatedAt: "",
      });
    }
    if (customerId && !customers.has(customerId)) {
      customers.set(customerId, {
        id: gid("Customer", 6_000_000 + Number(customerId)),
        firstName: null,
        lastName: `Customer ${customerId}`,
        email: `customer-${customerId}@online-retail.example`,
        phone: null,
        tags: [],
        country: COUNTRIES[country] ?? null,
        emailMarketingState: "NOT_SUBSCRIBED",
        createdAt: "",
        updatedAt: "",
      });
    }
  }

  const dates = [...invoices.values()].map((i) => i.date.getTime());
  const last = Math.max(...dates);
  const shift = options.lastInvoiceAt ? options.lastInvoiceAt.getTime() - last : 0;
  const at = (time: number) => new Date(time + shift).toISOString();
  const first = at(Math.min(...dates));

  shop.currencyCode = "GBP";
  shop.ianaTimezone = "Europe/London";
  shop.policies = STANDARD_POLICIES(shop);
  for (const product of products.values()) {
    product.createdAt = product.updatedAt = product.variants[0].updatedAt = first;
    shop.products.set(product.id, product);
  }
  const firstOrder = new Map<string, string>();
  let number = 0;
  let lineNumber = 0;
  for (const [invoice, order] of invoices) {
    const createdAt = at(order.date.getTime());
    const customer = order.customerId ? customers.get(order.customerId) : undefined;
    if (customer && !firstOrder.has(customer.id)) firstOrder.set(customer.id, createdAt);
    const items = [...order.lines].map(([stockCode, line]) => {
      const product = products.get(stockCode)!;
      return {
        id: gid("LineItem", 8_000_000 + lineNumber++),
        title: product.title,
        quantity: line.qty,
        sku: stockCode,
        productId: product.id,
        variantId: product.variants[0].id,
        price: line.price,
      };
    });
    const total = items.reduce((sum, item) => sum + Number(item.price) * item.quantity, 0).toFixed(2);
    const shipped = last + shift - (order.date.getTime() + shift) > 3 * 86_400_000;
    const fake: FakeOrder = {
      id: gid("Order", 7_000_000 + Number(invoice)),
      name: `#${invoice}`,
      customerId: customer?.id ?? null,
      email: customer?.email ?? null,
      currencyCode: "GBP",
      totalPrice: total,
      subtotalPrice: total,
      displayFinancialStatus: "PAID",
      displayFulfillmentStatus: shipped ? "FULFILLED" : "UNFULFILLED",
      shippingCountry: COUNTRIES[order.country] ?? null,
      lineItems: items,
      fulfillments: shipped
        ? [
            buildFulfillment({
              id: gid("Fulfillment", 9_000_000 + number),
              createdAt: at(order.date.getTime() + 86_400_000),
            }),
          ]
        : [],
      customAttributes: [],
      createdAt,
      updatedAt: createdAt,
      processedAt: createdAt,
      cancelledAt: null,
      closedAt: null,
    };
    shop.orders.set(fake.id, fake);
    number += 1;
  }
  for (const customer of customers.values()) {
    customer.createdAt = customer.updatedAt = firstOrder.get(customer.id) ?? first;
    shop.customers.set(customer.id, customer);
  }
  return { products: products.size, customers: customers.size, orders: invoices.size };
}
