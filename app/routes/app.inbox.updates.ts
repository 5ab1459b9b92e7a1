import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { liveBus } from "../conversations/chat.server";
import { CONVERSATION_ID_PATTERN } from "../conversations/visitor.server";
import { db } from "../db.server";
import { jsonResponse } from "../http/errors.server";
import { authenticate } from "../shopify.server";

const query = z.object({
  conversation: z.string().regex(CONVERSATION_ID_PATTERN).optional(),
  // The newest change the page shows (a conversation's updatedAt).
  since: z.iso.datetime({ offset: true }),
  waitMs: z.coerce.number().int().min(0).max(25_000).default(20_000),
});

/** How often a held request re-reads the database, for changes whose notification was lost. */
const RECHECK_MS = 3_000;

async function changedSince(shop: string, conversation: string | undefined, since: Date) {
  const row = await db.conversation.findFirst({
    where: { shop, ...(conversation ? { id: conversation } : {}), updatedAt: { gt: since } },
    select: { id: true },
  });
  return row !== null;
}

/**
 * GET /app/inbox/updates?since=&conversation=: a long-poll for the inbox pages. Answers
 * at once when the shop's conversations (or the one named) changed after `since`,
 * otherwise holds the request until the live bus says something happened or `waitMs`
 * passes. The answer only says whether to reload; the page re-reads through its loader.
 */
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return jsonResponse(
      { error: { code: "validation_failed", message: "The page asked for updates in a way we do not understand." } },
      { status: 422 },
    );
  }
  const { conversation, waitMs } = parsed.data;
  const since = new Date(parsed.data.since);
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (await changedSince(session.shop, conversation, since)) return jsonResponse({ changed: true });
    const left = deadline - Date.now();
    if (left <= 0 || request.signal.aborted) return jsonResponse({ changed: false });
    await liveBus.wait(session.shop, conversation ?? null, Math.min(left, RECHECK_MS), request.signal);
  }
};
