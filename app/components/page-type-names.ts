import type { PageType } from "../recommend/rules/types";

/** How the admin names the storefront page types (greeting slots, experiments' learning). */
export const PAGE_TYPE_NAMES: Record<PageType, string> = {
  product: "Product pages",
  collection: "Collection pages",
  cart: "Cart",
  home: "Home page",
  search: "Search results",
  other: "Other pages",
};
