import type { ProductMatch, Rule, RuleConditions } from "./schema";
import type { AppliedRule, Candidate, RuleContext } from "./types";

/**
 * Applies a validated rule list to the engine's candidates.
 *
 * Semantics, in the order they take effect:
 * 1. A rule is active when it is enabled and all of its conditions hold for the context.
 * 2. Exclusions and "in stock only" of every active rule remove candidates first, so an
 *    exclusion wins everywhere: over boosts, pins and rule order.
 * 3. Boosts multiply, buries divide the score; the boosted and buried candidates are
 *    moved to where their new score puts them, the others keep the engine's order.
 * 4. "At most N per vendor" (the smallest N of the active rules) keeps the best-ranked
 *    products of each vendor; pinned products always stay and count towards N first.
 * 5. Pins place products at 1-based positions, earlier rules first; a taken position
 *    moves the later pin to the next free slot, a position past the end means "last".
 *    A pin only places a product that is among the candidates: ask `pinnedProductIds`
 *    first and add missing ones to the candidates.
 *
 * Pure: returns a new array; candidates whose score or rules changed are copies.
 */
export function applyRules<C extends Candidate>(
  candidates: readonly C[],
  rules: readonly Rule[],
  context: RuleContext,
): C[] {
  const active = compile(rules).filter((rule) => holds(rule.conditions, context));
  if (active.length === 0) return candidates.slice();

  const excludes: CompiledMatch[] = [];
  const scorers: { rule: string; action: "boost" | "bury"; match: CompiledMatch; factor: number }[] = [];
  const pins: { rule: string; productId: string; position: number }[] = [];
  let inStockOnly = false;
  let perVendor = Infinity;
  for (const rule of active) {
    for (const action of rule.actions) {
      switch (action.type) {
        case "exclude":
          excludes.push(action.match);
          break;
        case "inStockOnly":
          inStockOnly = true;
          break;
        case "maxPerVendor":
          perVendor = Math.min(perVendor, action.max);
          break;
        case "boost":
        case "bury":
          scorers.push({ rule: rule.name, action: action.type, match: action.match, factor: action.factor });
          break;
        case "pin":
          for (const pin of action.pins)
            pins.push({ rule: rule.name, productId: pin.productId, position: pin.position });
          break;
      }
    }
  }

  const pinnedAt = new Map<string, { position: number; rule: string }>();
  for (const pin of pins) {
    const key = productKey(pin.productId);
    if (!pinnedAt.has(key)) pinnedAt.set(key, { position: pin.position, rule: pin.rule });
  }
  // Candidate ids come as numbers or GIDs; knowing both spellings avoids parsing every id.
  const pinnedIds = idForms(pinnedAt.keys());

  // One pass, plain loops and one reused view: this runs on every recommendation
  // request over thousands of candidates, so it avoids per-candidate allocations.
  const view = new FactsView();
  const found = new Map<string, C>();
  let rest: C[] = [];
  const moved: C[] = [];
  candidates: for (const candidate of candidates) {
    const product = candidate.product;
    if (inStockOnly && !product.available) continue;
    view.reset(candidate.productId, product, product.price);
    for (const match of excludes) if (matches(match, view)) continue candidates;

    let next: C = candidate;
    if (scorers.length > 0) {
      let score = candidate.score;
      let applied: AppliedRule[] | undefined;
      for (const scorer of scorers) {
        if (!matches(scorer.match, view)) continue;
        const up = scorer.action === "boost";
        // Multiplying a negative score would move it the wrong way; dividing keeps the direction.
        score = score >= 0 === up ? score * scorer.factor : score / scorer.factor;
        (applied ??= []).push({ rule: scorer.rule, action: scorer.action });
      }
      if (applied) next = withRules(candidate, applied, score);
    }
    const pinKey = pinnedIds.size > 0 ? pinnedIds.get(candidate.productId) : undefined;
    if (pinKey !== undefined && !found.has(pinKey)) found.set(pinKey, next);
    else if (next !== candidate) moved.push(next);
    else rest.push(next);
  }
  if (moved.length > 0) rest = mergeByScore(rest, moved);

  // Rule order decides who gets a contested slot, so walk the pins, not the candidates.
  const pinned: { candidate: C; position: number }[] = [];
  for (const [key, pin] of pinnedAt) {
    const candidate = found.get(key);
    if (!candidate) continue;
    pinned.push({ candidate: withRules(candidate, [{ rule: pin.rule, action: "pin" }]), position: pin.position });
  }

  if (Number.isFinite(perVendor)) {
    const counts = new Map<string, number>();
    for (const { candidate } of pinned) {
      const vendor = vendorKey(candidate.product);
      counts.set(vendor, (counts.get(vendor) ?? 0) + 1);
    }
    rest = rest.filter((candidate) => {
      const vendor = vendorKey(candidate.product);
      const count = counts.get(vendor) ?? 0;
      if (count >= perVendor) return false;
      counts.set(vendor, count + 1);
      return true;
    });
  }

  if (pinned.length === 0) return rest;
  const slots: (C | undefined)[] = new Array(rest.length + pinned.length).fill(undefined);
  for (const { candidate, position } of pinned) {
    let index = Math.min(position - 1, slots.length - 1);
    while (index < slots.length && slots[index] !== undefined) index++;
    if (index === slots.length) {
      index = Math.min(position - 1, slots.length - 1);
      while (slots[index] !== undefined) index--;
    }
    slots[index] = candidate;
  }
  let next = 0;
  return slots.map((slot) => slot ?? rest[next++]);
}

