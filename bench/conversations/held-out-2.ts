/**
 * THE HELD-OUT SET, second part: 45 more conversations, included by `heldOut` (held-out.ts).
 *
 * The same rules as the first part: written from the demo store's data (the UCI Online Retail
 * rows, Shopify's sample product CSVs, `demoPolicies`) and issue 13's requirements and reply
 * conventions, never run against the assistant while being written, never edited to fit an
 * answer. A failure here is fixed in the engine against the development set.
 *
 * It covers what the first part covers thinly or not at all: a logged-in shopper's first
 * message being the follow-up ("resend my tracking link"), Switzerland and Norway (their own
 * line of the shipping policy), an unshipped order abroad (the window counted from today), an
 * older order's window, a guest who gives someone else's email or types it capitalised, a
 * guest's order of more than ten lines, an overseas order that is late; policy passages the
 * first part does not ask for; searches run together or misspelt, a product told apart by a
 * word other than its colour, a variant's own stock; recipients and occasions the catalog
 * only knows through its types and words (a gardener, a baker, a new baby, a wedding).
 *
 * Every fact is computed from the World: prices with `money()`, items and tracking from the
 * order, delivery windows with this file's business-day calculator and the figures read out
 * of the shipping policy's text. Picks are deterministic: pools filtered by fixed rules and
 * ordered by a hash of their ids (so they do not follow the first part's strides), or chosen
 * by a rule stated where they are made. A shipped order a guest looks up is never its
 * customer's latest, the only kind of order the first part's logged-in scripts ask about.
 */
import type { FakeCustomer, FakeOrder, FakePolicy, FakeProduct } from "../../tests/fake-shopify/store";
import {
  aboutOrder,
  asksWhichOne,
  cheaperThanShown,
  citesSource,
  correctedTo,
  doesNotSay,
  estimatesDelivery,
  everyProduct,
  firstProduct,
  handsOff,
  intentIs,
  listsItems,
  lowestPrice,
  money,
  noHandoff,
  noOrder,
  noProducts,
  resolved,
  says,
  showsOrder,
  showsProducts,
  showsTracking,
  statesStock,
  understood,
  violation,
} from "./checks";
import type { Check, Constraints, Script, ScriptSet, Turn, World } from "./types";

function fail(why: string): never {
  throw new Error(`held-out-2: ${why}`);
}

const tokens = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const lastSegment = (gidValue: string) => gidValue.slice(gidValue.lastIndexOf("/") + 1);

/** FNV-1a: a stable order for pools that owes nothing to how the first part strides them. */
function hashOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
const hashed = <T>(list: T[], key: (item: T) => string) =>
  [...list].sort((a, b) => hashOf(`ho2:${key(a)}`) - hashOf(`ho2:${key(b)}`) || key(a).localeCompare(key(b)));

/** The colours the demo store tags products with (tests/factories/demo-store.ts COLOURS). */
const COLOURS = new Set(
  "red pink white blue green ivory cream black silver gold purple yellow orange brown grey turquoise".split(" "),
);

// ---- Calendar: the conventions' delivery-window rule ------------------------------------

/** The date (YYYY-MM-DD) a moment falls on in the shop's time zone. */
function calendarDate(moment: Date | string, timeZone: string): string {
  const at = typeof moment === "string" ? new Date(moment) : moment;
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(at)
    .filter((part) => part.type !== "literal");
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? fail(`no ${type} in a formatted date`);
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * The date `count` business days (Monday to Friday, no holiday calendar) after `date`. From a
 * weekend, the first business day is the Monday.
 */
function businessDaysAfter(date: string, count: number): string {
  const [y, m, d] = date.split("-").map(Number);
  // UTC days: the calendar arithmetic cannot be moved by the host's zone or summer time.
  const day = new Date(Date.UTC(y, m - 1, d));
  for (let left = count; left > 0;) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday >= 1 && weekday <= 5) left--;
  }
  return day.toISOString().slice(0, 10);
}

// ---- The shop's policies, read section by section -------------------------------------------

interface Passage {
  policy: FakePolicy;
  heading: string | null;
  text: string;
}

const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();

function passagesOf(policy: FakePolicy): Passage[] {
  const passages: Passage[] = [];
  const heading = /<h2[^>]*>([\s\S]*?)<\/h2>/gi;
  let from = 0;
  let current: string | null = null;
  for (let match = heading.exec(policy.body); match; match = heading.exec(policy.body)) {
    const before = textOf(policy.body.slice(from, match.index));
    if (before) passages.push({ policy, heading: current, text: before });
    current = textOf(match[1]);
    from = match.index + match[0].length;
  }
  const rest = textOf(policy.body.slice(from));
  if (rest) passages.push({ policy, heading: current, text: rest });
  return passages;
}

/** The EU's member states: the shipping policy says "EU" and "the European Union". */
const EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" ");
const PLACES: Record<string, string[]> = {
  eu: EU,
  "european union": EU,
  switzerland: ["CH"],
  norway: ["NO"],
  "united states": ["US"],
  usa: ["US"],
  canada: ["CA"],
  australia: ["AU"],
};

interface Delivery {
  min: number;
  max: number;
  cost: string;
}

class Policies {
  private readonly passages: Passage[];
  /** Business days and cost of standard delivery per ISO country code. */
  readonly delivery = new Map<string, Delivery>();

  constructor(policies: FakePolicy[]) {
    this.passages = policies.flatMap(passagesOf);
    const uk = /takes (\d+)-(\d+) business days and costs (£\d+(?:\.\d\d)?)/.exec(
      this.passage("SHIPPING_POLICY", /^UK delivery$/).text,
    );
    if (!uk) fail("the UK delivery passage gives no standard time and cost");
    this.delivery.set("GB", { min: Number(uk[1]), max: Number(uk[2]), cost: uk[3] });
    const abroad = /([A-Z][A-Za-z ,]*?):\s*(\d+)-(\d+) business days,\s*(£\d+(?:\.\d\d)?)/g;
    const intl = this.passage("SHIPPING_POLICY", /^International delivery$/).text;
    for (let line = abroad.exec(intl); line; line = abroad.exec(intl)) {
      for (const place of line[1].split(/\s*,\s*|\s+and\s+/)) {
        const codes =
          PLACES[place.trim().toLowerCase()] ??
          fail(`the shipping policy names a place this file cannot map: ${place}`);
        for (const code of codes)
          this.delivery.set(code, { min: Number(line[2]), max: Number(line[3]), cost: line[4] });
      }
    }
    if (!this.delivery.has("AU") || !this.delivery.has("DE"))
      fail("the shipping policy's international lines were not read");
  }

