import type {
  AssistantReply,
  AssistantResult,
  AssistantTurn,
  ConversationState,
  PageType,
} from "../assistant/contract";
import type { Db } from "../db.server";
import { HttpError } from "../http/errors.server";
import { decrypt, encrypt, lookupHash, type KeyRing } from "../privacy/crypto.server";
import { findInstalledShop, type ShopRow } from "../shops/shops.server";
import { RULE_PAGE } from "../assistant/contract";
import { rewardVisitor } from "../experiments/bandit.server";
import { recordOutcome } from "../experiments/store.server";
import { sessionGreeting } from "../personalize/greeting.server";
import { isTrackingOff } from "./preferences.server";
import {
  enforceRateLimits,
  withShopRules,
  type RateKind,
  type RateLimiter,
  type RateRule,
  type RateSubject,
} from "./rate-limit.server";
import { llmProvider, privacySettings } from "../settings/definitions.server";
import { readSetting } from "../settings/store.server";
import { redactContactDetails } from "../privacy/redact";
import { getAssistantSettings, isWithinBusinessHours, nextOpening } from "./settings.server";
import { newConversationId, type VisitorTokens } from "./visitor.server";

/** Everything the storefront chat needs from outside; tests pass their own. */
export interface ChatDeps {
  db: Db;
  keyRing: KeyRing;
  tokens: VisitorTokens;
  limiter: RateLimiter;
  /** This shop's shop-wide buckets (its setting, or sized from capacity); RATE_LIMITS' when absent. */
  shopRules?: (shop: string) => Promise<Record<RateKind, RateRule>>;
  respond: (db: Db, turn: AssistantTurn) => Promise<AssistantResult>;
  now?: () => Date;
  /** How long a retried send waits for the first attempt's reply before answering itself. */
  replyWaitMs?: number;
  /** A message was added to a conversation: wakes the merchant's inbox (app/inbox/live.server.ts). */
  onActivity?: (shop: string, conversationId: string) => void;
  /** A conversation started waiting for a person: queues the merchant's email. */
  onHandoff?: (shop: string, conversationId: string) => Promise<unknown>;
}

/** Who is asking, as the app proxy signed it, plus the address for rate limits. */
export interface StorefrontCaller {
  shop: string;
  customerId: string | null;
  ip: string | null;
  /** The shop's row when the request's authentication already read it. */
  installed?: ShopRow;
}

export type MessageRole = "shopper" | "assistant" | "person";
export type ConversationStatus = "open" | "waiting" | "closed";

/** A message as the widget renders it. Assistant messages carry the reply's structure. */
export interface ChatMessage {
  id: string;
  seq: number;
  role: MessageRole;
  text: string;
  createdAt: string;
  /** Thumbs on an assistant message: 1, -1 or null. */
  feedback: number | null;
  intent?: string | null;
  resolved?: boolean;
  products?: AssistantReply["products"];
  order?: AssistantReply["order"];
  sources?: AssistantReply["sources"];
  suggestions?: string[];
  handoff?: AssistantReply["handoff"];
  correction?: AssistantReply["correction"];
  /** The language an assistant reply was written in, where the engine said. */
  language?: string | null;
}

export interface ConversationView {
  id: string;
  status: ConversationStatus;
  /** Set while the conversation waits for a person. */
  handoff: {
    reason: string | null;
    online: boolean;
    emailSaved: boolean;
    /** While nobody is online: when someone is next expected (ISO), or null if never. */
    backAt: string | null;
    /** The merchant's words for a shopper waiting out of hours, or null for the widget's own. */
    offlineMessage: string | null;
  } | null;
  rating: number | null;
}

/** Handoff reasons after which the bot steps back and a person answers in this conversation. */
const WAITING_REASONS = new Set(["requested", "complaint", "misunderstood"]);
/** A conversation idle longer than this is not resumed (unless it waits for a person). */
export const RESUME_WINDOW_MS = 24 * 60 * 60 * 1000;
export const HISTORY_LIMIT = 50;
export const MAX_MESSAGE_LENGTH = 1000;

