import { memo, useCallback, useEffect, useMemo, useState, type ComponentType } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useNavigation, useRevalidator, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  ButtonGroup,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Link,
  Page,
  ProgressBar,
  SkeletonBodyText,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { PageError } from "../components/page-error";
import { authenticate } from "../shopify.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { keyRing } from "../privacy/keys.server";
import { dashboardMetrics, type DashboardMetrics } from "../analytics/dashboard.server";
import { rangeQuery, resolveRange, PRESETS } from "../analytics/range";
import { setupChecklist, type SetupChecklist } from "../analytics/setup.server";
import { countWaiting } from "../inbox/inbox.server";
import { getShopOverview } from "../shops/overview.server";
import { getSyncStatus, type SyncRunView } from "../sync/status.server";
import type { ConversationsChartProps } from "../components/ConversationsChart";
import type { action as syncAction } from "./app.sync";

const strings = {
  title: "Storefront assistant",
  setup: {
    heading: "Get your assistant ready",
    progress: (done: number, total: number) => `${done} of ${total} steps done`,
    done: "Done",
    toDo: "To do",
    embedTitle: "Turn on the chat in your theme",
    embedHelp:
      "Open the theme editor's App embeds, switch on Storefront assistant and save. We tick this once the chat has been opened on your storefront.",
    embedAction: "Open the theme editor",
    syncTitle: "Bring in your shop's data",
    syncHelp: "Products, customers and recent orders, so answers come from your shop. See the sync below.",
    faqTitle: "Add answers to common questions",
    faqHelp: (count: number) =>
      count ? `${count.toLocaleString()} FAQ entries so far.` : "Your FAQ entries answer what your policies do not.",
    faqAction: "Add FAQ entries",
    greetingTitle: "Set a greeting",
    greetingHelp: "The first thing shoppers read when they open the chat.",
    greetingAction: "Write a greeting",
  },
  performance: {
    heading: "How the assistant is doing",
    presets: { "7": "Last 7 days", "30": "Last 30 days", "90": "Last 90 days" } as Record<string, string>,
    custom: "Custom",
    from: "From",
    to: "To",
    apply: "Apply",
    rangeLabel: (from: string, to: string) => `${from} – ${to}`,
    invalidRange: "Those dates could not be used; showing the last 30 days.",
    conversations: "Conversations",
    conversationsHelp: "Chats where the shopper wrote at least once.",
    resolution: "Automated resolution",
    resolutionHelp: (n: number) => `${n.toLocaleString()} answered without a person or a miss.`,
    handoff: "Handed to a person",
    handoffHelp: (n: number) => `${n.toLocaleString()} conversations.`,
    csat: "Satisfaction (CSAT)",
    csatHelp: (ratings: number, average: number | null) =>
      ratings
        ? `${ratings.toLocaleString()} ratings, average ${average?.toFixed(1)} of 5. 4 or 5 stars count as satisfied.`
        : "No ratings yet.",
    answerRatings: "Helpful answers",
    answerRatingsHelp: (up: number, down: number) => `${up.toLocaleString()} thumbs up, ${down.toLocaleString()} down.`,
    ctr: "Product card click-through",
    ctrHelp: (clicks: number, impressions: number) =>
      `${clicks.toLocaleString()} opened of ${impressions.toLocaleString()} shown.`,
    addToCart: "Add-to-cart from chat",
    addToCartHelp: (n: number) => `${n.toLocaleString()} added from the chat's cards.`,
    consentNote: "Card figures count shoppers who allowed analytics.",
    attributed: "Orders from chats",
    attributedHelp: (orders: number) => `${orders.toLocaleString()} orders whose cart came through the chat.`,
    none: "—",
    chartHeading: "Conversations per day",
    chartConversations: "Conversations",
    chartResolved: "Resolved automatically",
    chartEmpty: "No conversations in these dates",
    emptyHeading: "No conversations in these dates",
    emptyText:
      "Once shoppers chat with the assistant on your storefront, their conversations, ratings and orders show here. Turn the chat on in your theme if you have not yet.",
    topQuestions: "Top questions",
    topQuestionsEmpty: "Questions shoppers ask most will show here.",
    unanswered: "Questions the assistant could not answer",
    unansweredCount: (n: number) => `${n.toLocaleString()} in these dates`,
    unansweredEmpty: "None in these dates.",
    unansweredHelp: "Add FAQ entries for these, or answer them from the inbox.",
    openInbox: "Open the inbox",
    openKnowledge: "Add FAQ entries",
    loadError: "This page could not load",
  },
  intents: {
    order_status: "Order status",
    cancel_order: "Cancelling an order",
    change_address: "Changing a delivery address",
    returns_refunds: "Returns and refunds",
    shipping: "Shipping and delivery",
    payment_methods: "Ways to pay",
    discounts: "Discounts and codes",
    product_search: "Finding a product",
    product_question: "Product details",
    recommendation: "Recommendations",
    store_info: "The shop (contact, hours)",
    human_handoff: "Asking for a person",
    complaint: "Problems with an order",
    account: "Accounts",
    privacy_optout: "Data and privacy",
    small_talk: "Small talk",
  } as Record<string, string>,
  installed: "Installed",
  currency: "Currency",
  timezone: "Timezone",
  notRecorded: "We have not recorded this shop yet. Reload the page to finish installing.",
  dataHeading: "Shop data the assistant answers from",
  products: "Products",
  customers: "Customers",
  orders: "Orders",
  syncNow: "Sync now",
  syncQueued: "Sync queued. It starts in a moment.",
  alreadyRunning: "A sync is already queued or running.",
  neverSynced: "Your shop's data has not been synced yet.",
  running: "Syncing",
  phase: {
    shop: "shop details and policies",
    products: "products",
    customers: "customers",
    orders: "orders",
    done: "finishing",
  } as Record<string, string>,
  waiting: (what: string, seen: number | null) =>
    seen
      ? `Shopify is preparing your ${what} (${seen.toLocaleString()} records so far).`
      : `Shopify is preparing your ${what}.`,
  storing: (done: number, total: number | null) =>
    total
      ? `Stored ${done.toLocaleString()} of ${total.toLocaleString()} records.`
      : `Stored ${done.toLocaleString()} records.`,
  lastCompleted: (when: string) => `Last sync finished ${when}.`,
  lastCounts: (run: SyncRunView) =>
    `It brought in ${run.counts.products.toLocaleString()} products, ${run.counts.customers.toLocaleString()} customers and ${run.counts.orders.toLocaleString()} orders` +
    (run.counts.removed
      ? `, and marked ${run.counts.removed.toLocaleString()} records Shopify no longer has as deleted.`
      : "."),
  failedTitle: "The last sync did not finish",
  cancelledTitle: "The last sync was stopped",
  retrying: "Shopify had a problem; we are trying again.",
  inboxHeading: "Inbox",
  waitingShoppers: (n: number) =>
    n === 1 ? "1 shopper is waiting for a person." : `${n} shoppers are waiting for a person.`,
  nobodyWaiting: "Nobody is waiting for a person.",
  waitingBadge: (n: number) => `${n} waiting`,
  openInbox: "Open inbox",
};

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [overview, sync, checklist, waitingCount] = await Promise.all([
    getShopOverview(db, session.shop),
    getSyncStatus(db, session.shop),
    setupChecklist(db, session.shop, env.SHOPIFY_API_KEY),
    countWaiting(db, session.shop),
  ]);
  const parsed = rangeQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const range = resolveRange(parsed.success ? parsed.data : { range: "30" }, overview?.timezone ?? "UTC", new Date());
  const metrics = await dashboardMetrics(db, keyRing, session.shop, range);
  return { overview, sync, checklist, metrics, waitingCount, preset: range.preset, rangeInvalid: !parsed.success };
};

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <BlockStack gap="100">
      <Text as="p" tone="subdued">
        {label}
      </Text>
      <Text as="p" variant="headingMd">
        {value}
      </Text>
    </BlockStack>
  );
}

