import { LANGUAGE_PACKS, packLanguage } from "../languages";
import { localizeTokens } from "./entity-lexicon";
import { MAX_TEXT_LENGTH, stemToken } from "./text";

/*
 * Entity extraction for shop conversations. Everything here runs over a token list in linear
 * time; the few regular expressions are anchored or have no nested quantifiers, so that no
 * input, however long or odd, can make them backtrack for long. Input is capped at
 * MAX_TEXT_LENGTH characters and offsets refer to the string as given.
 */

interface EntityBase {
  /** The matched text as written. */
  text: string;
  /** Offsets into the input string: `input.slice(start, end) === text`. */
  start: number;
  end: number;
}

export type Entity =
  | (EntityBase & { type: "order_number"; value: string })
  | (EntityBase & { type: "email"; value: string })
  | (EntityBase & { type: "money"; amount: number; currency: string | null })
  | (EntityBase & {
      type: "price_range";
      min: number | null;
      max: number | null;
      currency: string | null;
      /** "around 25": min and max are ±20 % of the figure given. */
      approximate: boolean;
    })
  | (EntityBase & { type: "colour"; value: string })
  | (EntityBase & { type: "size"; value: string })
  | (EntityBase & { type: "quantity"; value: number })
  /** 1-based position in a list just shown; negative counts from the end (-1 = last). */
  | (EntityBase & { type: "ordinal"; value: number })
  | (EntityBase & { type: "product_type"; value: string })
  | (EntityBase & { type: "vendor"; value: string })
  | (EntityBase & { type: "tag"; value: string })
  | (EntityBase & { type: "product"; value: string; id: string });

export type EntityType = Entity["type"];

export interface ExtractOptions {
  /** The conversation just asked for an order number, so a bare number is one. */
  expectingOrderNumber?: boolean;
  /**
   * The message's language (a code or locale tag, default "en"): its words ("unter 20 Euro",
   * "taille M", "commande n° 1042") are read through its lexicon (app/assistant/languages/<code>/entities.ts).
   */
  language?: string;
}

// ---------------------------------------------------------------------------------------------
// Tokens with offsets

interface Token {
  /** Lower-cased text. */
  text: string;
  raw: string;
  start: number;
  end: number;
  /** Numeric value when the token is a number ("1,200.50" → 1200.5). */
  number: number | null;
  isWord: boolean;
}

// A run of letters/digits, optionally with digit groups ("1,200.50", "9.5"), or one other
// non-space character. The group starts with a mandatory separator, so matching is linear.
const TOKEN = /[\p{L}\p{N}]+(?:[.,]\p{N}+)*|[^\s\p{L}\p{N}]/gu;
const NUMERIC = /^\p{N}+(?:[.,]\p{N}+)*$/u;