const notFound = () =>
  new HttpError("not_found", "This conversation is no longer available. Close the chat and open it again.");

const nowOf = (deps: Pick<ChatDeps, "now">) => deps.now?.() ?? new Date();

// ---- Sessions ------------------------------------------------------------------------

export interface SessionInput {
  visitorToken?: string | null;
  conversationId?: string | null;
  locale?: string | null;
  page?: { type: string; productId?: string | null } | null;
}

export interface SessionView {
  visitorToken: string;
  conversation: ConversationView;
  messages: ChatMessage[];
  greeting: string | null;
  suggestions: string[] | null;
  shop: { name: string; currency: string; locale: string };
  loggedIn: boolean;
  /** The shopper chose "Don't use my data" (here, or as this customer elsewhere). */
  trackingOff: boolean;
  maxMessageLength: number;
  /** The merchant's privacy choices the widget applies (app/routes/app.privacy.tsx). */
  privacy: { disclosure: string | null; requireConsent: boolean };
}

/**
 * Opens the chat: proves or issues the visitor's token, resumes the visitor's recent
 * conversation when the widget names one it owns, otherwise starts a new one.
 */
export async function startSession(
  deps: ChatDeps,
  caller: StorefrontCaller,
  input: SessionInput,
): Promise<SessionView> {
  const { db } = deps;
  const now = nowOf(deps);
  let visitorId = deps.tokens.verify(caller.shop, input.visitorToken);
  let visitorToken = input.visitorToken ?? "";
  await limit(deps, "read", { shop: caller.shop, visitorId, ip: caller.ip });
  if (!visitorId) ({ visitorId, token: visitorToken } = deps.tokens.issue(caller.shop));

  const shop = caller.installed ?? (await findInstalledShop(db, caller.shop));
  if (!shop) throw new HttpError("not_found", "The assistant is not available in this shop.");
  const [settings, privacy] = await Promise.all([
    getAssistantSettings(db, caller.shop),
    readSetting(db, caller.shop, privacySettings),
  ]);

  let conversation = input.conversationId
    ? await db.conversation.findFirst({ where: { id: input.conversationId, visitorId, shop: caller.shop } })
    : null;
  const resumable =
    conversation &&
    conversation.status !== "closed" &&
    (conversation.status === "waiting" || now.getTime() - conversation.lastMessageAt.getTime() < RESUME_WINDOW_MS);
  if (!resumable) {
    conversation = await db.conversation.create({
      data: {
        id: newConversationId(),
        shop: caller.shop,
        visitorId,
        customerId: caller.customerId,
        locale: normaliseLocale(input.locale) ?? shop.locale,
        language: languageOfLocale(normaliseLocale(input.locale) ?? shop.locale),
        lastMessageAt: now,
      },
    });
  } else {
    // The visitor may have logged in (the conversation is now theirs as a customer too) or
    // switched the store's language since.
    const locale = normaliseLocale(input.locale);
    const customerId = caller.customerId ?? conversation!.customerId;
    if (customerId !== conversation!.customerId || (locale && locale !== conversation!.locale)) {
      conversation = await db.conversation.update({
        where: { id: conversation!.id },
        // A storefront switched to another language: the shopper reads that one now.
        data: {
          customerId,
          locale: locale ?? conversation!.locale,
          ...(locale && locale !== conversation!.locale ? { language: languageOfLocale(locale) } : {}),
        },
      });
    }
  }
  const trackingOff = await isTrackingOff(db, caller.shop, { visitorId, customerId: caller.customerId });
  const [messages, greeting] = await Promise.all([
    // A conversation just started has nothing to read back.
    conversation!.messageCount === 0
      ? []
      : db.message.findMany({
          where: { shop: caller.shop, conversationId: conversation!.id },
          orderBy: { seq: "desc" },
          take: HISTORY_LIMIT,
        }),
    sessionGreeting(db, {
      keyRing: deps.keyRing,
      shop: { domain: shop.domain, name: shop.name, currency: shop.currency, timezone: shop.timezone },
      visitorId,
      customerId: caller.customerId,
      trackingOff,
      pageType: RULE_PAGE[pageType(input.page?.type ?? "other")],
      productId: productGid(input.page?.productId),
      now,
    }),
  ]);
  return {
    visitorToken,
    conversation: conversationView(conversation!, settings, now),
    messages: messages.reverse().map((m) => messageView(deps.keyRing, m)),
    greeting: greeting?.text ?? settings.greeting,
    suggestions: settings.suggestions,
    shop: { name: shop.name ?? shop.domain, currency: shop.currency, locale: shop.locale },
    loggedIn: caller.customerId !== null,
    trackingOff,
    maxMessageLength: MAX_MESSAGE_LENGTH,
    privacy: { disclosure: privacy.disclosure, requireConsent: privacy.requireConsent },
  };
}

