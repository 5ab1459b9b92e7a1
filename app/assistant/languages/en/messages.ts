/*
 * The embedded engine's replies in English, as ICU MessageFormat (intl-messageformat; see
 * docs/decisions/0091-languages.md). The keys are the catalogue every language must have
 * (languages.test.ts); `{name}` is filled in by the answer, `{count, plural, …}` follows the
 * language's plural rules. A `'` before `{` would start ICU quoting, so none is written so.
 */
export const MESSAGES = {
  greeting: "Hi! I'm the {shop} assistant. I can help with orders, shipping, returns and finding products.",
  thanks: "You're welcome! Anything else I can help with?",
  goodbye: "Thanks for visiting. Goodbye!",
  identity:
    "I'm {shop}'s virtual assistant, an automated helper, not a person. I can help with orders, shipping, returns and finding products, and I can ask a person from the shop to join whenever you like.",
  handoffComplaint: "I'm sorry about that. I've asked a person from the shop to look into it; they will reply here.",
  handoffMisunderstood:
    "Sorry, I'm not understanding. I've asked a person from the shop to help; they will reply here.",
  handoffRequested: "Of course. I've asked a person from the shop to join; they will reply here.",
  outOfScope:
    "I can't help with that. I can answer questions about orders, shipping, returns and products, or connect you with a person.",
  privacy:
    "You can stop us using your browsing for recommendations with \"Don't use my data\" in this chat's menu. To get a copy of your data or have it deleted, ask the shop; a person can help.",
  policiesSilent: "The shop's policies and FAQ don't say anything about {topics}. Would you like me to ask a person?",
  contactAt: "You can reach {shop} at {email}.",
  notInPolicy: "I couldn't find that in the shop's {policy}. Would you like me to ask a person?",
  notInPolicies: "I couldn't find that in the shop's policies or FAQ. Would you like me to ask a person?",
  aboutProduct: "About {product}: ",
  untranslated: "(The shop's own text; it has no translation into English.)",
  searchFound: "Here is what I found{filters}:",
  searchMore: "Here are some more options{filters}:",
  priceFrom: "{count, plural, one {It costs} other {Prices start at}} {price}{filters}:",
  cheapest: "The cheapest{filters} is {product}, at {price}:",
  notSold: "Sorry, {shop} doesn't sell {what}.",
  notSoldClosest: "Sorry, {shop} doesn't sell {what}. The closest we have is in {kinds}.",
  notSoldWeSell: "Sorry, {shop} doesn't sell {what}. We sell {kinds}.",
  nothingInStock:
    "I couldn't find anything {filters} in stock right now. Try other words, or ask me for recommendations.",
  nothingElseInStock: "I couldn't find anything else {filters} in stock right now.",
  recommendLead: "You might like these{audience}:",
  noRecommendation:
    "I don't have a recommendation that fits right now. Tell me what you are looking for and I'll search the shop.",
  suggestShow: "Show me {kind}",
  suggestMore: "Show me more",
  suggestSimilar: "Show me similar",
  bestsellersLead: "Here are our bestsellers that are in stock:",
  suggestCheaper: "Cheaper",
  askOrderNumber: "I can look that up. What is your order number? It starts with # and is in your confirmation email.",
  askOrderEmail: "To keep your order private, what email address did you use for order #{number}?",
  noOrdersYet: "I don't see any orders on your account yet. If you ordered as a guest, tell me the order number.",
  orderNotFound: "I couldn't find an order with that number and email. Please check both and try again.",
  orderStopTrying:
    "I still can't find an order with those details, so I'll stop trying here. A person from the shop can help you find it.",
  soldOut: "{product} is sold out at the moment.",
  inStock: "{product} is in stock.",
  inStockFew: "{product} is in stock, with only {count} left.",
  costs:
    "{product} costs {from, select, yes {from } other {}}{price}{was, select, none {} other {, reduced from {was}}}, and is {available, select, yes {in stock} other {sold out at the moment}}.",
  suggestPerson: "Talk to a person",
  suggestOrder: "Where is my order?",
  suggestReturns: "What is your returns policy?",
  suggestBestsellers: "Show me bestsellers",
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** Question words and verbs of asking, which say nothing of a question's topic (English's are built in). */
export const QUESTION_WORDS: readonly string[] = [];
