import { hash32 } from "../../tests/factories/random";
import type { FakeOrder, FakePolicy, FakeProduct } from "../../tests/fake-shopify/store";
import {
  aboutOrder,
  asksWhichOne,
  cheaperThanShown,
  citesSource,
  correctedTo,
  doesNotSay,
  estimatesDelivery,
  everyProduct,
  firstIsShown,
  firstProduct,
  handsOff,
  intentIs,
  listsItems,
  lowestPrice,
  money,
  noDeliveryEstimate,
  noHandoff,
  noOrder,
  noProducts,
  pricesAtMost,
  resolved,
  says,
  showsOrder,
  showsProduct,
  showsProducts,
  showsTracking,
  statesStock,
  understood,
  violation,
} from "./checks";
import type { Category, Check, Constraints, Script, ScriptSet, Turn, World } from "./types";

/**
 * The development set of `npm run eval:conversations`: the conversations the engine is
 * tuned on. Every fact a turn checks is computed here from the demo store's data (the
 * catalog, the orders the sync brought in, the policies' own text), never from the
 * assistant's answers; products and orders are picked deterministically (hashes of their
 * ids), so a run is repeatable while the data stays the same.
 *
 * Ids are `<category>/<failure class>/<case>`; the classes are those of issue 13:
 * named (1), spelling (2), topic (3), order-followup (4), verification (5), passage (6),
 * budget and occasion (7), not-sold (8), and `ordinary` for what works today.
 */

// ---- Words -----------------------------------------------------------------------------

const STOPWORDS = new Set([
  "of",
  "the",
  "and",
  "with",
  "in",
  "a",
  "an",
  "for",
  "set",
  "pack",
  "to",
  "on",
  "w",
  "s",
  "de",
]);
const COLOURS = [
  "red",
  "pink",
  "white",
  "blue",
  "green",
  "ivory",
  "cream",
  "black",
  "silver",
  "gold",
  "purple",
  "yellow",
];

const tokens = (text: string) =>
  text
    .toLowerCase()
    .replace(/'/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Singular and plural read as one word ("lanterns", "lantern"): shoppers use either. */
const stem = (word: string) =>
  word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Optimal string alignment distance: edits, with a swap of two neighbours as one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i ? (j ? 0 : i) : j)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** A stable order of `items` for `salt`: the same data always yields the same picks. */
function shuffled<T>(items: readonly T[], key: (item: T) => string, salt: string): T[] {
  return items
    .map((item) => ({ item, k: key(item), h: hash32(`${salt}:${key(item)}`) }))
    .sort((a, b) => a.h - b.h || a.k.localeCompare(b.k))
    .map(({ item }) => item);
}

/** One of `options`, chosen by the case's number (phrasings vary from script to script). */
const phrase = (options: string[], index: number) => options[index % options.length];

// ---- The catalog as a shopper meets it --------------------------------------------------

interface Catalog {
  world: World;
  /** Products a shopper can be shown: published, active, with a price above nothing. */
  products: FakeProduct[];
  inStock: (product: FakeProduct) => boolean;
  /** The price a card shows: the cheapest variant that can be bought, else the cheapest. */
  price: (product: FakeProduct) => number;
  stems: Map<string, Set<string>>;
  /** How many products' titles carry a stem. */
  df: Map<string, number>;
  /** Every word of the shop: titles, types, tags and option values. */
  vocabulary: Set<string>;
  sameTitle: Map<string, number>;
  withAll: (stems: string[]) => FakeProduct[];
  /** In-stock products that satisfy everything the shopper stated. */
  satisfying: (c: Constraints) => FakeProduct[];
}

function catalogOf(world: World): Catalog {
  const products = world.products.filter((p) => lowestPrice(p) > 0);
  const inStock = (p: FakeProduct) => p.variants.some((v) => v.availableForSale);
  const price = (p: FakeProduct) => {
    const buyable = p.variants.filter((v) => v.availableForSale);
    return Math.min(...(buyable.length ? buyable : p.variants).map((v) => Number(v.price)));
  };
  const stems = new Map(products.map((p) => [p.id, new Set(tokens(p.title).map(stem))]));
  const df = new Map<string, number>();
  for (const set of stems.values()) for (const s of set) df.set(s, (df.get(s) ?? 0) + 1);
  const vocabulary = new Set<string>();
  for (const p of world.products) {
    for (const text of [
      p.title,
      p.productType,
      ...p.tags,
      ...p.variants.flatMap((v) => v.selectedOptions.map((o) => o.value)),
    ])
      for (const word of tokens(text)) vocabulary.add(word);
  }
  const byStem = new Map<string, FakeProduct[]>();
  for (const p of products) for (const s of stems.get(p.id)!) byStem.set(s, [...(byStem.get(s) ?? []), p]);
  const satisfied = new Map<string, FakeProduct[]>();
  const sameTitle = new Map<string, number>();
  for (const p of world.products) sameTitle.set(p.title.toLowerCase(), (sameTitle.get(p.title.toLowerCase()) ?? 0) + 1);
  return {
    world,
    products,
    inStock,
    price,
    stems,
    df,
    vocabulary,
    sameTitle,
    withAll: (wanted) => {
      const rarest = [...wanted].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0))[0];
      return (byStem.get(rarest) ?? []).filter((p) => wanted.every((s) => stems.get(p.id)!.has(s)));
    },
    satisfying: (c) => {
      // Asked again and again while scripts are picked: remembered per set of constraints.
      const key = JSON.stringify(c);
      let found = satisfied.get(key);
      if (!found)
        satisfied.set(key, (found = products.filter((p) => inStock(p) && violation(p, price(p), c) === null)));
      return found;
    },
  };
}

/**
 * A misspelling of `word` that only `word` (or its plural) is near in the shop's vocabulary,
 * so the correction is unambiguous: a swap of two neighbouring letters or a dropped letter
 * (never the first), at a place chosen by the hash of `salt`, then `suffix` ("s" for a
 * plural: shoppers misspell the word, not its ending). Null when every candidate is ambiguous.
 */
function typoOf(cat: Catalog, word: string, salt: string, suffix = ""): { typo: string; kind: "swap" | "drop" } | null {
  const candidates: { typo: string; kind: "swap" | "drop" }[] = [];
  for (let i = 1; i < word.length - 1; i++) {
    if (word[i] !== word[i + 1])
      candidates.push({ typo: word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) + suffix, kind: "swap" });
  }
  for (let i = 1; i < word.length; i++) {
    if (word[i] !== word[i - 1]) candidates.push({ typo: word.slice(0, i) + word.slice(i + 1) + suffix, kind: "drop" });
  }
  const vocabulary = [...cat.vocabulary];
  const clear = (typo: string) =>
    !cat.vocabulary.has(typo) &&
    vocabulary.every(
      (v) => stem(v) === stem(word) || Math.abs(v.length - typo.length) > 2 || editDistance(typo, v) > 2,
    );
  return shuffled(candidates, (c) => c.typo, salt).find((c) => clear(c.typo)) ?? null;
}

// ---- Dates: the delivery estimate, computed apart from the engine ------------------------

const DAY = 86_400_000;

/** The calendar date of an instant in the shop's time zone, YYYY-MM-DD. */
function shopDate(instant: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
}