// ---- Sending a message -----------------------------------------------------------------

export interface SendInput {
  conversationId: string;
  visitorToken: string;
  idempotencyKey: string;
  text: string;
  /** The Customer Privacy API allowed analytics on the page the message was sent from. */
  consent?: boolean;
  page?: { type: string; productId?: string | null } | null;
  cart?: { productIds: string[]; itemCount: number } | null;
}

export interface SendResult {
  message: ChatMessage;
  /** The assistant's answer, or null while a person is to answer. */
  reply: ChatMessage | null;
  conversation: ConversationView;
  /** True when this send was a retry of one already stored. */
  replayed: boolean;
}

/**
 * One chat turn. The assistant answers first (it only reads), then one short write
 * transaction stores the shopper's message, the reply and the dialogue state together:
 * acknowledged means both are stored, and a failure stores neither, so the widget's retry
 * starts the turn afresh. A person's conversation (waiting) stores the message alone,
 * queued for them.
 *
 * Retries: the shopper message is unique per idempotency key, so a retry of a stored turn
 * (or one racing the first attempt) fails that insert and answers with what the first
 * stored. A message stored as pending by an earlier version of this function (message
 * first, reply after) is still answered: its retry waits for the reply, and answers itself
 * only if none comes.
 */
export async function sendMessage(deps: ChatDeps, caller: StorefrontCaller, input: SendInput): Promise<SendResult> {
  const { db, keyRing } = deps;
  const visitorId = deps.tokens.verify(caller.shop, input.visitorToken);
  await limit(deps, "send", { shop: caller.shop, visitorId, ip: caller.ip });
  const conversation = await ownedConversation(db, caller.shop, input.conversationId, visitorId);
  const now = nowOf(deps);
  const stored = await transcriptText(db, caller.shop);
  const shopperData = {
    shop: caller.shop,
    role: "shopper" as const,
    text: encrypt(keyRing, stored(input.text)),
    // Where the shopper was and what their cart held, for the person who may take over.
    payload: input.page || input.cart ? encrypt(keyRing, JSON.stringify(shopperContext(input))) : null,
    idempotencyKey: input.idempotencyKey,
  };

  // A retry racing its first attempt on this instance waits for it rather than asking the
  // assistant (maybe a paid language model) a second time. Across instances both answer and
  // the unique key keeps one; the other gets the stored pair.
  const flightKey = `${caller.shop}\n${conversation.id}\n${input.idempotencyKey}`;
  const first = turnsInFlight.get(flightKey);
  if (first) {
    const answered = await first.catch(() => null);
    if (answered) return { ...answered, replayed: true };
  }
  const attempt = storeOrReplay(deps, caller, conversation, input, shopperData, now);
  turnsInFlight.set(flightKey, attempt);
  try {
    return await attempt;
  } finally {
    if (turnsInFlight.get(flightKey) === attempt) turnsInFlight.delete(flightKey);
  }
}

const turnsInFlight = new Map<string, Promise<SendResult>>();

