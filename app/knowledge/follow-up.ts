import { askedAspects, withoutFrames } from "./aspects";
import { placesIn } from "./places";
import { topicWords } from "./retrieval";

/**
 * A short follow-up to a policy answer, read as the question it stands for. After "postage
 * to France?", "and Canada?" asks the same of Canada and "how long would that take?" asks the
 * time of the same thing: neither says what it is about, so the topic comes from the question
 * before. A message with a topic of its own ("and returns?") is a question of its own: null.
 */

// Words that only link a follow-up to what came before ("and what about", "then", "those").
const LINKING = new Set(["instead", "though", "those", "then", "either", "aswell", "as", "well", "please"]);

/** An amount of money: "£30", "30 quid", "30 pounds", "€25". */
const MONEY = /(?:[£$€]\s?\d+(?:[.,]\d+)?|\b\d+(?:[.,]\d+)?\s?(?:quid|pounds?|gbp|euros?|eur|dollars?|usd|bucks)\b)/i;
/** Words that say what the amount is of: the order's value. */
const VALUE_WORDS = new Set([
  "spend",
  "spent",
  "spending",
  "order",
  "orders",
  "buy",
  "basket",
  "total",
  "worth",
  "quid",
  "pounds",
  "pound",
  "euros",
  "dollars",
  "bucks",
]);

export function policyFollowUp(previous: string, message: string): string | null {
  const text = message.slice(0, 300);
  // "what if I spend 30 quid?" after "is delivery free?": the same question for an order's value.
  const value = MONEY.test(text);
  const own = topicWords(text).filter(
    (word) => !LINKING.has(word.toLowerCase()) && !(value && VALUE_WORDS.has(word.toLowerCase())),
  );
  if (own.length > 0) return null;
  const places = placesIn(text, { query: true });
  const aspects = askedAspects(text);
  if (places.length === 0 && aspects.length === 0 && !value) return null;
  // The earlier question's destination gives way to a new one; its fact to a new fact asked.
  let topic = previous.slice(0, 500);
  if (places.length)
    for (const place of placesIn(topic, { query: true }).reverse())
      topic = topic.slice(0, place.start) + " ".repeat(place.end - place.start) + topic.slice(place.end);
  if (aspects.length) topic = withoutFrames(topic, askedAspects(topic));
  // The earlier question's own question marks go, so that follow-ups on follow-ups read as one question.
  return `${topic.replace(/[?!]+/g, " ").replace(/\s+/g, " ").trim()} ${text.trim()}`;
}
