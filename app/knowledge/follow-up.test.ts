import { describe, expect, it } from "vitest";
import { demoPolicies } from "../../tests/factories/demo-store";
import { policyFollowUp } from "./follow-up";
import { policyPassages } from "./passages";
import { buildKnowledgeIndex } from "./retrieval";

const index = buildKnowledgeIndex(demoPolicies("demo.myshopify.com").flatMap(policyPassages));
const answerOf = (previous: string, message: string) => {
  const query = policyFollowUp(previous, message);
  expect(query, message).not.toBeNull();
  return index.answer(query!, { preferKinds: ["SHIPPING_POLICY"] })!;
};

describe("policy follow-ups", () => {
  it("GIVEN a place named alone after a shipping question THEN the same question for that place", () => {
    for (const message of ["and canada?", "canada?", "what about Canada", "and to canada?"]) {
      const hit = answerOf("postage to france?", message);
      expect(hit.destinations, message).toEqual(["CA"]);
      expect(hit.quote, message).toBe("United States and Canada: 6-10 business days, £14.95.");
    }
    expect(answerOf("how much is shipping to france?", "and ireland").quote).toContain("£9.95");
  });

  it("GIVEN a fact asked without a topic after a shipping question THEN that fact for the same destination", () => {
    const hit = answerOf("postage to france?", "how long would that take");
    expect(hit.quote).toContain("4-8 business days");
    expect(hit.destinations).toEqual(["FR"]);
    // Follow-ups on follow-ups keep the place most recently named.
    const chained = policyFollowUp("postage to france?", "and canada?")!;
    expect(answerOf(chained, "how long would that take?").quote).toContain("6-10 business days");
  });

  it("GIVEN a message with a topic of its own, or neither a place nor a fact THEN not a follow-up", () => {
    for (const message of ["and returns?", "what about gift wrapping", "thanks", "ok", "and the frog candle?"]) {
      expect(policyFollowUp("postage to france?", message), message).toBeNull();
    }
  });
});
