/**
 * What a question asks of a policy, beyond its topic words. "What does shipping to
 * Australia cost?" and "how long does shipping to Australia take?" share every content word;
 * they differ in the fact they want: a price or a time. The same holds for money back
 * (the refund, when and how) against how to send something back (the steps). Each aspect is
 * read from the question's wording and recognised in a sentence by the shape of the fact
 * that answers it (an amount of money, a number of days, an instruction, an email address),
 * so the method holds for any policy, however the merchant wrote it.
 *
 * Shoppers also use other words than merchants ("money back" for "refund", "postage" for
 * "shipping"): a question's words are widened to the policy's usual words (`CONCEPTS`).
 */

export type Aspect =
  "cost" | "payer" | "time" | "free" | "coverage" | "howto" | "payment" | "contact" | "phone" | "email" | "location";

export interface AspectRule {
  aspect: Aspect;
  /** A question (or an FAQ entry's question, or a heading) asking for this. */
  asks: RegExp;
  /** Question words that only say which fact is wanted; they are not topic words. */
  frame?: RegExp;
  /**
   * Topic words that ask this fact when the question asks no other: "postage to France?" wants
   * the price ("postage" is what sending costs), "how long is postage to France?" the time.
   */
  implied?: RegExp;
  /** Sentence shapes that carry the fact, each with how surely it does. */
  cues: [RegExp, number][];
}

const MONEY =
  /(?:[£$€¥]\s?\d[\d,]*(?:\.\d{1,2})?|\b\d[\d,]*(?:\.\d{1,2})?\s?(?:gbp|usd|eur|cad|aud|pounds?|dollars?|euros?|pence|p)\b)/i;
