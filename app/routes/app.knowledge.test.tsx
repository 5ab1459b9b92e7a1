import { renderToString } from "react-dom/server";
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { jobs } from "~/jobs/index.server";
import { classifierFor } from "~/assistant/understand.server";
import { encrypt } from "~/privacy/crypto.server";
import { keyRing } from "~/privacy/keys.server";
import { enqueueFullSync } from "~/sync/jobs.server";
import Knowledge, { action, loader } from "./app.knowledge";
import { useFakeShopify } from "../../tests/support/fake-shopify";
import { installShop } from "../../tests/support/install";
import { adminRequest, call, sessionToken } from "../../tests/support/requests";
import { chatPost, idempotencyKey, openChat } from "../../tests/support/chat";
import { seedShop } from "../../tests/factories/catalog";

const fake = useFakeShopify();

type LoaderData = Awaited<ReturnType<typeof loader>>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies, checked by the assertions
async function unwrap(result: unknown): Promise<{ status: number; body: any }> {
  if (result instanceof Response) return { status: result.status, body: await result.json() };
  const value = (result as { type?: string; init?: ResponseInit; data?: unknown }) ?? {};
  if (value.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, body: value.data };
  return { status: 200, body: result };
}

async function submit(shop: string, fields: Record<string, string | Blob>) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return unwrap(await call(action, adminRequest("/app/knowledge", { shop, method: "POST", body: form })));
}

const load = async (shop: string, search = "") =>
  (await call(loader, adminRequest(`/app/knowledge${search}`, { shop }))) as LoaderData;

function render(data: LoaderData, tab = "faq") {
  const Stub = createRemixStub([{ path: "/app/knowledge", Component: Knowledge, loader: () => data }]);
  return renderToString(
    <AppProvider i18n={en}>
      <Stub initialEntries={[`/app/knowledge?tab=${tab}`]} hydrationData={{ loaderData: { "0": data } }} />
    </AppProvider>,
  ).replace(/<!-- -->/g, "");
}

const csv = (text: string) => new File([text], "faq.csv", { type: "text/csv" });

