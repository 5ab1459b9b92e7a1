import { Liquid, type FS, type Template } from "liquidjs";
import type { PageType } from "~/recommend/rules/types";
import { rankSegments } from "./segments";
import { wallClock } from "../time-zone";

/**
 * Merchant greetings: Liquid templates per segment and page type, rendered in a sandbox.
 *
 * Output contract (see docs/decisions/0032-greeting-output-is-text.md): every variable is
 * HTML-escaped by liquidjs (`outputEscape: "escape"`), which gives `html`; `text` is the
 * same greeting with those escapes undone, and is what the widget shows, with
 * `textContent`. Never put either into `innerHTML`: the template's own literal text is
 * the merchant's and is not escaped.
 */

export interface GreetingTemplate {
  id: string;
  /** A segment id, or null for every shopper. */
  segment: string | null;
  /** A page type, or null for every page. */
  pageType: PageType | null;
  source: string;
  enabled?: boolean;
}

export interface GreetingContext {
  shopName: string;
  /** The shop's IANA time zone (Shop.ianaTimezone), e.g. "Europe/Berlin". */
  timezone: string;
  now: Date;
  /** The shopper's segment ids (segmentsFor). */
  segments: string[];
  pageType: PageType;
  customerFirstName?: string | null;
  /** Title of the product on the page (product pages only). */
  productTitle?: string | null;
  cartItemCount: number;
  /** An offer placed in the greeting (offers.ts), already chosen for this shopper. */
  offer?: { code: string; message: string } | null;
}

export interface GreetingError {
  templateId: string | null;
  message: string;
}

export interface GreetingResult {
  /** Plain text for the widget's `textContent`. */
  text: string;
  /** The escaped rendering (variables HTML-escaped). */
  html: string;
  /** Which template produced it; null for the built-in default. */
  templateId: string | null;
  source: "template" | "fallback" | "default";
  /** The segment the greeting was chosen for, if any. */
  segment: string | null;
  /** Whether the greeting mentions the offer, so the widget need not show it again. */
  offerInText: boolean;
  /** Everything that went wrong on the way (a broken template, a bad time zone). */
  errors: GreetingError[];
}

export const GREETING_VARIABLES = [
  "customer.first_name",
  "shop.name",
  "segment",
  "product.title",
  "cart.item_count",
  "time_of_day",
  "offer.code",
  "offer.message",
] as const;

/** Objects a template may test on their own, e.g. `{% if product %}`. */
const VARIABLE_ROOTS = new Set(["customer", "shop", "product", "cart", "offer"]);
const ALLOWED_PATHS = new Set<string>([...GREETING_VARIABLES, ...VARIABLE_ROOTS]);

export const GREETING_LIMITS = {
  /** Characters in one template. */
  length: 2000,
  /**
   * Wall-clock milliseconds for one render. Real greetings take well under a millisecond;
   * this stops a runaway loop (a 1,700-character template of nested loops can otherwise
   * run for seconds) while leaving room for a busy server's scheduling stalls.
   */
  renderMs: 200,
  /** liquidjs memory units (ranges, strings and arrays built) for one render: greetings are short text. */
  memory: 10_000,
} as const;

const ALLOWED_FILTERS = new Set([
  "append",
  "prepend",
  "capitalize",
  "downcase",
  "upcase",
  "default",
  "strip",
  "lstrip",
  "rstrip",
  "strip_newlines",
  "truncate",
  "truncatewords",
  "replace",
  "replace_first",
  "remove",
  "remove_first",
  "size",
  "plus",
  "minus",
  "times",
  "divided_by",
  "modulo",
  "round",
  "floor",
  "ceil",
  "abs",
  "at_least",
  "at_most",
  "escape",
  "escape_once",
  "strip_html",
]);

/** Tags that reach for other files or HTML layout; refused when the template is parsed. */
const REFUSED_TAGS = ["include", "render", "layout", "block", "tablerow"];

/** A file system that has no files: partials cannot be loaded even if a tag slipped through. */
const noFiles: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file) => {
    throw new Error(`greetings cannot read files (${file})`);
  },
  readFileSync: (file) => {
    throw new Error(`greetings cannot read files (${file})`);
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};