/** A copy with rules recorded (and a new score); the engine's object is never mutated. */
function withRules<C extends Candidate>(candidate: C, applied: AppliedRule[], score = candidate.score): C {
  // Object.assign copies unknown fields of C too, and is several times faster than spread here.
  return Object.assign({}, candidate, { score, rules: candidate.rules ? [...candidate.rules, ...applied] : applied });
}

/**
 * Re-inserts boosted or buried candidates by their new score into the untouched ones,
 * which keep the engine's order even where that order is not by score (diversified
 * lists). Equal scores go after the untouched candidate. O(n + k log k).
 */
function mergeByScore<C extends Candidate>(untouched: C[], moved: C[]): C[] {
  moved.sort((a, b) => b.score - a.score); // stable since ES2019
  const result: C[] = [];
  let next = 0;
  for (const candidate of untouched) {
    while (next < moved.length && moved[next].score > candidate.score) result.push(moved[next++]);
    result.push(candidate);
  }
  while (next < moved.length) result.push(moved[next++]);
  return result;
}

/**
 * Product ids that active rules pin in this context: the engine should make sure these
 * are among its candidates (with their product facts) before calling `applyRules`.
 */
export function pinnedProductIds(rules: readonly Rule[], context: RuleContext): string[] {
  const ids: string[] = [];
  for (const rule of compile(rules)) {
    if (!holds(rule.conditions, context)) continue;
    for (const action of rule.actions) {
      if (action.type === "pin") for (const pin of action.pins) ids.push(pin.productId);
    }
  }
  return [...new Set(ids)];
}

/**
 * "Is this product excluded here?" for lists the engine does not rank (the assistant's
 * product search), so an exclusion holds everywhere a shopper sees products. Only
 * exclusions: boosts, pins and vendor caps shape recommendations, not search results.
 * Null when no active rule excludes anything.
 */
export function exclusionFilter(
  rules: readonly Rule[],
  context: RuleContext,
): ((productId: string, product: Facts, price: number) => boolean) | null {
  const excludes: CompiledMatch[] = [];
  for (const rule of compile(rules)) {
    if (!holds(rule.conditions, context)) continue;
    for (const action of rule.actions) if (action.type === "exclude") excludes.push(action.match);
  }
  if (excludes.length === 0) return null;
  const view = new FactsView();
  return (productId, product, price) => {
    view.reset(productId, product, price);
    return excludes.some((match) => matches(match, view));
  };
}

