import { stemmer } from "stemmer";

// Words that say nothing about what a product is. Kept short on purpose: product titles are
// short, and a word like "set" or "large" still helps to tell products apart.
const STOPWORDS = new Set(
  (
    "a an and are as at be but by for from has have i in is it its me my of on or our so that the their this to " +
    "was we were what which who will with you your yours want looking need some any please show like would"
  ).split(" "),
);

// Spellings that should meet in one term.
const SYNONYMS: Record<string, string> = { gray: "grey", colour: "color", jewelry: "jewellery" };

const cache = new Map<string, string>();

function normaliseWord(word: string): string {
  const known = cache.get(word);
  if (known !== undefined) return known;
  const mapped = SYNONYMS[word] ?? word;
  // Porter stemming joins "mugs"/"mug" and "candles"/"candle"; numbers are kept as they are.
  const stem = /^\d+$/.test(mapped) ? mapped : stemmer(mapped);
  if (cache.size < 200_000) cache.set(word, stem);
  return stem;
}

/** Lower-cased, accent-free, stemmed words without stopwords, in order (duplicates kept). */
export function tokenize(text: string | undefined | null): string[] {
  if (!text) return [];
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  const out: string[] = [];
  for (const word of words) {
    if (word.length < 2 || STOPWORDS.has(word)) continue;
    out.push(normaliseWord(word));
  }
  return out;
}

/** Shortens a title for a reason text without cutting a word in half where it can help it. */
export function shortTitle(title: string, max = 60): string {
  const clean = title.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