function createEngine(limits: typeof GREETING_LIMITS) {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    // `{% if product %}` and `| default:` must work when a variable is absent.
    lenientIf: true,
    ownPropertyOnly: true,
    outputEscape: "escape",
    fs: noFiles,
    relativeReference: false,
    dynamicPartials: false,
    cache: false,
    parseLimit: limits.length,
    renderLimit: limits.renderMs,
    memoryLimit: limits.memory,
  });
  for (const name of Object.keys(engine.filters)) {
    if (!ALLOWED_FILTERS.has(name)) engine.unregisterFilter(name);
  }
  for (const tag of REFUSED_TAGS) {
    engine.registerTag(tag, {
      parse() {
        throw new Error(`the ‘${tag}’ tag is not allowed in greetings`);
      },
      render() {
        return "";
      },
    });
  }
  return engine;
}

const engine = createEngine(GREETING_LIMITS);

// Parsing costs more than rendering; greetings repeat, so keep recent parses (bounded).
const parsed = new Map<string, Template[]>();

function parse(source: string): Template[] {
  let templates = parsed.get(source);
  if (!templates) {
    if (source.length > GREETING_LIMITS.length) {
      throw new Error(`a greeting can be at most ${GREETING_LIMITS.length} characters (this one has ${source.length})`);
    }
    templates = engine.parse(source);
    if (parsed.size >= 500) parsed.delete(parsed.keys().next().value!);
    parsed.set(source, templates);
  }
  return templates;
}

// ---------------------------------------------------------------------------------------
// Selection.

/**
 * The templates of the most specific slot that fits the shopper, in list order (several
 * templates in one slot are variants for an experiment or the bandit to choose between).
 * Specificity: segment and page type > segment only > page type only > neither (the
 * fallback). Among slots of equal specificity the shopper's most specific segment wins.
 */
export function greetingCandidates(
  templates: readonly GreetingTemplate[],
  shopper: { segments: readonly string[]; pageType: PageType },
): GreetingTemplate[] {
  const ranked = rankSegments(shopper.segments);
  let best: { score: number; rank: number; segment: string | null; pageType: PageType | null } | undefined;
  for (const template of templates) {
    if (template.enabled === false) continue;
    if (template.pageType !== null && template.pageType !== shopper.pageType) continue;
    const rank = template.segment === null ? ranked.length : ranked.indexOf(template.segment);
    if (rank < 0) continue;
    const score = (template.segment !== null ? 2 : 0) + (template.pageType !== null ? 1 : 0);
    if (!best || score > best.score || (score === best.score && rank < best.rank)) {
      best = { score, rank, segment: template.segment, pageType: template.pageType };
    }
  }
  if (!best) return [];
  const slot = best;
  return templates.filter(
    (template) =>
      template.enabled !== false && template.segment === slot.segment && template.pageType === slot.pageType,
  );
}

/** A stable name for a slot, e.g. for the bandit's context key: "vip|product", "*|*". */
export function greetingSlotKey(template: Pick<GreetingTemplate, "segment" | "pageType">): string {
  return `${template.segment ?? "*"}|${template.pageType ?? "*"}`;
}

// ---------------------------------------------------------------------------------------
// Rendering.

export interface RenderGreetingInput {
  templates: readonly GreetingTemplate[];
  context: GreetingContext;
  /**
   * Picks one of the fitting slot's templates when it has several (the bandit); the
   * slot's first otherwise, or when the id it returns is not among them.
   */
  chooseVariant?: (candidates: readonly GreetingTemplate[]) => string;
}

/**
 * Renders the greeting for a shopper. Never throws: a template that fails to parse or
 * render (or runs too long) is reported in `errors` and the next option is tried: the
 * merchant's fallback template (no segment, no page type), then the built-in default.
 */
export function renderGreeting({ templates, context, chooseVariant }: RenderGreetingInput): GreetingResult {
  const errors: GreetingError[] = [];
  let scope: GreetingScope;
  try {
    scope = greetingScope(context, errors);
  } catch (error) {
    errors.push({ templateId: null, message: messageOf(error) });
    return builtInDefault(context, errors);
  }

  let candidates: GreetingTemplate[] = [];
  try {
    candidates = greetingCandidates(templates, context);
  } catch (error) {
    errors.push({ templateId: null, message: messageOf(error) });
  }
  const variantId = chooseVariant && candidates.length > 1 ? chooseVariant(candidates) : undefined;
  const chosen = candidates.find((template) => template.id === variantId) ?? candidates[0];
  const attempts: { template: GreetingTemplate; source: "template" | "fallback" }[] = [];
  if (chosen) attempts.push({ template: chosen, source: isFallback(chosen) ? "fallback" : "template" });
  for (const template of templates) {
    if (template.enabled !== false && isFallback(template) && template !== chosen) {
      attempts.push({ template, source: "fallback" });
    }
  }

  for (const { template, source } of attempts) {
    try {
      const segment = template.segment ?? scope.segment;
      const { text, html } = renderSandboxed(template.source, { ...scope, segment });
      return {
        text,
        html,
        templateId: template.id,
        source,
        segment: segment || null,
        offerInText: Boolean(context.offer) && mentionsOffer(template.source),
        errors,
      };
    } catch (error) {
      errors.push({ templateId: template.id, message: messageOf(error) });
    }
  }
  return builtInDefault(context, errors);
}

