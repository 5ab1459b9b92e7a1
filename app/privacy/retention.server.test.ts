import { afterEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { privacySettings } from "~/settings/definitions.server";
import { writeSetting } from "~/settings/store.server";
import { backends, closeQueues } from "../../tests/support/job-backends";
import { chatPost, idempotencyKey, openChat } from "../../tests/support/chat";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { enforceRetention, registerRetentionJob, RETENTION_JOB } from "./retention.server";

const fake = useFakeShopify();
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

afterEach(closeQueues);

/** A shop with a chat and a product view `age` days old, and the same again from today. */
async function shopWithHistory(retentionDays?: number) {
  const { domain } = await installShop(fake);
  if (retentionDays) {
    await writeSetting(db, domain, privacySettings, {
      requireConsent: true,
      retentionDays,
      disclosure: null,
      redactTranscripts: true,
    });
  }
  const chats = [];
  for (const age of [40, 0]) {
    const chat = await openChat({ shop: domain });
    await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text: "hello" }, { shop: domain });
    await chatPost(
      "events",
      { visitorToken: chat.visitorToken, consent: true, events: [{ type: "view", productId: "9" }] },
      { shop: domain },
    );
    await db.conversation.update({ where: { id: chat.conversationId }, data: { lastMessageAt: daysAgo(age) } });
    await db.behaviourEvent.updateMany({
      where: { shop: domain, occurredAt: { gte: daysAgo(1) } },
      data: { occurredAt: daysAgo(age) },
    });
    chats.push(chat);
  }
  return { domain, old: chats[0], recent: chats[1] };
}

describe("retention", () => {
  it("GIVEN a shop keeping 30 days and one keeping the default 90 WHEN retention runs THEN only the first shop's 40-day-old conversation, messages and events go, and a second run deletes nothing", async () => {
    const short = await shopWithHistory(30);
    const long = await shopWithHistory();

    const first = await enforceRetention(db, short.domain);
    await enforceRetention(db, long.domain);

    expect(first).toEqual({ conversations: 1, messages: 2, events: 1 });
    expect(await db.conversation.findUnique({ where: { id: short.old.conversationId } })).toBeNull();
    expect(await db.message.count({ where: { conversationId: short.old.conversationId } })).toBe(0);
    expect(await db.conversation.findUnique({ where: { id: short.recent.conversationId } })).not.toBeNull();
    expect(await db.behaviourEvent.count({ where: { shop: short.domain } })).toBe(1);
    expect(await db.behaviourEvent.count({ where: { shop: short.domain, occurredAt: { lt: daysAgo(30) } } })).toBe(0);
    // 40 days is within the default 90.
    expect(await db.conversation.count({ where: { shop: long.domain } })).toBe(2);
    expect(await db.behaviourEvent.count({ where: { shop: long.domain } })).toBe(2);

    expect(await enforceRetention(db, short.domain)).toMatchObject({
      conversations: 0,
      messages: 0,
      events: 0,
    });
  });

  it.each(backends)(
    "GIVEN the $name job queue WHEN the retention job runs THEN it deletes what is past the shop's retention",
    async ({ create }) => {
      const short = await shopWithHistory(30);
      const queue = create();
      registerRetentionJob(queue, db);
      await queue.start();

      await queue.enqueue(RETENTION_JOB, { shop: short.domain });
      await queue.idle(15_000);

      expect(await db.conversation.findUnique({ where: { id: short.old.conversationId } })).toBeNull();
      expect(await db.conversation.count({ where: { shop: short.domain } })).toBe(1);
      expect(await db.behaviourEvent.count({ where: { shop: short.domain } })).toBe(1);
    },
  );
});