  passage(type: FakePolicy["type"], heading: RegExp | null): Passage {
    return (
      this.passages.find((p) => p.policy.type === type && (heading === null || heading.test(p.heading ?? ""))) ??
      fail(`no ${type} passage ${String(heading)}`)
    );
  }

  for(code: string): Delivery {
    return this.delivery.get(code) ?? fail(`the shipping policy gives nothing for ${code}`);
  }
}

/** What a passage says, found by a pattern (a group of it, when given); throws when it is not said. */
function said(passage: Passage, pattern: RegExp, group = 0): string {
  const found =
    pattern.exec(passage.text) ?? fail(`"${passage.heading ?? passage.policy.title}" does not say ${String(pattern)}`);
  return found[group];
}

/** A source titled "<Policy title>: <heading>" (or the policy's title, for one without headings). */
const sourceOf = (passage: Passage) =>
  new RegExp(`^${quote(passage.policy.title)}${passage.heading ? `: ${quote(passage.heading)}` : ""}`, "i");

/** The passage is quoted: its phrase in the text, its section as a source, answered without a person. */
const quoting = (passage: Passage, phrase: string | RegExp): Check[] => [
  says(phrase),
  citesSource(sourceOf(passage)),
  understood(),
  noHandoff(),
];

// ---- Checks this part adds -----------------------------------------------------------------

/**
 * The order's items with their quantities ("6 × Title"): all of them up to ten lines; past ten,
 * any ten of them (the conventions do not say which) and "and N more".
 */
function listsOrderItems(order: FakeOrder): Check {
  const lines = order.lineItems.map((l) => ({ title: l.title, quantity: l.quantity }));
  if (lines.length <= 10) return listsItems(lines);
  return (reply) => {
    const listed = lines.filter(({ title, quantity }) => {
      const t = quote(title);
      return new RegExp(
        `\\b${quantity}\\s*[×x]\\s*${t}|${t}\\s*[×x]\\s*${quantity}\\b|${t}\\s*\\(\\s*[×x]?\\s*${quantity}\\s*\\)`,
        "i",
      ).test(reply.text);
    });
    if (listed.length < 10)
      return `only ${listed.length} of ${order.name}'s ${lines.length} lines are listed with their quantities (10 are due)`;
    return new RegExp(`\\band ${lines.length - 10} more\\b`, "i").test(reply.text)
      ? null
      : `${order.name} has ${lines.length} lines: the list should end "and ${lines.length - 10} more"`;
  };
}

/** The window is called an estimate, in the text or on the card. */
const calledAnEstimate: Check = (reply) =>
  /estimat/i.test(reply.text) || /estimat/i.test(reply.order?.estimatedDelivery?.text ?? "")
    ? null
    : `the delivery window is not called an estimate: ${JSON.stringify(reply.text.slice(0, 160))}`;

/** Plainly not sold: no cards, the conventions' wording, never as if merely sold out. */
const notSold: Check[] = [
  says(/(don't|do not|doesn't|does not|don’t|doesn’t) (sell|stock|carry)/i),
  doesNotSay(/out of stock|sold out|anything in stock/i),
  noProducts(),
  understood(),
];

const NOTHING_CHEAPER = /\b(no|nothing|none|not)\b[^.]*\bcheaper|cheapest/i;

/**
 * "Cheaper": every card below the dearest card last shown, and cards when the catalog holds a
 * cheaper product in stock that fits what was asked; when it holds none at all, no cards and
 * a plain "nothing cheaper". (Cheaper ones that are all sold out: either answer is fair.)
 */
function cheaper(c: Constraints, fitsToo: (p: FakeProduct) => boolean = () => true): Check[] {
  const dueOrNone: Check = (reply, world, previous) => {
    const last = [...previous].reverse().find((r) => r.products?.length);
    if (!last) return "no earlier cards to be cheaper than";
    const ceiling = Math.max(...last.products!.map((p) => Number(p.price.amount)));
    const below = world.products.filter(
      (p) => lowestPrice(p) < ceiling && violation(p, lowestPrice(p), c) === null && fitsToo(p),
    );
    const shown = reply.products?.length ?? 0;
    if (below.some((p) => p.variants.some((v) => v.availableForSale)))
      return shown ? null : `the shop has cheaper ones than ${money(ceiling)} in stock, but no card was shown`;
    if (below.length) return null;
    return !shown && NOTHING_CHEAPER.test(reply.text)
      ? null
      : `nothing fits below ${money(ceiling)}: expected no cards and a plain "nothing cheaper", got ${shown} card(s)`;
  };
  return [cheaperThanShown(), dueOrNone, understood()];
}

const greeting: Check[] = [understood(), resolved(true), noHandoff()];
const refused: Check[] = [intentIs(null), handsOff("offered"), noProducts(), noOrder()];

// ---- The catalog ---------------------------------------------------------------------------