/**
 * Renders one merchant template in the greeting sandbox (same limits, filters and
 * escaping). Throws on any problem, including an empty result; callers fall back.
 */
export function renderSandboxed(source: string, scope: GreetingScope): { text: string; html: string } {
  const html = String(
    engine.renderSync(parse(source), scope, {
      renderLimit: GREETING_LIMITS.renderMs,
      memoryLimit: GREETING_LIMITS.memory,
    }),
  ).trim();
  if (html === "") throw new Error("the template came out empty");
  return { text: unescapeHtml(html), html };
}

function isFallback(template: GreetingTemplate) {
  return template.segment === null && template.pageType === null;
}

export function mentionsOffer(source: string) {
  return /\boffer\s*\./.test(source);
}

export type GreetingScope = ReturnType<typeof greetingScope>;

/** The variables a template sees. Absent things are null so `{% if %}` and `default` work. */
export function greetingScope(context: GreetingContext, errors: GreetingError[] = []) {
  const name = context.customerFirstName?.trim();
  return {
    customer: name ? { first_name: name } : null,
    shop: { name: context.shopName },
    segment: rankSegments(context.segments)[0] ?? "",
    product: context.pageType === "product" && context.productTitle ? { title: context.productTitle } : null,
    cart: { item_count: Math.max(0, Math.floor(context.cartItemCount)) },
    time_of_day: timeOfDaySafe(context.now, context.timezone, errors),
    offer: context.offer ? { code: context.offer.code, message: context.offer.message } : null,
  };
}

export type TimeOfDay = "morning" | "afternoon" | "evening" | "night";

/** Morning 05–12, afternoon 12–17, evening 17–22, night 22–05, on the shop's wall clock. */
export function timeOfDay(now: Date, timezone: string): TimeOfDay {
  const { hour } = wallClock(now, timezone);
  if (hour >= 5 && hour < 12) return "morning";
  if (hour >= 12 && hour < 17) return "afternoon";
  if (hour >= 17 && hour < 22) return "evening";
  return "night";
}

function timeOfDaySafe(now: Date, timezone: string, errors: GreetingError[]): TimeOfDay {
  try {
    return timeOfDay(now, timezone);
  } catch {
    errors.push({ templateId: null, message: `unknown time zone ‘${timezone}’; used UTC` });
    return timeOfDay(now, "UTC");
  }
}

function builtInDefault(context: GreetingContext, errors: GreetingError[]): GreetingResult {
  const name = context.customerFirstName?.trim();
  const text = name ? `Hi ${name}! How can we help you today?` : "Hi! How can we help you today?";
  return {
    text,
    html: escapeHtml(text),
    templateId: null,
    source: "default",
    segment: null,
    offerInText: false,
    errors,
  };
}

// liquidjs's `escape` filter emits exactly these five; undoing them gives the text back.
const UNESCAPE: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&#34;": '"', "&#39;": "'" };

