import { randomBytes } from "node:crypto";
import { createBullmqQueue, probeRedis } from "~/jobs/bullmq.server";
import { createInProcessQueue } from "~/jobs/in-process.server";
import type { JobQueue } from "~/jobs/queue.server";

/**
 * The job backends a test runs against: always in-process; BullMQ when Redis answers at
 * REDIS_URL_TEST (default redis://127.0.0.1:6379). In CI, Redis must be there: a
 * missing Redis fails the run instead of quietly skipping half the tests.
 */
export const REDIS_TEST_URL = process.env.REDIS_URL_TEST || "redis://127.0.0.1:6379";

export const redisProblem: string | null = await probeRedis(REDIS_TEST_URL).then(
  () => null,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);

export const requireRedis = process.env.CI === "true";

export interface Backend {
  name: "in-process" | "bullmq";
  create(): JobQueue;
}

/** Every queue a test created, closed (and its Redis keys deleted) by `closeQueues`. */
const created: JobQueue[] = [];
const runId = `test-${process.pid}-${randomBytes(3).toString("hex")}`;
let queues = 0;

export const backends: Backend[] = [
  {
    name: "in-process",
    create: () =>
      track(createInProcessQueue({ concurrency: 2, log: { warn: () => undefined, error: () => undefined } })),
  },
  ...(redisProblem === null
    ? [
        {
          name: "bullmq" as const,
          // A prefix per test run and a queue per test: runs and tests never share keys.
          create: () => track(createBullmqQueue({ url: REDIS_TEST_URL, prefix: runId, queueName: `q${++queues}` })),
        },
      ]
    : []),
];

function track(queue: JobQueue) {
  created.push(queue);
  return queue;
}

export async function closeQueues() {
  for (const queue of created.splice(0)) {
    const bull = (queue as JobQueue & { bullQueue?: { obliterate(o: { force: boolean }): Promise<void> } }).bullQueue;
    await queue.close({ timeoutMs: 1_000 });
    if (bull) {
      // obliterate needs a live connection: reopen briefly through a fresh Queue object.
      const { Queue } = await import("bullmq");
      const { Redis } = await import("ioredis");
      const connection = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: null });
      const again = new Queue((bull as unknown as { name: string }).name, { connection, prefix: runId });
      await again.obliterate({ force: true });
      await again.close();
      connection.disconnect();
    }
  }
}

export const redisSkipMessage = `BullMQ tests skipped: Redis did not answer at ${REDIS_TEST_URL} (${redisProblem}). Start Redis or set REDIS_URL_TEST.`;
