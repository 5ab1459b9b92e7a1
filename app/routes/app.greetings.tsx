import { useCallback, useEffect, useMemo, useState } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Box,
  Button,
  Card,
  Checkbox,
  EmptyState,
  InlineError,
  InlineStack,
  Layout,
  Link,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { z } from "zod";
import { PageError } from "../components/page-error";
import { getAssistantSettings } from "../conversations/settings.server";
import { db } from "../db.server";
import { deleteGreetingTemplate, saveGreetingTemplate, segmentChoices } from "../personalize/greeting.server";
import { GREETING_VARIABLES, type GreetingTemplate, type TemplateProblem } from "../personalize/greetings";
import { keyRing } from "../privacy/keys.server";
import { decryptNullable } from "../privacy/crypto.server";
import { PAGE_TYPES } from "../recommend/rules/types";
import { PAGE_TYPE_NAMES } from "../components/page-type-names";
import { greetingTemplates, segmentDefinitions } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";
import { authenticate } from "../shopify.server";
import type { loader as previewLoader } from "./app.greeting-preview";

export const STRINGS = {
  title: "Greetings",
  add: "Add greeting",
  emptyHeading: "Greet shoppers by who they are and where they are",
  emptyBody:
    "Write a greeting for VIPs, first-time visitors or any segment, on product pages, the cart or everywhere. Shoppers without a greeting of their own see the chat's default one.",
  listHeading: "Your greetings",
  variantsHelp:
    "Write two or more greetings for the same shoppers and page and they take turns: the assistant learns which one leads to conversations, add-to-carts and orders, and shows it more often. Experiments shows what it has learned.",
  everyone: "Every shopper",
  everyPage: "Every page",
  on: "on",
  off: "Off",
  edit: "Edit",
  delete: "Delete",
  editorNew: "New greeting",
  editorEdit: "Edit greeting",
  segment: "Shown to",
  pageType: "On",
  source: "Greeting",
  sourceHelp: (variables: readonly string[]) =>
    `Plain text with Liquid: {{ customer.first_name | default: "there" }}, {% if product %}…{% endif %}. Variables: ${variables.join(", ")}.`,
  enabled: "Show this greeting",
  save: "Save",
  discard: "Discard",
  cancel: "Close editor",
  saved: "Greeting saved",
  deleted: "Greeting deleted",
  saveFailed: "The greeting was not saved: fix the problems shown",
  problem: (problem: TemplateProblem) => `Line ${problem.line}, column ${problem.column}: ${problem.message}`,
  previewHeading: "Preview",
  previewAs: "Preview as",
  anonymous: "Anonymous visitor (first visit)",
  customerLabel: (name: string, orders: number, spent: string) =>
    `${name || "Customer without a name"} · ${orders} ${orders === 1 ? "order" : "orders"} · ${spent}`,
  previewPage: "Page",
  previewSegments: "Segments",
  previewNone: "None",
  previewDefault: "No greeting of yours fits this shopper: they see the chat's default greeting.",
  previewOther: "Another greeting fits this shopper better; they see it instead of this one:",
  previewOffer: (code: string) => `Includes the offer ${code}.`,
  previewLoading: "Updating…",
  error: "The greetings could not be loaded",
  pages: PAGE_TYPE_NAMES,
  defaultHeading: "When no greeting fits",
  defaultMerchant: "Shoppers no greeting here fits see the chat's default greeting, set",
  defaultBuiltIn:
    "Shoppers no greeting here fits see the chat's built-in greeting, in their language. You can write your own default greeting",
  defaultChange: "in Settings",
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await db.shop.findUnique({ where: { domain: session.shop } });
  const currency = shop?.currency ?? "USD";
  const [templates, definitions, customers, assistant] = await Promise.all([
    readSetting(db, session.shop, greetingTemplates, { currency }),
    readSetting(db, session.shop, segmentDefinitions, { currency }),
    // Top spenders first: the sample list then shows VIPs and regulars as well as newcomers.
    db.customer.findMany({
      where: { shop: session.shop, deletedAt: null },
      orderBy: [{ amountSpent: "desc" }, { id: "asc" }],
      take: 50,
      select: { id: true, firstName: true, lastName: true, numberOfOrders: true, amountSpent: true },
    }),
    getAssistantSettings(db, session.shop),
  ]);
  const money = new Intl.NumberFormat(shop?.locale ?? "en", { style: "currency", currency });
  return {
    templates,
    segments: segmentChoices(definitions),
    customers: customers.map((customer) => {
      const name = [decryptNullable(keyRing, customer.firstName), decryptNullable(keyRing, customer.lastName)]
        .filter(Boolean)
        .join(" ");
      return {
        id: customer.id.replace(/\D/g, ""),
        label: STRINGS.customerLabel(name, customer.numberOfOrders, money.format(Number(customer.amountSpent))),
      };
    }),
    variables: GREETING_VARIABLES,
    // The fallback below every template lives with the chat's settings; shown here so the
    // merchant sees the whole chain in one place.
    defaultGreeting: assistant.greeting,
  };
};

