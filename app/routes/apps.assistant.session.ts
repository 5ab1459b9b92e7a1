import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { chat } from "../conversations/chat.server";
import { startSession } from "../conversations/conversations.server";
import { clientAddress } from "../conversations/rate-limit.server";
import { parseJsonBody } from "../conversations/request.server";
import { jsonResponse, withErrors } from "../http/errors.server";
import { authenticateProxy } from "../proxy/authenticate.server";

const body = z.object({
  visitorToken: z.string().max(200).nullish(),
  conversationId: z.string().max(64).nullish(),
  locale: z.string().max(35).nullish(),
  // Where the chat was opened (Shopify's request.page_type and the product on the page), for the greeting.
  page: z
    .object({
      type: z.string().regex(/^[a-z_/-]{1,40}$/, { error: "The page type is not one Shopify uses." }),
      productId: z
        .string()
        .regex(/^(\d{1,20}|gid:\/\/shopify\/Product\/\d{1,20})$/, {
          error: "The product id is not a Shopify product id.",
        })
        .nullish(),
    })
    .nullish(),
});

// POST /apps/assistant/session: open the chat (new or resumed conversation, greeting, history).
export const action = ({ request }: ActionFunctionArgs) =>
  withErrors(async () => {
    const { shop, customerId, installed } = await authenticateProxy(request);
    const input = await parseJsonBody(request, body);
    return jsonResponse(await startSession(chat, { shop, customerId, ip: clientAddress(request), installed }, input));
  });
