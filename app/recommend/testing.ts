import type { BehaviourEvent, CatalogProduct, OrderLine } from "./types";

/**
 * A small tea-and-coffee shop whose sales are written out by hand, so that every test can
 * say which product should come first and why. Used by the engine's tests only.
 */
export const NOW = Date.UTC(2024, 5, 1);
export const DAY = 86_400_000;
export const daysAgo = (days: number) => NOW - days * DAY;

const product = (id: string, title: string, extra: Partial<CatalogProduct> = {}): CatalogProduct => ({
  id,
  title,
  price: 10,
  available: true,
  published: true,
  createdAt: daysAgo(400),
  ...extra,
});

export const PRODUCTS: CatalogProduct[] = [
  product("tea", "Green tea tin", { productType: "Tea", vendor: "Leafy", tags: ["organic"], price: 8 }),
  product("teapot", "Ceramic teapot", { productType: "Teaware", vendor: "Kiln", price: 30 }),
  product("cup", "Ceramic tea cup", { productType: "Teaware", vendor: "Kiln", price: 12 }),
  product("honey", "Wildflower honey jar", { productType: "Pantry", vendor: "Bees", price: 9 }),
  product("mug-red", "Red coffee mug", { productType: "Mugs", vendor: "Kiln", options: ["Red"], price: 14 }),
  product("mug-blue", "Blue coffee mug", { productType: "Mugs", vendor: "Kiln", options: ["Blue"], price: 14 }),
  product("beans", "Dark roast coffee beans", { productType: "Coffee", vendor: "Roast", price: 16 }),
  product("grinder", "Burr coffee grinder", { productType: "Coffee gear", vendor: "Roast", price: 45 }),
  product("candle", "Lavender candle", { productType: "Candles", vendor: "Glow", tags: ["gift"], price: 20 }),
  product("cup-set", "Ceramic tea cup set", { productType: "Teaware", vendor: "Kiln", price: 40, available: false }),
  product("draft", "Glass teapot", { productType: "Teaware", vendor: "Kiln", price: 35, published: false }),
  product("whisk", "Bamboo matcha whisk", { productType: "Teaware", vendor: "Leafy", createdAt: daysAgo(5) }),
];

let orderNumber = 0;
const order = (customerId: string | null, productIds: string[], at: number): OrderLine[] => {
  const orderId = `order-${++orderNumber}`;
  return productIds.map((productId) => ({ orderId, customerId, productId, quantity: 1, price: 10, createdAt: at }));
};

/** Lines of one order per call, oldest first. */
export function buildOrders(): OrderLine[] {
  orderNumber = 0;
  const lines: OrderLine[] = [];
  // Tea people: tea, teapot and cups go together; honey sometimes joins.
  for (let k = 0; k < 8; k++) lines.push(...order(`tea-fan-${k}`, ["tea", "teapot", "cup"], daysAgo(60 + k)));
  for (let k = 0; k < 3; k++) lines.push(...order(`tea-fan-${k}`, ["tea", "honey"], daysAgo(40 + k)));
  // The sold-out cup set sold well before it ran out.
  for (let k = 0; k < 12; k++) lines.push(...order(`set-buyer-${k}`, ["cup-set", "tea"], daysAgo(50 + k)));
  // Coffee people: grinder with beans, beans with mugs.
  for (let k = 0; k < 6; k++) lines.push(...order(`coffee-fan-${k}`, ["grinder", "beans"], daysAgo(70 + k)));
  for (let k = 0; k < 4; k++) lines.push(...order(`coffee-fan-${k}`, ["beans", "mug-red"], daysAgo(30 + k)));
  // A loyal tea customer who buys tea every month.
  for (let k = 0; k < 5; k++) lines.push(...order("loyal", ["tea"], daysAgo(20 + 30 * k)));
  // Candles took off this week.
  for (let k = 0; k < 6; k++) lines.push(...order(`candle-buyer-${k}`, ["candle"], daysAgo(1 + k / 2)));
  // A guest checkout.
  lines.push(...order(null, ["honey"], daysAgo(3)));
  return lines;
}

export const ORDERS: OrderLine[] = buildOrders();

/** Two shoppers who looked at the whisk and the honey in one session. */
export const EVENTS: BehaviourEvent[] = [
  { shopperKey: "s1", productId: "whisk", type: "view", at: daysAgo(2) },
  { shopperKey: "s1", productId: "honey", type: "add_to_cart", at: daysAgo(2) + 60_000 },
  { shopperKey: "s2", productId: "whisk", type: "view", at: daysAgo(1) },
  { shopperKey: "s2", productId: "honey", type: "view", at: daysAgo(1) + 120_000 },
];