async function storeOrReplay(
  deps: ChatDeps,
  caller: StorefrontCaller,
  conversation: ConversationRow,
  input: SendInput,
  shopperData: { shop: string; role: "shopper"; text: string; payload: string | null; idempotencyKey: string },
  now: Date,
): Promise<SendResult> {
  const { db, keyRing } = deps;
  let turn: StoredTurn;
  try {
    if (conversation.status === "waiting") {
      const queued = await appendMessage(db, conversation.id, { ...shopperData, turn: "queued" }, now);
      turn = {
        message: queued.message,
        reply: null,
        conversation: queued.conversation,
        replayed: false,
        handsOff: false,
      };
    } else {
      // Writing to the assistant is the greeting experiment's outcome ("engaged"), and the
      // greeting bandit's click for the variant that opened this chat. Both count once per
      // visitor, so a retry recording them again changes nothing.
      const [answered] = await Promise.all([
        think(deps, caller, conversation, input, now),
        recordOutcome(db, caller.shop, conversation.visitorId, { type: "engaged", at: now }),
        rewardVisitor(db, caller.shop, conversation.visitorId, "click", { kinds: ["greeting"], now }),
      ]);
      turn = await storeTurn(deps, conversation, shopperData, answered, now);
    }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    turn = await replayTurn(deps, caller, conversation, input);
  }
  if (!turn.replayed) await afterTurn(deps, caller.shop, conversation.id, turn.handsOff);
  return {
    message: messageView(keyRing, turn.message),
    reply: turn.reply ? messageView(keyRing, turn.reply) : null,
    conversation: await viewOf(db, caller.shop, turn.conversation, now),
    replayed: turn.replayed,
  };
}

type ConversationRow = NonNullable<Awaited<ReturnType<Db["conversation"]["findFirst"]>>>;
type MessageRow = NonNullable<Awaited<ReturnType<Db["message"]["findFirst"]>>>;

interface StoredTurn {
  message: MessageRow;
  reply: MessageRow | null;
  conversation: ConversationRow;
  replayed: boolean;
  /** This turn handed the conversation to a person. */
  handsOff: boolean;
}

interface Thought {
  reply: AssistantReply;
  state: ConversationState;
  handsOff: boolean;
}

/** The assistant's answer to the shopper's words; reads only. */
async function think(
  deps: ChatDeps,
  caller: StorefrontCaller,
  conversation: ConversationRow,
  input: SendInput,
  now: Date,
  before?: number,
): Promise<Thought> {
  const { db, keyRing } = deps;
  const [trackingOff, llm] = await Promise.all([
    isTrackingOff(db, caller.shop, { visitorId: conversation.visitorId, customerId: caller.customerId }),
    readSetting(db, caller.shop, llmProvider),
  ]);
  // The last few messages, for the optional language model (the embedded engine reads the
  // state instead, so without a model they are not read at all).
  const previous = llm.enabled
    ? await db.message.findMany({
        where: { shop: caller.shop, conversationId: conversation.id, ...(before ? { seq: { lt: before } } : {}) },
        orderBy: { seq: "desc" },
        take: 8,
        select: { role: true, text: true },
      })
    : [];
  const turn: AssistantTurn = {
    shop: caller.shop,
    conversationId: conversation.id,
    history: previous.reverse().map((m) => ({
      role: m.role === "shopper" ? ("user" as const) : ("assistant" as const),
      content: decrypt(keyRing, m.text),
    })),
    customerId: caller.customerId,
    visitorId: conversation.visitorId,
    // The words as typed, not the stored (possibly redacted) copy: an order lookup needs the email.
    text: input.text,
    locale: conversation.locale,
    page: input.page ? { type: pageType(input.page.type), productId: productGid(input.page.productId) } : undefined,
    cart: input.cart
      ? {
          productIds: input.cart.productIds.map(productGid).filter((id): id is string => id !== null),
          itemCount: input.cart.itemCount,
        }
      : undefined,
    personalization: input.consent === true && !trackingOff,
    state: parseState(conversation.state),
    now,
  };
  const { reply, state } = await deps.respond(db, turn);
  const handsOff = Boolean(
    reply.handoff && WAITING_REASONS.has(reply.handoff.reason) && conversation.status !== "waiting",
  );
  return { reply, state, handsOff };
}

