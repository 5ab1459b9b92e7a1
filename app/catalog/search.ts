import MiniSearch from "minisearch";
import { analyzeTerm } from "../knowledge/retrieval";
import type { CatalogProduct, CatalogVariant } from "./types";

/**
 * Catalog search for the assistant: full text over title, type, vendor, tags, option
 * values and description (BM25, typo-tolerant), then structured filters applied per
 * variant, so "a blue one under £20" means one variant that is blue AND under £20.
 */

export interface CatalogFilters {
  text?: string | null;
  priceMin?: number | null;
  priceMax?: number | null;
  /** Only products with an available variant (default true). */
  inStock?: boolean;
  productTypes?: string[];
  vendors?: string[];
  /** Option values a variant must carry, e.g. colour "blue", size "M". */
  colours?: string[];
  sizes?: string[];
  /** Products to leave out (already shown, in the cart). */
  excludeIds?: string[];
}

export interface CatalogMatch {
  product: CatalogProduct;
  /** The cheapest variant that satisfies the filters. */
  variant: CatalogVariant;
  score: number;
}

export interface CatalogIndex {
  size: number;
  products: Map<string, CatalogProduct>;
  search(
    filters: CatalogFilters,
    options?: { limit?: number; sort?: "relevance" | "price_asc" | "price_desc" },
  ): CatalogMatch[];
}

interface Doc {
  id: string;
  title: string;
  productType: string;
  vendor: string;
  tags: string;
  options: string;
  description: string;
}

const tokenize = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const lower = (values: string[] | undefined) => (values ?? []).map((v) => v.toLowerCase());

const COLOUR_OPTION = /colou?r|shade|finish/i;
const SIZE_OPTION = /size|fit/i;

function variantMatches(
  product: CatalogProduct,
  variant: CatalogVariant,
  f: CatalogFilters,
  colours: RegExp[],
  sizes: string[],
) {
  if (f.inStock !== false && !variant.available) return false;
  if (f.priceMin != null && variant.price < f.priceMin) return false;
  if (f.priceMax != null && variant.price > f.priceMax) return false;
  if (colours.length) {
    const optionColours = variant.options.filter((o) => COLOUR_OPTION.test(o.name)).map((o) => o.value.toLowerCase());
    // A product without a colour option is matched by its title and tags ("Red Retrospot Bag").
    const haystack = optionColours.length
      ? optionColours.join(" ")
      : `${product.title} ${product.tags.join(" ")}`.toLowerCase();
    if (!colours.some((c) => c.test(haystack))) return false;
  }
  if (sizes.length) {
    const optionSizes = variant.options.filter((o) => SIZE_OPTION.test(o.name)).map((o) => o.value.toLowerCase());
    if (!optionSizes.some((s) => sizes.includes(s))) return false;
  }
  return true;
}

export function buildCatalogIndex(products: CatalogProduct[]): CatalogIndex {
  const byId = new Map(products.map((p) => [p.id, p]));
  const index = new MiniSearch<Doc>({
    idField: "id",
    fields: ["title", "productType", "vendor", "tags", "options", "description"],
    tokenize,
    processTerm: analyzeTerm,
    searchOptions: {
      boost: { title: 3, productType: 2, tags: 2, options: 1.5, vendor: 1.5, description: 0.5 },
      fuzzy: (term) => (term.length > 5 ? 0.2 : false),
      prefix: (term) => term.length > 3,
      combineWith: "AND",
    },
  });
  index.addAll(
    products.map((p) => ({
      id: p.id,
      title: p.title,
      productType: p.productType,
      vendor: p.vendor,
      tags: p.tags.join(" "),
      options: [...new Set(p.variants.flatMap((v) => v.options.map((o) => o.value)))].join(" "),
      description: p.description.slice(0, 2000),
    })),
  );

  function candidates(text: string | null | undefined): { product: CatalogProduct; score: number }[] {
    if (!text || !text.trim()) return products.map((product) => ({ product, score: 0 }));
    let results = index.search(text);
    // All words first; if nothing has every word, the products that have most of them.
    if (results.length === 0) results = index.search(text, { combineWith: "OR" });
    return results.map((r) => ({ product: byId.get(String(r.id))!, score: r.score }));
  }

  return {
    size: products.length,
    products: byId,
    search(filters, { limit = 5, sort = "relevance" } = {}) {
      const types = lower(filters.productTypes);
      const vendors = lower(filters.vendors);
      const colours = lower(filters.colours).map((c) => new RegExp(`\\b${c.replace(/[^\p{L}\p{N} -]/gu, "")}\\b`, "u"));
      const sizes = lower(filters.sizes);
      const excluded = new Set(filters.excludeIds ?? []);
      const matches: CatalogMatch[] = [];
      for (const { product, score } of candidates(filters.text)) {
        if (excluded.has(product.id)) continue;
        if (types.length && !types.includes(product.productType.toLowerCase())) continue;
        if (vendors.length && !vendors.includes(product.vendor.toLowerCase())) continue;
        let best: CatalogVariant | null = null;
        for (const variant of product.variants) {
          if (variantMatches(product, variant, filters, colours, sizes) && (!best || variant.price < best.price))
            best = variant;
        }
        if (best) matches.push({ product, variant: best, score });
      }
      if (sort === "price_asc") matches.sort((a, b) => a.variant.price - b.variant.price || b.score - a.score);
      else if (sort === "price_desc") matches.sort((a, b) => b.variant.price - a.variant.price || b.score - a.score);
      else matches.sort((a, b) => b.score - a.score || a.variant.price - b.variant.price);
      return matches.slice(0, limit);
    },
  };
}
