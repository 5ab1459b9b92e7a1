import MiniSearch from "minisearch";
import { analyzeTerm } from "../knowledge/retrieval";
import { minPrice, type CatalogProduct, type CatalogVariant } from "./types";

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
  /** Products with any of the words, best first, instead of all of them (hints, not a query). */
  matchAny?: boolean;
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
    options?: {
      limit?: number;
      sort?: "relevance" | "price_asc" | "price_desc";
      /** Products to leave out by a test rather than by id (the merchant's exclusions). */
      skip?: (product: CatalogProduct) => boolean;
    },
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

/** The cheapest variant of a product that satisfies the filters' price, colour, size and stock, or null. */
export function fittingVariant(product: CatalogProduct, filters: CatalogFilters): CatalogVariant | null {
  const colours = lower(filters.colours).map(colourPattern);
  const sizes = lower(filters.sizes);
  let best: CatalogVariant | null = null;
  for (const variant of product.variants) {
    if (variantMatches(product, variant, filters, colours, sizes) && (!best || variant.price < best.price))
      best = variant;
  }
  return best;
}

const colourPattern = (c: string) => new RegExp(`\\b${c.replace(/[^\p{L}\p{N} -]/gu, "")}\\b`, "u");

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

/** With a price order, matches scoring below this share of the best are not what was asked for. */
const RELEVANT_SHARE = 0.5;

/** A word in more than this share of products says little and costs a full scan in BM25. */
const COMMON_TERM_SHARE = 0.2;

export function buildCatalogIndex(products: CatalogProduct[]): CatalogIndex {
  const byId = new Map(products.map((p) => [p.id, p]));
  const haystacks = new Map<string, string>();
  const documentFrequency = new Map<string, number>();
  const index = new MiniSearch<Doc>({
    idField: "id",
    fields: ["title", "productType", "vendor", "tags", "options", "description"],
    tokenize,
    processTerm: analyzeTerm,
    searchOptions: {
      boost: { title: 3, productType: 2, tags: 2, options: 1.5, vendor: 1.5, description: 0.5 },
      prefix: (term) => term.length > 3,
      combineWith: "AND",
    },
  });
  const docs = products.map((p) => ({
    id: p.id,
    title: p.title,
    productType: p.productType,
    vendor: p.vendor,
    tags: p.tags.join(" "),
    options: [...new Set(p.variants.flatMap((v) => v.options.map((o) => o.value)))].join(" "),
    description: p.description.slice(0, 2000),
  }));
  index.addAll(docs);
  for (const doc of docs) {
    const haystack = `${doc.title} ${doc.productType} ${doc.vendor} ${doc.tags} ${doc.options}`;
    haystacks.set(doc.id, haystack.toLowerCase());
    const terms = new Set(
      tokenize(`${haystack} ${doc.description}`)
        .map(analyzeTerm)
        .filter((t): t is string => Boolean(t)),
    );
    for (const term of terms) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const commonAbove = Math.max(50, products.length * COMMON_TERM_SHARE);
  // Unscored candidates (filters only, or only common words) are listed cheapest first, so
  // a short list can stop early instead of filtering and sorting the whole catalog.
  const byPrice = [...products].sort((a, b) => minPrice(a) - minPrice(b)).map((product) => ({ product, score: 0 }));

  function candidates(text: string | null | undefined, any = false): { product: CatalogProduct; score: number }[] {
    if (!text || !text.trim()) return byPrice;
    if (any) {
      return index
        .search(text, { combineWith: "OR" })
        .map((r) => ({ product: byId.get(String(r.id))!, score: r.score }));
    }
    // Words that most products share ("vintage" in a vintage shop) are left to a cheap
    // substring scan instead of BM25, which would score every product for them.
    const words = tokenize(text).filter((word) => analyzeTerm(word));
    const common = words.filter((word) => (documentFrequency.get(analyzeTerm(word)!) ?? 0) > commonAbove);
    if (common.length && common.length === words.length) {
      return byPrice.filter(({ product }) => common.every((word) => haystacks.get(product.id)!.includes(word)));
    }
    if (common.length) {
      const rare = words.filter((word) => !common.includes(word)).join(" ");
      return candidates(rare).filter(({ product }) =>
        common.every((word) => haystacks.get(product.id)!.includes(word)),
      );
    }
    // Exact words (and prefixes) first: typo tolerance walks much more of the index, so it
    // is only tried when the words as written find nothing. All words before most words.
    let results = index.search(text);
    if (results.length === 0) results = index.search(text, { fuzzy: (term) => (term.length > 5 ? 0.2 : false) });
    if (results.length === 0)
      results = index.search(text, { combineWith: "OR", fuzzy: (term) => (term.length > 5 ? 0.2 : false) });
    return results.map((r) => ({ product: byId.get(String(r.id))!, score: r.score }));
  }

  return {
    size: products.length,
    products: byId,
    search(filters, { limit = 5, sort = "relevance", skip } = {}) {
      const types = lower(filters.productTypes);
      const vendors = lower(filters.vendors);
      const colours = lower(filters.colours).map(colourPattern);
      const sizes = lower(filters.sizes);
      const excluded = new Set(filters.excludeIds ?? []);
      const matches: CatalogMatch[] = [];
      for (const { product, score } of candidates(filters.text, filters.matchAny)) {
        // Candidates come best first: for a relevance list, stop once it is full and the
        // rest score lower.
        if (matches.length >= limit && sort !== "price_desc") {
          const last = matches[matches.length - 1];
          if (sort === "relevance" ? score < last.score || score === 0 : score === 0) break;
        }
        if (excluded.has(product.id) || skip?.(product)) continue;
        if (types.length && !types.includes(product.productType.toLowerCase())) continue;
        if (vendors.length && !vendors.includes(product.vendor.toLowerCase())) continue;
        let best: CatalogVariant | null = null;
        for (const variant of product.variants) {
          if (variantMatches(product, variant, filters, colours, sizes) && (!best || variant.price < best.price))
            best = variant;
        }
        if (best) matches.push({ product, variant: best, score });
      }
      // Cheapest first among what the words are about, not among everything that mentions one:
      // "cheap bags" is bags, not a "bag of marbles".
      if (sort !== "relevance" && filters.text && matches.length > limit) {
        const best = Math.max(...matches.map((m) => m.score));
        if (best > 0 && Number.isFinite(best)) {
          const relevant = matches.filter((m) => m.score >= best * RELEVANT_SHARE);
          matches.length = 0;
          matches.push(...relevant);
        }
      }
      if (sort === "price_asc") matches.sort((a, b) => a.variant.price - b.variant.price || b.score - a.score);
      else if (sort === "price_desc") matches.sort((a, b) => b.variant.price - a.variant.price || b.score - a.score);
      else matches.sort((a, b) => b.score - a.score || a.variant.price - b.variant.price);
      return matches.slice(0, limit);
    },
  };
}