/** What the conversation row takes from an answered turn. */
function conversationChanges({ reply, state, handsOff }: Thought, now: Date) {
  return {
    lastMessageAt: now,
    state: JSON.stringify(state),
    ...(handsOff ? { status: "waiting", handoffReason: reply.handoff!.reason, handoffAt: now } : {}),
    ...(languageOfLocale(reply.language) ? { language: languageOfLocale(reply.language) } : {}),
  };
}

function replyData(keyRing: KeyRing, shop: string, conversationId: string, { reply }: Thought) {
  const { text, ...structure } = reply;
  return {
    shop,
    conversationId,
    role: "assistant",
    text: encrypt(keyRing, text),
    payload: encrypt(keyRing, JSON.stringify(structure)),
    intent: reply.intent,
    resolved: reply.resolved,
    language: languageOfLocale(reply.language),
  };
}

/** The shopper's message and its answer in one short transaction: three statements. */
async function storeTurn(
  deps: ChatDeps,
  conversation: ConversationRow,
  shopperData: { shop: string; role: "shopper"; text: string; payload: string | null; idempotencyKey: string },
  thought: Thought,
  now: Date,
): Promise<StoredTurn> {
  const { db, keyRing } = deps;
  const reply = replyData(keyRing, shopperData.shop, conversation.id, thought);
  return db.$transaction(async (tx) => {
    // The counter's update takes the conversation's write lock: concurrent turns get their places in turn.
    const updated = await tx.conversation.update({
      where: { id: conversation.id },
      data: {
        messageCount: { increment: 2 },
        ...conversationChanges(thought, now),
        // A closed conversation the shopper writes in again is open again.
        ...(conversation.status === "closed" && !thought.handsOff ? { status: "open" } : {}),
      },
    });
    const message = await tx.message.create({
      data: {
        ...shopperData,
        conversationId: conversation.id,
        seq: updated.messageCount - 1,
        turn: "answered",
        createdAt: now,
      },
    });
    const created = await tx.message.create({
      data: { ...reply, seq: updated.messageCount, replyToId: message.id, createdAt: now },
    });
    return { message, reply: created, conversation: updated, replayed: false, handsOff: thought.handsOff };
  });
}

/** A retried send: what the first attempt stored (answering a pending one if its answer never came). */
async function replayTurn(
  deps: ChatDeps,
  caller: StorefrontCaller,
  conversation: ConversationRow,
  input: SendInput,
): Promise<StoredTurn> {
  const { db, keyRing } = deps;
  const key = { shop: caller.shop, conversationId: conversation.id, idempotencyKey: input.idempotencyKey };
  const message = await db.message.findUniqueOrThrow({ where: { shop_conversationId_idempotencyKey: key } });
  let reply: MessageRow | null = null;
  let handsOff = false;
  if (message.turn !== "queued") {
    reply = await waitForReply(deps, message.id, message.turn === "pending" ? (deps.replyWaitMs ?? 8000) : 0);
    if (!reply) {
      // Stored and never answered (the attempt that stored it died): answer it now.
      const current = await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
      const thought = await think(deps, caller, current, input, nowOf(deps), message.seq);
      try {
        reply = await db.$transaction(async (tx) => {
          const { messageCount } = await tx.conversation.update({
            where: { id: conversation.id },
            data: { messageCount: { increment: 1 }, ...conversationChanges(thought, nowOf(deps)) },
            select: { messageCount: true },
          });
          const created = await tx.message.create({
            data: {
              ...replyData(keyRing, caller.shop, conversation.id, thought),
              seq: messageCount,
              replyToId: message.id,
              createdAt: nowOf(deps),
            },
          });
          await tx.message.update({ where: { id: message.id }, data: { turn: "answered" } });
          return created;
        });
        handsOff = thought.handsOff;
        await afterTurn(deps, caller.shop, conversation.id, handsOff);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        reply = await db.message.findUniqueOrThrow({ where: { replyToId: message.id } });
      }
    }
  }
  const latest = await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
  return { message, reply, conversation: latest, replayed: true, handsOff };
}

