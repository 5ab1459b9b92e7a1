import { z } from "zod";
import type { Db } from "../db.server";
import { handoffOffline } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
/** Opening hours per weekday, each a list of [from, to) ranges in local time ("09:00"). */
export const businessHoursSchema = z.partialRecord(z.enum(WEEKDAYS), z.array(z.tuple([time, time])).max(4));
export type BusinessHours = z.infer<typeof businessHoursSchema>;

export const DEFAULT_BUSINESS_HOURS: BusinessHours = Object.fromEntries(
  (["mon", "tue", "wed", "thu", "fri"] as const).map((day) => [day, [["09:00", "17:30"]]]),
);

export interface AssistantSettingsView {
  /** The merchant's greeting, or null for the widget's own (translated) one. */
  greeting: string | null;
  /** The merchant's suggested questions, or null for the widget's own. */
  suggestions: string[] | null;
  businessHours: BusinessHours;
  timezone: string;
  /** What a shopper waiting out of hours is told, or null for the widget's own words. */
  offlineMessage: string | null;
}

const suggestionsSchema = z.array(z.string().min(1).max(120)).max(6);

/**
 * The shop's assistant settings with defaults filled in. A settings row is optional:
 * a shop that never opened the settings page gets the defaults. A malformed stored
 * value falls back to the default rather than breaking the storefront.
 */
export async function getAssistantSettings(db: Db, shop: string): Promise<AssistantSettingsView> {
  const [row, shopRow, offline] = await Promise.all([
    db.assistantSettings.findUnique({ where: { shop } }),
    db.shop.findUnique({ where: { domain: shop }, select: { timezone: true } }),
    readSetting(db, shop, handoffOffline),
  ]);
  const timezone = validTimezone(row?.timezone) ?? validTimezone(shopRow?.timezone) ?? "UTC";
  return {
    greeting: row?.greeting?.trim() || null,
    suggestions: parseJson(row?.suggestions, suggestionsSchema),
    businessHours: parseJson(row?.businessHours, businessHoursSchema) ?? DEFAULT_BUSINESS_HOURS,
    timezone,
    offlineMessage: offline.message || null,
  };
}

function parseJson<T>(value: string | null | undefined, schema: z.ZodType<T>): T | null {
  if (!value) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function validTimezone(zone: string | null | undefined): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/** Whether someone is expected to be answering at `now`, by the shop's hours in its timezone. */
export function isWithinBusinessHours(hours: BusinessHours, timezone: string, now: Date): boolean {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const day = part("weekday").slice(0, 3).toLowerCase() as Weekday;
  const minutes = Number(part("hour")) * 60 + Number(part("minute"));
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return (hours[day] ?? []).some(([from, to]) => minutes >= toMinutes(from) && minutes < toMinutes(to));
}

/** The local calendar date and offset from UTC (ms) of `instant` in `timezone`. */
function localParts(timezone: string, instant: Date) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    weekday: "short",
    hourCycle: "h23",
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const [year, month, day] = [Number(part("year")), Number(part("month")), Number(part("day"))];
  const asUtc = Date.UTC(year, month - 1, day, Number(part("hour")), Number(part("minute")), Number(part("second")));
  return { year, month, day, offsetMs: asUtc - Math.floor(instant.getTime() / 1000) * 1000 };
}

/** The instant a local wall-clock time in `timezone` happens (the offset read near it). */
function zonedInstant(timezone: string, year: number, month: number, day: number, hhmm: string): Date {
  const wall = Date.UTC(year, month - 1, day, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)));
  const first = wall - localParts(timezone, new Date(wall)).offsetMs;
  // Read the offset again at the first guess: right across a DST change it differs.
  return new Date(wall - localParts(timezone, new Date(first)).offsetMs);
}

/**
 * When someone is next expected to answer: `now` itself when within hours, else the start
 * of the next opening range within a week, or null when the shop has no hours at all.
 */
export function nextOpening(hours: BusinessHours, timezone: string, now: Date): Date | null {
  if (isWithinBusinessHours(hours, timezone, now)) return now;
  const today = localParts(timezone, now);
  for (let offset = 0; offset <= 7; offset += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const day = WEEKDAYS[date.getUTCDay()];
    const starts = (hours[day] ?? []).map(([from]) => from).sort();
    for (const from of starts) {
      const at = zonedInstant(timezone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), from);
      if (at.getTime() > now.getTime()) return at;
    }
  }
  return null;
}
