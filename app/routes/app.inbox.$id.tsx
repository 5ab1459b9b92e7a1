import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, Link, useFetcher, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  Layout,
  List,
  Page,
  SkeletonBodyText,
  SkeletonPage,
  Text,
  TextField,
} from "@shopify/polaris";
import { TitleBar, useAppBridge } from "@shopify/app-bridge-react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { useEffect, useState } from "react";
import { z } from "zod";
import { useLiveUpdates } from "../components/useLiveUpdates";
import { addPersonReply, type ChatMessage } from "../conversations/conversations.server";
import { liveBus } from "../conversations/chat.server";
import { CONVERSATION_ID_PATTERN } from "../conversations/visitor.server";
import { db } from "../db.server";
import { HttpError } from "../http/errors.server";
import { countWaiting, getConversation, setStatus } from "../inbox/inbox.server";
import { languageName } from "../inbox/languages";
import { keyRing } from "../privacy/keys.server";
import { authenticate } from "../shopify.server";

export const STRINGS = {
  back: "Inbox",
  title: (name: string | null) => (name ? `Conversation with ${name}` : "Conversation with a guest shopper"),
  status: { waiting: "Waiting for a person", open: "With the assistant", closed: "Closed" } as Record<string, string>,
  giveBack: "Give back to the assistant",
  close: "Close conversation",
  transcript: "Conversation",
  from: { shopper: "Shopper", assistant: "Assistant", person: "You" } as Record<string, string>,
  replyLabel: "Your reply",
  replyHelp: "The shopper sees it in the chat within a couple of seconds.",
  notTranslated: "Replies are sent as you write them; they are not translated.",
  writesIn: (language: string) => `This conversation is in ${language}.`,
  language: (language: string) => `Language: ${language}`,
  answeredIn: (language: string) => `Answered in ${language}`,
  send: "Send reply",
  sent: "Reply sent",
  givenBack: "The assistant answers this shopper's next message",
  closed: "Conversation closed",
  closedNote: "This conversation is closed. If the shopper writes again, the assistant answers.",
  openNote: "The assistant is answering. Replying takes the conversation over until you give it back.",
  reasons: {
    requested: "The shopper asked for a person.",
    complaint: "The shopper has a complaint.",
    misunderstood: "The assistant could not understand the shopper.",
    taken_over: "You took this conversation over.",
  } as Record<string, string>,
  waitingSince: (when: string) => `Waiting since ${when}.`,
  emailLeft: (email: string) => `Left an email for a reply: ${email}`,
  customer: "Customer",
  notLoggedIn: "The shopper was not logged in.",
  notSynced: (id: string) => `Logged in as customer ${id}, not synced yet.`,
  orders: (n: number, spent: string) => `${n} orders, ${spent} spent`,
  cart: "Cart",
  cartItems: (n: number) => `${n} items in the cart`,
  unknownProduct: "A product no longer in your catalogue",
  noCart: "The widget did not report a cart.",
  order: "Order the assistant looked up",
  products: "Products shown",
  notFoundTitle: "Conversation not found",
  notFoundBody: "It may have been deleted by the retention period or a customer's erasure request.",
};

const idParam = z.string().regex(CONVERSATION_ID_PATTERN);

const actionBody = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("reply"),
    text: z
      .string()
      .trim()
      .min(1, "Write a reply first.")
      .max(2000, "Keep a reply under 2,000 characters; send two if you need to."),
    idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "The form was out of date. Reload the page."),
  }),
  z.object({ intent: z.literal("giveBack") }),
  z.object({ intent: z.literal("close") }),
]);

const notFound = () => new Response(STRINGS.notFoundTitle, { status: 404 });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = idParam.safeParse(params.id);
  if (!id.success) throw notFound();
  try {
    const [conversation, waitingCount] = await Promise.all([
      getConversation({ db, keyRing }, session.shop, id.data),
      countWaiting(db, session.shop),
    ]);
    return { conversation, waitingCount };
  } catch (error) {
    if (error instanceof HttpError && error.code === "not_found") throw notFound();
    throw error;
  }
};

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const id = idParam.safeParse(params.id);
  if (!id.success) throw notFound();
  const parsed = actionBody.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "That did not work. Reload the page and try again.";
    return Response.json({ ok: false as const, error: message }, { status: 422 });
  }
  const deps = { db, keyRing, onActivity: (shop: string, id: string) => liveBus.publish(shop, id) };
  const input = parsed.data;
  try {
    if (input.intent === "reply") {
      const { replayed } = await addPersonReply(deps, session.shop, { conversationId: id.data, ...input });
      return { ok: true as const, intent: input.intent, replayed };
    }
    await setStatus(deps, session.shop, id.data, input.intent === "giveBack" ? "open" : "closed");
    return { ok: true as const, intent: input.intent, replayed: false };
  } catch (error) {
    if (error instanceof HttpError && error.code === "not_found") throw notFound();
    if (error instanceof HttpError) return Response.json({ ok: false as const, error: error.message }, { status: 422 });
    throw error;
  }
};

