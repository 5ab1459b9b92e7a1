import type { ConversationState } from "./contract";

/**
 * Follow-ups on the order just discussed: once an order has been verified and answered
 * (state.orderId), "what's in it?", "when will it get here?", "can I still change it?",
 * "send the tracking link again" are about that order, not new questions for the
 * classifier (which reads "what's in it?" as a complaint). Pure: the text and the state.
 *
 * A message is a follow-up when it asks about an aspect (items, arrival, change, cancel,
 * tracking, status) and points at the order: with "it", "my order", "the parcel"…, or
 * with no subject at all in a short question ("tracking number?", "what did I order").
 * A bare pronoun only counts while the order is the topic (the last answer was about it),
 * so "can I change it?" after a product search is not taken for the order.
 */

export type OrderAspect = "items" | "arrival" | "change" | "cancel" | "tracking" | "status";

export const ORDER_INTENTS = new Set(["order_status", "cancel_order", "change_address"]);

// Nouns shoppers use for an order; "it/they/them" are handled apart (they need the order to be the topic).
const NOUN =
  "(?:(?:my|the|this|that|our)\\s+(?:(?:last|latest|recent|whole|entire|online)\\s+)?(?:order|parcel|package|packet|delivery|shipment|purchase|stuff|items)|order\\s*(?:no\\.?|number)?\\s*#?\\d+)";
const PRONOUN = "(?:it|they|them|this|that|it'll|they'll|it's|its)";
const SUBJECT = `(?:${NOUN}|${PRONOUN})`;

const re = (source: string) => new RegExp(source, "i");

const ASPECTS: [OrderAspect, RegExp[]][] = [
  ["cancel", [re(`\\bcancel(?:l?ing|l?ed|lation)?\\b`)]],
  [
    "change",
    [
      re(
        `\\b(?:change|modify|amend|edit|alter|adjust|swap)\\b[^?.!]*?\\b(?:${SUBJECT}|address|quantity|item|items|size|colou?r)\\b`,
      ),
      re(`\\bupdate\\b[^?.!]*\\baddress\\b`),
      re(`\\b(?:add|remove|take)\\b[^?.!]*\\b(?:to|from|off|out of)\\s+${SUBJECT}`),
      re(`\\b(?:change|modify|amend|edit)\\b\\s*(?:anything|something)?\\s*[?.!]*$`),
    ],
  ],
  [
    "tracking",
    [
      re(`\\btrack(?:ing|ed)?\\b`),
      re(`\\b(?:send|give|resend|share)\\b[^?.!]*\\b(?:link|number|code)\\b`),
      re(`\\b(?:link|number|code)\\s+again\\b`),
    ],
  ],
  [
    "arrival",
    [
      re(
        `\\bwhen\\b[^?.!]*\\b(?:${SUBJECT}|i|we)\\b[^?.!]*\\b(?:arriv\\w*|get here|get to (?:me|us)|be here|be delivered|delivered|reach (?:me|us)|turn up|show up|come|coming|due|land|get (?:it|them|${NOUN}))\\b`,
      ),
      re(`\\bwhen\\b[^?.!]*\\b(?:i|we)\\b[^?.!]*\\b(?:get|receive|expect)\\b`),
      re(`\\bhow long\\b[^?.!]*\\b(?:until|till|til|before|will|does|for)\\b[^?.!]*\\b${SUBJECT}\\b`),
      re(`\\bhow long\\b[^?.!]*\\b(?:to arrive|to get here|to be delivered|to come)\\b`),
      re(`\\bhow long\\b[^?.!]*\\b(?:delivery|shipping|postage)\\s+(?:take|takes)\\b`),
      re(
        `\\b(?:eta|delivery date|arrival date|expected delivery|estimated delivery|delivery estimate|delivery window|arrival time)\\b`,
      ),
      re(`\\b(?:is|will)\\s+${SUBJECT}\\s+(?:be\\s+)?(?:arriv\\w*|here|late|delayed)\\b`),
    ],
  ],
  [
    "items",
    [
      re(`\\bwhat(?:'s|s| is| was| were| are)\\s+(?:in|inside)\\s+(?:${SUBJECT}|there)\\b`),
      re(`\\bwhat(?:'s|s| is| was)\\s+inside\\b`),
      re(`\\bwhat\\s+(?:did|have|had)\\s+(?:i|we)\\s+(?:order|ordered|buy|bought|get|got|purchase|purchased)\\b`),
      re(
        `\\b(?:what|which)\\s+(?:items|products|things)\\s+(?:did (?:i|we)|have (?:i|we)|(?:i|we) (?:ordered|bought)|(?:are|were|was|is) in)\\b`,
      ),
      re(`\\b(?:contents|items|products)\\s+(?:of|in)\\s+${SUBJECT}`),
      re(
        `\\b(?:list|show|tell)\\s+(?:me\\s+)?(?:the\\s+|my\\s+)?(?:items|contents|what (?:i|we) (?:ordered|bought))\\b`,
      ),
      re(`\\bwhat(?:'s| is| was) included\\b`),
      re(`\\bhow many\\b[^?.!]*\\b(?:did (?:i|we) (?:order|buy|get)|in ${SUBJECT})`),
    ],
  ],
  [
    "status",
    [
      re(`\\bwhere(?:'s|s| is| are)\\s+${SUBJECT}`),
      re(
        `\\bha(?:s|ve)\\s+${SUBJECT}\\s+(?:been\\s+|already\\s+)?(?:shipped|sent|dispatched|despatched|posted|left|gone out)\\b`,
      ),
      re(`\\bis\\s+${SUBJECT}\\s+(?:on (?:its|the|their) way|shipped|sent|dispatched|out for delivery)\\b`),
      re(`\\b(?:status|update|updates|progress)\\b[^?.!]*\\b(?:on|of|for)\\s+${SUBJECT}`),
      re(`\\b(?:any\\s+)?(?:news|updates?)\\s*[?.!]*$`),
      re(`\\bdid\\s+${SUBJECT}\\s+(?:ship|go out|leave)\\b`),
      re(`\\bstatus\\b`),
    ],
  ],
];