/** `days` business days (Monday to Friday, no holiday calendar) after a date. */
export function addBusinessDays(date: string, days: number): string {
  let t = Date.parse(`${date}T12:00:00Z`);
  for (let left = days; left > 0;) {
    t += DAY;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(t).toISOString().slice(0, 10);
}

// ---- The policies' facts, read from their text -------------------------------------------

interface Section {
  policy: string;
  heading: string | null;
  text: string;
}

function sectionsOf(policy: FakePolicy): Section[] {
  const plain = (html: string) =>
    html
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  const parts = policy.body.split(/<h2>/).filter((part) => plain(part));
  return parts.map((part) => {
    const [heading, rest] = part.includes("</h2>") ? part.split("</h2>") : [null, part];
    return { policy: policy.title, heading: heading ? plain(heading) : null, text: plain(rest) };
  });
}

/** The first capture of `pattern` in a section, or a clear error when the policy says otherwise. */
function fact(section: Section, pattern: RegExp): string {
  const match = pattern.exec(section.text);
  if (!match) throw new Error(`dev set: "${section.policy}: ${section.heading}" no longer matches ${pattern}`);
  return match[1];
}

interface Region {
  label: string;
  min: number;
  max: number;
  cost: string;
}

interface PolicyFacts {
  section: (policy: string, heading: string | null) => Section;
  /** What the shipping policy gives a destination (by its country code); null when nothing. */
  regionOf: (country: string | null) => Region | null;
  uk: Region & { freeOver: string };
  express: string;
}

const EU = new Set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "));
/** Which words of the policy's region labels name a destination. */
const REGION_WORD: Record<string, string> = {
  CH: "Switzerland",
  NO: "Norway",
  US: "United States",
  CA: "Canada",
  AU: "Australia",
};

function policyFacts(world: World): PolicyFacts {
  const sections = world.policies.flatMap(sectionsOf);
  const section = (policy: string, heading: string | null) => {
    const found = sections.find((s) => s.policy === policy && s.heading === heading);
    if (!found) throw new Error(`dev set: the policies have no section "${policy}: ${heading}"`);
    return found;
  };
  const international = section("Shipping policy", "International delivery");
  const regions: Region[] = [
    ...international.text.matchAll(/([A-Z][^.:]*): (\d+)-(\d+) business days, (£\d+\.\d\d)/g),
  ].map((m) => ({ label: m[1], min: Number(m[2]), max: Number(m[3]), cost: m[4] }));
  const ukSection = section("Shipping policy", "UK delivery");
  const ukMatch = /takes (\d+)-(\d+) business days and costs (£\d+\.\d\d), free on orders over (£\d+)/.exec(
    ukSection.text,
  );
  if (!ukMatch || regions.length < 3)
    throw new Error("dev set: the shipping policy's times and prices are not where they were");
  const uk = { label: "UK", min: Number(ukMatch[1]), max: Number(ukMatch[2]), cost: ukMatch[3], freeOver: ukMatch[4] };
  return {
    section,
    uk,
    express: fact(ukSection, /Express delivery[^£]*(£\d+\.\d\d)/),
    regionOf(country) {
      if (country === "GB") return uk;
      const word = country && EU.has(country) ? "EU" : country ? REGION_WORD[country] : undefined;
      if (!word) return null;
      return regions.find((r) => new RegExp(`\\b${word}\\b`).test(r.label)) ?? null;
    },
  };
}

// ---- Orders ---------------------------------------------------------------------------

interface Orders {
  /** Each customer's latest synced order, when it is the only one at that moment. */
  latest: FakeOrder[];
  /** Orders a guest can verify: they carry the email they were placed with. */
  withEmail: FakeOrder[];
  delivery: (order: FakeOrder) => { earliest: string; latest: string } | null;
}

function ordersOf(world: World, policies: PolicyFacts): Orders {
  const byCustomer = new Map<string, FakeOrder[]>();
  for (const order of world.orders) {
    if (!order.customerId) continue;
    const list = byCustomer.get(order.customerId) ?? [];
    list.push(order);
    byCustomer.set(order.customerId, list);
  }
  const latest: FakeOrder[] = [];
  for (const list of byCustomer.values()) {
    list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    if (list.length === 1 || list[0].createdAt !== list[1].createdAt) latest.push(list[0]);
  }
  return {
    latest: latest.filter((o) => !o.cancelledAt),
    withEmail: world.orders.filter((o) => o.email && !o.cancelledAt),
    delivery(order) {
      const region = policies.regionOf(order.shippingCountry);
      if (!region) return null;
      const shipped = order.fulfillments[0];
      const base = shopDate(shipped ? shipped.createdAt : world.now, world.shop.timezone);
      return { earliest: addBusinessDays(base, region.min), latest: addBusinessDays(base, region.max) };
    },
  };
}

const numberOf = (order: FakeOrder) => order.name.replace("#", "");
const customerNumber = (order: FakeOrder) => order.customerId!.split("/").pop()!;
const uniqueItemTitles = (order: FakeOrder) =>
  new Set(order.lineItems.map((l) => l.title)).size === order.lineItems.length;
const shipped = (order: FakeOrder) => order.fulfillments.length > 0;
const trackingNumber = (order: FakeOrder) => order.fulfillments[0]?.trackingInfo[0]?.number ?? null;

// ---- Script helpers ---------------------------------------------------------------------

const turn = (say: string, expect: Check[], constraints?: Constraints): Turn => ({ say, expect, constraints });

function script(id: string, category: Category, turns: Turn[], extra: Partial<Script> = {}): Script {
  return { id, category, turns, ...extra };
}

/** The plain "we don't sell that" of a thing the shop never had. */
const NOT_SOLD = /(don't|do not|doesn't|does not) (sell|stock|carry)/i;
const NEVER_SOLD_AS_OUT_OF_STOCK = /out of stock|sold out|in stock right now/i;
/** "Nothing cheaper" said plainly. */
const NOTHING_CHEAPER =
  /\b(nothing|no|not|none)\b[^.]*\bcheaper|\b(already|is|are) the cheapest|\bcheapest (one|ones|we have)/i;

function priceMention(amount: number) {
  return says(money(amount));
}

/** The text says `pattern` other than in the product's own name ("Glass Cookie Jar" is not an answer to "what is it made of"). */
function saysBeyondTitle(product: FakeProduct, pattern: RegExp): Check {
  return (reply) => {
    const rest = reply.text.replace(new RegExp(escapeRegExp(product.title), "g"), "");
    return pattern.test(rest)
      ? null
      : `text ${JSON.stringify(reply.text.slice(0, 160))} says ${pattern} only in the product's name, if at all`;
  };
}

/**
 * "Cheaper" with something cheaper in the catalog: every card cheaper than the dearest shown
 * (cheaperThanShown), and at least one card, since the catalog has cheaper `describe` in stock.
 */
function cheaperWhenThereIs(cat: Catalog, describe: string, test: (product: FakeProduct) => boolean): Check {
  return (reply, world, previous) => {
    const last = [...previous].reverse().find((r) => r.products?.length);
    if (!last) return "no earlier cards to be cheaper than";
    const ceiling = Math.max(...last.products!.map((p) => Number(p.price.amount)));
    const cheaper = cat.products.filter((p) => cat.inStock(p) && test(p) && cat.price(p) < ceiling);
    if (cheaper.length && !reply.products?.length)
      return `no cards, though ${cheaper.length} ${describe} in stock cost less than ${ceiling} (${cheaper[0].title})`;
    return cheaperThanShown()(reply, world, previous);
  };
}

// ---- 1. Named products --------------------------------------------------------------------

/**
 * Words that say what kind of thing a product is. A shopper shortening a name keeps one
 * ("the rabbit night light", not "the rabbit night"). Written out because the titles carry
 * no part of speech; only those the titles use matter.
 */
const KINDS = new Set(
  (
    "holder box necklace bag decoration bracelet cover earrings bowl mug candle sign ring charm card clock tree " +
    "frame cases hook bottle mirror wrap kit notebook garland plate tray lights stickers tissues tin dish cutlery " +
    "pot stand purse basket magnet cup cabinet jar parasol hanger light ball bells pan doily tape toy ribbon " +
    "letters doorstop wreath saucer umbrella tag tube book handbag coaster jug rack doilies bell sketchbook " +
    "lampshade beads curtain beaker lantern warmer bucket napkins lamp pen can tins washbag mobile candleholder " +
    "tidy thermometer incense apron pad organiser container doll sheet knob bank stick matches journal patches " +
    "helicopter candlestick comb fan board drawers cosy bin placemats balloons stationery gloves straws " +
    "flannel brush string clips chair chain spoon windmill game chalkboard lid sponge cutters bangle scales " +
    "calendar shirt teddy gnome fork trowel ruler pendant album ashtray mat keyring screen backpack doormat " +
    "cushion teapot bunting jigsaw blouse jumper jacket sofa pillows shoes tee skirt tuxedo stool cakestand " +
    "teacup clothes slats fence beanbag"
  )
    .split(" ")
    .map(stem),
);

/**
 * A part of a title that names this product and no other, as a shopper shortens a name:
 * two or three neighbouring words ending with a kind word ("popcorn holder" of "Large
 * Popcorn Holder"), shorter first. Words in `avoid` stay out (a question about a material
 * must not name it).
 */
function nameKey(cat: Catalog, product: FakeProduct, avoid: string[] = []): string[] | null {
  const words = tokens(product.title);
  const content = (w: string) => w.length >= 3 && !/\d/.test(w) && !STOPWORDS.has(w);
  const spans: string[][] = [];
  for (let size = 2; size <= 3 && size < words.length; size++) {
    for (let start = 0; start + size <= words.length; start++) {
      const span = words.slice(start, start + size);
      if (!content(span[0]) || !content(span[size - 1]) || span.some((w) => /\d/.test(w) || avoid.includes(w)))
        continue;
      if (!KINDS.has(stem(span[size - 1]))) continue;
      spans.push(span);
    }
  }
  return (
    spans.find((span) => {
      const matches = cat.withAll(span.map(stem));
      return matches.length === 1 && matches[0].id === product.id;
    }) ?? null
  );
}

const isCsvProduct = (p: FakeProduct) => Number(p.id.split("/").pop()) >= 900_000;

function namedCandidates(cat: Catalog) {
  return cat.products.filter((p) => {
    if (cat.sameTitle.get(p.title.toLowerCase())! > 1) return false;
    if (new Set(p.variants.map((v) => v.price)).size > 1) return false;
    const n = tokens(p.title).length;
    if (n < 3 || n > 6 || /[+/*]/.test(p.title)) return false;
    // The full title names only this product: none carries all of its words plus others.
    return cat.withAll([...cat.stems.get(p.id)!]).length === 1;
  });
}

const MATERIALS = [
  "sterling silver",
  "14k gold",
  "cotton",
  "wool",
  "silk",
  "leather",
  "polyester",
  "fleece",
  "denim",
  "ceramic",
  "clay",
  "cardboard",
  "enamel",
  "zinc",
  "glass",
  "wooden",
  "wood",
  "metal",
  "felt",
  "wicker",
];

function materialOf(product: FakeProduct): string | null {
  const text = `${product.descriptionHtml} ${product.title}`.toLowerCase();
  return MATERIALS.find((m) => new RegExp(`\\b${m}\\b`).test(text)) ?? null;
}

function namedProducts(cat: Catalog, used: Set<string>): Script[] {
  const out: Script[] = [];
  const take = (list: FakeProduct[], n: number, salt: string) => {
    const picked = shuffled(
      list.filter((p) => !used.has(p.id)),
      (p) => p.id,
      salt,
    ).slice(0, n);
    for (const p of picked) used.add(p.id);
    return picked;
  };
  const candidates = namedCandidates(cat);
  const keyed = candidates.map((p) => ({ p, key: nameKey(cat, p) })).filter((x) => x.key !== null) as {
    p: FakeProduct;
    key: string[];
  }[];
  const keyOf = new Map(keyed.map((x) => [x.p.id, x.key]));

  // Price by the full title, as on the shelf label.
  const fullPrice = [
    "how much is the {name}?",
    "price of {name}",
    "hw much is {name}",
    "{name} how much",
    "whats the price of the {name} pls",
    "how much does the {name} cost",
    "{name} price?",
  ];
  take(
    candidates.filter((p) => cat.inStock(p)),
    5,
    "full-price",
  ).forEach((p, i) =>
    out.push(
      script(`products/named/price-full-${i + 1}`, "products", [
        turn(phrase(fullPrice, i).replace("{name}", p.title.toLowerCase()), [
          understood(),
          firstProduct(p.id),
          priceMention(cat.price(p)),
        ]),
      ]),
    ),
  );

  // Price by a part of the name: the words that tell it apart.
  const partPrice = [
    "how much is the {name}?",
    "price of the {name}?",
    "{name} cost?",
    "how much are the {name}",
    "wat does the {name} cost",
  ];
  take(
    keyed.map((x) => x.p).filter((p) => cat.inStock(p)),
    5,
    "part-price",
  ).forEach((p, i) =>
    out.push(
      script(`products/named/price-partial-${i + 1}`, "products", [
        turn(phrase(partPrice, i).replace("{name}", keyOf.get(p.id)!.join(" ")), [
          understood(),
          firstProduct(p.id),
          priceMention(cat.price(p)),
        ]),
      ]),
    ),
  );

  // The same words out of order ("light night rabbit").
  const outOfOrder = ["how much is the {name}", "{name} price", "price for {name} please", "{name}, how much?"];
  take(
    candidates.filter((p) => tokens(p.title).length <= 4 && tokens(p.title).every((w) => !/\d/.test(w))),
    4,
    "out-of-order",
  ).forEach((p, i) => {
    const words = tokens(p.title);
    // The way shoppers read a label back: the describing word last ("night light rabbit").
    const reordered = [...words.slice(1), words[0]].join(" ");
    out.push(
      script(`products/named/price-out-of-order-${i + 1}`, "products", [
        turn(phrase(outOfOrder, i).replace("{name}", reordered), [
          understood(),
          firstProduct(p.id),
          priceMention(cat.price(p)),
        ]),
      ]),
    );
  });

  // A misspelt word of the name.
  let misspelt = 0;
  for (const { p, key } of shuffled(
    keyed.filter((x) => !used.has(x.p.id)),
    (x) => x.p.id,
    "misspelt-name",
  )) {
    if (misspelt >= 5) break;
    const longest = [...key].sort((a, b) => b.length - a.length)[0];
    if (longest.length < 6) continue;
    const typo = typoOf(cat, longest, p.id);
    if (!typo) continue;
    used.add(p.id);
    misspelt++;
    const words = key.map((w) => (w === longest ? typo.typo : w)).join(" ");
    out.push(
      script(`products/named/price-misspelt-${misspelt}`, "products", [
        turn(
          phrase(
            [
              "how much is the {name}",
              "price of {name}?",
              "{name} how much is it",
              "hw much for the {name}",
              "cost of the {name}",
            ],
            misspelt - 1,
          ).replace("{name}", words),
          [understood(), firstProduct(p.id), priceMention(cat.price(p))],
        ),
      ]),
    );
  }

  // Stock: some in stock, some sold out.
  const stockPhrases = [
    "is the {name} in stock?",
    "do you have the {name} in stock",
    "{name} available?",
    "can i still get the {name}",
    "any {name} left?",
    "is the {name} sold out",
  ];
  const inStock = take(
    keyed.map((x) => x.p).filter((p) => cat.inStock(p)),
    3,
    "stock-in",
  );
  const soldOut = take(
    keyed.map((x) => x.p).filter((p) => !cat.inStock(p)),
    3,
    "stock-out",
  );
  [...inStock, ...soldOut].forEach((p, i) =>
    out.push(
      script(`products/named/stock-${i + 1}`, "products", [
        turn(phrase(stockPhrases, i).replace("{name}", keyOf.get(p.id)!.join(" ")), [
          understood(),
          firstProduct(p.id),
          statesStock(cat.inStock(p)),
        ]),
      ]),
    ),
  );

  // Options: the values a product comes in, and a value that is sold out.
  const optioned = cat.products.filter((p) =>
    p.options.some((o) => /size|colou?r/i.test(o.name) && o.values.length > 1),
  );
  shuffled(optioned, (p) => p.id, "options")
    .slice(0, 4)
    .forEach((p, i) => {
      const option = p.options.find((o) => /size|colou?r/i.test(o.name) && o.values.length > 1)!;
      const noun = /size/i.test(option.name) ? "sizes" : "colours";
      const ask = phrase(
        [
          `what ${noun} does the ${p.title.toLowerCase()} come in?`,
          `${p.title.toLowerCase()} - which ${noun} do u have`,
          `does the ${p.title.toLowerCase()} come in different ${noun}`,
        ],
        i,
      );
      out.push(
        script(`products/named/options-${i + 1}`, "products", [
          turn(ask, [
            understood(),
            firstProduct(p.id),
            ...option.values.map((v) => says(new RegExp(`\\b${escapeRegExp(v)}\\b`, "i"))),
          ]),
        ]),
      );
    });
  const withSoldOutValue = optioned.filter(
    (p) => p.variants.some((v) => !v.availableForSale) && p.variants.some((v) => v.availableForSale),
  );
  withSoldOutValue.slice(0, 2).forEach((p, i) => {
    const variant = p.variants.find((v) => !v.availableForSale)!;
    const value = variant.selectedOptions.find((o) => /size|colou?r/i.test(o.name))!.value;
    out.push(
      script(`products/named/option-sold-out-${i + 1}`, "products", [
        turn(`is the ${p.title.toLowerCase()} available in ${value.toLowerCase()}?`, [
          understood(),
          firstProduct(p.id),
          says(new RegExp(`\\b${escapeRegExp(value)}\\b`, "i")),
          says(/sold out|out of stock|not in stock|unavailable|not available/i),
        ]),
      ]),
    );
  });

  // Material, from the description (the sample products) or the title, asked without naming it.
  const materialPhrases = [
    "what is the {name} made of?",
    "what material is the {name}",
    "{name} - what's it made from",
    "is the {name} made of plastic?",
  ];
  const materialCases = (fromDescription: boolean) =>
    cat.products.flatMap((p) => {
      const material = materialOf(p);
      if (!material || used.has(p.id) || isCsvProduct(p) !== fromDescription) return [];
      const words = material.split(" ");
      const inTitle = words.some((w) => tokens(p.title).includes(w));
      const name = inTitle
        ? nameKey(cat, p, words)?.join(" ")
        : candidates.includes(p)
          ? p.title.toLowerCase()
          : undefined;
      return name ? [{ p, material, name }] : [];
    });
  [
    ...shuffled(materialCases(true), (x) => x.p.id, "material-description").slice(0, 3),
    ...shuffled(materialCases(false), (x) => x.p.id, "material-title").slice(0, 3),
  ].forEach(({ p, material, name }, i) => {
    used.add(p.id);
    out.push(
      script(`products/named/material-${i + 1}`, "products", [
        turn(phrase(materialPhrases, i).replace("{name}", name), [
          understood(),
          firstProduct(p.id),
          saysBeyondTitle(p, new RegExp(`\\b${material}\\b`, "i")),
        ]),
      ]),
    );
  });

  // Description of a sample product: a word of the description that the title does not have.
  const described = cat.products.filter((p) => isCsvProduct(p) && !used.has(p.id) && keyOf.has(p.id));
  shuffled(described, (p) => p.id, "describe")
    .slice(0, 3)
    .forEach((p, i) => {
      const titleWords = new Set(tokens(p.title));
      const detail = tokens(p.descriptionHtml.replace(/<[^>]+>/g, " ")).find(
        (w) => w.length >= 6 && !titleWords.has(w) && !STOPWORDS.has(w) && !MATERIALS.includes(w),
      );
      if (!detail) return;
      used.add(p.id);
      out.push(
        script(`products/named/describe-${i + 1}`, "products", [
          turn(
            phrase(["tell me about the {name}", "what's the {name} like?", "can u describe the {name}"], i).replace(
              "{name}",
              p.title.toLowerCase(),
            ),
            [understood(), firstProduct(p.id), says(new RegExp(`\\b${detail}`, "i"))],
          ),
        ]),
      );
    });

  // Two products equally named: the shopper is asked which one.
  const groups = new Map<string, FakeProduct[]>();
  for (const p of cat.products) {
    const words = tokens(p.title);
    const colour = words.filter((w) => COLOURS.includes(w));
    if (colour.length !== 1 || words.length < 3 || cat.sameTitle.get(p.title.toLowerCase())! > 1) continue;
    const rest = words.filter((w) => !COLOURS.includes(w));
    const key = [...rest].sort().join(" ");
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const pairs = [...groups.entries()].filter(([key, list]) => {
    if (list.length !== 2) return false;
    // Nothing else carries the shared words: the two are the only candidates.
    return cat.withAll(key.split(" ").map(stem)).length === 2;
  });
  shuffled(pairs, ([key]) => key, "ambiguous")
    .slice(0, 3)
    .forEach(([, [a, b]], i) => {
      const shared = tokens(a.title)
        .filter((w) => !COLOURS.includes(w))
        .join(" ");
      out.push(
        script(`products/named/ambiguous-${i + 1}`, "products", [
          turn(
            phrase(["how much is the {name}?", "is the {name} in stock", "price of {name}"], i).replace(
              "{name}",
              shared,
            ),
            [understood(), asksWhichOne([a.id, b.id])],
          ),
        ]),
      );
    });

  // Follow-ups on the product in focus, and a switch to another named product.
  const chains = take(
    keyed.map((x) => x.p),
    6,
    "chain",
  );
  for (let i = 0; i + 1 < chains.length; i += 2) {
    const [p, q] = [chains[i], chains[i + 1]];
    out.push(
      script(`products/named/follow-up-${i / 2 + 1}`, "products", [
        turn(`${phrase(["hi do you have the", "looking for the", "got the"], i)} ${keyOf.get(p.id)!.join(" ")}?`, [
          understood(),
          firstProduct(p.id),
        ]),
        turn(phrase(["how much is it", "price?", "and how much is that"], i), [
          firstProduct(p.id),
          priceMention(cat.price(p)),
        ]),
        turn(phrase(["is it in stock?", "can I order it now", "is it available"], i), [
          firstProduct(p.id),
          statesStock(cat.inStock(p)),
        ]),
        turn(`and the ${keyOf.get(q.id)!.join(" ")}?`, [understood(), firstProduct(q.id)]),
      ]),
    );
  }

  // On a product page, "is it in stock?" is about that product.
  take(
    cat.products.filter((p) => keyOf.has(p.id)),
    2,
    "page",
  ).forEach((p, i) =>
    out.push(
      script(
        `products/named/on-product-page-${i + 1}`,
        "products",
        [
          turn(phrase(["is this in stock?", "how much is this one", "is it available?"], i), [
            understood(),
            firstProduct(p.id),
            i === 1 ? priceMention(cat.price(p)) : statesStock(cat.inStock(p)),
          ]),
        ],
        { page: { type: "product", productId: p.id } },
      ),
    ),
  );
  return out;
}

// ---- 2. Spelling -----------------------------------------------------------------------

interface Noun {
  noun: string;
  plural: string;
}

/**
 * Product nouns shoppers ask for; only those the catalog has several of in stock are used.
 * Each is checked as a word of the card's title, so nouns that some products carry only in
 * their type ("Choker with Bead" is a Necklace) are left out.
 */
const NOUNS: Noun[] = [
  ["mug", "mugs"],
  ["cushion", "cushions"],
  ["teapot", "teapots"],
  ["lantern", "lanterns"],
  ["clock", "clocks"],
  ["umbrella", "umbrellas"],
  ["bunting", "bunting"],
  ["doormat", "doormats"],
  ["candle", "candles"],
  ["notebook", "notebooks"],
  ["apron", "aprons"],
  ["plate", "plates"],
  ["bracelet", "bracelets"],
  ["earrings", "earrings"],
  ["purse", "purses"],
  ["basket", "baskets"],
  ["garland", "garlands"],
  ["jigsaw", "jigsaws"],
  ["cake stand", "cake stands"],
  ["hot water bottle", "hot water bottles"],
  ["doorstop", "doorstops"],
  ["mirror", "mirrors"],
  ["wreath", "wreaths"],
  ["tea towel", "tea towels"],
  ["calendar", "calendars"],
  ["coaster", "coasters"],
  ["ribbon", "ribbons"],
  ["magnet", "magnets"],
  ["lunch bag", "lunch bags"],
  ["lunch box", "lunch boxes"],
  ["chalkboard", "chalkboards"],
  ["photo frame", "photo frames"],
].map(([noun, plural]) => ({ noun, plural }));

function nounsOf(cat: Catalog, min = 4): Noun[] {
  return NOUNS.filter((n) => cat.satisfying({ titleIncludes: [n.noun] }).length >= min);
}

function spelling(cat: Catalog): Script[] {
  const out: Script[] = [];
  const asks = [
    "do you have any {w}?",
    "{w} pls",
    "looking for {w}",
    "got any {w}",
    "show me {w}",
    "i need some {w}",
    "{w}??",
  ];
  // Misspelt single-word nouns: a swap or a dropped letter.
  const single = shuffled(
    nounsOf(cat).filter((n) => !n.noun.includes(" ") && n.noun.length >= 6),
    (n) => n.noun,
    "spelling",
  );
  let i = 0;
  for (const n of single) {
    if (i >= 12) break;
    const suffix = n.plural.startsWith(n.noun) ? n.plural.slice(n.noun.length) : "";
    const typo = typoOf(cat, n.noun, `spelling:${n.noun}`, suffix);
    if (!typo) continue;
    i++;
    const c: Constraints = { titleIncludes: [n.noun] };
    const turns = [
      turn(
        phrase(asks, i).replace("{w}", typo.typo),
        [correctedTo(new RegExp(escapeRegExp(n.noun), "i")), showsProducts(1)],
        c,
      ),
    ];
    // Half go on with a refinement that keeps the corrected subject.
    if (i % 2 === 0) {
      const under = [2, 3, 5, 8, 10, 15].find(
        (max) =>
          cat.satisfying({ ...c, priceMax: max }).length >= 1 && cat.satisfying(c).some((p) => cat.price(p) > max),
      );
      if (under !== undefined)
        turns.push(
          turn(
            phrase(["under £{n}?", "any under {n} quid", "less than £{n} pls"], i).replace("{n}", String(under)),
            [showsProducts(1)],
            { ...c, priceMax: under },
          ),
        );
    }
    out.push(script(`products/spelling/${typo.kind}-${n.noun.replace(/ /g, "-")}`, "products", turns));
  }

  // Two words run together ("lunchboxes" for "lunch box"), only where the joined word is no
  // word of the shop and nothing else is near it.
  const vocabulary = [...cat.vocabulary];
  const compounds = nounsOf(cat).filter((n) => n.noun.split(" ").length === 2);
  for (const n of compounds) {
    const joined = n.plural.replace(/ /g, "");
    if (cat.vocabulary.has(joined) || vocabulary.some((v) => editDistance(joined, v) <= 2)) continue;
    const c: Constraints = { titleIncludes: [n.noun] };
    out.push(
      script(`products/spelling/run-together-${n.noun.replace(/ /g, "-")}`, "products", [
        turn(
          phrase(asks, out.length).replace("{w}", joined),
          [correctedTo(new RegExp(escapeRegExp(n.noun), "i")), showsProducts(1)],
          c,
        ),
      ]),
    );
  }
  return out;
}

// ---- 3. A new topic or a refinement ------------------------------------------------------

function topics(cat: Catalog): Script[] {
  const out: Script[] = [];
  const nouns = shuffled(nounsOf(cat, 5), (n) => n.noun, "topics");
  const colourOf = (n: Noun, salt: string) =>
    shuffled(
      COLOURS.filter((colour) => cat.satisfying({ titleIncludes: [n.noun], colour }).length >= 1),
      (c) => c,
      salt,
    )[0];
  const pairsOf = (k: number) => [nouns[k % nouns.length], nouns[(k * 7 + 3) % nouns.length]];

  // A new product noun, with a colour: a new search, not the old one in that colour.
  for (let k = 0; k < 4; k++) {
    const [first, second] = pairsOf(k);
    const colour = colourOf(second, `topic-colour-${k}`);
    if (first === second || !colour) continue;
    out.push(
      script(`products/topic/new-noun-with-colour-${k + 1}`, "products", [
        turn(
          phrase(["{p}", "do you have {p}", "show me {p} please"], k).replace("{p}", first.plural),
          [showsProducts(1)],
          { titleIncludes: [first.noun] },
        ),
        turn(
          phrase(["{c} {n}", "ok what about a {c} {n}", "{c} {n}?"], k)
            .replace("{c}", colour)
            .replace("{n}", second.noun),
          [showsProducts(1)],
          {
            titleIncludes: [second.noun],
            colour,
          },
        ),
      ]),
    );
  }
  // "and teapots?" / "got any cushions?" after a search.
  const switches = ["and {p}?", "got any {p}?", "what about {p}", "ok and {p}", "do you also do {p}"];
  for (let k = 0; k < 5; k++) {
    const [first, second] = pairsOf(k + 11);
    if (first === second) continue;
    out.push(
      script(`products/topic/new-noun-${k + 1}`, "products", [
        turn(
          phrase(["{p}", "i'm after some {p}", "have you got {p}"], k).replace("{p}", first.plural),
          [showsProducts(1)],
          { titleIncludes: [first.noun] },
        ),
        turn(phrase(switches, k).replace("{p}", second.plural), [understood(), showsProducts(1)], {
          titleIncludes: [second.noun],
        }),
      ]),
    );
  }
  // Refinements keep the subject: a colour, a budget, "cheaper".
  for (let k = 0; k < 4; k++) {
    const n = nouns[(k * 3 + 1) % nouns.length];
    const colour = colourOf(n, `refine-colour-${k}`);
    if (!colour) continue;
    out.push(
      script(`products/topic/refine-colour-${k + 1}`, "products", [
        turn(phrase(["{p}", "show me {p}", "any {p}?"], k).replace("{p}", n.plural), [showsProducts(1)], {
          titleIncludes: [n.noun],
        }),
        turn(
          phrase(["in {c}?", "and in {c}", "any in {c}", "{c} ones?", "do they come in {c}"], k).replace("{c}", colour),
          [showsProducts(1)],
          {
            titleIncludes: [n.noun],
            colour,
          },
        ),
      ]),
    );
  }
  for (let k = 0; k < 4; k++) {
    const n = nouns[(k * 5 + 2) % nouns.length];
    const all = cat.satisfying({ titleIncludes: [n.noun] });
    const max = [2, 3, 5, 8, 10, 15].find(
      (m) => cat.satisfying({ titleIncludes: [n.noun], priceMax: m }).length >= 1 && all.some((p) => cat.price(p) > m),
    );
    if (max === undefined) continue;
    out.push(
      script(`products/topic/refine-budget-${k + 1}`, "products", [
        turn(phrase(["{p}", "do you sell {p}", "{p} please"], k).replace("{p}", n.plural), [showsProducts(1)], {
          titleIncludes: [n.noun],
        }),
        turn(
          phrase(["under £{m}", "anything below {m} quid?", "less than {m} pounds?", "under {m}"], k).replace(
            "{m}",
            String(max),
          ),
          [showsProducts(1)],
          {
            titleIncludes: [n.noun],
            priceMax: max,
          },
        ),
      ]),
    );
  }
  for (let k = 0; k < 4; k++) {
    const n = nouns[(k * 2 + 4) % nouns.length];
    const prices = new Set(cat.satisfying({ titleIncludes: [n.noun] }).map((p) => cat.price(p)));
    if (prices.size < 3) continue;
    out.push(
      script(`products/topic/cheaper-${k + 1}`, "products", [
        turn(phrase(["show me {p}", "{p}", "have you got {p}"], k).replace("{p}", n.plural), [showsProducts(1)], {
          titleIncludes: [n.noun],
        }),
        turn(
          phrase(
            ["cheaper ones?", "anything cheaper", "got any cheaper ones", "something less expensive?", "cheaper pls"],
            k,
          ),
          [cheaperWhenThereIs(cat, n.plural, (p) => p.title.toLowerCase().includes(n.noun))],
          {
            titleIncludes: [n.noun],
          },
        ),
      ]),
    );
  }
  // A colour, then a new noun: the colour belonged to the old search.
  for (let k = 0; k < 3; k++) {
    const [first, second] = pairsOf(k + 21);
    const colour = colourOf(first, `colour-then-new-${k}`);
    if (first === second || !colour) continue;
    out.push(
      script(`products/topic/colour-then-new-noun-${k + 1}`, "products", [
        turn(first.plural, [showsProducts(1)], { titleIncludes: [first.noun] }),
        turn(`in ${colour}?`, [showsProducts(1)], { titleIncludes: [first.noun], colour }),
        turn(phrase(["and {p}?", "ok now {p}"], k).replace("{p}", second.plural), [understood(), showsProducts(1)], {
          titleIncludes: [second.noun],
        }),
      ]),
    );
  }
  // Nothing cheaper: every one of these costs the same.
  const samePrice = nounsOf(cat, 3).filter(
    (n) => new Set(cat.satisfying({ titleIncludes: [n.noun] }).map((p) => cat.price(p))).size === 1,
  );
  const phrases = [
    ...samePrice.map((n) => ({ noun: n.noun, plural: n.plural })),
    { noun: "paper chain kit", plural: "paper chain kits" },
  ].filter(
    (n) =>
      cat.satisfying({ titleIncludes: [n.noun] }).length >= 2 &&
      new Set(cat.satisfying({ titleIncludes: [n.noun] }).map((p) => cat.price(p))).size === 1,
  );
  phrases.slice(0, 3).forEach((n, k) =>
    out.push(
      script(`products/topic/nothing-cheaper-${n.noun.replace(/ /g, "-")}`, "products", [
        turn(`${n.plural}`, [showsProducts(1)], { titleIncludes: [n.noun] }),
        turn(phrase(["anything cheaper?", "cheaper ones", "any cheaper"], k), [noProducts(), says(NOTHING_CHEAPER)], {
          titleIncludes: [n.noun],
        }),
      ]),
    ),
  );
  // After "red mug", the lunch bags are forgotten (the issue's own case).
  const mug = cat.satisfying({ titleIncludes: ["mug"], colour: "red" }).length >= 1;
  if (mug)
    out.push(
      script("products/topic/lunch-bag-then-red-mug", "products", [
        turn("lunch bag", [showsProducts(1)], { titleIncludes: ["lunch bag"] }),
        turn("red mug", [showsProducts(1)], { titleIncludes: ["mug"], colour: "red" }),
        turn("and teapots?", [understood(), showsProducts(1)], { titleIncludes: ["teapot"] }),
      ]),
    );
  return out;
}

// ---- 8. Things the shop does not sell ----------------------------------------------------

function notSold(cat: Catalog): Script[] {
  const haystack = cat.world.products
    .map((p) => `${p.title} ${p.productType} ${p.tags.join(" ")} ${p.descriptionHtml}`.toLowerCase())
    .join("\n");
  const absent = (words: string) => words.split(" ").every((w) => !new RegExp(`\\b${w}`).test(haystack));
  const asks: [string, string][] = [
    ["laptop", "do you sell laptops?"],
    ["television", "have you got televisions"],
    ["mattress", "i need a new mattress"],
    ["printer ink", "looking for printer ink"],
    ["lawnmower", "any lawnmowers?"],
    ["smartphone", "do you have smartphones"],
    ["playstation", "do you sell playstation games"],
    ["kettle", "do you sell kettles"],
    ["toaster", "can i buy a toaster here"],
    ["suitcase", "have u got suitcases"],
  ];
  const out: Script[] = [];
  asks
    .filter(([word]) => absent(word))
    .forEach(([word, say], i) => {
      const turns = [turn(say, [noProducts(), says(NOT_SOLD), doesNotSay(NEVER_SOLD_AS_OUT_OF_STOCK)])];
      // Some go on to something the shop does sell: a fresh search, not a refusal.
      if (i % 3 === 0) {
        const n = nounsOf(cat)[i % nounsOf(cat).length];
        turns.push(turn(`ok, what about ${n.plural}?`, [understood(), showsProducts(1)], { titleIncludes: [n.noun] }));
      }
      out.push(script(`products/not-sold/${word.replace(/ /g, "-")}`, "products", turns));
    });
  // And the contrast: "do you sell X?" for what it does sell is a search.
  nounsOf(cat)
    .slice(0, 3)
    .forEach((n, i) =>
      out.push(
        script(`products/not-sold/control-${n.noun.replace(/ /g, "-")}`, "products", [
          turn(
            phrase(["do you sell {p}?", "do you stock {p}", "do you carry {p}?"], i).replace("{p}", n.plural),
            [understood(), showsProducts(1), doesNotSay(NOT_SOLD)],
            {
              titleIncludes: [n.noun],
            },
          ),
        ]),
      ),
    );
  return out;
}

// ---- Products that work today ----------------------------------------------------------

function ordinaryProducts(cat: Catalog): Script[] {
  const out: Script[] = [];
  out.push(
    script("products/ordinary/alarm-clocks", "products", [
      turn("show me alarm clocks", [showsProducts(1)], { titleIncludes: ["alarm clock"] }),
    ]),
    script("products/ordinary/bags-under-2", "products", [
      turn("Do you have any bags under £2?", [showsProducts(1)], { priceMax: 2, titleIncludes: ["bag"] }),
    ]),
    script("products/ordinary/second-one-in-stock", "products", [
      turn("do you have any cushions?", [showsProducts(2)], { titleIncludes: ["cushion"] }),
      turn("is the second one in stock?", [firstIsShown(1)]),
    ]),
    script("products/ordinary/first-one-price", "products", [
      turn("show me teapots", [showsProducts(2)], { titleIncludes: ["teapot"] }),
      turn("how much is the first one?", [firstIsShown(0)]),
    ]),
  );
  const cakestand = cat.products.find((p) => /regency cakestand 3 tier/i.test(p.title));
  if (cakestand)
    out.push(
      script("products/ordinary/returns-for-it", "products", [
        turn("show me the regency cakestand", [showsProduct(cakestand.id)]),
        turn("what about returns for it?", [citesSource(/^Refund policy/), says("30 days")]),
      ]),
    );
  return out;
}

// ---- 7. Budgets, occasions and recipients ---------------------------------------------------

function budgets(cat: Catalog): Script[] {
  const out: Script[] = [];
  const forms: { say: string; c: Constraints }[] = [
    { say: "{p} under 3 quid", c: { priceMax: 3 } },
    { say: "{p} below 5 quid", c: { priceMax: 5 } },
    { say: "{p} £3-£6", c: { priceMin: 3, priceMax: 6 } },
    { say: "{p} no more than 10 pounds", c: { priceMax: 10 } },
    { say: "{p} under a fiver", c: { priceMax: 5 } },
    { say: "any {p} for less than a tenner?", c: { priceMax: 10 } },
    { say: "{p} up to £4", c: { priceMax: 4 } },
    { say: "{p} between 2 and 4 pounds", c: { priceMin: 2, priceMax: 4 } },
    { say: "{p} for £2 or less", c: { priceMax: 2 } },
    { say: "{p} max 8 quid", c: { priceMax: 8 } },
    { say: "i want {p}, budget is £6", c: { priceMax: 6 } },
    { say: "{p} under £2.50", c: { priceMax: 2.5 } },
  ];
  const nouns = shuffled(nounsOf(cat), (n) => n.noun, "budgets");
  const used = new Set<string>();
  let k = 0;
  for (const form of forms) {
    k++;
    // A noun for which the budget both keeps and leaves out products: it has to be applied.
    const n = nouns.find((candidate) => {
      const c = { ...form.c, titleIncludes: [candidate.noun] };
      return (
        !used.has(candidate.noun) &&
        cat.satisfying(c).length >= 1 &&
        cat.satisfying({ titleIncludes: [candidate.noun] }).some((p) => violation(p, cat.price(p), c) !== null)
      );
    });
    if (!n) continue;
    used.add(n.noun);
    const c = { ...form.c, titleIncludes: [n.noun] };
    out.push(
      script(`recommendations/budget/${k}-${n.noun.replace(/ /g, "-")}`, "recommendations", [
        turn(form.say.replace("{p}", n.plural), [understood(), showsProducts(1)], c),
      ]),
    );
  }
  // The case: paper chain kits, under 3 quid.
  if (cat.satisfying({ titleIncludes: ["paper chain kit"], priceMax: 3 }).length)
    out.push(
      script("recommendations/budget/paper-chain-kit-under-3-quid", "recommendations", [
        turn("paper chain kit under 3 quid", [understood(), showsProducts(1)], {
          titleIncludes: ["paper chain kit"],
          priceMax: 3,
        }),
      ]),
    );
  // A budget stated first, then the subject; and a budget said twice in a conversation.
  out.push(
    script("recommendations/budget/budget-then-subject", "recommendations", [
      turn("i've got about 5 quid to spend", [understood()]),
      turn("something for the kitchen", [understood(), showsProducts(1)], { priceMax: 5 }),
    ]),
    script("recommendations/budget/gift-under-a-fiver", "recommendations", [
      turn("gift ideas under a fiver?", [understood(), showsProducts(1)], { priceMax: 5 }),
      turn("cheaper ones", [cheaperWhenThereIs(cat, "products", () => true)], { priceMax: 5 }),
    ]),
  );
  // "cheap": no figure, so the lower half of what the catalog has of it.
  for (const n of shuffled(nounsOf(cat, 6), (x) => x.noun, "cheap").slice(0, 3)) {
    const prices = cat
      .satisfying({ titleIncludes: [n.noun] })
      .map((p) => cat.price(p))
      .sort((a, b) => a - b);
    const median = prices[Math.floor(prices.length / 2)];
    out.push(
      script(`recommendations/budget/cheap-${n.noun.replace(/ /g, "-")}`, "recommendations", [
        turn(
          `cheap ${n.plural}`,
          [understood(), showsProducts(1), pricesAtMost(median, `the median price of ${n.plural}`)],
          {
            titleIncludes: [n.noun],
          },
        ),
      ]),
    );
  }
  return out;
}

const CHILDRENS =
  /\b(child|children|childrens|childs|kids?|baby|toy|toys|game|games|jigsaw|doll|dolls|puppet|spaceboy|dolly)\b/i;
const forAChild = (p: FakeProduct) =>
  p.productType === "Toys & Games" || CHILDRENS.test(`${p.title} ${p.tags.join(" ")} ${p.descriptionHtml}`);
const adultOnly = (p: FakeProduct) =>
  !/necklace|bracelet|earrings|\bcard\b|wine|shot glass|ashtray/i.test(p.title) &&
  !["Necklace", "Bracelet", "Earrings", "Jewellery & Accessories"].includes(p.productType);

function occasions(cat: Catalog): Script[] {
  const child = (say: string, id: string, extra: Check[] = [], c?: Constraints) =>
    script(`recommendations/occasion/${id}`, "recommendations", [
      turn(
        say,
        [understood(), showsProducts(1), everyProduct("for a child", (p) => forAChild(p) && adultOnly(p)), ...extra],
        c,
      ),
    ]);
  const notForChildren = everyProduct(
    "for a grown-up",
    (p) => !/\b(child|children|childrens|childs|kids?|baby)\b/i.test(p.title),
  );
  const ofTypes = (describe: string, types: string[], words: RegExp) =>
    everyProduct(describe, (p) => types.includes(p.productType) || words.test(p.title));
  return [
    child("a present for a 5 year old", "present-5-year-old"),
    child("what can i get for my nephew he's 7", "nephew-7"),
    child("gift for a toddler", "toddler"),
    child("something for a kids party bag under 2 quid", "kids-party-bag-under-2", [], { priceMax: 2 }),
    child("birthday present for a little girl", "little-girl"),
    child("toys for a 10 year old boy", "boy-10"),
    script("recommendations/occasion/gran", "recommendations", [
      turn("something for my gran", [understood(), showsProducts(1), notForChildren]),
    ]),
    script("recommendations/occasion/grandad-under-10", "recommendations", [
      turn("gift for my grandad, under £10", [understood(), showsProducts(1), notForChildren], { priceMax: 10 }),
    ]),
    script("recommendations/occasion/gardener", "recommendations", [
      turn("present for someone who loves gardening", [
        understood(),
        showsProducts(1),
        ofTypes("for the garden", ["Garden", "Outdoor"], /garden|plant|watering|trowel|seed|flower ?pot|herb/i),
      ]),
    ]),
    script("recommendations/occasion/tea-lover", "recommendations", [
      turn("gift for a tea lover", [
        understood(),
        showsProducts(1),
        everyProduct("for tea", (p) => /\btea|teapot|teacup|mug|cup\b|saucer/i.test(p.title)),
      ]),
    ]),
    script("recommendations/occasion/christmas-decorations-under-5", "recommendations", [
      turn(
        "christmas decorations under £5",
        [
          understood(),
          showsProducts(1),
          ofTypes("for Christmas", ["Christmas"], /christmas|xmas|advent|santa|reindeer|snowflake|tree/i),
        ],
        {
          priceMax: 5,
        },
      ),
    ]),
    script("recommendations/occasion/kids-then-cheaper", "recommendations", [
      turn("present for a 6 year old", [
        understood(),
        showsProducts(1),
        everyProduct("for a child", (p) => forAChild(p) && adultOnly(p)),
      ]),
      turn("cheaper ones?", [
        cheaperWhenThereIs(cat, "things for a child", (p) => forAChild(p) && adultOnly(p)),
        everyProduct("for a child", (p) => forAChild(p) && adultOnly(p)),
      ]),
    ]),
  ];
}

function ordinaryRecommendations(): Script[] {
  const reasons: Check = (reply) =>
    (reply.products ?? []).every((p) => p.available && p.reason?.text) ? null : "a card without a reason, or sold out";
  return [
    script("recommendations/ordinary/what-would-you-recommend", "recommendations", [
      turn("what would you recommend?", [showsProducts(1), reasons]),
    ]),
    script("recommendations/ordinary/bestsellers", "recommendations", [
      turn("what are your best sellers", [understood(), showsProducts(1)]),
    ]),
    script("recommendations/ordinary/recommend-then-under-3", "recommendations", [
      turn("any recommendations?", [showsProducts(1)]),
      turn("under 3 quid?", [showsProducts(1)], { priceMax: 3 }),
    ]),
  ];
}

// ---- 4 and 5. Orders ---------------------------------------------------------------------

const COUNTRY_WORDS: Record<string, string[]> = {
  GB: ["the uk"],
  DE: ["germany"],
  FR: ["france"],
  ES: ["spain"],
  IT: ["italy"],
  IE: ["ireland"],
  NL: ["the netherlands", "holland"],
  BE: ["belgium"],
  PT: ["portugal"],
  AT: ["austria"],
  DK: ["denmark"],
  SE: ["sweden"],
  FI: ["finland"],
  PL: ["poland"],
  GR: ["greece"],
  CY: ["cyprus"],
  CH: ["switzerland"],
  NO: ["norway"],
  US: ["the us", "america", "the states"],
  CA: ["canada"],
  AU: ["australia"],
};

function itemsCheck(order: FakeOrder): Check {
  const listed = order.lineItems.slice(0, 10).map((l) => ({ title: l.title, quantity: l.quantity }));
  return order.lineItems.length > 10 ? listsItems([], order.lineItems.length - 10) : listsItems(listed);
}

function deliveryChecks(order: FakeOrder, orders: Orders): Check[] {
  const window = orders.delivery(order);
  if (!window)
    return [
      aboutOrder(order.name),
      noDeliveryEstimate(),
      says(/(\bno\b|\bnot\b|n't)[^.]*\b(times?|estimat\w*)/i),
      noHandoff(),
    ];
  return [aboutOrder(order.name), estimatesDelivery(window.earliest, window.latest), says(/estimat/i), noHandoff()];
}

function changeChecks(order: FakeOrder): Check[] {
  return shipped(order)
    ? [aboutOrder(order.name), says(/shipped|dispatched|on its way/i), says(/return/i)]
    : [aboutOrder(order.name), handsOff("any")];
}

function loggedIn(orders: Orders): Script[] {
  const out: Script[] = [];
  const listable = orders.latest.filter((o) => o.lineItems.length <= 10 && uniqueItemTitles(o));
  const pick = (list: FakeOrder[], salt: string, n: number) => shuffled(list, (o) => o.id, salt).slice(0, n);
  const where = [
    "where's my order?",
    "where is my order",
    "has my order shipped yet?",
    "any news on my order",
    "wheres my parcel",
    "status of my last order pls",
  ];
  const used = new Set<string>();
  const fresh = (list: FakeOrder[]) => list.filter((o) => !used.has(o.id));

  // Where is it, then what's in it.
  pick(fresh(listable.filter(shipped)), "in-it", 4).forEach((o, i) => {
    used.add(o.id);
    out.push(
      script(
        `orders/order-followup/logged-in-whats-in-it-${i + 1}`,
        "orders",
        [
          turn(phrase(where, i), [showsOrder(o.name), noHandoff()]),
          turn(
            phrase(["what's in it?", "whats in that order", "what did i order again?", "which items are in it"], i),
            [itemsCheck(o), noHandoff()],
          ),
        ],
        { customerId: customerNumber(o) },
      ),
    );
  });
  // An order of many items: ten listed, then how many more.
  pick(fresh(orders.latest.filter((o) => o.lineItems.length > 12)), "many-items", 1).forEach((o, i) => {
    used.add(o.id);
    out.push(
      script(
        `orders/order-followup/logged-in-many-items-${i + 1}`,
        "orders",
        [turn(phrase(where, i + 2), [showsOrder(o.name)]), turn("what's in it?", [itemsCheck(o), noHandoff()])],
        { customerId: customerNumber(o) },
      ),
    );
  });
  // When will it arrive: by destination, shipped and not yet shipped.
  const destinations: [string, (o: FakeOrder) => boolean, number][] = [
    ["uk-shipped", (o) => o.shippingCountry === "GB" && shipped(o), 2],
    ["uk-unshipped", (o) => o.shippingCountry === "GB" && !shipped(o), 2],
    ["eu-shipped", (o) => !!o.shippingCountry && EU.has(o.shippingCountry) && shipped(o), 2],
    ["eu-unshipped", (o) => !!o.shippingCountry && EU.has(o.shippingCountry) && !shipped(o), 2],
    ["switzerland-norway", (o) => ["CH", "NO"].includes(o.shippingCountry ?? ""), 1],
    ["australia", (o) => o.shippingCountry === "AU", 1],
    ["united-states", (o) => o.shippingCountry === "US", 1],
    ["unlisted-destination", (o) => ["JP", "SG", "IS", "ZA"].includes(o.shippingCountry ?? ""), 2],
  ];
  const arrive = [
    "when will it arrive?",
    "when will it get here",
    "when should i expect it",
    "how long till it arrives?",
  ];
  for (const [name, test, n] of destinations) {
    pick(fresh(orders.latest.filter(test)), `arrive-${name}`, n).forEach((o, i) => {
      used.add(o.id);
      out.push(
        script(
          `orders/order-followup/logged-in-arrival-${name}-${i + 1}`,
          "orders",
          [
            turn(phrase(where, i + name.length), [showsOrder(o.name)]),
            turn(phrase(arrive, i + name.length), deliveryChecks(o, orders)),
          ],
          { customerId: customerNumber(o) },
        ),
      );
    });
  }
  // Asked straight away, without a first question.
  pick(fresh(orders.latest.filter((o) => o.shippingCountry === "GB")), "arrive-direct", 1).forEach((o, i) => {
    used.add(o.id);
    out.push(
      script(
        `orders/order-followup/logged-in-when-will-my-order-arrive-${i + 1}`,
        "orders",
        [
          turn(phrase(["when will my order arrive?", "when is my order going to be delivered"], i), [
            showsOrder(o.name),
            ...deliveryChecks(o, orders),
          ]),
        ],
        { customerId: customerNumber(o) },
      ),
    );
  });
  // Tracking again.
  pick(fresh(orders.latest.filter(shipped)), "tracking", 2).forEach((o, i) => {
    used.add(o.id);
    out.push(
      script(
        `orders/order-followup/logged-in-tracking-${i + 1}`,
        "orders",
        [
          turn(phrase(where, i + 1), [showsOrder(o.name)]),
          turn(phrase(["send the tracking link again", "can i have the tracking number?", "tracking link pls"], i), [
            aboutOrder(o.name),
            showsTracking(trackingNumber(o)!),
            noHandoff(),
          ]),
        ],
        { customerId: customerNumber(o) },
      ),
    );
  });
  // Can I still change it: not yet shipped (a person can), shipped (a return is the way).
  [
    ...pick(fresh(orders.latest.filter((o) => !shipped(o))), "change-unshipped", 2),
    ...pick(fresh(orders.latest.filter(shipped)), "change-shipped", 2),
  ].forEach((o, i) => {
    used.add(o.id);
    out.push(
      script(
        `orders/order-followup/logged-in-change-${shipped(o) ? "shipped" : "unshipped"}-${i + 1}`,
        "orders",
        [
          turn(phrase(where, i + 3), [showsOrder(o.name)]),
          turn(
            phrase(["can I still change it?", "can i still change my order", "is it too late to change it"], i),
            changeChecks(o),
          ),
        ],
        { customerId: customerNumber(o) },
      ),
    );
  });
  // A longer conversation: status, items, arrival, thanks.
  pick(fresh(listable.filter((o) => orders.delivery(o))), "long", 1).forEach((o, i) => {
    used.add(o.id);
    out.push(
      script(
        `orders/order-followup/logged-in-long-${i + 1}`,
        "orders",
        [
          turn(phrase(["hi", "hello"], i), [resolved(), noHandoff()]),
          turn(phrase(where, i + 4), [showsOrder(o.name)]),
          turn("what's in it?", [itemsCheck(o)]),
          turn("when will it arrive?", deliveryChecks(o, orders)),
          turn("thanks!", [resolved(), noHandoff()]),
        ],
        { customerId: customerNumber(o) },
      ),
    );
  });
  // Never another customer's order.
  pick(orders.latest, "someone-else", 1).forEach((o, i) => {
    const other = shuffled(
      orders.withEmail.filter((x) => x.customerId !== o.customerId),
      (x) => x.id,
      `other-${o.id}`,
    )[0];
    out.push(
      script(
        `orders/ordinary/logged-in-someone-elses-order-${i + 1}`,
        "orders",
        [turn(`what's the status of order ${other.name}?`, [noOrder(), doesNotSay(other.lineItems[0].title)])],
        { customerId: customerNumber(o) },
      ),
    );
  });
  return out;
}

function guests(orders: Orders): Script[] {
  const out: Script[] = [];
  const used = new Set<string>();
  const pick = (test: (o: FakeOrder) => boolean, salt: string, n: number) => {
    const list = shuffled(
      orders.withEmail.filter((o) => test(o) && !used.has(o.id)),
      (o) => o.id,
      salt,
    ).slice(0, n);
    for (const o of list) used.add(o.id);
    return list;
  };
  const askFor = (o: FakeOrder, i: number) =>
    phrase(
      [
        "where is my order {n}?",
        "where's order #{n}",
        "has {n} shipped",
        "order {n} status pls",
        "tracking for order number {n}",
      ],
      i,
    ).replace("{n}", numberOf(o));
  const wrongEmail = (o: FakeOrder, i: number) =>
    phrase(
      [
        `${o.email!.replace("@", "1@")}`,
        `my email is someone.else@example.com`,
        `${o.email!.slice(1)}`,
        `${o.email!.replace("example.com", "exmaple.com")}`,
      ],
      i,
    );
  const itWasFound = (o: FakeOrder) => [showsOrder(o.name), noHandoff()];

  // The number, then the email asked for.
  pick((o) => o.lineItems.length <= 10 && uniqueItemTitles(o) && shipped(o), "guest-basic", 2).forEach((o, i) =>
    out.push(
      script(`orders/order-followup/guest-whats-in-it-${i + 1}`, "orders", [
        turn(askFor(o, i), [noOrder(), says(/email/i)]),
        turn(phrase([o.email!, `it's ${o.email}`, `email: ${o.email!.toUpperCase()}`], i), itWasFound(o)),
        turn(phrase(["what's in it?", "what was in that order", "what items?"], i), [itemsCheck(o), noHandoff()]),
      ]),
    ),
  );
  // Everything in one message, then a follow-up about arrival or tracking.
  pick((o) => orders.delivery(o) !== null && o.shippingCountry !== "GB", "guest-arrival", 2).forEach((o, i) =>
    out.push(
      script(`orders/order-followup/guest-arrival-${i + 1}`, "orders", [
        turn(`order ${numberOf(o)}, email ${o.email}`, itWasFound(o)),
        turn(
          phrase(["when will it arrive?", "when's it going to get here?", "how long will delivery take"], i),
          deliveryChecks(o, orders),
        ),
      ]),
    ),
  );
  pick(shipped, "guest-tracking", 1).forEach((o, i) =>
    out.push(
      script(`orders/order-followup/guest-tracking-${i + 1}`, "orders", [
        turn(`Status of order ${numberOf(o)} please, email ${o.email}`, itWasFound(o)),
        turn(phrase(["send the tracking link again", "what's the tracking number"], i), [
          showsTracking(trackingNumber(o)!),
          noHandoff(),
        ]),
      ]),
    ),
  );
  pick((o) => !shipped(o), "guest-change", 1).forEach((o) =>
    out.push(
      script("orders/order-followup/guest-change-unshipped", "orders", [
        turn(`my order is ${o.name} and my email is ${o.email}`, itWasFound(o)),
        turn("can I still change it?", changeChecks(o)),
      ]),
    ),
  );

  // 5. A wrong email, then the right one: the question survives the mistake.
  pick(shipped, "verify-wrong-right", 4).forEach((o, i) =>
    out.push(
      script(`orders/verification/wrong-then-right-${i + 1}`, "orders", [
        turn(askFor(o, i + 1), [noOrder()]),
        turn(wrongEmail(o, i), [noOrder()]),
        turn(
          phrase(
            [o.email!, `sorry, it's ${o.email}`, `try ${o.email}`, `oops i meant ${o.email}`, `${o.email} sorry`],
            i,
          ),
          itWasFound(o),
        ),
      ]),
    ),
  );
  pick(() => true, "verify-two-wrong", 1).forEach((o, i) =>
    out.push(
      script(`orders/verification/two-wrong-then-right-${i + 1}`, "orders", [
        turn(askFor(o, i + 2), [noOrder()]),
        turn(wrongEmail(o, i), [noOrder()]),
        turn(wrongEmail(o, i + 1), [noOrder()]),
        turn(o.email!, [showsOrder(o.name)]),
      ]),
    ),
  );
  pick(() => true, "verify-wrong-in-one", 1).forEach((o, i) =>
    out.push(
      script(`orders/verification/wrong-in-one-message-then-right-${i + 1}`, "orders", [
        turn(`where is order ${o.name}? email ${wrongEmail(o, i + 2)}`, [noOrder()]),
        turn(phrase([`sorry wrong email, it's ${o.email}`, `${o.email}`], i), [showsOrder(o.name)]),
      ]),
    ),
  );
  pick(() => true, "verify-three-wrong", 1).forEach((o, i) =>
    out.push(
      script(`orders/verification/three-wrong-${i + 1}`, "orders", [
        turn(askFor(o, i + 3), [noOrder()]),
        turn(wrongEmail(o, 0), [noOrder()]),
        turn(wrongEmail(o, 1), [noOrder()]),
        turn(wrongEmail(o, 2), [noOrder(), handsOff("offered")]),
        turn(o.email!, [noOrder()]),
      ]),
    ),
  );
  pick(() => true, "verify-no-such-order", 1).forEach((o) =>
    out.push(
      script("orders/verification/no-such-order", "orders", [
        turn(`where is order #999999999? my email is ${o.email}`, [noOrder()]),
      ]),
    ),
  );
  return out;
}

// ---- 6. Policies: the passage that answers ---------------------------------------------

function policies(facts: PolicyFacts): Script[] {
  const out: Script[] = [];
  const range = (r: Region) => says(new RegExp(`${r.min}\\s*(-|–|to)\\s*${r.max}`));
  const costAsks = [
    "what does shipping to {c} cost?",
    "how much is postage to {c}",
    "how much does it cost to ship to {c}?",
    "shipping cost to {c}?",
    "how much to send an order to {c}",
  ];
  const timeAsks = [
    "how long does delivery to {c} take?",
    "how many days to ship to {c}",
    "how long will it take to get to {c}",
    "delivery time for {c}?",
  ];
  const costCountries = ["AU", "DE", "FR", "US", "CA", "CH", "ES", "IE"];
  costCountries.forEach((code, i) => {
    const r = facts.regionOf(code)!;
    const words = COUNTRY_WORDS[code];
    out.push(
      script(`policies/passage/shipping-cost-${code.toLowerCase()}`, "policies", [
        turn(phrase(costAsks, i).replace("{c}", phrase(words, i)), [
          says(r.cost),
          doesNotSay(facts.uk.cost),
          citesSource(/^Shipping policy: International delivery/),
        ]),
      ]),
    );
  });
  ["AU", "US", "PT", "CA"].forEach((code, i) => {
    const r = facts.regionOf(code)!;
    out.push(
      script(`policies/passage/shipping-time-${code.toLowerCase()}`, "policies", [
        turn(phrase(timeAsks, i).replace("{c}", phrase(COUNTRY_WORDS[code], i + 1)), [
          range(r),
          citesSource(/^Shipping policy: International delivery/),
        ]),
      ]),
    );
  });
  out.push(
    script("policies/passage/shipping-cost-uk", "policies", [
      turn("how much is uk postage?", [says(facts.uk.cost), citesSource(/^Shipping policy: UK delivery/)]),
    ]),
    script("policies/passage/shipping-time-uk", "policies", [
      turn("how long does standard delivery take in the uk", [
        range(facts.uk),
        citesSource(/^Shipping policy: UK delivery/),
      ]),
    ]),
    script("policies/passage/free-delivery", "policies", [
      turn("do you do free delivery?", [says(facts.uk.freeOver), citesSource(/^Shipping policy: UK delivery/)]),
    ]),
    script("policies/passage/express", "policies", [
      turn("how much is express delivery", [says(facts.express), citesSource(/^Shipping policy: UK delivery/)]),
    ]),
    script("policies/passage/follow-up-country", "policies", [
      turn("how much does it cost to ship to germany?", [says(facts.regionOf("DE")!.cost), doesNotSay(facts.uk.cost)]),
      turn("and to australia?", [says(facts.regionOf("AU")!.cost)]),
      turn("how long does that take?", [range(facts.regionOf("AU")!)]),
    ]),
    script("policies/passage/where-do-you-ship", "policies", [
      turn("which countries do you ship to", [
        says(/Switzerland/),
        says(/Australia/),
        citesSource(/^Shipping policy: Where we ship/),
      ]),
    ]),
    script("policies/passage/import-duties", "policies", [
      turn("will i have to pay import duties in norway?", [
        says(fact(facts.section("Shipping policy", "International delivery"), /(paid by the recipient)/)),
        citesSource(/^Shipping policy: International delivery/),
      ]),
    ]),
    script("policies/passage/dispatch", "policies", [
      turn("how quickly do you dispatch orders?", [
        says(fact(facts.section("Shipping policy", "Processing time"), /within (\d+ business day)/)),
        citesSource(/^Shipping policy: Processing time/),
      ]),
    ]),
  );

  const refunds = facts.section("Refund policy", "Refunds");
  const returns = facts.section("Refund policy", "Returns");
  const howTo = facts.section("Refund policy", "How to start a return");
  const damaged = facts.section("Refund policy", "Damaged or wrong items");
  const exchanges = facts.section("Refund policy", "Exchanges");
  const refundDays = fact(refunds, /within (\d+ business days)/);
  ["when do I get my money back?", "how long does a refund take", "when will i be refunded"].forEach((say, i) =>
    out.push(
      script(`policies/passage/money-back-${i + 1}`, "policies", [
        turn(say, [says(refundDays), citesSource(/^Refund policy: Refunds/)]),
      ]),
    ),
  );
  out.push(
    script("policies/passage/return-window", "policies", [
      turn("how long do i have to return something?", [
        says(fact(returns, /within (\d+ days) of delivery/)),
        citesSource(/^Refund policy: Returns/),
      ]),
    ]),
    script("policies/passage/how-to-return", "policies", [
      turn("how do i send something back", [
        says(fact(howTo, /Email (\S+@\S+\.example)/)),
        citesSource(/^Refund policy: How to start a return/),
      ]),
    ]),
    script("policies/passage/return-postage-abroad", "policies", [
      turn("do i have to pay return postage from france?", [
        says(/outside the UK pay for return postage/i),
        citesSource(/^Refund policy: How to start a return/),
      ]),
    ]),
    script("policies/passage/personalised", "policies", [
      turn("can personalised items be returned?", [
        says(/Personalised items[^.]*cannot be returned/i),
        citesSource(/^Refund policy: Returns/),
      ]),
    ]),
    script("policies/passage/damaged", "policies", [
      turn("what happens if something arrives damaged?", [
        says(fact(damaged, /within (\d+ days)/)),
        citesSource(/^Refund policy: Damaged or wrong items/),
      ]),
    ]),
    script("policies/passage/exchange", "policies", [
      turn("can i swap it for a different one?", [
        says(fact(exchanges, /(do not swap items directly)/)),
        citesSource(/^Refund policy: Exchanges/),
      ]),
    ]),
    script("policies/passage/returns-then-money-back", "policies", [
      turn("whats your returns policy", [says(fact(returns, /within (\d+ days) of delivery/))]),
      turn("and when do i get the money back?", [says(refundDays)]),
    ]),
  );

  const terms = facts.section("Terms of service", null);
  const privacy = facts.section("Privacy policy", null);
  const contact = facts.section("Contact information", null);
  const vat = fact(terms, /(Prices include UK VAT)/);
  out.push(
    script("policies/passage/vat", "policies", [
      turn("is VAT included?", [understood(), says(vat), citesSource(/^Terms of service/)]),
    ]),
    script("policies/passage/vat-typo", "policies", [
      turn("do ur prices include vat", [understood(), says(vat), citesSource(/^Terms of service/)]),
    ]),
    script("policies/passage/sell-my-data", "policies", [
      turn("do you sell my data?", [says(fact(privacy, /(We do not sell your data)/)), citesSource(/^Privacy policy/)]),
    ]),
    script("policies/passage/chat-retention", "policies", [
      turn("how long do you keep chat conversations?", [
        says(fact(privacy, /for (\d+ days)/)),
        citesSource(/^Privacy policy/),
      ]),
    ]),
    script("policies/passage/phone", "policies", [
      turn("what's your phone number", [says(fact(contact, /call (\+[\d ]+\d)/)), citesSource(/^Contact information/)]),
    ]),
    script("policies/passage/opening-hours", "policies", [
      turn("what are your opening hours?", [
        says(fact(contact, /(\d+:\d\d-\d+:\d\d)/)),
        citesSource(/^Contact information/),
      ]),
    ]),
    script("policies/passage/where-based", "policies", [
      turn("where are you based?", [says(fact(contact, /(Bristol)/)), citesSource(/^Contact information/)]),
    ]),
  );
  return out;
}

// ---- Handoff, out of scope, small talk -----------------------------------------------------

function handoffs(): Script[] {
  const requested = [
    "I want to talk to a real person",
    "can i speak to a human pls",
    "get me an agent",
    "is there a real person i can talk to?",
  ];
  const complaints = [
    "this is ridiculous, my order arrived smashed and i want to make a complaint",
    "worst service ever, i'm really unhappy and want to complain",
  ];
  return [
    ...requested.map((say, i) =>
      script(`handoff/ordinary/requested-${i + 1}`, "handoff", [turn(say, [handsOff("requested")])]),
    ),
    ...complaints.map((say, i) =>
      script(`handoff/ordinary/complaint-${i + 1}`, "handoff", [turn(say, [handsOff("complaint")])]),
    ),
    script("handoff/ordinary/two-misunderstandings", "handoff", [
      turn("how tall is mount everest", [intentIs(null)]),
      turn("who won the football last night", [handsOff("misunderstood")]),
    ]),
    script("handoff/ordinary/after-a-search", "handoff", [
      turn("show me teapots", [showsProducts(1)], { titleIncludes: ["teapot"] }),
      turn("actually can I talk to someone", [handsOff("requested")]),
    ]),
  ];
}

function outOfScope(): Script[] {
  const asks = [
    "what's the weather in Paris?",
    "What's the capital of Australia?",
    "can you write me a poem about cats",
    "who is the prime minister",
    "how do i fix my car's brakes",
    "recommend a good film to watch tonight",
  ];
  return asks.map((say, i) =>
    script(`out_of_scope/ordinary/${i + 1}`, "out_of_scope", [
      turn(say, [intentIs(null), handsOff("offered"), noProducts(), noOrder()]),
    ]),
  );
}

function smallTalk(): Script[] {
  const ok = [resolved(), noHandoff(), noProducts(), understood()];
  return [
    ...["hi", "hello there!", "good morning"].map((say, i) =>
      script(`small_talk/ordinary/greeting-${i + 1}`, "small_talk", [turn(say, ok)]),
    ),
    script("small_talk/ordinary/thanks-bye", "small_talk", [turn("thanks a lot", ok), turn("bye", ok)]),
    script("small_talk/ordinary/cheers", "small_talk", [turn("hello", ok), turn("cheers mate", ok)]),
    script("small_talk/ordinary/after-answer", "small_talk", [
      turn("do you ship to france?", [says(/European Union|EU/), citesSource(/^Shipping policy/)]),
      turn("great thank you", ok),
      turn("goodbye", ok),
    ]),
  ];
}

// ---- The set ------------------------------------------------------------------------------

export const dev: ScriptSet = (world) => {
  const cat = catalogOf(world);
  const facts = policyFacts(world);
  const orders = ordersOf(world, facts);
  const used = new Set<string>();
  return [
    ...namedProducts(cat, used),
    ...spelling(cat),
    ...topics(cat),
    ...notSold(cat),
    ...ordinaryProducts(cat),
    ...budgets(cat),
    ...occasions(cat),
    ...ordinaryRecommendations(),
    ...loggedIn(orders),
    ...guests(orders),
    ...policies(facts),
    ...handoffs(),
    ...outOfScope(),
    ...smallTalk(),
  ];
};