describe("the Knowledge page: FAQ", () => {
  it("GIVEN a bad session token THEN neither the page nor a change goes through", async () => {
    const { domain } = await installShop(fake);
    const bad = sessionToken(domain, { secret: "wrong" });
    const page = await call(loader, adminRequest("/app/knowledge", { shop: domain, token: bad }));
    expect((page as Response).status).toBeGreaterThanOrEqual(300);
    const form = new FormData();
    form.set("_action", "createFaq");
    form.set("question", "Q?");
    form.set("answer", "A.");
    const change = await call(
      action,
      adminRequest("/app/knowledge", { shop: domain, token: bad, method: "POST", body: form }),
    );
    expect((change as Response).status).toBeGreaterThanOrEqual(300);
    expect(await db.faqEntry.count({ where: { shop: domain } })).toBe(0);
  });

  it("GIVEN an empty shop THEN the FAQ tab says what to do", async () => {
    const { domain } = await installShop(fake);
    const html = render(await load(domain));
    expect(html).toContain("Teach the assistant your answers");
    expect(html).toContain("Import from CSV");
  });

  it("GIVEN a question without an answer WHEN saved THEN 400 naming the field, and nothing stored", async () => {
    const { domain } = await installShop(fake);
    const result = await submit(domain, { _action: "createFaq", question: "Do you gift wrap?", answer: "   " });
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual({ answer: "Write the answer the assistant should give." });
    const long = await submit(domain, { _action: "createFaq", question: "x".repeat(301), answer: "Yes" });
    expect(long.body.errors.question).toBe("Keep the question under 300 characters.");
    expect(await db.faqEntry.count({ where: { shop: domain } })).toBe(0);
  });

  it("GIVEN an entry WHEN created, edited and deleted THEN each is stored and the page shows the current text as text", async () => {
    const { domain } = await installShop(fake);
    const created = await submit(domain, {
      _action: "createFaq",
      question: "Do you <b>gift wrap</b>?",
      answer: "Yes, for £2.",
    });
    expect(created.status).toBe(200);
    const id = created.body.entry.id as string;
    let data = await load(domain);
    expect(data.faq).toMatchObject([{ id, question: "Do you <b>gift wrap</b>?", answer: "Yes, for £2." }]);
    expect(render(data)).toContain("Do you &lt;b&gt;gift wrap&lt;/b&gt;?");

    expect(
      (await submit(domain, { _action: "updateFaq", id, question: "Do you gift wrap?", answer: "Yes, free." })).status,
    ).toBe(200);
    data = await load(domain);
    expect(data.faq).toMatchObject([{ id, question: "Do you gift wrap?", answer: "Yes, free." }]);

    expect((await submit(domain, { _action: "deleteFaq", id })).status).toBe(200);
    expect(await db.faqEntry.count({ where: { shop: domain } })).toBe(0);
    expect((await submit(domain, { _action: "deleteFaq", id })).status).toBe(404);
  });

  it("GIVEN shop A's entry WHEN shop B edits or deletes it THEN 404 and A's entry is unchanged", async () => {
    const { domain: a } = await installShop(fake);
    const { domain: b } = await installShop(fake);
    const created = await submit(a, { _action: "createFaq", question: "Hours?", answer: "9 to 5." });
    const id = created.body.entry.id as string;

    const edit = await submit(b, { _action: "updateFaq", id, question: "Hours?", answer: "Never open." });
    const remove = await submit(b, { _action: "deleteFaq", id });

    expect(edit.status).toBe(404);
    expect(remove.status).toBe(404);
    expect(await db.faqEntry.findUnique({ where: { id } })).toMatchObject({ shop: a, answer: "9 to 5." });
    expect((await load(b)).faq).toEqual([]);
  });

  it("GIVEN a CSV with bad rows WHEN imported THEN every bad line is named and nothing is imported", async () => {
    const { domain } = await installShop(fake);
    const file = [
      "Question,Answer,Notes",
      '"Do you ship to Ireland?","Yes, in 3-5 days.",ok',
      "Do you gift wrap?,",
      ',"An answer without a question"',
      '"do you ship to IRELAND?","Again"',
    ].join("\n");
    const result = await submit(domain, { _action: "importFaq", file: csv(file) });
    expect(result.status).toBe(400);
    expect(result.body.rows).toEqual([
      { line: 3, message: "Write the answer the assistant should give." },
      { line: 4, message: "Write the question shoppers ask." },
      { line: 5, message: "The same question is already on line 2." },
    ]);
    expect(await db.faqEntry.count({ where: { shop: domain } })).toBe(0);

    const html = render(await load(domain));
    expect(html).toContain("Import from CSV");

    const header = await submit(domain, { _action: "importFaq", file: csv("q,a\nx,y") });
    expect(header.status).toBe(400);
    expect(header.body.errors.file).toContain("one called question and one called answer");
    const tooBig = await submit(domain, {
      _action: "importFaq",
      file: csv("question,answer\n" + "a,b\n".repeat(300_000)),
    });
    expect(tooBig.status).toBe(413);
    const noFile = await submit(domain, { _action: "importFaq" });
    expect(noFile.body.errors.file).toBe("Choose a CSV file to import.");
  });

  it("GIVEN a good CSV WHEN imported THEN new questions are added, known ones get the file's answer, quotes and commas kept", async () => {
    const { domain } = await installShop(fake);
    await submit(domain, { _action: "createFaq", question: "Do you gift wrap?", answer: "No." });
    const file =
      '\uFEFFanswer,question\r\n"Yes, for £2 — ask at checkout.",Do you gift wrap?\r\n"We\'re at 1 High St, ""the old mill"".",Where are you?\r\n';
    const result = await submit(domain, { _action: "importFaq", file: csv(file) });
    expect(result).toEqual({ status: 200, body: { ok: true, done: "imported", created: 1, updated: 1 } });
    const rows = await db.faqEntry.findMany({ where: { shop: domain }, orderBy: { question: "asc" } });
    expect(rows.map((r) => [r.question, r.answer])).toEqual([
      ["Do you gift wrap?", "Yes, for £2 — ask at checkout."],
      ["Where are you?", 'We\'re at 1 High St, "the old mill".'],
    ]);
  });

  it("GIVEN an FAQ entry the assistant quotes WHEN the merchant edits it THEN the very next chat answer uses the new text", async () => {
    const { domain } = await installShop(fake);
    const created = await submit(domain, {
      _action: "createFaq",
      question: "What are your opening hours?",
      answer: "We are open 9am to 5pm, Monday to Saturday.",
    });
    const chat = await openChat({ shop: domain });
    const ask = async () =>
      (
        await chatPost(
          "messages",
          { ...chat, idempotencyKey: idempotencyKey(), text: "what are your opening hours?" },
          { shop: domain },
        )
      ).json.reply.text as string;

    expect(await ask()).toContain("9am to 5pm");
    await submit(domain, {
      _action: "updateFaq",
      id: created.body.entry.id,
      question: "What are your opening hours?",
      answer: "We are open 10am to 6pm every day.",
    });
    expect(await ask()).toContain("10am to 6pm every day");
  });
});