type ActionData = { ok: true; intent: string; replayed: boolean } | { ok: false; error: string };

const newKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * The language an assistant reply changed to, for a badge where a conversation switched
 * language (the shopper wrote in another one); null where it stayed the same.
 */
function languageSwitch(messages: ChatMessage[], index: number): string | null {
  const language = messages[index].role === "assistant" ? messages[index].language : null;
  if (!language) return null;
  const before = messages
    .slice(0, index)
    .reverse()
    .find((m) => m.role === "assistant" && m.language);
  return before && before.language !== language ? languageName(language) : null;
}

function Message({ message, switchedTo }: { message: ChatMessage; switchedTo: string | null }) {
  const mine = message.role === "person";
  return (
    <Box
      padding="300"
      borderRadius="200"
      background={mine ? "bg-fill-info-secondary" : message.role === "shopper" ? "bg-surface-secondary" : "bg-surface"}
      borderWidth="025"
      borderColor="border"
    >
      <BlockStack gap="100">
        <InlineStack gap="200" blockAlign="center">
          <Text as="span" variant="headingSm">
            {STRINGS.from[message.role] ?? message.role}
          </Text>
          <Text as="span" tone="subdued" variant="bodySm">
            {when(message.createdAt)}
          </Text>
          {switchedTo ? <Badge tone="info">{STRINGS.answeredIn(switchedTo)}</Badge> : null}
        </InlineStack>
        {/* Untrusted text: React renders it as text, and pre-wrap keeps the shopper's line breaks. */}
        <p style={{ whiteSpace: "pre-wrap", margin: 0 }} data-role={message.role}>
          {message.text}
        </p>
        {message.products?.length ? (
          <Text as="p" tone="subdued" variant="bodySm">
            {STRINGS.products}: {message.products.map((p) => p.title).join(", ")}
          </Text>
        ) : null}
      </BlockStack>
    </Box>
  );
}

