/**
 * Masks email addresses and phone numbers in chat text before it is stored, when the
 * merchant's privacy settings ask for it (privacySettings.redactTranscripts). The
 * assistant still reads the shopper's words as typed for that turn (an order lookup needs
 * the email); only the stored transcript is masked. docs/decisions/0066-transcript-redaction.md
 */

export const EMAIL_MASK = "[email removed]";
export const PHONE_MASK = "[phone removed]";

// Local part and domain as people type them; deliberately wider than RFC 5322 is useful
// for (quoted local parts are not masked, and nobody types them into a chat).
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

// A run of digits with the separators people put in phone numbers: an optional "+",
// spaces, dots, dashes, brackets. Whether it is a phone number is decided by its digits.
const PHONE_CANDIDATE = /(?:\+|\b00)?\(?\d[\d\s().-]{5,22}\d/g;

/** Order numbers (#1001), prices and dates are not phone numbers: 7 to 15 digits are. */
function looksLikePhone(candidate: string, before: string): boolean {
  if (before.endsWith("#")) return false;
  const digits = candidate.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) return false;
  // 2026-11-23 or 23.11.2026: a date, not a number to call.
  if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{4}$/.test(candidate.trim())) return false;
  // A plain run of 7-8 digits with no separators and no "+" is more often an order or
  // tracking number than a phone; longer runs (mobile numbers typed without spaces) count.
  if (/^\d+$/.test(candidate) && digits.length < 9) return false;
  return true;
}

export function redactContactDetails(text: string): string {
  const withoutEmails = text.replace(EMAIL, EMAIL_MASK);
  return withoutEmails.replace(PHONE_CANDIDATE, (match, offset: number, whole: string) =>
    looksLikePhone(match, whole.slice(Math.max(0, offset - 1), offset)) ? PHONE_MASK : match,
  );
}