function parseNumber(raw: string): number | null {
  if (!NUMERIC.test(raw)) return null;
  let text = raw;
  // "1,200" and "1,200.50" use commas for thousands; "9,5" (one or two digits after a lone
  // comma) is a decimal comma as written in much of Europe.
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(text)) text = text.replace(/,/g, "");
  else if (/^\d+,\d{1,2}$/.test(text)) text = text.replace(",", ".");
  else if (text.includes(",")) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function tokenizeWithOffsets(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const raw = match[0];
    const start = match.index ?? 0;
    const lower = raw.toLowerCase();
    // "20usd", "2x", "1st", "9.5uk": split a number glued to letters into two tokens.
    const glued = /^(\d+(?:\.\d+)?)(\p{L}+)$/u.exec(lower);
    if (glued && !/^\d+(?:st|nd|rd|th)$/.test(lower) && !/^\dx{0,2}[ls]$/.test(lower)) {
      const digits = glued[1];
      tokens.push({
        text: digits,
        raw: raw.slice(0, digits.length),
        start,
        end: start + digits.length,
        number: Number(digits),
        isWord: false,
      });
      tokens.push({
        text: glued[2],
        raw: raw.slice(digits.length),
        start: start + digits.length,
        end: start + raw.length,
        number: null,
        isWord: true,
      });
      continue;
    }
    tokens.push({
      text: lower,
      raw,
      start,
      end: start + raw.length,
      number: parseNumber(raw),
      isWord: /[\p{L}\p{N}]/u.test(raw),
    });
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Word lists

const CURRENCY_SYMBOLS: Record<string, string> = { "£": "GBP", $: "USD", "€": "EUR", "¥": "JPY", "₹": "INR" };
const CURRENCY_WORDS: Record<string, string> = {
  gbp: "GBP",
  pound: "GBP",
  pounds: "GBP",
  quid: "GBP",
  usd: "USD",
  dollar: "USD",
  dollars: "USD",
  bucks: "USD",
  eur: "EUR",
  euro: "EUR",
  euros: "EUR",
  cad: "CAD",
  aud: "AUD",
  nzd: "NZD",
  chf: "CHF",
  jpy: "JPY",
  yen: "JPY",
  inr: "INR",
  rupees: "INR",
  sek: "SEK",
  nok: "NOK",
  dkk: "DKK",
};
const PENCE = new Set(["pence", "penny", "pennies", "pee"]);
// Prefix codes such as "USD 20" or "CA$"; the symbol after a code letter pair ("CA$") is folded in.
const DOLLAR_PREFIXES: Record<string, string> = { ca: "CAD", au: "AUD", nz: "NZD", us: "USD" };

const UPPER_BOUND_WORDS = [
  ["under"],
  ["below"],
  ["budget"],
  ["budget", "of"],
  ["budget", "is"],
  ["budget", "is", "about"],
  ["spend"],
  ["spend", "about"],
  ["not", "over"],
  ["nothing", "over"],
  ["nothing", "above"],
  ["nothing", "more", "than"],
  ["nothing", "dearer", "than"],
  ["nothing", "pricier", "than"],
  ["no", "dearer", "than"],
  ["less", "than", "a"],
  ["under", "a"],
  ["below", "a"],
  ["less", "than"],
  // "less then 2 pound": than as it is often typed.
  ["less", "then"],
  ["cheaper", "than"],
  ["cheaper", "then"],
  ["up", "to"],
  ["stretch", "to"],
  ["go", "up", "to"],
  ["can", "go", "to"],
  ["max"],
  ["maximum"],
  ["no", "more", "than"],
  ["not", "more", "than"],
  ["at", "most"],
  ["within"],
  ["<"],
];
const LOWER_BOUND_WORDS = [
  ["over"],
  ["above"],
  ["more", "than"],
  ["at", "least"],
  ["min"],
  ["minimum"],
  ["from"],
  ["starting", "at"],
  [">"],
];
const APPROXIMATE_WORDS = [["around"], ["about"], ["roughly"], ["approximately"], ["approx"], ["circa"], ["~"]];

// Units that make a number something other than a price ("under 5 years", "over 2 kg").
const NON_PRICE_UNITS = new Set([
  "year",
  "years",
  "yrs",
  "month",
  "months",
  "week",
  "weeks",
  "day",
  "days",
  "hour",
  "hours",
  "hrs",
  "minute",
  "minutes",
  "mins",
  "kg",
  "g",
  "lb",
  "lbs",
  "oz",
  "cm",
  "mm",
  "m",
  "inch",
  "inches",
  "in",
  "ft",
  "feet",
  "ml",
  "l",
  "litres",
  "liters",
  "%",
  "percent",
  "people",
  "items",
  "pieces",
  "pcs",
  "orders",
]);

const COLOUR_ALIASES: Record<string, string> = {
  gray: "grey",
  "light gray": "light grey",
  "dark gray": "dark grey",
  "heather gray": "heather grey",
  multicolor: "multicolour",
  "multi colour": "multicolour",
  "multi color": "multicolour",
  "off-white": "off white",
  navy: "navy blue",
};
const COLOURS = [
  "red",
  "dark red",
  "crimson",
  "scarlet",
  "ruby",
  "burgundy",
  "maroon",
  "pink",
  "hot pink",
  "light pink",
  "pale pink",
  "baby pink",
  "blush",
  "blush pink",
  "fuchsia",
  "magenta",
  "coral",
  "salmon",
  "peach",
  "apricot",
  "orange",
  "burnt orange",
  "tangerine",
  "rust",
  "terracotta",
  "amber",
  "yellow",
  "mustard",
  "lemon",
  "ochre",
  "gold",
  "rose gold",
  "champagne",
  "cream",
  "ivory",
  "ecru",
  "beige",
  "oatmeal",
  "nude",
  "tan",
  "camel",
  "khaki",
  "sand",
  "taupe",
  "brown",
  "dark brown",
  "light brown",
  "chocolate",
  "mocha",
  "bronze",
  "copper",
  "olive",
  "green",
  "dark green",
  "light green",
  "lime",
  "lime green",
  "mint",
  "mint green",
  "sage",
  "sage green",
  "emerald",
  "forest green",
  "bottle green",
  "khaki green",
  "teal",
  "turquoise",
  "aqua",
  "cyan",
  "blue",
  "light blue",
  "dark blue",
  "pale blue",
  "sky blue",
  "baby blue",
  "royal blue",
  "navy",
  "navy blue",
  "cobalt",
  "cobalt blue",
  "denim",
  "indigo",
  "purple",
  "violet",
  "lavender",
  "lilac",
  "plum",
  "mauve",
  "aubergine",
  "periwinkle",
  "white",
  "off white",
  "off-white",
  "black",
  "jet black",
  "grey",
  "gray",
  "light grey",
  "light gray",
  "dark grey",
  "dark gray",
  "heather grey",
  "heather gray",
  "charcoal",
  "graphite",
  "slate",
  "silver",
  "pewter",
  "multicolour",
  "multicolor",
  "multi colour",
  "multi color",
  "rainbow",
  "transparent",
];

const LETTER_SIZES: Record<string, string> = {
  xxs: "XXS",
  xs: "XS",
  xl: "XL",
  xxl: "XXL",
  xxxl: "XXXL",
  "2xl": "XXL",
  "3xl": "XXXL",
  "4xl": "XXXXL",
};
const SINGLE_LETTER_SIZES: Record<string, string> = { s: "S", m: "M", l: "L" };
const WORD_SIZES: [string[], string][] = [
  [["extra", "small"], "XS"],
  [["extra", "large"], "XL"],
  [["extra", "extra", "large"], "XXL"],
  [["x", "-", "large"], "XL"],
  [["x", "large"], "XL"],
  [["xx", "-", "large"], "XXL"],
  [["xx", "large"], "XXL"],
  [["x", "-", "small"], "XS"],
  [["small"], "S"],
  [["medium"], "M"],
  [["large"], "L"],
  [["petite"], "petite"],
  [["one", "size"], "one size"],
];
const SIZE_SYSTEMS: Record<string, string> = { uk: "UK", us: "US", eu: "EU", fr: "FR", it: "IT", jp: "JP", au: "AU" };

export const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
};
const QUANTITY_PHRASES: [string[], number][] = [
  [["half", "a", "dozen"], 6],
  [["a", "dozen"], 12],
  [["dozen"], 12],
  [["a", "couple", "of"], 2],
  [["a", "couple"], 2],
  [["a", "pair", "of"], 2],
  [["a", "pair"], 2],
  [["both"], 2],
];
// Words after which a number counts items ("buy 2", "I need three").
const QUANTITY_VERBS = new Set([
  "need",
  "want",
  "buy",
  "order",
  "get",
  "take",
  "add",
  "qty",
  "quantity",
  "x",
  "only",
  "just",
]);
// Words before which a number counts items ("2 of them", "3 pairs").
const QUANTITY_NOUNS = new Set([
  "of",
  "x",
  "pcs",
  "pieces",
  "items",
  "units",
  "pairs",
  "packs",
  "boxes",
  "sets",
  "more",
  "each",
  "copies",
  "bottles",
]);