/** After a stored turn: wake the merchant's inbox, and queue their email when a person is wanted. */
async function afterTurn(deps: ChatDeps, shop: string, conversationId: string, handsOff: boolean) {
  deps.onActivity?.(shop, conversationId);
  if (handsOff && deps.onHandoff) {
    // The merchant's email goes out from a job; a queue that is down must not lose the turn.
    await deps.onHandoff(shop, conversationId).catch((error) => {
      console.warn(`could not queue the handoff notification for ${shop}`, error);
    });
  }
}

/** What a shopper message carries besides its words (Message.payload of a shopper message). */
export interface ShopperContext {
  page: { type: PageType; productId: string | null } | null;
  cart: { productIds: string[]; itemCount: number } | null;
}

function shopperContext(input: SendInput): ShopperContext {
  return {
    page: input.page ? { type: pageType(input.page.type), productId: productGid(input.page.productId) } : null,
    cart: input.cart
      ? {
          productIds: input.cart.productIds.map(productGid).filter((id): id is string => id !== null),
          itemCount: input.cart.itemCount,
        }
      : null,
  };
}

/**
 * How a shopper's words are stored in this shop: as typed, or with contact details masked.
 * Replies (the assistant's, a person's) are the shop's words, often its own phone number,
 * and are stored as written.
 */
async function transcriptText(db: Db, shop: string): Promise<(text: string) => string> {
  const { redactTranscripts } = await readSetting(db, shop, privacySettings);
  return redactTranscripts ? redactContactDetails : (text) => text;
}

async function waitForReply(deps: ChatDeps, shopperMessageId: string, waitMs: number): Promise<MessageRow | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const reply = await deps.db.message.findUnique({ where: { replyToId: shopperMessageId } });
    if (reply || Date.now() >= deadline) return reply;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---- History and polling ---------------------------------------------------------------

export interface HistoryInput {
  conversationId: string;
  visitorToken: string;
  /** Only messages after this place in the conversation (the last one the widget shows). */
  after?: number;
}

export async function listMessages(
  deps: ChatDeps,
  caller: StorefrontCaller,
  input: HistoryInput,
): Promise<{ messages: ChatMessage[]; conversation: ConversationView }> {
  const visitorId = deps.tokens.verify(caller.shop, input.visitorToken);
  await limit(deps, "read", { shop: caller.shop, visitorId, ip: caller.ip });
  const conversation = await ownedConversation(deps.db, caller.shop, input.conversationId, visitorId);
  const rows = await deps.db.message.findMany({
    where: { shop: caller.shop, conversationId: conversation.id, seq: { gt: input.after ?? 0 } },
    orderBy: { seq: "asc" },
    take: HISTORY_LIMIT,
  });
  return {
    messages: rows.map((row) => messageView(deps.keyRing, row)),
    conversation: await viewOf(deps.db, caller.shop, conversation, nowOf(deps)),
  };
}

// ---- Feedback, rating, handoff email ---------------------------------------------------

export type FeedbackInput = { conversationId: string; visitorToken: string } & (
  { messageId: string; value: "up" | "down" | null } | { rating: number }
);

export async function giveFeedback(deps: ChatDeps, caller: StorefrontCaller, input: FeedbackInput) {
  const { db } = deps;
  const visitorId = deps.tokens.verify(caller.shop, input.visitorToken);
  await limit(deps, "write", { shop: caller.shop, visitorId, ip: caller.ip });
  const conversation = await ownedConversation(db, caller.shop, input.conversationId, visitorId);
  const now = nowOf(deps);
  if ("rating" in input) {
    await db.conversation.update({ where: { id: conversation.id }, data: { rating: input.rating, ratedAt: now } });
    return { ok: true as const };
  }
  const feedback = input.value === "up" ? 1 : input.value === "down" ? -1 : null;
  const updated = await db.message.updateMany({
    where: { id: input.messageId, shop: caller.shop, conversationId: conversation.id, role: "assistant" },
    data: { feedback, feedbackAt: feedback === null ? null : now },
  });
  if (updated.count === 0) throw new HttpError("not_found", "That answer is no longer available.");
  return { ok: true as const };
}

