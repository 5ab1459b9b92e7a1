import { useEffect, useState } from "react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  EmptyState,
  InlineError,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { SaveBar, TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { z } from "zod";
import { PageError } from "../components/page-error";
import { PAGE_TYPE_NAMES } from "../components/page-type-names";
import type { PageType } from "../recommend/rules/types";
import { db } from "../db.server";
import type { Metric } from "../experiments/ab";
import { banditSummaries } from "../experiments/bandit.server";
import {
  deleteExperiment,
  experimentResults,
  ExperimentDraftSchema,
  listExperiments,
  saveExperiment,
  startExperiment,
  stopExperiment,
} from "../experiments/store.server";
import { segmentChoices } from "../personalize/greeting.server";
import type { ValidationError } from "../personalize/validation-messages";
import { DEFAULT_WEIGHTS } from "../recommend/options";
import { STRATEGIES } from "../recommend/types";
import { greetingTemplates, segmentDefinitions, strategyWeights } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";
import { authenticate } from "../shopify.server";

export const STRINGS = {
  title: "Experiments",
  create: "Create experiment",
  emptyHeading: "Find out what works with an A/B test",
  emptyBody:
    "Test two or more greetings, or two ways of weighting recommendations, on a share of your visitors each. The results say which one converts better, and when the difference is real.",
  formHeading: "New experiment",
  name: "Name",
  kind: "What to test",
  kinds: { greeting: "Greetings", strategy: "Recommendation strategies" } as Record<string, string>,
  metric: "What counts as a success",
  metrics: {
    engagement: "The visitor writes to the assistant",
    click_through: "The visitor clicks a recommended product",
    add_to_cart: "The visitor adds a product to the cart from the chat",
    conversion: "The visitor places an order from the chat",
    revenue_per_visitor: "Revenue per visitor (orders from the chat)",
  } as Record<Metric, string>,
  segment: "Who takes part",
  everyone: "Every visitor",
  variant: (index: number) => `Variant ${String.fromCharCode(65 + index)}`,
  control: "(control)",
  variantName: "Name",
  share: "Share of traffic",
  greetingText: "Greeting",
  greetingHelp: 'Plain text with Liquid, as on the Greetings page: {{ customer.first_name | default: "there" }}',
  weightsHelp: "How much each strategy counts for this variant (0 switches it off; the shop's weights are the start).",
  strategies: {
    repurchase: "Buy again",
    personal: "For you (purchase history)",
    copurchase: "Bought together",
    complementary: "Goes with",
    content: "Similar products",
    popular: "Popular",
    trending: "Trending",
  } as Record<string, string>,
  addVariant: "Add variant",
  removeVariant: "Remove",
  splitTotal: (total: number) => `The split adds up to ${total}%`,
  save: "Save as draft",
  discard: "Discard",
  cancel: "Close",
  saved: "Experiment saved as a draft",
  started: "Experiment started",
  stopped: "Experiment stopped: its results are final",
  deleted: "Experiment deleted",
  failed: "That did not work: see the message on the page",
  start: "Start",
  stop: "Stop",
  delete: "Delete",
  status: { draft: "Draft", running: "Running", stopped: "Stopped" } as Record<string, string>,
  columns: ["Variant", "Share", "Visitors", "Successes", "Rate", "95% interval"],
  moreNeeded: (n: number) => `about ${n.toLocaleString()} more visitors per variant`,
  startedAt: (when: string) => `Started ${when}`,
  stoppedAt: (when: string) => `stopped ${when}`,
  error: "The experiments could not be loaded",
  learningHeading: "What the assistant is learning",
  learningBody:
    "When no experiment includes a visitor, the assistant favours one recommendation strategy for them and, where you wrote several greetings for the same shoppers and page, picks one of them. It learns for each group of shoppers which choice leads to conversations, clicks, add-to-carts and orders, and makes the better ones more frequent. Recent results count more than old ones.",
  learningEmpty:
    "Nothing learned yet: this fills in as shoppers who allow personalisation see recommendations, or greetings where you wrote several for the same shoppers and page.",
  learningStrategies: "Recommendation strategies",
  learningGreetings: "Greetings",
  learningColumns: ["Strategy", "Times favoured", "Success per showing"],
  learningGreetingColumns: ["Greeting", "Times shown", "Success per showing"],
  everyShopper: "Every shopper",
  everyPage: "Every page",
  deletedGreeting: "(a deleted greeting)",
  slotFor: (shown: string, segment: string) => `${shown}, learned for ${segment}`,
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const shop = await db.shop.findUnique({ where: { domain: session.shop } });
  const currency = shop?.currency ?? "USD";
  const [list, definitions, weights, learning, templates] = await Promise.all([
    listExperiments(db, session.shop),
    readSetting(db, session.shop, segmentDefinitions, { currency }),
    readSetting(db, session.shop, strategyWeights, { currency }),
    banditSummaries(db, session.shop),
    readSetting(db, session.shop, greetingTemplates, { currency }),
  ]);
  // The greeting bandit's arms are template ids: the page shows each greeting's text.
  const greetingTexts = Object.fromEntries(
    learning
      .filter((summary) => summary.kind === "greeting")
      .flatMap((summary) => summary.arms)
      .map(({ arm }) => [arm, templates.find((template) => template.id === arm)?.source ?? null]),
  );
  const experiments = await Promise.all(
    [...list].reverse().map(async (stored) => ({
      ...stored,
      results: stored.startedAt
        ? await experimentResults(db, session.shop, stored, { currency, locale: shop?.locale ?? "en" })
        : null,
    })),
  );
  return {
    experiments,
    segments: segmentChoices(definitions),
    weights: { ...DEFAULT_WEIGHTS, ...weights },
    learning,
    greetingTexts,
    locale: shop?.locale ?? "en",
    timezone: shop?.timezone ?? "UTC",
  };
};

const idForm = z.object({ intent: z.enum(["start", "stop", "delete"]), id: z.string().min(1).max(64) });

type ActionResult = { ok: true; intent: string } | { ok: false; errors: ValidationError[] };

const failed = (errors: ValidationError[], status: number) => data({ ok: false, errors } as ActionResult, status);

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const form = Object.fromEntries(await request.formData());
  const now = new Date();
  const reply = (result: { ok: true } | { ok: false; errors: ValidationError[] }, intent: string) =>
    result.ok ? ({ ok: true, intent } as ActionResult) : failed(result.errors, 422);

  if (form.intent === "save") {
    let json: unknown;
    try {
      json = JSON.parse(String(form.experiment ?? ""));
    } catch {
      return failed([{ path: [], message: "The form could not be read. Reload the page." }], 400);
    }
    const parsed = ExperimentDraftSchema.safeParse(json);
    if (!parsed.success) {
      return failed(
        parsed.error.issues.map((issue) => ({
          path: issue.path.filter((p): p is string | number => typeof p !== "symbol"),
          message: issue.message,
        })),
        400,
      );
    }
    return reply(await saveExperiment(db, session.shop, parsed.data, now), "save");
  }
  const parsed = idForm.safeParse(form);
  if (!parsed.success) {
    return failed([{ path: [], message: "Say what to do with which experiment." }], 400);
  }
  const { intent, id } = parsed.data;
  const result =
    intent === "start"
      ? await startExperiment(db, session.shop, id, now)
      : intent === "stop"
        ? await stopExperiment(db, session.shop, id, now)
        : await deleteExperiment(db, session.shop, id);
  return reply(result, intent);
};

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type VariantDraft = { name: string; percent: string; text: string; weights: Record<string, string> };
type FormDraft = {
  name: string;
  kind: "greeting" | "strategy";
  primaryMetric: Metric;
  segment: string;
  variants: VariantDraft[];
};

