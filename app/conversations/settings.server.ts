import { z } from "zod";
import type { Db } from "../db.server";
import { handoffOffline } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";
import { isTimeZone, wallClock, WEEKDAYS, zonedInstant } from "../time-zone";

export { WEEKDAYS };
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
  return zone && isTimeZone(zone) ? zone : null;
}

/** Whether someone is expected to be answering at `now`, by the shop's hours in its timezone. */
export function isWithinBusinessHours(hours: BusinessHours, timezone: string, now: Date): boolean {
  const clock = wallClock(now, timezone);
  const minutes = clock.hour * 60 + clock.minute;
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return (hours[clock.weekday] ?? []).some(([from, to]) => minutes >= toMinutes(from) && minutes < toMinutes(to));
}

/**
 * When someone is next expected to answer: `now` itself when within hours, else the start
 * of the next opening range within a week, or null when the shop has no hours at all.
 */
export function nextOpening(hours: BusinessHours, timezone: string, now: Date): Date | null {
  if (isWithinBusinessHours(hours, timezone, now)) return now;
  const today = wallClock(now, timezone);
  for (let offset = 0; offset <= 7; offset += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const day = WEEKDAYS[date.getUTCDay()];
    const starts = (hours[day] ?? []).map(([from]) => from).sort();
    for (const from of starts) {
      const [hour, minute] = [Number(from.slice(0, 2)), Number(from.slice(3))];
      const at = zonedInstant(timezone, date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute);
      if (at.getTime() > now.getTime()) return at;
    }
  }
  return null;
}
