import { EventEmitter } from "node:events";
import { isAbort, SyncError, type SyncAdmin } from "./admin-client.server";
import { BULK_CANCEL_MUTATION, BULK_RUN_MUTATION, BULK_RUNNING_QUERY, BULK_STATUS_QUERY } from "./queries";

/**
 * Shopify bulk operations: start one, learn when it ends (the `bulk_operations/finish`
 * webhook wakes the waiter; polling with a growing interval is the fallback), and read
 * its JSONL export line by line without holding the file.
 */

export type BulkStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | "EXPIRED";

export interface BulkOperation {
  id: string;
  status: BulkStatus;
  errorCode: string | null;
  createdAt: string;
  completedAt: string | null;
  objectCount: number;
  rootObjectCount: number;
  url: string | null;
  query: string;
}

export const TERMINAL: ReadonlySet<BulkStatus> = new Set(["COMPLETED", "FAILED", "CANCELED", "EXPIRED"]);

interface RawOperation extends Omit<BulkOperation, "objectCount" | "rootObjectCount"> {
  objectCount: string | number;
  rootObjectCount: string | number;
}

const normalise = (raw: RawOperation): BulkOperation => ({
  ...raw,
  objectCount: Number(raw.objectCount ?? 0),
  rootObjectCount: Number(raw.rootObjectCount ?? 0),
});

/** Wake-ups for waiters in this process when a `bulk_operations/finish` webhook arrives. */
export const bulkFinished = new EventEmitter();
bulkFinished.setMaxListeners(0);

export interface StartedOperation {
  id: string;
  status: BulkStatus;
  createdAt: string;
  /** True when an operation of ours was already running this very query and we took it over. */
  adopted: boolean;
}

/**
 * Starts a bulk query. Shopify runs one bulk query per shop and app at a time: if one
 * is running with the same query (a process died after starting it), it is adopted;
 * a different one (not ours to wait for) is cancelled and the start retried once.
 */
export async function startBulkQuery(admin: SyncAdmin, query: string, signal?: AbortSignal): Promise<StartedOperation> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const result = await admin.request<{
      bulkOperationRunQuery: {
        bulkOperation: { id: string; status: BulkStatus; createdAt: string } | null;
        userErrors: { message: string; code: string | null }[];
      };
    }>(BULK_RUN_MUTATION, { query }, signal);
    const { bulkOperation, userErrors } = result.bulkOperationRunQuery;
    if (bulkOperation && userErrors.length === 0) return { ...bulkOperation, adopted: false };
    if (!userErrors.some((e) => e.code === "OPERATION_IN_PROGRESS")) {
      throw new SyncError(
        "BULK_START_FAILED",
        "Shopify would not start the export of the shop's data.",
        false,
        userErrors.map((e) => e.message).join("; "),
      );
    }
    const running = await admin.request<{
      bulkOperations: { nodes: { id: string; status: BulkStatus; createdAt: string; query: string }[] };
    }>(BULK_RUNNING_QUERY, {}, signal);
    const current = running.bulkOperations.nodes[0];
    if (current && sameQuery(current.query, query)) return { ...current, adopted: true };
    if (current) await admin.request(BULK_CANCEL_MUTATION, { id: current.id }, signal);
  }
  throw new SyncError(
    "BULK_START_FAILED",
    "Another export of this shop's data was already running at Shopify and did not stop.",
    true,
  );
}

const sameQuery = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

export async function getBulkOperation(admin: SyncAdmin, id: string, signal?: AbortSignal): Promise<BulkOperation> {
  const result = await admin.request<{ bulkOperation: RawOperation | null }>(BULK_STATUS_QUERY, { id }, signal);
  if (!result.bulkOperation) {
    throw new SyncError("BULK_FAILED", "Shopify no longer knows the export we were waiting for.", true, id);
  }
  return normalise(result.bulkOperation);
}

export interface WaitOptions {
  signal?: AbortSignal;
  /** First pause between status checks; it grows by half each time up to `maxPollMs`. */
  pollMs?: number;
  maxPollMs?: number;
  /** Called with each status seen (progress, lease renewal, cancellation checks). */
  onStatus?: (operation: BulkOperation) => Promise<void>;
  /**
   * Whether a webhook already said the operation ended (it may have reached another
   * instance of the app, or arrived before this waiter started listening). Checked
   * about once a second while waiting.
   */
  finishedElsewhere?: () => Promise<boolean>;
}

