import { log } from "../log.server";

/**
 * Errors a storefront or admin endpoint answers with. The code decides the status and
 * whether it is logged; the message is written for the person who will read it (a
 * shopper in the chat widget, a merchant in the admin) and never carries internals.
 */
export const errorCodes = {
  bad_request: { status: 400, log: false },
  unauthorized: { status: 401, log: true },
  forbidden: { status: 403, log: false },
  not_found: { status: 404, log: false },
  payload_too_large: { status: 413, log: false },
  unsupported_media_type: { status: 415, log: false },
  validation_failed: { status: 422, log: false },
  rate_limited: { status: 429, log: false },
  unavailable: { status: 503, log: true },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: HeadersInit,
  ) {
    super(message);
  }

  get status() {
    return errorCodes[this.code].status;
  }

  toResponse(): Response {
    if (errorCodes[this.code].log) log.warn(`[${this.code}] ${this.message}`);
    const headers = new Headers(this.headers);
    headers.set("Content-Type", "application/json; charset=utf-8");
    headers.set("Cache-Control", "no-store");
    return new Response(JSON.stringify({ error: { code: this.code, message: this.message, ...this.details } }), {
      status: this.status,
      headers,
    });
  }
}

/** A JSON response that is never cached by Shopify's proxy or the browser. */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** Runs a storefront handler and turns an HttpError into its JSON response. */
export async function withErrors(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof HttpError) return error.toResponse();
    // Ours or the database's (unreachable, busy): the shopper is asked to try again and
    // the widget retries with the same idempotency key, so a retried message is stored
    // once. The cause is logged, never sent.
    log.error("storefront request failed", error);
    return new HttpError(
      "unavailable",
      "Sorry, something went wrong on our side. Please try again.",
      { retryAfterSeconds: 1 },
      { "Retry-After": "1" },
    ).toResponse();
  }
}
