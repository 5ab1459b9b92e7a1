import { describe, expect, it } from "vitest";
import { EMAIL_MASK, PHONE_MASK, redactContactDetails } from "./redact";

describe("redactContactDetails", () => {
  it.each([
    ["my email is jane.doe+shop@example.co.uk thanks", `my email is ${EMAIL_MASK} thanks`],
    ["call me on +44 20 7946 0958", `call me on ${PHONE_MASK}`],
    ["(555) 123-4567 after 5", `${PHONE_MASK} after 5`],
    ["mobile 07700900123", `mobile ${PHONE_MASK}`],
    ["J@x.io or 555.123.4567", `${EMAIL_MASK} or ${PHONE_MASK}`],
  ])("GIVEN %j THEN contact details are masked", (input, expected) => {
    expect(redactContactDetails(input)).toBe(expected);
  });

  it.each([
    "where is order #1001?",
    "order #10012345 please",
    "it cost 1,299.00 on 2026-11-23",
    "I ordered 3 of them on 23.11.2026",
    "tracking 1234567",
    "size 42, colour blue",
  ])("GIVEN %j THEN nothing is masked", (input) => {
    expect(redactContactDetails(input)).toBe(input);
  });
});
