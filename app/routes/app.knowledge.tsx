import { useCallback, useEffect, useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DropZone,
  EmptyState,
  InlineStack,
  Layout,
  Link,
  List,
  Page,
  Select,
  Tabs,
  Text,
  TextField,
} from "@shopify/polaris";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { z } from "zod";
import { PageError } from "../components/page-error";
import { authenticate } from "../shopify.server";
import { db } from "../db.server";
import { jobs } from "../jobs/index.server";
import { keyRing } from "../privacy/keys.server";
import { enqueuePoliciesSync } from "../sync/jobs.server";
import { htmlToText } from "../knowledge/passages";
import {
  addPhrase,
  createFaq,
  deleteFaq,
  deletePhrase,
  FaqInputSchema,
  FaqLimitError,
  fieldErrors,
  importFaqCsv,
  listFaq,
  listPhrases,
  lowRatedQuestions,
  PhraseInputSchema,
  TEACHABLE_INTENTS,
  unansweredQuestions,
  updateFaq,
} from "../knowledge/admin.server";
import type { CsvRowError, FieldErrors, QuestionView } from "../knowledge/admin.server";
import { FAQ_LIMITS } from "../knowledge/limits";

const STRINGS = {
  title: "Knowledge",
  tabs: { faq: "FAQ", policies: "Policies", questions: "Questions to answer", phrases: "Phrases" },
  faqHeading: "Questions and answers",
  faqHelp: "The assistant quotes these answers when a shopper asks something close to the question.",
  question: "Question",
  answer: "Answer",
  addEntry: "Add entry",
  editEntry: "Edit entry",
  saveEntry: "Save entry",
  cancel: "Cancel",
  edit: "Edit",
  delete: "Delete",
  faqEmptyHeading: "Teach the assistant your answers",
  faqEmptyBody:
    "Add the questions shoppers ask most (gift wrapping, sizing, opening hours) with your answers, or import them from a CSV file.",
  importHeading: "Import from CSV",
  importHelp: `A CSV file with a header line naming a question column and an answer column, up to ${FAQ_LIMITS.csvRows.toLocaleString("en")} entries and 1 MB. If any line has a problem, nothing is imported; a question you already have gets the file's answer.`,
  importAction: "Choose a CSV file",
  imported: (created: number, updated: number) =>
    `Imported ${created} new ${created === 1 ? "entry" : "entries"}${updated ? `, updated ${updated}` : ""}`,
  importFailed: "Nothing was imported",
  lineError: (e: CsvRowError) => `Line ${e.line}: ${e.message}`,
  faqSaved: "FAQ entry saved",
  faqDeleted: "FAQ entry deleted",
  policiesHeading: "Store policies",
  policiesHelp:
    "Synced from Settings › Policies in your Shopify admin; the assistant answers returns, shipping and privacy questions from them. Edit them there, then sync again.",
  syncAgain: "Sync again",
  syncQueued: "Policy sync queued; the page updates when it finishes",
  policiesEmpty: "No policies synced yet. Write them in Shopify admin under Settings › Policies, then sync again.",
  syncedAt: (when: string) => `Synced ${when}`,
  viewOnStore: "View on your store",
  unansweredHeading: "Questions the assistant could not answer",
  unansweredEmpty: "Nothing unanswered. Questions the assistant could not answer, or handed to a person, appear here.",
  lowRatedHeading: "Answers shoppers rated unhelpful",
  lowRatedEmpty: "No answers were rated unhelpful.",
  assistantSaid: "The assistant said:",
  addToFaq: "Add to FAQ",
  phrasesHeading: "Phrases",
  phrasesHelp:
    "Teach the assistant what shoppers mean: a phrase and what the shopper wants. It learns from these at once, on top of its built-in examples.",
  phrase: "When a shopper says",
  intent: "they want",
  addPhrase: "Add phrase",
  phraseAdded: "Phrase added; the assistant uses it from the next message",
  phraseDeleted: "Phrase removed",
  phrasesEmpty: "No phrases yet. Add one when the assistant misunderstands something shoppers say.",
  notFound: "That entry no longer exists; it may have been deleted. Reload the page.",
  errorTitle: "This page could not load",
  intents: {
    order_status: "Where their order is",
    cancel_order: "To cancel an order",
    change_address: "To change a delivery address",
    returns_refunds: "Returns and refunds",
    shipping: "Shipping and delivery",
    payment_methods: "Payment methods",
    discounts: "Discounts and codes",
    product_search: "To find a product",
    product_question: "To know about a product",
    recommendation: "Recommendations",
    store_info: "Store information (hours, location, contact)",
    human_handoff: "To talk to a person",
    greeting: "Saying hello",
    thanks: "Saying thanks",
    goodbye: "Saying goodbye",
    complaint: "To complain",
    account: "Help with their account",
    privacy_optout: "To opt out of tracking",
    out_of_scope: "Something the assistant should decline",
  } satisfies Record<(typeof TEACHABLE_INTENTS)[number], string>,
};

