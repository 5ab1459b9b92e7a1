import type { AssistantReply } from "../../app/assistant/contract";
import type { FakeCustomer, FakeOrder, FakePolicy, FakeProduct } from "../../tests/fake-shopify/store";

/**
 * The shape of a scripted conversation for `npm run eval:conversations`. A script is
 * written from the demo store's data (the World below: the same objects the fake Shopify
 * serves and the sync brings in), never from the assistant's answers. Each turn says
 * something and checks facts about the reply; `constraints` are what the shopper stated
 * in that turn or earlier, and every product card shown on that turn is checked against
 * them (a card that breaks one is a constraint violation, counted over the whole run).
 */

export type Category =
  "orders" | "policies" | "products" | "recommendations" | "handoff" | "out_of_scope" | "small_talk";

export interface World {
  /** Published, active products, as the fake Shopify holds them. */
  products: FakeProduct[];
  byId: Map<string, FakeProduct>;
  orders: FakeOrder[];
  customers: FakeCustomer[];
  policies: FakePolicy[];
  shop: { name: string; currency: string; timezone: string; contactEmail: string };
  /** The moment the run answers as "now" (orders' dates are shifted relative to it). */
  now: Date;
}

/** What the shopper has said they want: every card on the turn must satisfy all of it. */
export interface Constraints {
  priceMax?: number;
  priceMin?: number;
  /** A colour word the card's title, tags or colour option must carry. */
  colour?: string;
  /** The card's product type must be one of these. */
  productTypes?: string[];
  /** A word (or any of several) the card's title must contain, case-insensitive. */
  titleIncludes?: string[];
  /** A size the card must offer (an option value). */
  size?: string;
}

/**
 * null when the reply passes; otherwise what is wrong, in words. `previous` holds the
 * replies of the conversation's earlier turns, oldest first ("cheaper than what was shown").
 */
export type Check = (reply: AssistantReply, world: World, previous: AssistantReply[]) => string | null;

export interface Turn {
  say: string;
  expect: Check[];
  constraints?: Constraints;
}

export interface Script {
  /** Unique within its file, stable across runs ("orders/guest-wrong-email-then-right"). */
  id: string;
  category: Category;
  /** Shopify's numeric customer id when the shopper is logged in. */
  customerId?: string | null;
  /** The page the shopper is on (a product page for "is it in stock?"). */
  page?: { type: "index" | "product" | "collection" | "cart" | "search" | "policy" | "other"; productId?: string };
  turns: Turn[];
}

/** A file of scripts: a function of the data, so facts are computed, not copied. */
export type ScriptSet = (world: World) => Script[];