const POLL_MS = 2_000;

function SyncCard({
  counts,
  locale,
  timezone,
}: {
  counts: Record<"products" | "customers" | "orders", number>;
  locale: string;
  timezone: string;
}) {
  const { sync } = useLoaderData<typeof loader>();
  const fetcher = useFetcher<typeof syncAction>();
  const revalidator = useRevalidator();
  const { active, last, lastCompletedAt } = sync;
  const requestedAt = fetcher.data?.at;
  // After "Sync now", keep refreshing until the queued run shows up (or a short while passes).
  const awaitingStart =
    !!requestedAt &&
    !active &&
    (!last || last.startedAt < requestedAt) &&
    Date.now() - Date.parse(requestedAt) < 30_000;
  const polling = !!active || awaitingStart;

  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [polling, revalidator]);

  const when = (iso: string) =>
    new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short", timeZone: timezone });
  const phaseLabel = active ? (strings.phase[active.phase] ?? active.phase) : "";

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {strings.dataHeading}
          </Text>
          <fetcher.Form method="post" action="/app/sync">
            <Button submit loading={fetcher.state !== "idle"} disabled={!!active}>
              {strings.syncNow}
            </Button>
          </fetcher.Form>
        </InlineStack>
        <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
          <Fact label={strings.products} value={counts.products.toLocaleString()} />
          <Fact label={strings.customers} value={counts.customers.toLocaleString()} />
          <Fact label={strings.orders} value={counts.orders.toLocaleString()} />
        </InlineGrid>
        {fetcher.data && !active ? (
          <Text as="p" tone="subdued">
            {fetcher.data.alreadyRunning ? strings.alreadyRunning : strings.syncQueued}
          </Text>
        ) : null}
        {active ? (
          <BlockStack gap="200">
            <Text as="p">
              {strings.running} {phaseLabel}…
            </Text>
            <ProgressBar progress={Math.round(active.fraction * 100)} size="small" />
            <Text as="p" tone="subdued">
              {active.waitingForShopify
                ? strings.waiting(phaseLabel, active.objectCount)
                : strings.storing(active.linesDone, active.objectCount)}
            </Text>
            {active.error ? (
              <Text as="p" tone="caution">
                {strings.retrying} {active.error}
              </Text>
            ) : null}
          </BlockStack>
        ) : null}
        {!active && last && last.status !== "completed" ? (
          <Banner
            tone={last.status === "failed" ? "critical" : "warning"}
            title={last.status === "failed" ? strings.failedTitle : strings.cancelledTitle}
          >
            <p>{last.error}</p>
          </Banner>
        ) : null}
        {lastCompletedAt ? (
          <BlockStack gap="100">
            <Text as="p">{strings.lastCompleted(when(lastCompletedAt))}</Text>
            {last && last.status === "completed" ? (
              <Text as="p" tone="subdued">
                {strings.lastCounts(last)}
              </Text>
            ) : null}
          </BlockStack>
        ) : !active ? (
          <Text as="p" tone="subdued">
            {strings.neverSynced}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function SetupCard({ checklist }: { checklist: SetupChecklist }) {
  const t = strings.setup;
  const steps = [
    {
      done: checklist.embedSeen,
      title: t.embedTitle,
      help: t.embedHelp,
      action: { label: t.embedAction, url: checklist.themeEditorUrl, external: true },
    },
    { done: checklist.syncCompleted, title: t.syncTitle, help: t.syncHelp, action: null },
    {
      done: checklist.faqEntries > 0,
      title: t.faqTitle,
      help: t.faqHelp(checklist.faqEntries),
      action: { label: t.faqAction, url: "/app/knowledge", external: false },
    },
    {
      done: checklist.greetingSet,
      title: t.greetingTitle,
      help: t.greetingHelp,
      action: { label: t.greetingAction, url: "/app/greetings", external: false },
    },
  ];
  const done = steps.filter((step) => step.done).length;
  if (done === steps.length) return null;
  return (
    <Layout.Section>
      <Card>
        <BlockStack gap="400">
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              {t.heading}
            </Text>
            <Text as="p" tone="subdued">
              {t.progress(done, steps.length)}
            </Text>
            <ProgressBar progress={(done / steps.length) * 100} size="small" tone="success" />
          </BlockStack>
          <BlockStack gap="300" as="ul">
            {steps.map((step) => (
              <Box as="li" key={step.title}>
                <InlineStack align="space-between" blockAlign="start" gap="400" wrap={false}>
                  <BlockStack gap="100">
                    <InlineStack gap="200" blockAlign="center">
                      <Badge tone={step.done ? "success" : undefined}>{step.done ? t.done : t.toDo}</Badge>
                      <Text as="h3" variant="headingSm">
                        {step.title}
                      </Text>
                    </InlineStack>
                    <Text as="p" tone="subdued">
                      {step.help}
                    </Text>
                  </BlockStack>
                  {step.action && !step.done ? (
                    <Button url={step.action.url} target={step.action.external ? "_top" : undefined}>
                      {step.action.label}
                    </Button>
                  ) : null}
                </InlineStack>
              </Box>
            ))}
          </BlockStack>
        </BlockStack>
      </Card>
    </Layout.Section>
  );
}

function Kpi({ label, value, help }: { label: string; value: string; help: string }) {
  return (
    // A fixed minimum height keeps the grid still while figures change (no layout shift).
    <Box minHeight="7.5rem" padding="400" background="bg-surface-secondary" borderRadius="200">
      <BlockStack gap="100">
        <Text as="h3" variant="bodyMd" tone="subdued">
          {label}
        </Text>
        <Text as="p" variant="headingXl">
          {value}
        </Text>
        <Text as="p" variant="bodySm" tone="subdued">
          {help}
        </Text>
      </BlockStack>
    </Box>
  );
}

const CHART_HEIGHT = "16rem";

/**
 * The chart module (polaris-viz) loads after the page has painted; its box keeps its size.
 * Memoised: a click on the range buttons re-renders the page (pending state) but not the
 * chart, which is the costliest part to draw.
 */
const ChartSlot = memo(function ChartSlot(props: ConversationsChartProps) {
  const [Chart, setChart] = useState<ComponentType<ConversationsChartProps> | null>(null);
  useEffect(() => {
    let live = true;
    import("../components/ConversationsChart").then((module) => {
      if (live) setChart(() => module.default);
    });
    return () => {
      live = false;
    };
  }, []);
  return (
    <div style={{ height: CHART_HEIGHT }} data-chart="conversations-per-day">
      {Chart ? <Chart {...props} /> : <SkeletonBodyText lines={8} />}
    </div>
  );
});

function RangePicker({ preset, metrics }: { preset: string; metrics: DashboardMetrics }) {
  const t = strings.performance;
  const [searchParams, setSearchParams] = useSearchParams();
  const navigation = useNavigation();
  const [customOpen, setCustomOpen] = useState(preset === "custom");
  const [from, setFrom] = useState(metrics.range.fromDay);
  const [to, setTo] = useState(metrics.range.toDay);
  const loading = navigation.state === "loading" && navigation.location?.pathname === "/app";
  const go = (next: Record<string, string>) => {
    const params = new URLSearchParams(searchParams);
    for (const key of ["range", "from", "to"]) params.delete(key);
    for (const [key, value] of Object.entries(next)) params.set(key, value);
    setSearchParams(params, { preventScrollReset: true });
  };
  const invalid = from > to ? "The start date must be on or before the end date." : undefined;
  return (
    <BlockStack gap="300">
      <ButtonGroup variant="segmented">
        {PRESETS.map((p) => (
          <Button
            key={p}
            pressed={preset === p && !customOpen}
            onClick={() => {
              setCustomOpen(false);
              go({ range: p });
            }}
          >
            {t.presets[p]}
          </Button>
        ))}
        <Button pressed={customOpen} onClick={() => setCustomOpen(true)}>
          {t.custom}
        </Button>
      </ButtonGroup>
      {customOpen ? (
        <InlineStack gap="300" blockAlign="end">
          <TextField label={t.from} type="date" value={from} onChange={setFrom} autoComplete="off" error={invalid} />
          <TextField label={t.to} type="date" value={to} onChange={setTo} autoComplete="off" />
          <Button
            variant="primary"
            disabled={Boolean(invalid) || !from || !to}
            loading={loading}
            onClick={() => go({ range: "custom", from, to })}
          >
            {t.apply}
          </Button>
        </InlineStack>
      ) : null}
    </BlockStack>
  );
}

function PerformanceSection({
  metrics,
  preset,
  rangeInvalid,
  locale,
  currency,
}: {
  metrics: DashboardMetrics;
  preset: string;
  rangeInvalid: boolean;
  locale: string;
  currency: string;
}) {
  const t = strings.performance;
  const navigation = useNavigation();
  const refreshing = navigation.state === "loading" && navigation.location?.pathname === "/app";
  const percent = (value: number | null) =>
    value === null ? t.none : value.toLocaleString(locale, { style: "percent", maximumFractionDigits: 1 });
  const money = (amount: string, code: string) =>
    Number(amount).toLocaleString(locale, { style: "currency", currency: code });
  const revenue = metrics.attributed.revenue.length
    ? metrics.attributed.revenue.map((r) => money(r.amount, r.currency)).join(" + ")
    : money("0", currency);
  const formatDay = useCallback(
    (day: string) =>
      new Date(`${day}T12:00:00Z`).toLocaleDateString(locale, { month: "short", day: "numeric", timeZone: "UTC" }),
    [locale],
  );
  const chart = useMemo(
    () => ({
      days: metrics.daily.map((d) => d.day),
      series: [
        { name: t.chartConversations, values: metrics.daily.map((d) => d.conversations) },
        { name: t.chartResolved, values: metrics.daily.map((d) => d.resolved) },
      ],
    }),
    [metrics.daily, t],
  );
  const { recommendations: recs } = metrics;

  return (
    <>
      <Layout.Section>
        <Card>
          <BlockStack gap="400">
            <InlineStack align="space-between" blockAlign="center" gap="400">
              <BlockStack gap="100">
                <Text as="h2" variant="headingMd">
                  {t.heading}
                </Text>
                <Text as="p" tone="subdued">
                  {t.rangeLabel(formatDay(metrics.range.fromDay), formatDay(metrics.range.toDay))}
                </Text>
              </BlockStack>
              <RangePicker key={`${metrics.range.fromDay}:${metrics.range.toDay}`} preset={preset} metrics={metrics} />
            </InlineStack>
            {rangeInvalid ? <Banner tone="warning">{t.invalidRange}</Banner> : null}
            <div style={{ opacity: refreshing ? 0.6 : 1 }} aria-busy={refreshing}>
              <InlineGrid columns={{ xs: 1, sm: 2, md: 4 }} gap="300">
                <Kpi
                  label={t.conversations}
                  value={metrics.conversations.toLocaleString(locale)}
                  help={t.conversationsHelp}
                />
                <Kpi
                  label={t.resolution}
                  value={percent(metrics.automatedResolutionRate)}
                  help={t.resolutionHelp(metrics.resolved)}
                />
                <Kpi label={t.handoff} value={percent(metrics.handoffRate)} help={t.handoffHelp(metrics.handedOff)} />
                <Kpi
                  label={t.csat}
                  value={percent(metrics.csat.rate)}
                  help={t.csatHelp(metrics.csat.ratings, metrics.csat.average)}
                />
                <Kpi
                  label={t.answerRatings}
                  value={percent(metrics.answerRatings.positiveRate)}
                  help={t.answerRatingsHelp(metrics.answerRatings.up, metrics.answerRatings.down)}
                />
                <Kpi
                  label={t.ctr}
                  value={percent(recs.clickThroughRate)}
                  help={t.ctrHelp(recs.clicks, recs.impressions)}
                />
                <Kpi label={t.addToCart} value={percent(recs.addToCartRate)} help={t.addToCartHelp(recs.addToCarts)} />
                <Kpi label={t.attributed} value={revenue} help={t.attributedHelp(metrics.attributed.orders)} />
              </InlineGrid>
            </div>
            <Text as="p" variant="bodySm" tone="subdued">
              {t.consentNote}
            </Text>
          </BlockStack>
        </Card>
      </Layout.Section>
      <Layout.Section>
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {t.chartHeading}
            </Text>
            {metrics.conversations === 0 ? (
              <Box minHeight={CHART_HEIGHT}>
                <BlockStack gap="200">
                  <Text as="h3" variant="headingSm">
                    {t.emptyHeading}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t.emptyText}
                  </Text>
                </BlockStack>
              </Box>
            ) : (
              <ChartSlot days={chart.days} series={chart.series} formatDay={formatDay} emptyText={t.chartEmpty} />
            )}
          </BlockStack>
        </Card>
      </Layout.Section>
      <Layout.Section variant="oneHalf">
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              {t.topQuestions}
            </Text>
            {metrics.topIntents.length ? (
              <BlockStack gap="200" as="ol">
                {metrics.topIntents.map((row) => (
                  <InlineStack as="li" key={row.intent} align="space-between">
                    <Text as="span">{strings.intents[row.intent] ?? row.intent.replace(/_/g, " ")}</Text>
                    <Text as="span" tone="subdued">
                      {row.count.toLocaleString(locale)}
                    </Text>
                  </InlineStack>
                ))}
              </BlockStack>
            ) : (
              <Text as="p" tone="subdued">
                {t.topQuestionsEmpty}
              </Text>
            )}
          </BlockStack>
        </Card>
      </Layout.Section>
      <Layout.Section variant="oneHalf">
        <Card>
          <BlockStack gap="300">
            <InlineStack align="space-between" blockAlign="center">
              <Text as="h2" variant="headingMd">
                {t.unanswered}
              </Text>
              <Badge tone={metrics.unanswered.total ? "attention" : undefined}>
                {t.unansweredCount(metrics.unanswered.total)}
              </Badge>
            </InlineStack>
            {metrics.unanswered.latest.length ? (
              <>
                <BlockStack gap="200" as="ul">
                  {metrics.unanswered.latest.map((row) => (
                    <Box as="li" key={`${row.conversationId}:${row.at}`}>
                      <Text as="p">{row.question}</Text>
                      <Text as="p" variant="bodySm" tone="subdued">
                        {new Date(row.at).toLocaleString(locale, {
                          dateStyle: "medium",
                          timeStyle: "short",
                          timeZone: metrics.range.timezone,
                        })}
                      </Text>
                    </Box>
                  ))}
                </BlockStack>
                <Text as="p" tone="subdued">
                  {t.unansweredHelp} <Link url="/app/knowledge">{t.openKnowledge}</Link> ·{" "}
                  <Link url="/app/inbox">{t.openInbox}</Link>
                </Text>
              </>
            ) : (
              <Text as="p" tone="subdued">
                {t.unansweredEmpty}
              </Text>
            )}
          </BlockStack>
        </Card>
      </Layout.Section>
    </>
  );
}

export default function Index() {
  const { overview, checklist, metrics, waitingCount, preset, rangeInvalid } = useLoaderData<typeof loader>();
  return (
    <Page>
      <TitleBar title={strings.title} />
      <Layout>
        <SetupCard checklist={checklist} />
        <PerformanceSection
          metrics={metrics}
          preset={preset}
          rangeInvalid={rangeInvalid}
          locale={overview?.locale ?? "en"}
          currency={overview?.currency ?? "USD"}
        />
        <Layout.Section>
          <Card>
            {overview ? (
              <BlockStack gap="400">
                <Text as="h2" variant="headingLg">
                  {overview.name}
                </Text>
                <InlineGrid columns={{ xs: 1, sm: 3 }} gap="400">
                  <Fact
                    label={strings.installed}
                    value={new Date(overview.installedAt).toLocaleDateString(overview.locale, {
                      dateStyle: "long",
                      timeZone: overview.timezone,
                    })}
                  />
                  <Fact label={strings.currency} value={overview.currency} />
                  <Fact label={strings.timezone} value={overview.timezone} />
                </InlineGrid>
              </BlockStack>
            ) : (
              <Text as="p">{strings.notRecorded}</Text>
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <InlineStack align="space-between" blockAlign="center">
              <InlineStack gap="200" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  {strings.inboxHeading}
                </Text>
                {waitingCount > 0 ? <Badge tone="attention">{strings.waitingBadge(waitingCount)}</Badge> : null}
              </InlineStack>
              <Button url="/app/inbox">{strings.openInbox}</Button>
            </InlineStack>
            <Text as="p" tone="subdued">
              {waitingCount > 0 ? strings.waitingShoppers(waitingCount) : strings.nobodyWaiting}
            </Text>
          </Card>
        </Layout.Section>
        {overview ? (
          <Layout.Section>
            <SyncCard counts={overview.counts} locale={overview.locale} timezone={overview.timezone} />
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError title={strings.performance.loadError} />;
}
