import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createInProcessQueue } from "~/jobs/in-process.server";
import { handoffNotifications } from "~/settings/definitions.server";
import { writeSetting } from "~/settings/store.server";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { chatPost, idempotencyKey, openChat } from "../../tests/support/chat";
import { enqueueHandoffNotification, registerInboxJobs } from "./notify.server";

const fake = useFakeShopify();

interface Received {
  from: string;
  to: string[];
  raw: string;
}
const inbox: Received[] = [];
let server: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  server.listen(0, "127.0.0.1");
  await once(server.server, "listening");
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The app's job registration on a queue of the test's own, pointed at the local SMTP server. */
function notifier(url: string | undefined) {
  const warnings: string[] = [];
  const queue = createInProcessQueue({ concurrency: 1 });
  registerInboxJobs(queue, {
    db,
    smtpUrl: url,
    from: "Storefront assistant <no-reply@app.example>",
    apiKey: "test-api-key",
    log: { warn: (message: string) => void warnings.push(message), info: () => undefined },
  });
  return { queue, warnings };
}

/** A shopper who asks for a person, through the real chat endpoints and assistant. */
async function shopperWaiting(domain: string, secret: string) {
  const chat = await openChat({ shop: domain });
  await chatPost("messages", { ...chat, idempotencyKey: idempotencyKey(), text: secret }, { shop: domain });
  const response = await chatPost(
    "messages",
    { ...chat, idempotencyKey: idempotencyKey(), text: "I want to talk to a real person please" },
    { shop: domain },
  );
  expect(response.json.conversation.status).toBe("waiting");
  return chat;
}

describe("the merchant's email when a shopper waits", () => {
  it("GIVEN notifications on WHEN a shopper asks for a person THEN the merchant gets an email with the reason and the inbox link, and none of the shopper's words", async () => {
    const { domain } = await installShop(fake, { name: "Tea & Co" });
    await writeSetting(db, domain, handoffNotifications, {
      enabled: true,
      emails: ["owner@tea.example", "help@tea.example"],
    });
    const secret = "my card is 4111 1111 1111 1111 and my address is 1 Secret Lane";
    const chat = await shopperWaiting(domain, secret);
    const { queue } = notifier(smtpUrl);
    await queue.start();
    const before = inbox.length;

    await enqueueHandoffNotification(queue, { shop: domain, conversationId: chat.conversationId });
    await queue.idle(10_000);
    await queue.close();

    expect(inbox.length).toBe(before + 1);
    const mail = inbox.at(-1)!;
    expect(mail.to).toEqual(["owner@tea.example", "help@tea.example"]);
    expect(mail.from).toBe("no-reply@app.example");
    const body = mail.raw.replace(/=\r?\n/g, "");
    expect(body).toMatch(/Subject: A shopper is waiting in Tea & Co's chat/);
    expect(body).toContain("They asked to talk to a person.");
    expect(body).toContain(`https://${domain}/admin/apps/test-api-key/app/inbox/${chat.conversationId}`);
    expect(body).not.toContain("4111");
    expect(body).not.toContain("Secret Lane");
    expect(body).not.toContain("real person please");
  });

  it("GIVEN notifications off, or the conversation answered before the job ran THEN no email goes out", async () => {
    const { domain } = await installShop(fake);
    const chat = await shopperWaiting(domain, "hello");
    const { queue } = notifier(smtpUrl);
    await queue.start();
    const before = inbox.length;

    await enqueueHandoffNotification(queue, { shop: domain, conversationId: chat.conversationId });
    await queue.idle(10_000);
    await writeSetting(db, domain, handoffNotifications, { enabled: true, emails: ["owner@shop.example"] });
    await db.conversation.update({ where: { id: chat.conversationId }, data: { status: "closed" } });
    await enqueueHandoffNotification(queue, { shop: domain, conversationId: chat.conversationId });
    await queue.idle(10_000);
    await queue.close();

    expect(inbox.length).toBe(before);
  });

  it("GIVEN no SMTP_URL THEN the email is skipped with a warning, and the chat turn still succeeds", async () => {
    const { domain } = await installShop(fake);
    await writeSetting(db, domain, handoffNotifications, { enabled: true, emails: ["owner@shop.example"] });
    const chat = await shopperWaiting(domain, "hello");
    const { queue, warnings } = notifier(undefined);
    await queue.start();

    await enqueueHandoffNotification(queue, { shop: domain, conversationId: chat.conversationId });
    await queue.idle(10_000);
    await queue.close();

    expect(warnings).toEqual([expect.stringContaining("SMTP_URL is not set")]);
  });
});
