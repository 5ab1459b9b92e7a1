import { z } from "zod";
import { RuleListSchema, type Rule } from "../recommend/rules/schema";
import { defaultSegmentDefinitions, SegmentDefinitionsSchema, type SegmentDefinitions } from "../personalize/segments";
import { STRATEGIES, type StrategyWeights } from "../recommend/types";
import { DEFAULT_WEIGHTS } from "../recommend/options";
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
