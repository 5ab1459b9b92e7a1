import type { ConversationState } from "./contract";
import type { Decision } from "./dialogue";

/**
 * The answer to a verification question the assistant asked ("what is your order
 * number?", "what email did you use for #1005?"). The question stays pending across
 * wrong attempts (see answerOrder), so a shopper who mistypes their email and then gives
 * the right one is answered, with the question they first asked (status, or a cancel or
 * change), until MAX_VERIFICATION_FAILURES. Pure: entities and the pending question.
 *
 * The pending question has two slots: the order number (in the clear: the shopper's own
 * reference, shown back to them) and the email, kept only as its keyed lookup hash (see
 * keptEmailHash), so that "sorry, wrong number, it's 572049" is tried with the email given
 * before. A value given now replaces its own slot and leaves the other.
 */

type Pending = ConversationState["pending"];

/** Words around an email given as a correction: "no wait it's …", "oops i meant …", "… thanks". */
const AROUND_EMAIL =
  /\b(?:no+|nope|wait|hang on|hold on|oops|oh|ah|sorry|soz|my bad|actually|i meant|i mean|meant|it'?s|its|it is|it was|that'?s|try|use|used|the|my|email|e-mail|address|is|was|should be|correct|right|one|thanks|thank you|thx|ty|cheers|please|pls)\b/gi;

/** The message is an email and nothing else but apologies and thanks. */
export function emailOnly(text: string, emails: string[]): boolean {
  if (emails.length !== 1) return false;
  const rest = text
    .toLowerCase()
    .replace(emails[0].toLowerCase(), " ")
    .replace(AROUND_EMAIL, " ")
    .replace(/[^\p{L}\p{N}]+/gu, "");
  return rest.length === 0;
}

export function verificationAnswer(
  entities: { orderNumbers: string[]; emails: string[] },
  pending: Pending,
  context: { text?: string; lastIntent?: string | null } = {},
): Extract<Decision, { kind: "order_status" | "order_change" }> | null {
  if (pending?.kind !== "order_email" && pending?.kind !== "order_number") {
    // An email alone right after an order answer or refusal ("oops i meant jo@example.com")
    // answers that order question: it is not thanks, nor a message for a person.
    const action = context.lastIntent;
    if (!pending && context.text && ORDER_ACTIONS.has(String(action)) && emailOnly(context.text, entities.emails)) {
      const email = entities.emails[0];
      return action === "cancel_order" || action === "change_address"
        ? { kind: "order_change", action, orderNumber: null, email }
        : { kind: "order_status", orderNumber: null, email };
    }
    return null;
  }
  const data = pending.data ?? {};
  const email = entities.emails[0] ?? null;
  const number = entities.orderNumbers[0] ?? null;
  let orderNumber: string | null;
  if (pending.kind === "order_email") {
    if (!email && !number) return null;
    // A number given now replaces the one asked about ("sorry, it's #1005, jo@example.com").
    orderNumber = number ?? (typeof data.orderNumber === "string" ? data.orderNumber : null);
  } else {
    // An email where the number was asked for: the number is asked for again, the email kept
    // (as its hash, by answerOrderLookup) for when the number comes.
    if (!number && !email) return null;
    orderNumber = number;
  }
  const action = data.action;
  if (action === "cancel_order" || action === "change_address")
    return { kind: "order_change", action, orderNumber, email };
  return { kind: "order_status", orderNumber, email };
}

const ORDER_ACTIONS = new Set(["order_status", "cancel_order", "change_address"]);

/**
 * The email given earlier in this verification, as its keyed lookup hash (the hash the
 * order rows carry), or null. The conversation state is stored as plain JSON, so the email
 * itself is never put there; the hash only matches an order with the server's key, and it
 * goes with the pending question (found, refused, or another topic).
 */
export function keptEmailHash(pending: Pending): string | null {
  if (pending?.kind !== "order_email" && pending?.kind !== "order_number") return null;
  const hash = pending.data?.emailHash;
  return typeof hash === "string" && hash ? hash : null;
}

/**
 * What stays pending after an order number and email matched nothing: the same question
 * for the same order number, so the next email (or a corrected number) is tried for it.
 */
export function retryPending(orderNumber: string | null, action: string): NonNullable<Pending> {
  const digits = orderNumber ? orderNumber.replace(/\D/g, "") : "";
  return digits
    ? { kind: "order_email", data: { orderNumber: digits, action } }
    : { kind: "order_number", data: { action } };
}