/** Words on a child's things, by the catalog's own titles (besides the Toys & Games type). */
const CHILD_WORDS =
  /\b(child|children|childrens|children's|childs|kid|kids|baby|babies|boy|boys|girl|girls|toy|toys|spaceboy|dolly|jigsaw|puzzles?|dinosaurs?|teddy|dolls?|games?|colouring|crayons?|skipping|spinning|puppets?|circus|nursery|bib)\b/i;
const forAChild = (p: FakeProduct) => p.productType === "Toys & Games" || CHILD_WORDS.test(p.title);
const forABaby = (p: FakeProduct) =>
  p.productType === "Toys & Games" ||
  /\b(baby|babies|bib|child|children|childrens|kids?|toys?|teddy|nursery)\b/i.test(p.title);
const forAGardener = (p: FakeProduct) =>
  ["Garden", "Outdoor"].includes(p.productType) ||
  /\b(garden|gardening|gardeners?|plants?|planter|watering|trowel|seeds?|flower ?pots?|pots?|bird ?(house|feeder|table)|herbs?|kneeling|gnome)\b/i.test(
    p.title,
  );
const forABaker = (p: FakeProduct) =>
  p.productType === "Kitchen & Dining" ||
  /\b(bak\w*|cakes?|cupcakes?|biscuits?|cookies?|cutters?|aprons?|recipe|pantry|spoons?|tins?|jelly|moulds?)\b/i.test(
    p.title,
  );
const christmassy = (p: FakeProduct) =>
  p.productType === "Christmas" ||
  /\b(christmas|xmas|santa|reindeer|snow\w*|advent|bauble|angel|noel)\b/i.test(p.title);

/** Optimal-string-alignment distance, enough to tell 0, 1 and "further" apart. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const row = (n: number) => Array.from({ length: n + 1 }, () => 0);
  const d = Array.from({ length: a.length + 1 }, () => row(b.length));
  for (let i = 0; i <= a.length; i++) d[i][0] = i;
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

class Shelf {
  /** Every word of the shop's titles, types, tags, options and descriptions. */
  readonly vocabulary = new Set<string>();
  private readonly titlesWith = new Map<string, Set<string>>();
  private readonly sameTitle = new Map<string, number>();
  private readonly used = new Set<string>();

  constructor(readonly world: World) {
    for (const p of world.products) {
      for (const w of [
        ...tokens(p.title),
        ...tokens(p.productType),
        ...p.tags.flatMap(tokens),
        ...p.options.flatMap((o) => o.values.flatMap(tokens)),
        ...tokens(textOf(p.descriptionHtml)),
      ])
        this.vocabulary.add(w);
      for (const w of new Set(tokens(p.title))) {
        const ids = this.titlesWith.get(w) ?? new Set<string>();
        ids.add(p.id);
        this.titlesWith.set(w, ids);
      }
      this.sameTitle.set(p.title.toLowerCase(), (this.sameTitle.get(p.title.toLowerCase()) ?? 0) + 1);
    }
  }

  /** Ids of the products whose titles hold all these words. */
  holding(words: string[]): string[] {
    const [first, ...rest] = words.map((w) => this.titlesWith.get(w) ?? new Set<string>());
    return [...(first ?? [])].filter((id) => rest.every((ids) => ids.has(id)));
  }

  /**
   * A product from the transactions a shopper could name by its title alone: one variant at
   * a real price, a title of letters only, no other product with that title or holding all
   * its words.
   */
  nameable(p: FakeProduct, minWords = 3): boolean {
    const ws = tokens(p.title);
    return (
      Number(lastSegment(p.id)) < 900_000 &&
      p.variants.length === 1 &&
      lowestPrice(p) >= 0.5 &&
      /^[A-Za-z ]+$/.test(p.title) &&
      ws.length >= minWords &&
      this.sameTitle.get(p.title.toLowerCase()) === 1 &&
      this.holding(ws).length === 1
    );
  }

  /** The first product of a hashed pool no script of this part has used yet (and that `fits`). */
  pick(pool: FakeProduct[], what: string, fits: (p: FakeProduct) => boolean = () => true): FakeProduct {
    const p =
      hashed(pool, (x) => x.id).find((x) => !this.used.has(x.id) && fits(x)) ?? fail(`no product left for ${what}`);
    this.used.add(p.id);
    return p;
  }

  claim(p: FakeProduct): FakeProduct {
    this.used.add(p.id);
    return p;
  }

  /** Checks that some product in stock can satisfy a search, so the turn is fair. */
  possible(c: Constraints, what: string, fitsToo: (p: FakeProduct) => boolean = () => true): Constraints {
    const found = this.world.products.some(
      (p) => p.variants.some((v) => v.availableForSale) && violation(p, lowestPrice(p), c) === null && fitsToo(p),
    );
    if (!found) fail(`nothing in stock fits ${what} ${JSON.stringify(c)}`);
    return c;
  }

  /** Titles holding the phrase as whole words. */
  titled(phrase: string): FakeProduct[] {
    const pattern = new RegExp(`\\b${quote(phrase)}\\b`, "i");
    return this.world.products.filter((p) => pattern.test(p.title));
  }

  /** Asserts the catalog never mentions a thing, so "we don't sell it" is true. */
  absent(word: string): string {
    const hit = [...this.vocabulary].find((w) => w.startsWith(word));
    if (hit) fail(`the catalog does mention "${word}" (${hit})`);
    return word;
  }

  /** Asserts a message shares no word of four letters or more with the catalog. */
  foreign(message: string): string {
    const shared = tokens(message).filter((w) => w.length >= 4 && this.vocabulary.has(w));
    if (shared.length) fail(`"${message}" shares the catalog's words ${shared.join(", ")}`);
    return message;
  }

  /**
   * A misspelling of `word` with one inner letter left out, that is no word of the shop and
   * has no word of the shop but `word` within one edit: the correction is unambiguous.
   */
  typo(word: string): string | null {
    for (let i = 2; i <= word.length - 2; i++) {
      const typo = word.slice(0, i) + word.slice(i + 1);
      if (this.vocabulary.has(typo)) continue;
      if ([...this.vocabulary].every((w) => w === word || distance(w, typo) > 1)) return typo;
    }
    return null;
  }
}

// ---- Orders --------------------------------------------------------------------------------

class Ledger {
  readonly ofCustomer = new Map<string, FakeOrder[]>();
  private readonly used = new Set<string>();

