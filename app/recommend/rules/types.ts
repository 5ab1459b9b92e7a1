/**
 * The shapes merchant rules work on. The recommendation engine produces scored
 * candidates; the storefront route describes where the shopper is. Everything here is
 * plain data (JSON-serialisable), so candidates can be cached and contexts logged.
 */

export const PAGE_TYPES = ["product", "collection", "cart", "home", "search", "other"] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** What rules need to know about a product. Prices are in the shop's currency. */
export interface CandidateProduct {
  vendor: string;
  productType: string;
  tags: string[];
  /**
   * Collection ids (numeric or `gid://shopify/Collection/…`) and/or handles. A rule can
   * name a collection either way; list both here to let rules use either.
   */
  collections: string[];
  /** The lowest variant price. */
  price: number;
  /** Whether any variant can be bought now. */
  available: boolean;
}

/**
 * Why the engine suggested a product. `strategy` names the candidate source
 * ("co-purchase", "popular", "similar", …); `text` is the plain-language explanation a
 * shopper may see ("Often bought with the Linen Shirt").
 */
export interface CandidateReason {
  strategy: string;
  text: string;
}

/** A merchant rule that changed a candidate's rank, kept for the admin's "why" view. */
export interface AppliedRule {
  rule: string;
  action: "boost" | "bury" | "pin";
}

/**
 * One scored product from the engine. Scores are non-negative and higher is better;
 * the list the engine hands over is in its ranked order.
 */
export interface Candidate {
  /** Numeric id or `gid://shopify/Product/…`; rules compare the numeric part. */
  productId: string;
  score: number;
  product: CandidateProduct;
  reason: CandidateReason;
  /** Set by `applyRules` when a merchant rule boosted, buried or pinned this candidate. */
  rules?: AppliedRule[];
}

/** The product on the page the shopper is looking at (product pages only). */
export interface ContextProduct {
  productId: string;
  vendor: string;
  productType: string;
  tags: string[];
  collections: string[];
}

export interface CartLine {
  productId: string;
  quantity: number;
  vendor: string;
  productType: string;
  tags: string[];
}

/** Where the shopper is and who they are, as far as rules are concerned. */
export interface RuleContext {
  /** Segment ids the shopper belongs to (see app/personalize/segments.ts). */
  segments: string[];
  pageType: PageType;
  product?: ContextProduct | null;
  cart?: { lines: CartLine[] } | null;
}