const TAB_IDS = ["faq", "policies", "questions", "phrases"] as const;
type TabId = (typeof TAB_IDS)[number];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  const [faq, policies, unanswered, lowRated, phrases, shopRow] = await Promise.all([
    listFaq(db, shop),
    db.shopPolicy.findMany({ where: { shop }, orderBy: { type: "asc" } }),
    unansweredQuestions(db, keyRing, shop),
    lowRatedQuestions(db, keyRing, shop),
    listPhrases(db, shop),
    db.shop.findUnique({ where: { domain: shop }, select: { locale: true, timezone: true } }),
  ]);
  return {
    faq,
    policies: policies.map((p) => ({
      type: p.type,
      title: p.title,
      // Text only: policy HTML is the merchant's, but the admin shows it as text.
      text: htmlToText(p.body),
      url: p.url || null,
      syncedAt: p.syncedAt.toISOString(),
    })),
    unanswered,
    lowRated,
    phrases,
    intents: TEACHABLE_INTENTS.map((id) => ({ id, label: STRINGS.intents[id] })),
    locale: shopRow?.locale ?? "en",
    timezone: shopRow?.timezone ?? "UTC",
  };
};

const Id = z.string().trim().min(1).max(64);

/** Larger than the CSV limit by the multipart envelope, so the file check can say the limit in words. */
const MAX_BODY = FAQ_LIMITS.csvBytes + 64_000;

const notFound = () => data({ ok: false as const, message: STRINGS.notFound }, { status: 404 });
const invalid = (errors: FieldErrors) => data({ ok: false as const, errors }, { status: 400 });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = session.shop;
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY) {
    return data({ ok: false as const, errors: { file: "The file is larger than 1 MB." } }, { status: 413 });
  }
  const form = await request.formData();
  const intent = String(form.get("_action") ?? "");
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  switch (intent) {
    case "createFaq":
    case "updateFaq": {
      const parsed = FaqInputSchema.safeParse({ question: text("question"), answer: text("answer") });
      if (!parsed.success) return invalid(fieldErrors(parsed.error));
      if (intent === "createFaq") {
        try {
          const entry = await createFaq(db, shop, parsed.data);
          return { ok: true as const, done: "faqSaved" as const, entry };
        } catch (error) {
          if (error instanceof FaqLimitError) return invalid({ question: error.message });
          throw error;
        }
      }
      const id = Id.safeParse(text("id"));
      if (!id.success || !(await updateFaq(db, shop, id.data, parsed.data))) return notFound();
      return { ok: true as const, done: "faqSaved" as const };
    }
    case "deleteFaq": {
      const id = Id.safeParse(text("id"));
      if (!id.success || !(await deleteFaq(db, shop, id.data))) return notFound();
      return { ok: true as const, done: "faqDeleted" as const };
    }
    case "importFaq": {
      const file = form.get("file");
      if (!file || typeof file === "string") return invalid({ file: "Choose a CSV file to import." });
      if (file.size > FAQ_LIMITS.csvBytes) {
        return data({ ok: false as const, errors: { file: "The file is larger than 1 MB." } }, { status: 413 });
      }
      const result = await importFaqCsv(db, shop, await file.text());
      if (!result.ok) {
        return data(
          { ok: false as const, errors: { file: result.fileError ?? STRINGS.importFailed }, rows: result.errors },
          { status: 400 },
        );
      }
      return { ok: true as const, done: "imported" as const, created: result.created, updated: result.updated };
    }
    case "syncPolicies": {
      const { deduplicated } = await enqueuePoliciesSync(jobs, shop);
      return {
        ok: true as const,
        done: "syncQueued" as const,
        alreadyQueued: deduplicated,
        at: new Date().toISOString(),
      };
    }
    case "addPhrase": {
      const parsed = PhraseInputSchema.safeParse({ text: text("text"), intent: text("intent") });
      if (!parsed.success) return invalid(fieldErrors(parsed.error));
      const result = await addPhrase(db, shop, parsed.data);
      if (!result.ok) return invalid(result.errors);
      return { ok: true as const, done: "phraseAdded" as const };
    }
    case "deletePhrase": {
      const id = Id.safeParse(text("id"));
      if (!id.success || !(await deletePhrase(db, shop, id.data))) return notFound();
      return { ok: true as const, done: "phraseDeleted" as const };
    }
    default:
      return data({ ok: false as const, message: "Unknown request; reload the page." }, { status: 400 });
  }
};

