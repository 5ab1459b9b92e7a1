/**
 * THE HELD-OUT SET of `npm run eval:conversations`.
 *
 * Written up front, from the demo store's data (the UCI Online Retail rows, Shopify's sample
 * product CSVs, `demoPolicies`) and issue 13's requirements and reply conventions, BEFORE the
 * engine changes it measures, and never run against the assistant while being written. It
 * must not be used for tuning: when one of these conversations fails, fix the engine against
 * the development set (or a new development script), never by editing this file to fit an
 * answer. That is what makes its pass rate a fair estimate of how the engine does on
 * conversations nobody tuned it on.
 *
 * Every fact a turn checks is computed here from the World (products, orders, customers,
 * policies, now): prices with `money()`, items and quantities from the order's lines, tracking
 * numbers from its fulfillment, delivery windows with the business-day calculator below and
 * the shipping policy's own figures, policy figures read out of the policy text. Products and
 * orders are chosen by fixed filters and strides, so the same data gives the same scripts.
 * Wording is checked only as far as the conventions fix it.
 */
import type { FakeCustomer, FakeOrder, FakePolicy, FakeProduct } from "../../tests/fake-shopify/store";
import {
  cheaperThanShown,
  citesSource,
  correctedTo,
  doesNotSay,
  estimatesDelivery,
  everyProduct,
  firstProduct,
  handsOff,
  intentIs,
  lowestPrice,
  money,
  noHandoff,
  noOrder,
  noProducts,
  resolved,
  says,
  showsOrder,
  showsProduct,
  showsProducts,
  understood,
  violation,
} from "./checks";
import { heldOut2 } from "./held-out-2";
import type { Check, Constraints, Script, ScriptSet, Turn, World } from "./types";

// ---- Words ---------------------------------------------------------------------------

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
const numericId = (gidValue: string) => gidValue.slice(gidValue.lastIndexOf("/") + 1);

/** The colour words the demo store tags products with (tests/factories/demo-store.ts COLOURS). */
const COLOUR_WORDS = new Set(
  "red pink white blue green ivory cream black silver gold purple yellow orange brown grey turquoise".split(" "),
);

/** Words that do not name a product on their own, so a partial name is never only these. */
const FILLER = new Set(
  "set of and the with in for pack small large mini jumbo assorted design new vintage retro".split(" "),
);

