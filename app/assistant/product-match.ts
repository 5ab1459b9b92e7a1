import type { CatalogSnapshot } from "../catalog/snapshot.server";
import { normalizeText, stemToken, tokenize } from "./nlu/text";

/**
 * Which catalog product a message names, however it is named: fully, partly, out of
 * order ("the night light with the rabbit"). A title is a bag of stemmed words, each weighted
 * by how rare it is in the shop (a shop of bags says little with "bag"); a product is named
 * when the message's words cover most of its title's weight AND most of the message's own
 * product words are in that title. Misspellings are corrected before this runs
 * (app/catalog/spelling.ts), so words are matched exactly here.
 *
 * The same word statistics tell which words of a message are the shop's vocabulary at all:
 * "teapots" is something this shop sells, "laptops" is not.
 */

export interface ProductNameIndex {
  /** Products whose title, type, tags or option values carry the stem. */
  df: Map<string, number>;
  /** Title stem → ids of the products whose title carries it. */
  postings: Map<string, string[]>;
  /** A product's distinct title stems and their summed weight. */
  titles: Map<string, { stems: string[]; weight: number }>;
  /** Stems of the shop's product types and of its tags (attributes such as "retrospot"). */
  typeStems: Set<string>;
  tagStems: Set<string>;
  /** Stems found only in descriptions: the shop's words too, though not names. */
  described: Set<string>;
  size: number;
}

export interface NameMatch {
  productId: string;
  /** Share of the title's weight the message covers. */
  titleCoverage: number;
  /** Share of the message's catalog words' weight that are in the title. */
  queryCoverage: number;
  score: number;
  matched: string[];
}

/** A word's key: its stem, digits as written ("3 tier" is not "5 tier"). */
export function wordKey(token: string): string {
  return /^\p{N}+$/u.test(token) ? token : stemToken(token);
}

export function wordKeys(text: string): string[] {
  return tokenize(normalizeText(text)).map(wordKey);
}

const indexes = new WeakMap<CatalogSnapshot, ProductNameIndex>();

export function productNameIndex(catalog: CatalogSnapshot): ProductNameIndex {
  let index = indexes.get(catalog);
  if (!index) {
    index = buildProductNameIndex(catalog.products);
    indexes.set(catalog, index);
  }
  return index;
}

export function buildProductNameIndex(
  products: readonly {
    id: string;
    title: string;
    productType: string;
    tags: string[];
    description?: string;
    vendor?: string;
    collections?: string[];
    variants: { options: { name: string; value: string }[] }[];
  }[],
): ProductNameIndex {
  const described = new Set<string>();
  const df = new Map<string, number>();
  const postings = new Map<string, string[]>();
  const titleStems = new Map<string, string[]>();
  const typeStems = new Set<string>();
  const tagStems = new Set<string>();
  for (const product of products) {
    const title = [...new Set(wordKeys(product.title))];
    titleStems.set(product.id, title);
    for (const stem of title) {
      const list = postings.get(stem);
      if (list) list.push(product.id);
      else postings.set(stem, [product.id]);
    }
    const types = wordKeys(product.productType);
    const tags = product.tags.flatMap(wordKeys);
    for (const stem of types) typeStems.add(stem);
    for (const stem of tags) tagStems.add(stem);
    const options = product.variants.flatMap((v) =>
      v.options.filter((o) => o.value !== "Default Title").flatMap((o) => wordKeys(o.value)),
    );
    for (const stem of new Set([...title, ...types, ...tags, ...options])) df.set(stem, (df.get(stem) ?? 0) + 1);
    const other = `${product.description?.slice(0, 2000) ?? ""} ${product.vendor ?? ""} ${(product.collections ?? []).join(" ")}`;
    for (const stem of wordKeys(other)) described.add(stem);
  }
  for (const stem of df.keys()) described.delete(stem);
  const size = products.length;
  const weightOf = (stem: string) => idf(df.get(stem) ?? 0, size);
  const titles = new Map<string, { stems: string[]; weight: number }>();
  for (const [id, stems] of titleStems) {
    titles.set(id, { stems, weight: stems.reduce((sum, stem) => sum + weightOf(stem), 0) });
  }
  return { df, postings, titles, typeStems, tagStems, described, size };
}

function idf(df: number, size: number) {
  return Math.log(1 + size / Math.max(1, df));
}

export function wordWeight(index: ProductNameIndex, key: string) {
  return idf(index.df.get(key) ?? 0, index.size);
}

/** Keys of the message's words that the shop's catalog uses at all. */
export function inCatalog(index: ProductNameIndex, keys: readonly string[]): string[] {
  return keys.filter((key) => index.df.has(key) || index.described.has(key));
}

/**
 * Products named by these word keys (the message's content words), best first. Only titles
 * sharing at least one key are scored, so the cost follows the words, not the catalog.
 */
export function matchProductNames(index: ProductNameIndex, keys: readonly string[], limit = 3): NameMatch[] {
  return scoreNames(index, keys).slice(0, limit);
}

