/**
 * Input and output shapes of the recommendation engine. Plain data only: the app loads rows
 * from the database (or streams them in batches) and hands them over; nothing here knows
 * about Prisma, Remix or Shopify.
 */

/** Milliseconds since the epoch, or a Date. Everything is converted to milliseconds once. */
export type Timestamp = Date | number;

export interface CatalogProduct {
  /** Stable product id, e.g. the Shopify GID or the numeric id as a string. */
  id: string;
  title: string;
  productType?: string;
  vendor?: string;
  tags?: readonly string[];
  /** Plain text (HTML stripped by the caller). Only its first words are indexed. */
  description?: string;
  /** Collection handles or titles. */
  collections?: readonly string[];
  /** Variant option values such as "Red" or "XL": used by the colour filter and content similarity. */
  options?: readonly string[];
  /** Minimum variant price. */
  price: number;
  /** In stock (any variant available for sale). */
  available: boolean;
  /** Published on the online store. */
  published: boolean;
  createdAt?: Timestamp;
}

export interface OrderLine {
  orderId: string;
  /** null for a guest checkout. */
  customerId: string | null;
  productId: string;
  quantity: number;
  price?: number;
  createdAt: Timestamp;
}

/** Sent by the widget only when the shopper's consent allows it. */
export interface BehaviourEvent {
  shopperKey: string;
  productId: string;
  type: "view" | "add_to_cart";
  at: Timestamp;
}

export interface RecommenderInput {
  /** Iterables, so the caller can stream rows in pages instead of holding them all. */
  products: Iterable<CatalogProduct>;
  orderLines: Iterable<OrderLine>;
  events?: Iterable<BehaviourEvent>;
}

/** Strategies that a caller (or a bandit) can weigh separately. */
export const STRATEGIES = [
  "repurchase",
  "personal",
  "copurchase",
  "complementary",
  "content",
  "popular",
  "trending",
] as const;
export type StrategyName = (typeof STRATEGIES)[number];
export type StrategyWeights = Record<StrategyName, number>;

/**
 * Signals inside a strategy, each a multiplier of its strategy's weight (so the merchant's
 * slider for the strategy scales them too): inside "personal", `neighbours` are the co-purchase
 * neighbours of what the shopper bought or viewed and `learned` the item-to-item model learned
 * from every customer's basket (EASE); inside "popular", `recent` is time-decayed popularity and
 * `seasonal` what sold in the coming weeks a year ago. (The 30-day window itself is the
 * strategy's own weight.)
 */
export const SIGNALS = ["neighbours", "learned", "recent", "seasonal"] as const;
export type SignalName = (typeof SIGNALS)[number];
export type SignalWeights = Record<SignalName, number>;

/**
 * Which list: "default" re-offers what the shopper buys again when it is due; "discover"
 * never shows a product the shopper bought before ("something new", "what else would I like").
 */
export type RecommendationList = "default" | "discover";

/** Strategies used only to fill a short list; they are not blended. */
export type FillStrategyName = "bestseller" | "new_arrival";

export type ReasonKind =
  | "bought_with"
  | "viewed"
  | "popular"
  | "trending"
  | "seasonal"
  | "similar"
  | "in_cart"
  | "bought_before"
  | "bestseller"
  | "new_arrival";

export interface Reason {
  kind: ReasonKind;
  /** The product the reason refers to ("Often bought with X": X). */
  anchorProductId?: string;
  /** Shown to the shopper as plain text; on the discover list it starts "New to you". */
  text: string;
  /** Set on the discover list's items. */
  list?: "discover";
}

export interface Recommendation {
  productId: string;
  score: number;
  strategy: StrategyName | FillStrategyName;
  reason: Reason;
}

export interface RecommendResult {
  items: Recommendation[];
  /** The list that was served. */
  list: RecommendationList;
}

export interface HistoryEntry {
  productId: string;
  at: Timestamp;
  quantity?: number;
}

export interface ConversationContext {
  /** Free text from the conversation ("a gift for my sister who likes tea"). */
  query?: string;
  priceMin?: number;
  priceMax?: number;
  colour?: string;
  productType?: string;
}

export interface RecommendRequest {
  /** A customer known to the index (synced orders): their purchases become the history. */
  customerId?: string;
  /** Purchases not in the index yet (e.g. since the last rebuild). Added to the customer's. */
  history?: readonly HistoryEntry[];
  /** Recently viewed product ids, most recent first (or with times). */
  viewed?: readonly (string | { productId: string; at: Timestamp })[];
  /** Product ids in the cart: never recommended back. */
  cart?: readonly string[];
  /** The product page the shopper is on: never recommended back. */
  currentProductId?: string;
  context?: ConversationContext;
  /** Further product ids not to recommend (e.g. already shown). */
  exclude?: readonly string[];
  /** Default 10, at most 100. */
  limit?: number;
  /** Per-strategy weights; missing strategies keep the index's defaults, 0 switches one off. */
  weights?: Partial<StrategyWeights>;
  /** Per-signal multipliers; missing ones keep the index's defaults. */
  signals?: Partial<SignalWeights>;
  /**
   * "discover": nothing the customer bought before (their synced purchases and `history`), no
   * "buy again". Default "default".
   */
  list?: RecommendationList;
  /** Default false: only published, in-stock products. */
  includeUnavailable?: boolean;
  /** Reference time for recency and the popularity windows. Default: the index's build time. */
  now?: Timestamp;
}

export interface BestsellersRequest {
  limit?: number;
  now?: Timestamp;
  includeUnavailable?: boolean;
  context?: ConversationContext;
}
