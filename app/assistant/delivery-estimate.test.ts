import { describe, expect, it } from "vitest";
import { addDays, dateIn, deliveryWindow, formatWindow } from "./delivery-estimate";

const LONDON = "Europe/London";
const weekday = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString("en", { weekday: "short", timeZone: "UTC" });

describe("addDays", () => {
  it("GIVEN business days THEN weekends are skipped, and a weekend start counts from Monday", () => {
    expect(addDays("2025-12-05", 1, "business")).toBe("2025-12-08"); // Fri + 1 → Mon
    expect(addDays("2025-12-06", 1, "business")).toBe("2025-12-08"); // Sat + 1 → Mon
    expect(addDays("2025-12-07", 2, "business")).toBe("2025-12-09"); // Sun + 2 → Tue
    expect(addDays("2025-12-03", 4, "business")).toBe("2025-12-09"); // Wed + 4 → Tue
    expect(addDays("2025-12-01", 14, "business")).toBe("2025-12-19"); // two whole weeks
    expect(addDays("2025-12-03", 0, "business")).toBe("2025-12-03");
    for (let start = 1; start <= 7; start++) {
      const date = `2025-12-0${start}`;
      for (let days = 1; days <= 10; days++) expect(weekday(addDays(date, days, "business"))).not.toMatch(/Sat|Sun/);
    }
  });

  it("GIVEN calendar days THEN every day counts, across month, leap day and year ends", () => {
    expect(addDays("2025-02-27", 3, "calendar")).toBe("2025-03-02");
    expect(addDays("2024-02-27", 3, "calendar")).toBe("2024-03-01");
    expect(addDays("2025-12-30", 5, "calendar")).toBe("2026-01-04");
  });

  it("GIVEN the days around the clock changes THEN no day is lost or counted twice", () => {
    // British Summer Time starts on Sunday 30 March 2025 and ends on Sunday 26 October 2025.
    expect(addDays("2025-03-28", 2, "business")).toBe("2025-04-01");
    expect(addDays("2025-03-29", 1, "calendar")).toBe("2025-03-30");
    expect(addDays("2025-03-30", 1, "calendar")).toBe("2025-03-31");
    expect(addDays("2025-10-24", 1, "business")).toBe("2025-10-27");
    expect(addDays("2025-10-25", 2, "calendar")).toBe("2025-10-27");
  });
});

describe("dateIn", () => {
  it("GIVEN a moment near midnight THEN the shop's date, not UTC's", () => {
    expect(dateIn("2025-10-22T23:30:00Z", LONDON)).toBe("2025-10-23"); // 00:30 BST
    expect(dateIn("2025-12-22T23:30:00Z", LONDON)).toBe("2025-12-22"); // 23:30 GMT
    expect(dateIn("2025-03-30T00:30:00Z", LONDON)).toBe("2025-03-30"); // just before the clocks go forward
    expect(dateIn("2025-10-25T23:30:00Z", LONDON)).toBe("2025-10-26"); // 00:30 BST, the night they go back
    expect(dateIn("2025-10-25T23:30:00Z", "UTC")).toBe("2025-10-25");
    expect(dateIn("2025-10-25T23:30:00Z", "America/New_York")).toBe("2025-10-25");
  });
});

describe("deliveryWindow", () => {
  it("GIVEN a shipped order THEN counted from its ship date in the shop's time zone", () => {
    // Wednesday 23:30 UTC is Thursday in London: Thu + 2..4 business days → Mon..Wed.
    const window = deliveryWindow(
      { min: 2, max: 4, unit: "business" },
      { shippedAt: "2025-10-22T23:30:00Z", now: new Date("2025-10-23T10:00:00Z"), timeZone: LONDON },
    );
    expect(window).toEqual({
      earliest: "2025-10-27",
      latest: "2025-10-29",
      from: "2025-10-23",
      shipped: true,
      past: false,
    });
    const inUtc = deliveryWindow(
      { min: 2, max: 4, unit: "business" },
      { shippedAt: "2025-10-22T23:30:00Z", now: new Date("2025-10-23T10:00:00Z"), timeZone: "UTC" },
    );
    expect(inUtc.earliest).toBe("2025-10-24");
  });

  it("GIVEN an order not shipped yet THEN counted from today", () => {
    const window = deliveryWindow(
      { min: 4, max: 8, unit: "business" },
      { shippedAt: null, now: new Date("2025-12-05T10:00:00Z"), timeZone: LONDON },
    );
    expect(window).toEqual({
      earliest: "2025-12-11",
      latest: "2025-12-17",
      from: "2025-12-05",
      shipped: false,
      past: false,
    });
  });

  it("GIVEN a window that ended before today THEN it is past; ending today is not", () => {
    const time = { min: 2, max: 4, unit: "business" as const };
    const shippedAt = "2025-12-01T09:00:00Z"; // Monday → Wed 3 .. Fri 5 December
    expect(deliveryWindow(time, { shippedAt, now: new Date("2025-12-05T20:00:00Z"), timeZone: LONDON }).past).toBe(
      false,
    );
    expect(deliveryWindow(time, { shippedAt, now: new Date("2025-12-06T08:00:00Z"), timeZone: LONDON }).past).toBe(
      true,
    );
  });
});

describe("formatWindow", () => {
  it("GIVEN a window this year THEN day and month in the locale, the year only when it differs", () => {
    expect(formatWindow("2025-12-09", "2025-12-11", "en-GB", "2025-12-05")).toMatch(/^9\s*–\s*11 December$/);
    expect(formatWindow("2025-12-09", "2025-12-11", "en", "2025-12-05")).toMatch(/^December 9\s*–\s*11$/);
    expect(formatWindow("2025-12-29", "2026-01-02", "en", "2025-12-05")).toMatch(/2025.*January 2, 2026/);
    expect(formatWindow("2025-12-09", "2025-12-09", "fr", "2025-12-05")).toBe("9 décembre");
  });
});