/** Children's things by their titles: what the conventions allow besides Toys & Games. */
const CHILDRENS =
  /\b(child|children|childrens|children's|kid|kids|baby|babies|boy|boys|girl|girls|toy|toys|spaceboy|dolly)\b/i;

const isForChildren = (p: FakeProduct) => p.productType === "Toys & Games" || CHILDRENS.test(p.title);

// ---- Dates: the delivery-window rule of the conventions --------------------------------

/** The calendar date (YYYY-MM-DD) of a moment in the shop's time zone. */
function shopDate(moment: Date | string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(typeof moment === "string" ? new Date(moment) : moment)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** `days` business days (Monday to Friday, no holiday calendar) after a calendar date. */
function addBusinessDays(date: string, days: number): string {
  // Noon UTC keeps the arithmetic on the same calendar day whatever the host's zone.
  const day = new Date(`${date}T12:00:00Z`);
  let left = days;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return day.toISOString().slice(0, 10);
}

// ---- Policies: sections and the figures they state --------------------------------------

interface Section {
  policy: FakePolicy;
  heading: string | null;
  text: string;
}

const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

function sectionsOf(policy: FakePolicy): Section[] {
  const parts = policy.body.split(/<h2>/i);
  const sections: Section[] = [];
  if (plain(parts[0])) sections.push({ policy, heading: null, text: plain(parts[0]) });
  for (const part of parts.slice(1)) {
    const [heading, rest] = part.split(/<\/h2>/i);
    sections.push({ policy, heading: plain(heading), text: plain(rest ?? "") });
  }
  return sections;
}

/** What the held-out set needs from the shop's policies, read out of their text. */
interface PolicyFacts {
  section: (policyType: FakePolicy["type"], heading: RegExp | null) => Section;
  /** Business days and cost per ISO country code, from the shipping policy. */
  destinations: Map<string, { min: number; max: number; cost: string }>;
}

/** The EU's member states, for the policy's "EU" (which the policy does not spell out). */
const EU_MEMBERS = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" ");
const REGION_CODES: Record<string, string[]> = {
  EU: EU_MEMBERS,
  Switzerland: ["CH"],
  Norway: ["NO"],
  "United States": ["US"],
  Canada: ["CA"],
  Australia: ["AU"],
};

function readPolicies(policies: FakePolicy[]): PolicyFacts {
  const all = policies.flatMap(sectionsOf);
  const section = (policyType: FakePolicy["type"], heading: RegExp | null) => {
    const found = all.find((s) => s.policy.type === policyType && (heading ? heading.test(s.heading ?? "") : true));
    if (!found) throw new Error(`held-out: the ${policyType} has no section ${String(heading)}`);
    return found;
  };
  const destinations = new Map<string, { min: number; max: number; cost: string }>();
  const uk = /takes (\d+)-(\d+) business days and costs (£\d+(?:\.\d{2})?)/.exec(
    section("SHIPPING_POLICY", /^UK delivery$/).text,
  );
  if (!uk) throw new Error("held-out: the UK delivery section states no standard delivery time and cost");
  destinations.set("GB", { min: Number(uk[1]), max: Number(uk[2]), cost: uk[3] });
  for (const sentence of section("SHIPPING_POLICY", /^International delivery$/).text.split(/\.\s+/)) {
    const line = /^(.+?):\s*(\d+)-(\d+) business days, (£\d+(?:\.\d{2})?)/.exec(sentence);
    if (!line) continue;
    for (const region of line[1].split(/,\s*|\s+and\s+/)) {
      const codes = REGION_CODES[region.trim()];
      if (!codes) throw new Error(`held-out: the shipping policy names a region this file cannot place: ${region}`);
      for (const code of codes) destinations.set(code, { min: Number(line[2]), max: Number(line[3]), cost: line[4] });
    }
  }
  return { section, destinations };
}

/** A figure (or phrase) the policy text states, found by a pattern; throws when the text lacks it. */
function stated(section: Section, pattern: RegExp, group = 0): string {
  const found = pattern.exec(section.text);
  if (!found)
    throw new Error(`held-out: "${section.heading ?? section.policy.title}" does not state ${String(pattern)}`);
  return found[group];
}

const sourceTitle = (section: Section) =>
  new RegExp(`^${escape(section.policy.title)}${section.heading ? `: ${escape(section.heading)}` : ""}`, "i");

// ---- Checks this set adds (built from the conventions) -----------------------------------

/** The text states the passage's phrase, and a source names the section it came from. */
function quotes(section: Section, phrase: string): Check[] {
  return [says(phrase), citesSource(sourceTitle(section)), understood(), noHandoff()];
}

/** The order card carries this order's tracking number, or the text does. */
function givesTracking(order: FakeOrder): Check {
  const number = order.fulfillments[0]?.trackingInfo[0]?.number;
  return (reply) => {
    if (!number) return `held-out: ${order.name} has no tracking number to check`;
    const onCard = reply.order?.tracking.some((t) => t.number === number || (t.url ?? "").includes(number));
    return onCard || reply.text.includes(number)
      ? null
      : `tracking ${number} of ${order.name} neither on the card nor in the text`;
  };
}

/** The text lists the order's items as "6 × Title": up to 10, then "and N more". */
function listsItems(order: FakeOrder): Check {
  return (reply) => {
    const lines = order.lineItems;
    const listed = lines.length > 10 ? lines.slice(0, 5) : lines;
    const missing = listed.filter(
      (l) => !new RegExp(`\\b${l.quantity}\\s*[×x]\\s*${escape(l.title)}`, "i").test(reply.text),
    );
    if (missing.length)
      return `items not listed with their quantities: ${missing.map((l) => `${l.quantity} × ${l.title}`).join("; ")} in ${JSON.stringify(reply.text.slice(0, 200))}`;
    if (lines.length > 10 && !new RegExp(`and ${lines.length - 10} more`, "i").test(reply.text))
      return `${order.name} has ${lines.length} items: the text should end the list with "and ${lines.length - 10} more"`;
    return null;
  };
}

/** The estimate is said to be one, on the card or in the text. */
const saysEstimate: Check = (reply) =>
  /estimat/i.test(reply.text) || /estimat/i.test(reply.order?.estimatedDelivery?.text ?? "")
    ? null
    : `the delivery window is not called an estimate: ${JSON.stringify(reply.text.slice(0, 160))}`;

/** No window, and the text says the policy gives no times for that destination. */
const noEstimateForDestination: Check = (reply) => {
  if (reply.order?.estimatedDelivery) return `an estimate was given for a destination the policy lists no times for`;
  return /\b(no|not|doesn't|does not|don't|do not|isn't|can't|cannot)\b/i.test(reply.text) &&
    /(time|estimat|how long|deliver)/i.test(reply.text)
    ? null
    : `the text does not say the policy gives no delivery times there: ${JSON.stringify(reply.text.slice(0, 160))}`;
};

/** Plainly not sold: the conventions' wording, and never as if merely sold out. */
const saysNotSold: Check[] = [
  says(/\b(don['’]t|do not|doesn['’]t|does not) (sell|stock|carry)\b/i),
  doesNotSay(/out of stock|sold out|anything in stock/i),
  noProducts(),
];

/** A question naming both products, as cards or as suggestions. */
function asksWhich(a: FakeProduct, b: FakeProduct, tell: (p: FakeProduct) => string): Check {
  return (reply) => {
    if (!reply.text.includes("?")) return `no question asked: ${JSON.stringify(reply.text.slice(0, 160))}`;
    const offered = (p: FakeProduct) =>
      (reply.products ?? []).some((card) => card.productId === p.id) ||
      (reply.suggestions ?? []).some((s) => s.toLowerCase().includes(tell(p)));
    const missing = [a, b].filter((p) => !offered(p));
    return missing.length ? `not offered to choose: ${missing.map((p) => p.title).join(", ")}` : null;
  };
}

const NOTHING_CHEAPER = /(no|nothing|none|not|n['’]t)\b.*\bcheaper|cheapest/i;

/**
 * "Cheaper": every card below the dearest card last shown (`cheaperThanShown`), and whether
 * any card is due is read from the catalog: a cheaper product in stock that fits what the
 * shopper asked for means cards; no cheaper product at all means no cards and a plain
 * "nothing cheaper". (Only sold-out cheaper ones: either answer is fair.)
 */
function cheaperStill(c: Constraints): Check[] {
  const dueOrNone: Check = (reply, world, previous) => {
    const last = [...previous].reverse().find((r) => r.products?.length);
    if (!last) return "no earlier cards to be cheaper than";
    const ceiling = Math.max(...last.products!.map((p) => Number(p.price.amount)));
    const cheaper = world.products.filter((p) => lowestPrice(p) < ceiling && violation(p, lowestPrice(p), c) === null);
    const shown = reply.products?.length ?? 0;
    if (cheaper.some((p) => p.variants.some((v) => v.availableForSale)))
      return shown ? null : `the shop has cheaper ones than ${money(ceiling)} in stock, but no card was shown`;
    if (cheaper.length) return null;
    return !shown && NOTHING_CHEAPER.test(reply.text)
      ? null
      : `nothing fits below ${money(ceiling)}: expected no cards and a plain "nothing cheaper", got ${shown} card(s) and ${JSON.stringify(reply.text.slice(0, 120))}`;
  };
  return [cheaperThanShown(), dueOrNone];
}

function saysStock(product: FakeProduct): Check[] {
  return product.variants.some((v) => v.availableForSale)
    ? [says(/in stock/i), doesNotSay(/sold out|out of stock/i)]
    : [says(/sold out|out of stock/i)];
}

const smallTalk: Check[] = [understood(), resolved(true), noHandoff()];
const outOfScope: Check[] = [intentIs(null), handsOff("offered"), noProducts(), noOrder()];

// ---- Picking from the data ---------------------------------------------------------------

/** `count` items spread evenly over a list (a fixed stride, so the same data picks the same). */
function spread<T>(list: T[], count: number, what: string): T[] {
  if (list.length < count) throw new Error(`held-out: only ${list.length} ${what}, ${count} needed`);
  return Array.from({ length: count }, (_, i) => list[Math.floor(((i + 0.5) * list.length) / count)]);
}

const byNumericId = <T extends { id: string }>(a: T, b: T) => Number(numericId(a.id)) - Number(numericId(b.id));

/** Damerau (optimal string alignment) distance, capped: only "is it 0, 1 or more" matters here. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 1) return 2;
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

class Catalog {
  readonly vocabulary = new Set<string>();
  private readonly withWord = new Map<string, Set<string>>();
  private readonly titleCount = new Map<string, number>();
  private readonly used = new Set<string>();

  constructor(readonly world: World) {
    for (const p of world.products) {
      const own = new Set([
        ...words(p.title),
        ...words(p.productType),
        ...p.tags.flatMap(words),
        ...p.options.flatMap((o) => o.values.flatMap(words)),
      ]);
      for (const w of own) this.vocabulary.add(w);
      for (const w of words(p.title)) {
        const set = this.withWord.get(w) ?? new Set<string>();
        set.add(p.id);
        this.withWord.set(w, set);
      }
      const key = p.title.toLowerCase();
      this.titleCount.set(key, (this.titleCount.get(key) ?? 0) + 1);
    }
  }

  /** Products whose title holds every one of these words. */
  holdingAll(ws: string[]): string[] {
    const sets = ws.map((w) => this.withWord.get(w) ?? new Set<string>());
    return [...sets[0]].filter((id) => sets.every((s) => s.has(id)));
  }

  uniqueTitle(p: FakeProduct) {
    return this.titleCount.get(p.title.toLowerCase()) === 1;
  }

  /** A plain product from the transactions: one variant, a real price, a unique letters-only title. */
  simple(p: FakeProduct) {
    return (
      Number(numericId(p.id)) < 900_000 &&
      p.variants.length === 1 &&
      lowestPrice(p) >= 0.5 &&
      /^[A-Za-z ]+$/.test(p.title) &&
      words(p.title).length >= 3 &&
      this.uniqueTitle(p)
    );
  }

  /** One more ordinary product no script has used yet, from the middle of the rest. */
  another(): FakeProduct {
    const [p] = spread(
      this.world.products.filter((x) => this.simple(x) && !this.used.has(x.id)).sort(byNumericId),
      1,
      "unused products",
    );
    return this.claim(p);
  }

  /** Takes products no earlier script used, so the set covers many. */
  take(list: FakeProduct[]): FakeProduct[] {
    const fresh = list.filter((p) => !this.used.has(p.id));
    for (const p of fresh) this.used.add(p.id);
    return fresh;
  }

  claim(p: FakeProduct) {
    this.used.add(p.id);
    return p;
  }

  isUsed(p: FakeProduct) {
    return this.used.has(p.id);
  }

  /**
   * The title without its first words (or, failing that, its last), as short as still
   * names only this product: how shoppers shorten a name ("the knitting nancy" for
   * "Traditional Knitting Nancy"). Two or more real words, never the whole title.
   */
  partialName(p: FakeProduct): string | null {
    const ws = words(p.title);
    const names = (run: string[]) => {
      const content = run.filter((w) => !FILLER.has(w) && !COLOUR_WORDS.has(w) && w.length >= 3);
      const holders = this.holdingAll(run);
      return content.length >= 2 && holders.length === 1 && holders[0] === p.id;
    };
    for (let length = 2; length < ws.length; length++)
      if (names(ws.slice(ws.length - length))) return ws.slice(ws.length - length).join(" ");
    for (let length = 2; length < ws.length; length++)
      if (names(ws.slice(0, length))) return ws.slice(0, length).join(" ");
    return null;
  }

  /**
   * The word misspelt by swapping its second- and third-last letters ("lantern" →
   * "lantren"), when the result is no word of the shop and only this word is one edit away.
   */
  misspell(word: string): string | null {
    if (word.length < 6 || [...COLOUR_WORDS].some((c) => word.includes(c))) return null;
    const i = word.length - 3;
    const typo =
      word[i] === word[i + 1]
        ? word.slice(0, i) + word.slice(i + 1)
        : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (this.vocabulary.has(typo)) return null;
    for (const other of this.vocabulary) if (other !== word && editDistance(other, typo) <= 1) return null;
    return typo;
  }

  /** Products whose title holds the phrase (whole words, in order). */
  titled(phrase: string): FakeProduct[] {
    const pattern = new RegExp(`\\b${escape(phrase)}`, "i");
    return this.world.products.filter((p) => pattern.test(p.title));
  }

  /** Asserts the catalog can satisfy what a search turn asks, so the script is valid. */
  satisfiable(c: Constraints, what: string): Constraints {
    const fits = this.world.products.filter((p) => violation(p, lowestPrice(p), c) === null);
    if (!fits.length) throw new Error(`held-out: no product in the shop fits ${what} ${JSON.stringify(c)}`);
    return c;
  }
}

class Orders {
  private readonly used = new Set<string>();
  readonly byCustomer = new Map<string, FakeOrder[]>();

  constructor(
    readonly world: World,
    private readonly policy: PolicyFacts,
  ) {
    for (const o of world.orders) {
      if (!o.customerId) continue;
      const list = this.byCustomer.get(o.customerId) ?? [];
      list.push(o);
      this.byCustomer.set(o.customerId, list);
    }
    for (const list of this.byCustomer.values()) list.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  shipped(o: FakeOrder) {
    return o.fulfillments.length > 0 && !o.cancelledAt;
  }

  /** One line per title, so "6 × Title" is unambiguous. */
  distinctLines(o: FakeOrder) {
    return new Set(o.lineItems.map((l) => l.title.toLowerCase())).size === o.lineItems.length;
  }

  /** Where the shopper's "where's my order" points: the latest, when no other order shares its time. */
  latest(customerId: string): FakeOrder | null {
    const list = this.byCustomer.get(customerId) ?? [];
    if (!list.length || (list[1] && list[1].createdAt === list[0].createdAt)) return null;
    return list[0];
  }

  /** The estimate the conventions call for, or null where the policy gives no times. */
  window(o: FakeOrder): { earliest: string; latest: string } | null {
    const times = o.shippingCountry ? this.policy.destinations.get(o.shippingCountry) : undefined;
    if (!times) return null;
    const timeZone = this.world.shop.timezone;
    const base = this.shipped(o) ? shopDate(o.fulfillments[0].createdAt, timeZone) : shopDate(this.world.now, timeZone);
    return { earliest: addBusinessDays(base, times.min), latest: addBusinessDays(base, times.max) };
  }

  /** Checks for "when will it arrive?" about this order. */
  arrival(o: FakeOrder): Check[] {
    const w = this.window(o);
    return w
      ? [estimatesDelivery(w.earliest, w.latest), saysEstimate, noHandoff(), understood()]
      : [noEstimateForDestination, noHandoff(), understood()];
  }

  /** Logged-in customers whose latest order fits, by customer id, spread evenly. */
  customers(count: number, what: string, fits: (latest: FakeOrder, customer: FakeCustomer) => boolean) {
    const pool = [...this.world.customers].sort(byNumericId).filter((c) => {
      if (this.used.has(c.id)) return false;
      const latest = this.latest(c.id);
      return latest !== null && !this.used.has(latest.id) && fits(latest, c);
    });
    const picked = spread(pool, count, what);
    for (const c of picked) {
      this.used.add(c.id);
      this.used.add(this.latest(c.id)!.id);
    }
    return picked.map((customer) => ({ customer, order: this.latest(customer.id)!, id: numericId(customer.id) }));
  }

  /** Orders a guest can look up (the order carries an email), spread evenly by number. */
  guestOrders(count: number, what: string, fits: (o: FakeOrder) => boolean) {
    const pool = [...this.world.orders]
      .filter((o) => o.email && o.customerId && !this.used.has(o.id) && !this.used.has(o.customerId) && fits(o))
      .sort((a, b) => a.name.localeCompare(b.name));
    const picked = spread(pool, count, what);
    for (const o of picked) {
      this.used.add(o.id);
      this.used.add(o.customerId!);
    }
    return picked;
  }
}

// ---- Typed shopper mistakes ----------------------------------------------------------------

/** The email with one letter of its name left out: the commonest slip. */
const slipEmail = (email: string) => {
  const [name, domain] = email.split("@");
  const at = Math.max(1, Math.floor(name.length / 2));
  return `${name.slice(0, at)}${name.slice(at + 1)}@${domain}`;
};
/** The email at the wrong domain ("…@example.co.uk" for "…@example.com"). */
const wrongDomain = (email: string) => email.replace(/\.com$/, ".co.uk");
/** The order number with two digits swapped. */
const swapDigits = (name: string) => {
  const digits = name.replace(/^#/, "");
  return `${digits.slice(0, 2)}${digits[3]}${digits[2]}${digits.slice(4)}`;
};
const digitsOf = (name: string) => name.replace(/^#/, "");

// ---- The scripts ---------------------------------------------------------------------------

const t = (say: string, expect: Check[], constraints?: Constraints): Turn =>
  constraints ? { say, expect, constraints } : { say, expect };

/** A colour the shopper's words for a product carry ("the red retrospot lunch bag"): cards must keep it. */
const colourIn = (name: string): Constraints | undefined => {
  const colour = words(name).find((w) => COLOUR_WORDS.has(w));
  return colour ? { colour } : undefined;
};

export const heldOut: ScriptSet = (world) => {
  const policy = readPolicies(world.policies);
  const catalog = new Catalog(world);
  const orders = new Orders(world, policy);
  const scripts: Script[] = [];
  const add = (script: Script) => scripts.push(script);
  const named = (p: FakeProduct) => [firstProduct(p.id), understood(), noHandoff()];
  const priced = (p: FakeProduct) => [...named(p), says(money(lowestPrice(p)))];

  // ---------------------------------------------------------------- orders, logged in
  {
    const ordinary = (o: FakeOrder) => o.shippingCountry === "GB" && orders.distinctLines(o) && !o.cancelledAt;
    const [a, b, c] = orders.customers(
      3,
      "customers whose latest order shipped in the UK",
      (o) => ordinary(o) && orders.shipped(o) && o.lineItems.length >= 2 && o.lineItems.length <= 8,
    );
    add({
      id: "orders/in/wheres-my-stuff-then-contents-and-eta",
      category: "orders",
      customerId: a.id,
      turns: [
        t("wheres my order", [showsOrder(a.order.name), understood(), noHandoff()]),
        t("whats in it again?", [listsItems(a.order), noHandoff(), understood()]),
        t("and when will it get here", orders.arrival(a.order)),
      ],
    });
    add({
      id: "orders/in/tracking-link-again",
      category: "orders",
      customerId: b.id,
      turns: [
        t("hiya has my parcel been sent", [showsOrder(b.order.name), understood()]),
        t("can u send the tracking link again, deleted the email by accident", [
          showsOrder(b.order.name),
          givesTracking(b.order),
          noHandoff(),
        ]),
      ],
    });
    add({
      id: "orders/in/shipped-cant-change",
      category: "orders",
      customerId: c.id,
      turns: [
        t("any update on my last order?", [showsOrder(c.order.name), understood()]),
        t("can i still change it? think i ordered the wrong one", [
          says(/shipped|dispatched|on its way|sent/i),
          says(/return/i),
          understood(),
        ]),
      ],
    });

    const [d, e] = orders.customers(
      2,
      "customers whose latest UK order has not shipped",
      (o) => ordinary(o) && !orders.shipped(o) && o.lineItems.length <= 10,
    );
    add({
      id: "orders/in/unshipped-change-goes-to-a-person",
      category: "orders",
      customerId: d.id,
      turns: [
        t("has my order gone out yet", [showsOrder(d.order.name), understood()]),
        t("ok can i still change it, want to add something", [handsOff(), understood()]),
      ],
    });
    add({
      id: "orders/in/unshipped-eta-from-today",
      category: "orders",
      customerId: e.id,
      turns: [
        t("i ordered the other day, where is it", [showsOrder(e.order.name), understood(), noHandoff()]),
        t("roughly when will it turn up?", orders.arrival(e.order)),
        t("whats actually in that order", [listsItems(e.order), noHandoff()]),
      ],
    });

    const [f] = orders.customers(
      1,
      "customers whose latest order shipped to the EU",
      (o) =>
        o.shippingCountry !== null &&
        EU_MEMBERS.includes(o.shippingCountry) &&
        orders.shipped(o) &&
        orders.distinctLines(o),
    );
    add({
      id: "orders/in/eu-delivery-window",
      category: "orders",
      customerId: f.id,
      turns: [
        t("hello, my order status please", [showsOrder(f.order.name), understood()]),
        t("how long till it arrives", orders.arrival(f.order)),
      ],
    });
    const [g] = orders.customers(
      1,
      "customers whose latest order shipped to Australia",
      (o) => o.shippingCountry === "AU" && orders.shipped(o),
    );
    add({
      id: "orders/in/australia-window",
      category: "orders",
      customerId: g.id,
      turns: [
        t("did my package leave yet? its going to sydney", [showsOrder(g.order.name), understood()]),
        t("when should i expect it", orders.arrival(g.order)),
      ],
    });
    const [h] = orders.customers(
      1,
      "customers whose latest order shipped to the US or Canada",
      (o) => (o.shippingCountry === "US" || o.shippingCountry === "CA") && orders.shipped(o),
    );
    add({
      id: "orders/in/north-america-window",
      category: "orders",
      customerId: h.id,
      turns: [
        t("order status?", [showsOrder(h.order.name), understood()]),
        t("when does it arrive", orders.arrival(h.order)),
        t("send me the tracking number pls", [givesTracking(h.order), noHandoff()]),
      ],
    });
    // Destinations the shipping policy names no times for (Channel Islands and Iceland are
    // left out: whether the policy's "United Kingdom" and "EU" cover them is arguable).
    const unlisted = (o: FakeOrder) =>
      o.shippingCountry !== null &&
      !["JE", "IS"].includes(o.shippingCountry) &&
      !policy.destinations.has(o.shippingCountry) &&
      orders.shipped(o);
    const [i, j] = orders.customers(2, "customers whose latest order went where the policy lists no times", unlisted);
    add({
      id: "orders/in/unlisted-destination-no-estimate",
      category: "orders",
      customerId: i.id,
      turns: [
        t("where is my order", [showsOrder(i.order.name), understood()]),
        t("when will it get to me", orders.arrival(i.order)),
      ],
    });
    add({
      id: "orders/in/unlisted-destination-eta-first",
      category: "orders",
      customerId: j.id,
      turns: [
        t("hi, i'd like to know when my latest order will be delivered", [
          showsOrder(j.order.name),
          ...orders.arrival(j.order),
        ]),
      ],
    });

    const [k] = orders.customers(
      1,
      "customers whose latest order has more than ten lines",
      (o) => o.shippingCountry === "GB" && orders.distinctLines(o) && o.lineItems.length > 12 && orders.shipped(o),
    );
    add({
      id: "orders/in/big-order-contents",
      category: "orders",
      customerId: k.id,
      turns: [
        t("is my order on its way", [showsOrder(k.order.name), understood()]),
        t("remind me what i ordered?", [listsItems(k.order), noHandoff()]),
      ],
    });

    // An older order asked for by number: follow-ups stay on it, not on the latest.
    const [m] = orders.customers(1, "customers with three or more orders", (latest, customer) => {
      const list = orders.byCustomer.get(customer.id)!;
      return (
        list.length >= 3 &&
        orders.distinctLines(list[1]) &&
        list[1].lineItems.length <= 10 &&
        latest.shippingCountry === "GB"
      );
    });
    const older = orders.byCustomer.get(m.customer.id)![1];
    add({
      id: "orders/in/older-order-by-number",
      category: "orders",
      customerId: m.id,
      turns: [
        t(`whats happening with order ${older.name}`, [showsOrder(older.name), understood()]),
        t("what was in that one", [listsItems(older), noHandoff()]),
        t("and my most recent order?", [showsOrder(m.order.name)]),
      ],
    });

    // Somebody else's order number: never shown to a logged-in shopper it does not belong to.
    const [n] = orders.customers(1, "customers for the someone-else's-order script", (o) => o.shippingCountry === "GB");
    const [stranger] = orders.guestOrders(1, "orders of another customer", (o) => o.customerId !== n.customer.id);
    add({
      id: "orders/in/not-their-order",
      category: "orders",
      customerId: n.id,
      turns: [
        t(`can you check order ${digitsOf(stranger.name)} for me`, [noOrder()]),
        t("oh sorry wrong number, i meant my latest one", [showsOrder(n.order.name)]),
      ],
    });

    // Mid-conversation topic changes: an order, then a product, then a policy.
    const [q] = orders.customers(1, "customers for the topic-change script", (o) => ordinary(o) && orders.shipped(o));
    const [pick] = catalog.take(
      spread(
        world.products.filter((p) => catalog.simple(p) && /\bmug\b/i.test(p.title)),
        1,
        "mugs",
      ),
    );
    const returns = policy.section("REFUND_POLICY", /^Returns$/);
    add({
      id: "orders/in/order-then-product-then-returns",
      category: "orders",
      customerId: q.id,
      turns: [
        t("where's my order at", [showsOrder(q.order.name), understood()]),
        t(`also how much is the ${pick.title.toLowerCase()}`, priced(pick), colourIn(pick.title)),
        t("and whats your returns policy", quotes(returns, stated(returns, /within (\d+ days)/, 1))),
      ],
    });
  }

  // ---------------------------------------------------------------- orders, guests
  {
    const gb = (o: FakeOrder) => o.shippingCountry === "GB" && orders.distinctLines(o) && o.lineItems.length <= 10;
    const [a, b, c, d, e, f] = orders.guestOrders(
      6,
      "shipped UK orders with an email",
      (o) => gb(o) && orders.shipped(o),
    );
    add({
      id: "orders/guest/number-then-email",
      category: "orders",
      turns: [
        t(`where is my order ${a.name}`, [noOrder(), understood()]),
        t(a.email!, [showsOrder(a.name), givesTracking(a), noHandoff()]),
      ],
    });
    add({
      id: "orders/guest/wrong-email-then-right",
      category: "orders",
      turns: [
        t(`hi can i track order ${digitsOf(b.name)}`, [noOrder(), understood()]),
        t(`its ${slipEmail(b.email!)}`, [noOrder()]),
        t(`sorry typo, ${b.email}`, [showsOrder(b.name), noHandoff()]),
        t("whats in it", [listsItems(b), noHandoff()]),
      ],
    });
    add({
      id: "orders/guest/two-wrong-then-right",
      category: "orders",
      turns: [
        t(`order ${c.name} - has it shipped?`, [noOrder(), understood()]),
        t(wrongDomain(c.email!), [noOrder()]),
        t(slipEmail(c.email!), [noOrder()]),
        t(`ugh. ${c.email} - that's definitely it`, [showsOrder(c.name)]),
      ],
    });
    add({
      id: "orders/guest/three-wrong-refused",
      category: "orders",
      turns: [
        t(`wheres my parcel, order number ${digitsOf(d.name)}`, [noOrder(), understood()]),
        t(wrongDomain(d.email!), [noOrder()]),
        t(slipEmail(d.email!), [noOrder()]),
        t(`maybe ${e.email}?`, [noOrder(), handsOff()]),
      ],
    });
    add({
      id: "orders/guest/number-and-email-together",
      category: "orders",
      turns: [
        t(`order ${e.name} email ${e.email} - what did i buy?`, [showsOrder(e.name), understood()]),
        t("when will it arrive", orders.arrival(e)),
      ],
    });
    add({
      id: "orders/guest/email-first-then-number",
      category: "orders",
      turns: [
        t(`hello, i want to track my parcel. my email is ${f.email}`, [noOrder(), understood()]),
        t(`order no. is ${digitsOf(f.name)}`, [showsOrder(f.name)]),
        t("resend the tracking link please", [givesTracking(f), noHandoff()]),
      ],
    });

    const [g, h] = orders.guestOrders(2, "unshipped UK orders with an email", (o) => gb(o) && !orders.shipped(o));
    add({
      id: "orders/guest/unshipped-wrong-then-right-eta",
      category: "orders",
      turns: [
        t(`when is order ${g.name} coming`, [noOrder(), understood()]),
        t(slipEmail(g.email!), [noOrder()]),
        t(g.email!, [showsOrder(g.name)]),
        t("so when will it arrive then", orders.arrival(g)),
      ],
    });
    add({
      id: "orders/guest/unshipped-change",
      category: "orders",
      turns: [
        t(`is order ${digitsOf(h.name)} sent yet? my email is ${h.email}`, [showsOrder(h.name), understood()]),
        t("can i still change it?", [handsOff(), understood()]),
      ],
    });

    const [i] = orders.guestOrders(
      1,
      "shipped EU orders with an email",
      (o) =>
        o.shippingCountry !== null &&
        EU_MEMBERS.includes(o.shippingCountry) &&
        orders.shipped(o) &&
        orders.distinctLines(o),
    );
    add({
      id: "orders/guest/eu-wrong-then-right-eta",
      category: "orders",
      turns: [
        t(`bonjour, where is my order ${digitsOf(i.name)}?`, [noOrder(), understood()]),
        t(wrongDomain(i.email!), [noOrder()]),
        t(`${i.email} sorry`, [showsOrder(i.name)]),
        t("how many days until it comes", orders.arrival(i)),
      ],
    });

    const [j] = orders.guestOrders(
      1,
      "orders with an email, asked for without a number",
      (o) => gb(o) && orders.shipped(o),
    );
    add({
      id: "orders/guest/no-number-at-first",
      category: "orders",
      turns: [
        t("where's my order??", [noOrder(), understood(), noHandoff()]),
        t(`its ${j.name}`, [noOrder()]),
        t(j.email!, [showsOrder(j.name), noHandoff()]),
        t("can i still change it", [says(/shipped|dispatched|on its way|sent/i), says(/return/i)]),
      ],
    });

    // A wrong email, then a new question: answered as that question, not as another attempt.
    const [k] = orders.guestOrders(1, "orders for the change-of-topic script", (o) => gb(o));
    const returns = policy.section("REFUND_POLICY", /^Returns$/);
    add({
      id: "orders/guest/wrong-email-then-returns-question",
      category: "orders",
      turns: [
        t(`status of ${k.name} please`, [noOrder(), understood()]),
        t(slipEmail(k.email!), [noOrder()]),
        t("actually nvm, how long do i have to return stuff", quotes(returns, stated(returns, /within (\d+ days)/, 1))),
      ],
    });

    // A mistyped order number and the right email: not found, then found with the right number.
    const [l] = orders.guestOrders(1, "orders whose number with two digits swapped is no order", (o) => {
      const swapped = `#${swapDigits(o.name)}`;
      return gb(o) && swapped !== o.name && !world.orders.some((other) => other.name === swapped);
    });
    add({
      id: "orders/guest/wrong-number-then-right",
      category: "orders",
      turns: [
        t(`track ${swapDigits(l.name)} ${l.email}`, [noOrder()]),
        t(`oops i mean ${digitsOf(l.name)}`, [showsOrder(l.name)]),
      ],
    });
  }

  // ---------------------------------------------------------------- policies
  {
    const intl = policy.section("SHIPPING_POLICY", /^International delivery$/);
    const ukDelivery = policy.section("SHIPPING_POLICY", /^UK delivery$/);
    const where = policy.section("SHIPPING_POLICY", /^Where we ship$/);
    const processing = policy.section("SHIPPING_POLICY", /^Processing time$/);
    const refunds = policy.section("REFUND_POLICY", /^Refunds$/);
    const returns = policy.section("REFUND_POLICY", /^Returns$/);
    const howTo = policy.section("REFUND_POLICY", /^How to start a return$/);
    const damaged = policy.section("REFUND_POLICY", /^Damaged or wrong items$/);
    const exchanges = policy.section("REFUND_POLICY", /^Exchanges$/);
    const terms = policy.section("TERMS_OF_SERVICE", null);
    const privacy = policy.section("PRIVACY_POLICY", null);
    const contact = policy.section("CONTACT_INFORMATION", null);
    const dest = (code: string) => {
      const d = policy.destinations.get(code);
      if (!d) throw new Error(`held-out: the shipping policy gives nothing for ${code}`);
      return d;
    };
    const days = (code: string) => `${dest(code).min}-${dest(code).max} business days`;

    add({
      id: "policies/australia-cost-then-time",
      category: "policies",
      turns: [
        t("what does postage to australia cost", quotes(intl, dest("AU").cost)),
        t("and how long does it take to get there", quotes(intl, days("AU"))),
      ],
    });
    add({
      id: "policies/germany-cost",
      category: "policies",
      turns: [
        t("how much does it cost to ship to germany?", [...quotes(intl, dest("DE").cost), doesNotSay(dest("GB").cost)]),
      ],
    });
    add({
      id: "policies/money-back",
      category: "policies",
      turns: [
        t(
          "sent something back last week, when do i get my money back",
          quotes(refunds, stated(refunds, /within (\d+ business days)/, 1)),
        ),
      ],
    });
    add({
      id: "policies/vat",
      category: "policies",
      turns: [t("is vat included in ur prices", quotes(terms, stated(terms, /Prices include UK VAT/)))],
    });
    add({
      id: "policies/uk-free-then-express",
      category: "policies",
      turns: [
        t("do you do free delivery", quotes(ukDelivery, stated(ukDelivery, /free on orders over (£\d+)/, 1))),
        t(
          "how much is express then",
          quotes(ukDelivery, stated(ukDelivery, /Express delivery[^£]*costs (£\d+\.\d{2})/, 1)),
        ),
      ],
    });
    add({
      id: "policies/return-window-then-postage-from-france",
      category: "policies",
      turns: [
        t("how long have i got to send something back?", quotes(returns, stated(returns, /within (\d+ days)/, 1))),
        t("do i have to pay the return postage, im in france", quotes(howTo, stated(howTo, /outside the UK/))),
      ],
    });
    add({
      id: "policies/damaged",
      category: "policies",
      turns: [
        t("what happens if something turns up damaged?", quotes(damaged, stated(damaged, /within (\d+ days)/, 1))),
      ],
    });
    add({
      id: "policies/exchanges",
      category: "policies",
      turns: [t("do you do exchanges", quotes(exchanges, stated(exchanges, /new order/)))],
    });
    add({
      id: "policies/usa-time-then-canada",
      category: "policies",
      turns: [
        t("how long does delivery take to the usa", quotes(intl, days("US"))),
        t("what about canada", [says(days("CA")), understood()]),
      ],
    });
    add({
      id: "policies/norway-ships",
      category: "policies",
      turns: [
        t("do you ship to norway", [says(/norway/i), citesSource(/^Shipping policy/i), understood(), noHandoff()]),
      ],
    });
    add({
      id: "policies/sell-my-data",
      category: "policies",
      turns: [t("do u sell my data to anyone", quotes(privacy, stated(privacy, /do not sell your data/)))],
    });
    add({
      id: "policies/chat-kept",
      category: "policies",
      turns: [t("how long do you keep these chats for", quotes(privacy, stated(privacy, /for (\d+ days)/, 1)))],
    });
    add({
      id: "policies/phone-then-hours",
      category: "policies",
      turns: [
        t("whats your phone number", quotes(contact, stated(contact, /\+44[\d ]+\d/))),
        t("and what time do you close", [says(stated(contact, /\d{1,2}:\d{2}-(\d{1,2}:\d{2})/, 1)), understood()]),
      ],
    });
    add({
      id: "policies/dispatch",
      category: "policies",
      turns: [
        t("how quick do you dispatch orders", quotes(processing, stated(processing, /within (\d+ business day)/, 1))),
      ],
    });
    add({
      id: "policies/customs-switzerland",
      category: "policies",
      turns: [
        t("will i have to pay customs sending to switzerland?", quotes(intl, stated(intl, /paid by the recipient/))),
      ],
    });
    add({
      id: "policies/gift-card-return",
      category: "policies",
      turns: [t("can i return a gift card", quotes(returns, stated(returns, /cannot be returned/)))],
    });
    add({
      id: "policies/where-we-ship",
      category: "policies",
      turns: [t("which countries do you deliver to", quotes(where, stated(where, /Australia/)))],
    });
    const [lantern] = catalog.take(
      spread(
        catalog.titled("lantern").filter((p) => catalog.simple(p)),
        1,
        "lanterns",
      ),
    );
    add({
      id: "policies/product-then-postage-to-france",
      category: "policies",
      turns: [
        t(`how much is the ${lantern.title.toLowerCase()}`, priced(lantern), colourIn(lantern.title)),
        t("and how much is postage to france", quotes(intl, dest("FR").cost)),
      ],
    });
  }

  // ---------------------------------------------------------------- products
  {
    // Class 1: the issue's own example, read from the catalog.
    const rabbit = world.products.find((p) => words(p.title).join(" ") === "rabbit night light");
    if (rabbit) {
      catalog.claim(rabbit);
      add({
        id: "products/rabbit-night-light",
        category: "products",
        turns: [
          t("how much is the rabbit night light?", priced(rabbit)),
          t("is it in stock", [...saysStock(rabbit), showsProduct(rabbit.id)]),
        ],
      });
    }

    // Class 1 and 2: products named partly, out of order or misspelt, picked by a stride.
    const plainProducts = world.products.filter((p) => catalog.simple(p)).sort(byNumericId);
    const partial = plainProducts.filter((p) => catalog.partialName(p) !== null);
    const askPrice = [
      (n: string) => `how much is the ${n}`,
      (n: string) => `${n} how much??`,
      (n: string) => `wats the price of the ${n}`,
      (n: string) => `price on the ${n} pls`,
      (n: string) => `looking at ${n}, what does it cost`,
      (n: string) => `quick q - how much for the ${n}`,
    ];
    const askStock = [
      (n: string) => `is the ${n} in stock`,
      (n: string) => `got any ${n} left?`,
      (n: string) => `hi do u still have the ${n}`,
    ];
    catalog
      .take(
        spread(
          partial.filter((p) => !catalog.isUsed(p)),
          6,
          "partly named products",
        ),
      )
      .forEach((p, index) => {
        const name = catalog.partialName(p)!;
        const constraints = colourIn(name);
        add({
          id: `products/partial-name-${index + 1}`,
          category: "products",
          turns:
            index % 2 === 0
              ? [
                  t(askPrice[index % askPrice.length](name), priced(p), constraints),
                  t("is it in stock tho", [...saysStock(p), showsProduct(p.id)], constraints),
                ]
              : [
                  t(askStock[index % askStock.length](name), [...named(p), ...saysStock(p)], constraints),
                  t("how much is it", [says(money(lowestPrice(p))), showsProduct(p.id)], constraints),
                ],
        });
      });

    const halves = (title: string) => {
      const ws = words(title);
      const cut = Math.floor(ws.length / 2);
      return [...ws.slice(cut), ...ws.slice(0, cut)].join(" ");
    };
    const reorderable = plainProducts.filter((p) => {
      const held = catalog.holdingAll(words(p.title));
      return !catalog.isUsed(p) && held.length === 1 && words(p.title).length >= 3;
    });
    catalog.take(spread(reorderable, 4, "products to name out of order")).forEach((p, index) => {
      const name = halves(p.title);
      add({
        id: `products/out-of-order-${index + 1}`,
        category: "products",
        turns: [t(askPrice[(index + 3) % askPrice.length](name), priced(p), colourIn(name))],
      });
    });

    const misspellable = plainProducts
      .filter((p) => !catalog.isUsed(p))
      .map((p) => {
        const name = words(catalog.partialName(p) ?? p.title);
        const held = catalog.holdingAll(name);
        if (held.length !== 1 || held[0] !== p.id) return null;
        const target = [...name]
          .filter((w) => !FILLER.has(w))
          .sort((x, y) => y.length - x.length)
          .find((w) => catalog.misspell(w));
        return target ? { p, name: name.map((w) => (w === target ? catalog.misspell(w)! : w)).join(" ") } : null;
      })
      .filter((x): x is { p: FakeProduct; name: string } => x !== null);
    const typoPicks = spread(misspellable, 5, "products whose name can be misspelt");
    catalog.take(typoPicks.map((x) => x.p));
    typoPicks.forEach(({ p, name }, index) => {
      add({
        id: `products/misspelt-name-${index + 1}`,
        category: "products",
        turns:
          index % 2 === 0
            ? [t(askPrice[(index + 1) % askPrice.length](name), priced(p), colourIn(name))]
            : [t(askStock[index % askStock.length](name), [...named(p), ...saysStock(p)], colourIn(name))],
      });
    });

    // Options: sizes and colours from the variants, and a variant's own price.
    const sized = world.products.filter((p) => p.options.some((o) => /size/i.test(o.name) && o.values.length >= 2));
    const coloured = world.products.filter((p) =>
      p.options.some((o) => /colou?r/i.test(o.name) && o.values.length >= 2),
    );
    for (const [index, p] of catalog.take(sized).entries()) {
      const sizes = p.options.find((o) => /size/i.test(o.name))!.values;
      const biggest = p.variants.find((v) => v.selectedOptions.some((o) => o.value === sizes[sizes.length - 1]))!;
      const name = words(p.title).join(" ");
      add({
        id: `products/sizes-${index + 1}`,
        category: "products",
        turns: [
          t(`what sizes does the ${name} come in`, [...named(p), ...sizes.map((s) => says(s))]),
          t(
            `how much is it in ${sizes[sizes.length - 1].toLowerCase()}`,
            [says(money(Number(biggest.price))), showsProduct(p.id)],
            {
              size: sizes[sizes.length - 1],
            },
          ),
        ],
      });
    }
    for (const [index, p] of catalog.take(coloured).slice(0, 2).entries()) {
      const option = p.options.find((o) => /colou?r/i.test(o.name))!;
      const asked = index % 2 === 0 ? option.values[option.values.length - 1] : option.values[0];
      const variant = p.variants.find((v) => v.selectedOptions.some((o) => o.value === asked))!;
      const soldOut = /sold out|out of stock|unavailable|not available/i;
      add({
        id: `products/colours-${index + 1}`,
        category: "products",
        turns: [
          t(`${p.title.toLowerCase()} - what colours?`, [...named(p), ...option.values.map((v) => says(v))]),
          t(
            `is the ${asked.toLowerCase()} one available`,
            [
              ...(variant.availableForSale ? [says(/in stock|available/i), doesNotSay(soldOut)] : [says(soldOut)]),
              showsProduct(p.id),
            ],
            { colour: asked.toLowerCase() },
          ),
        ],
      });
    }

    // Material: a material word of the description that the title does not already say.
    const MATERIALS = [
      "polyester",
      "leather",
      "wool",
      "cotton",
      "silk",
      "denim",
      "metal",
      "wooden",
      "silver",
      "gold",
      "ceramic",
      "clay",
      "copper",
      "fleece",
    ];
    const materialOf = (p: FakeProduct) =>
      words(plain(p.descriptionHtml)).find((w) => MATERIALS.includes(w) && !words(p.title).includes(w)) ?? null;
    const withMaterial = world.products.filter((p) => !catalog.isUsed(p) && catalog.uniqueTitle(p) && materialOf(p));
    for (const [index, p] of catalog
      .take(spread(withMaterial.sort(byNumericId), 2, "products with a material"))
      .entries())
      add({
        id: `products/material-${index + 1}`,
        category: "products",
        turns: [
          t(
            index
              ? `is the ${p.title.toLowerCase()} real ${materialOf(p)}?`
              : `what's the ${p.title.toLowerCase()} made of`,
            [...named(p), says(materialOf(p)!)],
          ),
        ],
      });

    // Ambiguity: two products whose titles differ only by a colour, asked for without it.
    const pairs: { query: string[]; a: FakeProduct; b: FakeProduct; colourOf: Map<string, string> }[] = [];
    const seen = new Set<string>();
    for (const p of plainProducts) {
      const ws = words(p.title);
      const colour = ws.find((w) => COLOUR_WORDS.has(w));
      if (!colour) continue;
      const rest = ws.filter((w) => w !== colour);
      const key = rest.join(" ");
      if (seen.has(key) || rest.length < 2) continue;
      seen.add(key);
      const holders = catalog.holdingAll(rest).map((id) => world.byId.get(id)!);
      if (holders.length !== 2 || !holders.every((h) => catalog.simple(h))) continue;
      const colourOf = new Map(
        holders.map((h) => [h.id, words(h.title).find((w) => COLOUR_WORDS.has(w) && !rest.includes(w)) ?? ""]),
      );
      if ([...colourOf.values()].some((c) => !c) || new Set(colourOf.values()).size !== 2) continue;
      const [a, b] = holders.sort(byNumericId);
      pairs.push({ query: rest, a, b, colourOf });
    }
    spread(pairs, 2, "pairs of products told apart only by colour").forEach(({ query, a, b, colourOf }, index) => {
      catalog.claim(a);
      catalog.claim(b);
      const chosen = index === 0 ? b : a;
      add({
        id: `products/which-one-${index + 1}`,
        category: "products",
        turns: [
          t(index === 0 ? `how much are the ${query.join(" ")}` : `do you have the ${query.join(" ")}`, [
            asksWhich(a, b, (p) => colourOf.get(p.id)!),
            understood(),
          ]),
          t(`the ${colourOf.get(chosen.id)} one`, [firstProduct(chosen.id), says(money(lowestPrice(chosen)))], {
            colour: colourOf.get(chosen.id),
          }),
        ],
      });
    });

    // On a product's page: "this" is that product.
    const onPage = catalog.take(
      spread(
        plainProducts.filter((p) => !catalog.isUsed(p)),
        2,
        "products to open",
      ),
    );
    add({
      id: "products/page-stock",
      category: "products",
      page: { type: "product", productId: onPage[0].id },
      turns: [t("is this in stock?", [firstProduct(onPage[0].id), ...saysStock(onPage[0]), understood()])],
    });
    add({
      id: "products/page-price-then-postage",
      category: "products",
      page: { type: "product", productId: onPage[1].id },
      turns: [
        t("how much is this one", [firstProduct(onPage[1].id), says(money(lowestPrice(onPage[1]))), understood()]),
        t("and postage on it?", [says(policy.destinations.get("GB")!.cost), understood()]),
      ],
    });

    // Class 2: the shop's own words misspelt or run together, in searches.
    const search = (c: Constraints, what: string) => catalog.satisfiable(c, what);
    const lantern = search({ titleIncludes: ["lantern"] }, "lanterns");
    add({
      id: "products/lantren-then-under-two-quid",
      category: "products",
      turns: [
        t("have u got any lantrens", [correctedTo(/lantern/i), showsProducts(1), understood()], lantern),
        t("any under 2 quid", [showsProducts(1)], search({ ...lantern, priceMax: 2 }, "lanterns under £2")),
      ],
    });
    add({
      id: "products/tealights",
      category: "products",
      turns: [
        t(
          "looking for tealights",
          [correctedTo(/t-light|tea light|tealight/i), showsProducts(1)],
          search({ titleIncludes: ["t-light", "tea light"] }, "tea lights"),
        ),
      ],
    });
    add({
      id: "products/lunchboxes",
      category: "products",
      turns: [
        t(
          "lunchboxes for school?",
          [correctedTo(/lunch box/i), showsProducts(1)],
          search({ titleIncludes: ["lunch box"] }, "lunch boxes"),
        ),
      ],
    });
    const umbrella = search({ titleIncludes: ["umbrella"] }, "umbrellas");
    add({
      id: "products/umbrela-then-red",
      category: "products",
      turns: [
        t("umbrela", [correctedTo(/umbrella/i), showsProducts(1)], umbrella),
        t("in red?", [showsProducts(1)], search({ ...umbrella, colour: "red" }, "red umbrellas")),
      ],
    });
    const doormat = search({ titleIncludes: ["doormat"] }, "doormats");
    add({
      id: "products/doormatt-no-more-than",
      category: "products",
      turns: [
        t("do you sell doormatts", [correctedTo(/doormat/i), showsProducts(1)], doormat),
        t("no more than 10 pounds", [showsProducts(1)], search({ ...doormat, priceMax: 10 }, "doormats up to £10")),
      ],
    });
    const notebook = search({ titleIncludes: ["notebook"] }, "notebooks");
    add({
      id: "products/notebok-then-cheaper",
      category: "products",
      turns: [
        t("notebok", [correctedTo(/notebook/i), showsProducts(1)], notebook),
        t("any cheaper ones", [...cheaperStill(notebook), understood()], notebook),
      ],
    });
    add({
      id: "products/teepot",
      category: "products",
      turns: [
        t(
          "got a nice teepot?",
          [correctedTo(/teapot/i), showsProducts(1)],
          search({ titleIncludes: ["teapot"] }, "teapots"),
        ),
      ],
    });
    add({
      id: "products/cushon-covers",
      category: "products",
      turns: [
        t(
          "cushon covers",
          [correctedTo(/cushion/i), showsProducts(1)],
          search({ titleIncludes: ["cushion"] }, "cushions"),
        ),
      ],
    });

    // Class 3: a new product noun starts a new search; "in green", "under £5", "cheaper" refine.
    const lunchBag = search({ titleIncludes: ["lunch bag"] }, "lunch bags");
    add({
      id: "products/lunch-bag-then-red-mug-then-teapots",
      category: "products",
      turns: [
        t("lunch bag", [showsProducts(1), understood()], lunchBag),
        t(
          "red mug",
          [showsProducts(1), everyProduct("not a lunch bag", (p) => !/lunch bag/i.test(p.title))],
          search({ colour: "red", titleIncludes: ["mug"] }, "red mugs"),
        ),
        t("and teapots?", [showsProducts(1), understood()], search({ titleIncludes: ["teapot"] }, "teapots")),
      ],
    });
    const clock = search({ titleIncludes: ["alarm clock"] }, "alarm clocks");
    const greenClock = search({ ...clock, colour: "green" }, "green alarm clocks");
    add({
      id: "products/alarm-clock-green-cheaper",
      category: "products",
      turns: [
        t("alarm clocks?", [showsProducts(1)], clock),
        t("in green", [showsProducts(1)], greenClock),
        t("any cheaper?", cheaperStill(greenClock), greenClock),
      ],
    });
    const cushion = search({ titleIncludes: ["cushion"] }, "cushions");
    const doorstop = search({ titleIncludes: ["doorstop"] }, "doorstops");
    add({
      id: "products/cushions-then-doorstops-under-five",
      category: "products",
      turns: [
        t("show me some cushions", [showsProducts(1)], cushion),
        t(
          "got any doorstops?",
          [showsProducts(1), everyProduct("not a cushion", (p) => !/cushion/i.test(p.title))],
          doorstop,
        ),
        t("under £5", [showsProducts(1)], search({ ...doorstop, priceMax: 5 }, "doorstops under £5")),
      ],
    });
    const bottle = search({ titleIncludes: ["hot water bottle"] }, "hot water bottles");
    add({
      id: "products/hot-water-bottle-cheaper",
      category: "products",
      turns: [t("hot water bottles", [showsProducts(1)], bottle), t("cheaper ones?", cheaperStill(bottle), bottle)],
    });
    // "Cheaper" with nothing cheaper: every product the search can find costs the same.
    const samePrice = ["money bank", "teacup", "paper chain kit", "lunch bag"].filter((phrase) => {
      const found = catalog.titled(phrase);
      return found.length >= 2 && new Set(found.map(lowestPrice)).size === 1;
    });
    const [flat] = spread(samePrice, 1, "searches whose products all cost the same");
    const flatC = search({ titleIncludes: [flat] }, flat);
    add({
      id: "products/nothing-cheaper",
      category: "products",
      turns: [
        t(`${flat}s`, [showsProducts(1)], flatC),
        t("anything cheaper?", [noProducts(), says(NOTHING_CHEAPER)], flatC),
      ],
    });

    // Class 7: budgets in their common forms.
    add({
      id: "products/paper-chain-under-3-quid",
      category: "products",
      turns: [
        t(
          "paper chain kit under 3 quid",
          [showsProducts(1), understood()],
          search({ titleIncludes: ["paper chain"], priceMax: 3 }, "paper chains under £3"),
        ),
      ],
    });
    add({
      id: "products/candles-below-a-fiver",
      category: "products",
      turns: [
        t(
          "candles below 5 quid",
          [showsProducts(1)],
          search({ titleIncludes: ["candle"], priceMax: 5 }, "candles under £5"),
        ),
      ],
    });
    add({
      id: "products/mugs-3-to-6",
      category: "products",
      turns: [
        t("mugs £3-£6", [showsProducts(1)], search({ titleIncludes: ["mug"], priceMin: 3, priceMax: 6 }, "mugs £3-£6")),
      ],
    });
    add({
      id: "products/cheap-tea-towels",
      category: "products",
      turns: [
        t("cheap tea towels", [showsProducts(1), understood()], search({ titleIncludes: ["tea towel"] }, "tea towels")),
      ],
    });

    // Class 8: things the shop does not sell, checked absent from every title, type and tag.
    const described = new Set(world.products.flatMap((p) => words(plain(p.descriptionHtml))));
    const notSold = (word: string) => {
      if ([...catalog.vocabulary, ...described].some((w) => w.startsWith(word)))
        throw new Error(`held-out: the shop does have "${word}" in its catalog`);
      return saysNotSold;
    };
    for (const [id, say, word] of [
      ["laptops", "do you sell laptops?", "laptop"],
      ["tyres", "got any car tyres", "tyre"],
      ["lawnmowers", "do you stock lawnmowers", "lawnmower"],
      ["mattress", "looking for a double mattress", "mattress"],
      ["kettle", "need a new kettle, do u have any", "kettle"],
    ] as const) {
      add({ id: `products/not-sold-${id}`, category: "products", turns: [t(say, [...notSold(word), understood()])] });
    }
    add({
      id: "products/not-sold-then-real-search",
      category: "products",
      turns: [
        t("have you got any wetsuits", notSold("wetsuit")),
        t("ok what about bunting", [showsProducts(1), understood()], search({ titleIncludes: ["bunting"] }, "bunting")),
      ],
    });
  }

  // ---------------------------------------------------------------- recommendations
  {
    const search = (c: Constraints, what: string) => catalog.satisfiable(c, what);
    const forChild = everyProduct("for a child (toys & games or a children's thing)", isForChildren);
    add({
      id: "recommendations/present-5-year-old",
      category: "recommendations",
      turns: [
        t("a present for a 5 year old", [showsProducts(1), forChild, understood()]),
        t("under a fiver", [showsProducts(1), forChild], search({ priceMax: 5 }, "anything under £5")),
      ],
    });
    add({
      id: "recommendations/gran",
      category: "recommendations",
      turns: [
        t("something for my gran", [
          showsProducts(1),
          understood(),
          everyProduct("not a child's thing", (p) => !isForChildren(p)),
        ]),
        t(
          "no more than 15 quid",
          [showsProducts(1), everyProduct("not a child's thing", (p) => !isForChildren(p))],
          search({ priceMax: 15 }, "up to £15"),
        ),
      ],
    });
    add({
      id: "recommendations/mum-birthday-under-20",
      category: "recommendations",
      turns: [
        t(
          "birthday present for my mum, under £20",
          [showsProducts(1), understood()],
          search({ priceMax: 20 }, "under £20"),
        ),
      ],
    });
    add({
      id: "recommendations/stocking-fillers-kids",
      category: "recommendations",
      turns: [
        t(
          "stocking fillers for the kids, below 3 quid each",
          [showsProducts(1), forChild],
          search({ priceMax: 3 }, "under £3"),
        ),
      ],
    });
    add({
      id: "recommendations/secret-santa-range",
      category: "recommendations",
      turns: [
        t(
          "secret santa ideas £5-£10?",
          [showsProducts(1), understood()],
          search({ priceMin: 5, priceMax: 10 }, "£5-£10"),
        ),
      ],
    });
    add({
      id: "recommendations/gift-ideas-tenner",
      category: "recommendations",
      turns: [
        t("any gift ideas for about a tenner or less", [showsProducts(1)], search({ priceMax: 10 }, "up to £10")),
      ],
    });
    const candle = search({ titleIncludes: ["candle"] }, "candles");
    add({
      id: "recommendations/candle-then-cheaper",
      category: "recommendations",
      turns: [
        t("can you recommend a nice candle", [showsProducts(1), understood()], candle),
        t("something cheaper", cheaperStill(candle), candle),
      ],
    });
    add({
      id: "recommendations/popular",
      category: "recommendations",
      turns: [t("whats popular at the moment?", [showsProducts(1), understood(), noHandoff()])],
    });
    // What goes with a best seller: the most ordered product, counted from the order lines.
    const sold = new Map<string, number>();
    for (const o of world.orders)
      for (const l of o.lineItems) if (l.productId) sold.set(l.productId, (sold.get(l.productId) ?? 0) + 1);
    const bestSeller = [...sold]
      .sort((x, y) => y[1] - x[1])
      .map(([id]) => world.byId.get(id))
      .find((p) => p && catalog.simple(p));
    if (bestSeller)
      add({
        id: "recommendations/goes-with-best-seller",
        category: "recommendations",
        turns: [
          t(`what goes well with the ${bestSeller.title.toLowerCase()}?`, [
            showsProducts(1),
            understood(),
            noHandoff(),
          ]),
        ],
      });
    add({
      id: "recommendations/housewarming-jumper",
      category: "recommendations",
      turns: [
        t("housewarming gift, max 15 quid", [showsProducts(1), understood()], search({ priceMax: 15 }, "up to £15")),
        t("actually have you got a jumper", [showsProducts(1)], search({ titleIncludes: ["jumper"] }, "jumpers")),
      ],
    });
  }

  // ---------------------------------------------------------------- handoff
  {
    add({
      id: "handoff/real-person",
      category: "handoff",
      turns: [t("can i talk to a real person please", [handsOff("requested")])],
    });
    add({
      id: "handoff/complaint",
      category: "handoff",
      turns: [
        t("i want to make a complaint, my last two orders were both wrong and nobody answers my emails", [
          handsOff("complaint"),
        ]),
      ],
    });
    const p = catalog.another();
    add({
      id: "handoff/product-then-human",
      category: "handoff",
      turns: [
        t(`how much is the ${p.title.toLowerCase()}`, priced(p), colourIn(p.title)),
        t("this is useless, get me a human", [handsOff("requested")]),
      ],
    });
    add({
      id: "handoff/customer-services",
      category: "handoff",
      turns: [t("put me through to customer services pls", [handsOff("requested")])],
    });
    add({
      id: "handoff/disgusted",
      category: "handoff",
      turns: [t("absolutely disgusted with the service, never ordering from you again", [handsOff("complaint")])],
    });
    add({
      id: "handoff/policy-then-someone",
      category: "handoff",
      turns: [
        t("how long do refunds take", [
          says(stated(policy.section("REFUND_POLICY", /^Refunds$/), /within (\d+ business days)/, 1)),
          understood(),
        ]),
        t("ok i'd rather speak to someone about it", [handsOff("requested")]),
      ],
    });
  }

  // ---------------------------------------------------------------- out of scope
  {
    // None of these may hold a word of the shop's vocabulary, or it would be a product question.
    const functionWords = new Set(["with", "from", "this", "that", "what", "whats", "your", "into"]);
    const ensureForeign = (say: string) => {
      const shared = words(say).filter((w) => w.length >= 4 && !functionWords.has(w) && catalog.vocabulary.has(w));
      if (shared.length) throw new Error(`held-out: "${say}" shares shop words ${shared.join(", ")}`);
      return say;
    };
    for (const [id, say] of [
      ["weather", "whats the weather doing in leeds tomorrow"],
      ["homework", "can u help with my maths homework whats 17 times 23"],
      ["taxi", "get me a taxi to the airport at 6"],
      ["boiler", "how do i fix my boiler, it keeps banging"],
      ["translate", "translate good morning into japanese"],
    ] as const)
      add({ id: `out_of_scope/${id}`, category: "out_of_scope", turns: [t(ensureForeign(say), outOfScope)] });
    const p = catalog.another();
    add({
      id: "out_of_scope/capital-then-product",
      category: "out_of_scope",
      turns: [
        t(ensureForeign("whats the capital of peru"), outOfScope),
        t(`ok nvm. how much is the ${p.title.toLowerCase()}`, priced(p), colourIn(p.title)),
      ],
    });
    add({
      id: "out_of_scope/after-a-policy",
      category: "out_of_scope",
      turns: [
        t("do you ship to canada", [says(/canada/i), understood()]),
        t(ensureForeign("who is the prime minister of canada"), outOfScope),
      ],
    });
  }

  // ---------------------------------------------------------------- small talk
  {
    add({ id: "small_talk/hiya", category: "small_talk", turns: [t("hiya", smallTalk)] });
    add({
      id: "small_talk/morning-then-bye",
      category: "small_talk",
      turns: [t("good morning!", smallTalk), t("bye for now", smallTalk)],
    });
    add({ id: "small_talk/how-are-you", category: "small_talk", turns: [t("hey how are you doing today", smallTalk)] });
    const refunds = policy.section("REFUND_POLICY", /^Refunds$/);
    add({
      id: "small_talk/thanks-after-policy",
      category: "small_talk",
      turns: [
        t("when will i get my refund", quotes(refunds, stated(refunds, /within (\d+ business days)/, 1))),
        t("thanks so much thats really helpful", smallTalk),
      ],
    });
    const p = catalog.another();
    add({
      id: "small_talk/product-then-cheers",
      category: "small_talk",
      turns: [
        t("hello", smallTalk),
        t(`is the ${p.title.toLowerCase()} in stock`, [...named(p), ...saysStock(p)], colourIn(p.title)),
        t("brill cheers ta", smallTalk),
        t("bye", smallTalk),
      ],
    });
    add({ id: "small_talk/thank-you", category: "small_talk", turns: [t("thank you!", smallTalk)] });
  }

  // The second part (held-out-2.ts): 45 more, written the same way.
  return [...scripts, ...heldOut2(world)];
};
