import { describe, expect, it } from "vitest";
import { isTimeZone, wallClock, zonedInstant } from "./time-zone";

describe("the shop's wall clock", () => {
  it("GIVEN an instant THEN it reads the local date, time, weekday and offset, summer time included", () => {
    // 2026-07-01 12:30:15 UTC is 13:30:15 in London (BST, +1 h), a Wednesday.
    expect(wallClock(new Date("2026-07-01T12:30:15.600Z"), "Europe/London")).toEqual({
      year: 2026,
      month: 7,
      day: 1,
      hour: 13,
      minute: 30,
      second: 15,
      weekday: "wed",
      offsetMs: 3_600_000,
    });
    // 23:30 UTC on Tuesday 30 June is already 09:30 on Wednesday in Sydney (+10 h).
    expect(wallClock(Date.parse("2026-06-30T23:30:00Z"), "Australia/Sydney")).toMatchObject({
      day: 1,
      hour: 9,
      weekday: "wed",
      offsetMs: 36_000_000,
    });
    expect(wallClock(Date.parse("2026-01-01T00:00:00Z"), "UTC").hour).toBe(0);
  });

  it("GIVEN a local time on a day the clocks change THEN the instant uses that day's offset", () => {
    // New York springs forward on 2026-03-08 at 02:00: midnight is still EST (−5 h), 09:00 is EDT (−4 h).
    expect(zonedInstant("America/New_York", 2026, 3, 8).toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(zonedInstant("America/New_York", 2026, 3, 8, 9, 0).toISOString()).toBe("2026-03-08T13:00:00.000Z");
    expect(zonedInstant("Europe/London", 2026, 10, 25, 12, 30).toISOString()).toBe("2026-10-25T12:30:00.000Z");
  });

  it("GIVEN a zone name THEN it is known or not, and an unknown one throws when read", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
    expect(() => wallClock(0, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
