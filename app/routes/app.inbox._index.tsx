import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  SkeletonBodyText,
  SkeletonPage,
  Tabs,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { useState } from "react";
import { z } from "zod";
import { useLiveUpdates } from "../components/useLiveUpdates";
import { db } from "../db.server";
import { env } from "../env.server";
import { INBOX_FILTERS, type InboxFilter } from "../inbox/filters";
import { listConversations } from "../inbox/inbox.server";
import { languageName } from "../inbox/languages";
import { keyRing } from "../privacy/keys.server";
import { handoffNotifications } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";
import { PageError } from "../components/page-error";
import { authenticate } from "../shopify.server";

export const STRINGS = {
  title: "Inbox",
  waitingBadge: (n: number) => `${n} waiting`,
  tabs: { waiting: "Waiting for you", open: "With the assistant", closed: "Closed", all: "All" } as Record<
    InboxFilter,
    string
  >,
  searchLabel: "Search conversations",
  searchPlaceholder: "Words, a customer's name or email, or a conversation id",
  search: "Search",
  clear: "Clear",
  searchedWindow: (n: number) => `Word searches look through your ${n} most recent conversations.`,
  settings: "Notifications and hours",
  columns: {
    shopper: "Shopper",
    status: "Status",
    language: "Language",
    latest: "Latest message",
    when: "Last activity",
  },
  guest: "Guest shopper",
  status: { waiting: "Waiting", open: "Assistant", closed: "Closed" } as Record<string, string>,
  from: { shopper: "Shopper", assistant: "Assistant", person: "You" } as Record<string, string>,
  emailOff:
    "Email alerts are not configured: set SMTP_URL on the app's server to be emailed when a shopper waits for a person.",
  empty: {
    waiting: {
      heading: "Nobody is waiting for a person",
      body: "When a shopper asks for a person, or the assistant cannot help, the conversation appears here for you to answer.",
    },
    other: {
      heading: "No conversations here",
      body: "Conversations appear once shoppers use the chat on your storefront. Try another tab or clear the search.",
    },
  },
};

const query = z.object({
  status: z.enum(INBOX_FILTERS).catch("waiting"),
  q: z.string().max(200).catch(""),
});

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const { status, q } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, notifications] = await Promise.all([
    listConversations({ db, keyRing }, session.shop, { filter: status, query: q }),
    readSetting(db, session.shop, handoffNotifications),
  ]);
  return {
    filter: status,
    q,
    ...list,
    waitingCount: list.counts.waiting,
    emailConfigured: Boolean(env.SMTP_URL),
    notificationsOn: notifications.enabled,
  };
};

export default function Inbox() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(data.q);
  useLiveUpdates(data.latestChange);

  if (navigation.state === "loading" && navigation.location.pathname !== "/app/inbox") {
    return (
      <SkeletonPage title={STRINGS.title}>
        <Card>
          <SkeletonBodyText lines={6} />
        </Card>
      </SkeletonPage>
    );
  }

  const tabs = INBOX_FILTERS.map((id) => ({
    id,
    content: id === "all" ? STRINGS.tabs[id] : `${STRINGS.tabs[id]} (${data.counts[id]})`,
  }));
  const selectTab = (index: number) => {
    const next = new URLSearchParams(params);
    next.set("status", INBOX_FILTERS[index]);
    setParams(next);
  };
  const empty = data.filter === "waiting" && !data.q ? STRINGS.empty.waiting : STRINGS.empty.other;

  return (
    <Page
      title={STRINGS.title}
      titleMetadata={
        data.waitingCount > 0 ? <Badge tone="attention">{STRINGS.waitingBadge(data.waitingCount)}</Badge> : null
      }
      secondaryActions={[{ content: STRINGS.settings, url: "/app/inbox/settings" }]}
    >
      <TitleBar title={data.waitingCount > 0 ? `${STRINGS.title} (${data.waitingCount})` : STRINGS.title} />
      <Layout>
        {!data.emailConfigured ? (
          <Layout.Section>
            <Banner tone={data.notificationsOn ? "warning" : "info"}>
              <p>{STRINGS.emailOff}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            <Tabs tabs={tabs} selected={INBOX_FILTERS.indexOf(data.filter)} onSelect={selectTab} />
            <BlockStack gap="200">
              <div style={{ padding: "12px 16px 0" }}>
                <Form method="get">
                  <input type="hidden" name="status" value={data.filter} />
                  <InlineStack gap="200" blockAlign="end" wrap={false}>
                    <div style={{ flex: 1 }}>
                      <TextField
                        label={STRINGS.searchLabel}
                        labelHidden
                        name="q"
                        value={search}
                        onChange={setSearch}
                        placeholder={STRINGS.searchPlaceholder}
                        autoComplete="off"
                        maxLength={200}
                      />
                    </div>
                    <Button submit>{STRINGS.search}</Button>
                    {data.q ? (
                      <Button url={`/app/inbox?status=${data.filter}`} variant="plain">
                        {STRINGS.clear}
                      </Button>
                    ) : null}
                  </InlineStack>
                </Form>
                {data.searchedWindow ? (
                  <Text as="p" tone="subdued">
                    {STRINGS.searchedWindow(data.searchedWindow)}
                  </Text>
                ) : null}
              </div>
              {data.rows.length === 0 ? (
                <EmptyState heading={empty.heading} image="">
                  <p>{empty.body}</p>
                </EmptyState>
              ) : (
                <IndexTable
                  resourceName={{ singular: "conversation", plural: "conversations" }}
                  itemCount={data.rows.length}
                  selectable={false}
                  headings={[
                    { title: STRINGS.columns.shopper },
                    { title: STRINGS.columns.status },
                    { title: STRINGS.columns.language },
                    { title: STRINGS.columns.latest },
                    { title: STRINGS.columns.when },
                  ]}
                >
                  {data.rows.map((row, index) => (
                    <IndexTable.Row id={row.id} key={row.id} position={index}>
                      <IndexTable.Cell>
                        <Button url={`/app/inbox/${row.id}`} variant="plain">
                          {row.customerName ?? STRINGS.guest}
                        </Button>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Badge
                          tone={row.status === "waiting" ? "attention" : row.status === "open" ? "info" : undefined}
                        >
                          {STRINGS.status[row.status]}
                        </Badge>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {row.language ? <Badge>{languageName(row.language)!}</Badge> : null}
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" truncate>
                          {row.previewRole ? `${STRINGS.from[row.previewRole] ?? row.previewRole}: ` : ""}
                          {row.preview ?? ""}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        {new Date(row.waitingSince ?? row.lastMessageAt).toLocaleString(undefined, {
                          dateStyle: "medium",
                          timeStyle: "short",
                        })}
                      </IndexTable.Cell>
                    </IndexTable.Row>
                  ))}
                </IndexTable>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  return <PageError title={"The inbox could not load"} />;
}
