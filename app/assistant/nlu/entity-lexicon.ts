/*
 * Entities in other languages than English. The extractor in entities.ts reads English token
 * patterns ("under £20", "between 10 and 20", "size 8", "order 1042"); a language's lexicon
 * (app/assistant/languages/<code>/entities.ts) maps its own words and phrases onto those
 * English tokens, so that one extractor, already tested, serves every language. Each English
 * token made here keeps the offsets of the words it stands for, so entities still quote the
 * shopper's own text ("unter 20 Euro", "bleu marine").
 */

/** A token as entities.ts tokenises: lower-cased text, the raw slice, offsets and a numeric value. */
export interface LexiconToken {
  text: string;
  raw: string;
  start: number;
  end: number;
  number: number | null;
  isWord: boolean;
}

export interface EntityLexicon {
  /**
   * Words and phrases (lower case, tokens separated by spaces, an apostrophe as its own token:
   * "jusqu ' à") → the English words the extractor reads ("up to"). Matched without accents
   * and with ß as ss, longest phrase first.
   */
  words: Readonly<Record<string, string>>;
  /** Words that mean something only right before a figure: "de 10 à 20" (de → "from"). */
  beforeFigure: Readonly<Record<string, string>>;
  /** Words that mean something only right after a figure: "von 10 bis 20" (bis → "to"), "2 Paar". */
  afterFigure: Readonly<Record<string, string>>;
  /** Colour words, every inflected form → a canonical colour of the English extractor ("navy blue"). */
  colours: Readonly<Record<string, string>>;
  /** Number words → their value ("zwei" → 2, "vingt" → 20). */
  numbers: Readonly<Record<string, number>>;
  /** Figures use a decimal comma and "." or a space between thousands: 1.000,50 and 1 000,50. */
  decimalComma: boolean;
  /** Suffixes glued to a figure that make it an ordinal ("2e", "3ème" in French, "1º" in Spanish). */
  ordinalSuffixes?: readonly string[];
}

// English number words the extractor knows, by value: a local number word becomes one of these
// so that the quantity rules for number words apply; other values become figures.
const ENGLISH_NUMBER_WORDS: Record<number, string> = {
  1: "one",
  2: "two",
  3: "three",
  4: "four",
  5: "five",
  6: "six",
  7: "seven",
  8: "eight",
  9: "nine",
  10: "ten",
  11: "eleven",
  12: "twelve",
  13: "thirteen",
  14: "fourteen",
  15: "fifteen",
  16: "sixteen",
  17: "seventeen",
  18: "eighteen",
  19: "nineteen",
  20: "twenty",
  30: "thirty",
  40: "forty",
  50: "fifty",
  100: "hundred",
};

const CURRENCY_CODES: Record<string, string> = { "€": "eur", $: "usd", "£": "gbp", "¥": "jpy", "₹": "inr" };
const MAX_PHRASE_TOKENS = 4;
// Currency words a figure may carry before "bis", "à" or "a" ("von 10 Euro bis 20 Euro").
const CURRENCY_WORDS_AFTER_FIGURE = new Set(["eur", "euro", "euros", "usd", "dollars", "gbp", "pounds", "chf"]);

