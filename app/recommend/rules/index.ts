export { applyRules, pinnedProductIds, activeRuleNames, exclusionFilter } from "./apply";
export { validateRules, type ValidateRulesOptions, type ValidateRulesResult } from "./validate";
export {
  RuleListSchema,
  RuleSchema,
  ACTION_TYPES,
  LIMITS,
  type Rule,
  type RuleAction,
  type RuleConditions,
  type RuleInput,
  type ProductMatch,
  type PriceRange,
} from "./schema";
export * from "./types";