type ActionResult = {
  ok: boolean;
  done?: "faqSaved" | "faqDeleted" | "imported" | "syncQueued" | "phraseAdded" | "phraseDeleted";
  errors?: FieldErrors;
  rows?: CsvRowError[];
  message?: string;
  created?: number;
  updated?: number;
};

/** Toasts for a fetcher's finished submission; returns the fetcher's result. */
function useToastOn(fetcher: { state: string; data?: ActionResult }) {
  const shopify = useAppBridge();
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    const result = fetcher.data;
    if (result.ok && result.done) {
      const messages = {
        faqSaved: STRINGS.faqSaved,
        faqDeleted: STRINGS.faqDeleted,
        imported: STRINGS.imported(result.created ?? 0, result.updated ?? 0),
        syncQueued: STRINGS.syncQueued,
        phraseAdded: STRINGS.phraseAdded,
        phraseDeleted: STRINGS.phraseDeleted,
      };
      shopify.toast.show(messages[result.done]);
    } else if (result.message) {
      shopify.toast.show(result.message, { isError: true });
    }
    // One toast per response.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fetcher.state, fetcher.data]);
}

interface Draft {
  id: string | null;
  question: string;
  answer: string;
}
const EMPTY_DRAFT: Draft = { id: null, question: "", answer: "" };

