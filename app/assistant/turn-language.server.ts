import type { ConversationState } from "./contract";
import { packLanguage, type PackLanguage } from "./languages";

/*
 * Which language one chat turn is understood and answered in (issue 14, Build 1): among the
 * shop's published locales that have a language pack, the message's own language
 * (nlu/language.ts, eld) with the storefront locale as the prior; too short or too close to
 * call, the conversation's language, or the storefront's when that changed. A shop with one
 * such language never loads the identifier (~155 MB), so English-only shops are as before.
 */

export interface TurnLanguage {
  /** The pack code the turn is read and answered in. */
  language: PackLanguage;
  /** True when the shop has more than one language: the reply and the state then carry it. */
  multilingual: boolean;
}

/** What the state keeps between turns: the language and the storefront locale it was chosen under. */
export interface LanguageState {
  language?: string;
  languageLocale?: string;
}

/** The shop's languages with a pack, primary first, each once. */
export function shopLanguages(primary: string, published: readonly string[] | undefined): PackLanguage[] {
  const languages: PackLanguage[] = [];
  for (const locale of [primary, ...(published ?? [])]) {
    const language = packLanguage(locale);
    if (language && !languages.includes(language)) languages.push(language);
  }
  return languages;
}

let identifier: Promise<typeof import("./nlu/language")> | null = null;
/** The identifier, imported on first need only (it loads eld's n-gram database). */
function languageIdentifier() {
  identifier ??= import("./nlu/language");
  return identifier;
}

export async function turnLanguage(
  shop: { locale: string; locales?: readonly string[] },
  turn: { text: string; locale: string },
  state: ConversationState & LanguageState,
): Promise<TurnLanguage> {
  const candidates = shopLanguages(shop.locale, shop.locales);
  const primary = candidates[0] ?? "en";
  if (candidates.length <= 1) return { language: primary, multilingual: false };
  const storefront = packLanguage(turn.locale);
  const prior = storefront && candidates.includes(storefront) ? storefront : primary;
  const { detectLanguage } = await languageIdentifier();
  const detected = detectLanguage(turn.text, { candidates, prior });
  if (detected.confident) return { language: detected.language, multilingual: true };
  // "ok", "oui", an order number: the language the conversation is in, unless the shopper has
  // since switched the storefront's language (then that one).
  const kept = packLanguage(state.language);
  const sameStorefront = state.languageLocale === undefined || state.languageLocale === turn.locale;
  return {
    language: kept && candidates.includes(kept) && sameStorefront ? kept : prior,
    multilingual: true,
  };
}

/** Loads the identifier ahead of the first turn that needs it (a multilingual shop's first chat). */
export function preloadLanguageIdentifier(): Promise<unknown> {
  return languageIdentifier();
}