const FREE = /\bfree\b|\bno (?:extra )?(?:charge|cost|fee)\b|\bat no (?:extra )?cost\b|\bcomplimentary\b/i;
const PAYER =
  /\b(?:pays?|paid|prepaid|charges?|charged|fees?|costs?|refunded|at (?:your|our|the customer's|the buyer's) (?:own )?(?:expense|cost)|(?:is|are) (?:the )?(?:customer's|buyer's|recipient's|your) responsibility)\b/i;
const NUMBER = "(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty)";
const DURATION = new RegExp(
  `\\b${NUMBER}(?:\\s*(?:-|–|to|or)\\s*${NUMBER})?\\s*(?:business |working |calendar )?(?:days?|weeks?|hours?|hrs|months?)\\b|\\bnext (?:business |working )?day\\b|\\bsame[- ]day\\b|\\bwithin (?:a|an|${NUMBER})\\b|\\bovernight\\b`,
  "i",
);
const SCHEDULE =
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\bweekdays?\b|\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?(?:am|pm)\b/i;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const PHONE = /(?:\+\d{1,3}[\s-]?)?(?:\(\d+\)[\s-]?)?\d{2,5}[\s-]\d{3,4}[\s-]?\d{3,4}\b/;
const PAYMENT_METHODS =
  /\b(?:visa|mastercard|maestro|amex|american express|paypal|apple pay|google pay|shop pay|klarna|clearpay|afterpay|laybuy|credit cards?|debit cards?|bank transfer|cash on delivery|diners club|discover|union ?pay|ideal|bancontact|sofort)\b/i;
// A sentence that starts by telling the shopper what to do.
// "If an item arrives damaged, tell us within 14 days": an instruction after the case it is for.
const INSTRUCTION =
  /^(?:(?:if|when|where|should)\b[^,;.]*,\s*)?(?:please\s+|simply\s+|just\s+|first,?\s+|then\s+|to start,?\s+)?(?:email|e-mail|contact|send|fill|visit|go|log|sign|click|print|pack|include|call|message|write|attach|drop|post|use|complete|request|reply|ask|choose|select|open|enter|return|let us know|tell us)\b/i;

export const ASPECTS: AspectRule[] = [
  {
    aspect: "cost",
    asks: /\bhow much\b|\bcosts?\b|\bcosting\b|\bprice (?:of|for|to)\b|\bpricing\b|\bfees?\b|\bcharges? (?:for|to|on)\b|\b(?:delivery|shipping|postage|return|handling) charges?\b|\bexpensive\b|\brates?\b/i,
    frame: /\bhow much\b|\bcosts?\b|\bcosting\b|\bpricing\b|\bfees?\b|\bcharges?\b|\bexpensive\b|\brates?\b/gi,
    implied: /\bpostage\b|\bp\s?&\s?p\b|\bcarriage\b/i,
    cues: [
      [MONEY, 1],
      [FREE, 0.9],
      [PAYER, 0.5],
    ],
  },
  {
    // Who bears a cost (return postage, import duties): a sentence saying who pays answers it.
    aspect: "payer",
    asks: /\bwho (?:pays|covers|is responsible for)\b|\b(?:do|would|will) (?:i|we) (?:have to |need to )?pay\b|\bpay for\b|\bat (?:my|whose) (?:own )?(?:cost|expense)\b|\bdo (?:you|they) charge\b|\b(?:get|gets|getting|be|being) (?:charged|billed|stung)\b|\b(?:any|extra|hidden) (?:charges?|fees?)\b/i,
    frame:
      /\bwho (?:pays|covers|is responsible for)\b|\bpay(?: for)?\b|\bcharge[ds]?\b|\bbilled\b|\bstung\b|\b(?:any|extra|hidden) fees?\b/gi,
    cues: [
      [PAYER, 1],
      [FREE, 1],
      // "Prices include UK VAT": nothing more to pay.
      [/\b(?:includes?|included|including|inclusive of)\b/i, 0.8],
      [MONEY, 0.5],
    ],
  },
  {
    aspect: "time",
    asks: /\bhow (?:long|soon|quickly|fast)\b|\bhow many (?:business |working )?(?:days|weeks|hours)\b|(?:^|[.?!,]\s*|\band\s+|\bbut\s+)when\b|\bby when\b|\buntil when\b|\btimes?\b|\btimeframe\b|\bdeadline\b|\bwhat days?\b|\bopening hours\b|\bhours\b/i,
    frame:
      /\bhow (?:long|soon|quickly|fast)\b|\bhow many (?:business |working )?(?:days|weeks|hours)\b|\bwhen\b|\btakes?\b|\btimeframe\b/gi,
    cues: [
      [DURATION, 1],
      [SCHEDULE, 0.8],
      [/\bas soon as\b|\bimmediately\b|\bpromptly\b|\bsame time\b/i, 0.5],
    ],
  },
  {
    aspect: "free",
    asks: /\bfree\b|\bno charge\b|\bwithout charge\b/i,
    frame: /\bfree(?: of charge)?\b/gi,
    cues: [
      [FREE, 1],
      // A prepaid label, "at our cost": free to the shopper.
      [/\bprepaid\b|\bat our (?:own )?(?:cost|expense)\b|\bwe (?:pay|cover)\b/i, 0.9],
    ],
  },
  {
    aspect: "coverage",
    asks: /\b(?:do|can|will|would) (?:you|u|they) (?:ship|deliver|post|send)\b|\b(?:ship|shipping|deliver|delivery|post|send)(?:\s+\w+)?\s+(?:to|outside|internationally|worldwide|abroad|overseas)\b|\bwhere (?:do|can|will) (?:you|we) (?:ship|deliver|send)\b|\bwhere we (?:ship|deliver)\b|\b(?:which|what) countries\b|\bcountries (?:do )?(?:you|we) (?:ship|deliver)\b|\bdestinations\b/i,
    cues: [
      [/\b(?:we|you|i)\s+(?:only\s+|currently\s+|also\s+|now\s+)?(?:ship|deliver|send|post)\b/i, 0.8],
      [/\b(?:ship|deliver)(?:s|ping|y)? (?:to|within|across|throughout|worldwide|internationally)\b/i, 0.6],
    ],
  },
  {
    aspect: "howto",
    asks: /\bhow (?:do|can|should|would|could) (?:i|we|you)\b|\bhow to\b|\bwhat(?:'s| is| are)? the (?:process|procedure|steps)\b|\bwhat do i (?:need to )?do\b|\bwhere do i (?:send|post)\b|\bsteps?\b|\bprocess\b|\bprocedure\b|\bstart(?:ing)? an?\b/i,
    cues: [
      [INSTRUCTION, 1],
      [
        /\b(?:email|contact|write to|call|message) us\b|\bwe (?:will|'ll) (?:send|email) you\b|\bfill (?:in|out)\b|\bform\b|\blabel\b|\blog in\b|\bsign in\b/i,
        0.6,
      ],
    ],
  },
  {
    aspect: "payment",
    asks: /\bpayment (?:methods?|options?|types?)\b|\bways? to pay\b|\bpay (?:with|by|using|via|in)\b|\b(?:accept|take)s? (?:card|cards|credit|debit|paypal|apple pay|klarna|amex|visa)\b|\bcan i pay\b|\bhow (?:do|can) i pay\b/i,
    frame: /\bpayment (?:methods?|options?|types?)\b|\bways? to pay\b|\bpay\b|\baccepts?\b|\btakes?\b/gi,
    cues: [
      [PAYMENT_METHODS, 1],
      [/\bwe accept\b|\byou can pay\b|\bpay (?:by|with|using|via)\b|\baccepted payment\b/i, 0.7],
    ],
  },
  {
    aspect: "contact",
    asks: /\bcontact\b|\bget in touch\b|\b(?:reach|speak to|talk to) (?:you|someone|the shop|the store|a person|customer service)\b/i,
    cues: [
      [EMAIL, 1],
      [PHONE, 1],
      [/\bcontact us\b|\bget in touch\b|\bchat\b/i, 0.5],
    ],
  },
  {
    aspect: "phone",
    asks: /\b(?:tele)?phone\b|\bcall (?:you|the shop|the store|someone|customer service)\b|\bring (?:you|the shop)\b|\bnumber to call\b/i,
    frame: /\b(?:tele)?phone(?: number)?\b|\bnumber\b|\bcall\b|\bring\b/gi,
    cues: [[PHONE, 1]],
  },
  {
    aspect: "email",
    asks: /\be-?mail\b/i,
    frame: /\be-?mail(?: address)?\b/gi,
    cues: [[EMAIL, 1]],
  },
  {
    aspect: "location",
    asks: /\bwhere (?:are|is) (?:you|your (?:shop|store|studio|office|warehouse|business))\b|\bbased\b|\blocated\b|\blocation\b|(?<!e-?mail )\baddress\b|\bvisit (?:you|the shop|your shop|in person)\b/i,
    frame: /\bbased\b|\blocated\b|\blocation\b|\baddress\b/gi,
    cues: [
      [
        /\b\d+[a-z]?,?\s+(?:[A-Z][\w'-]*\s+){1,3}(?:Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Way|Place|Square|Drive|Close|Row|Parade)\b/,
        1,
      ],
      [/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/, 1],
      [/\b(?:located|based|studio|shop|warehouse|office) (?:is )?in\b/i, 0.7],
    ],
  },
];

const RULES = new Map(ASPECTS.map((rule) => [rule.aspect, rule]));

/**
 * The aspects a question asks. Coverage ("do you ship to X?") is only asked when no
 * price or time is: "how much does it cost to ship to Germany" wants the price.
 */
export function askedAspects(question: string): Aspect[] {
  let asked = ASPECTS.filter((rule) => rule.asks.test(question)).map((rule) => rule.aspect);
  if (asked.every((a) => a === "coverage")) {
    const implied = ASPECTS.filter((rule) => rule.implied?.test(question)).map((rule) => rule.aspect);
    if (implied.length) asked = implied;
  }
  if (asked.includes("cost") || asked.includes("time") || asked.includes("free"))
    return asked.filter((a) => a !== "coverage");
  return asked;
}

/** Removes the question's frame words for these aspects ("how much", "when"), keeping topic words. */
export function withoutFrames(question: string, aspects: readonly Aspect[]): string {
  let text = question;
  for (const aspect of aspects) {
    const frame = RULES.get(aspect)?.frame;
    if (frame) text = text.replace(frame, " ");
  }
  return text;
}

/** How surely a sentence carries the fact an aspect asks for: 0 (not at all) to 1. */
export function aspectCue(aspect: Aspect, sentence: string): number {
  const rule = RULES.get(aspect);
  if (!rule) return 0;
  let best = 0;
  for (const [pattern, weight] of rule.cues) if (weight > best && pattern.test(sentence)) best = weight;
  return best;
}

export interface WordFamily {
  /** The ways shoppers say it ("money back", "refunded"). */
  said: RegExp;
  /** Words any of which answers it, in the policy's usual vocabulary. */
  words: string[];
}

/**
 * Shoppers' words and the words policies use for the same thing. A question's phrase is
 * replaced by the concept, which any of its words satisfies.
 */
export const CONCEPTS: WordFamily[] = [
  {
    said: /\b(?:(?:my |the |our )?money back|(?:my|the|our) money|reimburse(?:d|ment)?|refunds?|refunded|refunding|credit(?:ed)? back)\b/gi,
    words: ["refund", "reimburse"],
  },
  {
    said: /\b(?:(?:send|sending|sent|post|posting|take|taking|bring|bringing|give|giving|ship|mail) (?:(?:it|them|this|that|these|those|something|stuff|things?|items?|an item|all|everything|my \w+|the \w+|it all|them all) )?back|returns?|returning|returned|chang(?:e|ed|ing) (?:my|your|our|their|of) minds?|change of heart|(?:don'?t|do not|no longer) (?:want|need|like) (?:it|them|this|that)(?: any ?more)?)\b/gi,
    words: ["return"],
  },
  { said: /\b(?:exchanges?|exchanging|swap(?:s|ping|ped)?|switch(?:ing)?)\b/gi, words: ["exchange", "swap"] },
  {
    said: /\b(?:dispatch(?:ed)?|despatch(?:ed)?|sent out|send (?:it )?out|ship(?:ped)? out|processing|processed|packed)\b/gi,
    words: ["dispatch", "despatch", "processing", "packed"],
  },
  {
    said: /\b(?:ship(?:s|ping|ped)?|deliver(?:y|ies|ed|ing|s)?|postage|posting|post(?:ed)?|courier|carrier|shipments?|send(?:ing)?|arriv(?:e|es|ed|al|ing)|get here|gets here|reach(?:es|ed)? me|turn(?:s|ed|ing)? up|show(?:s|ed|ing)? up|came)\b/gi,
    words: ["shipping", "delivery", "deliver", "postage", "courier", "arrive"],
  },
  {
    said: /\b(?:vat|tax(?:es)?|dut(?:y|ies)|customs|import (?:fees?|charges?))\b/gi,
    words: ["vat", "tax", "duties", "customs", "import"],
  },
  {
    said: /\b(?:damaged?|broken|broke|break(?:s|ing|age)?|smashed|cracked|chipped|faulty|defective|dented|shattered|scratched|ripped|torn|leaking|(?:not|isn'?t|doesn'?t|don'?t|stopped) work(?:ing|s)?)\b/gi,
    words: ["damaged", "broken", "faulty", "defective"],
  },
  { said: /\b(?:wrong|incorrect|not what i ordered|mistake)\b/gi, words: ["wrong", "incorrect"] },
  { said: /\b(?:track(?:ing)?|trace)\b/gi, words: ["tracking", "track"] },
  // "can I get it tomorrow?": next-day delivery, in the policy's words.
  {
    said: /\b(?:tomorrow|next[- ]day|overnight|(?:the )?day after|asap|as soon as possible|quickest|fastest|urgent(?:ly)?)\b/gi,
    words: ["next", "express"],
  },
  { said: /\bcancel(?:l?ed|l?ing|lation|s)?\b/gi, words: ["cancel"] },
  { said: /\b(?:pay|pays|paid|paying)\b/gi, words: ["pay", "paid", "pays"] },
  // What was ordered, however the shopper calls it: "my parcel" is "an item" of the policy;
  // "if I spend over £30" is about an order's value.
  {
    said: /\b(?:parcels?|packages?|orders?|items?|purchases?|spend(?:s|ing)?|spent|basket)\b/gi,
    words: ["order", "item", "parcel", "package"],
  },
  {
    said: /\b(?:opening (?:hours|times)|open(?:ing)?|hours|closed)\b/gi,
    words: ["hours", "open", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekday"],
  },
  {
    said: /\b(?:contact|get in touch|e-?mail|phone|telephone|call|ring)\b/gi,
    words: ["contact", "email", "call", "phone", "telephone"],
  },
  {
    said: /\b(?:personali[sz](?:ed?|ation)|customi[sz]ed|custom made|engraved|monogram(?:med)?)\b/gi,
    words: ["personalised", "personalized", "customised", "engraved"],
  },
  {
    said: /\b(?:international(?:ly)?|overseas|abroad|worldwide)\b/gi,
    words: ["international", "overseas", "worldwide", "abroad"],
  },
];