const pageType = z.union([z.literal(""), z.enum(PAGE_TYPES)], { error: "Choose a page type from the list" });
const saveForm = z.object({
  intent: z.literal("save"),
  id: z.string().max(64).optional(),
  segment: z.string().max(64),
  pageType,
  source: z.string().max(5000, { error: "A greeting can be at most 2000 characters" }),
  enabled: z.enum(["true", "false"]).default("true"),
});
const deleteForm = z.object({ intent: z.literal("delete"), id: z.string().min(1).max(64) });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  if (form.intent === "delete") {
    const parsed = deleteForm.safeParse(form);
    if (!parsed.success) return data({ ok: false as const, errors: { form: "Say which greeting to delete." } }, 400);
    const deleted = await deleteGreetingTemplate(db, session.shop, parsed.data.id);
    if (!deleted) {
      return data({ ok: false as const, errors: { form: "This greeting was already deleted. Reload the page." } }, 404);
    }
    return { ok: true as const, deleted: parsed.data.id };
  }
  const parsed = saveForm.safeParse(form);
  if (!parsed.success) {
    return data({ ok: false as const, errors: { form: parsed.error.issues[0]?.message ?? "Fill in the form." } }, 400);
  }
  const result = await saveGreetingTemplate(db, session.shop, {
    id: parsed.data.id || null,
    segment: parsed.data.segment || null,
    pageType: parsed.data.pageType || null,
    source: parsed.data.source,
    enabled: parsed.data.enabled === "true",
  });
  if (!result.ok) return data({ ok: false as const, errors: result.errors }, 422);
  return { ok: true as const, saved: result.template };
};

type Draft = { id: string | null; segment: string; pageType: string; source: string; enabled: boolean };

const toDraft = (template: GreetingTemplate | null): Draft =>
  template
    ? {
        id: template.id,
        segment: template.segment ?? "",
        pageType: template.pageType ?? "",
        source: template.source,
        enabled: template.enabled !== false,
      }
    : { id: null, segment: "", pageType: "", source: "", enabled: true };

const sameDraft = (a: Draft, b: Draft) =>
  a.id === b.id &&
  a.segment === b.segment &&
  a.pageType === b.pageType &&
  a.source === b.source &&
  a.enabled === b.enabled;