function FaqTab({ draft, setDraft }: { draft: Draft; setDraft: (d: Draft) => void }) {
  const { faq } = useLoaderData<typeof loader>();
  const save = useFetcher<ActionResult>();
  const remove = useFetcher<ActionResult>();
  const upload = useFetcher<ActionResult>();
  useToastOn(save);
  useToastOn(remove);
  useToastOn(upload);
  const dirty = draft.question !== "" || draft.answer !== "" || draft.id !== null;
  const errors = save.state === "idle" && save.data && !save.data.ok ? (save.data.errors ?? {}) : {};

  useEffect(() => {
    if (save.state === "idle" && save.data?.ok) setDraft(EMPTY_DRAFT);
    // Clear the form once per successful save.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [save.state, save.data]);

  const submit = useCallback(() => {
    const form = new FormData();
    form.set("_action", draft.id ? "updateFaq" : "createFaq");
    if (draft.id) form.set("id", draft.id);
    form.set("question", draft.question);
    form.set("answer", draft.answer);
    save.submit(form, { method: "post" });
  }, [draft, save]);

  const onDrop = (_all: File[], accepted: File[]) => {
    const file = accepted[0];
    if (!file) return;
    const form = new FormData();
    form.set("_action", "importFaq");
    form.set("file", file);
    upload.submit(form, { method: "post", encType: "multipart/form-data" });
  };
  const importResult = upload.state === "idle" ? upload.data : undefined;

  return (
    <BlockStack gap="400">
      <SaveBar id="faq-save-bar" open={dirty}>
        {/* App Bridge's save bar reads `variant` from its plain <button> children. */}
        {/* eslint-disable-next-line react/no-unknown-property */}
        <button variant="primary" onClick={submit} disabled={save.state !== "idle"}>
          {STRINGS.saveEntry}
        </button>
        <button onClick={() => setDraft(EMPTY_DRAFT)}>{STRINGS.cancel}</button>
      </SaveBar>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {draft.id ? STRINGS.editEntry : STRINGS.addEntry}
          </Text>
          <TextField
            label={STRINGS.question}
            value={draft.question}
            onChange={(question) => setDraft({ ...draft, question })}
            error={errors.question}
            maxLength={FAQ_LIMITS.question}
            autoComplete="off"
          />
          <TextField
            label={STRINGS.answer}
            value={draft.answer}
            onChange={(answer) => setDraft({ ...draft, answer })}
            error={errors.answer}
            multiline={4}
            maxLength={FAQ_LIMITS.answer}
            autoComplete="off"
          />
          <InlineStack gap="200">
            <Button variant="primary" onClick={submit} loading={save.state !== "idle"}>
              {STRINGS.saveEntry}
            </Button>
            {dirty ? <Button onClick={() => setDraft(EMPTY_DRAFT)}>{STRINGS.cancel}</Button> : null}
          </InlineStack>
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {STRINGS.faqHeading}
            </Text>
            <Text as="p" tone="subdued">
              {STRINGS.faqHelp}
            </Text>
          </BlockStack>
          {faq.length === 0 ? (
            <EmptyState
              heading={STRINGS.faqEmptyHeading}
              image="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"
            >
              <p>{STRINGS.faqEmptyBody}</p>
            </EmptyState>
          ) : (
            <BlockStack gap="300">
              {faq.map((entry) => (
                <Box key={entry.id} padding="300" background="bg-surface-secondary" borderRadius="200">
                  <BlockStack gap="200">
                    <Text as="h3" variant="headingSm">
                      {entry.question}
                    </Text>
                    <Text as="p">{entry.answer}</Text>
                    <InlineStack gap="200">
                      <Button
                        onClick={() => {
                          setDraft({ id: entry.id, question: entry.question, answer: entry.answer });
                          window.scrollTo({ top: 0, behavior: "smooth" });
                        }}
                        accessibilityLabel={`${STRINGS.edit}: ${entry.question}`}
                      >
                        {STRINGS.edit}
                      </Button>
                      <Button
                        tone="critical"
                        loading={remove.state !== "idle" && remove.formData?.get("id") === entry.id}
                        accessibilityLabel={`${STRINGS.delete}: ${entry.question}`}
                        onClick={() => remove.submit({ _action: "deleteFaq", id: entry.id }, { method: "post" })}
                      >
                        {STRINGS.delete}
                      </Button>
                    </InlineStack>
                  </BlockStack>
                </Box>
              ))}
            </BlockStack>
          )}
        </BlockStack>
      </Card>
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {STRINGS.importHeading}
          </Text>
          <Text as="p" tone="subdued">
            {STRINGS.importHelp}
          </Text>
          <DropZone
            accept=".csv,text/csv"
            type="file"
            allowMultiple={false}
            onDrop={onDrop}
            label={STRINGS.importHeading}
            labelHidden
          >
            <DropZone.FileUpload actionTitle={STRINGS.importAction} />
          </DropZone>
          {importResult && !importResult.ok ? (
            <Banner tone="critical" title={STRINGS.importFailed}>
              <BlockStack gap="200">
                {importResult.errors?.file && importResult.errors.file !== STRINGS.importFailed ? (
                  <p>{importResult.errors.file}</p>
                ) : null}
                {importResult.rows?.length ? (
                  <List>
                    {importResult.rows.map((row) => (
                      <List.Item key={row.line}>{STRINGS.lineError(row)}</List.Item>
                    ))}
                  </List>
                ) : null}
              </BlockStack>
            </Banner>
          ) : null}
          {importResult?.ok ? (
            <Banner tone="success">
              <p>{STRINGS.imported(importResult.created ?? 0, importResult.updated ?? 0)}</p>
            </Banner>
          ) : null}
        </BlockStack>
      </Card>
    </BlockStack>
  );
}

const POLL_MS = 2_000;
const POLL_FOR_MS = 60_000;

function PoliciesTab() {
  const { policies, locale, timezone } = useLoaderData<typeof loader>();
  const sync = useFetcher<ActionResult & { at?: string }>();
  const revalidator = useRevalidator();
  useToastOn(sync);
  // After "Sync again", refresh until the policies show the new sync (or a minute passes).
  const requestedAt = sync.data?.ok ? sync.data.at : undefined;
  const latest = policies.reduce((max, p) => (p.syncedAt > max ? p.syncedAt : max), "");
  const waiting = !!requestedAt && latest < requestedAt && Date.now() - Date.parse(requestedAt) < POLL_FOR_MS;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, revalidator]);
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short", timeZone: timezone });
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="start" gap="200">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {STRINGS.policiesHeading}
            </Text>
            <Text as="p" tone="subdued">
              {STRINGS.policiesHelp}
            </Text>
          </BlockStack>
          <Button
            onClick={() => sync.submit({ _action: "syncPolicies" }, { method: "post" })}
            loading={sync.state !== "idle" || waiting}
          >
            {STRINGS.syncAgain}
          </Button>
        </InlineStack>
        {policies.length === 0 ? (
          <Text as="p">{STRINGS.policiesEmpty}</Text>
        ) : (
          policies.map((policy) => (
            <Box key={policy.type} padding="300" background="bg-surface-secondary" borderRadius="200">
              <BlockStack gap="200">
                <InlineStack gap="200" blockAlign="center">
                  <Text as="h3" variant="headingSm">
                    {policy.title}
                  </Text>
                  <Badge>{STRINGS.syncedAt(when(policy.syncedAt))}</Badge>
                </InlineStack>
                <Text as="p">{policy.text.length > 600 ? `${policy.text.slice(0, 600)}…` : policy.text}</Text>
                {policy.url ? (
                  <Link url={policy.url} target="_blank">
                    {STRINGS.viewOnStore}
                  </Link>
                ) : null}
              </BlockStack>
            </Box>
          ))
        )}
      </BlockStack>
    </Card>
  );
}

