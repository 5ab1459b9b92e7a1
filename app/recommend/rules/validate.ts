import { merchantErrorMap, nameAt, type ValidationError } from "~/personalize/validation-messages";
import { RuleListSchema, type Rule } from "./schema";

export type ValidateRulesResult = { ok: true; rules: Rule[] } | { ok: false; errors: ValidationError[] };

export interface ValidateRulesOptions {
  /** Segment ids that exist in the shop; when given, a rule naming another is an error. */
  knownSegments?: readonly string[];
}

const errorMap = merchantErrorMap({
  name: "the name",
  enabled: "‘enabled’",
  conditions: "the conditions",
  actions: "the actions",
  type: "the action type",
  match: "the products to match",
  factor: "the factor",
  pins: "the pins",
  productId: "the pinned product",
  position: "the pin position",
  max: "the number per vendor",
  min: "the minimum price",
  price: "the price range",
  segments: "segments",
  pageTypes: "page types",
  productContext: "‘product on the page’",
  cartContains: "‘cart contains’",
  productIds: "products",
  tags: "tags",
  vendors: "vendors",
  productTypes: "product types",
  collections: "collections",
  minItems: "the number of cart items",
});

/**
 * Checks a merchant's rule list (parsed JSON or a JSON string) and returns either the
 * normalised rules or every problem, each worded for the merchant and prefixed with the
 * rule it belongs to: "Rule 2 ‘Summer’: a price range needs a minimum or a maximum".
 */
export function validateRules(json: unknown, options: ValidateRulesOptions = {}): ValidateRulesResult {
  let input = json;
  if (typeof json === "string") {
    try {
      input = JSON.parse(json);
    } catch (error) {
      return {
        ok: false,
        errors: [{ path: [], message: `The rules are not valid JSON: ${(error as Error).message}` }],
      };
    }
  }

  const parsed = RuleListSchema.safeParse(input, { error: errorMap });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      path: issue.path.filter((segment): segment is string | number => typeof segment !== "symbol"),
      message: withRulePrefix(input, issue.path, issue.message),
    }));
    return { ok: false, errors: dedupe(errors) };
  }

  const errors: ValidationError[] = [];
  const seen = new Map<string, number>();
  parsed.data.forEach((rule, index) => {
    const key = rule.name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        path: [index, "name"],
        message: `${prefix(index, rule.name)}rule ${first + 1} already has this name; give each rule its own`,
      });
    } else {
      seen.set(key, index);
    }
    if (options.knownSegments) {
      const known = new Set(options.knownSegments);
      for (const segment of rule.conditions.segments ?? []) {
        if (!known.has(segment)) {
          errors.push({
            path: [index, "conditions", "segments"],
            message: `${prefix(index, rule.name)}there is no segment ‘${segment}’`,
          });
        }
      }
    }
  });
  return errors.length ? { ok: false, errors } : { ok: true, rules: parsed.data };
}

function prefix(index: number, name: string | undefined) {
  return name ? `Rule ${index + 1} ‘${name}’: ` : `Rule ${index + 1}: `;
}

function withRulePrefix(input: unknown, path: readonly PropertyKey[], message: string) {
  const [index] = path;
  if (typeof index !== "number") return capitalise(message);
  const rule = Array.isArray(input) ? input[index] : undefined;
  return prefix(index, nameAt(rule)) + message;
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A bad value can trip a type check and a refinement at the same spot; say it once. */
function dedupe(errors: ValidationError[]) {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.path.join(".")}|${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
