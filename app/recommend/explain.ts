import { shortTitle } from "./text";
import type { Reason, ReasonKind } from "./types";

export interface ReasonInput {
  kind: ReasonKind;
  anchorProductId?: string;
  anchorTitle?: string;
  /** Shopper's words, for a match on the conversation. */
  query?: string;
  windowDays?: number;
}

function period(days: number | undefined): string {
  if (days === undefined) return "lately";
  if (days <= 1) return "today";
  if (days <= 7) return "this week";
  if (days <= 31) return "this month";
  return `in the last ${Math.round(days)} days`;
}

/**
 * The sentence shown under a recommendation. It names the product or the signal that caused
 * it, so the shopper (and the merchant reading a conversation) can see why it was suggested.
 */
export function explain(input: ReasonInput): Reason {
  const anchor = input.anchorTitle ? shortTitle(input.anchorTitle) : undefined;
  const base = { kind: input.kind, ...(input.anchorProductId ? { anchorProductId: input.anchorProductId } : {}) };
  switch (input.kind) {
    case "bought_with":
      return { ...base, text: anchor ? `Often bought with ${anchor}` : "Often bought together" };
    case "viewed":
      return { ...base, text: anchor ? `Because you viewed ${anchor}` : "Because of what you viewed" };
    case "in_cart":
      return { ...base, text: anchor ? `Goes with ${anchor} in your cart` : "Goes with your cart" };
    case "similar":
      if (anchor) return { ...base, text: `Similar to ${anchor}` };
      return { ...base, text: input.query ? `Matches “${shortTitle(input.query, 40)}”` : "Matches what you asked for" };
    case "bought_before":
      return { ...base, text: "You bought this before" };
    case "popular":
      return { ...base, text: `Popular ${period(input.windowDays)}` };
    case "trending":
      return { ...base, text: `Trending ${period(input.windowDays)}` };
    case "seasonal":
      return { ...base, text: "Popular at this time of year" };
    case "bestseller":
      return { ...base, text: "One of our bestsellers" };
    case "new_arrival":
      return { ...base, text: "New in" };
  }
}

/** A reason on the discover list says so: "New to you: often bought with Green tea tin". */
export function discoverReason(reason: Reason): Reason {
  const { text } = reason;
  // "Often …" becomes "often …", but an initialism such as "TV stand" keeps its capitals.
  const lower = /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
  return { ...reason, list: "discover", text: `New to you: ${lower}` };
}
