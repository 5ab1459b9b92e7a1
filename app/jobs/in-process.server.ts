import { randomUUID } from "node:crypto";
import {
  JobCancelled,
  retryDelayMs,
  shopOf,
  type EnqueueOptions,
  type EnqueueResult,
  type JobDefaults,
  type JobHandler,
  type JobQueue,
  type RepeatOptions,
} from "./queue.server";
import { log as appLog } from "../log.server";

/**
 * Jobs run in this process with timers: nothing to install, nothing survives a restart.
 * That is enough because the work that must survive (a sync run) keeps its own state
 * in the database and is resumed at start (app/sync/jobs.server.ts).
 */

interface Job {
  id: string;
  name: string;
  payload: object;
  attempt: number;
  maxAttempts: number;
  backoffMs: number;
  dedupeKey?: string;
  timer?: NodeJS.Timeout;
  controller?: AbortController;
}

export interface InProcessOptions {
  concurrency?: number;
  random?: () => number;
  log?: Pick<Console, "error" | "warn">;
}

export function createInProcessQueue({ concurrency = 2, random = Math.random, log = appLog }: InProcessOptions = {}) {
  const handlers = new Map<string, { handler: JobHandler<never>; defaults: JobDefaults }>();
  const waiting = new Map<string, Job>(); // delayed or due, not yet running
  const ready: Job[] = [];
  const running = new Map<string, Job>();
  const keys = new Map<string, string>(); // dedupe key → job id
  const schedules = new Map<string, NodeJS.Timeout>();
  const settled = new Set<() => void>();
  let started = false;
  let closing = false;

  const notify = () => {
    if (waiting.size || running.size) return;
    for (const resolve of settled) resolve();
    settled.clear();
  };

  const release = (job: Job) => {
    if (job.dedupeKey && keys.get(job.dedupeKey) === job.id) keys.delete(job.dedupeKey);
  };

  const schedule = (job: Job, delayMs: number) => {
    waiting.set(job.id, job);
    job.timer = setTimeout(() => {
      job.timer = undefined;
      ready.push(job);
      pump();
    }, delayMs);
    // A pending job must not keep a finished CLI (the demo) alive.
    job.timer.unref();
  };

  const pump = () => {
    if (!started || closing) return;
    while (running.size < concurrency && ready.length) {
      const job = ready.shift()!;
      waiting.delete(job.id);
      void run(job);
    }
  };

  const run = async (job: Job) => {
    const registered = handlers.get(job.name);
    running.set(job.id, job);
    job.controller = new AbortController();
    try {
      if (!registered) throw new Error(`no handler registered for job "${job.name}"`);
      await registered.handler(job.payload as never, {
        id: job.id,
        attempt: job.attempt,
        maxAttempts: job.maxAttempts,
        signal: job.controller.signal,
      });
      release(job);
    } catch (error) {
      const cancelled = job.controller.signal.aborted;
      if (!cancelled && !closing && job.attempt < job.maxAttempts) {
        log.warn(`job ${job.name} failed (attempt ${job.attempt} of ${job.maxAttempts}); retrying`, error);
        job.attempt += 1;
        running.delete(job.id);
        schedule(job, retryDelayMs(job.backoffMs, job.attempt - 1, random));
        return;
      }
      if (!cancelled) log.error(`job ${job.name} failed for good after ${job.attempt} attempt(s)`, error);
      release(job);
    } finally {
      if (running.get(job.id) === job) running.delete(job.id);
      pump();
      notify();
    }
  };

  const queue: JobQueue = {
    kind: "in-process",
    register(name, handler, defaults = {}) {
      handlers.set(name, { handler: handler as JobHandler<never>, defaults });
    },
    async enqueue(name, payload, options: EnqueueOptions = {}): Promise<EnqueueResult> {
      if (closing) throw new Error("the job queue is closed");
      const existing = options.dedupeKey ? keys.get(options.dedupeKey) : undefined;
      if (existing) return { id: existing, deduplicated: true };
      const defaults = handlers.get(name)?.defaults ?? {};
      const job: Job = {
        id: randomUUID(),
        name,
        payload,
        attempt: 1,
        maxAttempts: options.attempts ?? defaults.attempts ?? 1,
        backoffMs: options.backoffMs ?? defaults.backoffMs ?? 1_000,
        dedupeKey: options.dedupeKey,
      };
      if (job.dedupeKey) keys.set(job.dedupeKey, job.id);
      schedule(job, options.delayMs ?? 0);
      return { id: job.id, deduplicated: false };
    },
    async repeat(name, payload, { key, everyMs }: RepeatOptions) {
      clearInterval(schedules.get(key));
      const timer = setInterval(() => {
        void queue.enqueue(name, payload, { dedupeKey: `repeat:${key}` }).catch(() => undefined);
      }, everyMs);
      timer.unref();
      schedules.set(key, timer);
    },
    async cancelShop(shop) {
      let cancelled = 0;
      for (const job of [...waiting.values()]) {
        if (shopOf(job.payload) !== shop) continue;
        clearTimeout(job.timer);
        waiting.delete(job.id);
        const index = ready.indexOf(job);
        if (index !== -1) ready.splice(index, 1);
        release(job);
        cancelled += 1;
      }
      for (const job of running.values()) {
        if (shopOf(job.payload) !== shop) continue;
        job.controller?.abort(new JobCancelled(`jobs for ${shop} were cancelled`));
        cancelled += 1;
      }
      notify();
      return cancelled;
    },
    async start() {
      started = true;
      pump();
    },
    idle(timeoutMs = 60_000) {
      if (!waiting.size && !running.size) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          settled.delete(done);
          reject(new Error(`jobs still running after ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        settled.add(done);
      });
    },
    async close({ timeoutMs = 10_000 } = {}) {
      closing = true;
      for (const timer of schedules.values()) clearInterval(timer);
      schedules.clear();
      for (const job of waiting.values()) clearTimeout(job.timer);
      waiting.clear();
      ready.length = 0;
      keys.clear();
      if (running.size === 0) return;
      const drained = new Promise<void>((resolve) => settled.add(resolve));
      const timer = setTimeout(() => {
        for (const job of running.values()) job.controller?.abort(new JobCancelled("shutting down"));
      }, timeoutMs);
      await drained;
      clearTimeout(timer);
    },
  };
  return queue;
}