export async function saveHandoffEmail(
  deps: ChatDeps,
  caller: StorefrontCaller,
  input: { conversationId: string; visitorToken: string; email: string },
) {
  const { db, keyRing } = deps;
  const visitorId = deps.tokens.verify(caller.shop, input.visitorToken);
  await limit(deps, "write", { shop: caller.shop, visitorId, ip: caller.ip });
  const conversation = await ownedConversation(db, caller.shop, input.conversationId, visitorId);
  if (conversation.status !== "waiting") {
    throw new HttpError("validation_failed", "This conversation is not waiting for a person.");
  }
  await db.conversation.update({
    where: { id: conversation.id },
    data: { handoffEmail: encrypt(keyRing, input.email.trim()), handoffEmailHash: lookupHash(keyRing, input.email) },
  });
  return { ok: true as const };
}

// ---- A person's reply (the inbox) ---------------------------------------------------

export interface PersonReplyInput {
  conversationId: string;
  text: string;
  /** From the inbox's form: a resubmitted reply is stored once. */
  idempotencyKey: string;
}

/**
 * Appends a reply from the shop's staff; the widget picks it up by polling. A person
 * answering takes the conversation over: it waits on people, not the bot, until the
 * merchant gives it back. A closed conversation takes no replies (the shopper's widget
 * has moved on to a new one and would never show it).
 */
export async function addPersonReply(
  deps: Pick<ChatDeps, "db" | "keyRing" | "now" | "onActivity">,
  shop: string,
  input: PersonReplyInput,
): Promise<{ message: ChatMessage; replayed: boolean }> {
  const { db, keyRing } = deps;
  const conversation = await db.conversation.findFirst({ where: { id: input.conversationId, shop } });
  if (!conversation) throw notFound();
  const key = { shop, conversationId: conversation.id, idempotencyKey: input.idempotencyKey };
  const existing = await db.message.findUnique({ where: { shop_conversationId_idempotencyKey: key } });
  if (existing) return { message: messageView(keyRing, existing), replayed: true };
  if (conversation.status === "closed") {
    throw new HttpError("validation_failed", "This conversation is closed, so the shopper would not see a reply.");
  }
  const now = nowOf(deps);
  let row: MessageRow;
  try {
    ({ message: row } = await appendMessage(
      db,
      conversation.id,
      // The shop's own words (its phone number, its address) are not masked: only the shopper's are.
      { shop, role: "person", text: encrypt(keyRing, input.text), idempotencyKey: input.idempotencyKey },
      now,
      conversation.status === "waiting" ? {} : { status: "waiting", handoffReason: "taken_over", handoffAt: now },
    ));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return {
      message: messageView(
        keyRing,
        await db.message.findUniqueOrThrow({ where: { shop_conversationId_idempotencyKey: key } }),
      ),
      replayed: true,
    };
  }
  deps.onActivity?.(shop, conversation.id);
  return { message: messageView(keyRing, row), replayed: false };
}

// ---- Helpers -------------------------------------------------------------------------

/** The storefront's rate limits for this request, with the shop's own shop-wide buckets. */
export async function limit(deps: Pick<ChatDeps, "limiter" | "shopRules">, kind: RateKind, subject: RateSubject) {
  const shop = await deps.shopRules?.(subject.shop);
  await enforceRateLimits(deps.limiter, kind, subject, shop ? withShopRules(shop) : undefined);
}

/**
 * The conversation if it exists in this shop and belongs to this visitor. Every other
 * case (unknown id, another visitor's, another shop's, a forged token) answers the same,
 * so a guessed or stolen id reveals nothing, not even that it exists.
 */
async function ownedConversation(db: Db, shop: string, conversationId: string, visitorId: string | null) {
  if (!visitorId) throw notFound();
  const conversation = await db.conversation.findFirst({ where: { id: conversationId, visitorId, shop } });
  if (!conversation) throw notFound();
  return conversation;
}

