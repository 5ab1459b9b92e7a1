import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { chat } from "../conversations/chat.server";
import { updatePreferences } from "../conversations/events.server";
import { clientAddress } from "../conversations/rate-limit.server";
import { parseJsonBody } from "../conversations/request.server";
import { jsonResponse, withErrors } from "../http/errors.server";
import { authenticateProxy } from "../proxy/authenticate.server";

const body = z.object({ visitorToken: z.string().min(1).max(200), trackingOff: z.boolean() });

// POST /apps/assistant/preferences: "Don't use my data", remembered server-side.
export const action = ({ request }: ActionFunctionArgs) =>
  withErrors(async () => {
    const { shop, customerId } = await authenticateProxy(request);
    const input = await parseJsonBody(request, body);
    return jsonResponse(await updatePreferences(chat, { shop, customerId, ip: clientAddress(request) }, input));
  });