const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  last: -1,
  final: -1,
};
// Nouns that make an ordinal point at something shown ("the second one", "the last option").
const ORDINAL_REFERENTS = new Set([
  "one",
  "ones",
  "item",
  "product",
  "option",
  "choice",
  "link",
  "result",
  "suggestion",
  "thing",
  "picture",
  "photo",
  "card",
]);
const ORDER_CONTEXT = new Set([
  "shipped",
  "dispatched",
  "posted",
  "arrived",
  "delivered",
  "order",
  "orders",
  "ordered",
  "purchase",
  "purchased",
  "package",
  "parcel",
  "shipment",
  "delivery",
  "tracking",
  "track",
  "confirmation",
  "invoice",
  "receipt",
  "bought",
]);
/**
 * Words that make a bare 5–6 digit number an order number ("status for 570886 pls", "can you
 * check 571730"): too loose for short numbers (quantities, years), but order numbers are
 * that long once a shop has a few thousand orders, and prices and quantities rarely are.
 */
const LONG_ORDER_CONTEXT = new Set(["status", "check", "checking", "update", "progress", "parcels", "packages"]);
// A number right after these is a price, size or quantity, not an order ("under 1000", "size 10").
const NOT_ORDER_BEFORE = new Set([
  "size",
  "sz",
  "uk",
  "us",
  "eu",
  "under",
  "over",
  "below",
  "above",
  "than",
  "around",
  "about",
  "between",
  "and",
  "to",
  "from",
  "max",
  "min",
  "buy",
  "qty",
  "-",
]);
const ORDER_LABELS = [
  ["order"],
  ["order", "number"],
  ["order", "no"],
  ["order", "id"],
  ["order", "ref"],
  ["invoice"],
  ["confirmation", "number"],
  ["ref"],
  ["reference"],
];

// ---------------------------------------------------------------------------------------------
// Matching helpers

/** Digit groups separated by single spaces from token i ("575 639"), 5 to 8 digits in all. */
function groupedDigits(tokens: Token[], i: number): { digits: string; to: number } | null {
  let digits = tokens[i].raw;
  let k = i + 1;
  while (
    k < tokens.length &&
    /^\d{3}$/.test(tokens[k].raw) &&
    tokens[k].start === tokens[k - 1].end + 1 &&
    digits.length + 3 <= 8
  ) {
    digits += tokens[k].raw;
    k++;
  }
  return k > i + 1 && digits.length >= 5 && (tokens[k]?.number ?? null) === null ? { digits, to: k } : null;
}

function phraseAt(tokens: Token[], i: number, phrase: readonly string[]): boolean {
  if (i + phrase.length > tokens.length) return false;
  for (let k = 0; k < phrase.length; k++) if (tokens[i + k].text !== phrase[k]) return false;
  return true;
}

/** Longest phrase of `phrases` ending right before token `i`; returns its length (0 = none). */
function phraseBefore(tokens: Token[], i: number, phrases: readonly (readonly string[])[]): number {
  let best = 0;
  for (const phrase of phrases) {
    if (phrase.length > best && i - phrase.length >= 0 && phraseAt(tokens, i - phrase.length, phrase))
      best = phrase.length;
  }
  return best;
}

interface MoneyMatch {
  amount: number;
  currency: string | null;
  /** Token span [from, to). */
  from: number;
  to: number;
}

/** A money figure starting at token `i`: "£20", "$1,200.50", "20 pounds", "usd 20", "CA$ 15", "20". */
// British notes by name: "under a fiver", "less than a tenner".
const NOTE_WORDS: Record<string, number> = { fiver: 5, tenner: 10, score: 20, pony: 25 };

