import { describe, expect, it } from "vitest";
import { CONVERSATION_ID_PATTERN, createVisitorTokens, newConversationId } from "./visitor.server";

describe("visitor tokens", () => {
  const tokens = createVisitorTokens("app-secret");

  it("GIVEN an issued token THEN it proves its visitor id in its shop", () => {
    const { visitorId, token } = tokens.issue("a.myshopify.com");
    expect(tokens.verify("a.myshopify.com", token)).toBe(visitorId);
  });

  it("GIVEN a token of another shop, another app secret, or an altered id THEN it proves nothing", () => {
    const { token } = tokens.issue("a.myshopify.com");
    const [, mac] = token.split(".");
    const { visitorId: otherId } = tokens.issue("a.myshopify.com");

    expect(tokens.verify("b.myshopify.com", token)).toBeNull();
    expect(createVisitorTokens("another-secret").verify("a.myshopify.com", token)).toBeNull();
    expect(tokens.verify("a.myshopify.com", `${otherId}.${mac}`)).toBeNull();
  });

  it.each([null, undefined, "", "abc", "a.b.c", `${"A".repeat(22)}.`, "x".repeat(500)])(
    "GIVEN the malformed token %j THEN it proves nothing",
    (token) => {
      expect(tokens.verify("a.myshopify.com", token)).toBeNull();
    },
  );

  it("GIVEN many visitors THEN ids do not repeat", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => tokens.issue("a.myshopify.com").visitorId));
    expect(ids.size).toBe(1000);
  });
});

describe("conversation ids", () => {
  it("THEN they carry at least 128 random bits and look the same every time", () => {
    const ids = Array.from({ length: 1000 }, newConversationId);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(CONVERSATION_ID_PATTERN);
    // 24 base64url characters = 144 bits.
    expect(ids[0].length * 6).toBeGreaterThanOrEqual(128);
  });
});
