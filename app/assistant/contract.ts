/**
 * What the assistant is given for one chat turn and what it answers. The storefront
 * routes (app/routes/apps.assistant.*) and the widget speak this shape; the assistant
 * (app/assistant/respond.server.ts) produces it. Everything here is plain data: text is
 * rendered by the widget with textContent, never as HTML.
 */

export type PageType = "index" | "product" | "collection" | "cart" | "search" | "policy" | "other";

/** The page types merchant rules and greetings are written for (app/recommend/rules/types.ts). */
export const RULE_PAGE: Record<PageType, "product" | "collection" | "cart" | "home" | "search" | "other"> = {
  index: "home",
  product: "product",
  collection: "collection",
  cart: "cart",
  search: "search",
  policy: "other",
  other: "other",
};

export interface AssistantTurn {
  shop: string;
  conversationId: string;
  /** Shopify's numeric customer id when the proxy signed a logged-in customer, else null. */
  customerId: string | null;
  /** The signed visitor key (anonymous, per browser). */
  visitorId: string;
  text: string;
  locale: string;
  page?: { type: PageType; productId?: string | null };
  cart?: { productIds: string[]; itemCount: number };
  /** Whether behaviour may be used for personalisation (consent and the shopper's choice). */
  personalization: boolean;
  /** Dialogue state carried between turns (slots, last results, misunderstandings). */
  state: ConversationState;
  /** The conversation so far, oldest first (only the optional language model reads it). */
  history?: { role: "user" | "assistant"; content: string }[];
  now?: Date;
}

export interface ConversationState {
  /** The intent of the last understood turn. */
  lastIntent?: string | null;
  /** Product ids shown in the last answer, in order ("the second one"). */
  lastProducts?: string[];
  /** Search filters in force, for refinements ("cheaper", "in blue"). */
  filters?: object;
  /** The product the conversation is about ("is it in stock?"). */
  focusProductId?: string | null;
  /** The order being discussed, once verified. */
  orderId?: string | null;
  /** Consecutive turns the assistant did not understand. */
  misunderstandings?: number;
  /** Failed order verification attempts in this conversation. */
  verificationFailures?: number;
  /** A question asked back to the shopper, awaiting the answer. */
  pending?: { kind: string; data?: Record<string, unknown> } | null;
  [key: string]: unknown;
}

export interface Money {
  amount: string;
  currencyCode: string;
}

export interface ProductCard {
  /** Shopify product GID. */
  productId: string;
  title: string;
  /** Storefront path or URL of the product page on the shop's own domain. */
  url: string | null;
  imageUrl: string | null;
  imageAlt: string | null;
  price: Money;
  compareAtPrice: Money | null;
  available: boolean;
  /** Variants a shopper can pick; `id` is the numeric variant id the Ajax Cart API takes. */
  variants: { id: string; title: string; price: Money; available: boolean }[];
  /** Why it is shown ("Often bought with X", "Popular this week"), when recommended. */
  reason?: { kind: string; text: string } | null;
}

export interface OrderCard {
  name: string;
  createdAt: string;
  financialStatus: string | null;
  fulfillmentStatus: string;
  /** The status in words for the shopper ("Shipped on 3 May"). */
  statusText: string;
  cancelled: boolean;
  items: { title: string; quantity: number }[];
  tracking: { company: string | null; number: string | null; url: string | null }[];
  /**
   * An estimate, not a promise: the shipping policy's business days for the order's
   * destination counted from the ship date (or from today while it has not shipped).
   * Dates are YYYY-MM-DD in the shop's time zone; `text` says it in words. Null when
   * the policy gives no times for that destination or the order is cancelled, and on
   * status answers once the window ended over a fortnight ago (a follow-up asking when it
   * will arrive still gets it, with "should have arrived by").
   */
  estimatedDelivery?: { earliest: string; latest: string; text: string } | null;
}

export interface AssistantReply {
  /** Plain text, shown with textContent. */
  text: string;
  /** The understood intent, or null for out of scope. */
  intent: string | null;
  confidence: number;
  /** True when the assistant answered from data, false when it could not help. */
  resolved: boolean;
  products?: ProductCard[];
  order?: OrderCard;
  /** Where an answer came from (a policy, an FAQ entry). */
  sources?: { title: string; url: string | null }[];
  /**
   * Set when the shopper's words were corrected against the shop's vocabulary before
   * searching ("lantren" → "lantern"); the widget shows "Showing results for …".
   */
  correction?: { original: string; corrected: string };
  /** Quick replies the widget offers as buttons. */
  suggestions?: string[];
  /** Set when a person should take over (requested, or the bot should not answer). */
  handoff?: { reason: "requested" | "complaint" | "misunderstood" | "out_of_scope" | "offered" };
  /**
   * The language the reply is written in (a base code: "fr"). The conversation takes it as
   * its language, which the merchant sees in the inbox; absent, the language stays as it was.
   */
  language?: string;
}

export interface AssistantResult {
  reply: AssistantReply;
  state: ConversationState;
}
