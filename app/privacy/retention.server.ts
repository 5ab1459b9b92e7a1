import type { Db } from "../db.server";
import type { JobQueue } from "../jobs/queue.server";
import { privacySettings } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";

/**
 * The retention period on the privacy page, enforced: once a day, each installed shop's
 * conversations idle longer than its retentionDays go with their messages, and so do
 * behaviour events older than that. A conversation waiting for a person is kept while
 * it waits (someone still owes the shopper an answer).
 */
export const RETENTION_JOB = "privacy.retention";
const DAY_MS = 24 * 60 * 60 * 1000;

export async function enforceRetention(db: Db, shop: string, now = new Date()) {
  const { retentionDays } = await readSetting(db, shop, privacySettings);
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const expired = await db.conversation.findMany({
    where: { shop, lastMessageAt: { lt: cutoff }, status: { not: "waiting" } },
    select: { id: true },
  });
  const ids = expired.map((c) => c.id);
  const [messages, conversations, events] = await db.$transaction([
    db.message.deleteMany({ where: { shop, conversationId: { in: ids } } }),
    db.conversation.deleteMany({ where: { shop, id: { in: ids } } }),
    db.behaviourEvent.deleteMany({ where: { shop, occurredAt: { lt: cutoff } } }),
  ]);
  return { conversations: conversations.count, messages: messages.count, events: events.count };
}

export function registerRetentionJob(queue: JobQueue, db: Db) {
  queue.register(RETENTION_JOB, async () => {
    const shops = await db.shop.findMany({ where: { uninstalledAt: null }, select: { domain: true } });
    for (const { domain } of shops) await enforceRetention(db, domain);
  });
}

export function scheduleRetention(queue: JobQueue) {
  return queue.repeat(RETENTION_JOB, {}, { key: RETENTION_JOB, everyMs: DAY_MS });
}