const newVariant = (index: number, weights: Loaded["weights"]): VariantDraft => ({
  name: STRINGS.variant(index),
  percent: "50",
  text: "",
  weights: Object.fromEntries(STRATEGIES.map((s) => [s, String(weights[s])])),
});

const newForm = (weights: Loaded["weights"]): FormDraft => ({
  name: "",
  kind: "greeting",
  primaryMetric: "engagement",
  segment: "",
  variants: [newVariant(0, weights), newVariant(1, weights)],
});

function errorAt(errors: ValidationError[] | null, path: (string | number)[]) {
  const found = errors?.filter(
    (error) => error.path.length === path.length && path.every((segment, i) => error.path[i] === segment),
  );
  return found?.length ? found.map((error) => error.message).join(" · ") : undefined;
}

export default function Experiments() {
  const { experiments, segments, weights, learning, greetingTexts, locale, timezone } = useLoaderData<typeof loader>();
  const shopify = useAppBridge();
  const save = useFetcher<typeof action>();
  const act = useFetcher<typeof action>();
  const [form, setForm] = useState<FormDraft | null>(null);
  const dirty = form !== null && JSON.stringify(form) !== JSON.stringify(newForm(weights));

  useEffect(() => {
    if (save.state !== "idle" || !save.data) return;
    if (save.data.ok) {
      setForm(null);
      shopify.toast.show(STRINGS.saved);
    } else shopify.toast.show(STRINGS.failed, { isError: true });
  }, [save.state, save.data, shopify]);

  useEffect(() => {
    if (act.state !== "idle" || !act.data) return;
    if (act.data.ok) {
      const done = { start: STRINGS.started, stop: STRINGS.stopped, delete: STRINGS.deleted }[act.data.intent];
      if (done) shopify.toast.show(done);
    } else shopify.toast.show(act.data.errors[0]?.message ?? STRINGS.failed, { isError: true });
  }, [act.state, act.data, shopify]);

  const saveErrors = save.state === "idle" && save.data && !save.data.ok ? save.data.errors : null;
  const actErrors = act.state === "idle" && act.data && !act.data.ok ? act.data.errors : null;
  const total = form ? form.variants.reduce((sum, v) => sum + (Number(v.percent) || 0), 0) : 0;

  const submit = () => {
    if (!form) return;
    const experiment = {
      name: form.name,
      kind: form.kind,
      primaryMetric: form.primaryMetric,
      segment: form.segment || null,
      variants: form.variants.map((variant) => ({
        name: variant.name,
        percent: Number(variant.percent),
        payload:
          form.kind === "greeting"
            ? variant.text
            : JSON.stringify(Object.fromEntries(STRATEGIES.map((s) => [s, Number(variant.weights[s])]))),
      })),
    };
    save.submit({ intent: "save", experiment: JSON.stringify(experiment) }, { method: "post" });
  };
  const setVariant = (index: number, patch: Partial<VariantDraft>) =>
    form && setForm({ ...form, variants: form.variants.map((v, i) => (i === index ? { ...v, ...patch } : v)) });
  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short", timeZone: timezone });
  const segmentName = (id: string | null) => (id ? (segments.find((s) => s.id === id)?.name ?? id) : STRINGS.everyone);
  const strategyLearning = learning.filter((summary) => summary.kind === "strategy");
  const greetingLearning = learning.filter((summary) => summary.kind === "greeting");
  // A greeting slot ("vip|product") and the segment its bandit learns for: a slot for
  // every shopper learns separately per segment.
  const slotName = (slotKey: string, segment: string) => {
    const [slotSegment, page] = slotKey.split("|");
    const shown = `${slotSegment === "*" ? STRINGS.everyShopper : segmentName(slotSegment)} · ${
      page === "*" ? STRINGS.everyPage : (PAGE_TYPE_NAMES[page as PageType] ?? page)
    }`;
    return slotSegment === "*"
      ? STRINGS.slotFor(shown, segment === "all" ? STRINGS.everyone : segmentName(segment))
      : shown;
  };

  const editor = form ? (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          {STRINGS.formHeading}
        </Text>
        {errorAt(saveErrors, []) ? <Banner tone="critical">{errorAt(saveErrors, [])}</Banner> : null}
        <TextField
          label={STRINGS.name}
          value={form.name}
          onChange={(name) => setForm({ ...form, name })}
          autoComplete="off"
          error={errorAt(saveErrors, ["name"])}
        />
        <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
          <Select
            label={STRINGS.kind}
            options={Object.entries(STRINGS.kinds).map(([value, label]) => ({ value, label }))}
            value={form.kind}
            onChange={(kind) =>
              setForm({
                ...form,
                kind: kind as FormDraft["kind"],
                primaryMetric: kind === "greeting" ? "engagement" : "add_to_cart",
              })
            }
          />
          <Select
            label={STRINGS.metric}
            options={Object.entries(STRINGS.metrics).map(([value, label]) => ({ value, label }))}
            value={form.primaryMetric}
            onChange={(metric) => setForm({ ...form, primaryMetric: metric as Metric })}
          />
          <Select
            label={STRINGS.segment}
            options={[{ label: STRINGS.everyone, value: "" }, ...segments.map((s) => ({ label: s.name, value: s.id }))]}
            value={form.segment}
            onChange={(segment) => setForm({ ...form, segment })}
          />
        </InlineGrid>
        {form.variants.map((variant, index) => (
          <Card key={index} background="bg-surface-secondary">
            <BlockStack gap="300">
              <InlineStack align="space-between">
                <Text as="h3" variant="headingSm">
                  {STRINGS.variant(index)} {index === 0 ? STRINGS.control : ""}
                </Text>
                {form.variants.length > 2 ? (
                  <Button
                    variant="plain"
                    tone="critical"
                    onClick={() => setForm({ ...form, variants: form.variants.filter((_, i) => i !== index) })}
                  >
                    {STRINGS.removeVariant}
                  </Button>
                ) : null}
              </InlineStack>
              <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
                <TextField
                  label={STRINGS.variantName}
                  value={variant.name}
                  onChange={(name) => setVariant(index, { name })}
                  autoComplete="off"
                  error={errorAt(saveErrors, ["variants", index, "name"])}
                />
                <TextField
                  label={STRINGS.share}
                  type="number"
                  suffix="%"
                  value={variant.percent}
                  onChange={(percent) => setVariant(index, { percent })}
                  autoComplete="off"
                  error={errorAt(saveErrors, ["variants", index, "percent"])}
                />
              </InlineGrid>
              {form.kind === "greeting" ? (
                <TextField
                  label={STRINGS.greetingText}
                  value={variant.text}
                  onChange={(text) => setVariant(index, { text })}
                  multiline={2}
                  autoComplete="off"
                  helpText={STRINGS.greetingHelp}
                  error={errorAt(saveErrors, ["variants", index, "payload"])}
                />
              ) : (
                <BlockStack gap="200">
                  <Text as="p" tone="subdued">
                    {STRINGS.weightsHelp}
                  </Text>
                  <InlineGrid columns={{ xs: 2, md: 4 }} gap="200">
                    {STRATEGIES.map((strategy) => (
                      <TextField
                        key={strategy}
                        label={STRINGS.strategies[strategy] ?? strategy}
                        type="number"
                        min={0}
                        max={10}
                        step={0.1}
                        value={variant.weights[strategy]}
                        onChange={(value) => setVariant(index, { weights: { ...variant.weights, [strategy]: value } })}
                        autoComplete="off"
                      />
                    ))}
                  </InlineGrid>
                  {errorAt(saveErrors, ["variants", index, "payload"]) ? (
                    <InlineError message={errorAt(saveErrors, ["variants", index, "payload"])!} fieldID="weights" />
                  ) : null}
                </BlockStack>
              )}
            </BlockStack>
          </Card>
        ))}
        <Text as="p" tone={total === 100 ? "subdued" : "critical"}>
          {STRINGS.splitTotal(total)}
        </Text>
        {errorAt(saveErrors, ["variants"]) ? (
          <InlineError message={errorAt(saveErrors, ["variants"])!} fieldID="variants" />
        ) : null}
        <InlineStack gap="200">
          <Button
            onClick={() =>
              setForm({ ...form, variants: [...form.variants, newVariant(form.variants.length, weights)] })
            }
            disabled={form.variants.length >= 5}
          >
            {STRINGS.addVariant}
          </Button>
          <Button variant="primary" onClick={submit} loading={save.state !== "idle"}>
            {STRINGS.save}
          </Button>
          <Button onClick={() => setForm(null)}>{STRINGS.cancel}</Button>
        </InlineStack>
      </BlockStack>
    </Card>
  ) : null;

  return (
    <Page
      title={STRINGS.title}
      primaryAction={{ content: STRINGS.create, onAction: () => setForm(newForm(weights)), disabled: form !== null }}
    >
      <TitleBar title={STRINGS.title} />
      <SaveBar id="experiment-save-bar" open={dirty}>
        {/* eslint-disable-next-line react/no-unknown-property -- App Bridge's ui-save-bar reads `variant` */}
        <button variant="primary" onClick={submit} disabled={save.state !== "idle"}>
          {STRINGS.save}
        </button>
        <button onClick={() => setForm(null)}>{STRINGS.discard}</button>
      </SaveBar>
      <Layout>
        {actErrors?.length ? (
          <Layout.Section>
            <Banner tone="critical">{actErrors.map((error) => error.message).join(" ")}</Banner>
          </Layout.Section>
        ) : null}
        {editor ? <Layout.Section>{editor}</Layout.Section> : null}
        {experiments.length === 0 && !form ? (
          <Layout.Section>
            <Card>
              <EmptyState
                heading={STRINGS.emptyHeading}
                action={{ content: STRINGS.create, onAction: () => setForm(newForm(weights)) }}
                image="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"
              >
                <p>{STRINGS.emptyBody}</p>
              </EmptyState>
            </Card>
          </Layout.Section>
        ) : null}
        {experiments.map(({ experiment, results, startedAt, stoppedAt }) => {
          const busy = act.state !== "idle" && act.formData?.get("id") === experiment.id;
          const percentOf = (weight: number) =>
            Math.round((weight / experiment.variants.reduce((sum, v) => sum + v.weight, 0)) * 100);
          const rows = experiment.variants.map((variant, index) => {
            const r = results?.variants[index];
            const rate =
              experiment.primaryMetric === "revenue_per_visitor"
                ? (r?.revenuePerVisitor ?? 0).toFixed(2)
                : `${((r?.rate ?? 0) * 100).toFixed(1)}%`;
            const interval = r?.interval
              ? `${(r.interval[0] * 100).toFixed(1)}% – ${(r.interval[1] * 100).toFixed(1)}%`
              : "—";
            return [
              `${variant.name}${index === 0 ? ` ${STRINGS.control}` : ""}`,
              `${percentOf(variant.weight)}%`,
              (r?.exposures ?? 0).toLocaleString(),
              (r?.conversions ?? 0).toLocaleString(),
              rate,
              interval,
            ];
          });
          const verdict = results?.verdict;
          return (
            <Layout.Section key={experiment.id}>
              <Card>
                <BlockStack gap="300">
                  <InlineStack align="space-between" blockAlign="center">
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="h2" variant="headingMd">
                        {experiment.name}
                      </Text>
                      <Badge
                        tone={
                          experiment.status === "running"
                            ? "success"
                            : experiment.status === "stopped"
                              ? undefined
                              : "info"
                        }
                      >
                        {STRINGS.status[experiment.status]}
                      </Badge>
                    </InlineStack>
                    <InlineStack gap="200">
                      {experiment.status === "draft" ? (
                        <Button
                          variant="primary"
                          loading={busy}
                          onClick={() => act.submit({ intent: "start", id: experiment.id }, { method: "post" })}
                        >
                          {STRINGS.start}
                        </Button>
                      ) : null}
                      {experiment.status === "running" ? (
                        <Button
                          loading={busy}
                          onClick={() => act.submit({ intent: "stop", id: experiment.id }, { method: "post" })}
                        >
                          {STRINGS.stop}
                        </Button>
                      ) : (
                        <Button
                          tone="critical"
                          variant="plain"
                          loading={busy}
                          onClick={() => act.submit({ intent: "delete", id: experiment.id }, { method: "post" })}
                        >
                          {STRINGS.delete}
                        </Button>
                      )}
                    </InlineStack>
                  </InlineStack>
                  <Text as="p" tone="subdued">
                    {STRINGS.kinds[experiment.kind]} · {STRINGS.metrics[experiment.primaryMetric]} ·{" "}
                    {segmentName(experiment.segment)}
                    {startedAt ? ` · ${STRINGS.startedAt(when(startedAt))}` : ""}
                    {stoppedAt ? `, ${STRINGS.stoppedAt(when(stoppedAt))}` : ""}
                  </Text>
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "text"]}
                    headings={STRINGS.columns}
                    rows={rows}
                  />
                  {verdict ? (
                    <Banner
                      tone={verdict.status === "winner" ? "success" : "info"}
                      title={
                        verdict.status === "not_enough_data" && results.moreVisitorsNeeded > 0
                          ? `${verdict.message}: ${STRINGS.moreNeeded(results.moreVisitorsNeeded)}`
                          : verdict.message
                      }
                    />
                  ) : null}
                </BlockStack>
              </Card>
            </Layout.Section>
          );
        })}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {STRINGS.learningHeading}
              </Text>
              <Text as="p" tone="subdued">
                {STRINGS.learningBody}
              </Text>
              {learning.length === 0 ? <Text as="p">{STRINGS.learningEmpty}</Text> : null}
              {strategyLearning.length ? (
                <Text as="h3" variant="headingSm">
                  {STRINGS.learningStrategies}
                </Text>
              ) : null}
              {strategyLearning.map(({ context, segment, arms }) => (
                <BlockStack gap="100" key={context}>
                  <Text as="h4" variant="bodyMd" fontWeight="semibold">
                    {segment === "all" ? STRINGS.everyone : segmentName(segment)}
                  </Text>
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric"]}
                    headings={STRINGS.learningColumns}
                    rows={arms.map((arm) => [
                      STRINGS.strategies[arm.arm] ?? arm.arm,
                      arm.pulls.toLocaleString(locale),
                      `${(arm.mean * 100).toFixed(1)}%`,
                    ])}
                  />
                </BlockStack>
              ))}
              {greetingLearning.length ? (
                <Text as="h3" variant="headingSm">
                  {STRINGS.learningGreetings}
                </Text>
              ) : null}
              {greetingLearning.map((summary) => (
                <BlockStack gap="100" key={summary.context}>
                  <Text as="h4" variant="bodyMd" fontWeight="semibold">
                    {slotName(summary.slotKey, summary.segment)}
                  </Text>
                  <DataTable
                    columnContentTypes={["text", "numeric", "numeric"]}
                    headings={STRINGS.learningGreetingColumns}
                    truncate
                    rows={summary.arms.map((arm) => [
                      greetingTexts[arm.arm] ?? STRINGS.deletedGreeting,
                      arm.pulls.toLocaleString(locale),
                      `${(arm.mean * 100).toFixed(1)}%`,
                    ])}
                  />
                </BlockStack>
              ))}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError pageTitle={STRINGS.title} title={STRINGS.error} />;
}
