import type { Passage } from "./passages";
import { countryCode, countryName, namesFor } from "./regions";
import { NUMBER_WORDS as QUANTITY_WORDS } from "../assistant/nlu/entities";

/**
 * Delivery times as a shop's shipping policy states them, per destination: "UK: 2-4
 * business days", "EU, Switzerland and Norway: 4–8 working days", "next business day",
 * "within 5 days", "2 to 3 weeks". Merchants write these in prose, so a time is tied to the
 * place names around it: the names before it in its sentence ("EU: 4-8 days"), else the
 * names after it ("4-8 days to the EU"), else the passage's heading ("UK delivery"), else
 * the place last named earlier in the passage ("We only ship within the UK. Delivery takes
 * 3-5 days."). Times for packing and dispatch are not delivery times and are skipped.
 */

export type DayUnit = "business" | "calendar";

export interface DeliveryTime {
  min: number;
  max: number;
  unit: DayUnit;
  /** The words as the policy wrote them ("2-4 business days"). */
  phrase: string;
  /** The policy's name for the destination it matched ("EU"), or null for "rest of the world". */
  destination: string | null;
  /** An express or other paid-upgrade service rather than the standard one. */
  express: boolean;
  passage: Passage;
}

const NUMBER_WORDS: Record<string, number> = { zero: 0, ...QUANTITY_WORDS };
const NUM = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join("|")})`;
const BUSINESS = `(?:(business|working|week)[\\s-]*)?`;
const UNIT = `(days?|weeks?|hours?|hrs?)`;
const DASH = `\\s*(?:-|–|—|to|or|and)\\s*`;

// Alternatives in one expression so each phrase is read once, by the first form that fits.
const TIME = new RegExp(
  [
    `(?<range>\\b(?:between\\s+)?${NUM}${DASH}${NUM}\\s*${BUSINESS}${UNIT})`,
    `(?<next>\\bnext\\s+(?:(?:business|working)\\s+)?day)`,
    `(?<within>\\b(?:within|up to|no (?:more|longer) than|at most)\\s+${NUM}\\s*${BUSINESS}${UNIT})`,
    `(?<single>\\b${NUM}[\\s-]*${BUSINESS}${UNIT})`,
  ].join("|"),
  "gi",
);

const PROCESSING =
  /\b(dispatch(?:ed|es)?|despatch(?:ed)?|process(?:ed|ing)|pack(?:ed|s)?|handling|prepar(?:e|ed)|leaves? (?:us|our))\b|\bships? (?:with)?in\b|\bshipped (?:with)?in\b/i;
const DELIVERY = /\b(deliver(?:y|ed|s)?|arriv(?:e|es|al)|transit|reach(?:es)?)\b/i;
const EXPRESS = /\b(express|expedited|priority|premium|special delivery|upgrade[ds]?|faster)\b/i;
const REST =
  /\b(?:rest of (?:the )?world|worldwide|everywhere else|elsewhere|all other (?:countries|destinations)|other (?:countries|destinations)|international(?:ly)?|overseas)\b/gi;

const OUTSIDE = /\b(?:outside|except|excluding|other than|beyond)\s+(?:of\s+)?(?:the\s+)?$/i;

interface Token {
  start: number;
  end: number;
  kind: "place" | "rest" | "time";
  /** Lower-case place name for "place" tokens. */
  name?: string;
  /** The words as written. */
  raw: string;
  time?: { min: number; max: number; unit: DayUnit; phrase: string };
}

let placeNames: { caseSensitive: RegExp; caseInsensitive: RegExp } | null = null;

/** Every name of every country and region, as two expressions; built on first use (tens of ms). */
function placeExpressions() {
  placeNames ??= buildPlaceExpressions();
  return placeNames;
}

function buildPlaceExpressions() {
  const names = new Set<string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (countryCode(code) !== code) continue;
      for (const name of namesFor(code)) names.add(name);
    }
  }
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const sorted = [...names].sort((x, y) => y.length - x.length);
  // "US" and "EU" are places only in capitals; "us" is a pronoun.
  const short = sorted.filter((n) => n.length <= 3 && n === n.toUpperCase());
  const long = sorted.filter((n) => !(n.length <= 3 && n === n.toUpperCase()));
  return {
    caseSensitive: new RegExp(`\\b(?:${short.map(escape).join("|")})\\b`, "g"),
    caseInsensitive: new RegExp(`\\b(?:${long.map(escape).join("|")})\\b`, "gi"),
  };
}

function numberOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word.toLowerCase()] ?? NaN);
}

function timeOf(match: RegExpExecArray): Token["time"] | null {
  const groups = match.slice(1);
  const phrase = match[0].trim();
  const scale = (value: number, kind: string | undefined, unit: string) => {
    const u = unit.toLowerCase();
    if (u.startsWith("week")) return { value: value * 7, unit: "calendar" as DayUnit };
    if (u.startsWith("h")) return { value: Math.ceil(value / 24), unit: "business" as DayUnit };
    return { value, unit: kind ? ("business" as DayUnit) : ("calendar" as DayUnit) };
  };
  const g = match.groups!;
  if (g.range) {
    const [low, high, kind, unit] = groups.slice(1, 5);
    const a = scale(numberOf(low), kind, unit);
    const b = scale(numberOf(high), kind, unit);
    if (!(a.value <= b.value)) return null;
    return { min: a.value, max: b.value, unit: a.unit, phrase };
  }
  if (g.next) return { min: 1, max: 1, unit: "business", phrase };
  if (g.within) {
    const [count, kind, unit] = groups.slice(7, 10);
    const b = scale(numberOf(count), kind, unit);
    return Number.isFinite(b.value) ? { min: Math.min(1, b.value), max: b.value, unit: b.unit, phrase } : null;
  }
  const [count, kind, unit] = groups.slice(11, 14);
  const a = scale(numberOf(count), kind, unit);
  return Number.isFinite(a.value) ? { min: a.value, max: a.value, unit: a.unit, phrase } : null;
}

/** Places, "rest of the world" and times in a piece of text, in order, without overlaps. */
function tokens(text: string): Token[] {
  const found: Token[] = [];
  const add = (match: RegExpMatchArray, token: Omit<Token, "start" | "end" | "raw">) =>
    found.push({ start: match.index!, end: match.index! + match[0].length, raw: match[0], ...token });
  const places = placeExpressions();
  for (const names of [places.caseSensitive, places.caseInsensitive]) {
    for (const match of text.matchAll(names)) {
      // "outside the UK" is everywhere but the UK.
      if (OUTSIDE.test(text.slice(0, match.index))) add(match, { kind: "rest" });
      else add(match, { kind: "place", name: match[0].toLowerCase() });
    }
  }
  for (const match of text.matchAll(REST)) add(match, { kind: "rest" });
  for (const match of text.matchAll(TIME)) {
    const time = timeOf(match);
    if (time) add(match, { kind: "time", time });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Token[] = [];
  for (const token of found) {
    const last = kept[kept.length - 1];
    if (last && token.start < last.end) continue;
    kept.push(token);
  }
  return kept;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+(?=\S)|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A delivery time of the policy and the places (or "rest of the world") it is for. */
export interface PolicyTime {
  time: NonNullable<Token["time"]>;
  places: Token[];
  express: boolean;
  passage: Passage;
}

function isDelivery(sentence: string, heading: string | null) {
  if (!PROCESSING.test(sentence) && !(heading !== null && PROCESSING.test(heading))) return true;
  return DELIVERY.test(sentence.replace(new RegExp(PROCESSING.source, "gi"), " "));
}

/** The times of one sentence, each with its places: before it ("UK: 2-4 days") or after it ("2-4 days to the UK"). */
function sentenceTimes(list: Token[], fallback: Token[]): { token: Token; places: Token[] }[] {
  const out: { token: Token; places: Token[] }[] = [];
  const postfix = list[0]?.kind === "time" && list.some((t) => t.kind !== "time");
  let group: Token[] = [];
  let afterTime = false;
  for (let i = 0; i < list.length; i++) {
    const token = list[i];
    if (token.kind !== "time") {
      if (afterTime) group = [];
      group.push(token);
      afterTime = false;
      continue;
    }
    let places: Token[];
    if (postfix) {
      places = [];
      for (let j = i + 1; j < list.length && list[j].kind !== "time"; j++) places.push(list[j]);
      // "2-4 days, or next day for express" : the second time shares the first one's places.
      if (!places.length) places = out[out.length - 1]?.places ?? fallback;
    } else places = group.length ? group : fallback;
    out.push({ token, places });
    afterTime = true;
  }
  return out;
}

const cache = new WeakMap<Passage[], PolicyTime[]>();

/** Every delivery time the shipping policy gives, with the places it is for. */
export function deliveryTimes(passages: Passage[]): PolicyTime[] {
  const cached = cache.get(passages);
  if (cached) return cached;
  const out: PolicyTime[] = [];
  let label: { heading: string | null; places: Token[] } | null = null;
  for (const passage of passages) {
    if (passage.kind !== "SHIPPING_POLICY") continue;
    const headingPlaces = passage.heading ? tokens(passage.heading).filter((t) => t.kind !== "time") : [];
    if (label && label.heading !== passage.heading) label = null;
    const all = tokens(passage.text);
    // A short line that only names a place ("UK", in bold above its paragraph) labels what follows.
    if (all.length && all.every((t) => t.kind !== "time") && passage.text.split(/\s+/).length <= 6) {
      label = { heading: passage.heading, places: all };
      continue;
    }
    let carried: Token[] = [];
    for (const sentence of sentences(passage.text)) {
      const list = tokens(sentence);
      const places = list.filter((t) => t.kind !== "time");
      if (list.some((t) => t.kind === "time") && isDelivery(sentence, passage.heading)) {
        const fallback = headingPlaces.length ? headingPlaces : carried.length ? carried : (label?.places ?? []);
        let clauseStart = 0;
        for (const { token, places: forTime } of sentenceTimes(list, fallback)) {
          // Express is said of its own time: the words leading up to it and a bracket right
          // after it ("next day (express)"), not the bracket that closed the time before.
          const before = sentence.slice(clauseStart, token.start).replace(/^\s*\([^)]*\)/, "");
          const after = /^\s*\([^)]*\)/.exec(sentence.slice(token.end))?.[0] ?? "";
          out.push({ time: token.time!, places: forTime, express: EXPRESS.test(before + token.raw + after), passage });
          clauseStart = token.end + after.length;
        }
      }
      if (places.length) carried = places;
    }
  }
  cache.set(passages, out);
  return out;
}

const placesCache = new WeakMap<Passage[], boolean>();

/** Whether the shipping policy names any place at all (cached: the snapshot's passages do not change). */
function namesPlaces(passages: Passage[]): boolean {
  let named = placesCache.get(passages);
  if (named === undefined) {
    named = passages.some(
      (p) => p.kind === "SHIPPING_POLICY" && tokens(`${p.heading ?? ""} ${p.text}`).some((t) => t.kind !== "time"),
    );
    placesCache.set(passages, named);
  }
  return named;
}

/**
 * The standard delivery time the shipping policy gives for a country (ISO code or English
 * name): the most specific place wins ("Germany" over "EU" over "Europe" over "rest of the
 * world"), then the standard service over express, then the first written. Null when the
 * policy gives no time for it. A time with no place at all counts for every destination,
 * but only in a policy that names no place anywhere (a shop that ships to one country).
 */
export function deliveryTimeFor(passages: Passage[], country: string | null): DeliveryTime | null {
  if (!country) return null;
  const names = namesFor(country).map((n) => n.toLowerCase());
  const all = deliveryTimes(passages);
  const policyNamesPlaces = namesPlaces(passages);
  let best: { rank: number; found: PolicyTime; destination: string | null } | null = null;
  for (const found of all) {
    let rank = Infinity;
    let destination: string | null = null;
    for (const place of found.places) {
      const index = place.kind === "rest" ? names.length : names.indexOf(place.name!);
      if (index >= 0 && index < rank) {
        rank = index;
        destination = place.kind === "rest" ? null : place.raw;
      }
    }
    if (!found.places.length && !policyNamesPlaces) rank = names.length + 1;
    if (!Number.isFinite(rank)) continue;
    if (!best || rank < best.rank || (rank === best.rank && best.found.express && !found.express))
      best = { rank, found, destination };
  }
  if (!best) return null;
  return {
    ...best.found.time,
    destination: best.destination,
    express: best.found.express,
    passage: best.found.passage,
  };
}

const WITH_ARTICLE =
  /^(?:United |Czech Republic|Dominican Republic|Central African|Netherlands|Philippines|Bahamas|Gambia|Maldives|Seychelles|Vatican)|(?:Islands|Republic|Emirates)$/;

/** The English name of the country an order is going to, for sentences ("Germany", "the United States"). */
export function destinationName(country: string): string {
  const code = countryCode(country);
  const name = code ? countryName(code) : country;
  return WITH_ARTICLE.test(name) ? `the ${name}` : name;
}
