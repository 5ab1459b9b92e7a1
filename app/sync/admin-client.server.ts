import { ClientError, GraphQLClient } from "graphql-request";
import { API_VERSION } from "../shopify/admin-api.server";
import { shopifyFetch } from "../shopify/network.server";

/**
 * The Admin GraphQL client the sync uses: graphql-request over the network edge, plus
 * what a long sync needs from it: it spends Shopify's query-cost budget without
 * overdrawing it (throttleStatus), waits out THROTTLED answers, and retries 429, 5xx and
 * dropped connections with exponential backoff and jitter. Errors that retrying cannot
 * fix (a revoked token, a malformed query) fail at once with a `SyncError`.
 */

export type SyncErrorCode =
  | "THROTTLED"
  | "RATE_LIMITED"
  | "SHOPIFY_UNAVAILABLE"
  | "NETWORK"
  | "UNAUTHORIZED"
  | "ACCESS_DENIED"
  | "GRAPHQL"
  | "BULK_FAILED"
  | "BULK_START_FAILED"
  | "TRUNCATED_EXPORT"
  | "NO_SESSION"
  | "INTERNAL";

/** An error with a code that decides retrying, and a message written for the merchant. */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly retryable: boolean,
    readonly detail?: string,
  ) {
    super(message);
    this.name = "SyncError";
  }
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  reason: SyncErrorCode;
}

export interface SyncAdminOptions {
  shop: string;
  accessToken: string;
  fetch?: typeof fetch;
  retry?: Partial<RetryPolicy>;
  /** Injected by tests that want to see the waits without waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  onRetry?: (event: RetryEvent) => void;
}

export interface SyncAdmin {
  readonly shop: string;
  readonly fetch: typeof fetch;
  request<T>(document: string, variables?: Record<string, unknown>, signal?: AbortSignal): Promise<T>;
  /** Waits before retry `attempt` (1-based) the way requests do; for downloads. */
  backoff(attempt: number, reason: SyncErrorCode, signal?: AbortSignal): Promise<void>;
  readonly retry: RetryPolicy;
  /** What Shopify last said about the cost budget. */
  throttle(): ThrottleStatus | null;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

interface GraphqlErrorShape {
  message?: string;
  extensions?: { code?: string };
}

interface CostExtension {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

export function createSyncAdmin(options: SyncAdminOptions): SyncAdmin {
  const { shop, accessToken, fetch = shopifyFetch, sleep = abortableSleep, random = Math.random, onRetry } = options;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const client = new GraphQLClient(`https://${shop}/admin/api/${API_VERSION}/graphql.json`, {
    fetch,
    headers: { "X-Shopify-Access-Token": accessToken },
  });
  let status: { throttle: ThrottleStatus; at: number } | null = null;
  // The cost each document asked for last time: the budget it will need next time.
  // A document not seen yet is assumed to cost a typical query's points.
  const lastCost = new Map<string, number>();
  const expectedCost = (document: string) => lastCost.get(document) ?? 10;

  const record = (cost: CostExtension | undefined, document: string) => {
    if (!cost?.throttleStatus) return;
    status = { throttle: cost.throttleStatus, at: Date.now() };
    if (typeof cost.requestedQueryCost === "number") lastCost.set(document, cost.requestedQueryCost);
  };

  /** Milliseconds until the budget holds `needed` points again, by the last status seen. */
  const deficitMs = (needed: number) => {
    if (!status) return 0;
    const { currentlyAvailable, restoreRate, maximumAvailable } = status.throttle;
    const restored = ((Date.now() - status.at) / 1000) * restoreRate;
    const available = Math.min(maximumAvailable, currentlyAvailable + restored);
    // One point of margin: Shopify's bucket and our estimate of it drift apart a little.
    const want = Math.min(needed + 1, maximumAvailable);
    return available >= want ? 0 : Math.ceil(((want - available) / restoreRate) * 1000);
  };

  // Equal jitter: at least half the exponential delay, so retries really do slow down,
  // and a random other half, so many shops retrying at once do not stay in step.
  const backoffMs = (attempt: number) => {
    const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  };

  const wait = async (attempt: number, delayMs: number, reason: SyncErrorCode, signal?: AbortSignal) => {
    onRetry?.({ attempt, delayMs, reason });
    await sleep(delayMs, signal);
  };

  const classify = (error: unknown, document: string): { error: SyncError; delayMs?: number } => {
    if (error instanceof ClientError) {
      const { status: httpStatus, headers } = error.response;
      const errors = (error.response.errors ?? []) as GraphqlErrorShape[];
      const extensions = error.response.extensions as { cost?: CostExtension } | undefined;
      if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
        record(extensions?.cost, document);
        const requested = extensions?.cost?.requestedQueryCost ?? lastCost.get(document) ?? 50;
        return {
          error: new SyncError("THROTTLED", "Shopify asked us to slow down and kept refusing our requests.", true),
          delayMs: Math.max(deficitMs(requested), 250),
        };
      }
      if (httpStatus === 429) {
        const retryAfter = Number((headers as Headers | undefined)?.get?.("Retry-After"));
        return {
          error: new SyncError("RATE_LIMITED", "Shopify limited how fast we may ask and kept refusing.", true),
          delayMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
        };
      }
      if (httpStatus === 401 || httpStatus === 403) {
        return {
          error: new SyncError(
            "UNAUTHORIZED",
            "Shopify no longer accepts the app's access to this shop. Open the app from your Shopify admin to reconnect it.",
            false,
            `HTTP ${httpStatus}`,
          ),
        };
      }
      if (httpStatus >= 500) {
        return {
          error: new SyncError(
            "SHOPIFY_UNAVAILABLE",
            `Shopify was unavailable (it answered ${httpStatus} several times in a row).`,
            true,
          ),
        };
      }
      if (errors.some((e) => e.extensions?.code === "ACCESS_DENIED")) {
        return {
          error: new SyncError(
            "ACCESS_DENIED",
            "Shopify refused access to some of the shop's data. Check the permissions the app was granted.",
            false,
            errors.map((e) => e.message).join("; "),
          ),
        };
      }
      return {
        error: new SyncError(
          "GRAPHQL",
          "Shopify rejected one of our requests; this is a bug on our side and has been logged.",
          false,
          errors.map((e) => e.message).join("; ") || `HTTP ${httpStatus}`,
        ),
      };
    }
    if (error instanceof SyncError) return { error };
    if (isAbort(error)) throw error;
    return {
      error: new SyncError(
        "NETWORK",
        "We could not reach Shopify (the connection failed several times).",
        true,
        String(error),
      ),
    };
  };

  const admin: SyncAdmin = {
    shop,
    fetch,
    retry,
    throttle: () => status?.throttle ?? null,
    backoff: (attempt, reason, signal) => wait(attempt, backoffMs(attempt), reason, signal),
    async request<T>(document: string, variables?: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const before = deficitMs(expectedCost(document));
        if (before > 0) await wait(attempt, before, "THROTTLED", signal);
        signal?.throwIfAborted();
        try {
          const response = await client.rawRequest<T>(document, variables);
          record((response.extensions as { cost?: CostExtension } | undefined)?.cost, document);
          return response.data;
        } catch (caught) {
          const { error, delayMs } = classify(caught, document);
          if (!error.retryable || attempt >= retry.maxAttempts) throw error;
          await wait(attempt, delayMs ?? backoffMs(attempt), error.code, signal);
        }
      }
    },
  };
  return admin;
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}
