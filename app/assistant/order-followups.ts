import type { ConversationState } from "./contract";
import type { Decision } from "./dialogue";

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
        `\\b(?:change|modify|amend|edit|alter|adjust|swap)\\b[^?.!]*?\\b(?:${SUBJECT}|address|adress|addres|adres|quantity|item|items|size|colou?r)\\b`,
      ),
      re(`\\bupdate\\b[^?.!]*\\b(?:address|adress|addres)\\b`),
      re(`\\b(?:add|remove|take)\\b[^?.!]*\\b(?:to|from|off|out of)\\s+${SUBJECT}`),
      re(`\\b(?:add|remove)\\s+(?:something|anything|an?(?:other)?\\s+(?:item|thing|one)|more|items?)\\b`),
      re(`\\btoo late to\\s+(?:change|add|amend|edit|modify|swap|update)\\b`),
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
        `\\bwhen(?:'s|s|’s)?\\b[^?.!]*\\b(?:${SUBJECT}|i|we)\\b[^?.!]*\\b(?:arriv\\w*|get here|get to (?:me|us)|be here|be delivered|delivered|reach (?:me|us)|turn up|show up|come|coming|due|land|get (?:it|them|${NOUN}))\\b`,
      ),
      re(`\\bwhen\\b[^?.!]*\\b(?:i|we)\\b[^?.!]*\\b(?:get|receive|expect)\\b`),
      // "my order is arrive when?", "and my order, when arrive?": the words in another order.
      re(`\\b${SUBJECT}\\b[^?.!]*\\b(?:arriv\\w*|come|coming|deliver\\w*)\\s+when\\b`),
      re(`\\b${SUBJECT}\\b[^?.!]*\\bwhen\\s+(?:it\\s+|they\\s+|will\\s+)?(?:arriv\\w*|come|coming|deliver\\w*)\\b`),
      re(`\\bwhen(?:'s|s|’s)?\\s+${SUBJECT}\\s+(?:coming|arriving|due|getting here|turning up|landing)\\b`),
      re(`\\b(?:${SUBJECT})\\s+(?:ever\\s+)?(?:going to|gonna)\\s+(?:arrive|turn up|show up|get here|come)\\b`),
      re(`\\bhow long\\b[^?.!]*\\b(?:until|till|til|before|will|does|for)\\b[^?.!]*\\b${SUBJECT}\\b`),
      re(`\\bhow long\\b[^?.!]*\\b(?:to arrive|to get here|to be delivered|to come|to get to)\\b`),
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
      re(
        `\\bwhat\\s+(?:did|have|had)\\s+(?:i|we)\\s+(?:even\\s+|actually\\s+|just\\s+|exactly\\s+)?(?:order|ordered|buy|bought|get|got|purchase|purchased)\\b`,
      ),
      re(`\\b(?:remind|tell|show)\\s+(?:me|us)\\s+what\\s+(?:i|we)\\s+(?:ordered|bought|got|purchased)\\b`),
      re(
        `\\bwhat\\s+(?:i|we)\\s+(?:buy|bought|order|ordered|got|purchased?)\\s+(?:last time|last|before|previously|recently)\\b`,
      ),
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
      re(
        `\\b(?:is|are)\\s+${SUBJECT}\\s+(?:(?:still\\s+)?coming|on (?:its|the|their) way|(?:been\\s+)?(?:shipped|sent|dispatched|despatched|posted)|out for delivery)\\b`,
      ),
      re(`\\bha(?:s|ve)\\s+${SUBJECT}\\s+(?:gone|left)\\b`),
      re(
        `\\b(?:${SUBJECT})\\s+(?:on (?:its|the|their) way|(?:been\\s+)?(?:dispatched|despatched|shipped|sent out))\\s+(?:yet|already)\\b`,
      ),
      re(`\\b(?:status|update|updates|progress)\\b[^?.!]*\\b(?:on|of|for)\\s+${SUBJECT}`),
      re(`\\b(?:any\\s+)?(?:news|updates?)\\s*[?.!]*$`),
      re(`\\bdid\\s+${SUBJECT}\\s+(?:ship|go out|leave)\\b`),
      re(`\\bstatus\\b`),
    ],
  ],
];

