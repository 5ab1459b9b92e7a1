import type { z } from "zod";

/** One problem in merchant input: where it is (for the admin form) and what to do about it. */
export interface ValidationError {
  path: (string | number)[];
  message: string;
}

type RawIssue = z.core.$ZodRawIssue;

/**
 * A zod error map (passed per parse, so it never leaks into other modules' schemas)
 * that words the generic cases for a merchant instead of a developer. Schema-level
 * messages still win: they carry the specific advice ("a boost needs a factor above 1").
 *
 * `labels` names fields the way the admin shows them; unknown keys fall back to the key.
 */
export function merchantErrorMap(labels: Record<string, string>) {
  const label = (path: readonly PropertyKey[] | undefined) => {
    const key = [...(path ?? [])].reverse().find((segment) => typeof segment === "string");
    if (typeof key !== "string") return "this value";
    return labels[key] ?? `‘${key}’`;
  };

  return (issue: RawIssue): string => {
    const field = label(issue.path);
    switch (issue.code) {
      case "invalid_type": {
        if (issue.input === undefined) return `${field} is missing`;
        const expected = String(issue.expected);
        if (expected === "int") return `${field} must be a whole number`;
        return `${field} must be ${KIND[expected] ?? expected}`;
      }
      case "invalid_value":
        return `${field} must be one of: ${issue.values.map((value) => String(value)).join(", ")}`;
      case "too_small": {
        const minimum = Number(issue.minimum);
        if (issue.origin === "array" || issue.origin === "set") {
          return minimum <= 1 ? `${field} needs at least one entry` : `${field} needs at least ${minimum} entries`;
        }
        if (issue.origin === "string") {
          return minimum <= 1 ? `${field} cannot be empty` : `${field} needs at least ${minimum} characters`;
        }
        return issue.inclusive ? `${field} must be at least ${minimum}` : `${field} must be more than ${minimum}`;
      }
      case "too_big": {
        const maximum = Number(issue.maximum);
        if (issue.origin === "array" || issue.origin === "set") return `${field} can have at most ${maximum} entries`;
        if (issue.origin === "string") return `${field} can be at most ${maximum} characters long`;
        return issue.inclusive ? `${field} must be at most ${maximum}` : `${field} must be less than ${maximum}`;
      }
      case "unrecognized_keys":
        return `unknown setting ${issue.keys.map((key) => `‘${key}’`).join(", ")}`;
      case "invalid_format":
        return `${field} is not in the expected format`;
      default:
        return `${field} is not valid`;
    }
  };
}

const KIND: Record<string, string> = {
  number: "a number",
  string: "text",
  array: "a list",
  boolean: "true or false",
  object: "a group of settings",
  date: "a date",
};

/** The raw text at `record[key]` when it is a usable name, for prefixing messages. */
export function nameAt(record: unknown, key = "name"): string | undefined {
  if (record && typeof record === "object" && key in record) {
    const value = (record as Record<string, unknown>)[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return undefined;
}
