import { z } from "zod";
import { RuleListSchema, type Rule } from "../recommend/rules/schema";
import { defaultSegmentDefinitions, SegmentDefinitionsSchema, type SegmentDefinitions } from "../personalize/segments";
import { STRATEGIES, type StrategyWeights } from "../recommend/types";
import { DEFAULT_WEIGHTS } from "../recommend/options";
import { ExperimentSchema } from "../experiments/ab";
import { defineSetting } from "./store.server";

/** The merchant's recommendation rules, in order. */
export const recommendationRules = defineSetting<Rule[]>(
  "recommendation.rules",
  RuleListSchema as unknown as z.ZodType<Rule[]>,
  () => [],
);

/** Segment definitions: built-in thresholds and the merchant's own segments. */
export const segmentDefinitions = defineSetting<SegmentDefinitions>(
  "personalize.segments",
  SegmentDefinitionsSchema as unknown as z.ZodType<SegmentDefinitions>,
  ({ currency }) => defaultSegmentDefinitions(currency),
);

/** How much each recommendation strategy counts; 0 switches one off. */
export const strategyWeights = defineSetting<StrategyWeights>(
  "recommendation.weights",
  z.object(
    Object.fromEntries(STRATEGIES.map((s) => [s, z.number().min(0).max(10)])),
  ) as unknown as z.ZodType<StrategyWeights>,
  () => ({ ...DEFAULT_WEIGHTS }),
);

/**
 * The optional language-model provider. The API key is stored sealed with the app's
 * encryption key (app/privacy/crypto.server.ts) and never sent back to the browser.
 */
export const llmProvider = defineSetting(
  "assistant.llm",
  z.object({
    enabled: z.boolean(),
    baseUrl: z.url({ error: "must be the provider's base URL, such as https://api.openai.com/v1" }).max(300),
    model: z.string().trim().min(1, "needs a model name").max(100),
    apiKeySealed: z.string().nullable(),
    timeoutMs: z.number().int().min(1000).max(30_000).default(8000),
  }),
  () => ({
    enabled: false,
    baseUrl: "https://api.openai.com/v1",
    model: "gpt-4o-mini",
    apiKeySealed: null,
    timeoutMs: 8000,
  }),
);

/** Greeting templates per segment and page type (app/personalize/greetings.ts). */
export const greetingTemplates = defineSetting(
  "personalize.greetings",
  z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        segment: z.string().max(64).nullable(),
        pageType: z.enum(["product", "collection", "cart", "home", "search", "other"]).nullable(),
        source: z.string().max(2000),
        enabled: z.boolean().optional(),
      }),
    )
    .max(100),
  () => [],
);

/** Offers attached to segments (app/personalize/offers.ts). */
export const segmentOffers = defineSetting("personalize.offers", z.array(z.unknown()).max(50), () => []);

/**
 * Privacy: whether behaviour needs the Customer Privacy API's consent (always, in the
 * embedded default), how long conversations and events are kept, the disclosure shown in
 * the chat, and whether emails and phone numbers are masked in stored transcripts.
 */
export const privacySettings = defineSetting(
  "privacy",
  z.object({
    requireConsent: z.boolean(),
    retentionDays: z
      .number()
      .int()
      .min(1, "keep conversations at least one day")
      .max(3650, "keep conversations at most ten years"),
    disclosure: z.string().trim().max(300).nullable(),
    redactTranscripts: z.boolean(),
  }),
  () => ({ requireConsent: true, retentionDays: 90, disclosure: null, redactTranscripts: true }),
);

/** Who hears about a shopper waiting for a person. */
export const handoffNotifications = defineSetting(
  "handoff.notifications",
  z.object({ emails: z.array(z.email({ error: "must be an email address" })).max(10), enabled: z.boolean() }),
  () => ({ emails: [], enabled: false }),
);

/**
 * The shop's A/B experiments (app/experiments/ab.ts) with when each was created, started
 * and stopped; their exposures and outcomes are rows of ExperimentEvent.
 */
export const experimentsSetting = defineSetting(
  "experiments",
  z
    .array(
      z.object({
        experiment: ExperimentSchema,
        createdAt: z.string(),
        startedAt: z.string().nullable(),
        stoppedAt: z.string().nullable(),
      }),
    )
    .max(50),
  () => [],
);

/**
 * What the chat tells a shopper who asks for a person outside business hours, above the
 * time someone is back and the offer to leave an email. Null: the widget's own words.
 */
export const handoffOffline = defineSetting(
  "handoff.offline",
  z.object({ message: z.string().trim().max(500, "keep the offline message under 500 characters").nullable() }),
  () => ({ message: null }),
);

/**
 * The shop-wide limit on chat messages a second (app/conversations/rate-limit.server.ts).
 * Null: sized from the app's measured capacity and the instances running.
 */
export const chatLimits = defineSetting(
  "chat.limits",
  z.object({
    messagesPerSecond: z
      .number()
      .int("use a whole number of messages a second")
      .min(1, "allow at least one message a second")
      .max(10_000, "allow at most 10,000 messages a second")
      .nullable(),
  }),
  () => ({ messagesPerSecond: null }),
);