/** Names of the rules that apply in this context, in order (for the admin's preview). */
export function activeRuleNames(rules: readonly Rule[], context: RuleContext): string[] {
  return compile(rules)
    .filter((rule) => holds(rule.conditions, context))
    .map((rule) => rule.name);
}

// ---------------------------------------------------------------------------------------
// Compilation: sets of normalised keys, built once per rule list.

interface CompiledMatch {
  productIds?: Set<string>;
  tags?: Set<string>;
  vendors?: Set<string>;
  productTypes?: Set<string>;
  collections?: Set<string>;
  min?: number;
  max?: number;
}

type CompiledAction =
  | { type: "boost" | "bury"; match: CompiledMatch; factor: number }
  | { type: "exclude"; match: CompiledMatch }
  | { type: "pin"; pins: { productId: string; position: number }[] }
  | { type: "inStockOnly" }
  | { type: "maxPerVendor"; max: number };

interface CompiledConditions {
  segments?: string[];
  pageTypes?: string[];
  productContext?: CompiledMatch;
  cartContains?: { match?: CompiledMatch; minItems: number };
}

interface CompiledRule {
  name: string;
  conditions: CompiledConditions;
  actions: CompiledAction[];
}

const compiled = new WeakMap<readonly Rule[], CompiledRule[]>();

function compile(rules: readonly Rule[]): CompiledRule[] {
  let result = compiled.get(rules);
  if (!result) {
    result = rules
      .filter((rule) => rule.enabled)
      .map((rule) => ({
        name: rule.name,
        conditions: compileConditions(rule.conditions),
        actions: rule.actions.map(compileAction),
      }));
    compiled.set(rules, result);
  }
  return result;
}

function compileAction(action: Rule["actions"][number]): CompiledAction {
  switch (action.type) {
    case "boost":
    case "bury":
      return { type: action.type, match: compileMatch(action.match), factor: action.factor };
    case "exclude":
      return { type: "exclude", match: compileMatch(action.match) };
    case "pin":
      return { type: "pin", pins: action.pins };
    case "inStockOnly":
      return { type: "inStockOnly" };
    case "maxPerVendor":
      return { type: "maxPerVendor", max: action.max };
  }
}

function compileConditions(conditions: RuleConditions): CompiledConditions {
  const result: CompiledConditions = {};
  if (conditions.segments) result.segments = conditions.segments;
  if (conditions.pageTypes) result.pageTypes = conditions.pageTypes;
  if (conditions.productContext) result.productContext = compileMatch(conditions.productContext);
  if (conditions.cartContains) {
    const { minItems, ...facts } = conditions.cartContains;
    const hasFacts = Object.values(facts).some((value) => value !== undefined);
    result.cartContains = { match: hasFacts ? compileMatch(facts) : undefined, minItems: minItems ?? 1 };
  }
  return result;
}

function compileMatch(match: Partial<ProductMatch>): CompiledMatch {
  const result: CompiledMatch = {};
  if (match.productIds) result.productIds = new Set(idForms(match.productIds.map(productKey)).keys());
  if (match.tags) result.tags = new Set(match.tags.map(lower));
  if (match.vendors) result.vendors = new Set(match.vendors.map(lower));
  if (match.productTypes) result.productTypes = new Set(match.productTypes.map(lower));
  if (match.collections) result.collections = new Set(match.collections.map(collectionKey));
  if (match.price?.min !== undefined) result.min = match.price.min;
  if (match.price?.max !== undefined) result.max = match.price.max;
  return result;
}

// ---------------------------------------------------------------------------------------
// Evaluation.

function holds(conditions: CompiledConditions, context: RuleContext): boolean {
  if (conditions.segments && !conditions.segments.some((segment) => context.segments.includes(segment))) return false;
  if (conditions.pageTypes && !conditions.pageTypes.includes(context.pageType)) return false;
  if (conditions.productContext) {
    if (!context.product) return false;
    if (!matches(conditions.productContext, new FactsView().reset(context.product.productId, context.product))) {
      return false;
    }
  }
  if (conditions.cartContains) {
    const { match, minItems } = conditions.cartContains;
    let items = 0;
    const view = new FactsView();
    for (const line of context.cart?.lines ?? []) {
      if (!match || matches(match, view.reset(line.productId, line))) items += Math.max(0, line.quantity);
    }
    if (items < minItems) return false;
  }
  return true;
}

