import { z } from "zod";
import {
  businessHoursSchema,
  getAssistantSettings,
  WEEKDAYS,
  type BusinessHours,
  type Weekday,
} from "../conversations/settings.server";
import type { Db } from "../db.server";
import { handoffNotifications, handoffOffline } from "../settings/definitions.server";
import { readSetting, writeSetting } from "../settings/store.server";
import { isTimeZone } from "../time-zone";

/**
 * The inbox's settings: who is emailed when a shopper waits, the hours people answer,
 * and what the chat says outside them. Hours are typed as "09:00-12:30, 13:30-17:30"
 * per weekday (empty: closed), the way a merchant writes them on a shop door.
 */

export interface AvailabilityView {
  notificationsEnabled: boolean;
  emails: string[];
  offlineMessage: string;
  timezone: string;
  hours: Record<Weekday, string>;
}

export async function readAvailability(db: Db, shop: string): Promise<AvailabilityView> {
  const [notifications, offline, settings] = await Promise.all([
    readSetting(db, shop, handoffNotifications),
    readSetting(db, shop, handoffOffline),
    getAssistantSettings(db, shop),
  ]);
  return {
    notificationsEnabled: notifications.enabled,
    emails: notifications.emails,
    offlineMessage: offline.message ?? "",
    timezone: settings.timezone,
    hours: Object.fromEntries(WEEKDAYS.map((day) => [day, formatRanges(settings.businessHours[day])])) as Record<
      Weekday,
      string
    >,
  };
}

const formatRanges = (ranges: BusinessHours[Weekday]) => (ranges ?? []).map(([a, b]) => `${a}-${b}`).join(", ");

const RANGE = /^([01]?\d|2[0-4])[:.]?([0-5]\d)?\s*[-–]\s*([01]?\d|2[0-4])[:.]?([0-5]\d)?$/;
const pad = (hour: string, minute: string | undefined) => `${hour.padStart(2, "0")}:${minute ?? "00"}`;

const rangesField = z
  .string()
  .max(200)
  .transform((text, ctx) => {
    const ranges: [string, string][] = [];
    for (const part of text
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const match = RANGE.exec(part);
      const range = match ? ([pad(match[1], match[2]), pad(match[3], match[4])] as [string, string]) : null;
      if (!range || range[0] >= range[1] || range[0] > "24:00" || range[1] > "24:00") {
        ctx.addIssue({ code: "custom", message: `"${part}" is not a time range such as 09:00-17:30` });
        return z.NEVER;
      }
      ranges.push(range);
    }
    if (ranges.length > 4) {
      ctx.addIssue({ code: "custom", message: "at most four ranges a day" });
      return z.NEVER;
    }
    return ranges;
  });

export const availabilityForm = z.object({
  notificationsEnabled: z
    .string()
    .optional()
    .transform((v) => v === "on" || v === "true"),
  emails: z
    .string()
    .max(2000)
    .transform((text) => text.split(/[\s,;]+/).filter(Boolean))
    .pipe(
      z
        .array(z.email({ error: (issue) => `"${String(issue.input)}" is not an email address` }))
        .max(10, "at most ten addresses"),
    ),
  offlineMessage: z.string().trim().max(500, "keep the offline message under 500 characters"),
  timezone: z.string().trim().refine(isTimeZone, "is not a time zone such as Europe/London"),
  ...(Object.fromEntries(WEEKDAYS.map((day) => [day, rangesField])) as Record<Weekday, typeof rangesField>),
});

export type AvailabilityInput = z.infer<typeof availabilityForm>;

export async function saveAvailability(db: Db, shop: string, input: AvailabilityInput) {
  if (input.notificationsEnabled && input.emails.length === 0) {
    return { ok: false as const, errors: { emails: "add an address to email, or switch the emails off" } };
  }
  const hours = businessHoursSchema.parse(
    Object.fromEntries(WEEKDAYS.filter((day) => input[day].length > 0).map((day) => [day, input[day]])),
  );
  await writeSetting(db, shop, handoffNotifications, { enabled: input.notificationsEnabled, emails: input.emails });
  await writeSetting(db, shop, handoffOffline, { message: input.offlineMessage || null });
  const data = { businessHours: JSON.stringify(hours), timezone: input.timezone };
  await db.assistantSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
  return { ok: true as const };
}
