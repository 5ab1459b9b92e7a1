import { z } from "zod";
import { wallClock, zonedInstant } from "../time-zone";

/**
 * The dashboard's date range: a preset (the last 7, 30 or 90 days, today included) or
 * custom days, all in the shop's timezone, as a merchant reads their calendar. Shared by
 * the server (queries) and the page (the picker), so it is plain TypeScript.
 */

export const PRESETS = ["7", "30", "90"] as const;
export type Preset = (typeof PRESETS)[number];
export const MAX_RANGE_DAYS = 366;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2026-11-01");

export const rangeQuery = z.union([
  z.object({ range: z.enum(PRESETS).default("30") }),
  z
    .object({ range: z.literal("custom"), from: day, to: day })
    .refine((r) => r.from <= r.to, { message: "The start date must be on or before the end date.", path: ["from"] })
    .refine((r) => daysBetween(r.from, r.to) < MAX_RANGE_DAYS, {
      message: `Pick at most ${MAX_RANGE_DAYS} days.`,
      path: ["to"],
    }),
]);
export type RangeQuery = z.infer<typeof rangeQuery>;

export interface DateRange {
  preset: Preset | "custom";
  /** First and last day shown, inclusive, YYYY-MM-DD in the shop's timezone. */
  fromDay: string;
  toDay: string;
  /** The instants the queries use: [from, to). */
  from: Date;
  to: Date;
  timezone: string;
}

/** YYYY-MM-DD of an instant in a timezone. */
export function dayOf(instant: Date, timezone: string): string {
  const { year, month, day } = wallClock(instant, timezone);
  return [String(year).padStart(4, "0"), String(month).padStart(2, "0"), String(day).padStart(2, "0")].join("-");
}

export function addDays(dayString: string, days: number): string {
  const [y, m, d] = dayString.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instant a day starts in a timezone (DST-aware: the offset is read at that day). */
export function startOfDay(dayString: string, timezone: string): Date {
  const [year, month, day] = dayString.split("-").map(Number);
  return zonedInstant(timezone, year, month, day);
}

export function resolveRange(query: RangeQuery, timezone: string, now: Date): DateRange {
  const today = dayOf(now, timezone);
  const fromDay = query.range === "custom" ? query.from : addDays(today, -(Number(query.range) - 1));
  const toDay = query.range === "custom" ? query.to : today;
  return {
    preset: query.range,
    fromDay,
    toDay,
    from: startOfDay(fromDay, timezone),
    to: startOfDay(addDays(toDay, 1), timezone),
    timezone,
  };
}

/** Every day of a range, in order. */
export function daysOf(range: Pick<DateRange, "fromDay" | "toDay">): string[] {
  const days: string[] = [];
  for (let d = range.fromDay; d <= range.toDay; d = addDays(d, 1)) days.push(d);
  return days;
}
