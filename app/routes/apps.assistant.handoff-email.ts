import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { chat } from "../conversations/chat.server";
import { saveHandoffEmail } from "../conversations/conversations.server";
import { clientAddress } from "../conversations/rate-limit.server";
import { parseJsonBody } from "../conversations/request.server";
import { CONVERSATION_ID_PATTERN } from "../conversations/visitor.server";
import { jsonResponse, withErrors } from "../http/errors.server";
import { authenticateProxy } from "../proxy/authenticate.server";

const body = z.object({
  conversationId: z.string().regex(CONVERSATION_ID_PATTERN),
  visitorToken: z.string().min(1).max(200),
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email({ error: "Please enter a valid email address." })),
});

// POST /apps/assistant/handoff-email: where a person may reply when nobody is online.
export const action = ({ request }: ActionFunctionArgs) =>
  withErrors(async () => {
    const { shop, customerId } = await authenticateProxy(request);
    const input = await parseJsonBody(request, body);
    return jsonResponse(await saveHandoffEmail(chat, { shop, customerId, ip: clientAddress(request) }, input));
  });