function QuestionList({
  heading,
  empty,
  items,
  onAdd,
}: {
  heading: string;
  empty: string;
  items: QuestionView[];
  onAdd: (question: string) => void;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {heading}
        </Text>
        {items.length === 0 ? (
          <Text as="p" tone="subdued">
            {empty}
          </Text>
        ) : (
          items.map((item) => (
            <Box key={item.id} padding="300" background="bg-surface-secondary" borderRadius="200">
              <InlineStack align="space-between" blockAlign="start" gap="300" wrap={false}>
                <BlockStack gap="100">
                  <Text as="p" fontWeight="semibold">
                    {item.question}
                  </Text>
                  <Text as="p" tone="subdued">
                    {STRINGS.assistantSaid} {item.answer}
                  </Text>
                </BlockStack>
                <Button
                  onClick={() => onAdd(item.question)}
                  accessibilityLabel={`${STRINGS.addToFaq}: ${item.question}`}
                >
                  {STRINGS.addToFaq}
                </Button>
              </InlineStack>
            </Box>
          ))
        )}
      </BlockStack>
    </Card>
  );
}

function PhrasesTab() {
  const { phrases, intents } = useLoaderData<typeof loader>();
  const add = useFetcher<ActionResult>();
  const remove = useFetcher<ActionResult>();
  useToastOn(add);
  useToastOn(remove);
  const [text, setText] = useState("");
  const [intent, setIntent] = useState<string>("store_info");
  const errors = add.state === "idle" && add.data && !add.data.ok ? (add.data.errors ?? {}) : {};
  useEffect(() => {
    if (add.state === "idle" && add.data?.ok) setText("");
  }, [add.state, add.data]);
  const label = (id: string) => intents.find((i) => i.id === id)?.label ?? id;
  return (
    <BlockStack gap="400">
      <Card>
        <BlockStack gap="300">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              {STRINGS.phrasesHeading}
            </Text>
            <Text as="p" tone="subdued">
              {STRINGS.phrasesHelp}
            </Text>
          </BlockStack>
          <TextField
            label={STRINGS.phrase}
            value={text}
            onChange={setText}
            error={errors.text}
            maxLength={200}
            autoComplete="off"
          />
          <Select
            label={STRINGS.intent}
            options={intents.map((i) => ({ value: i.id, label: i.label }))}
            value={intent}
            onChange={setIntent}
            error={errors.intent}
          />
          <InlineStack>
            <Button
              variant="primary"
              loading={add.state !== "idle"}
              onClick={() => add.submit({ _action: "addPhrase", text, intent }, { method: "post" })}
            >
              {STRINGS.addPhrase}
            </Button>
          </InlineStack>
        </BlockStack>
      </Card>
      <Card>
        {phrases.length === 0 ? (
          <Text as="p" tone="subdued">
            {STRINGS.phrasesEmpty}
          </Text>
        ) : (
          <BlockStack gap="200">
            {phrases.map((phrase) => (
              <InlineStack key={phrase.id} align="space-between" blockAlign="center" gap="200">
                <BlockStack gap="050">
                  <Text as="p" fontWeight="semibold">
                    “{phrase.text}”
                  </Text>
                  <Text as="p" tone="subdued">
                    {label(phrase.intent)}
                  </Text>
                </BlockStack>
                <Button
                  tone="critical"
                  variant="plain"
                  accessibilityLabel={`${STRINGS.delete}: ${phrase.text}`}
                  onClick={() => remove.submit({ _action: "deletePhrase", id: phrase.id }, { method: "post" })}
                >
                  {STRINGS.delete}
                </Button>
              </InlineStack>
            ))}
          </BlockStack>
        )}
      </Card>
    </BlockStack>
  );
}