export default function Greetings() {
  const { templates, segments, customers, variables, defaultGreeting } = useLoaderData<typeof loader>();
  const shopify = useAppBridge();
  const save = useFetcher<typeof action>();
  const remove = useFetcher<typeof action>();
  const preview = useFetcher<typeof previewLoader>();

  const [original, setOriginal] = useState<Draft | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [sample, setSample] = useState("");
  const [samplePage, setSamplePage] = useState("home");
  const dirty = draft !== null && original !== null && !sameDraft(draft, original);

  const segmentName = useCallback(
    (id: string | null) => (id ? (segments.find((s) => s.id === id)?.name ?? id) : STRINGS.everyone),
    [segments],
  );

  const open = (template: GreetingTemplate | null) => {
    const next = toDraft(template);
    setOriginal(next);
    setDraft(next);
    if (template?.pageType) setSamplePage(template.pageType);
  };
  const close = () => {
    setOriginal(null);
    setDraft(null);
  };

  // After a save: toast, and the editor now holds the saved greeting (no longer dirty).
  useEffect(() => {
    if (save.state !== "idle" || !save.data) return;
    if (save.data.ok && "saved" in save.data) {
      const saved = toDraft(save.data.saved as GreetingTemplate);
      setOriginal(saved);
      setDraft(saved);
      shopify.toast.show(STRINGS.saved);
    } else if (!save.data.ok) {
      shopify.toast.show(STRINGS.saveFailed, { isError: true });
    }
  }, [save.state, save.data, shopify]);

  useEffect(() => {
    if (remove.state !== "idle" || !remove.data) return;
    if (remove.data.ok) shopify.toast.show(STRINGS.deleted);
    else shopify.toast.show(remove.data.errors.form ?? STRINGS.error, { isError: true });
  }, [remove.state, remove.data, shopify]);

  // The preview follows the draft as the merchant types (a short pause between requests).
  const previewQuery = useMemo(() => {
    if (!draft) return null;
    const params = new URLSearchParams({
      source: draft.source,
      segment: draft.segment,
      pageType: draft.pageType,
      enabled: String(draft.enabled),
      customer: sample,
      page: samplePage,
    });
    if (draft.id) params.set("id", draft.id);
    return params.toString();
  }, [draft, sample, samplePage]);
  const loadPreview = preview.load;
  useEffect(() => {
    if (previewQuery === null) return;
    const timer = setTimeout(() => loadPreview(`/app/greeting-preview?${previewQuery}`), 250);
    return () => clearTimeout(timer);
  }, [previewQuery, loadPreview]);

  const submit = () => {
    if (!draft) return;
    save.submit(
      {
        intent: "save",
        ...(draft.id ? { id: draft.id } : {}),
        segment: draft.segment,
        pageType: draft.pageType,
        source: draft.source,
        enabled: String(draft.enabled),
      },
      { method: "post" },
    );
  };
  const errors = save.state === "idle" && save.data && !save.data.ok ? save.data.errors : null;
  const sourceErrors = errors && "source" in errors ? (errors.source ?? []) : [];
  const result = preview.data && "text" in preview.data ? preview.data : null;

  const segmentOptions = [
    { label: STRINGS.everyone, value: "" },
    ...segments.map((s) => ({ label: s.name, value: s.id })),
  ];
  const pageOptions = [
    { label: STRINGS.everyPage, value: "" },
    ...PAGE_TYPES.map((p) => ({ label: STRINGS.pages[p], value: p })),
  ];

  const list =
    templates.length === 0 && !draft ? (
      <Card>
        <EmptyState
          heading={STRINGS.emptyHeading}
          action={{ content: STRINGS.add, onAction: () => open(null) }}
          image="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
        >
          <p>{STRINGS.emptyBody}</p>
        </EmptyState>
      </Card>
    ) : (
      <Card>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            {STRINGS.listHeading}
          </Text>
          <Text as="p" tone="subdued">
            {STRINGS.variantsHelp}
          </Text>
          {templates.map((template) => (
            <Box key={template.id} paddingBlock="200" borderBlockStartWidth="025" borderColor="border">
              <InlineStack align="space-between" blockAlign="start" gap="200" wrap={false}>
                <BlockStack gap="100">
                  <InlineStack gap="200">
                    <Text as="span" fontWeight="semibold">
                      {segmentName(template.segment)}
                    </Text>
                    <Text as="span" tone="subdued">
                      {STRINGS.on} {template.pageType ? STRINGS.pages[template.pageType] : STRINGS.everyPage}
                    </Text>
                    {template.enabled === false ? <Badge>{STRINGS.off}</Badge> : null}
                  </InlineStack>
                  <Text as="p" breakWord>
                    {template.source}
                  </Text>
                </BlockStack>
                <InlineStack gap="200" wrap={false}>
                  <Button onClick={() => open(template)} accessibilityLabel={`${STRINGS.edit}: ${template.source}`}>
                    {STRINGS.edit}
                  </Button>
                  <Button
                    tone="critical"
                    variant="plain"
                    loading={remove.state !== "idle" && remove.formData?.get("id") === template.id}
                    onClick={() => {
                      if (draft?.id === template.id) close();
                      remove.submit({ intent: "delete", id: template.id }, { method: "post" });
                    }}
                  >
                    {STRINGS.delete}
                  </Button>
                </InlineStack>
              </InlineStack>
            </Box>
          ))}
          <Box paddingBlockStart="200" borderBlockStartWidth="025" borderColor="border">
            <BlockStack gap="100">
              <Text as="h3" variant="headingSm">
                {STRINGS.defaultHeading}
              </Text>
              {defaultGreeting ? (
                <>
                  <Text as="p" tone="subdued">
                    {STRINGS.defaultMerchant} <Link url="/app/settings">{STRINGS.defaultChange}</Link>:
                  </Text>
                  <Text as="p" breakWord>
                    {defaultGreeting}
                  </Text>
                </>
              ) : (
                <Text as="p" tone="subdued">
                  {STRINGS.defaultBuiltIn} <Link url="/app/settings">{STRINGS.defaultChange}</Link>.
                </Text>
              )}
            </BlockStack>
          </Box>
        </BlockStack>
      </Card>
    );

  return (
    <Page title={STRINGS.title} primaryAction={{ content: STRINGS.add, onAction: () => open(null), disabled: dirty }}>
      <TitleBar title={STRINGS.title} />
      <SaveBar id="greeting-save-bar" open={dirty}>
        {/* eslint-disable-next-line react/no-unknown-property -- App Bridge's ui-save-bar reads `variant` */}
        <button variant="primary" onClick={submit} disabled={save.state !== "idle"}>
          {STRINGS.save}
        </button>
        <button onClick={() => original && setDraft(original)}>{STRINGS.discard}</button>
      </SaveBar>
      <Layout>
        <Layout.Section>{list}</Layout.Section>
        {draft ? (
          <Layout.Section variant="oneHalf">
            <Card>
              <BlockStack gap="400">
                <Text as="h2" variant="headingMd">
                  {draft.id ? STRINGS.editorEdit : STRINGS.editorNew}
                </Text>
                {errors && "form" in errors && errors.form ? (
                  <InlineError message={errors.form} fieldID="form" />
                ) : null}
                <InlineStack gap="400" wrap>
                  <Select
                    label={STRINGS.segment}
                    options={segmentOptions}
                    value={draft.segment}
                    onChange={(segment) => setDraft({ ...draft, segment })}
                    error={errors && "segment" in errors ? errors.segment : undefined}
                  />
                  <Select
                    label={STRINGS.pageType}
                    options={pageOptions}
                    value={draft.pageType}
                    onChange={(value) => {
                      setDraft({ ...draft, pageType: value });
                      if (value) setSamplePage(value);
                    }}
                  />
                </InlineStack>
                <TextField
                  label={STRINGS.source}
                  value={draft.source}
                  onChange={(source) => setDraft({ ...draft, source })}
                  multiline={3}
                  autoComplete="off"
                  maxLength={2000}
                  helpText={STRINGS.sourceHelp(variables)}
                  error={sourceErrors.length ? sourceErrors.map(STRINGS.problem).join(" · ") : undefined}
                />
                {result && !result.validation.ok && sourceErrors.length === 0
                  ? result.validation.errors.map((problem, index) => (
                      <InlineError key={index} message={STRINGS.problem(problem)} fieldID="greeting-source" />
                    ))
                  : null}
                {result?.validation.warnings.map((problem, index) => (
                  <Text key={index} as="p" tone="caution">
                    {STRINGS.problem(problem)}
                  </Text>
                ))}
                <Checkbox
                  label={STRINGS.enabled}
                  checked={draft.enabled}
                  onChange={(enabled) => setDraft({ ...draft, enabled })}
                />
                <InlineStack gap="200">
                  <Button variant="primary" onClick={submit} loading={save.state !== "idle"} disabled={!dirty}>
                    {STRINGS.save}
                  </Button>
                  <Button onClick={close} disabled={dirty}>
                    {STRINGS.cancel}
                  </Button>
                </InlineStack>
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
        {draft ? (
          <Layout.Section variant="oneHalf">
            <Card>
              <BlockStack gap="300">
                <InlineStack align="space-between">
                  <Text as="h2" variant="headingMd">
                    {STRINGS.previewHeading}
                  </Text>
                  {preview.state !== "idle" ? (
                    <Text as="span" tone="subdued">
                      {STRINGS.previewLoading}
                    </Text>
                  ) : null}
                </InlineStack>
                <Select
                  label={STRINGS.previewAs}
                  options={[
                    { label: STRINGS.anonymous, value: "" },
                    ...customers.map((c) => ({ label: c.label, value: c.id })),
                  ]}
                  value={sample}
                  onChange={setSample}
                />
                <Select
                  label={STRINGS.previewPage}
                  options={PAGE_TYPES.map((p) => ({ label: STRINGS.pages[p], value: p }))}
                  value={samplePage}
                  onChange={setSamplePage}
                />
                {result ? (
                  <BlockStack gap="200">
                    <Text as="p" tone="subdued">
                      {STRINGS.previewSegments}:{" "}
                      {result.segments.length
                        ? result.segments.map((s) => segmentName(s)).join(", ")
                        : STRINGS.previewNone}
                    </Text>
                    {result.text === null ? (
                      <Text as="p">{STRINGS.previewDefault}</Text>
                    ) : (
                      <BlockStack gap="100">
                        {!result.fromDraft ? (
                          <Text as="p" tone="subdued">
                            {STRINGS.previewOther}
                          </Text>
                        ) : null}
                        <Box padding="300" background="bg-surface-secondary" borderRadius="200">
                          {/* Text, never HTML: what the widget shows with textContent. */}
                          <Text as="p" id="greeting-preview-text">
                            {result.text}
                          </Text>
                        </Box>
                      </BlockStack>
                    )}
                    {result.offer ? (
                      <Text as="p" tone="subdued">
                        {STRINGS.previewOffer(result.offer.code)}
                      </Text>
                    ) : null}
                  </BlockStack>
                ) : null}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError pageTitle={STRINGS.title} title={STRINGS.error} />;
}
