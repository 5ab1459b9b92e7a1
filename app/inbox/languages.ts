/**
 * A conversation's language as the merchant reads it in the admin: the language's name in
 * English (the admin's language), by the runtime's own ICU data ("fr" → "French").
 */
const names = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

export function languageName(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
