import { EU_MEMBERS, NORTH_AMERICA, OTHER_EUROPE, countryCode, countryNames } from "./regions";

/**
 * The places a sentence of a policy (or a shopper's question) names, as codes: ISO 3166
 * countries, "EU" for the European Union and CLDR region codes for the rest ("150" Europe,
 * "003" North America, "001" the world: "worldwide", "rest of the world", "international").
 * "outside the UK" and "everywhere except Russia and Belarus" name places by exclusion; those
 * mentions are marked `negated`, so a sentence about duties "outside the UK" is read as being
 * about Germany and not about the UK.
 */

export const WORLD = "001";
export const EUROPE = "150";
export const NORTH_AMERICA_REGION = "003";

export interface PlaceMention {
  code: string;
  start: number;
  end: number;
  negated: boolean;
}

// Names shoppers and merchants use that are not a region's English CLDR name.
const ALIASES: Record<string, string> = {
  uk: "GB",
  "u.k.": "GB",
  "mainland uk": "GB",
  britain: "GB",
  "great britain": "GB",
  england: "GB",
  scotland: "GB",
  wales: "GB",
  "northern ireland": "GB",
  usa: "US",
  "u.s.a.": "US",
  "u.s.": "US",
  us: "US",
  america: "US",
  "the states": "US",
  "united states of america": "US",
  // Shoppers' short names for places ("shipping to aus?").
  aus: "AU",
  straya: "AU",
  nz: "NZ",
  kiwiland: "NZ",
  deutschland: "DE",
  espana: "ES",
  españa: "ES",
  eire: "IE",
  "south of ireland": "IE",
  "republic of ireland": "IE",
  "the netherlands": "NL",
  holland: "NL",
  "czech republic": "CZ",
  eu: "EU",
  "european union": "EU",
  europe: EUROPE,
  "north america": NORTH_AMERICA_REGION,
};

// Words for "every other destination"; written in lower case, so matched in any case.
const WORLD_WORDS = [
  "worldwide",
  "world wide",
  "rest of the world",
  "rest of world",
  "anywhere in the world",
  "all over the world",
  "all countries",
  "all other countries",
  "other countries",
  "everywhere",
  "all other destinations",
  "everywhere else",
  "international",
  "internationally",
  "overseas",
  "abroad",
];

// CLDR names that are not places a parcel goes to.
const NOT_DESTINATIONS = new Set(["EZ", "UN", "QO", "ZZ", "XA", "XB"]);

