import { randomBytes } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { action as feedbackAction } from "~/routes/apps.assistant.feedback";
import { action as eventsAction } from "~/routes/apps.assistant.events";
import { action as handoffEmailAction } from "~/routes/apps.assistant.handoff-email";
import { action as sendAction, loader as historyLoader } from "~/routes/apps.assistant.messages";
import { action as preferencesAction } from "~/routes/apps.assistant.preferences";
import { action as sessionAction } from "~/routes/apps.assistant.session";
import { proxyRequest } from "./requests";

/**
 * The storefront chat's endpoints, called the way the widget calls them through
 * Shopify's app proxy: signed query, JSON body, the shopper's address forwarded.
 */
type Handler = (args: ActionFunctionArgs) => Promise<Response>;

const routes: Record<string, { post?: Handler; get?: Handler }> = {
  session: { post: sessionAction },
  messages: { post: sendAction, get: historyLoader },
  feedback: { post: feedbackAction },
  events: { post: eventsAction },
  preferences: { post: preferencesAction },
  "handoff-email": { post: handoffEmailAction },
};

export interface ChatCall {
  shop: string;
  customerId?: string | null;
  ip?: string;
  headers?: Record<string, string>;
}

export async function chatPost(endpoint: string, body: unknown, call: ChatCall) {
  const request = proxyRequest(`/apps/assistant/${endpoint}`, {
    shop: call.shop,
    customerId: call.customerId ?? null,
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: {
      "Content-Type": "application/json",
      ...(call.ip ? { "X-Forwarded-For": call.ip } : {}),
      ...call.headers,
    },
  });
  const response = await routes[endpoint].post!({ request, params: {}, context: {} });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

export async function chatGet(endpoint: string, query: Record<string, string>, call: ChatCall) {
  const request = proxyRequest(`/apps/assistant/${endpoint}?${new URLSearchParams(query)}`, {
    shop: call.shop,
    customerId: call.customerId ?? null,
    headers: call.ip ? { "X-Forwarded-For": call.ip } : {},
  });
  const response = await routes[endpoint].get!({ request, params: {}, context: {} });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

/** A shopper who opened the chat: their signed token and new conversation. */
export async function openChat(call: ChatCall, body: Record<string, unknown> = {}) {
  const response = await chatPost("session", body, call);
  if (response.status !== 200) throw new Error(`session answered ${response.status}: ${JSON.stringify(response.json)}`);
  return {
    visitorToken: response.json.visitorToken as string,
    conversationId: response.json.conversation.id as string,
  };
}

export const idempotencyKey = () => randomBytes(12).toString("base64url");
