import nodemailer from "nodemailer";
import type { Db } from "../db.server";
import type { JobQueue } from "../jobs/queue.server";
import { handoffNotifications } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";

/**
 * "A shopper is waiting for a person": an email to the addresses the merchant chose,
 * sent from a job so the chat turn that handed off is not slowed by SMTP. The email says
 * that someone waits, why, and where to answer; it carries none of the shopper's words
 * or contact details (those stay in the admin, behind Shopify's login).
 */
export const HANDOFF_NOTIFY_JOB = "inbox.handoff-notify";

export interface HandoffNotifyPayload {
  shop: string;
  conversationId: string;
}

export interface NotifierDeps {
  db: Db;
  /** smtp(s)://… or undefined: nothing is sent and a warning is logged. */
  smtpUrl: string | undefined;
  from: string;
  /** The app's client id, for the link into the embedded admin. */
  apiKey: string;
  log?: Pick<Console, "warn" | "info">;
}

const REASONS: Record<string, string> = {
  requested: "They asked to talk to a person.",
  complaint: "They have a complaint.",
  misunderstood: "The assistant could not understand them.",
};

export function inboxLink(apiKey: string, shop: string, conversationId: string) {
  return `https://${shop}/admin/apps/${encodeURIComponent(apiKey)}/app/inbox/${encodeURIComponent(conversationId)}`;
}

export function defaultSender(appUrl: string) {
  return `Storefront assistant <no-reply@${new URL(appUrl).hostname}>`;
}

export type HandoffNotifyResult =
  | { sent: true; to: string[] }
  | { sent: false; reason: "not_configured" | "disabled" | "no_recipients" | "not_waiting" };

export async function sendHandoffNotification(
  deps: NotifierDeps,
  { shop, conversationId }: HandoffNotifyPayload,
): Promise<HandoffNotifyResult> {
  const log = deps.log ?? console;
  const settings = await readSetting(deps.db, shop, handoffNotifications);
  if (!settings.enabled) return { sent: false, reason: "disabled" };
  if (settings.emails.length === 0) return { sent: false, reason: "no_recipients" };
  if (!deps.smtpUrl) {
    log.warn(`SMTP_URL is not set: not emailing ${shop} about a shopper waiting for a person`);
    return { sent: false, reason: "not_configured" };
  }
  const [conversation, shopRow] = await Promise.all([
    deps.db.conversation.findFirst({ where: { id: conversationId, shop } }),
    deps.db.shop.findUnique({ where: { domain: shop }, select: { name: true, timezone: true } }),
  ]);
  // Answered, given back or closed before the job ran: nobody needs waking.
  if (!conversation || conversation.status !== "waiting") return { sent: false, reason: "not_waiting" };
  const shopName = shopRow?.name ?? shop;
  const at = (conversation.handoffAt ?? conversation.lastMessageAt).toLocaleString("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: shopRow?.timezone ?? "UTC",
  });
  const link = inboxLink(deps.apiKey, shop, conversationId);
  const lines = [
    `A shopper in ${shopName}'s chat is waiting for a person (since ${at}).`,
    REASONS[conversation.handoffReason ?? ""] ?? "",
    conversation.handoffEmail ? "They left an email address for a reply; it is in the conversation." : "",
    "",
    `Answer them in the inbox: ${link}`,
    "",
    "You get this email because it is switched on in the assistant's inbox settings.",
  ].filter((line, index, all) => line !== "" || (index > 0 && all[index - 1] !== ""));
  const transport = nodemailer.createTransport(deps.smtpUrl);
  try {
    await transport.sendMail({
      from: deps.from,
      to: settings.emails,
      subject: `A shopper is waiting in ${shopName}'s chat`,
      text: lines.join("\n"),
    });
  } finally {
    transport.close();
  }
  log.info(`emailed ${settings.emails.length} address(es) of ${shop} about a waiting shopper`);
  return { sent: true, to: settings.emails };
}

export function registerInboxJobs(queue: JobQueue, deps: NotifierDeps) {
  queue.register<HandoffNotifyPayload>(
    HANDOFF_NOTIFY_JOB,
    async (payload) => {
      await sendHandoffNotification(deps, payload);
    },
    // An SMTP server that is briefly down gets a few more tries.
    { attempts: 4, backoffMs: 5_000 },
  );
}

/** Queues the email for a conversation that just started waiting (once per conversation while queued). */
export function enqueueHandoffNotification(queue: JobQueue, payload: HandoffNotifyPayload) {
  return queue.enqueue(HANDOFF_NOTIFY_JOB, payload, { dedupeKey: `handoff-notify:${payload.conversationId}` });
}
