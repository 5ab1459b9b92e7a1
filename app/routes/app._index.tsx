import { useEffect } from "react";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { authenticate } from "../shopify.server";
import { db } from "../db.server";
import { countWaiting } from "../inbox/inbox.server";
import { getShopOverview } from "../shops/overview.server";
import { getSyncStatus, type SyncRunView } from "../sync/status.server";
import type { action as syncAction } from "./app.sync";

const strings = {
  title: "Storefront assistant",
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
  const [overview, sync, waitingCount] = await Promise.all([
    getShopOverview(db, session.shop),
    getSyncStatus(db, session.shop),
    countWaiting(db, session.shop),
  ]);
  return { overview, sync, waitingCount };
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

export default function Index() {
  const { overview, waitingCount } = useLoaderData<typeof loader>();
  return (
    <Page>
      <TitleBar title={strings.title} />
      <Layout>
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