describe("the Knowledge page: policies, questions and phrases", () => {
  it("GIVEN synced policies WHEN shown THEN read-only as text, and Sync again reads Shopify's current policies", async () => {
    const { domain, fakeShop } = await installShop(fake);
    seedShop(fakeShop, { products: 2, customers: 1, orders: 1 });
    await enqueueFullSync(jobs, domain, "manual");
    await jobs.idle(30_000);
    let data = await load(domain);
    expect(data.policies.map((p) => p.title)).toContain("Refund policy");
    expect(data.policies.find((p) => p.type === "REFUND_POLICY")!.text).toBe(
      "Return unused items within 30 days for a full refund.",
    );
    expect(render(data, "policies")).toContain("Return unused items within 30 days");

    fakeShop.policies[0] = { ...fakeShop.policies[0], body: "<p>Returns within <b>60</b> days.</p>" };
    const queued = await submit(domain, { _action: "syncPolicies" });
    expect(queued.body).toMatchObject({ ok: true, done: "syncQueued" });
    await jobs.idle(30_000);
    data = await load(domain);
    expect(data.policies.find((p) => p.type === "REFUND_POLICY")!.text).toBe("Returns within 60 days.");
  });

  it("GIVEN unresolved and thumbs-down answers THEN each question is listed, decrypted, with Add to FAQ; other shops' are not", async () => {
    const { domain } = await installShop(fake);
    const { domain: other } = await installShop(fake);
    const conversation = await db.conversation.create({
      data: { id: `c-${domain}`, shop: domain, visitorId: "visitor-1" },
    });
    let seq = 0;
    const exchange = async (question: string, answer: string, extra: { resolved?: boolean; feedback?: number }) => {
      const asked = await db.message.create({
        data: {
          shop: domain,
          conversationId: conversation.id,
          seq: ++seq,
          role: "shopper",
          text: encrypt(keyRing, question),
        },
      });
      await db.message.create({
        data: {
          shop: domain,
          conversationId: conversation.id,
          seq: ++seq,
          role: "assistant",
          text: encrypt(keyRing, answer),
          replyToId: asked.id,
          resolved: extra.resolved ?? true,
          feedback: extra.feedback ?? null,
        },
      });
    };
    await exchange("Can I pay with <script>crypto</script>?", "I couldn't find that.", { resolved: false });
    await exchange("Do you sell gift cards?", "Here are some mugs.", { resolved: true, feedback: -1 });
    await exchange("Where is my order?", "It shipped.", { resolved: true, feedback: 1 });

    const data = await load(domain);
    expect(data.unanswered.map((q) => q.question)).toEqual(["Can I pay with <script>crypto</script>?"]);
    expect(data.lowRated).toMatchObject([{ question: "Do you sell gift cards?", answer: "Here are some mugs." }]);
    const html = render(data, "questions");
    expect(html).toContain("Can I pay with &lt;script&gt;crypto&lt;/script&gt;?");
    expect(html).toContain("Add to FAQ");
    expect((await load(other)).unanswered).toEqual([]);
  });

  it("GIVEN a phrase the merchant teaches WHEN added THEN the assistant's classifier uses it at once; removing it undoes that", async () => {
    const { domain } = await installShop(fake);
    const phrase = "zorbly flumph wibble";
    expect((await classifierFor(db, domain)).classify(phrase).intent).not.toBe("store_info");

    const bad = await submit(domain, { _action: "addPhrase", text: phrase, intent: "make_coffee" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.intent).toBe("Choose what the shopper wants from the list.");

    expect((await submit(domain, { _action: "addPhrase", text: phrase, intent: "store_info" })).status).toBe(200);
    expect((await classifierFor(db, domain)).classify(phrase).intent).toBe("store_info");
    const again = await submit(domain, { _action: "addPhrase", text: phrase, intent: "store_info" });
    expect(again.body.errors.text).toBe("You have already taught this phrase.");

    const data = await load(domain);
    expect(data.phrases).toMatchObject([{ text: phrase, intent: "store_info" }]);
    expect(data.intents.map((i) => i.id)).toContain("out_of_scope");
    expect(render(data, "phrases")).toContain("Store information (hours, location, contact)");

    expect((await submit(domain, { _action: "deletePhrase", id: data.phrases[0].id })).status).toBe(200);
    expect((await classifierFor(db, domain)).classify(phrase).intent).not.toBe("store_info");
    const { domain: other } = await installShop(fake);
    expect((await submit(other, { _action: "deletePhrase", id: data.phrases[0].id })).status).toBe(404);
  });
});
