import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { chat } from "../conversations/chat.server";
import { BEHAVIOUR_EVENT_TYPES, recordEvents } from "../conversations/events.server";
import { clientAddress } from "../conversations/rate-limit.server";
import { parseJsonBody } from "../conversations/request.server";
import { jsonResponse, withErrors } from "../http/errors.server";
import { authenticateProxy } from "../proxy/authenticate.server";

const id = z.union([z.string().max(80), z.number().int().nonnegative()]).transform(String);
const body = z.object({
  visitorToken: z.string().min(1).max(200),
  conversationId: z.string().max(64).nullish(),
  consent: z.literal(true, { error: "Browsing is only recorded with your consent." }),
  events: z
    .array(
      z.object({
        type: z.enum(BEHAVIOUR_EVENT_TYPES),
        productId: id.nullish(),
        variantId: id.nullish(),
        quantity: z.number().int().min(1).max(1000).nullish(),
        at: z.number().nullish(),
      }),
    )
    .min(1)
    .max(20),
});

// POST /apps/assistant/events: product views, add-to-carts and the chat's product cards
// shown and opened, only with analytics consent.
export const action = ({ request }: ActionFunctionArgs) =>
  withErrors(async () => {
    const { shop, customerId } = await authenticateProxy(request);
    const input = await parseJsonBody(request, body);
    return jsonResponse(await recordEvents(chat, { shop, customerId, ip: clientAddress(request) }, input));
  });