/** Questions that are about a policy or the shop in general, even when they mention "it". */
/** Other topics that mention an order in passing: the refund policy, stock. */
const OTHER_TOPIC = /\b(polic(?:y|ies)|refunds?|money back|returns?|returning|back in stock|restock\w*|in stock)\b/i;
/** Questions about how the shop works in general; about this order only when they point at it. */
const GENERAL = /\b(how do (?:i|you)|do you (?:ship|deliver)|in general|usually|normally)\b/i;
const NOUN_RE = re(`\\b${NOUN}`);
const PRONOUN_RE = re(`\\b${PRONOUN}\\b`);

export function orderAspectOf(text: string): OrderAspect | null {
  for (const [aspect, patterns] of ASPECTS) if (patterns.some((p) => p.test(text))) return aspect;
  return null;
}

export interface OrderFollowup {
  aspect: OrderAspect;
  orderId: string;
}

/**
 * The follow-up this message asks about the order in the conversation, or null. An order
 * number other than the one discussed is a new lookup (it needs verifying), not a follow-up.
 */
export function orderFollowup(
  text: string,
  state: ConversationState,
  entities: { orderNumbers: string[]; countries?: string[] } = { orderNumbers: [] },
): OrderFollowup | null {
  const orderId = typeof state.orderId === "string" && state.orderId ? state.orderId : null;
  if (!orderId) return null;
  const current = typeof state.orderName === "string" ? state.orderName.replace(/\D/g, "") : null;
  if (entities.orderNumbers.some((n) => n.replace(/\D/g, "") !== current)) return null;
  const message = text.trim();
  // "how long does it take to get to Germany?" asks about shipping there, not about this order.
  if (!message || OTHER_TOPIC.test(message) || (entities.countries?.length ?? 0) > 0) return null;
  const aspect = orderAspectOf(message);
  if (!aspect) return null;
  const words = message.split(/\s+/).length;
  const onTopic = ORDER_INTENTS.has(String(state.lastIntent));
  const namesOrder = NOUN_RE.test(message) || entities.orderNumbers.length > 0;
  const pronoun = PRONOUN_RE.test(message);
  // "it" needs the order to be the topic; a message with neither "it" nor "my order" must be
  // short and specific ("tracking number?", "what did I order"), not "how do I cancel?".
  if (namesOrder || (pronoun && onTopic)) return { aspect, orderId };
  if (!pronoun && !GENERAL.test(message) && (words <= 8 || aspect === "tracking")) return { aspect, orderId };
  return null;
}
