import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS, isWithinBusinessHours } from "./settings.server";

describe("business hours", () => {
  const london = "Europe/London";

  it.each([
    ["Wednesday 09:00 local", "2026-06-17T08:00:00Z", true],
    ["Wednesday 17:29 local", "2026-06-17T16:29:00Z", true],
    ["Wednesday 17:30 local", "2026-06-17T16:30:00Z", false],
    ["Wednesday 08:59 local", "2026-06-17T07:59:00Z", false],
    ["Saturday noon", "2026-06-20T11:00:00Z", false],
    ["Friday 10:00 in winter (GMT)", "2026-01-16T10:00:00Z", true],
  ])("GIVEN the default hours in London at %s THEN online is %s", (_name, instant, expected) => {
    expect(isWithinBusinessHours(DEFAULT_BUSINESS_HOURS, london, new Date(instant))).toBe(expected);
  });

  it("GIVEN the same instant THEN the shop's timezone decides", () => {
    const instant = new Date("2026-06-17T15:00:00Z"); // 16:00 in London, 11:00 in New York, 00:00 in Tokyo
    expect(isWithinBusinessHours(DEFAULT_BUSINESS_HOURS, london, instant)).toBe(true);
    expect(isWithinBusinessHours(DEFAULT_BUSINESS_HOURS, "America/New_York", instant)).toBe(true);
    expect(isWithinBusinessHours(DEFAULT_BUSINESS_HOURS, "Asia/Tokyo", instant)).toBe(false);
  });

  it("GIVEN custom hours with a weekend slot THEN they apply", () => {
    const hours = { sat: [["10:00", "14:00"]] as [string, string][] };
    expect(isWithinBusinessHours(hours, "UTC", new Date("2026-06-20T12:00:00Z"))).toBe(true);
    expect(isWithinBusinessHours(hours, "UTC", new Date("2026-06-17T12:00:00Z"))).toBe(false);
  });
});