export default function ConversationPage() {
  const { conversation, waitingCount } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const fetcher = useFetcher<ActionData>();
  const shopify = useAppBridge();
  const [draft, setDraft] = useState("");
  const [key, setKey] = useState(newKey);
  useLiveUpdates(conversation.updatedAt, conversation.id);

  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  useEffect(() => {
    if (!result?.ok) return;
    if (result.intent === "reply") {
      setDraft("");
      setKey(newKey());
      shopify.toast.show(STRINGS.sent);
    } else {
      shopify.toast.show(result.intent === "giveBack" ? STRINGS.givenBack : STRINGS.closed);
    }
  }, [result, shopify]);

  if (navigation.state === "loading" && navigation.location.pathname !== `/app/inbox/${conversation.id}`) {
    return (
      <SkeletonPage backAction>
        <Card>
          <SkeletonBodyText lines={8} />
        </Card>
      </SkeletonPage>
    );
  }

  const name = conversation.customer?.name ?? null;
  const submitting = fetcher.state !== "idle" ? fetcher.formData?.get("intent") : null;
  const act = (intent: "giveBack" | "close") => fetcher.submit({ intent }, { method: "post" });
  const closed = conversation.status === "closed";
  const language = languageName(conversation.language);

  return (
    <Page
      backAction={{ content: STRINGS.back, url: "/app/inbox" }}
      title={STRINGS.title(name)}
      titleMetadata={
        <InlineStack gap="200">
          <Badge
            tone={conversation.status === "waiting" ? "attention" : conversation.status === "open" ? "info" : undefined}
          >
            {STRINGS.status[conversation.status]}
          </Badge>
          {language ? <Badge>{STRINGS.language(language)}</Badge> : null}
        </InlineStack>
      }
      secondaryActions={[
        {
          content: STRINGS.giveBack,
          disabled: conversation.status !== "waiting",
          loading: submitting === "giveBack",
          onAction: () => act("giveBack"),
        },
        { content: STRINGS.close, disabled: closed, loading: submitting === "close", onAction: () => act("close") },
      ]}
    >
      <TitleBar title={waitingCount > 0 ? `Inbox (${waitingCount})` : "Inbox"} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result && !result.ok ? (
              <Banner tone="critical">
                <p>{result.error}</p>
              </Banner>
            ) : null}
            {closed ? (
              <Banner tone="info">
                <p>{STRINGS.closedNote}</p>
              </Banner>
            ) : conversation.status === "open" ? (
              <Banner tone="info">
                <p>{STRINGS.openNote}</p>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {STRINGS.transcript}
                </Text>
                <div role="log" aria-label={STRINGS.transcript}>
                  <BlockStack gap="200">
                    {conversation.messages.map((message, index) => (
                      <Message
                        key={message.id}
                        message={message}
                        switchedTo={languageSwitch(conversation.messages, index)}
                      />
                    ))}
                  </BlockStack>
                </div>
              </BlockStack>
            </Card>
            {!closed ? (
              <Card>
                <fetcher.Form method="post">
                  <BlockStack gap="200">
                    <input type="hidden" name="intent" value="reply" />
                    <input type="hidden" name="idempotencyKey" value={key} />
                    <TextField
                      label={STRINGS.replyLabel}
                      name="text"
                      value={draft}
                      onChange={setDraft}
                      multiline={3}
                      maxLength={2000}
                      autoComplete="off"
                      helpText={
                        <>
                          {language ? `${STRINGS.writesIn(language)} ` : ""}
                          {STRINGS.notTranslated} {STRINGS.replyHelp}
                        </>
                      }
                    />
                    <InlineStack align="end">
                      <Button submit variant="primary" loading={submitting === "reply"} disabled={!draft.trim()}>
                        {STRINGS.send}
                      </Button>
                    </InlineStack>
                  </BlockStack>
                </fetcher.Form>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            {conversation.status === "waiting" ? (
              <Card>
                <BlockStack gap="100">
                  <Text as="p">{STRINGS.reasons[conversation.handoffReason ?? ""] ?? STRINGS.status.waiting}</Text>
                  {conversation.handoffAt ? (
                    <Text as="p" tone="subdued">
                      {STRINGS.waitingSince(when(conversation.handoffAt))}
                    </Text>
                  ) : null}
                  {conversation.handoffEmail ? (
                    <Text as="p">{STRINGS.emailLeft(conversation.handoffEmail)}</Text>
                  ) : null}
                </BlockStack>
              </Card>
            ) : null}
            <Card>
              <BlockStack gap="100">
                <Text as="h2" variant="headingMd">
                  {STRINGS.customer}
                </Text>
                {conversation.customer ? (
                  <>
                    <Text as="p">{conversation.customer.name ?? conversation.customer.id}</Text>
                    {conversation.customer.email ? <Text as="p">{conversation.customer.email}</Text> : null}
                    {conversation.customer.phone ? <Text as="p">{conversation.customer.phone}</Text> : null}
                    <Text as="p" tone="subdued">
                      {STRINGS.orders(
                        conversation.customer.numberOfOrders,
                        `${conversation.customer.amountSpent} ${conversation.customer.currency ?? ""}`.trim(),
                      )}
                    </Text>
                    {conversation.customer.tags.length ? (
                      <InlineStack gap="100">
                        {conversation.customer.tags.map((tag) => (
                          <Badge key={tag}>{tag}</Badge>
                        ))}
                      </InlineStack>
                    ) : null}
                  </>
                ) : (
                  <Text as="p" tone="subdued">
                    {conversation.customerId ? STRINGS.notSynced(conversation.customerId) : STRINGS.notLoggedIn}
                  </Text>
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="100">
                <Text as="h2" variant="headingMd">
                  {STRINGS.cart}
                </Text>
                {conversation.cart ? (
                  <>
                    <Text as="p">{STRINGS.cartItems(conversation.cart.itemCount)}</Text>
                    <List>
                      {conversation.cart.products.map((p) => (
                        <List.Item key={p.id}>{p.title ?? STRINGS.unknownProduct}</List.Item>
                      ))}
                    </List>
                  </>
                ) : (
                  <Text as="p" tone="subdued">
                    {STRINGS.noCart}
                  </Text>
                )}
              </BlockStack>
            </Card>
            {conversation.order ? (
              <Card>
                <BlockStack gap="100">
                  <Text as="h2" variant="headingMd">
                    {STRINGS.order}
                  </Text>
                  <Text as="p">
                    {conversation.order.name}: {conversation.order.statusText}
                  </Text>
                  <List>
                    {conversation.order.items.map((item, index) => (
                      <List.Item key={index}>
                        {item.quantity} × {item.title}
                      </List.Item>
                    ))}
                  </List>
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <Page backAction={{ content: STRINGS.back, url: "/app/inbox" }} title={STRINGS.notFoundTitle}>
        <Card>
          <BlockStack gap="200">
            <Text as="p">{STRINGS.notFoundBody}</Text>
            <Link to="/app/inbox">{STRINGS.back}</Link>
          </BlockStack>
        </Card>
      </Page>
    );
  }
  return boundary.error(error);
}
