import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS, isWithinBusinessHours, nextOpening } from "./settings.server";

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

describe("nextOpening", () => {
  it.each([
    [
      "Friday evening in London -> Monday 09:00 BST",
      "Europe/London",
      "2026-06-19T18:00:00Z",
      "2026-06-22T08:00:00.000Z",
    ],
    [
      "Wednesday 07:00 in New York -> 09:00 EDT the same day",
      "America/New_York",
      "2026-06-17T11:00:00Z",
      "2026-06-17T13:00:00.000Z",
    ],
    [
      "Friday night in London after the clocks go back -> Monday 09:00 GMT",
      "Europe/London",
      "2026-10-30T20:00:00Z",
      "2026-11-02T09:00:00.000Z",
    ],
  ])("GIVEN %s", (_label, zone, now, expected) => {
    expect(nextOpening(DEFAULT_BUSINESS_HOURS, zone, new Date(now))?.toISOString()).toBe(expected);
  });

  it("GIVEN open hours THEN now; GIVEN no hours THEN null", () => {
    const now = new Date("2026-06-17T10:00:00Z");
    expect(nextOpening(DEFAULT_BUSINESS_HOURS, "Europe/London", now)).toEqual(now);
    expect(nextOpening({}, "UTC", now)).toBeNull();
  });
});
