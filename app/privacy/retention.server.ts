import type { Db } from "../db.server";
import type { JobQueue } from "../jobs/queue.server";
import { privacySettings } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";

/**
 * The retention period on the privacy page, enforced: each installed shop's conversations
 * idle longer than its retentionDays go with their messages, and so do behaviour events
 * older than that. A conversation waiting for a person is kept while it waits (someone
 * still owes the shopper an answer). Each run deletes only what is past the line, so
 * running it twice, on two instances at once, or after a missed day is the same as once.
 */
export const RETENTION_JOB = "privacy.retention";
const DAY_MS = 24 * 60 * 60 * 1000;
/** Hourly: an in-process schedule restarts with the process, so a daily one might never fire. */
export const RETENTION_EVERY_MS = 60 * 60 * 1000;
const BATCH = 500;

export async function enforceRetention(db: Db, shop: string, now = new Date()) {
  const { retentionDays } = await readSetting(db, shop, privacySettings);
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const removed = { conversations: 0, messages: 0, events: 0 };
  // In batches, so a shop with years of chats does not hold one long write lock.
  for (;;) {
    const expired = await db.conversation.findMany({
      where: { shop, lastMessageAt: { lt: cutoff }, status: { not: "waiting" } },
      select: { id: true },
      take: BATCH,
    });
    if (expired.length === 0) break;
    const ids = expired.map((c) => c.id);
    const [messages, conversations] = await db.$transaction([
      db.message.deleteMany({ where: { shop, conversationId: { in: ids } } }),
      db.conversation.deleteMany({ where: { shop, id: { in: ids } } }),
    ]);
    removed.messages += messages.count;
    removed.conversations += conversations.count;
  }
  removed.events = (await db.behaviourEvent.deleteMany({ where: { shop, occurredAt: { lt: cutoff } } })).count;
  return removed;
}

export function registerRetentionJob(queue: JobQueue, db: Db) {
  // A payload naming a shop limits the run to it (tests; a merchant shortening retention).
  queue.register<{ shop?: string }>(RETENTION_JOB, async ({ shop }) => {
    const shops = shop
      ? [{ domain: shop }]
      : await db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
    for (const { domain } of shops) await enforceRetention(db, domain);
  });
}

/** The repeating schedule, plus one run now (the schedule's first tick is an hour away). */
export async function scheduleRetention(queue: JobQueue, everyMs = RETENTION_EVERY_MS) {
  await queue.repeat(RETENTION_JOB, {}, { key: RETENTION_JOB, everyMs });
  await queue.enqueue(RETENTION_JOB, {}, { dedupeKey: RETENTION_JOB });
}
