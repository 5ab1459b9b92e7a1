import type { z } from "zod";
import { HttpError } from "../http/errors.server";

/** The largest body a storefront endpoint reads. A chat message is at most 1000 characters. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Reads a JSON body of at most `maxBytes` (counted as it streams, so a lying or missing
 * Content-Length cannot push more through) and parses it with `schema`. Every refusal
 * is an HttpError whose message the widget can show as is.
 */
export async function parseJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
  maxBytes = MAX_BODY_BYTES,
): Promise<z.infer<S>> {
  if (request.method !== "POST") {
    throw new HttpError("bad_request", "This address only accepts messages sent from the chat.");
  }
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError("unsupported_media_type", "The chat sent something it should not have. Reload the page.");
  }
  const tooLarge = new HttpError("payload_too_large", "That message is too long to send. Please shorten it.");
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge;

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Not cancel(): under Node that destroys the connection before the 413 is sent. The
        // server reads the rest and throws it away (scripts/refused-bodies.mjs).
        reader.releaseLock();
        throw tooLarge;
      }
      chunks.push(value);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError("bad_request", "The chat sent something it could not read. Reload the page and try again.");
  }
  return parseInput(schema, json);
}

/** Parses query parameters or a body with `schema`; a failure is a 422 a shopper can read. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // Schemas put shopper-facing messages on the fields a shopper controls (the text,
  // an email); anything else can only be wrong because the page is stale or tampered.
  const readable = issue?.message && /[.!?]$/.test(issue.message) ? issue.message : null;
  throw new HttpError(
    "validation_failed",
    readable ?? "The chat sent something it should not have. Reload the page and try again.",
    { fields: result.error.issues.map((i) => i.path.join(".")).filter(Boolean) },
  );
}