function moneyAt(tokens: Token[], i: number): MoneyMatch | null {
  let currency: string | null = null;
  let at = i;
  const t = tokens[at];
  if (!t) return null;
  if (NOTE_WORDS[t.text] !== undefined && (t.text === "fiver" || t.text === "tenner")) {
    return { amount: NOTE_WORDS[t.text], currency: "GBP", from: i, to: i + 1 };
  }
  // "twenty quid", "five pounds": a number word before a currency word.
  if (NUMBER_WORDS[t.text] !== undefined && tokens[i + 1] && CURRENCY_WORDS[tokens[i + 1].text]) {
    return { amount: NUMBER_WORDS[t.text], currency: CURRENCY_WORDS[tokens[i + 1].text], from: i, to: i + 2 };
  }
  if (CURRENCY_SYMBOLS[t.text]) {
    currency = CURRENCY_SYMBOLS[t.text];
    at++;
  } else if (DOLLAR_PREFIXES[t.text] && tokens[at + 1]?.text === "$" && tokens[at + 1].start === t.end) {
    currency = DOLLAR_PREFIXES[t.text];
    at += 2;
  } else if (CURRENCY_WORDS[t.text] && t.text.length === 3 && typeof tokens[at + 1]?.number === "number") {
    currency = CURRENCY_WORDS[t.text];
    at++;
  }
  const n = tokens[at];
  if (!n || n.number === null) return null;
  let to = at + 1;
  if (currency === null) {
    const after = tokens[to];
    // "50p", "80 pence": pennies, a pound's hundredth.
    if (after && ((after.text === "p" && after.start === n.end) || PENCE.has(after.text)))
      return { amount: Math.round(n.number) / 100, currency: "GBP", from: i, to: to + 1 };
    if (after && CURRENCY_WORDS[after.text]) {
      currency = CURRENCY_WORDS[after.text];
      to++;
    } else if (after && CURRENCY_SYMBOLS[after.text] && after.start === n.end) {
      // "20€", as written in much of Europe.
      currency = CURRENCY_SYMBOLS[after.text];
      to++;
    }
  }
  return { amount: n.number, currency, from: i, to };
}

const TRAILING_UPPER = [
  ["or", "less"],
  ["or", "under"],
  ["or", "below"],
  ["and", "under"],
  ["and", "below"],
  ["max"],
  ["maximum"],
  ["tops"],
  ["at", "most"],
  ["at", "the", "most"],
];
const TRAILING_LOWER = [
  ["or", "more"],
  ["or", "over"],
  ["and", "over"],
  ["and", "up"],
  ["and", "above"],
  ["minimum"],
  ["at", "least"],
];

/** A bound said after the figure, starting at token `i`. */
function trailingBound(tokens: Token[], i: number): { kind: "upper" | "lower"; length: number } | null {
  for (const phrase of TRAILING_UPPER) if (phraseAt(tokens, i, phrase)) return { kind: "upper", length: phrase.length };
  for (const phrase of TRAILING_LOWER) if (phraseAt(tokens, i, phrase)) return { kind: "lower", length: phrase.length };
  return null;
}

function isPriceLike(tokens: Token[], m: MoneyMatch): boolean {
  if (m.currency) return true;
  const next = tokens[m.to];
  return !(next && NON_PRICE_UNITS.has(next.text));
}

// ---------------------------------------------------------------------------------------------
// Catalog vocabulary

export interface CatalogInput {
  productTypes?: readonly string[];
  vendors?: readonly string[];
  tags?: readonly string[];
  productTitles?: readonly { id: string; title: string }[];
}

type CatalogPayload =
  { type: "product_type" | "vendor" | "tag"; value: string } | { type: "product"; value: string; id: string };

interface TrieNode {
  children: Map<string, TrieNode>;
  payloads: CatalogPayload[] | null;
}

/** A token trie over stemmed catalog terms, so that "t-shirts" finds the product type "T-Shirt". */
export interface CatalogVocabulary {
  readonly size: number;
  /** Longest entry length in tokens: bounds the work per message position. */
  readonly maxTokens: number;
  readonly root: TrieNode;
}

// Entries made only of these say nothing on their own (a vendor called "The", a tag "new").
const CATALOG_STOPWORDS = new Set([
  "the",
  "a",
  "an",
  "and",
  "or",
  "of",
  "for",
  "to",
  "in",
  "on",
  "with",
  "new",
  "sale",
  "all",
  "default",
  "title",
  "it",
  "is",
  "i",
  "my",
  "me",
  "you",
  "one",
]);
const MAX_ENTRY_TOKENS = 12;

/** Stems for words ("dresses" meets "dress"); numbers as written, so that "Model 3000" is not "Model 4000". */
function catalogKey(token: Token): string {
  return /^\p{N}+$/u.test(token.text) ? token.text : stemToken(token.text);
}

function foldAccents(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC");
}

function catalogKeys(text: string): string[] {
  return tokenizeWithOffsets(foldAccents(text).slice(0, 300))
    .filter((t) => t.isWord)
    .map(catalogKey);
}

