import { describe, expect, it } from "vitest";
import { createLogger, redact } from "./log.server";
import { TEST_API_SECRET, TEST_ENCRYPTION_KEYS, TEST_LOOKUP_HASH_KEY } from "../tests/support/constants";

function captured() {
  const lines: string[] = [];
  const write = (line: string) => lines.push(line);
  return { lines, logger: createLogger({ info: write, warn: write, error: write }) };
}

describe("the redacting logger", () => {
  it("GIVEN lines with emails, phone numbers and tokens THEN none of them is written", () => {
    const { lines, logger } = captured();
    logger.warn("order lookup for Pat.Doe+shop@Example.co.uk failed");
    logger.info("handoff to +44 7700 900461 and (555) 123-4567, or 07700.900.461");
    logger.error(new Error("request failed: Authorization: Bearer eyJhbGciOi.abc.def"));
    logger.info({ headers: { "X-Shopify-Access-Token": "shpat_0123456789abcdef" }, apiKey: "sk-live-abcdefghijkl" });
    logger.info('{"accessToken":"opaque-token-value","refresh_token":"r-123456"}');
    logger.info("connect postgres://app:hunter22@db.internal:5432/app");

    const out = lines.join("\n");
    for (const leaked of [
      "Pat.Doe",
      "Example.co.uk",
      "7700 900461",
      "123-4567",
      "900.461",
      "eyJhbGciOi",
      "shpat_0123",
      "sk-live",
      "opaque-token-value",
      "r-123456",
      "hunter22",
    ]) {
      expect(out, leaked).not.toContain(leaked);
    }
    expect(out).toContain("[email]");
    expect(out).toContain("[phone]");
    expect(out).toContain("[secret]");
  });

  it("GIVEN the app's configured secrets THEN they are replaced wherever they appear", () => {
    const key = TEST_ENCRYPTION_KEYS.split(":")[1];
    const text = redact(`secret ${TEST_API_SECRET} key ${key} hash ${TEST_LOOKUP_HASH_KEY}`);
    expect(text).not.toContain(TEST_API_SECRET);
    expect(text).not.toContain(key);
    expect(text).not.toContain(TEST_LOOKUP_HASH_KEY);
  });

  it("GIVEN ordinary operational lines THEN they are kept as written", () => {
    const lines = [
      "POST /apps/assistant/messages 200 12.4ms",
      "sync of shop-1.myshopify.com failed at 2026-11-23 23:30:06: THROTTLED after 3 attempts",
      "order gid://shopify/Order/5123456789012 has 3 line items totalling 129.99 EUR",
      "job sync.full failed (attempt 2 of 5); retrying",
    ];
    for (const line of lines) expect(redact(line)).toBe(line);
  });
});
