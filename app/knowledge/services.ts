import type { Passage } from "./passages";

/**
 * Services shoppers ask whether a shop offers: "do you price match?", "can I collect in
 * store?", "is there a warranty?". Each is a phrase whose words alone say little (a gift
 * shop's policies say "price" and its catalog sells "matches"), so the question is recognised
 * as a whole, and the shop's knowledge is read for the words that would say it offers one.
 * When none does, the honest answer is that the policies don't say, not the nearest sentence.
 */
export interface ShopService {
  /** How the reply names it: "The shop's policies and FAQ don't say anything about {name}". */
  name: string;
  asked: RegExp;
  /** Words a passage about this service would contain. */
  evidence: RegExp;
  /** The policy topic it belongs to, for which policy is searched and linked. */
  intent: string;
}

export const SERVICES: ShopService[] = [
  {
    name: "warranties or guarantees",
    asked: /\b(?:warrant(?:y|ies|eed)|guarantee[ds]?|guarantees)\b/i,
    evidence: /\b(?:warrant\w*|guarantee\w*)\b/i,
    intent: "returns_refunds",
  },
  {
    name: "price matching",
    asked:
      /\b(?:price[- ]?match\w*|match(?:es|ing)? (?:a |the |your |their |other |another )?(?:competitors?'?s? |lower |cheaper |other )?prices?|beat (?:a |the |any )?(?:competitors?'?s? |lower |cheaper )?prices?)\b/i,
    evidence:
      /\b(?:price[- ]?match\w*|match\w* (?:a |the |any )?(?:competitor\w*|lower|cheaper)|beat\w* (?:a |the |any )?(?:competitor\w*|lower|cheaper))\b/i,
    intent: "discounts",
  },
  {
    name: "collecting orders in person",
    asked:
      /\b(?:click (?:and|&|n) collect|(?:collect|pick)(?:ing)?(?: (?:it|them|my order|the order|orders?|stuff))?(?: up)? (?:in|from|at) (?:the |your |a )?(?:store|shop|warehouse|premises)|in[- ]?store (?:pick[- ]?up|collection)|local (?:pick[- ]?up|collection)|collect (?:it|them|my order|orders?) (?:myself|in person)|(?:can|could) (?:i|we) (?:come and )?collect|pick[- ]?up option)\b/i,
    // Collecting in person, not "we collect your data": a place or "in person" must be near.
    evidence:
      /\b(?:click (?:and|&) collect|in[- ]store (?:pick[- ]?up|collection)|local (?:pick[- ]?up|collection)|(?:collect\w*|pick[- ]?up)\b[^.!?]{0,40}\b(?:shop|store|warehouse|premises|studio|in person))\b/i,
    intent: "shipping",
  },
  {
    name: "gift wrapping",
    asked: /\b(?:gift[- ]?wrap\w*|wrap(?:ped|ping)? (?:it|them|as a gift|up)|gift (?:message|note|receipt))\b/i,
    evidence: /\b(?:wrap\w*|gift (?:message|note|receipt))\b/i,
    intent: "store_info",
  },
  {
    name: "a loyalty or rewards scheme",
    asked: /\b(?:loyalty|reward(?:s)? (?:scheme|points?|programme|program|card)|points (?:scheme|card)|membership)\b/i,
    evidence: /\b(?:loyalty|rewards?|points|membership)\b/i,
    intent: "discounts",
  },
  {
    name: "paying in instalments",
    asked:
      /\b(?:klarna|clearpay|afterpay|laybuy|pay ?later|pay (?:it )?in (?:instal+ments|installments|parts|3|three)|buy now,? pay later|instal+ments?|installments?|finance|financing)\b/i,
    evidence: /\b(?:klarna|clearpay|afterpay|laybuy|pay later|instal+ments?|installments?|financ\w*)\b/i,
    intent: "payment_methods",
  },
  {
    name: "paying cash on delivery",
    asked: /\b(?:cash on delivery|pay(?:ing|ment)? (?:on|at) (?:delivery|the door))\b/i,
    evidence: /\b(?:cash on delivery|pay(?:ment)? on delivery)\b/i,
    intent: "payment_methods",
  },
  {
    name: "wholesale or trade orders",
    asked:
      /\b(?:wholesale|trade (?:account|prices?|customers?|discount)|bulk (?:orders?|discounts?|buy\w*|prices?))\b/i,
    evidence: /\b(?:wholesale|trade|bulk)\b/i,
    intent: "store_info",
  },
  {
    name: "personalised items",
    asked: /\b(?:engrav\w+|personali[sz]\w*|monogram\w*|custom(?:ised|ized)? (?:name|names|text|message|print\w*))\b/i,
    evidence: /\b(?:engrav\w+|personali[sz]\w*|monogram\w*|custom\w*)\b/i,
    intent: "store_info",
  },
];

export function askedService(text: string): ShopService | null {
  return SERVICES.find((service) => service.asked.test(text)) ?? null;
}

/** Whether any passage of the shop's knowledge speaks of the service at all. */
export function mentionsService(service: ShopService, passages: readonly Passage[]): boolean {
  return passages.some((p) => service.evidence.test(`${p.heading ?? ""} ${p.text} ${p.keywords}`));
}