/** Lower case without accents, ß as ss, typographic apostrophes as "'": how lexicon keys are matched. */
export function lexiconKey(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC")
    .replace(/ß/g, "ss")
    .replace(/[\u2018\u2019\u02bc`]/g, "'");
}

/** A figure written with a decimal comma: "1.000,50", "20,5", "1.500", "9.5" (a dot before 1–2 digits stays decimal). */
export function parseDecimalCommaNumber(raw: string): number | null {
  const text = raw.replace(/[\s\u00a0\u202f]/g, "");
  let normal: string;
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(text)) normal = text.replace(/\./g, "").replace(",", ".");
  else if (/^\d+,\d+$/.test(text)) normal = text.replace(",", ".");
  else if (/^\d+(?:\.\d{1,2})?$/.test(text)) normal = text;
  else return null;
  const value = Number(normal);
  return Number.isFinite(value) ? value : null;
}

interface CompiledLexicon {
  lexicon: EntityLexicon;
  words: Map<string, string[]>;
  colours: Map<string, string[]>;
  beforeFigure: Map<string, string[]>;
  afterFigure: Map<string, string[]>;
  numbers: Map<string, number>;
  ordinalSuffixes: Set<string>;
  longest: number;
}

const compiled = new WeakMap<EntityLexicon, CompiledLexicon>();

function compile(lexicon: EntityLexicon): CompiledLexicon {
  let done = compiled.get(lexicon);
  if (done) return done;
  let longest = 1;
  const table = (record: Readonly<Record<string, string>>) => {
    const map = new Map<string, string[]>();
    for (const [phrase, english] of Object.entries(record)) {
      const key = lexiconKey(phrase).split(/\s+/).filter(Boolean).join(" ");
      longest = Math.max(longest, key.split(" ").length);
      map.set(key, english.split(/\s+/).filter(Boolean));
    }
    return map;
  };
  done = {
    lexicon,
    words: table(lexicon.words),
    colours: table(lexicon.colours),
    beforeFigure: table(lexicon.beforeFigure),
    afterFigure: table(lexicon.afterFigure),
    numbers: new Map(Object.entries(lexicon.numbers).map(([word, value]) => [lexiconKey(word), value])),
    ordinalSuffixes: new Set((lexicon.ordinalSuffixes ?? []).map(lexiconKey)),
    longest: Math.min(longest, MAX_PHRASE_TOKENS),
  };
  compiled.set(lexicon, done);
  return done;
}

const isFigure = (t: LexiconToken | undefined) => t !== undefined && t.number !== null;
const isCurrency = (t: LexiconToken | undefined) => t !== undefined && CURRENCY_CODES[t.text] !== undefined;

/**
 * Rewrites a token list in a language into the English tokens entities.ts understands. Tokens
 * that mean nothing to the extractor are kept as they are (product words, names), so catalog
 * matching and everything else still see them.
 */
export function localizeTokens(tokens: readonly LexiconToken[], lexicon: EntityLexicon, input: string): LexiconToken[] {
  const lex = compile(lexicon);
  const keys = tokens.map((t) => lexiconKey(t.text));
  const out: LexiconToken[] = [];
  const emit = (from: number, to: number, english: readonly string[]) => {
    const start = tokens[from].start;
    const end = tokens[to - 1].end;
    const raw = input.slice(start, end);
    for (const word of english) {
      const value = /^\d+(?:\.\d+)?$/.test(word) ? Number(word) : null;
      out.push({ text: word, raw, start, end, number: value, isWord: true });
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // Figures: decimal comma, and French thousands written with a (narrow) space: "1 000,50".
    if (t.number !== null || /^\d/.test(t.raw)) {
      // "2e", "3ème", "1º": a figure with an ordinal suffix glued on reads as "2nd".
      const suffix = tokens[i + 1];
      if (
        t.number !== null &&
        Number.isInteger(t.number) &&
        suffix &&
        suffix.start === t.end &&
        lex.ordinalSuffixes.has(keys[i + 1])
      ) {
        out.push({
          text: `${t.number}th`,
          raw: input.slice(t.start, suffix.end),
          start: t.start,
          end: suffix.end,
          number: null,
          isWord: true,
        });
        i++;
        continue;
      }
      if (lex.lexicon.decimalComma && /^\d[\d.,]*$/.test(t.raw)) {
        let end = i;
        let raw = t.raw;
        while (
          /^\d{1,3}(?:[\s\u00a0\u202f]\d{3})*$/.test(raw) &&
          tokens[end + 1] &&
          /^\d{3}(?:,\d+)?$/.test(tokens[end + 1].raw) &&
          tokens[end + 1].start - tokens[end].end === 1 &&
          /[ \u00a0\u202f]/.test(input[tokens[end].end])
        ) {
          end++;
          raw = input.slice(t.start, tokens[end].end);
        }
        // Space-separated groups are one figure only as an amount ("1 000 €"); otherwise they are
        // what a shopper types for a long order number ("575 639"), which entities.ts reads itself.
        const amount =
          /,/.test(raw) || isCurrency(tokens[end + 1]) || CURRENCY_WORDS_AFTER_FIGURE.has(keys[end + 1] ?? "");
        if (end > i && !amount) {
          end = i;
          raw = t.raw;
        }
        const value = parseDecimalCommaNumber(raw);
        if (value !== null) {
          out.push({ ...t, raw, end: tokens[end].end, number: value });
          i = end;
          continue;
        }
      }
      out.push(t);
      continue;
    }
    // "20 €": the symbol after a figure, with a space, as written in French, German and Spanish.
    const figureBefore = out[out.length - 1];
    if (isCurrency(t) && isFigure(figureBefore) && figureBefore.end < t.start && !isFigure(tokens[i + 1])) {
      out.push({ ...t, text: CURRENCY_CODES[t.text], isWord: true });
      continue;
    }
    let matched = 0;
    for (let length = Math.min(lex.longest, tokens.length - i); length >= 1 && !matched; length--) {
      const key = keys.slice(i, i + length).join(" ");
      // A word's reading right after or before a figure wins over its general one: "von 10 bis
      // 20" is a range, "bis 20 €" a ceiling.
      const last = out[out.length - 1];
      const after = lex.afterFigure.get(key);
      const next = tokens[i + length];
      const before = lex.beforeFigure.get(key);
      const english =
        (after &&
        last !== undefined &&
        (isFigure(last) || isCurrency(last) || CURRENCY_WORDS_AFTER_FIGURE.has(last.text))
          ? after
          : undefined) ??
        (before && (isFigure(next) || (isCurrency(next) && isFigure(tokens[i + length + 1]))) ? before : undefined) ??
        lex.words.get(key) ??
        lex.colours.get(key);
      if (english) {
        emit(i, i + length, english);
        matched = length;
      }
    }
    if (matched) {
      i += matched - 1;
      continue;
    }
    const value = lex.numbers.get(keys[i]);
    if (value !== undefined) {
      const english = ENGLISH_NUMBER_WORDS[value];
      if (english) out.push({ ...t, text: english, number: null });
      else out.push({ ...t, text: String(value), number: value, isWord: true });
      continue;
    }
    out.push(t);
  }
  return out;
}
