import type { DayUnit, DeliveryTime } from "../knowledge/delivery-times";

/**
 * An estimated delivery window: the shipping policy's days for the destination counted
 * from the day the order shipped (or from today while it has not), in the shop's time
 * zone. Dates are calendar dates (YYYY-MM-DD), so arithmetic on them runs in UTC where no
 * day is 23 or 25 hours long; the time zone only decides which date a moment falls on.
 * Business days are Monday to Friday (no holiday calendar: a merchant's policy rarely
 * names one, and an estimate says it is one).
 */

export interface DeliveryWindow {
  earliest: string;
  latest: string;
  /** The date counted from: the ship date, or today when not shipped yet. */
  from: string;
  shipped: boolean;
  /** The latest date is before today: it should have arrived. */
  past: boolean;
}

const isoFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of a moment in a time zone ("2025-03-30"). */
export function dateIn(moment: Date | string, timeZone: string): string {
  let format = isoFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    if (isoFormats.size > 200) isoFormats.clear();
    isoFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(moment)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const toUtc = (date: string) => new Date(`${date}T00:00:00Z`);
const fromUtc = (date: Date) => date.toISOString().slice(0, 10);

/** `date` plus `days` calendar days, or plus `days` business days (a weekend start counts from Monday). */
export function addDays(date: string, days: number, unit: DayUnit): string {
  const day = toUtc(date);
  if (unit === "calendar") {
    day.setUTCDate(day.getUTCDate() + days);
    return fromUtc(day);
  }
  let left = days;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return fromUtc(day);
}

export function deliveryWindow(
  time: Pick<DeliveryTime, "min" | "max" | "unit">,
  { shippedAt, now, timeZone }: { shippedAt: string | null; now: Date; timeZone: string },
): DeliveryWindow {
  const today = dateIn(now, timeZone);
  const from = shippedAt ? dateIn(shippedAt, timeZone) : today;
  const earliest = addDays(from, time.min, time.unit);
  const latest = addDays(from, time.max, time.unit);
  return { earliest, latest, from, shipped: shippedAt !== null, past: latest < today };
}

const rangeFormats = new Map<string, Intl.DateTimeFormat>();
function rangeFormat(locale: string, withYear: boolean) {
  const key = `${locale}|${withYear}`;
  let format = rangeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: "numeric",
      month: "long",
      ...(withYear ? { year: "numeric" } : {}),
      timeZone: "UTC",
    });
    if (rangeFormats.size > 200) rangeFormats.clear();
    rangeFormats.set(key, format);
  }
  return format;
}

/** "December 8 – 12" (the year only when it is not this year's), or one date when they are the same day. */
export function formatWindow(earliest: string, latest: string, locale: string, today: string): string {
  const withYear = earliest.slice(0, 4) !== today.slice(0, 4) || latest.slice(0, 4) !== today.slice(0, 4);
  let format: Intl.DateTimeFormat;
  try {
    format = rangeFormat(locale, withYear);
  } catch {
    format = rangeFormat("en", withYear);
  }
  return earliest === latest ? format.format(toUtc(earliest)) : format.formatRange(toUtc(earliest), toUtc(latest));
}

/** One date in the same words ("December 12"). */
export function formatDate(date: string, locale: string, today: string): string {
  return formatWindow(date, date, locale, today);
}