const NAMES = (() => {
  const names = new Map<string, string>();
  for (const [name, code] of countryNames()) if (!NOT_DESTINATIONS.has(code)) names.set(name, code);
  // "St. Lucia" is also written "Saint Lucia"; "&" as "and".
  for (const [name, code] of [...names]) {
    if (name.includes("&")) names.set(name.replace(/&/g, "and"), code);
    if (name.startsWith("st. ")) names.set(`saint ${name.slice(4)}`, code);
  }
  for (const [alias, code] of Object.entries(ALIASES)) names.set(alias, code);
  for (const word of WORLD_WORDS) names.set(word, WORLD);
  return names;
})();

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(${[...NAMES.keys()]
    .sort((a, b) => b.length - a.length)
    .map((name) => escape(name).replace(/ /g, "\\s+"))
    .join("|")})(?![\\p{L}\\p{N}])`,
  "giu",
);
const WORLD_SET = new Set(WORLD_WORDS);
// Short codes that are ordinary words in lower case ("tell us", "eu" is rarely typed for the Union).
const UPPER_ONLY = new Set(["us", "eu", "u.s.", "uk", "u.k."]);

const NEGATION =
  /\b(?:outside(?:\s+of)?|except(?:\s+for)?|excluding|other\s+than|apart\s+from|not\s+to|beyond)\s+(?:the\s+)?$/i;
const REFUSAL =
  /\b(?:do not|don't|does not|doesn't|cannot|can't|can not|unable to|won't|will not|are not able to|no longer|never)\b[^.;:]*$/i;
const LIST_GAP = /^\s*(?:,|and|or|&|nor|,\s*and|,\s*or)\s*(?:the\s+)?$/i;

/**
 * Places named in `text`. In policy text (`query: false`) a country name counts only when
 * capitalised, as merchants write them ("bone china" is not China); shoppers type in lower
 * case, so a question is read case-blind except for "us" and "eu".
 */
export function placesIn(text: string, { query = false } = {}): PlaceMention[] {
  const found: PlaceMention[] = [];
  const source = text.slice(0, 5000);
  // exec, not matchAll: matchAll copies the expression, and compiling this one costs more than running it.
  PATTERN.lastIndex = 0;
  for (let match = PATTERN.exec(source); match; match = PATTERN.exec(source)) {
    const written = match[0];
    const key = written.toLowerCase().replace(/\s+/g, " ");
    const code = NAMES.get(key);
    if (!code) continue;
    if (UPPER_ONLY.has(key) && written !== written.toUpperCase()) {
      if (!(query && key === "uk")) continue;
    }
    if (!query && !WORLD_SET.has(key) && !/^\p{Lu}/u.test(written)) continue;
    const start = match.index!;
    const previous = found[found.length - 1];
    const before = source.slice(previous && previous.end <= start ? previous.end : Math.max(0, start - 40), start);
    const lead = source.slice(Math.max(0, start - 80), start);
    // "We do not ship outside the UK" names the UK as the only place, not as the excluded one.
    const excluded = NEGATION.test(lead.slice(-40)) && !REFUSAL.test(lead.replace(NEGATION, ""));
    const negated = excluded || (previous !== undefined && previous.negated && LIST_GAP.test(before));
    found.push({ code, start, end: start + written.length, negated });
  }
  return found;
}

const regionCache = new Map<string, string[]>();

/** The regions a country belongs to, most specific first, ending with the world. */
export function regionsOf(code: string): readonly string[] {
  const cached = regionCache.get(code);
  if (cached) return cached;
  const regions: string[] = [];
  if (EU_MEMBERS.has(code)) regions.push("EU");
  if (EU_MEMBERS.has(code) || OTHER_EUROPE.has(code) || code === "EU") regions.push(EUROPE);
  if (NORTH_AMERICA.has(code)) regions.push(NORTH_AMERICA_REGION);
  if (code !== WORLD) regions.push(WORLD);
  if (regionCache.size < 1000) regionCache.set(code, regions);
  return regions;
}

/** Code of a destination as the dialogue names it ("Germany", "European Union", "DE"). */
export function destinationCode(name: string): string | null {
  const code = NAMES.get(name.trim().toLowerCase()) ?? countryCode(name);
  return code && !NOT_DESTINATIONS.has(code) ? code : null;
}

/**
 * How well a set of mentions speaks about a destination: 1 when it names the country itself,
 * less for the regions it is in (the EU above Europe above "worldwide"), 0.5 when it speaks of
 * everywhere but some other place ("outside the UK"), 0 when it names only other places or
 * excludes this one, and null when it names no place at all.
 */
export function destinationFit(destination: string, mentions: readonly PlaceMention[]): number | null {
  if (mentions.length === 0) return null;
  const regions = regionsOf(destination);
  const fitOf = (code: string) => {
    if (code === destination) return 1;
    const rank = regions.indexOf(code);
    if (rank >= 0) return code === WORLD ? 0.5 : code === "EU" ? 0.85 : 0.75;
    // A question about a region is answered in part by a sentence about one of its countries.
    if (regionsOf(code).includes(destination)) return 0.6;
    return 0;
  };
  let best = 0;
  let excludesOthers = false;
  for (const mention of mentions) {
    const fit = fitOf(mention.code);
    if (mention.negated) {
      if (fit > 0 && mention.code !== WORLD) return 0;
      excludesOthers = true;
      continue;
    }
    best = Math.max(best, fit);
  }
  return best > 0 ? best : excludesOthers ? 0.5 : 0;
}
