import { db } from "~/db.server";
import type { AssistantReply, AssistantTurn, ConversationState } from "~/assistant/contract";
import { respond } from "~/assistant/respond.server";

/**
 * A conversation with the assistant itself (no HTTP in between): each `say` runs one turn
 * with the state the last one left, as the storefront route does.
 */
export function assistantConversation(
  shop: () => string,
  options: { customerId?: string | null; now?: Date; personalization?: boolean; visitorId?: string } = {},
) {
  let state: ConversationState = {};
  return {
    async say(text: string, extra: Partial<AssistantTurn> = {}): Promise<AssistantReply> {
      const result = await respond(db, {
        shop: shop(),
        conversationId: "test-conversation",
        customerId: options.customerId ?? null,
        visitorId: options.visitorId ?? "visitor-1",
        text,
        locale: "en",
        personalization: options.personalization ?? true,
        state,
        now: options.now,
        ...extra,
      });
      state = result.state;
      return result.reply;
    },
    get state() {
      return state;
    },
  };
}
