import type { Db } from "../db.server";
import type { AssistantResult, AssistantTurn } from "./contract";

/**
 * One chat turn. Until the understanding and answering pipeline lands (issue 4), the
 * assistant answers nothing it could get wrong: it says it cannot help with that here
 * and offers a person, which is also what it does later for anything out of scope.
 */
export async function respond(_db: Db, turn: AssistantTurn): Promise<AssistantResult> {
  const misunderstandings = (turn.state.misunderstandings ?? 0) + 1;
  return {
    reply: {
      text: "I can't help with that here yet. Would you like me to connect you with a person from the shop?",
      intent: null,
      confidence: 0,
      resolved: false,
      suggestions: ["Talk to a person"],
      handoff: { reason: "offered" },
    },
    state: { ...turn.state, misunderstandings },
  };
}