export default function Knowledge() {
  const { unanswered, lowRated, faq } = useLoaderData<typeof loader>();
  const [params, setParams] = useSearchParams();
  const current = (TAB_IDS as readonly string[]).includes(params.get("tab") ?? "")
    ? (params.get("tab") as TabId)
    : "faq";
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const select = (index: number) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set("tab", TAB_IDS[index]);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  const tabs = [
    { id: "faq", content: `${STRINGS.tabs.faq} (${faq.length})` },
    { id: "policies", content: STRINGS.tabs.policies },
    { id: "questions", content: `${STRINGS.tabs.questions} (${unanswered.length + lowRated.length})` },
    { id: "phrases", content: STRINGS.tabs.phrases },
  ];
  const addToFaq = (question: string) => {
    setDraft({ id: null, question, answer: "" });
    select(0);
  };
  return (
    <Page>
      <TitleBar title={STRINGS.title} />
      <Layout>
        <Layout.Section>
          <Tabs tabs={tabs} selected={TAB_IDS.indexOf(current)} onSelect={select}>
            <Box paddingBlockStart="400">
              {current === "faq" ? <FaqTab draft={draft} setDraft={setDraft} /> : null}
              {current === "policies" ? <PoliciesTab /> : null}
              {current === "questions" ? (
                <BlockStack gap="400">
                  <QuestionList
                    heading={STRINGS.unansweredHeading}
                    empty={STRINGS.unansweredEmpty}
                    items={unanswered}
                    onAdd={addToFaq}
                  />
                  <QuestionList
                    heading={STRINGS.lowRatedHeading}
                    empty={STRINGS.lowRatedEmpty}
                    items={lowRated}
                    onAdd={addToFaq}
                  />
                </BlockStack>
              ) : null}
              {current === "phrases" ? <PhrasesTab /> : null}
            </Box>
          </Tabs>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError title={STRINGS.errorTitle} />;
}
