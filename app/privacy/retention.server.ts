import type { Db } from "../db.server";
import type { JobQueue } from "../jobs/queue.server";
import { privacySettings } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";

/**
 * Retention: conversations (with their messages) whose last message is older than the
 * shop's `retentionDays`, and behaviour events older than that, are deleted. Run by a
 * repeating job; each run deletes only what is past the line, so running it twice, on
 * two instances at once, or after a missed day is the same as running it once.
 */
export const PRIVACY_RETENTION = "privacy.retention";
/** Hourly: an in-process schedule restarts with the process, so a daily one might never fire. */
export const RETENTION_EVERY_MS = 60 * 60 * 1000;
const BATCH = 500;

export interface RetentionReport {
  shops: number;
  conversations: number;
  messages: number;
  events: number;
}

export async function enforceRetention(db: Db, { now = new Date(), shop }: { now?: Date; shop?: string } = {}) {
  const report: RetentionReport = { shops: 0, conversations: 0, messages: 0, events: 0 };
  const shops = await db.shop.findMany({ where: shop ? { domain: shop } : {}, select: { domain: true } });
  for (const { domain } of shops) {
    const { retentionDays } = await readSetting(db, domain, privacySettings);
    const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
    report.shops += 1;
    // In batches, so a shop with years of chats does not hold one long write lock.
    for (;;) {
      const expired = await db.conversation.findMany({
        // A conversation waiting for a person is kept while it waits: someone owes the
        // shopper an answer.
        where: { shop: domain, lastMessageAt: { lt: cutoff }, status: { not: "waiting" } },
        select: { id: true },
        take: BATCH,
      });
      if (expired.length === 0) break;
      const ids = expired.map((c) => c.id);
      const [messages, conversations] = await db.$transaction([
        db.message.deleteMany({ where: { shop: domain, conversationId: { in: ids } } }),
        db.conversation.deleteMany({ where: { shop: domain, id: { in: ids } } }),
      ]);
      report.messages += messages.count;
      report.conversations += conversations.count;
    }
    const events = await db.behaviourEvent.deleteMany({ where: { shop: domain, occurredAt: { lt: cutoff } } });
    report.events += events.count;
  }
  return report;
}

export function registerPrivacyJobs(queue: JobQueue, { db }: { db: Db }) {
  // A payload naming a shop limits the run to it (tests; a merchant shortening retention).
  queue.register<{ shop?: string }>(PRIVACY_RETENTION, async ({ shop }) => {
    await enforceRetention(db, { shop });
  });
}

/** The repeating schedule, plus one run now (the schedule's first tick is an hour away). */
export async function scheduleRetention(queue: JobQueue, everyMs = RETENTION_EVERY_MS) {
  await queue.repeat(PRIVACY_RETENTION, {}, { key: PRIVACY_RETENTION, everyMs });
  await queue.enqueue(PRIVACY_RETENTION, {}, { dedupeKey: PRIVACY_RETENTION });
}