export function buildCatalogVocabulary(input: CatalogInput): CatalogVocabulary {
  const root: TrieNode = { children: new Map(), payloads: null };
  let size = 0;
  let maxTokens = 0;
  const add = (text: unknown, payload: CatalogPayload) => {
    if (typeof text !== "string") return;
    const keys = catalogKeys(text);
    if (keys.length === 0 || keys.length > MAX_ENTRY_TOKENS || keys.every((k) => CATALOG_STOPWORDS.has(k))) return;
    let node = root;
    for (const key of keys) {
      let next = node.children.get(key);
      if (!next) {
        next = { children: new Map(), payloads: null };
        node.children.set(key, next);
      }
      node = next;
    }
    node.payloads ??= [];
    const duplicate = node.payloads.some(
      (p) =>
        p.type === payload.type &&
        (p.type === "product" ? p.id === (payload as { id: string }).id : p.value === payload.value),
    );
    if (duplicate) return;
    node.payloads.push(payload);
    size++;
    maxTokens = Math.max(maxTokens, keys.length);
  };
  for (const value of input.productTypes ?? []) add(value, { type: "product_type", value });
  for (const value of input.vendors ?? []) add(value, { type: "vendor", value });
  for (const value of input.tags ?? []) add(value, { type: "tag", value });
  for (const product of input.productTitles ?? []) {
    if (!product || typeof product.title !== "string") continue;
    add(product.title, { type: "product", value: product.title, id: String(product.id) });
    // Shoppers rarely type a leading article: "The Complete Snowboard" is asked for as "complete snowboard".
    const bare = product.title.replace(/^\s*(the|a|an)\s+/i, "");
    if (bare !== product.title) add(bare, { type: "product", value: product.title, id: String(product.id) });
  }
  return { size, maxTokens, root };
}

