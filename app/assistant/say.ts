import { IntlMessageFormat } from "intl-messageformat";
import { LANGUAGE_PACKS, packLanguage, type PackLanguage } from "./languages";
import type { MessageKey } from "./languages/en/messages";

/*
 * A reply template of the shopper's language, filled in: ICU MessageFormat through
 * intl-messageformat (plural and select by the language's CLDR rules), so a language's word
 * order and plurals are its own, not English's with words swapped (docs/decisions/0091).
 */

export type { MessageKey };
export type MessageValues = Record<string, string | number>;

// Parsing a template costs far more than formatting it; replies are formatted every turn.
const formats = new Map<string, IntlMessageFormat>();

/** The language a reply is written in: a pack's code, English for anything else. */
export function replyLanguage(language: string | null | undefined): PackLanguage {
  return packLanguage(language) ?? "en";
}

export function say(language: string | null | undefined, key: MessageKey, values: MessageValues = {}): string {
  const code = replyLanguage(language);
  const cacheKey = `${code}|${key}`;
  let format = formats.get(cacheKey);
  if (!format) {
    format = new IntlMessageFormat(LANGUAGE_PACKS[code].messages[key], code);
    formats.set(cacheKey, format);
  }
  const text = format.format(values);
  if (typeof text !== "string") throw new Error(`message ${code}/${key} did not format to text`);
  return text;
}

/**
 * "a, b et c", "a, b und c": a list inside a template, in the language; English keeps the
 * engine's own joining (`english`), so that its replies stay as they were.
 */
export function listIn(
  language: string | null | undefined,
  items: readonly string[],
  english?: (items: string[]) => string,
): string {
  const code = replyLanguage(language);
  if (code === "en" && english) return english([...items]);
  return new Intl.ListFormat(code, { type: "conjunction" }).format(items);
}