function unescapeHtml(html: string): string {
  return html.replace(/&(?:amp|lt|gt|#34|#39);/g, (entity) => UNESCAPE[entity]);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "#34", "'": "#39" }[char]};`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------
// Validation for the admin.

export interface TemplateProblem {
  line: number;
  column: number;
  message: string;
}

export type GreetingValidation =
  | { ok: true; variables: string[]; warnings: TemplateProblem[] }
  | { ok: false; errors: TemplateProblem[]; warnings: TemplateProblem[] };

/**
 * Checks a template as the admin saves it: syntax errors with line and column, variables
 * we do not provide, refused tags and filters, and a trial render for a guest and for a
 * logged-in customer on a product page. Warnings point at things that work but surprise.
 */
export function validateGreetingTemplate(source: string): GreetingValidation {
  const errors: TemplateProblem[] = [];
  const warnings: TemplateProblem[] = [];
  if (source.trim() === "") {
    return { ok: false, errors: [{ line: 1, column: 1, message: "The greeting is empty" }], warnings };
  }
  if (source.length > GREETING_LIMITS.length) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          column: 1,
          message: `A greeting can be at most ${GREETING_LIMITS.length} characters (this one has ${source.length})`,
        },
      ],
      warnings,
    };
  }

  let templates: Template[];
  try {
    templates = engine.parse(source);
  } catch (error) {
    return { ok: false, errors: [problemOf(error)], warnings };
  }

  const analysis = engine.analyzeSync(templates, { partials: false });
  const variables = new Set<string>();
  for (const [, uses] of Object.entries(analysis.globals)) {
    for (const use of uses) {
      const path = use
        .toArray()
        .filter((segment): segment is string => typeof segment === "string")
        .join(".");
      variables.add(path);
      if (!ALLOWED_PATHS.has(path)) {
        errors.push({
          line: use.location.row,
          column: use.location.col,
          message: `Unknown variable ‘${path}’. Available: ${GREETING_VARIABLES.join(", ")}`,
        });
      }
    }
  }

  if (errors.length === 0) {
    for (const trial of TRIALS) {
      const problem = trialRender(templates, trial);
      if (problem) {
        errors.push(problem);
        break;
      }
    }
  }

  if (/<[a-z!/][^>]*>/i.test(source)) {
    warnings.push({
      ...positionOf(source, source.search(/<[a-z!/][^>]*>/i)),
      message: "Greetings are shown as plain text: HTML tags will appear as typed",
    });
  }
  const name = source.search(/\{\{-?\s*customer\.first_name\s*-?\}\}/);
  if (name >= 0) {
    warnings.push({
      ...positionOf(source, name),
      message: 'Guests have no first name: use {{ customer.first_name | default: "there" }} or {% if customer %}',
    });
  }

  return errors.length
    ? { ok: false, errors: dedupeProblems(errors), warnings }
    : { ok: true, variables: [...variables], warnings };
}

/**
 * Renders a template for validation. A time-limit failure is tried once more: a slow
 * template fails twice, a scheduling stall on a busy machine almost never does.
 */
function trialRender(templates: Template[], scope: (typeof TRIALS)[number]): TemplateProblem | undefined {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      engine.renderSync(templates, scope);
      return undefined;
    } catch (error) {
      const problem = problemOf(error);
      if (attempt === 1 || !/too long to render/.test(problem.message)) return problem;
    }
  }
  return undefined;
}

const TRIALS = [
  {
    customer: null,
    shop: { name: "Shop" },
    segment: "new_visitor",
    product: null,
    cart: { item_count: 0 },
    time_of_day: "morning",
    offer: null,
  },
  {
    customer: { first_name: "Ada" },
    shop: { name: "Shop" },
    segment: "vip",
    product: { title: "Linen shirt" },
    cart: { item_count: 3 },
    time_of_day: "evening",
    offer: { code: "WELCOME10", message: "10% off your first order" },
  },
];

function problemOf(error: unknown): TemplateProblem {
  const token = (error as { token?: { getPosition?: () => number[] } }).token;
  const [line = 1, column = 1] = token?.getPosition?.() ?? [];
  // liquidjs appends ", line:3, col:1" and sometimes a source excerpt; we report them as fields.
  const raw = messageOf(error)
    .split("\n")[0]
    .replace(/, line:\d+, col:\d+$/, "");
  return { line, column, message: explain(raw) };
}

/** liquidjs's messages, said the way the greetings page talks. */
function explain(message: string): string {
  const filter = /^undefined filter: (.+)$/.exec(message);
  if (filter) return `Unknown filter ‘${filter[1]}’. Available: ${[...ALLOWED_FILTERS].join(", ")}`;
  const variable = /^undefined variable: (.+)$/.exec(message);
  if (variable) return `Unknown variable ‘${variable[1]}’. Available: ${GREETING_VARIABLES.join(", ")}`;
  if (message === "template render limit exceeded") {
    return `The greeting takes too long to render (over ${GREETING_LIMITS.renderMs} ms): shorten its loops`;
  }
  if (message === "memory alloc limit exceeded") return "The greeting builds too much text or too large a range";
  return message.charAt(0).toUpperCase() + message.slice(1);
}

function positionOf(source: string, index: number) {
  const before = source.slice(0, index).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

function dedupeProblems(problems: TemplateProblem[]) {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
