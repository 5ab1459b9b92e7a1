import { Queue, Worker, type Job as BullJob } from "bullmq";
import { Redis } from "ioredis";
import {
  JobCancelled,
  shopOf,
  type EnqueueOptions,
  type EnqueueResult,
  type JobDefaults,
  type JobHandler,
  type JobQueue,
  type RepeatOptions,
} from "./queue.server";
import { log } from "../log.server";

/**
 * Jobs on Redis with BullMQ: they survive restarts, run once across every instance of
 * the app, and are retried with exponential backoff and jitter by BullMQ itself. A job
 * whose worker died is noticed as stalled and run again by another worker.
 */

export interface BullmqOptions {
  url: string;
  /** Keeps this app's keys apart from anything else on the Redis server (and test runs apart). */
  prefix?: string;
  queueName?: string;
  concurrency?: number;
}

/** Connects once to see whether Redis answers; throws if it does not within `timeoutMs`. */
export async function probeRedis(url: string, timeoutMs = 2_000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

export function createBullmqQueue({ url, prefix = "assistant", queueName = "jobs", concurrency = 2 }: BullmqOptions) {
  const handlers = new Map<string, { handler: JobHandler<never>; defaults: JobDefaults }>();
  // BullMQ wants connections that retry forever rather than fail a command.
  const connect = () => new Redis(url, { maxRetriesPerRequest: null });
  const queueConnection = connect();
  const queue = new Queue(queueName, {
    connection: queueConnection,
    prefix,
    defaultJobOptions: { removeOnComplete: { count: 500 }, removeOnFail: { count: 500 } },
  });
  let worker: Worker | null = null;
  let workerConnection: Redis | null = null;
  const waitingStates = ["waiting", "delayed", "prioritized", "paused"] as const;

  const process = async (job: BullJob, _token?: string, signal?: AbortSignal) => {
    const registered = handlers.get(job.name);
    if (!registered) throw new Error(`no handler registered for job "${job.name}"`);
    await registered.handler(job.data as never, {
      id: job.id ?? "",
      attempt: job.attemptsMade + 1,
      maxAttempts: job.opts.attempts ?? 1,
      signal: signal ?? new AbortController().signal,
    });
  };

  const jobQueue: JobQueue = {
    kind: "bullmq",
    register(name, handler, defaults = {}) {
      handlers.set(name, { handler: handler as JobHandler<never>, defaults });
    },
    async enqueue(name, payload, options: EnqueueOptions = {}): Promise<EnqueueResult> {
      const defaults = handlers.get(name)?.defaults ?? {};
      if (options.dedupeKey) {
        const existing = await queue.getDeduplicationJobId(options.dedupeKey);
        if (existing) return { id: existing, deduplicated: true };
      }
      const job = await queue.add(name, payload, {
        delay: options.delayMs,
        attempts: options.attempts ?? defaults.attempts ?? 1,
        backoff: { type: "exponential", delay: options.backoffMs ?? defaults.backoffMs ?? 1_000, jitter: 0.5 },
        ...(options.dedupeKey ? { deduplication: { id: options.dedupeKey } } : {}),
      });
      return { id: job.id ?? "", deduplicated: false };
    },
    async repeat(name, payload, { key, everyMs }: RepeatOptions) {
      await queue.upsertJobScheduler(key, { every: everyMs }, { name, data: payload });
    },
    async cancelShop(shop) {
      let cancelled = 0;
      for (const job of await queue.getJobs([...waitingStates])) {
        if (shopOf(job.data) !== shop) continue;
        await job.remove().catch(() => undefined);
        const dedupe = job.opts.deduplication?.id;
        if (dedupe) await queue.removeDeduplicationKey(dedupe);
        cancelled += 1;
      }
      // Running jobs: this instance's worker aborts its own; the handlers of other
      // instances see the uninstall at their next step.
      for (const job of await queue.getJobs(["active"])) {
        if (shopOf(job.data) !== shop || !job.id) continue;
        if (worker?.cancelJob(job.id, `jobs for ${shop} were cancelled`)) cancelled += 1;
      }
      return cancelled;
    },
    async start() {
      if (worker) return;
      workerConnection = connect();
      worker = new Worker(queueName, process, { connection: workerConnection, prefix, concurrency });
      worker.on("failed", (job, error) => {
        if (error instanceof JobCancelled || error?.name === "AbortError") return;
        const final = job && job.attemptsMade >= (job.opts.attempts ?? 1);
        console[final ? "error" : "warn"](`job ${job?.name} failed (attempt ${job?.attemptsMade})`, error);
      });
      worker.on("error", (error) => log.error("job worker error", error));
      await worker.waitUntilReady();
    },
    async idle(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const counts = await queue.getJobCounts("waiting", "active", "delayed", "prioritized", "paused");
        if (Object.values(counts).every((n) => n === 0)) return;
        if (Date.now() > deadline)
          throw new Error(`jobs still pending after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async close({ timeoutMs = 10_000 } = {}) {
      if (worker) {
        const current = worker;
        const timer = setTimeout(() => current.cancelAllJobs("shutting down"), timeoutMs);
        await current.close();
        clearTimeout(timer);
      }
      await queue.close();
      queueConnection.disconnect();
      workerConnection?.disconnect();
    },
  };
  return Object.assign(jobQueue, { bullQueue: queue });
}