/** Resolves when the operation has ended, however it ended. */
export async function waitForBulkOperation(
  admin: SyncAdmin,
  id: string,
  { signal, pollMs = 2_000, maxPollMs = 30_000, onStatus, finishedElsewhere }: WaitOptions = {},
): Promise<BulkOperation> {
  let pause = pollMs;
  for (;;) {
    const operation = await getBulkOperation(admin, id, signal);
    await onStatus?.(operation);
    if (TERMINAL.has(operation.status)) return operation;
    const until = Date.now() + pause;
    for (let left = pause; left > 0; left = until - Date.now()) {
      if (await finishedElsewhere?.()) break;
      if (await untilFinishedOr(id, Math.min(left, 1_000), signal)) break;
    }
    pause = Math.min(maxPollMs, Math.round(pause * 1.5));
  }
}

/** Resolves true when this process hears the operation finish, false after `ms`. */
function untilFinishedOr(id: string, ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const finish = (heard: boolean) => {
      clearTimeout(timer);
      bulkFinished.off(id, done);
      signal?.removeEventListener("abort", aborted);
      resolve(heard);
    };
    const done = () => finish(true);
    const aborted = () => {
      clearTimeout(timer);
      bulkFinished.off(id, done);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => finish(false), ms);
    bulkFinished.once(id, done);
    signal?.addEventListener("abort", aborted, { once: true });
  });
}

export interface ExportLine {
  /** 1-based line number in the file. */
  number: number;
  value: Record<string, unknown>;
}

/**
 * The export's lines after the first `skip`, parsed, streamed from the file. A line cut
 * off at the end (the connection dropped, the file is truncated) is not returned: the
 * caller sees fewer lines than the operation's `objectCount` and reads again from its
 * checkpoint. The request is retried on 5xx and network errors like any other.
 */
export async function* readExport(
  admin: SyncAdmin,
  url: string,
  { skip = 0, signal }: { skip?: number; signal?: AbortSignal } = {},
): AsyncGenerator<ExportLine> {
  const response = await openExport(admin, url, signal);
  const decoder = new TextDecoder();
  let buffer = "";
  let number = 0;
  const reader = response.body!.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (isAbort(error)) throw error;
        // The connection broke mid-file: what was read so far stands.
        break;
      }
      if (chunk.done) {
        buffer += decoder.decode();
        break;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      let newline = buffer.indexOf("\n");
      let start = 0;
      while (newline !== -1) {
        const text = buffer.slice(start, newline);
        start = newline + 1;
        newline = buffer.indexOf("\n", start);
        if (text.trim() === "") continue;
        number += 1;
        if (number <= skip) continue;
        yield { number, value: parseLine(text, number) };
      }
      buffer = buffer.slice(start);
    }
    if (buffer.trim() !== "") {
      // A last line without its newline is whole only if it parses.
      let value: Record<string, unknown> | null = null;
      try {
        value = JSON.parse(buffer) as Record<string, unknown>;
      } catch {
        value = null;
      }
      if (value) {
        number += 1;
        if (number > skip) yield { number, value };
      }
    }
  } finally {
    reader.releaseLock();
    await response.body?.cancel().catch(() => undefined);
  }
}

function parseLine(text: string, number: number): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SyncError(
      "TRUNCATED_EXPORT",
      "The export file from Shopify was damaged.",
      true,
      `line ${number} is not JSON`,
    );
  }
}

async function openExport(admin: SyncAdmin, url: string, signal?: AbortSignal): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let failure: SyncError;
    try {
      const response = await admin.fetch(url, { signal });
      if (response.ok && response.body) return response;
      await response.body?.cancel().catch(() => undefined);
      if (response.status < 500 && response.status !== 429) {
        throw new SyncError(
          "BULK_FAILED",
          "Shopify's export file could no longer be downloaded (links expire after a week).",
          false,
          `HTTP ${response.status}`,
        );
      }
      failure = new SyncError(
        "SHOPIFY_UNAVAILABLE",
        `Shopify was unavailable while we downloaded the export (it answered ${response.status} several times).`,
        true,
      );
    } catch (error) {
      if (error instanceof SyncError || isAbort(error)) throw error;
      failure = new SyncError(
        "NETWORK",
        "We could not download the export from Shopify (the connection failed several times).",
        true,
        String(error),
      );
    }
    if (attempt >= admin.retry.maxAttempts) throw failure;
    await admin.backoff(attempt, failure.code, signal);
  }
}
