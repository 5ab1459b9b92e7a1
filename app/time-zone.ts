/**
 * Reading instants on a shop's wall clock and back, for business hours, the dashboard's
 * calendar days and the greeting's time of day. Plain TypeScript (the dashboard's range
 * picker runs it in the browser too).
 */

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: (typeof WEEKDAYS)[number];
  /** The wall clock minus UTC at this instant, in ms (DST included). */
  offsetMs: number;
}

// Building an Intl formatter costs far more than formatting with one (several chat turns'
// worth), and a shop keeps its zone: one per zone, bounded like the other per-shop caches.
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timezone: string): Intl.DateTimeFormat {
  let found = formats.get(timezone);
  if (!found) {
    found = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    if (formats.size >= 500) formats.clear();
    formats.set(timezone, found);
  }
  return found;
}

/** What a clock in `timezone` shows at `instant`. Throws a RangeError for an unknown zone. */
export function wallClock(instant: Date | number, timezone: string): WallClock {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const parts: Record<string, string> = {};
  for (const part of format(timezone).formatToParts(ms)) parts[part.type] = part.value;
  const [year, month, day] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  const [hour, minute, second] = [Number(parts.hour), Number(parts.minute), Number(parts.second)];
  const weekday = parts.weekday.slice(0, 3).toLowerCase() as WallClock["weekday"];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return { year, month, day, hour, minute, second, weekday, offsetMs: asUtc - Math.floor(ms / 1000) * 1000 };
}

/** The instant a wall-clock time in `timezone` happens (DST-aware: the offset is read near it). */
export function zonedInstant(timezone: string, year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - wallClock(wall, timezone).offsetMs;
  // Read the offset again at the first guess: right across a DST change it differs.
  return new Date(wall - wallClock(first, timezone).offsetMs);
}

/** Whether `zone` is an IANA time zone this runtime knows, such as Europe/London. */
export function isTimeZone(zone: string): boolean {
  try {
    format(zone);
    return true;
  } catch {
    return false;
  }
}
