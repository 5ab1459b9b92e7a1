import { createReadStream, readFileSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { datasetFile } from "../../scripts/datasets.mjs";
import type {
  FakeCollection,
  FakeCustomer,
  FakeOrder,
  FakePolicy,
  FakeProduct,
  FakeShop,
  FakeShopifyStore,
  FakeVariant,
} from "../fake-shopify/store";
import { gid } from "../fake-shopify/store";
import { addDemoTranslations } from "./demo-translations";
import { hash32, pick, seededRandom } from "./random";

/**
 * The demo store: a small UK gift shop. With the shared datasets present its catalog,
 * customers and orders are the real UCI Online Retail transactions (plus Shopify's
 * sample product CSVs for products with variants and images); without them, a small
 * generated store. What the data does not contain is generated and said so here:
 * customer names and emails, stock levels, product types and tags (from title
 * keywords), tracking numbers, and order dates shifted so the last invoice is
 * yesterday.
 */

export const DEMO_SHOP_DOMAIN = "demo-gift-shop.myshopify.com";

export interface DemoStoreSummary {
  source: "datasets" | "generated";
  products: number;
  customers: number;
  orders: number;
}

const DAY = 86_400_000;

export function demoPolicies(domain: string): FakePolicy[] {
  const url = (handle: string) => `https://${domain}/policies/${handle}`;
  return [
    {
      type: "REFUND_POLICY",
      title: "Refund policy",
      url: url("refund-policy"),
      body: `<h2>Returns</h2><p>You can return most items within 30 days of delivery for a full refund. Items must be unused and in their original packaging. Personalised items, gift cards and opened food products cannot be returned.</p>
<h2>How to start a return</h2><p>Email help@demo-gift-shop.example with your order number. We will send you a prepaid UK returns label; customers outside the UK pay for return postage.</p>
<h2>Refunds</h2><p>Once we receive and inspect your return we refund the original payment method within 5 business days. Shipping costs are refunded only when the item arrived damaged or was not what you ordered.</p>
<h2>Damaged or wrong items</h2><p>If an item arrives damaged or is not what you ordered, tell us within 14 days and send a photo; we replace it or refund it in full, including shipping.</p>
<h2>Exchanges</h2><p>We do not swap items directly. Return the item for a refund and place a new order for the one you want.</p>`,
    },
    {
      type: "SHIPPING_POLICY",
      title: "Shipping policy",
      url: url("shipping-policy"),
      body: `<h2>Where we ship</h2><p>We ship to the United Kingdom, the European Union, Switzerland, Norway, the United States, Canada and Australia.</p>
<h2>UK delivery</h2><p>Standard delivery (Royal Mail 2nd class) takes 2-4 business days and costs £3.95, free on orders over £40. Express delivery (next business day when ordered before 1pm) costs £6.95.</p>
<h2>International delivery</h2><p>EU, Switzerland and Norway: 4-8 business days, £9.95. United States and Canada: 6-10 business days, £14.95. Australia: 8-14 business days, £17.95. Import duties and taxes outside the UK are paid by the recipient.</p>
<h2>Processing time</h2><p>Orders are packed and dispatched within 1 business day. You receive a tracking link by email as soon as your parcel leaves us.</p>`,
    },
    {
      type: "PRIVACY_POLICY",
      title: "Privacy policy",
      url: url("privacy-policy"),
      body: `<p>We collect the details you give us when you order (name, email, addresses, phone) to deliver your order and answer your questions. We do not sell your data. You can ask for a copy of your data or for it to be deleted by emailing help@demo-gift-shop.example. Our chat assistant keeps conversations for 90 days.</p>`,
    },
    {
      type: "TERMS_OF_SERVICE",
      title: "Terms of service",
      url: url("terms-of-service"),
      body: `<p>By ordering from Demo Gift Shop you agree to these terms. Prices include UK VAT. We may cancel an order if an item is out of stock or mispriced, and refund you in full.</p>`,
    },
    {
      type: "CONTACT_INFORMATION",
      title: "Contact information",
      url: url("contact-information"),
      body: `<p>Demo Gift Shop Ltd, 12 Market Street, Bristol BS1 1AA, United Kingdom. Email help@demo-gift-shop.example or call +44 117 496 0000, Monday to Friday 9:00-17:30 UK time.</p>`,
    },
  ];
}

// ---- Product types and tags from title keywords (the data has neither) ------------

const TYPE_KEYWORDS: [string, string[]][] = [
  ["Christmas", ["CHRISTMAS", "XMAS", "ADVENT", "SNOWFLAKE", "REINDEER", "SANTA"]],
  ["Bags", ["BAG", "BAGS", "TOTE", "SHOPPER"]],
  ["Candles & Lights", ["T-LIGHT", "TLIGHT", "CANDLE", "LANTERN", "LIGHTS", "LIGHT", "LAMP", "NIGHTLIGHT"]],
  [
    "Kitchen & Dining",
    [
      "MUG",
      "CUP",
      "PLATE",
      "BOWL",
      "TEA",
      "CAKE",
      "LUNCH",
      "BOTTLE",
      "JAR",
      "TIN",
      "TINS",
      "BAKING",
      "CUTLERY",
      "NAPKINS",
      "PANTRY",
      "KITCHEN",
      "TRAY",
      "SPOON",
      "JUG",
      "APRON",
      "TEACUP",
      "CAKESTAND",
    ],
  ],
  [
    "Stationery & Wrap",
    [
      "CARD",
      "CARDS",
      "WRAP",
      "PAPER",
      "NOTEBOOK",
      "PEN",
      "PENCIL",
      "PENCILS",
      "STICKER",
      "STICKERS",
      "ENVELOPE",
      "TAPE",
      "CHALK",
      "ERASER",
    ],
  ],
  [
    "Toys & Games",
    ["TOY", "GAME", "DOLL", "JIGSAW", "PLAYING", "CHILDRENS", "KIDS", "SKIPPING", "SPINNING", "PUPPET", "CIRCUS"],
  ],
  ["Garden", ["GARDEN", "PLANT", "PLANTER", "WATERING", "BIRD", "FLOWER", "POT"]],
  [
    "Jewellery & Accessories",
    ["NECKLACE", "BRACELET", "EARRINGS", "RING", "PURSE", "UMBRELLA", "HAIR", "BROOCH", "KEYRING"],
  ],
  ["Party", ["PARTY", "BALLOON", "BALLOONS", "BUNTING", "PARASOL"]],
  [
    "Home Decor",
    [
      "SIGN",
      "FRAME",
      "CLOCK",
      "CUSHION",
      "DOORMAT",
      "MIRROR",
      "DECORATION",
      "HOOK",
      "DRAWER",
      "VASE",
      "WREATH",
      "HEART",
      "HOLDER",
      "DOORSTOP",
      "STORAGE",
      "BOX",
      "BASKET",
      "THROW",
    ],
  ],
];

const COLOURS = [
  "RED",
  "PINK",
  "WHITE",
  "BLUE",
  "GREEN",
  "IVORY",
  "CREAM",
  "BLACK",
  "SILVER",
  "GOLD",
  "PURPLE",
  "YELLOW",
  "ORANGE",
  "BROWN",
  "GREY",
  "TURQUOISE",
];
const MOTIFS = [
  "RETROSPOT",
  "VINTAGE",
  "POLKADOT",
  "PAISLEY",
  "REGENCY",
  "WOODLAND",
  "FAIRY",
  "SPACEBOY",
  "DOLLY",
  "CHARLOTTE",
  "ROSE",
  "LOVE",
  "GLASS",
  "WOODEN",
  "METAL",
  "CERAMIC",
  "ENAMEL",
];

export function inferProductType(title: string): string {
  const words = new Set(title.toUpperCase().split(/[^A-Z-]+/));
  for (const [type, keywords] of TYPE_KEYWORDS) if (keywords.some((k) => words.has(k))) return type;
  return "Gifts";
}

export function inferTags(title: string): string[] {
  const words = new Set(title.toUpperCase().split(/[^A-Z-]+/));
  return [...COLOURS, ...MOTIFS].filter((w) => words.has(w)).map((w) => w.toLowerCase());
}

export function titleCase(text: string) {
  return text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/(^|[\s(/-])([a-z])/g, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

export function handleize(text: string) {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

// ---- Generated people --------------------------------------------------------------

const FIRST_NAMES = [
  "Olivia",
  "Amelia",
  "Isla",
  "Ava",
  "Mia",
  "Grace",
  "Freya",
  "Lily",
  "Emily",
  "Sophie",
  "Oliver",
  "George",
  "Harry",
  "Noah",
  "Jack",
  "Leo",
  "Arthur",
  "Oscar",
  "Charlie",
  "Jacob",
  "Chloe",
  "Lucas",
  "Hannah",
  "Samuel",
  "Ruby",
  "Thomas",
  "Ella",
  "Daniel",
  "Zara",
  "Adam",
];
const LAST_NAMES = [
  "Smith",
  "Jones",
  "Taylor",
  "Brown",
  "Williams",
  "Wilson",
  "Johnson",
  "Davies",
  "Patel",
  "Wright",
  "Walker",
  "Evans",
  "Thomas",
  "Roberts",
  "Green",
  "Hall",
  "Wood",
  "Clarke",
  "Hughes",
  "Khan",
  "Murphy",
  "Martin",
  "Moreau",
  "Schmidt",
  "Garcia",
  "Jansen",
  "Rossi",
  "Silva",
  "Novak",
  "Berg",
];

const COUNTRY_CODES: Record<string, string> = {
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
  USA: "US",
  Israel: "IL",
  Unspecified: "GB",
  Singapore: "SG",
  Iceland: "IS",
  Canada: "CA",
  Greece: "GR",
  Malta: "MT",
  "United Arab Emirates": "AE",
  "European Community": "BE",
  RSA: "ZA",
  Lebanon: "LB",
  Lithuania: "LT",
  Brazil: "BR",
  "Czech Republic": "CZ",
  Bahrain: "BH",
  "Saudi Arabia": "SA",
  Hong: "HK",
};

export function demoCustomer(id: number, country: string | null, createdAt: string): FakeCustomer {
  const h = hash32(`customer:${id}`);
  const firstName = FIRST_NAMES[h % FIRST_NAMES.length];
  const lastName = LAST_NAMES[(h >>> 8) % LAST_NAMES.length];
  return {
    id: gid("Customer", id),
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${id}@example.com`.toLowerCase(),
    phone: null,
    tags: [],
    country,
    emailMarketingState: (h >>> 16) % 3 === 0 ? "SUBSCRIBED" : "NOT_SUBSCRIBED",
    createdAt,
    updatedAt: createdAt,
  };
}

/** Stock is not in the data: a stable pseudo-random level, about 8 % sold out. */
function demoStock(key: string) {
  const h = hash32(`stock:${key}`);
  return h % 100 < 8 ? 0 : 1 + (h % 60);
}

function trackingFor(orderName: string) {
  const digits = String(hash32(`track:${orderName}`))
    .padStart(10, "0")
    .slice(0, 9);
  const number = `RM${digits}GB`;
  return {
    company: "Royal Mail",
    number,
    url: `https://www.royalmail.com/track-your-item#/tracking-results/${number}`,
  };
}

function fulfilOrder(order: FakeOrder, now: number) {
  const age = now - Date.parse(order.createdAt);
  if (age > 3 * DAY) {
    order.displayFulfillmentStatus = "FULFILLED";
    order.fulfillments = [
      {
        id: gid("Fulfillment", hash32(`f:${order.name}`)),
        status: "SUCCESS",
        createdAt: new Date(Date.parse(order.createdAt) + DAY).toISOString(),
        trackingInfo: [trackingFor(order.name)],
      },
    ];
  }
  if (age > 30 * DAY) order.closedAt = new Date(Date.parse(order.createdAt) + 14 * DAY).toISOString();
}

function collectionsFor(products: FakeProduct[], updatedAt: string) {
  const collections = new Map<string, FakeCollection>();
  for (const product of products) {
    const handle = handleize(product.productType);
    let collection = collections.get(handle);
    if (!collection) {
      collection = {
        id: gid("Collection", hash32(`collection:${handle}`)),
        title: product.productType,
        handle,
        updatedAt,
      };
      collections.set(handle, collection);
    }
    product.collectionIds = [collection.id];
  }
  return [...collections.values()];
}

function addToShop(
  shop: FakeShop,
  products: FakeProduct[],
  customers: FakeCustomer[],
  orders: FakeOrder[],
  updatedAt: string,
) {
  for (const collection of collectionsFor(products, updatedAt)) shop.collections.set(collection.id, collection);
  for (const p of products) shop.products.set(p.id, p);
  for (const c of customers) shop.customers.set(c.id, c);
  for (const o of orders) shop.orders.set(o.id, o);
}

function simpleProduct(
  numericId: number,
  title: string,
  price: number,
  createdAt: string,
  extra: Partial<FakeProduct> = {},
): FakeProduct {
  const id = gid("Product", numericId);
  const quantity = demoStock(id);
  const variant: FakeVariant = {
    id: gid("ProductVariant", numericId),
    title: "Default Title",
    sku: extra.handle ?? null,
    price: price.toFixed(2),
    compareAtPrice: null,
    availableForSale: quantity > 0,
    inventoryQuantity: quantity,
    selectedOptions: [{ name: "Title", value: "Default Title" }],
    updatedAt: createdAt,
  };
  return {
    id,
    title,
    handle: handleize(title),
    descriptionHtml: `<p>${title}.</p>`,
    vendor: "Demo Gift Shop",
    productType: inferProductType(title),
    tags: inferTags(title),
    status: "ACTIVE",
    publishedOnlineStore: true,
    options: [{ name: "Title", values: ["Default Title"] }],
    images: [],
    collectionIds: [],
    variants: [variant],
    createdAt,
    updatedAt: createdAt,
    ...extra,
  };
}

// ---- Shopify's sample product CSVs ---------------------------------------------------

type CsvRow = Record<string, string>;

/** Products with options, variants and images from Shopify's product-import CSV format. */
export function productsFromShopifyCsv(text: string, firstId: number, createdAt: string): FakeProduct[] {
  const rows = parseSync(text, { columns: true, skip_empty_lines: true }) as CsvRow[];
  const byHandle = new Map<string, CsvRow[]>();
  for (const row of rows) groupInto(byHandle, row.Handle, row);
  const products: FakeProduct[] = [];
  let nextId = firstId;
  for (const [handle, group] of byHandle) {
    const head = group[0];
    if (!head.Title) continue;
    const productId = nextId++;
    const optionNames = [head["Option1 Name"], head["Option2 Name"], head["Option3 Name"]].filter(Boolean);
    const variantRows = group.filter((row) => row["Option1 Value"] || row["Variant Price"]);
    const variants: FakeVariant[] = variantRows.map((row, index) => {
      const values = [row["Option1 Value"], row["Option2 Value"], row["Option3 Value"]];
      const selectedOptions = optionNames.map((name, i) => ({ name, value: values[i] || "" })).filter((o) => o.value);
      const quantity = Number(row["Variant Inventory Qty"] || 0) > 0 ? demoStock(`${handle}:${index}`) || 3 : 0;
      return {
        id: gid("ProductVariant", productId * 100 + index),
        title: selectedOptions.map((o) => o.value).join(" / ") || "Default Title",
        sku: row["Variant SKU"] || null,
        price: Number(row["Variant Price"] || 0).toFixed(2),
        compareAtPrice: row["Variant Compare At Price"] ? Number(row["Variant Compare At Price"]).toFixed(2) : null,
        availableForSale: quantity > 0,
        inventoryQuantity: quantity,
        selectedOptions,
        updatedAt: createdAt,
      };
    });
    const images = group
      .filter((row) => row["Image Src"])
      .map((row, index) => ({
        id: gid("ProductImage", productId * 100 + index),
        url: row["Image Src"],
        altText: row["Image Alt Text"] || head.Title,
      }));
    products.push({
      id: gid("Product", productId),
      title: head.Title,
      handle,
      descriptionHtml: head["Body (HTML)"] || "",
      vendor: head.Vendor || "Demo Gift Shop",
      productType: head.Type || inferProductType(head.Title),
      tags: (head.Tags || "")
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
      status: head.Published === "false" ? "DRAFT" : "ACTIVE",
      publishedOnlineStore: head.Published !== "false",
      options: optionNames.map((name, i) => ({
        name,
        values: [...new Set(variants.map((v) => v.selectedOptions[i]?.value).filter(Boolean))] as string[],
      })),
      images,
      collectionIds: [],
      variants,
      createdAt,
      updatedAt: createdAt,
    });
  }
  return products;
}

// ---- Online Retail -----------------------------------------------------------------

const NON_PRODUCT_CODES = new Set([
  "POST",
  "DOT",
  "M",
  "m",
  "C2",
  "D",
  "S",
  "BANK CHARGES",
  "AMAZONFEE",
  "CRUK",
  "PADS",
  "B",
  // A delivery charge sold as a line, not a product.
  "23444",
]);

interface RetailLine {
  invoice: string;
  code: string;
  description: string;
  quantity: number;
  date: number;
  price: number;
  customerId: number | null;
  country: string;
}

function parseRetailDate(text: string) {
  // "2010-12-01 08:26:00", naive UK local time; read as UTC (an hour off in summer).
  return Date.parse(`${text.replace(" ", "T")}Z`);
}

async function readRetailLines(file: string, onProgress?: (message: string) => void): Promise<RetailLine[]> {
  const lines: RetailLine[] = [];
  const parser = createReadStream(file)
    .pipe(createGunzip())
    .pipe(parse({ columns: true, relax_quotes: true }));
  for await (const row of parser as AsyncIterable<CsvRow>) {
    const quantity = Number(row.Quantity);
    if (
      row.InvoiceNo.startsWith("C") ||
      !(quantity > 0) ||
      NON_PRODUCT_CODES.has(row.StockCode) ||
      row.StockCode.startsWith("gift_")
    ) {
      continue;
    }
    lines.push({
      invoice: row.InvoiceNo,
      code: row.StockCode.toUpperCase(),
      description: row.Description,
      quantity,
      date: parseRetailDate(row.InvoiceDate),
      price: Number(row.UnitPrice),
      customerId: row.CustomerID ? Number(row.CustomerID) : null,
      country: row.Country,
    });
    if (lines.length % 100_000 === 0) onProgress?.(`read ${lines.length.toLocaleString("en")} sales lines`);
  }
  return lines;
}

function groupInto<K, V>(groups: Map<K, V[]>, key: K, value: V) {
  const group = groups.get(key);
  if (group) group.push(value);
  else groups.set(key, [value]);
}

function positivePrices(lines: RetailLine[]) {
  const paid = lines.map((l) => l.price).filter((price) => price > 0);
  return paid.length ? paid : lines.map((l) => l.price);
}

function mostCommon<T>(values: T[]): T {
  const counts = new Map<T, number>();
  let best = values[0];
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > (counts.get(best) ?? 0)) best = value;
  }
  return best;
}

/**
 * Fills `shop` from the Online Retail transactions and the sample product CSVs.
 * Dates are shifted so the last invoice falls on the day before `now`.
 */
export async function loadDatasetStore(
  shop: FakeShop,
  dataDir: string,
  { now = Date.now(), onProgress }: { now?: number; onProgress?: (message: string) => void } = {},
): Promise<DemoStoreSummary | null> {
  const retail = datasetFile(dataDir, "online-retail/online_retail.csv.gz");
  if (!retail) return null;
  const lines = await readRetailLines(retail, onProgress);
  const lastDay = Math.floor(lines.reduce((max, l) => Math.max(max, l.date), 0) / DAY) * DAY;
  const shift = Math.floor(now / DAY) * DAY - DAY - lastDay;
  const iso = (t: number) => new Date(t + shift).toISOString();

  const byCode = new Map<string, RetailLine[]>();
  for (const line of lines) groupInto(byCode, line.code, line);
  const productIdOf = new Map<string, number>();
  const products: FakeProduct[] = [];
  let nextProductId = 1000;
  for (const [code, codeLines] of byCode) {
    const description = mostCommon(codeLines.map((l) => l.description).filter(Boolean));
    if (!description) continue;
    const id = nextProductId++;
    productIdOf.set(code, id);
    const first = codeLines.reduce((min, l) => Math.min(min, l.date), Infinity);
    products.push(
      // The most common price the item sold at; free lines (samples, damaged stock) are not its price.
      simpleProduct(id, titleCase(description), mostCommon(positivePrices(codeLines)), iso(first), {
        handle: `${handleize(description)}-${code.toLowerCase()}`,
      }),
    );
    products[products.length - 1].variants[0].sku = code;
  }
  onProgress?.(`${products.length.toLocaleString("en")} products`);

  const customers = new Map<number, FakeCustomer>();
  const byInvoice = new Map<string, RetailLine[]>();
  for (const line of lines) {
    groupInto(byInvoice, line.invoice, line);
    if (line.customerId !== null && !customers.has(line.customerId)) {
      customers.set(
        line.customerId,
        demoCustomer(line.customerId, COUNTRY_CODES[line.country] ?? null, iso(line.date)),
      );
    }
  }

  const orders: FakeOrder[] = [];
  for (const [invoice, invoiceLines] of byInvoice) {
    const head = invoiceLines[0];
    const customer = head.customerId !== null ? customers.get(head.customerId)! : null;
    const createdAt = iso(head.date);
    const total = invoiceLines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    const order: FakeOrder = {
      id: gid("Order", Number(invoice)),
      name: `#${invoice}`,
      customerId: customer?.id ?? null,
      email: customer?.email ?? null,
      currencyCode: "GBP",
      totalPrice: total.toFixed(2),
      subtotalPrice: total.toFixed(2),
      displayFinancialStatus: "PAID",
      displayFulfillmentStatus: "UNFULFILLED",
      shippingCountry: COUNTRY_CODES[head.country] ?? null,
      lineItems: invoiceLines.map((l, index) => {
        const productId = productIdOf.get(l.code);
        return {
          id: gid("LineItem", Number(invoice) * 1000 + index),
          title: titleCase(l.description || l.code),
          quantity: l.quantity,
          sku: l.code,
          productId: productId ? gid("Product", productId) : null,
          variantId: productId ? gid("ProductVariant", productId) : null,
          price: l.price.toFixed(2),
        };
      }),
      fulfillments: [],
      customAttributes: [],
      createdAt,
      updatedAt: createdAt,
      processedAt: createdAt,
      cancelledAt: null,
      closedAt: null,
    };
    fulfilOrder(order, now);
    orders.push(order);
  }
  onProgress?.(`${orders.length.toLocaleString("en")} orders, ${customers.size.toLocaleString("en")} customers`);

  const csvProducts: FakeProduct[] = [];
  for (const name of ["apparel.csv", "home-and-garden.csv", "jewelery.csv"]) {
    const file = datasetFile(dataDir, `shopify-product-csvs/${name}`);
    if (file)
      csvProducts.push(
        ...productsFromShopifyCsv(
          readFileSync(file, "utf8"),
          900_000 + csvProducts.length * 10,
          iso(lastDay - 90 * DAY),
        ),
      );
  }

  const all = [...products, ...csvProducts];
  addToShop(shop, all, [...customers.values()], orders, iso(lastDay));
  return { source: "datasets", products: all.length, customers: customers.size, orders: orders.length };
}

// ---- Generated fallback --------------------------------------------------------------

const GENERATED_ITEMS = [
  ["Red Retrospot Lunch Bag", 1.65],
  ["Jumbo Bag Pink Polkadot", 2.08],
  ["White Hanging Heart T-Light Holder", 2.95],
  ["Regency Cakestand 3 Tier", 12.75],
  ["Party Bunting", 4.95],
  ["Assorted Colour Bird Ornament", 1.69],
  ["Set Of 3 Cake Tins Pantry Design", 4.95],
  ["Pack Of 72 Retrospot Cake Cases", 0.55],
  ["Natural Slate Heart Chalkboard", 2.95],
  ["Lunch Bag Red Retrospot", 1.65],
  ["Woodland Charlotte Bag", 0.85],
  ["Spaceboy Lunch Box", 1.95],
  ["Paper Chain Kit 50's Christmas", 2.95],
  ["Hot Water Bottle Keep Calm", 4.95],
  ["Alarm Clock Bakelike Red", 3.75],
  ["Alarm Clock Bakelike Green", 3.75],
  ["Rose Cottage Doormat", 7.95],
  ["Blue Polkadot Cup", 0.85],
  ["Vintage Heads And Tails Card Game", 1.25],
  ["Glass Star Frosted T-Light Holder", 4.25],
  ["Wooden Picture Frame White Finish", 2.55],
  ["Ivory Knitted Mug Cosy", 1.65],
  ["Set Of 6 Spice Tins Pantry Design", 3.95],
  ["Christmas Lights 10 Reindeer", 8.5],
  ["Pink Paisley Umbrella", 5.95],
  ["Fairy Cake Flannel", 0.85],
  ["Green Regency Teacup And Saucer", 2.95],
  ["Garden Watering Can Black", 5.95],
  ["Silver Heart Necklace", 9.95],
  ["Childrens Cutlery Spaceboy", 4.15],
] as const;

/** A small store for when the datasets are absent (and for fast browser tests). */
export function loadGeneratedStore(
  shop: FakeShop,
  { now = Date.now(), seed = 7 }: { now?: number; seed?: number } = {},
): DemoStoreSummary {
  const random = seededRandom(seed);
  const created = new Date(now - 400 * DAY).toISOString();
  const products = GENERATED_ITEMS.map(([title, price], index) => simpleProduct(2000 + index, title, price, created));
  const customers = Array.from({ length: 40 }, (_, i) =>
    demoCustomer(12_000 + i, pick(random, ["GB", "GB", "GB", "FR", "DE", "US"]), created),
  );
  const orders: FakeOrder[] = [];
  for (let i = 0; i < 160; i++) {
    const customer = pick(random, customers);
    const createdAt = new Date(now - Math.floor(random() * 120) * DAY - Math.floor(random() * DAY)).toISOString();
    const basket = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(random, products));
    const unique = [...new Map(basket.map((p) => [p.id, p])).values()];
    const lineItems = unique.map((product, index) => ({
      id: gid("LineItem", (5000 + i) * 1000 + index),
      title: product.title,
      quantity: 1 + Math.floor(random() * 6),
      sku: product.variants[0].sku,
      productId: product.id,
      variantId: product.variants[0].id,
      price: product.variants[0].price,
    }));
    const total = lineItems.reduce((sum, l) => sum + Number(l.price) * l.quantity, 0);
    const order: FakeOrder = {
      id: gid("Order", 5000 + i),
      name: `#${1001 + i}`,
      customerId: customer.id,
      email: customer.email,
      currencyCode: "GBP",
      totalPrice: total.toFixed(2),
      subtotalPrice: total.toFixed(2),
      displayFinancialStatus: "PAID",
      displayFulfillmentStatus: "UNFULFILLED",
      shippingCountry: customer.country,
      lineItems,
      fulfillments: [],
      customAttributes: [],
      createdAt,
      updatedAt: createdAt,
      processedAt: createdAt,
      cancelledAt: null,
      closedAt: null,
    };
    fulfilOrder(order, now);
    orders.push(order);
  }
  addToShop(shop, products, customers, orders, created);
  return { source: "generated", products: products.length, customers: customers.length, orders: orders.length };
}

/** Creates the demo shop in a fake store and fills it from the datasets or generated data. */
export async function seedDemoShop(
  store: FakeShopifyStore,
  {
    dataDir,
    generated = false,
    grantedScopes,
    now = Date.now(),
    onProgress,
  }: {
    dataDir: string;
    generated?: boolean;
    grantedScopes: string[];
    now?: number;
    onProgress?: (message: string) => void;
  },
): Promise<{ shop: FakeShop; summary: DemoStoreSummary }> {
  const shop = store.addShop(DEMO_SHOP_DOMAIN, {
    name: "Demo Gift Shop",
    email: "owner@demo-gift-shop.example",
    contactEmail: "help@demo-gift-shop.example",
    currencyCode: "GBP",
    ianaTimezone: "Europe/London",
    primaryLocale: "en",
    locales: ["en", "fr", "de", "es"],
    grantedScopes,
  });
  shop.policies = demoPolicies(DEMO_SHOP_DOMAIN);
  const summary =
    (!generated && (await loadDatasetStore(shop, dataDir, { now, onProgress }))) || loadGeneratedStore(shop, { now });
  // French, German and Spanish, as the merchant would have entered them in Translate & Adapt.
  const translated = addDemoTranslations(shop, { updatedAt: new Date(now - DAY).toISOString() });
  onProgress?.(
    `translations: policies, product types and ${translated.products} product titles in French, German and Spanish`,
  );
  return { shop, summary };
}