/** Every field the match names must hit (AND); any entry within a field may (OR). */
function matches(match: CompiledMatch, view: FactsView): boolean {
  if (match.min !== undefined && !(view.price >= match.min)) return false;
  if (match.max !== undefined && !(view.price <= match.max)) return false;
  if (match.productIds && !match.productIds.has(view.productId)) return false;
  if (match.vendors && !match.vendors.has(view.vendor())) return false;
  if (match.productTypes && !match.productTypes.has(view.productType())) return false;
  if (match.tags && !hasAny(match.tags, view.tags())) return false;
  if (match.collections && !hasAny(match.collections, view.collections())) return false;
  return true;
}

function hasAny(wanted: Set<string>, keys: readonly string[]): boolean {
  for (const key of keys) if (wanted.has(key)) return true;
  return false;
}

interface Facts {
  vendor: string;
  productType: string;
  tags: readonly string[];
  collections?: readonly string[];
}

interface Keys {
  vendor?: string;
  productType?: string;
  tags?: string[];
  collections?: string[];
}

// Engines usually hand out the same product objects request after request (a cached
// catalogue); their normalised keys are then computed once, not once per request.
const keysOf = new WeakMap<Facts, Keys>();

/** Normalised keys of one product, each computed at most once however many rules ask. */
class FactsView {
  price = Number.NaN;
  productId = "";
  private facts: Facts = { vendor: "", productType: "", tags: [] };
  private keys: Keys = {};

  reset(productId: string, facts: Facts, price = Number.NaN) {
    this.productId = productId;
    this.price = price;
    this.facts = facts;
    let keys = keysOf.get(facts);
    if (!keys) keysOf.set(facts, (keys = {}));
    this.keys = keys;
    return this;
  }

  vendor() {
    return (this.keys.vendor ??= lower(this.facts.vendor));
  }

  productType() {
    return (this.keys.productType ??= lower(this.facts.productType));
  }

  tags() {
    return (this.keys.tags ??= this.facts.tags.map(lower));
  }

  collections() {
    return (this.keys.collections ??= (this.facts.collections ?? []).map(collectionKey));
  }
}

// ---------------------------------------------------------------------------------------
// Normalisation. Shopify tags, vendors and types are matched case-insensitively by
// merchants' expectations (the admin's own filters do); ids may come as GIDs or numbers.

const GID_PREFIX = "gid://";

/** `gid://shopify/Product/123` and `123` name the same product: the key is "123". */
function productKey(id: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith(GID_PREFIX) ? trimmed.slice(trimmed.lastIndexOf("/") + 1) : trimmed;
}

/** Both spellings of each product key, mapped to the key. */
function idForms(keys: Iterable<string>): Map<string, string> {
  const forms = new Map<string, string>();
  for (const key of keys) {
    forms.set(key, key);
    forms.set(`${GID_PREFIX}shopify/Product/${key}`, key);
  }
  return forms;
}

function vendorKey(product: Facts): string {
  const keys = keysOf.get(product);
  return keys ? (keys.vendor ??= lower(product.vendor)) : lower(product.vendor);
}

function collectionKey(value: string): string {
  return value.startsWith(GID_PREFIX) ? productKey(value) : lower(value);
}

// Tags and vendors repeat across thousands of candidates; caching their lower-case form
// keeps a rules pass well under a millisecond. Bounded so a huge catalogue cannot grow it.
const lowerCache = new Map<string, string>();

function lower(value: string): string {
  let result = lowerCache.get(value);
  if (result === undefined) {
    result = value.trim().toLowerCase();
    if (lowerCache.size >= 50_000) lowerCache.clear();
    lowerCache.set(value, result);
  }
  return result;
}