function scoreNames(index: ProductNameIndex, keys: readonly string[]) {
  const query = [...new Set(keys)].filter((key) => index.postings.has(key));
  if (query.length === 0) return [] as NameMatch[];
  const weights = new Map(query.map((key) => [key, wordWeight(index, key)]));
  const queryWeight = query.reduce((sum, key) => sum + weights.get(key)!, 0);
  // A title that carries none of the rarest words making up half the message's weight covers
  // less than half of it, and cannot be named: only the products of those words are scored,
  // so a common word ("bag" in a bag shop) does not make every title a candidate.
  const byWeight = [...query].sort((a, b) => weights.get(b)! - weights.get(a)!);
  const seeds: string[] = [];
  let seeded = 0;
  for (const key of byWeight) {
    seeds.push(key);
    seeded += weights.get(key)!;
    if (seeded > queryWeight * (1 - MIN_QUERY_SHARE)) break;
  }
  const candidates = new Set<string>();
  for (const key of seeds) for (const id of index.postings.get(key)!) candidates.add(id);
  const matches: NameMatch[] = [];
  for (const productId of candidates) {
    const title = index.titles.get(productId)!;
    const matched = query.filter((key) => title.stems.includes(key));
    const weight = matched.reduce((sum, key) => sum + weights.get(key)!, 0);
    const titleCoverage = title.weight > 0 ? weight / title.weight : 0;
    const queryCoverage = queryWeight > 0 ? weight / queryWeight : 0;
    matches.push({ productId, titleCoverage, queryCoverage, score: titleCoverage * queryCoverage, matched });
  }
  matches.sort((a, b) => b.score - a.score || b.titleCoverage - a.titleCoverage);
  return matches;
}

/** Products whose titles carry every one of these keys. */
function carryingAll(index: ProductNameIndex, keys: readonly string[]): string[] {
  const lists = keys.map((key) => index.postings.get(key) ?? []).sort((a, b) => a.length - b.length);
  if (lists.length === 0) return [];
  return lists[0].filter((id) => keys.every((key) => index.titles.get(id)!.stems.includes(key)));
}

/** Least share of a message's weight a title must cover to be scored at all. */
const MIN_QUERY_SHARE = 0.5;

/** Below this a match is a resemblance, not a name. */
export const NAMED_SCORE = 0.5;
/** Share of the message's catalog words a title must carry to be named by a part of it. */
export const PART_OF_NAME = 0.85;

export type NamedProduct =
  | { kind: "one"; productId: string; match: NameMatch }
  | { kind: "two"; productIds: [string, string] }
  | { kind: "many"; productIds: string[] }
  | { kind: "none" };

/**
 * What the message names: one product, a choice of two, a family of many ("the jumbo bag"
 * in a shop of twenty jumbo bags), or nothing. A name is one product's only when no other
 * title carries the same words; it needs two matched words unless the title is one word.
 */
export function namedProduct(index: ProductNameIndex, keys: readonly string[]): NamedProduct {
  const named = nameOf(index, keys);
  if (named.kind === "one" || keys.length < 3 || keys.length > 8) return named;
  // One stray word ("is the pink tea container made of plastic?") should not hide a name the
  // rest of the message gives whole: a name found with exactly one word left out is taken.
  const found = new Map<string, Extract<NamedProduct, { kind: "one" }>>();
  for (let i = 0; i < keys.length; i++) {
    const without = nameOf(index, [...keys.slice(0, i), ...keys.slice(i + 1)]);
    if (without.kind === "one" && without.match.score >= NAMED_SCORE) found.set(without.productId, without);
  }
  return found.size === 1 ? [...found.values()][0] : named;
}

function nameOf(index: ProductNameIndex, keys: readonly string[]): NamedProduct {
  const matches = scoreNames(index, keys);
  const first = matches[0];
  if (!first) return { kind: "none" };
  if (first.matched.length < 2 && index.titles.get(first.productId)!.stems.length > 1) return { kind: "none" };
  // A name may be a part of a long title ("the garden container") as long as the words said
  // are that title's and no other's; a weak cover of the message is no name at all.
  if (first.score < NAMED_SCORE && first.queryCoverage < PART_OF_NAME) return { kind: "none" };
  // Every other product whose title carries all the words that named the first.
  const alike = [first.productId, ...carryingAll(index, first.matched).filter((id) => id !== first.productId)];
  // A title said in full is that product, even when longer titles contain it ("Popcorn Holder").
  if (alike.length === 1 || first.titleCoverage > 0.999)
    return { kind: "one", productId: first.productId, match: first };
  if (alike.length === 2) return { kind: "two", productIds: [alike[0], alike[1]] };
  const rank = new Map(matches.map((m, i) => [m.productId, i]));
  return { kind: "many", productIds: alike.sort((a, b) => rank.get(a)! - rank.get(b)!) };
}
