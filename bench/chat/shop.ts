import type { FakeOrder, FakeProduct, FakeShop } from "../../tests/fake-shopify/store";
import { gid } from "../../tests/fake-shopify/store";
import { demoCustomer, demoPolicies, handleize } from "../../tests/factories/demo-store";
import { pick, seededRandom } from "../../tests/factories/random";

/**
 * A generated shop for benchmarks: products across types with colour and size variants,
 * customers, and orders over the last 60 days, in the fake Shopify (synced from there).
 */

const TYPES = [
  "Mug",
  "Lunch Bag",
  "Candle",
  "Cushion",
  "T-Shirt",
  "Notebook",
  "Lantern",
  "Teapot",
  "Scarf",
  "Doormat",
  "Clock",
  "Vase",
  "Apron",
  "Umbrella",
  "Necklace",
  "Planter",
];
const ADJECTIVES = [
  "Vintage",
  "Retro",
  "Classic",
  "Woodland",
  "Regency",
  "Paisley",
  "Polkadot",
  "Botanical",
  "Nordic",
  "Coastal",
  "Rustic",
  "Modern",
  "Floral",
  "Striped",
  "Geometric",
];
const COLOURS = ["Red", "Blue", "Green", "Pink", "White", "Black", "Ivory", "Grey", "Yellow", "Navy"];
const SIZES = ["S", "M", "L", "XL"];
const VENDORS = ["Demo Gift Shop", "Hearth & Home", "Paper Lane", "North Loom", "Sunday Studio"];
const SIZED = new Set(["T-Shirt", "Scarf", "Apron"]);

export interface BenchShopOptions {
  products: number;
  customers?: number;
  orders?: number;
  seed?: number;
  now?: number;
}

export function generateBenchShop(
  shop: FakeShop,
  { products = 10_000, customers = 2_000, orders = 8_000, seed = 1, now = Date.now() }: Partial<BenchShopOptions> = {},
) {
  const random = seededRandom(seed);
  const created = new Date(now - 200 * 86_400_000).toISOString();
  shop.policies = demoPolicies(shop.domain);
  const list: FakeProduct[] = [];
  for (let i = 0; i < products; i++) {
    const type = TYPES[i % TYPES.length];
    const title = `${pick(random, ADJECTIVES)} ${pick(random, COLOURS)} ${type} ${Math.floor(i / TYPES.length) + 1}`;
    const base = Math.round((3 + random() * 60) * 100) / 100;
    const sizes = SIZED.has(type) ? SIZES : [null];
    const colours = random() < 0.3 ? [pick(random, COLOURS), pick(random, COLOURS)] : [null];
    const variants = [];
    let n = 0;
    for (const colour of [...new Set(colours)]) {
      for (const size of sizes) {
        const options = [
          ...(colour ? [{ name: "Color", value: colour }] : []),
          ...(size ? [{ name: "Size", value: size }] : []),
        ];
        const quantity = random() < 0.1 ? 0 : 1 + Math.floor(random() * 40);
        variants.push({
          id: gid("ProductVariant", (i + 1) * 100 + n),
          title: options.map((o) => o.value).join(" / ") || "Default Title",
          sku: `SKU-${i + 1}-${n}`,
          price: (base + (size === "XL" ? 2 : 0)).toFixed(2),
          compareAtPrice: random() < 0.1 ? (base * 1.25).toFixed(2) : null,
          availableForSale: quantity > 0,
          inventoryQuantity: quantity,
          selectedOptions: options.length ? options : [{ name: "Title", value: "Default Title" }],
          updatedAt: created,
        });
        n++;
      }
    }
    const product: FakeProduct = {
      id: gid("Product", i + 1),
      title,
      handle: `${handleize(title)}-${i + 1}`,
      descriptionHtml: `<p>A ${title.toLowerCase()} made of ${pick(random, ["cotton", "ceramic", "glass", "recycled paper", "wood", "linen"])}. Perfect as a gift.</p>`,
      vendor: pick(random, VENDORS),
      productType: type,
      tags: [type.toLowerCase(), pick(random, ["gift", "new", "bestseller", "eco"])],
      status: "ACTIVE",
      publishedOnlineStore: true,
      options: [],
      images: [],
      collectionIds: [],
      variants,
      createdAt: created,
      updatedAt: created,
    };
    list.push(product);
    shop.products.set(product.id, product);
  }
  const people = Array.from({ length: customers }, (_, i) => demoCustomer(50_000 + i, "GB", created));
  for (const person of people) shop.customers.set(person.id, person);
  // Popularity follows a power law: a few products sell most.
  const popular = (r: number) => list[Math.floor(Math.pow(r, 3) * list.length)];
  for (let i = 0; i < orders; i++) {
    const customer = pick(random, people);
    const createdAt = new Date(now - Math.floor(random() * 59 * 86_400_000)).toISOString();
    const items = Array.from({ length: 1 + Math.floor(random() * 4) }, () => popular(random()));
    const lineItems = [...new Map(items.map((p) => [p.id, p])).values()].map((p, index) => ({
      id: gid("LineItem", (i + 1) * 10 + index),
      title: p.title,
      quantity: 1 + Math.floor(random() * 3),
      sku: p.variants[0].sku,
      productId: p.id,
      variantId: p.variants[0].id,
      price: p.variants[0].price,
    }));
    const total = lineItems.reduce((sum, l) => sum + Number(l.price) * l.quantity, 0).toFixed(2);
    const order: FakeOrder = {
      id: gid("Order", 700_000 + i),
      name: `#${20_000 + i}`,
      customerId: customer.id,
      email: customer.email,
      currencyCode: shop.currencyCode,
      totalPrice: total,
      subtotalPrice: total,
      displayFinancialStatus: "PAID",
      displayFulfillmentStatus: random() < 0.7 ? "FULFILLED" : "UNFULFILLED",
      shippingCountry: "GB",
      lineItems,
      fulfillments: [],
      customAttributes: [],
      createdAt,
      updatedAt: createdAt,
      processedAt: createdAt,
      cancelledAt: null,
      closedAt: null,
    };
    if (order.displayFulfillmentStatus === "FULFILLED") {
      order.fulfillments = [
        {
          id: gid("Fulfillment", i + 1),
          status: "SUCCESS",
          createdAt,
          trackingInfo: [
            {
              company: "Royal Mail",
              number: `RM${100000000 + i}GB`,
              url: `https://www.royalmail.com/track-your-item#/tracking-results/RM${100000000 + i}GB`,
            },
          ],
        },
      ];
    }
    shop.orders.set(order.id, order);
  }
  return { products: list, customers: people };
}