/** Appends a message at the conversation's next place; the counter's update serialises writers. */
async function appendMessage(
  db: Db,
  conversationId: string,
  data: {
    shop: string;
    role: MessageRole;
    text: string;
    payload?: string | null;
    idempotencyKey?: string;
    turn?: string;
  },
  now: Date,
  conversationUpdate: { status?: ConversationStatus; handoffReason?: string; handoffAt?: Date } = {},
) {
  return db.$transaction(async (tx) => {
    const conversation = await tx.conversation.update({
      where: { id: conversationId },
      data: { messageCount: { increment: 1 }, lastMessageAt: now, ...conversationUpdate },
    });
    const message = await tx.message.create({
      data: { ...data, conversationId, seq: conversation.messageCount, createdAt: now },
    });
    return { message, conversation };
  });
}

/** The widget's view of a conversation; the shop's hours are read only when someone waits on them. */
async function viewOf(db: Db, shop: string, row: ConversationRow, now: Date): Promise<ConversationView> {
  const settings = row.status === "waiting" ? await getAssistantSettings(db, shop) : null;
  return conversationView(row, settings, now);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

export function messageView(ring: KeyRing, row: MessageRow): ChatMessage {
  const view: ChatMessage = {
    id: row.id,
    seq: row.seq,
    role: row.role as MessageRole,
    text: decrypt(ring, row.text),
    createdAt: row.createdAt.toISOString(),
    feedback: row.feedback,
  };
  if (row.role === "assistant" && row.payload) {
    const structure = JSON.parse(decrypt(ring, row.payload)) as Omit<AssistantReply, "text">;
    Object.assign(view, {
      intent: structure.intent ?? null,
      resolved: structure.resolved,
      products: structure.products,
      order: structure.order,
      sources: structure.sources,
      suggestions: structure.suggestions,
      handoff: structure.handoff,
      correction: structure.correction,
      language: row.language ?? null,
    });
  }
  return view;
}

function conversationView(
  row: ConversationRow,
  settings: Awaited<ReturnType<typeof getAssistantSettings>> | null,
  now: Date,
): ConversationView {
  const status = row.status as ConversationStatus;
  let handoff: ConversationView["handoff"] = null;
  // Only a conversation waiting for a person says whether someone is there.
  if (status === "waiting" && settings) {
    const online = isWithinBusinessHours(settings.businessHours, settings.timezone, now);
    const backAt = online ? null : nextOpening(settings.businessHours, settings.timezone, now);
    handoff = {
      reason: row.handoffReason,
      online,
      emailSaved: row.handoffEmail !== null,
      backAt: backAt ? backAt.toISOString() : null,
      offlineMessage: online ? null : settings.offlineMessage,
    };
  }
  return { id: row.id, status, handoff, rating: row.rating };
}

function parseState(json: string): ConversationState {
  try {
    const state = JSON.parse(json);
    return state && typeof state === "object" && !Array.isArray(state) ? state : {};
  } catch {
    return {};
  }
}

const PAGE_TYPES: Record<string, PageType> = {
  index: "index",
  product: "product",
  collection: "collection",
  "list-collections": "collection",
  cart: "cart",
  search: "search",
  policy: "policy",
};

/** Shopify's `request.page_type` in the contract's words. */
export function pageType(value: string): PageType {
  return PAGE_TYPES[value] ?? "other";
}

/** A product id as the theme gives it (numeric) or as a GID, always as a GID. */
export function productGid(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === "") return null;
  const text = String(value);
  if (/^\d{1,20}$/.test(text)) return `gid://shopify/Product/${text}`;
  return /^gid:\/\/shopify\/Product\/\d{1,20}$/.test(text) ? text : null;
}

export function normaliseLocale(value: string | null | undefined): string | null {
  return value && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(value) ? value : null;
}

/** A locale's language as the inbox shows it ("fr-CA" → "fr"), or null for no valid locale. */
export function languageOfLocale(value: string | null | undefined): string | null {
  const locale = normaliseLocale(value?.trim().toLowerCase());
  return locale ? locale.split("-")[0] : null;
}
