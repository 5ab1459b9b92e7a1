import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { chat } from "../conversations/chat.server";
import { giveFeedback } from "../conversations/conversations.server";
import { clientAddress } from "../conversations/rate-limit.server";
import { parseJsonBody } from "../conversations/request.server";
import { CONVERSATION_ID_PATTERN } from "../conversations/visitor.server";
import { jsonResponse, withErrors } from "../http/errors.server";
import { authenticateProxy } from "../proxy/authenticate.server";

const owner = { conversationId: z.string().regex(CONVERSATION_ID_PATTERN), visitorToken: z.string().min(1).max(200) };
const body = z.union([
  z.object({ ...owner, messageId: z.string().min(1).max(40), value: z.enum(["up", "down"]).nullable() }).strict(),
  z.object({ ...owner, rating: z.number().int().min(1, "Pick 1 to 5 stars.").max(5, "Pick 1 to 5 stars.") }).strict(),
]);

// POST /apps/assistant/feedback: thumbs on one answer, or a 1-5 rating of the conversation.
export const action = ({ request }: ActionFunctionArgs) =>
  withErrors(async () => {
    const { shop, customerId } = await authenticateProxy(request);
    const input = await parseJsonBody(request, body);
    return jsonResponse(await giveFeedback(chat, { shop, customerId, ip: clientAddress(request) }, input));
  });
