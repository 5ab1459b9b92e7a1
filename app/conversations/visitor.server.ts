import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Visitor tokens: an anonymous, per-browser identity for the chat. Shopify's app proxy
 * drops cookies, so the widget keeps the token in localStorage and sends it in the body
 * or query; the server only trusts it after checking its signature.
 *
 * A token is `<visitorId>.<mac>`: 16 random bytes and an HMAC-SHA256 over the shop and
 * the id, keyed by a key derived (HKDF) from the app secret for this one purpose, so a
 * token minted for one shop is worthless in another and no other use of the secret can
 * produce one.
 */
export interface VisitorTokens {
  issue(shop: string): { visitorId: string; token: string };
  /** The visitor id a token proves, or null for anything forged, altered or malformed. */
  verify(shop: string, token: string | null | undefined): string | null;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function createVisitorTokens(appSecret: string): VisitorTokens {
  const key = Buffer.from(hkdfSync("sha256", appSecret, "", "storefront-assistant/visitor-token/v1", 32));
  const mac = (shop: string, visitorId: string) =>
    createHmac("sha256", key).update(`${shop}\n${visitorId}`).digest("base64url");
  return {
    issue(shop) {
      const visitorId = randomBytes(16).toString("base64url");
      return { visitorId, token: `${visitorId}.${mac(shop, visitorId)}` };
    },
    verify(shop, token) {
      if (typeof token !== "string" || token.length > 100) return null;
      const [visitorId, given, extra] = token.split(".");
      if (extra !== undefined || !visitorId || !given || !ID_PATTERN.test(visitorId)) return null;
      const expected = Buffer.from(mac(shop, visitorId));
      const actual = Buffer.from(given);
      return actual.length === expected.length && timingSafeEqual(actual, expected) ? visitorId : null;
    },
  };
}

/** A conversation id: 18 random bytes (144 bits), base64url. Unguessable, so never enumerable. */
export function newConversationId(): string {
  return randomBytes(18).toString("base64url");
}

export const CONVERSATION_ID_PATTERN = /^[A-Za-z0-9_-]{24}$/;