/** Questions that are about a policy or the shop in general, even when they mention "it". */
/** Other topics that mention an order in passing: the refund policy, stock. */
const OTHER_TOPIC =
  /\b(polic(?:y|ies)|refunds?|money back|returns?|returning|back in stock|restock\w*|in stock|cart|basket|wish ?list)\b/i;
/** Questions about how the shop works in general; about this order only when they point at it. */
const GENERAL = /\b(how do (?:i|you)|do you (?:ship|deliver)|in general|usually|normally)\b/i;
const NOUN_RE = re(`\\b${NOUN}`);
/** Words without which a message does not ask to cancel or change an order. */
const CHANGE_WORDS =
  /\b(?:cancel\w*|change\w*|amend\w*|modify|modif\w+|edit\w*|alter\w*|update\w*|address|wrong|mistake|swap\w*|add|remove|stop|don'?t want|no longer want|instead)\b/i;
/** The shopper's own order, said outright: enough to be about it even with a country named. */
const OWN_ORDER_RE = re(
  `\\b(?:(?:my|our)\\s+(?:(?:last|latest|recent|online)\\s+)?(?:order|parcel|package|packet|delivery|shipment|purchase|stuff|items)|order\\s*(?:no\\.?|number)?\\s*#?\\d+)\\b`,
);
/** "will it…", "is it…": "it" as the thing travelling, unlike "how long does it take to…" (shipping in general). */
const ORDER_AS_SUBJECT = /\b(?:will|would|is|has|did|can|could)\s+(?:it|they)\b/i;
/** Openings that name an order without a verified one: "where's the parcel", "where's my stuff". */
const OPENING_NOUN_RE = re(
  `\\b(?:(?:my|our)\\s+(?:(?:last|latest|recent|online)\\s+)?(?:order|parcel|package|packet|delivery|shipment|purchase|stuff|items)|the\\s+(?:order|parcel|package|packet|shipment)|what\\s+(?:did\\s+)?(?:i|we)\\s+(?:ordered|order|bought|buy|got)(?:\\s+last\\s+time)?)\\b`,
);
/** "it" stops pointing at the order once products are being discussed. */
const PRODUCT_TOPICS = new Set(["product_search", "product_question", "recommendation"]);
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
  if (!message || OTHER_TOPIC.test(message)) return null;
  const aspect = orderAspectOf(message);
  if (!aspect) return null;
  const words = message.split(/\s+/).length;
  // A policy answer or small talk since the order leaves it the topic; a product discussed does not.
  const onTopic = ORDER_INTENTS.has(String(state.lastIntent)) || !PRODUCT_TOPICS.has(String(state.lastIntent));
  // "how long does it take to get to Germany?" asks about shipping there; "how long will my order
  // take to get to Australia?" is about this order (answered for the order's own destination).
  if ((entities.countries?.length ?? 0) > 0)
    return OWN_ORDER_RE.test(message) || (onTopic && ORDER_AS_SUBJECT.test(message)) ? { aspect, orderId } : null;
  const namesOrder = NOUN_RE.test(message) || entities.orderNumbers.length > 0;
  const pronoun = PRONOUN_RE.test(message);
  // "it" needs the order to be the topic; a message with neither "it" nor "my order" must be
  // short and specific ("tracking number?", "what did I order"), not "how do I cancel?".
  if (namesOrder || (pronoun && onTopic)) return { aspect, orderId };
  if (!pronoun && !GENERAL.test(message) && (words <= 8 || aspect === "tracking")) return { aspect, orderId };
  return null;
}

type OrderDecision = Extract<Decision, { kind: "order_status" | "order_change" }>;

