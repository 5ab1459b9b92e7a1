import { db } from "../db.server";
import { env } from "../env.server";
import { defaultSender, registerInboxJobs } from "../inbox/notify.server";
import { registerRetentionJob, scheduleRetention } from "../privacy/retention.server";
import { registerRecommendationJobs, scheduleRecommendationValidation } from "../recommend/validation.server";
import { registerSyncJobs, resumeInterruptedRuns, scheduleReconciliation } from "../sync/jobs.server";
import { createBullmqQueue, probeRedis } from "./bullmq.server";
import { createInProcessQueue } from "./in-process.server";
import type { JobQueue } from "./queue.server";
import { log as appLog } from "../log.server";

export type { JobQueue } from "./queue.server";

export interface CreateJobQueueOptions {
  redisUrl?: string;
  prefix?: string;
  concurrency?: number;
  log?: Pick<Console, "warn">;
}

/**
 * BullMQ when a Redis URL is given and Redis answers; otherwise jobs run in this
 * process. A Redis that is configured but down at start is a warning, not an outage:
 * the app keeps working, each instance running its own jobs.
 */
export async function createJobQueue({
  redisUrl,
  prefix,
  concurrency,
  log = appLog,
}: CreateJobQueueOptions = {}): Promise<JobQueue> {
  if (!redisUrl) return createInProcessQueue({ concurrency });
  try {
    await probeRedis(redisUrl);
  } catch (error) {
    log.warn(
      `REDIS_URL is set but Redis did not answer (${error instanceof Error ? error.message : String(error)}); ` +
        "running background jobs in this process instead.",
    );
    return createInProcessQueue({ concurrency });
  }
  return createBullmqQueue({ url: redisUrl, prefix, concurrency });
}

async function startAppJobs(): Promise<JobQueue> {
  const queue = await createJobQueue({ redisUrl: env.REDIS_URL, prefix: env.REDIS_PREFIX });
  registerSyncJobs(queue, { db });
  registerInboxJobs(queue, {
    db,
    smtpUrl: env.SMTP_URL,
    from: env.SMTP_FROM ?? defaultSender(env.SHOPIFY_APP_URL),
    apiKey: env.SHOPIFY_API_KEY,
  });
  registerRetentionJob(queue, db);
  registerRecommendationJobs(queue, { db });
  await queue.start();
  // Tests drive recovery and schedules themselves, against their own queues.
  if (env.NODE_ENV !== "test") {
    await scheduleReconciliation(queue);
    await scheduleRetention(queue);
    await scheduleRecommendationValidation(queue);
    await resumeInterruptedRuns(db, queue);
  }
  return queue;
}

declare global {
  // Survives Vite's module reloads in development so workers are not started twice.
  var __jobs: Promise<JobQueue> | undefined;
}

/** The app's job queue, started with the server. */
export const jobs: JobQueue = await (globalThis.__jobs ??= startAppJobs());

/**
 * For the server's shutdown (SIGTERM): running jobs get `timeoutMs` to finish, then
 * are aborted at their next step. Without it a killed process loses nothing either:
 * sync runs resume from their checkpoint at the next start.
 */
export async function closeJobs(timeoutMs = 10_000) {
  await jobs.close({ timeoutMs });
  globalThis.__jobs = undefined;
}
