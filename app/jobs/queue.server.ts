/**
 * One interface for background jobs, with two implementations that run the same
 * handlers: in this process (the default, nothing to install) and BullMQ on Redis
 * (REDIS_URL: jobs survive restarts and are shared by every instance of the app).
 * docs/decisions/0043-job-backends.md says why and what each one guarantees.
 */

export interface JobContext {
  id: string;
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number;
  maxAttempts: number;
  /** Aborted on shutdown or when the job's shop is cancelled; handlers stop at their next step. */
  signal: AbortSignal;
}

export type JobHandler<P = unknown> = (payload: P, context: JobContext) => Promise<void>;

export interface JobDefaults {
  /** Runs before giving up, the first included. */
  attempts?: number;
  /** First retry delay; it doubles per retry, with jitter. */
  backoffMs?: number;
}

export interface EnqueueOptions extends JobDefaults {
  /**
   * While a job with this key is waiting, delayed or running, enqueueing another with
   * the same key does nothing (e.g. one full sync per shop at a time).
   */
  dedupeKey?: string;
  delayMs?: number;
}

export interface RepeatOptions {
  /** Identifies the schedule: repeating the same key again replaces it. */
  key: string;
  everyMs: number;
}

export interface EnqueueResult {
  id: string;
  deduplicated: boolean;
}

export interface JobQueue {
  readonly kind: "in-process" | "bullmq";
  register<P>(name: string, handler: JobHandler<P>, defaults?: JobDefaults): void;
  enqueue<P extends object>(name: string, payload: P, options?: EnqueueOptions): Promise<EnqueueResult>;
  repeat<P extends object>(name: string, payload: P, options: RepeatOptions): Promise<void>;
  /**
   * Drops the waiting and delayed jobs whose payload names `shop`, and aborts its
   * running ones (app/uninstalled). Returns how many jobs were dropped or aborted.
   */
  cancelShop(shop: string): Promise<number>;
  start(): Promise<void>;
  /** Resolves once nothing is waiting, due or running (tests and the demo wait on this). */
  idle(timeoutMs?: number): Promise<void>;
  /** Stops taking jobs; running ones get `timeoutMs` to finish, then their signal aborts. */
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/** Equal jitter: half the exponential delay for sure, the other half at random. */
export function retryDelayMs(backoffMs: number, attempt: number, random = Math.random): number {
  const ceiling = backoffMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export const shopOf = (payload: unknown): string | undefined =>
  payload && typeof payload === "object" && typeof (payload as { shop?: unknown }).shop === "string"
    ? (payload as { shop: string }).shop
    : undefined;

export class JobCancelled extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "AbortError";
  }
}
