/**
 * The part of Shopify's search syntax (`query:` arguments) that the app uses:
 * `created_at:>=2026-01-01`, `updated_at:>'2026-01-01T00:00:00Z'`, `status:running`,
 * terms joined by spaces (AND). Anything else is a free-text match on the title/name.
 */
export interface SearchTerm {
  field: string | null;
  operator: "=" | ">" | ">=" | "<" | "<=";
  value: string;
}

export function parseSearch(query: string | null | undefined): SearchTerm[] {
  if (!query) return [];
  const terms: SearchTerm[] = [];
  const pattern = /(?:([a-z_]+):(>=|<=|>|<)?)?(?:'([^']*)'|"([^"]*)"|(\S+))/gi;
  for (const match of query.matchAll(pattern)) {
    const value = match[3] ?? match[4] ?? match[5] ?? "";
    if (!match[1] && /^(AND)$/i.test(value)) continue;
    terms.push({
      field: match[1]?.toLowerCase() ?? null,
      operator: (match[2] as SearchTerm["operator"]) ?? "=",
      value,
    });
  }
  return terms;
}

const FIELD_ALIASES: Record<string, string> = {
  created_at: "createdAt",
  updated_at: "updatedAt",
  processed_at: "processedAt",
  status: "status",
  id: "id",
};

function compare(actual: unknown, operator: SearchTerm["operator"], expected: string): boolean {
  if (actual == null) return false;
  const asDate = Date.parse(String(actual));
  const expectedDate = Date.parse(expected);
  if (!Number.isNaN(asDate) && !Number.isNaN(expectedDate) && /\d{4}-\d{2}-\d{2}/.test(expected)) {
    return ops[operator](asDate, expectedDate);
  }
  if (operator === "=") return String(actual).toLowerCase() === expected.toLowerCase();
  return ops[operator](String(actual), expected);
}

const ops = {
  "=": (a: number | string, b: number | string) => a === b,
  ">": (a: number | string, b: number | string) => a > b,
  ">=": (a: number | string, b: number | string) => a >= b,
  "<": (a: number | string, b: number | string) => a < b,
  "<=": (a: number | string, b: number | string) => a <= b,
};

/** Whether a store record matches every term of a search query. */
export function matchesSearch(record: object, query: string | null | undefined): boolean {
  const values = record as Record<string, unknown>;
  return parseSearch(query).every((term) => {
    if (term.field === null) {
      const text = String(values.title ?? values.name ?? "").toLowerCase();
      return text.includes(term.value.toLowerCase());
    }
    const key = FIELD_ALIASES[term.field] ?? term.field;
    return compare(values[key], term.operator, term.value);
  });
}
