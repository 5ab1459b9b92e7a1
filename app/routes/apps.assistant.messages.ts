import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { chat } from "../conversations/chat.server";
import { listMessages, MAX_MESSAGE_LENGTH, sendMessage, type ChatDeps } from "../conversations/conversations.server";
import { clientAddress } from "../conversations/rate-limit.server";
import { parseInput, parseJsonBody } from "../conversations/request.server";
import { CONVERSATION_ID_PATTERN } from "../conversations/visitor.server";
import { jsonResponse, withErrors } from "../http/errors.server";
import { authenticateProxy } from "../proxy/authenticate.server";

const conversationId = z.string().regex(CONVERSATION_ID_PATTERN);
const visitorToken = z.string().min(1).max(200);

const sendBody = z.object({
  conversationId,
  visitorToken,
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  text: z
    .string()
    .trim()
    .min(1, { error: "Please type a message first." })
    .max(MAX_MESSAGE_LENGTH, {
      error: `Your message is too long: please keep it under ${MAX_MESSAGE_LENGTH} characters.`,
    }),
  consent: z.boolean().optional(),
  page: z.object({ type: z.string().max(40), productId: z.string().max(80).nullish() }).nullish(),
  cart: z
    .object({ productIds: z.array(z.string().max(80)).max(100), itemCount: z.number().int().min(0).max(100_000) })
    .nullish(),
});

const historyQuery = z.object({
  conversation: conversationId,
  visitor: visitorToken,
  after: z.coerce.number().int().min(0).default(0),
});

// POST /apps/assistant/messages: the shopper's message in, the stored message and the reply out.
// The server's load context may carry other chat dependencies (the fault tests give it a
// database that fails); a request cannot set it.
export const action = ({ request, context }: ActionFunctionArgs) =>
  withErrors(async () => {
    const { shop, customerId } = await authenticateProxy(request);
    const input = await parseJsonBody(request, sendBody);
    const deps = (context as { chat?: ChatDeps } | undefined)?.chat ?? chat;
    return jsonResponse(await sendMessage(deps, { shop, customerId, ip: clientAddress(request) }, input));
  });

// GET /apps/assistant/messages?conversation=&visitor=&after=: history, and polling for a person's reply.
export const loader = ({ request }: LoaderFunctionArgs) =>
  withErrors(async () => {
    const { shop, customerId } = await authenticateProxy(request);
    const query = parseInput(historyQuery, Object.fromEntries(new URL(request.url).searchParams));
    const input = { conversationId: query.conversation, visitorToken: query.visitor, after: query.after };
    return jsonResponse(await listMessages(chat, { shop, customerId, ip: clientAddress(request) }, input));
  });