/** The lookup an aspect asks for: a cancel or a change is a request for a person, the rest a status lookup. */
export function orderRequest(
  aspect: OrderAspect | null,
  orderNumber: string | null,
  email: string | null,
): OrderDecision {
  if (aspect === "cancel") return { kind: "order_change", action: "cancel_order", orderNumber, email };
  if (aspect === "change") return { kind: "order_change", action: "change_address", orderNumber, email };
  return { kind: "order_status", orderNumber, email };
}

/**
 * An order question with no verified order to follow up: an order number ("where's
 * #573167", "order no 571730 - what was in that one?", "status for 570886 pls") or the
 * shopper's order named with an aspect asked ("where's the parcel", "where's my stuff").
 * The classifier reads these as a greeting, a complaint or nothing; the order words and
 * numbers say what they are. Policy and stock questions that mention an order stay theirs.
 */
export function orderOpening(
  text: string,
  entities: { orderNumbers: string[]; emails: string[]; countries?: string[] },
  intent: string | null,
): OrderDecision | null {
  const message = text.trim();
  if (!message || OTHER_TOPIC.test(message)) return null;
  const aspect = orderAspectOf(message);
  const orderNumber = entities.orderNumbers[0] ?? null;
  const email = entities.emails[0] ?? null;
  if (orderNumber) {
    if (aspect) return orderRequest(aspect, orderNumber, email);
    // The classifier's cancel or change needs words that ask for one: "Order #576069" pasted
    // alone, or with an email, asks for nothing but the order.
    if ((intent === "cancel_order" || intent === "change_address") && CHANGE_WORDS.test(message))
      return { kind: "order_change", action: intent, orderNumber, email };
    return { kind: "order_status", orderNumber, email };
  }
  if (!aspect || GENERAL.test(message) || (entities.countries?.length ?? 0) > 0) return null;
  return OPENING_NOUN_RE.test(message) ? orderRequest(aspect, null, email) : null;
}

/**
 * Which of a logged-in shopper's orders, other than the latest, a message means: by rank
 * ("my second most recent order", "the order before last") or relative to the one just
 * discussed ("and the one before that?", "what about my other order"). Only the customer's own
 * orders are ever picked (orders.server.ts), so a guest still needs a number and email.
 */
export type OrderPick = { skip: number } | { before: string } | { otherThan: string };

const RANKS: Record<string, number> = { second: 1, "2nd": 1, third: 2, "3rd": 2, fourth: 3, "4th": 3 };
const ORDER_WORD = "(?:order|parcel|package|purchase|delivery|shipment)";
const RANKED = re(`\\b(second|2nd|third|3rd|fourth|4th)\\s+(?:most\\s+recent|latest|last|newest)\\s+${ORDER_WORD}`);
const BEFORE_LAST = re(
  `\\b(?:${ORDER_WORD}|one)\\s+before\\s+(?:(?:my|the)\\s+)?(?:last|latest|most recent)\\b|\\b(?:last|latest)\\s+but\\s+one\\b`,
);
const BEFORE_THAT = re(
  `\\b(?:${ORDER_WORD}|one)\\s+before\\s+(?:that|this|it)\\b|\\bbefore\\s+that\\s+one\\b|\\b(?:the|my|an?)\\s+(?:previous|older|earlier)\\s+(?:one|${ORDER_WORD})\\b`,
);
const OTHER = re(`\\b(?:my|the)\\s+other\\s+(?:${ORDER_WORD}|one)\\b|\\b(?:my|the)\\s+other\\s+${ORDER_WORD}s?\\b`);

export function orderPickOf(text: string, state: ConversationState): OrderPick | null {
  const ranked = RANKED.exec(text);
  if (ranked) return { skip: RANKS[ranked[1].toLowerCase()] };
  if (BEFORE_LAST.test(text)) return { skip: 1 };
  const orderId = typeof state.orderId === "string" && state.orderId ? state.orderId : null;
  // "the one before that", "the other one" point at the order discussed only while it is the topic.
  if (!orderId || !ORDER_INTENTS.has(String(state.lastIntent))) return null;
  if (BEFORE_THAT.test(text)) return { before: orderId };
  if (OTHER.test(text)) return { otherThan: orderId };
  return null;
}
