/**
 * The names a shop's policy may use for a shopper's country: its own English name and the
 * regions it belongs to ("Germany" is shipped to as part of "the European Union"). Policies
 * are written by merchants in words, so a question about Germany has to find the sentence
 * about the EU, and an order bound for FR the delivery times of "EU".
 */

export const EU_MEMBERS = new Set([
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
]);

/** European countries outside the EU that policies often name beside it. */
export const OTHER_EUROPE = new Set([
  "GB",
  "CH",
  "NO",
  "IS",
  "LI",
  "AD",
  "MC",
  "SM",
  "VA",
  "AL",
  "BA",
  "ME",
  "MK",
  "RS",
  "UA",
  "MD",
  "BY",
  "JE",
  "GG",
  "IM",
]);
export const NORTH_AMERICA = new Set(["US", "CA", "MX"]);

const display = new Intl.DisplayNames(["en"], { type: "region" });
const codesByName = new Map<string, string>();
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    let name: string | undefined;
    try {
      name = display.of(code);
    } catch {
      name = undefined;
    }
    // Retired codes share their successor's name ("DD" East Germany is "Germany"): keep the current one.
    if (name && name !== code && canonical(code) === code && !codesByName.has(name.toLowerCase()))
      codesByName.set(name.toLowerCase(), code);
  }
}

/** The current code for a region code: "UK" → "GB", "DD" → "DE" (CLDR aliases). */
function canonical(code: string): string {
  try {
    return new Intl.Locale(`und-${code}`).region ?? code;
  } catch {
    return code;
  }
}

/** Every English country (and CLDR region) name the runtime knows, lower-case, with its code. */
export function countryNames(): ReadonlyMap<string, string> {
  return codesByName;
}

/** ISO 3166 alpha-2 code of an English country name ("Germany" → "DE"), or null. */
export function countryCode(name: string): string | null {
  const trimmed = name.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && display.of(trimmed.toUpperCase()) !== trimmed.toUpperCase())
    return canonical(trimmed.toUpperCase());
  return codesByName.get(trimmed.toLowerCase()) ?? null;
}

/** English name of a country code ("DE" → "Germany"). */
export function countryName(code: string): string {
  try {
    return display.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/**
 * Every name under which a policy may mention this country, most specific first:
 * for "DE" → ["Germany", "European Union", "EU", "Europe"]; for "GB" → ["United Kingdom",
 * "UK", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland", "Europe"].
 */
export function namesFor(codeOrName: string): string[] {
  const code = countryCode(codeOrName);
  if (!code) return [codeOrName];
  const names = [countryName(code)];
  if (code === "GB") names.push("UK", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland");
  if (code === "US") names.push("USA", "US", "United States of America", "America");
  if (code === "NL") names.push("Holland");
  if (code === "CZ") names.push("Czech Republic");
  // The Union itself is asked about too ("do you ship to the EU?").
  if (code === "EU") names.push("EU", "Europe");
  if (EU_MEMBERS.has(code)) names.push("European Union", "EU");
  if (EU_MEMBERS.has(code) || OTHER_EUROPE.has(code)) names.push("Europe");
  if (NORTH_AMERICA.has(code)) names.push("North America");
  return names;
}