function matchCatalog(tokens: Token[], vocabulary: CatalogVocabulary, out: Entity[], input: string) {
  const words = tokens.filter((t) => t.isWord);
  const keys = words.map((t) => catalogKey({ ...t, text: foldAccents(t.text) }));
  for (let i = 0; i < words.length;) {
    let node: TrieNode | undefined = vocabulary.root;
    let bestEnd = -1;
    let bestPayloads: CatalogPayload[] | null = null;
    for (let j = i; j < words.length && j - i < vocabulary.maxTokens; j++) {
      node = node.children.get(keys[j]);
      if (!node) break;
      if (node.payloads) {
        bestEnd = j;
        bestPayloads = node.payloads;
      }
    }
    if (bestPayloads) {
      const start = words[i].start;
      const end = words[bestEnd].end;
      const text = input.slice(start, end);
      for (const payload of bestPayloads) out.push({ ...payload, text, start, end });
      i = bestEnd + 1;
    } else {
      i++;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Extraction

function findEmails(text: string): { start: number; end: number; value: string }[] {
  const found: { start: number; end: number; value: string }[] = [];
  const local = /[A-Za-z0-9._%+-]/;
  const domain = /[A-Za-z0-9.-]/;
  let lastEnd = 0;
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    if (at < lastEnd) continue;
    let start = at;
    while (start > lastEnd && local.test(text[start - 1])) start--;
    let end = at + 1;
    while (end < text.length && domain.test(text[end])) end++;
    while (end > at + 1 && (text[end - 1] === "." || text[end - 1] === "-")) end--;
    while (start < at && text[start] === ".") start++;
    const host = text.slice(at + 1, end);
    const dot = host.lastIndexOf(".");
    if (start === at || dot <= 0 || !/^[A-Za-z]{2,24}$/.test(host.slice(dot + 1)) || host.includes("..")) continue;
    found.push({ start, end, value: text.slice(start, end).toLowerCase() });
    lastEnd = end;
  }
  return found;
}

/**
 * Finds order numbers, emails, money, price ranges, colours, sizes, quantities, ordinal
 * references and, given a catalog vocabulary, the shop's product types, vendors, tags and
 * product titles. Never throws; non-string input gives no entities.
 */
export function extractEntities(
  input: unknown,
  vocabulary?: CatalogVocabulary | null,
  options: ExtractOptions = {},
): Entity[] {
  if (typeof input !== "string" || input.length === 0) return [];
  const text = input.length > MAX_TEXT_LENGTH ? input.slice(0, MAX_TEXT_LENGTH) : input;
  const entities: Entity[] = [];
  const span = (from: number, to: number) => ({ text: text.slice(from, to), start: from, end: to });

  const emails = findEmails(text);
  for (const e of emails) entities.push({ type: "email", value: e.value, ...span(e.start, e.end) });
  const written = tokenizeWithOffsets(text).filter((t) => !emails.some((e) => t.start < e.end && t.end > e.start));
  const lexicon = LANGUAGE_PACKS[packLanguage(options.language) ?? "en"].entityLexicon;
  const tokens = lexicon ? localizeTokens(written, lexicon, text) : written;
  const claimed = new Uint8Array(tokens.length);
  const claim = (from: number, to: number) => claimed.fill(1, from, to);
  const free = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (claimed[k]) return false;
    return true;
  };
  const words = new Set(tokens.map((t) => t.text));
  // An email beside a number is how a guest names an order ("581415 / jo@example.com").
  const orderContext =
    options.expectingOrderNumber === true || [...ORDER_CONTEXT].some((w) => words.has(w)) || emails.length > 0;

  // Order numbers: "#1001", "order 1001", "order number: 1001", and bare numbers in an order context.
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (
      t.text === "#" &&
      tokens[i + 1] &&
      tokens[i + 1].start === t.end &&
      /^[\p{L}\p{N}-]*\p{N}{3,}[\p{L}\p{N}-]*$/u.test(tokens[i + 1].raw)
    ) {
      const n = tokens[i + 1];
      entities.push({ type: "order_number", value: n.raw.toUpperCase(), ...span(t.start, n.end) });
      claim(i, i + 2);
      i++;
      continue;
    }
    // "575 639": a long order number typed or pasted in groups, read as one where the number
    // itself would be taken (labelled, or in an order context) and the groups are 3 digits after the first.
    const grouped = t.number !== null && /^\d{2,3}$/.test(t.raw) && !claimed[i] ? groupedDigits(tokens, i) : null;
    if (grouped) {
      let k = i;
      while (k > 0 && [":", "#", "."].includes(tokens[k - 1].text)) k--;
      const prev = tokens[i - 1];
      const moneyish =
        prev !== undefined && (CURRENCY_SYMBOLS[prev.text] !== undefined || NOT_ORDER_BEFORE.has(prev.text));
      const after = tokens[grouped.to];
      const unit = after !== undefined && (CURRENCY_WORDS[after.text] !== undefined || NON_PRICE_UNITS.has(after.text));
      const labelled = phraseBefore(tokens, k, ORDER_LABELS) > 0;
      if (!moneyish && !unit && (labelled || (orderContext && t.raw.length === 3))) {
        entities.push({ type: "order_number", value: grouped.digits, ...span(t.start, tokens[grouped.to - 1].end) });
        claim(i, grouped.to);
        i = grouped.to - 1;
        continue;
      }
    }
    if (t.number !== null && /^\d{3,12}$/.test(t.raw) && !claimed[i]) {
      let k = i;
      while (k > 0 && [":", "#", "."].includes(tokens[k - 1].text)) k--;
      const labelled = phraseBefore(tokens, k, ORDER_LABELS) > 0;
      const prev = tokens[i - 1];
      const moneyish =
        prev !== undefined && (CURRENCY_SYMBOLS[prev.text] !== undefined || NOT_ORDER_BEFORE.has(prev.text));
      const next = tokens[i + 1];
      const unitAfter =
        next !== undefined && (CURRENCY_WORDS[next.text] !== undefined || NON_PRICE_UNITS.has(next.text));
      const contextual =
        (orderContext && t.raw.length >= 4) ||
        (/^\d{5,6}$/.test(t.raw) && [...LONG_ORDER_CONTEXT].some((w) => words.has(w)));
      if (!moneyish && !unitAfter && (labelled || contextual)) {
        entities.push({ type: "order_number", value: t.raw, ...span(t.start, t.end) });
        claim(i, i + 1);
      }
    }
  }

  // Price ranges, then single amounts.
  for (let i = 0; i < tokens.length; i++) {
    if (claimed[i]) continue;
    // "between 10 and 30", "from £10 to £30"
    if (tokens[i].text === "between" || tokens[i].text === "from") {
      const a = moneyAt(tokens, i + 1);
      const joiner = a ? tokens[a.to] : undefined;
      if (a && joiner && ["and", "to", "-", "–"].includes(joiner.text)) {
        const b = moneyAt(tokens, a.to + 1);
        if (b && free(i, b.to) && isPriceLike(tokens, b)) {
          const currency = a.currency ?? b.currency;
          entities.push({
            type: "price_range",
            min: Math.min(a.amount, b.amount),
            max: Math.max(a.amount, b.amount),
            currency,
            approximate: false,
            ...span(tokens[i].start, tokens[b.to - 1].end),
          });
          claim(i, b.to);
          i = b.to - 1;
          continue;
        }
      }
    }
    // "10-30 dollars", "£10 - £30", "10 to 30 euros"
    const a = moneyAt(tokens, i);
    if (a && free(a.from, a.to)) {
      const joiner = tokens[a.to];
      if (joiner && ["-", "–", "to"].includes(joiner.text)) {
        const b = moneyAt(tokens, a.to + 1);
        const currency = a.currency ?? b?.currency ?? null;
        if (b && free(a.to, b.to) && currency !== null && isPriceLike(tokens, b)) {
          entities.push({
            type: "price_range",
            min: Math.min(a.amount, b.amount),
            max: Math.max(a.amount, b.amount),
            currency,
            approximate: false,
            ...span(tokens[a.from].start, tokens[b.to - 1].end),
          });
          claim(a.from, b.to);
          i = b.to - 1;
          continue;
        }
      }
    }
    // "under £20", "less than 30", "over 50", "around 25", "50+"
    // "up to a fiver", "about a tenner": an article between the bound and the figure.
    const article = a && tokens[i - 1]?.text === "a" && a.currency ? 1 : 0;
    const upperWords = phraseBefore(tokens, i - article, UPPER_BOUND_WORDS);
    const lowerWords = upperWords ? 0 : phraseBefore(tokens, i - article, LOWER_BOUND_WORDS);
    const approxWords = upperWords || lowerWords ? 0 : phraseBefore(tokens, i - article, APPROXIMATE_WORDS);
    const upper = upperWords ? upperWords + article : 0;
    const lower = lowerWords ? lowerWords + article : 0;
    const approx = approxWords ? approxWords + article : 0;
    const bound = upper || lower || approx;
    if (a && bound && free(i - bound, a.to) && isPriceLike(tokens, a)) {
      // "from" alone is too common to mean a minimum price unless money is explicit.
      const fromOnly = lower === 1 && tokens[i - 1].text === "from";
      if (!fromOnly || a.currency) {
        // "about 5 quid to spend" is a ceiling, not a range around 5.
        // "around £6 at most": a ceiling too, said after the figure.
        const capped = approx > 0 && trailingBound(tokens, a.to)?.kind === "upper";
        const spending = approx > 0 && (words.has("spend") || words.has("budget") || words.has("afford") || capped);
        const approximate = approx > 0 && !spending;
        entities.push({
          type: "price_range",
          min: upper || spending ? null : approximate ? Math.round(a.amount * 80) / 100 : a.amount,
          max: lower ? null : approximate ? Math.round(a.amount * 120) / 100 : a.amount,
          currency: a.currency,
          approximate,
          ...span(tokens[i - bound].start, tokens[a.to - 1].end),
        });
        const tail = capped ? (trailingBound(tokens, a.to)?.length ?? 0) : 0;
        if (tail) claim(a.to, a.to + tail);
        claim(i - bound, a.to);
        i = a.to + tail - 1;
        continue;
      }
    }
    // "£10 or less", "20 quid max", "a tenner tops", "£20 or more"
    const after = a && a.currency ? trailingBound(tokens, a.to) : null;
    if (a && after && free(a.from, a.to + after.length)) {
      entities.push({
        type: "price_range",
        min: after.kind === "lower" ? a.amount : null,
        max: after.kind === "upper" ? a.amount : null,
        currency: a.currency,
        approximate: false,
        ...span(tokens[a.from].start, tokens[a.to + after.length - 1].end),
      });
      claim(a.from, a.to + after.length);
      i = a.to + after.length - 1;
      continue;
    }
    if (
      a &&
      free(a.from, a.to) &&
      tokens[a.to]?.text === "+" &&
      tokens[a.to].start === tokens[a.to - 1].end &&
      a.currency
    ) {
      entities.push({
        type: "price_range",
        min: a.amount,
        max: null,
        currency: a.currency,
        approximate: false,
        ...span(tokens[a.from].start, tokens[a.to].end),
      });
      claim(a.from, a.to + 1);
      i = a.to;
      continue;
    }
    if (a && a.currency && free(a.from, a.to)) {
      entities.push({
        type: "money",
        amount: a.amount,
        currency: a.currency,
        ...span(tokens[a.from].start, tokens[a.to - 1].end),
      });
      claim(a.from, a.to);
      i = a.to - 1;
    }
  }

  // Sizes.
  for (let i = 0; i < tokens.length; i++) {
    if (claimed[i]) continue;
    const t = tokens[i];
    // "size 8", "size M", "sz 10.5", "uk 8", "eu 42", "size uk 8"
    if (t.text === "size" || t.text === "sz" || SIZE_SYSTEMS[t.text]) {
      let j = i + 1;
      let system: string | null = SIZE_SYSTEMS[t.text] ?? null;
      if (!system && tokens[j] && SIZE_SYSTEMS[tokens[j].text] && tokens[j + 1]?.number !== null && tokens[j + 1]) {
        system = SIZE_SYSTEMS[tokens[j].text];
        j++;
      }
      const v = tokens[j];
      if (v && !claimed[j]) {
        let value: string | null = null;
        if (v.number !== null && v.number > 0 && v.number < 100) value = String(v.number);
        else if (!system && (LETTER_SIZES[v.text] || SINGLE_LETTER_SIZES[v.text]))
          value = LETTER_SIZES[v.text] ?? SINGLE_LETTER_SIZES[v.text];
        if (value !== null && (t.text === "size" || t.text === "sz" || v.number !== null)) {
          entities.push({ type: "size", value: system ? `${system} ${value}` : value, ...span(t.start, v.end) });
          claim(i, j + 1);
          i = j;
          continue;
        }
      }
    }
    if (LETTER_SIZES[t.text]) {
      entities.push({ type: "size", value: LETTER_SIZES[t.text], ...span(t.start, t.end) });
      claim(i, i + 1);
      continue;
    }
    // A lone capital S, M or L, as in "in M please": lower-case "s"/"m"/"l" are too often something else.
    const apostrophe = (k: number) => tokens[k]?.text === "'" || tokens[k]?.text === "\u2019";
    if (SINGLE_LETTER_SIZES[t.text] && t.raw === t.raw.toUpperCase() && !apostrophe(i - 1) && !apostrophe(i + 1)) {
      entities.push({ type: "size", value: SINGLE_LETTER_SIZES[t.text], ...span(t.start, t.end) });
      claim(i, i + 1);
      continue;
    }
    for (const [phrase, value] of WORD_SIZES) {
      if (phraseAt(tokens, i, phrase) && free(i, i + phrase.length)) {
        entities.push({ type: "size", value, ...span(t.start, tokens[i + phrase.length - 1].end) });
        claim(i, i + phrase.length);
        i += phrase.length - 1;
        break;
      }
    }
  }

  // Ordinal references: "the second one", "the last option", "first", "2nd", "number 3".
  for (let i = 0; i < tokens.length; i++) {
    if (claimed[i]) continue;
    const t = tokens[i];
    let value: number | null = ORDINAL_WORDS[t.text] ?? null;
    if (value === null) {
      const suffixed = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(t.text);
      if (suffixed) value = Number(suffixed[1]);
    }
    let from = i;
    let to = i + 1;
    if (value !== null) {
      // "second last", "second to last"
      if (value === 2 && tokens[i + 1]?.text === "last") {
        value = -2;
        to = i + 2;
      } else if (value === 2 && phraseAt(tokens, i + 1, ["to", "last"])) {
        value = -2;
        to = i + 3;
      }
      const next = tokens[to];
      const referent = next && ORDINAL_REFERENTS.has(next.text);
      const alone = !next || !next.isWord || ["please", "pls", "thanks"].includes(next.text);
      const before = tokens[from - 1];
      if (!(referent || (alone && (before === undefined || before.text === "the" || !before.isWord)))) continue;
      if (referent) to++;
      if (tokens[from - 1]?.text === "the") from--;
    } else if (["number", "option", "item", "#"].includes(t.text) && typeof tokens[i + 1]?.number === "number") {
      const n = tokens[i + 1].number!;
      if (!Number.isInteger(n) || n < 1 || n > 20 || tokens[i + 1].raw.length > 2) continue;
      value = n;
      to = i + 2;
    } else {
      continue;
    }
    if (!free(from, to)) continue;
    entities.push({ type: "ordinal", value, ...span(tokens[from].start, tokens[to - 1].end) });
    claim(from, to);
    i = to - 1;
  }

  // Quantities.
  for (let i = 0; i < tokens.length; i++) {
    if (claimed[i]) continue;
    let matched = false;
    for (const [phrase, value] of QUANTITY_PHRASES) {
      if (phraseAt(tokens, i, phrase) && free(i, i + phrase.length)) {
        entities.push({ type: "quantity", value, ...span(tokens[i].start, tokens[i + phrase.length - 1].end) });
        claim(i, i + phrase.length);
        i += phrase.length - 1;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const t = tokens[i];
    const prev = tokens[i - 1]?.text;
    const next = tokens[i + 1];
    const times = /^x(\d{1,3})$/.exec(t.text);
    if (times && Number(times[1]) > 0) {
      entities.push({ type: "quantity", value: Number(times[1]), ...span(t.start, t.end) });
      claim(i, i + 1);
      continue;
    }
    const wordValue = NUMBER_WORDS[t.text];
    if (wordValue !== undefined) {
      // "one" is mostly a pronoun ("the blue one"); it counts only after a buying verb or before "of"/"more".
      if (t.text === "one" && !(QUANTITY_VERBS.has(prev ?? "") || (next && ["of", "more"].includes(next.text))))
        continue;
      entities.push({ type: "quantity", value: wordValue, ...span(t.start, t.end) });
      claim(i, i + 1);
      continue;
    }
    if (t.number !== null && Number.isInteger(t.number) && t.number > 0 && t.number < 1000 && t.raw.length <= 3) {
      // "x2", "2x", "qty 3", "buy 2", "2 of them", "3 pairs", "2 blue shirts"
      const glueX = next?.text === "x" && next.start === t.end;
      const byVerb = prev !== undefined && QUANTITY_VERBS.has(prev);
      const byNoun =
        next !== undefined &&
        (QUANTITY_NOUNS.has(next.text) || (next.isWord && next.number === null && !NON_PRICE_UNITS.has(next.text)));
      if (glueX || byVerb || byNoun) {
        const from = prev === "x" && tokens[i - 1].end === t.start ? i - 1 : i;
        const to = glueX ? i + 2 : i + 1;
        if (!free(from, to)) continue;
        entities.push({ type: "quantity", value: t.number, ...span(tokens[from].start, tokens[to - 1].end) });
        claim(from, to);
      }
    }
  }

  // Colours: longest phrase first ("navy blue" before "blue").
  for (let i = 0; i < tokens.length; i++) {
    if (claimed[i]) continue;
    let best = 0;
    let value = "";
    for (let length = 3; length >= 1 && !best; length--) {
      if (i + length > tokens.length) continue;
      const phrase = tokens
        .slice(i, i + length)
        .map((t) => t.text)
        .join(" ")
        .replace(/ - /g, "-");
      if (COLOUR_SET.has(phrase)) {
        best = length;
        value = COLOUR_ALIASES[phrase] ?? phrase;
      }
    }
    if (best) {
      entities.push({ type: "colour", value, ...span(tokens[i].start, tokens[i + best - 1].end) });
      claim(i, i + best);
      i += best - 1;
    }
  }

  // The shop's product words are matched as the shopper wrote them, not as mapped to English.
  if (vocabulary) matchCatalog(written, vocabulary, entities, text);
  return entities.sort((p, q) => p.start - q.start || q.end - p.end);
}

const COLOUR_SET = new Set(COLOURS);
/** The colour values the extractor returns: what other languages' colour words must map onto. */
export const COLOUR_VALUES: ReadonlySet<string> = new Set(COLOURS.map((colour) => COLOUR_ALIASES[colour] ?? colour));