  constructor(
    readonly world: World,
    private readonly policies: Policies,
  ) {
    for (const o of world.orders) {
      if (!o.customerId) continue;
      const list = this.ofCustomer.get(o.customerId) ?? [];
      list.push(o);
      this.ofCustomer.set(o.customerId, list);
    }
    for (const list of this.ofCustomer.values()) list.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  get today() {
    return calendarDate(this.world.now, this.world.shop.timezone);
  }

  shipped(o: FakeOrder) {
    return o.fulfillments.length > 0 && !o.cancelledAt;
  }

  /** No two lines with one title, so "6 × Title" points at one line. */
  distinct(o: FakeOrder) {
    return new Set(o.lineItems.map((l) => l.title.toLowerCase())).size === o.lineItems.length;
  }

  /** The customer's latest order, when it is the only one at that moment. */
  latestOf(customerId: string): FakeOrder | null {
    const list = this.ofCustomer.get(customerId) ?? [];
    return list[0] && (!list[1] || list[1].createdAt !== list[0].createdAt) ? list[0] : null;
  }

  isLatest(o: FakeOrder) {
    return o.customerId !== null && this.latestOf(o.customerId)?.id === o.id;
  }

  /** The estimate the conventions ask for, or null where the policy gives no times. */
  window(o: FakeOrder): { earliest: string; latest: string } | null {
    const times = o.shippingCountry ? this.policies.delivery.get(o.shippingCountry) : undefined;
    if (!times) return null;
    const zone = this.world.shop.timezone;
    const base = this.shipped(o) ? calendarDate(o.fulfillments[0].createdAt, zone) : this.today;
    return { earliest: businessDaysAfter(base, times.min), latest: businessDaysAfter(base, times.max) };
  }

  /** A window not yet over is called an estimate; one already over ("should have arrived by") is checked by its dates. */
  arrival(o: FakeOrder): Check[] {
    const w = this.window(o) ?? fail(`${o.name} goes where the policy gives no times`);
    return [
      estimatesDelivery(w.earliest, w.latest),
      ...(w.latest >= this.today ? [calledAnEstimate] : []),
      aboutOrder(o.name),
      noHandoff(),
      understood(),
    ];
  }

  /** Logged-in: a customer whose latest order fits, first of a hashed pool. */
  customer(what: string, fits: (latest: FakeOrder) => boolean, prefer?: (a: FakeOrder, b: FakeOrder) => number) {
    const pool = this.world.customers.filter((c) => {
      const latest = this.latestOf(c.id);
      return latest && !this.used.has(c.id) && fits(latest);
    });
    const ordered = prefer
      ? [...pool].sort((a, b) => prefer(this.latestOf(a.id)!, this.latestOf(b.id)!))
      : hashed(pool, (c) => c.id);
    const customer = ordered[0] ?? fail(`no customer for ${what}`);
    this.used.add(customer.id);
    return { customer, order: this.latestOf(customer.id)!, id: lastSegment(customer.id) };
  }

  /** Guest: an order with an email that is not its customer's latest, first of a hashed pool. */
  guest(what: string, fits: (o: FakeOrder) => boolean): FakeOrder {
    const pool = this.world.orders.filter(
      (o) => o.email && o.customerId && !this.used.has(o.customerId) && !this.isLatest(o) && fits(o),
    );
    const order = hashed(pool, (o) => o.name)[0] ?? fail(`no order for ${what}`);
    this.used.add(order.customerId!);
    return order;
  }

  /** Guest, unshipped: those are all recent, so mostly latest; taken from customers not used here. */
  guestUnshipped(what: string, fits: (o: FakeOrder) => boolean): FakeOrder {
    const pool = this.world.orders.filter(
      (o) => o.email && o.customerId && !this.used.has(o.customerId) && !this.shipped(o) && fits(o),
    );
    const order = hashed(pool, (o) => o.name)[0] ?? fail(`no order for ${what}`);
    this.used.add(order.customerId!);
    return order;
  }

  /** Another customer's email (a partner's, typed by mistake). */
  someoneElse(than: FakeOrder): FakeCustomer {
    return (
      hashed(
        this.world.customers.filter((c) => c.id !== than.customerId && c.email && !this.used.has(c.id)),
        (c) => c.id,
      )[0] ?? fail("no other customer")
    );
  }
}

/** Two neighbouring letters of the email's name swapped ("oilvia" for "olivia"). */
function swappedLetters(email: string): string {
  const [name, domain] = email.split("@");
  for (let i = 1; i < name.length - 1; i++)
    if (/[a-z]/.test(name[i]) && /[a-z]/.test(name[i + 1]) && name[i] !== name[i + 1])
      return `${name.slice(0, i)}${name[i + 1]}${name[i]}${name.slice(i + 2)}@${domain}`;
  return fail(`cannot mistype ${email}`);
}
/** The way a phone keyboard types an email: its first letter capitalised. */
const capitalised = (email: string) => email.charAt(0).toUpperCase() + email.slice(1);
const digits = (name: string) => name.replace(/^#/, "");

const t = (say: string, expect: Check[], constraints?: Constraints): Turn =>
  constraints ? { say, expect, constraints } : { say, expect };

/** The colour a shopper's words for a product carry: cards on that turn must keep it. */
const colourOf = (words: string): Constraints | undefined => {
  const colour = tokens(words).find((w) => COLOURS.has(w));
  return colour ? { colour } : undefined;
};

// ---- The scripts ---------------------------------------------------------------------------

export const heldOut2: ScriptSet = (world) => {
  const policies = new Policies(world.policies);
  const shelf = new Shelf(world);
  const ledger = new Ledger(world, policies);
  const scripts: Script[] = [];
  const add = (script: Script) => scripts.push({ ...script, id: `ho2/${script.id}` });
  const named = (p: FakeProduct) => [firstProduct(p.id), understood(), noHandoff()];
  const priced = (p: FakeProduct) => [...named(p), says(money(lowestPrice(p)))];
  const inStock = (p: FakeProduct) => p.variants.some((v) => v.availableForSale);
  const howToReturn = policies.passage("REFUND_POLICY", /^How to start a return$/);
  const returnsEmail = said(howToReturn, /Email (\S+@\S+\.\w+)/, 1);

  // ---------------------------------------------------------------- orders, logged in
  {
    const ordinaryGb = (o: FakeOrder) =>
      o.shippingCountry === "GB" && ledger.distinct(o) && o.lineItems.length >= 2 && o.lineItems.length <= 10;
    const stillOpen = (o: FakeOrder) => (ledger.window(o)?.latest ?? "") >= ledger.today;

    // The follow-up comes first: the tracking link, with no order answer before it.
    const a = ledger.customer("a UK order shipped", (o) => ordinaryGb(o) && ledger.shipped(o));
    const tracking = a.order.fulfillments[0].trackingInfo[0]?.number ?? fail(`${a.order.name} has no tracking`);
    add({
      id: "orders/in/resend-tracking-first",
      category: "orders",
      customerId: a.id,
      turns: [
        t("can you resend my tracking link? cant find the email anywhere", [
          showsOrder(a.order.name),
          showsTracking(tracking),
          understood(),
          noHandoff(),
        ]),
        t("cheers. and what's in the parcel again?", [listsOrderItems(a.order), understood(), noHandoff()]),
      ],
    });

    const b = ledger.customer(
      "an EU order shipped, its window still open",
      (o) =>
        o.shippingCountry !== null &&
        EU.includes(o.shippingCountry) &&
        ledger.shipped(o) &&
        ledger.distinct(o) &&
        o.lineItems.length <= 10 &&
        stillOpen(o),
    );
    add({
      id: "orders/in/eu-arrival-first-then-contents",
      category: "orders",
      customerId: b.id,
      turns: [
        t("when's my order going to get here?", [showsOrder(b.order.name), ...ledger.arrival(b.order)]),
        t("what did i order again", [listsOrderItems(b.order), understood(), noHandoff()]),
      ],
    });

    // Switzerland and Norway have their own place in the policy's line; the most recently shipped.
    const c = ledger.customer(
      "an order shipped to Switzerland or Norway",
      (o) => (o.shippingCountry === "CH" || o.shippingCountry === "NO") && ledger.shipped(o),
      (x, y) => y.fulfillments[0].createdAt.localeCompare(x.fulfillments[0].createdAt) || x.name.localeCompare(y.name),
    );
    add({
      id: "orders/in/switzerland-or-norway",
      category: "orders",
      customerId: c.id,
      turns: [
        t("has my order been dispatched yet", [showsOrder(c.order.name), understood(), noHandoff()]),
        t("how many working days till it reaches me", ledger.arrival(c.order)),
        t("tracking no. please", [
          showsTracking(c.order.fulfillments[0].trackingInfo[0]?.number ?? fail(`${c.order.name} has no tracking`)),
          noHandoff(),
          understood(),
        ]),
      ],
    });

    const d = ledger.customer("a UK order not shipped yet", (o) => ordinaryGb(o) && !ledger.shipped(o));
    add({
      id: "orders/in/unshipped-contents-then-arrival",
      category: "orders",
      customerId: d.id,
      turns: [
        t("what did i order? cant remember what i put in", [
          showsOrder(d.order.name),
          listsOrderItems(d.order),
          understood(),
          noHandoff(),
        ]),
        t("and when's it likely to turn up", ledger.arrival(d.order)),
      ],
    });

    // Not shipped and going abroad: the EU's times, counted from today.
    const e = ledger.customer(
      "an EU order not shipped yet",
      (o) => o.shippingCountry !== null && EU.includes(o.shippingCountry) && !ledger.shipped(o),
    );
    add({
      id: "orders/in/unshipped-abroad-from-today",
      category: "orders",
      customerId: e.id,
      turns: [
        t("hello, any news on my order?", [showsOrder(e.order.name), understood(), noHandoff()]),
        t("how long will it take to get to me", ledger.arrival(e.order)),
      ],
    });

    const f = ledger.customer("a UK order shipped, to change", (o) => ordinaryGb(o) && ledger.shipped(o));
    add({
      id: "orders/in/too-late-to-change-then-return",
      category: "orders",
      customerId: f.id,
      turns: [
        t("is my last order on its way?", [showsOrder(f.order.name), understood(), noHandoff()]),
        t("is it too late to change it? wanted a different colour", [
          says(/shipped|dispatched|on its way|sent/i),
          says(/return/i),
          understood(),
        ]),
        t("ok how do i send it back then", quoting(howToReturn, returnsEmail)),
      ],
    });

    // Customers with exactly two orders: the older one (the first part takes the second of three or more).
    const g = ledger.customer("a customer with two orders, the older shipped in the UK", (latest) => {
      const list = ledger.ofCustomer.get(latest.customerId!)!;
      return list.length === 2 && list[1].shippingCountry === "GB" && ledger.shipped(list[1]);
    });
    const older = ledger.ofCustomer.get(g.customer.id)![1];
    add({
      id: "orders/in/older-order-arrival",
      category: "orders",
      customerId: g.id,
      turns: [
        t(`can you look up order ${older.name} for me`, [showsOrder(older.name), understood()]),
        t("when was that one meant to arrive?", ledger.arrival(older)),
      ],
    });
  }

  // ---------------------------------------------------------------- orders, guests
  {
    const gb = (o: FakeOrder) => o.shippingCountry === "GB" && ledger.distinct(o);
    const recentlyShipped = (o: FakeOrder) =>
      ledger.shipped(o) && (ledger.window(o)?.latest ?? "") >= ledger.today && o.lineItems.length <= 10;

    const a = ledger.guest("a UK order shipped lately", (o) => gb(o) && recentlyShipped(o));
    const partner = ledger.someoneElse(a);
    add({
      id: "orders/guest/someone-elses-email-then-own",
      category: "orders",
      turns: [
        t(`where's order ${digits(a.name)}?`, [noOrder(), understood()]),
        t(partner.email!, [noOrder(), understood(), noHandoff()]),
        t(`sorry thats my husband's email, mine is ${a.email}`, [showsOrder(a.name), understood(), noHandoff()]),
        t("so when will it get here", ledger.arrival(a)),
      ],
    });

    const b = ledger.guest("a UK order shipped", (o) => gb(o) && ledger.shipped(o));
    add({
      id: "orders/guest/capitalised-email-then-tracking",
      category: "orders",
      turns: [
        t(`order ${b.name}, email ${capitalised(b.email!)}`, [showsOrder(b.name), understood()]),
        t("can u send me the tracking again pls", [
          showsTracking(b.fulfillments[0].trackingInfo[0]?.number ?? fail(`${b.name} has no tracking`)),
          understood(),
          noHandoff(),
        ]),
      ],
    });

    const c = ledger.guest(
      "a UK order of more than ten lines",
      (o) => gb(o) && ledger.shipped(o) && o.lineItems.length > 12 && o.lineItems.length <= 40,
    );
    add({
      id: "orders/guest/big-order-contents",
      category: "orders",
      turns: [
        t(`hi, checking on order ${digits(c.name)}`, [noOrder(), understood()]),
        t(`email is ${c.email}`, [showsOrder(c.name), understood(), noHandoff()]),
        t("what's in it?", [listsOrderItems(c), understood(), noHandoff()]),
      ],
    });

    // Switzerland or Norway again, an older order: the first part's overseas orders are all latest ones
    // to Australia, the US or Canada, whose customers have no other orders but to the same places.
    const d = ledger.guest(
      "an older order shipped to Switzerland or Norway",
      (o) => (o.shippingCountry === "CH" || o.shippingCountry === "NO") && ledger.shipped(o),
    );
    add({
      id: "orders/guest/overseas-typo-then-arrival",
      category: "orders",
      turns: [
        t(`status of my order ${digits(d.name)}?`, [noOrder(), understood()]),
        t(swappedLetters(d.email!), [noOrder(), understood(), noHandoff()]),
        t(`oops, ${d.email}`, [showsOrder(d.name), understood(), noHandoff()]),
        t("when should it have got here by?", ledger.arrival(d)),
      ],
    });

    const e = ledger.guestUnshipped(
      "an EU order not shipped yet",
      (o) => o.shippingCountry !== null && EU.includes(o.shippingCountry),
    );
    add({
      id: "orders/guest/unshipped-abroad-arrival-then-add",
      category: "orders",
      turns: [
        t(`order ${digits(e.name)}, my email's ${e.email} - has it shipped?`, [showsOrder(e.name), understood()]),
        t("when can i expect it then", ledger.arrival(e)),
        t("can i still add something to it?", [handsOff(), understood()]),
      ],
    });
  }

  // ---------------------------------------------------------------- policies
  {
    const intl = policies.passage("SHIPPING_POLICY", /^International delivery$/);
    const uk = policies.passage("SHIPPING_POLICY", /^UK delivery$/);
    const returns = policies.passage("REFUND_POLICY", /^Returns$/);
    const refunds = policies.passage("REFUND_POLICY", /^Refunds$/);
    const privacy = policies.passage("PRIVACY_POLICY", null);
    const contact = policies.passage("CONTACT_INFORMATION", null);
    const days = (code: string) => `${policies.for(code).min}-${policies.for(code).max} business days`;

    add({
      id: "policies/spain-cost-then-netherlands-time",
      category: "policies",
      turns: [
        t("whats the postage to spain", [
          ...quoting(intl, policies.for("ES").cost),
          doesNotSay(policies.for("GB").cost),
        ]),
        t("and how long to the netherlands?", quoting(intl, days("NL"))),
      ],
    });
    add({
      id: "policies/uk-standard-time-then-cost",
      category: "policies",
      turns: [
        t("how long does standard delivery take in the uk", quoting(uk, days("GB"))),
        t("and how much is it", [says(policies.for("GB").cost), citesSource(sourceOf(uk)), understood(), noHandoff()]),
      ],
    });
    add({
      id: "policies/how-to-send-back",
      category: "policies",
      turns: [t("how do i send something back to you", quoting(howToReturn, returnsEmail))],
    });
    // The postage is refunded only for damaged or wrong items: the Refunds passage says so, and so does the damaged one.
    said(refunds, /Shipping costs are refunded only when/);
    add({
      id: "policies/postage-refunded",
      category: "policies",
      turns: [
        t("if i return something do i get the postage back", [
          says(/damaged|not what you ordered/i),
          citesSource(/^Refund policy: (Refunds|Damaged or wrong items)/i),
          understood(),
          noHandoff(),
        ]),
      ],
    });
    said(returns, /Personalised items[^.]*cannot be returned/);
    add({
      id: "policies/personalised-return",
      category: "policies",
      turns: [
        t("can i return something that's been personalised?", [
          ...quoting(returns, "cannot be returned"),
          says(/personalised/i),
        ]),
      ],
    });
    add({
      id: "policies/next-day-cut-off",
      category: "policies",
      turns: [t("whats the cut off for next day delivery", quoting(uk, said(uk, /before (\d{1,2}(?:am|pm))/, 1)))],
    });
    add({
      id: "policies/delete-my-data",
      category: "policies",
      turns: [t("how do i get you to delete my data", quoting(privacy, said(privacy, /emailing (\S+@\S+\.\w+)/, 1)))],
    });
    add({
      id: "policies/where-based",
      category: "policies",
      turns: [t("where are you based?", quoting(contact, said(contact, /, (\w+) [A-Z]{1,2}\d/, 1)))],
    });
  }

  // ---------------------------------------------------------------- products
  {
    // Class 1: a product named in full, price and stock asked at once.
    const full = shelf.pick(
      world.products.filter((p) => shelf.nameable(p, 4)),
      "a product to name in full",
    );
    add({
      id: "products/full-name-price-and-stock",
      category: "products",
      turns: [
        t(
          `how much is the ${full.title.toLowerCase()} and is it in stock?`,
          [...priced(full), statesStock(inStock(full))],
          colourOf(full.title),
        ),
      ],
    });

    // Class 2 and 7: words run together, with a budget, then a colour that refines it.
    const clocks = shelf.possible({ titleIncludes: ["wall clock"], priceMax: 10 }, "wall clocks up to £10");
    if (shelf.vocabulary.has("wallclock") || shelf.vocabulary.has("wallclocks"))
      fail('"wallclocks" is a word of the shop');
    add({
      id: "products/wallclocks-under-a-tenner-then-pink",
      category: "products",
      turns: [
        t("any wallclocks under a tenner?", [correctedTo(/wall clock/i), showsProducts(1), understood()], clocks),
        t(
          "have u got them in pink",
          [showsProducts(1)],
          shelf.possible({ ...clocks, colour: "pink" }, "pink wall clocks"),
        ),
      ],
    });

    // Class 2 and 3: a misspelt search, a new noun, then a budget on the new one.
    const typo = shelf.typo("jigsaw") ?? fail("no unambiguous misspelling of jigsaw");
    const aprons = shelf.possible({ titleIncludes: ["apron"] }, "aprons");
    add({
      id: "products/jigsaw-typo-then-aprons-then-budget",
      category: "products",
      turns: [
        t(
          `looking for a ${typo}, got any?`,
          [correctedTo(/jigsaw/i), showsProducts(1), understood()],
          shelf.possible({ titleIncludes: ["jigsaw"] }, "jigsaws"),
        ),
        t(
          "what about aprons?",
          [showsProducts(1), everyProduct("not a jigsaw", (p) => !/jigsaw/i.test(p.title)), understood()],
          aprons,
        ),
        t("anything below £2?", [showsProducts(1)], shelf.possible({ ...aprons, priceMax: 2 }, "aprons under £2")),
      ],
    });

    // Class 3: a new noun after a search, then a colour on it.
    const stands = shelf.possible({ titleIncludes: ["cake stand", "cakestand"] }, "cake stands");
    add({
      id: "products/photo-frames-then-cake-stands-in-white",
      category: "products",
      turns: [
        t(
          "show me photo frames",
          [showsProducts(1), understood()],
          shelf.possible({ titleIncludes: ["frame"] }, "frames"),
        ),
        t(
          "do you do cake stands as well?",
          [showsProducts(1), everyProduct("not a frame", (p) => !/frame/i.test(p.title)), understood()],
          stands,
        ),
        t("any in white?", [showsProducts(1)], shelf.possible({ ...stands, colour: "white" }, "white cake stands")),
      ],
    });

    // Class 3 and 7: refinements pile up: a colour, then a budget.
    const purses = shelf.possible({ titleIncludes: ["purse"] }, "purses");
    const redPurses = shelf.possible({ ...purses, colour: "red" }, "red purses");
    add({
      id: "products/purses-red-then-under-2",
      category: "products",
      turns: [
        t("purses?", [showsProducts(1), understood()], purses),
        t("red ones pls", [showsProducts(1)], redPurses),
        t("under £2?", [showsProducts(1)], shelf.possible({ ...redPurses, priceMax: 2 }, "red purses under £2")),
      ],
    });

    // Class 3: "cheaper" when every product of the search costs the same: nothing cheaper.
    const flat =
      ["baby gift set", "diner wall clock"].find((phrase) => {
        const found = shelf.titled(phrase);
        return found.length >= 2 && new Set(found.map(lowestPrice)).size === 1 && found.some(inStock);
      }) ?? fail("no search whose products all cost the same");
    const flatSearch = { titleIncludes: [flat] };
    add({
      id: "products/same-price-nothing-cheaper",
      category: "products",
      turns: [
        t(`${flat}s please`, [showsProducts(1), understood()], flatSearch),
        t("got anything cheaper?", [...cheaper(flatSearch), noProducts(), says(NOTHING_CHEAPER)], flatSearch),
      ],
    });

    // Class 8: not sold, and not sold then a real search.
    add({
      id: "products/not-sold-shampoo",
      category: "products",
      turns: [t(`do you sell ${shelf.absent("shampoo")}?`, notSold)],
    });
    shelf.absent("drill");
    shelf.absent("power");
    add({
      id: "products/not-sold-drills-then-keyrings",
      category: "products",
      turns: [
        t("have you got any power drills", notSold),
        t(
          "ok then, keyrings?",
          [showsProducts(1), understood()],
          shelf.possible({ titleIncludes: ["keyring", "key ring"] }, "keyrings"),
        ),
      ],
    });

    // Class 1: a variant's own stock (the last product of the sample CSVs with a colour option).
    const coloured = world.products.filter((p) =>
      p.options.some((o) => /colou?r/i.test(o.name) && o.values.length >= 2),
    );
    const variantProduct = shelf.claim(coloured[coloured.length - 1] ?? fail("no product with colours"));
    const colours = variantProduct.options.find((o) => /colou?r/i.test(o.name))!.values;
    const variantOf = (value: string) =>
      variantProduct.variants.find((v) => v.selectedOptions.some((o) => o.value === value))!;
    const askedColour = colours.find((value) => !variantOf(value).availableForSale) ?? colours[colours.length - 1];
    const colourWord = askedColour.toLowerCase();
    add({
      id: "products/variant-colour-stock",
      category: "products",
      turns: [
        t(
          `does the ${variantProduct.title.toLowerCase()} come in ${colourWord}?`,
          [...named(variantProduct), says(askedColour)],
          { colour: colourWord },
        ),
        t(`is the ${colourWord} one in stock`, [statesStock(variantOf(askedColour).availableForSale), understood()], {
          colour: colourWord,
        }),
      ],
    });

    // Class 1: a description question: the last sample product whose description says "waterproof".
    const waterproof = world.products.filter(
      (p) => /\bwaterproof\b/i.test(textOf(p.descriptionHtml)) && !/waterproof/i.test(p.title),
    );
    const jacket = shelf.claim(waterproof[waterproof.length - 1] ?? fail("no waterproof product"));
    add({
      id: "products/is-it-waterproof",
      category: "products",
      turns: [t(`is the ${jacket.title.toLowerCase()} waterproof?`, [...named(jacket), says(/waterproof/i)])],
    });

    // Class 1 and 2: a full name with its longest word misspelt (the first product of the hashed
    // pool that has an unambiguous misspelling).
    const misspelling = (p: FakeProduct) => {
      const ws = tokens(p.title);
      const longest = ws.filter((w) => w.length >= 7 && !COLOURS.has(w)).sort((x, y) => y.length - x.length)[0];
      const wrong = longest ? shelf.typo(longest) : null;
      return wrong ? ws.map((w) => (w === longest ? wrong : w)).join(" ") : null;
    };
    const misspelt = shelf.pick(
      world.products.filter((p) => shelf.nameable(p, 3)),
      "a product whose name can be misspelt",
      (p) => misspelling(p) !== null,
    );
    const misspeltName = misspelling(misspelt)!;
    add({
      id: "products/misspelt-full-name-stock",
      category: "products",
      turns: [
        t(
          `do u have the ${misspeltName} in stock`,
          [...named(misspelt), statesStock(inStock(misspelt))],
          colourOf(misspeltName),
        ),
      ],
    });

    // Class 1: two products told apart by one word that is not a colour: the bot asks which.
    const PAIR_FILLER = new Set(["set", "of", "and", "the", "with", "pack", "assorted", "design"]);
    const pairs: { query: string; a: FakeProduct; b: FakeProduct; word: Map<string, string> }[] = [];
    const seen = new Set<string>();
    for (const p of world.products.filter((x) => shelf.nameable(x, 3))) {
      const ws = tokens(p.title);
      for (const extra of ws) {
        const rest = ws.filter((w) => w !== extra);
        const key = rest.join(" ");
        const content = rest.filter((w) => w.length >= 3 && !PAIR_FILLER.has(w));
        if (COLOURS.has(extra) || rest.some((w) => COLOURS.has(w)) || content.length < 2 || seen.has(key)) continue;
        seen.add(key);
        const both = shelf.holding(rest).map((id) => world.byId.get(id)!);
        if (both.length !== 2 || !both.every((x) => shelf.nameable(x, 3))) continue;
        const word = new Map(both.map((x) => [x.id, tokens(x.title).filter((w) => !rest.includes(w))]));
        if ([...word.values()].some((w) => w.length !== 1 || w[0].length < 4 || COLOURS.has(w[0]))) continue;
        const [first, second] = both;
        if (word.get(first.id)![0] === word.get(second.id)![0]) continue;
        pairs.push({ query: key, a: first, b: second, word: new Map([...word].map(([id, w]) => [id, w[0]])) });
      }
    }
    const pair = hashed(pairs, (x) => x.query)[0] ?? fail("no pair told apart by one word");
    shelf.claim(pair.a);
    shelf.claim(pair.b);
    const chosen = [pair.a, pair.b].sort((x, y) => lowestPrice(y) - lowestPrice(x) || x.id.localeCompare(y.id))[0];
    add({
      id: "products/which-one-by-a-word",
      category: "products",
      turns: [
        t(`how much is the ${pair.query}?`, [asksWhichOne([pair.a.id, pair.b.id]), understood()]),
        t(`the ${pair.word.get(chosen.id)} one`, [
          firstProduct(chosen.id),
          says(money(lowestPrice(chosen))),
          understood(),
        ]),
      ],
    });
  }

  // ---------------------------------------------------------------- recommendations
  {
    const child = everyProduct("for a child (toys & games or a child's thing)", forAChild);
    shelf.possible({ priceMax: 4 }, "a child's thing under £4", forAChild);
    add({
      id: "recommendations/nephew-then-under-4",
      category: "recommendations",
      turns: [
        t("need a birthday present for my nephew, he's 8", [showsProducts(1), child, understood()]),
        t("anything under £4?", [showsProducts(1), child], { priceMax: 4 }),
      ],
    });

    const baby = everyProduct("for a baby", forABaby);
    add({
      id: "recommendations/new-baby-then-range",
      category: "recommendations",
      turns: [
        t("gift for a friend who's just had a baby", [showsProducts(1), baby, understood()]),
        t(
          "something between 15 and 20 quid",
          [showsProducts(1), baby],
          shelf.possible({ priceMin: 15, priceMax: 20 }, "a baby's thing £15-£20", forABaby),
        ),
      ],
    });

    const garden = everyProduct("for a gardener", forAGardener);
    add({
      id: "recommendations/gardening-dad-under-a-tenner",
      category: "recommendations",
      turns: [
        t("my dad loves gardening, any ideas for him?", [showsProducts(1), garden, understood()]),
        t(
          "under a tenner please",
          [showsProducts(1), garden],
          shelf.possible({ priceMax: 10 }, "a gardener's thing under £10", forAGardener),
        ),
      ],
    });

    const wedding = shelf.possible({ priceMin: 20, priceMax: 30 }, "£20-£30");
    add({
      id: "recommendations/wedding-range-then-cheaper",
      category: "recommendations",
      turns: [
        t("wedding present ideas between £20 and £30", [showsProducts(1), understood()], wedding),
        t("hmm anything a bit cheaper", cheaper({ priceMax: 30 }), { priceMax: 30 }),
      ],
    });

    const leaving = shelf.possible({ priceMax: 8 }, "up to £8");
    add({
      id: "recommendations/leaving-colleague-then-blue",
      category: "recommendations",
      turns: [
        t("leaving present for a colleague, no more than £8", [showsProducts(1), understood()], leaving),
        t("anything in blue?", [showsProducts(1)], shelf.possible({ ...leaving, colour: "blue" }, "blue, up to £8")),
      ],
    });

    add({
      id: "recommendations/baking-sister-max-6",
      category: "recommendations",
      turns: [
        t(
          "my sister's really into baking, got anything she'd like? max £6",
          [showsProducts(1), everyProduct("for a baker", forABaker), understood()],
          shelf.possible({ priceMax: 6 }, "a baker's thing up to £6", forABaker),
        ),
      ],
    });

    add({
      id: "recommendations/teachers-then-christmassy",
      category: "recommendations",
      turns: [
        t(
          "gifts for my kids' teachers, under a fiver each",
          [showsProducts(1), understood()],
          shelf.possible({ priceMax: 5 }, "under £5"),
        ),
        t(
          "something christmassy",
          [showsProducts(1), everyProduct("christmassy", christmassy)],
          shelf.possible({ priceMax: 5 }, "christmassy under £5", christmassy),
        ),
      ],
    });
  }

  // ---------------------------------------------------------------- handoff
  {
    const a = ledger.customer(
      "a UK order shipped, before asking for a manager",
      (o) => o.shippingCountry === "GB" && ledger.shipped(o),
    );
    add({
      id: "handoff/order-then-manager",
      category: "handoff",
      customerId: a.id,
      turns: [
        t("where's my order?", [showsOrder(a.order.name), understood()]),
        t("this is ridiculous, i want to speak to a manager", [handsOff()]),
      ],
    });
    add({
      id: "handoff/actual-human",
      category: "handoff",
      turns: [t("is there an actual human i can chat to?", [handsOff("requested")])],
    });
  }

  // ---------------------------------------------------------------- out of scope
  {
    add({
      id: "out_of_scope/film-tonight",
      category: "out_of_scope",
      turns: [t(shelf.foreign("can you recommend a good film to watch tonight"), refused)],
    });
    const cosies = shelf.possible({ titleIncludes: ["tea cosy"] }, "tea cosies");
    add({
      id: "out_of_scope/after-a-search",
      category: "out_of_scope",
      turns: [
        t("any tea cosies?", [showsProducts(1), understood()], cosies),
        t(shelf.foreign("how many calories are in a banana lol"), refused),
      ],
    });
  }

  // ---------------------------------------------------------------- small talk
  {
    add({
      id: "small_talk/afternoon-then-ta",
      category: "small_talk",
      turns: [t("afternoon!", greeting), t("ta, bye", greeting)],
    });
    const p = shelf.pick(
      world.products.filter((x) => shelf.nameable(x, 3)),
      "a product to ask about between pleasantries",
    );
    add({
      id: "small_talk/hey-product-lovely-later",
      category: "small_talk",
      turns: [
        t("hey", greeting),
        t(`how much is the ${p.title.toLowerCase()}`, priced(p), colourOf(p.title)),
        t("lovely, thanks a lot", greeting),
        t("see you later", greeting),
      ],
    });
  }

  return scripts;
};
