import type { ConversationState } from "./contract";
import type { Decision } from "./dialogue";

/**
 * The answer to a verification question the assistant asked ("what is your order
 * number?", "what email did you use for #1005?"). The question stays pending across
 * wrong attempts (see answerOrder), so a shopper who mistypes their email and then gives
 * the right one is answered, with the question they first asked (status, or a cancel or
 * change), until MAX_VERIFICATION_FAILURES. Pure: entities and the pending question.
 */

type Pending = ConversationState["pending"];

export function verificationAnswer(
  entities: { orderNumbers: string[]; emails: string[] },
  pending: Pending,
): Extract<Decision, { kind: "order_status" | "order_change" }> | null {
  if (pending?.kind !== "order_email" && pending?.kind !== "order_number") return null;
  const data = pending.data ?? {};
  const email = entities.emails[0] ?? null;
  const number = entities.orderNumbers[0] ?? null;
  let orderNumber: string | null;
  if (pending.kind === "order_email") {
    if (!email && !number) return null;
    // A number given now replaces the one asked about ("sorry, it's #1005, jo@example.com").
    orderNumber = number ?? (typeof data.orderNumber === "string" ? data.orderNumber : null);
  } else {
    // An email where the number was asked for: the number is asked for again (the email is
    // not kept: the state is not the place for personal data).
    if (!number && !email) return null;
    orderNumber = number;
  }
  const action = data.action;
  if (action === "cancel_order" || action === "change_address")
    return { kind: "order_change", action, orderNumber, email };
  return { kind: "order_status", orderNumber, email };
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
