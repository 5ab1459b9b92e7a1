import { hash32 } from "../../tests/factories/random";
import type { FakeOrder, FakePolicy, FakeProduct } from "../../tests/fake-shopify/store";
import {
  aboutOrder,
  cheaperThanShown,
  citesSource,
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
  resolved,
  says,
  showsOrder,
  showsProducts,
  showsTracking,
  statesStock,
  understood,
  violation,
} from "./checks";
import { addBusinessDays, dev } from "./dev";
import type { Check, Constraints, Script, ScriptSet, World } from "./types";
import { devPart, escapeRegExp, stem, tokens, turn } from "./part";

/**
 * The second part of the development set of `npm run eval:conversations`, written after the
 * first was tuned on: other shoppers' words for the same needs (order follow-ups such as
 * "whens it coming" or "has it left yet", order numbers written "#536365" or "order no
 * 536365", an email inside a sentence, countries named as shoppers name them, recipients and
 * occasions the first part has not, products described by what is on them). Facts are
 * computed from the demo store's data, never from the assistant's answers, and the products
 * and orders the first part already uses are left out (read from its scripts), so these
 * conversations test what the tuning has not seen. Ids are `dev2/<category>/<class>/<case>`.
 */

const { shuffled, script } = devPart("dev2");

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

const phrase = (options: string[], index: number) => options[index % options.length];

// ---- What the first part of the set already uses ------------------------------------------

interface FirstPart {
  customers: Set<string>;
  orderNumbers: Set<string>;
  emails: Set<string>;
  /** Neighbouring word pairs of everything its shoppers say: a product named there is taken. */
  bigrams: Set<string>;
}

function firstPart(world: World): FirstPart {
  const scripts = dev(world);
  const said = scripts.flatMap((s) => s.turns.map((t) => t.say));
  const bigrams = new Set<string>();
  for (const text of said) {
    const words = tokens(text).map(stem);
    for (let i = 0; i + 1 < words.length; i++) bigrams.add(`${words[i]} ${words[i + 1]}`);
  }
  return {
    customers: new Set(scripts.map((s) => s.customerId).filter((c): c is string => !!c)),
    orderNumbers: new Set(said.flatMap((text) => text.match(/\d{5,}/g) ?? [])),
    emails: new Set(said.flatMap((text) => text.toLowerCase().match(/[\w.+-]+@[\w.-]+\.\w+/g) ?? [])),
    bigrams,
  };
}

// ---- The catalog -------------------------------------------------------------------------

interface Catalog {
  world: World;
  products: FakeProduct[];
  inStock: (product: FakeProduct) => boolean;
  price: (product: FakeProduct) => number;
  stems: Map<string, Set<string>>;
  vocabulary: Set<string>;
  sameTitle: Map<string, number>;
  withAll: (stems: string[]) => FakeProduct[];
  satisfying: (c: Constraints) => FakeProduct[];
  /** A product the first part names (a pair of its title's words is said there). */
  takenByFirstPart: (product: FakeProduct) => boolean;
}

function catalogOf(world: World, first: FirstPart): Catalog {
  const products = world.products.filter((p) => lowestPrice(p) > 0);
  const inStock = (p: FakeProduct) => p.variants.some((v) => v.availableForSale);
  const price = (p: FakeProduct) => {
    const buyable = p.variants.filter((v) => v.availableForSale);
    return Math.min(...(buyable.length ? buyable : p.variants).map((v) => Number(v.price)));
  };
  const stems = new Map(products.map((p) => [p.id, new Set(tokens(p.title).map(stem))]));
  const vocabulary = new Set<string>();
  for (const p of world.products)
    for (const text of [
      p.title,
      p.productType,
      ...p.tags,
      ...p.variants.flatMap((v) => v.selectedOptions.map((o) => o.value)),
    ])
      for (const word of tokens(text)) vocabulary.add(word);
  const sameTitle = new Map<string, number>();
  for (const p of world.products) sameTitle.set(p.title.toLowerCase(), (sameTitle.get(p.title.toLowerCase()) ?? 0) + 1);
  const satisfied = new Map<string, FakeProduct[]>();
  return {
    world,
    products,
    inStock,
    price,
    stems,
    vocabulary,
    sameTitle,
    withAll: (wanted) => products.filter((p) => wanted.every((s) => stems.get(p.id)!.has(s))),
    satisfying: (c) => {
      const key = JSON.stringify(c);
      let found = satisfied.get(key);
      if (!found)
        satisfied.set(key, (found = products.filter((p) => inStock(p) && violation(p, price(p), c) === null)));
      return found;
    },
    takenByFirstPart: (p) => {
      const words = tokens(p.title).map(stem);
      for (let i = 0; i + 1 < words.length; i++) if (first.bigrams.has(`${words[i]} ${words[i + 1]}`)) return true;
      return false;
    },
  };
}

/** Words that say what kind of thing a product is (the last word of a shopper's short name). */
const KINDS = new Set(
  (
    "holder box bag decoration cover bowl mug candle sign clock frame hook bottle mirror kit notebook garland " +
    "plate tray tin dish pot stand purse basket magnet cup cabinet jar light lights doorstop wreath saucer " +
    "umbrella tag jug rack bell sketchbook lampshade lantern warmer bucket napkins lamp tins washbag tidy " +
    "thermometer apron organiser container doll journal chalkboard calendar teapot cushion doormat coaster " +
    "card cards wrap tape ribbon ribbons bunting cutlery beaker stool"
  )
    .split(" ")
    .map(stem),
);

/** Kind words a shopper does not say alone ("the holder with the owl on it"). */
const PART_KINDS = new Set([
  "holder",
  "cover",
  "stand",
  "tidy",
  "rack",
  "organiser",
  "container",
  "tag",
  "tape",
  "wrap",
  "kit",
]);

/** Names a shopper gives what is on a thing ("the mug with the owl on it"), with their plurals. */
const MOTIF_PLURALS: Record<string, string> = {
  owl: "owls",
  cat: "cats",
  dog: "dogs",
  bird: "birds",
  rabbit: "rabbits",
  elephant: "elephants",
  robot: "robots",
  skull: "skulls",
  butterfly: "butterflies",
  strawberry: "strawberries",
  apple: "apples",
  cherry: "cherries",
  hen: "hens",
  sheep: "sheep",
  pig: "pigs",
  fox: "foxes",
  reindeer: "reindeer",
  snowman: "snowmen",
  robin: "robins",
  teddy: "teddies",
  cupcake: "cupcakes",
  dinosaur: "dinosaurs",
  flamingo: "flamingos",
  penguin: "penguins",
  squirrel: "squirrels",
  mouse: "mice",
  ladybird: "ladybirds",
};

/**
 * A part of a title that names this product and no other: two or three neighbouring words
 * ending with a kind word, shorter first.
 */
function nameKey(cat: Catalog, product: FakeProduct): string[] | null {
  const words = tokens(product.title);
  const content = (w: string) => w.length >= 3 && !/\d/.test(w) && !STOPWORDS.has(w);
  for (let size = 2; size <= 3 && size < words.length; size++) {
    for (let start = 0; start + size <= words.length; start++) {
      const span = words.slice(start, start + size);
      if (!span.every(content) || !KINDS.has(stem(span[size - 1]))) continue;
      const matches = cat.withAll(span.map(stem));
      if (matches.length === 1 && matches[0].id === product.id) return span;
    }
  }
  return null;
}

/** Products a shopper can name: one of that title, one price, a title of three to six plain words. */
function nameable(cat: Catalog): FakeProduct[] {
  return cat.products.filter((p) => {
    if (cat.sameTitle.get(p.title.toLowerCase())! > 1) return false;
    if (new Set(p.variants.map((v) => v.price)).size > 1) return false;
    const n = tokens(p.title).length;
    if (n < 3 || n > 6 || /[+/*,&]/.test(p.title)) return false;
    if (cat.takenByFirstPart(p)) return false;
    return cat.withAll([...cat.stems.get(p.id)!]).length === 1;
  });
}

/**
 * A misspelling unlike the first part's swaps and drops: a vowel written as another vowel,
 * or a letter doubled, never the first letter, and only where no other word of the shop is
 * near it (so exactly one correction is right).
 */
function typoOf(cat: Catalog, word: string, salt: string): string | null {
  const vowels = "aeiou";
  const candidates: string[] = [];
  for (let i = 1; i < word.length; i++) {
    if (vowels.includes(word[i]))
      for (const v of vowels) if (v !== word[i]) candidates.push(word.slice(0, i) + v + word.slice(i + 1));
    if (!vowels.includes(word[i]) && word[i] !== word[i - 1] && word[i] !== word[i + 1])
      candidates.push(word.slice(0, i) + word[i] + word.slice(i));
  }
  const vocabulary = [...cat.vocabulary];
  const clear = (typo: string) =>
    !cat.vocabulary.has(typo) &&
    vocabulary.every(
      (v) => stem(v) === stem(word) || Math.abs(v.length - typo.length) > 2 || editDistance(typo, v) > 2,
    );
  return shuffled(candidates, (c) => c, salt).find(clear) ?? null;
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
  "glass",
  "wooden",
  "metal",
  "felt",
];

const isCsvProduct = (p: FakeProduct) => Number(p.id.split("/").pop()) >= 900_000;

/** The text says `pattern` other than in the product's own name. */
function saysBeyondTitle(product: FakeProduct, pattern: RegExp): Check {
  return (reply) => {
    const rest = reply.text.replace(new RegExp(escapeRegExp(product.title), "gi"), "");
    return pattern.test(rest)
      ? null
      : `text ${JSON.stringify(reply.text.slice(0, 160))} says ${pattern} only in the product's name, if at all`;
  };
}

/** "Cheaper" with something cheaper in stock: at least one card, every card below the dearest shown. */
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

/** "Something else": cards, and not only the ones the last turn with cards showed. */
function otherThanShown(): Check {
  return (reply, _world, previous) => {
    const last = [...previous].reverse().find((r) => r.products?.length);
    if (!last) return "no earlier cards";
    const before = new Set(last.products!.map((p) => p.productId));
    const cards = reply.products ?? [];
    if (!cards.length) return "no cards for something else";
    return cards.every((p) => before.has(p.productId))
      ? `the same cards again: ${JSON.stringify(cards.map((p) => p.title))}`
      : null;
  };
}

const priceMention = (amount: number) => says(money(amount));
const NOT_SOLD = /(don't|do not|doesn't|does not) (sell|stock|carry)/i;
const NEVER_SOLD_AS_OUT_OF_STOCK = /out of stock|sold out|in stock right now/i;

// ---- Products ----------------------------------------------------------------------------

function namedProducts(cat: Catalog): Script[] {
  const out: Script[] = [];
  const used = new Set<string>();
  const fresh = (list: FakeProduct[]) => list.filter((p) => !used.has(p.id));
  const candidates = nameable(cat);

  // "The one with the owl on it": the kind of thing and what is on it, and nothing else has both.
  const described: { p: FakeProduct; kind: string; motif: string }[] = [];
  for (const p of candidates) {
    const words = tokens(p.title);
    const motif = words.find((w) => MOTIF_PLURALS[w] || Object.values(MOTIF_PLURALS).includes(w));
    const kind = [...words].reverse().find((w) => KINDS.has(stem(w)) && !PART_KINDS.has(stem(w)));
    if (!motif || !kind || motif === kind) continue;
    const single = MOTIF_PLURALS[motif] ? motif : Object.keys(MOTIF_PLURALS).find((k) => MOTIF_PLURALS[k] === motif)!;
    const matches = cat.products.filter((q) => {
      const t = tokens(q.title).map(stem);
      return t.includes(stem(kind)) && (t.includes(single) || t.includes(stem(MOTIF_PLURALS[single])));
    });
    if (matches.length === 1) described.push({ p, kind: stem(kind), motif: single });
  }
  const withAsks = [
    "how much is the {kind} with the {motif} on it",
    "the {kind} with {motifs} on, how much is that",
    "is the {kind} with the {motif} on still in stock",
  ];
  shuffled(described, (x) => x.p.id, "one-with")
    .slice(0, 3)
    .forEach(({ p, kind, motif }, i) => {
      used.add(p.id);
      const say = phrase(withAsks, i)
        .replace("{kind}", kind)
        .replace("{motifs}", MOTIF_PLURALS[motif])
        .replace("{motif}", motif);
      out.push(
        script(`products/named/the-one-with-${i + 1}`, "products", [
          turn(say, [
            understood(),
            firstProduct(p.id),
            i === 2 ? statesStock(cat.inStock(p)) : priceMention(cat.price(p)),
          ]),
        ]),
      );
    });

  // Titles that start with the kind of thing ("Lunch Bag Red Retrospot"), said the way round a
  // shopper says them: colour, then the rest, then the kind ("red retrospot lunch bag").
  const kindFirst = fresh(candidates).flatMap((p) => {
    const words = tokens(p.title);
    if (words.some((w) => /\d/.test(w) || STOPWORDS.has(w))) return [];
    const head = KINDS.has(stem(words[0])) ? 1 : KINDS.has(stem(words[1])) && !COLOURS.includes(words[0]) ? 2 : 0;
    const rest = words.slice(head);
    if (!head || rest.length < 2) return [];
    const colourFirst = [...rest.filter((w) => COLOURS.includes(w)), ...rest.filter((w) => !COLOURS.includes(w))];
    return [{ p, said: [...colourFirst, ...words.slice(0, head)].join(" ") }];
  });
  shuffled(kindFirst, (x) => x.p.id, "kind-first")
    .slice(0, 3)
    .forEach(({ p, said }, i) => {
      used.add(p.id);
      out.push(
        script(`products/named/reordered-${i + 1}`, "products", [
          turn(
            phrase(["{name} - how much?", "how much r the {name}", "whats the price on the {name}"], i).replace(
              "{name}",
              said,
            ),
            [understood(), firstProduct(p.id), priceMention(cat.price(p))],
          ),
        ]),
      );
    });

  // A vowel or a doubled letter wrong in the longest word of a short name.
  const keyed = fresh(candidates)
    .map((p) => ({ p, key: nameKey(cat, p) }))
    .filter((x): x is { p: FakeProduct; key: string[] } => x.key !== null);
  let misspelt = 0;
  for (const { p, key } of shuffled(keyed, (x) => x.p.id, "misspelt")) {
    if (misspelt >= 3) break;
    const longest = [...key].sort((a, b) => b.length - a.length)[0];
    if (longest.length < 6) continue;
    const typo = typoOf(cat, longest, p.id);
    if (!typo) continue;
    used.add(p.id);
    const name = key.map((w) => (w === longest ? typo : w)).join(" ");
    const stock = misspelt === 2;
    misspelt++;
    out.push(
      script(`products/named/misspelt-${misspelt}`, "products", [
        turn(
          phrase(
            ["how much is the {name}?", "{name} price pls", "do u have the {name} in stock"],
            misspelt - 1,
          ).replace("{name}", name),
          [understood(), firstProduct(p.id), stock ? statesStock(cat.inStock(p)) : priceMention(cat.price(p))],
        ),
      ]),
    );
  }

  // Stock by a short name: back in stock (sold out), and still any left (in stock).
  const soldOut = shuffled(
    keyed.filter((x) => !used.has(x.p.id) && !cat.inStock(x.p)),
    (x) => x.p.id,
    "sold-out",
  ).slice(0, 2);
  const inStock = shuffled(
    keyed.filter((x) => !used.has(x.p.id) && cat.inStock(x.p)),
    (x) => x.p.id,
    "in-stock",
  ).slice(0, 1);
  soldOut.forEach(({ p, key }, i) => {
    used.add(p.id);
    out.push(
      script(`products/named/back-in-stock-${i + 1}`, "products", [
        turn(
          phrase(
            ["when will the {name} be back in stock", "any chance of getting the {name}? is it sold out"],
            i,
          ).replace("{name}", key.join(" ")),
          [understood(), firstProduct(p.id), statesStock(false)],
        ),
      ]),
    );
  });
  inStock.forEach(({ p, key }) => {
    used.add(p.id);
    out.push(
      script("products/named/still-got-any", "products", [
        turn(`have you still got any of the ${key.join(" ")}`, [understood(), firstProduct(p.id), statesStock(true)]),
      ]),
    );
  });

  // A product whose sizes cost different amounts: which sizes, then the price of each.
  const sized = cat.products.find(
    (p) =>
      !cat.takenByFirstPart(p) &&
      p.options.some((o) => /size/i.test(o.name) && o.values.length === 2) &&
      new Set(p.variants.map((v) => v.price)).size === 2 &&
      p.variants.every((v) => v.availableForSale),
  );
  if (sized) {
    const option = sized.options.find((o) => /size/i.test(o.name))!;
    const priceOf = (value: string) =>
      Number(sized.variants.find((v) => v.selectedOptions.some((o) => o.value === value))!.price);
    const [small, large] = [...option.values].sort((a, b) => priceOf(a) - priceOf(b));
    out.push(
      script("products/named/sizes-then-prices", "products", [
        turn(`what sizes does the ${sized.title.toLowerCase()} come in`, [
          understood(),
          firstProduct(sized.id),
          says(new RegExp(`\\b${escapeRegExp(small)}\\b`, "i")),
          says(new RegExp(`\\b${escapeRegExp(large)}\\b`, "i")),
        ]),
        turn(`how much is the ${large.toLowerCase()} one`, [firstProduct(sized.id), priceMention(priceOf(large))]),
        turn(`and the ${small.toLowerCase()}?`, [firstProduct(sized.id), priceMention(priceOf(small))]),
      ]),
    );
  }

  // Material from the description of a sample product, the title not naming it.
  const materialCases = cat.products.flatMap((p) => {
    if (!isCsvProduct(p) || cat.takenByFirstPart(p) || cat.sameTitle.get(p.title.toLowerCase())! > 1) return [];
    const description = p.descriptionHtml.replace(/<[^>]+>/g, " ").toLowerCase();
    const material = MATERIALS.find((m) => new RegExp(`\\b${m}\\b`).test(description));
    if (!material || material.split(" ").some((w) => tokens(p.title).includes(w))) return [];
    return [{ p, material }];
  });
  shuffled(materialCases, (x) => x.p.id, "material")
    .slice(0, 2)
    .forEach(({ p, material }, i) => {
      used.add(p.id);
      out.push(
        script(`products/named/material-${i + 1}`, "products", [
          turn(
            (isApparel(p) ? "what fabric is the {name}" : "whats the {name} made out of").replace(
              "{name}",
              p.title.toLowerCase(),
            ),
            [understood(), firstProduct(p.id), saysBeyondTitle(p, new RegExp(`\\b${material}\\b`, "i"))],
          ),
        ]),
      );
    });

  // A description, asked as a shopper asks it: a word of it the title does not have.
  const toDescribe = cat.products.filter(
    (p) =>
      isCsvProduct(p) && !used.has(p.id) && !cat.takenByFirstPart(p) && cat.sameTitle.get(p.title.toLowerCase()) === 1,
  );
  for (const p of shuffled(toDescribe, (x) => x.id, "describe")) {
    const titleWords = new Set(tokens(p.title));
    const detail = tokens(p.descriptionHtml.replace(/<[^>]+>/g, " ")).find(
      (w) => w.length >= 6 && !titleWords.has(w) && !STOPWORDS.has(w) && !MATERIALS.includes(w),
    );
    if (!detail) continue;
    used.add(p.id);
    out.push(
      script("products/named/tell-me-more", "products", [
        turn(`tell me a bit more about the ${p.title.toLowerCase()} pls`, [
          understood(),
          firstProduct(p.id),
          says(new RegExp(`\\b${detail}`, "i")),
        ]),
      ]),
    );
    break;
  }
  return out;
}

/** The card's title carries the noun as a word (or its plural), not inside another word. */
const hasNoun = (noun: string) => (p: FakeProduct) =>
  new RegExp(`\\b${escapeRegExp(noun)}(e?s)?\\b`, "i").test(p.title);

function searches(cat: Catalog): Script[] {
  const out: Script[] = [];
  const enough = (noun: string, min = 3) => cat.satisfying({ titleIncludes: [noun] }).length >= min;

  // A colour after a search refines it.
  if (cat.satisfying({ titleIncludes: ["wall clock"], colour: "red" }).length)
    out.push(
      script("products/topic/wall-clocks-red-ones", "products", [
        turn("wall clocks", [showsProducts(1)], { titleIncludes: ["wall clock"] }),
        turn("the red ones?", [showsProducts(1)], { titleIncludes: ["wall clock"], colour: "red" }),
      ]),
    );
  if (cat.satisfying({ titleIncludes: ["hand warmer"], colour: "red" }).length)
    out.push(
      script("products/topic/hand-warmers-in-red", "products", [
        turn("do u have hand warmers", [understood(), showsProducts(1)], { titleIncludes: ["hand warmer"] }),
        turn("have you got them in red", [showsProducts(1)], { titleIncludes: ["hand warmer"], colour: "red" }),
      ]),
    );
  // A new noun after a colour: the colour was for the old search.
  if (enough("jug") && enough("egg cup") && cat.satisfying({ titleIncludes: ["jug"], colour: "pink" }).length)
    out.push(
      script("products/topic/pink-jugs-then-egg-cups", "products", [
        turn("pink jugs", [showsProducts(1)], { titleIncludes: ["jug"], colour: "pink" }),
        turn("what about egg cups", [understood(), showsProducts(1)], { titleIncludes: ["egg cup"] }),
      ]),
    );
  if (enough("napkin") && enough("trinket box"))
    out.push(
      script("products/topic/napkins-then-trinket-boxes", "products", [
        turn("paper napkins", [showsProducts(1)], { titleIncludes: ["napkin"] }),
        turn("have you got any trinket boxes as well", [understood(), showsProducts(1)], {
          titleIncludes: ["trinket box"],
        }),
      ]),
    );
  // "A bit cheaper" and a budget keep the subject.
  if (enough("trinket box"))
    out.push(
      script("products/topic/trinket-boxes-bit-cheaper", "products", [
        turn("trinket boxes please", [showsProducts(1)], { titleIncludes: ["trinket box"] }),
        turn("anything a bit cheaper", [cheaperWhenThereIs(cat, "trinket boxes", hasNoun("trinket box"))], {
          titleIncludes: ["trinket box"],
        }),
      ]),
    );
  if (
    cat.satisfying({ titleIncludes: ["jug"], priceMax: 5 }).length &&
    cat.satisfying({ titleIncludes: ["jug"] }).some((p) => cat.price(p) > 5)
  )
    out.push(
      script("products/topic/jugs-under-a-fiver", "products", [
        turn("milk jugs?", [showsProducts(1)], { titleIncludes: ["jug"] }),
        turn("any under a fiver", [showsProducts(1)], { titleIncludes: ["jug"], priceMax: 5 }),
      ]),
    );
  if (cat.satisfying({ titleIncludes: ["egg cup"], priceMax: 1 }).length)
    out.push(
      script("recommendations/budget/egg-cups-a-pound-or-under", "recommendations", [
        turn("egg cups £1 or under", [understood(), showsProducts(1)], { titleIncludes: ["egg cup"], priceMax: 1 }),
      ]),
    );
  // "The third one" after a list.
  out.push(
    script("products/topic/third-one", "products", [
      turn("can i see your trays", [showsProducts(3)], { titleIncludes: ["tray"] }),
      turn("is the third one in stock", [firstIsShown(2)]),
    ]),
  );
  // Asking whether the shop "does" a thing it sells.
  if (enough("wrap"))
    out.push(
      script("products/not-sold/control-gift-wrap", "products", [
        turn("do you do gift wrap", [understood(), showsProducts(1), doesNotSay(NOT_SOLD)], {
          titleIncludes: ["wrap"],
        }),
      ]),
    );
  return out;
}

function notSold(cat: Catalog): Script[] {
  const haystack = cat.world.products
    .map((p) => `${p.title} ${p.productType} ${p.tags.join(" ")} ${p.descriptionHtml}`.toLowerCase())
    .join("\n");
  const absent = (words: string[]) => words.every((w) => !new RegExp(`\\b${w}`).test(haystack));
  const asks: [string[], string, string][] = [
    [["wetsuit"], "wetsuit", "im looking for a wetsuit for my son"],
    [["vacuum", "hoover"], "hoover", "do you sell hoovers"],
    [["trampoline"], "trampoline", "got any trampolines?"],
    [["nappies", "nappy"], "nappies", "do u stock nappies"],
    [["golf"], "golf-clubs", "do you have golf clubs"],
  ];

  const out: Script[] = [];
  asks
    .filter(([words]) => absent(words))
    .forEach(([, id, say], i) => {
      const turns = [turn(say, [noProducts(), says(NOT_SOLD), doesNotSay(NEVER_SOLD_AS_OUT_OF_STOCK)])];
      if (i === 1 && cat.satisfying({ titleIncludes: ["napkin"] }).length)
        turns.push(turn("ok what about napkins then", [understood(), showsProducts(1)], { titleIncludes: ["napkin"] }));
      out.push(script(`products/not-sold/${id}`, "products", turns));
    });
  return out;
}

// ---- Recommendations: recipients, occasions, budgets ----------------------------------------

const CHILDRENS =
  /\b(child|children|childrens|childs|kids?|baby|toy|toys|game|games|jigsaw|doll|dolls|puppet|spaceboy|dolly)\b/i;
const forAChild = (p: FakeProduct) =>
  p.productType === "Toys & Games" || CHILDRENS.test(`${p.title} ${p.tags.join(" ")} ${p.descriptionHtml}`);
const adultOnly = (p: FakeProduct) =>
  !/necklace|bracelet|earrings|\bcard\b|wine|shot glass|ashtray/i.test(p.title) &&
  !["Necklace", "Bracelet", "Earrings", "Jewellery & Accessories"].includes(p.productType);
const childish = (p: FakeProduct) => /\b(child|children|childrens|childs|kids?|baby|toddler|bib)\b/i.test(p.title);
const isCard = (p: FakeProduct) => /\b(card|cards|wrap)\b/i.test(p.title) && p.productType === "Stationery & Wrap";
const isApparel = (p: FakeProduct) => isCsvProduct(p) && p.tags.some((t) => t === "men" || t === "women");

function recommendations(cat: Catalog): Script[] {
  const child = everyProduct("for a child", (p) => forAChild(p) && adultOnly(p));
  const grownUp = everyProduct("for a grown-up", (p) => !childish(p));
  const notACard = everyProduct("a present rather than a card or wrap", (p) => !isCard(p));
  const forAHome = everyProduct(
    "for a new home",
    (p) =>
      !childish(p) &&
      !isCard(p) &&
      !isApparel(p) &&
      !["Necklace", "Bracelet", "Earrings", "Jewellery & Accessories", "Party", "Toys & Games"].includes(p.productType),
  );
  const teen = everyProduct("for a teenager", (p) => !/\b(baby|toddler|bib|nursery|childrens)\b/i.test(p.title));
  const one = (id: string, say: string, expect: Check[], c?: Constraints) =>
    script(`recommendations/${id}`, "recommendations", [turn(say, [understood(), showsProducts(1), ...expect], c)]);
  const out: Script[] = [
    one("recipient/dad", "what can i get my dad", [grownUp]),
    one("recipient/teenager", "gift ideas for a teenager", [teen]),
    one("recipient/baby-shower", "something for a baby shower", [child]),
    one(
      "recipient/teacher-under-a-tenner",
      "end of term present for my sons teacher, under a tenner",
      [grownUp, notACard],
      {
        priceMax: 10,
      },
    ),
    one("recipient/colleague-15", "leaving present for a colleague, no more than £15", [grownUp, notACard], {
      priceMax: 15,
    }),
    one("recipient/three-year-old", "what would a 3 year old like", [child]),
    one("recipient/nan-nothing-over-12", "something for my nan, nothing over £12", [grownUp, notACard], {
      priceMax: 12,
    }),
    one("occasion/christmas-mum-under-20", "christmas present for my mum under 20 quid", [grownUp, notACard], {
      priceMax: 20,
    }),
    one("occasion/sister-30th", "birthday gift for my sister shes 30", [grownUp, notACard]),
    one("occasion/housewarming", "housewarming present ideas?", [forAHome]),
    one("occasion/wedding-10-20", "wedding gift between £10 and £20", [grownUp, notACard], {
      priceMin: 10,
      priceMax: 20,
    }),
    one("occasion/stocking-fillers-kids", "stocking fillers for the kids under £3", [child], { priceMax: 3 }),
    script("recommendations/budget/presents-7-pounds-or-less", "recommendations", [
      turn("presents for 7 pounds or less", [understood(), showsProducts(1)], { priceMax: 7 }),
    ]),
    script("recommendations/follow-up/dad-then-cheaper", "recommendations", [
      turn("present for my father in law", [understood(), showsProducts(1), grownUp]),
      turn("got anything cheaper", [cheaperWhenThereIs(cat, "grown-up presents", (p) => !childish(p)), grownUp]),
    ]),
    script("recommendations/follow-up/three-year-old-something-else", "recommendations", [
      turn("gift for my niece shes 3", [understood(), showsProducts(1), child]),
      turn("something else?", [otherThanShown(), child]),
    ]),
  ];
  if (cat.satisfying({ colour: "blue" }).some((p) => forAChild(p) && adultOnly(p)))
    out.push(
      script("recommendations/follow-up/little-boy-in-blue", "recommendations", [
        turn("present for a little boy", [understood(), showsProducts(1), child]),
        turn("in blue?", [showsProducts(1), child], { colour: "blue" }),
      ]),
    );
  return out;
}

// ---- Orders ------------------------------------------------------------------------------

const DAY = 86_400_000;

function shopDate(instant: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
}

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
  return policy.body
    .split(/<h2>/)
    .filter((part) => plain(part))
    .map((part) => {
      const [heading, rest] = part.includes("</h2>") ? part.split("</h2>") : [null, part];
      return { policy: policy.title, heading: heading ? plain(heading) : null, text: plain(rest) };
    });
}

function fact(section: Section, pattern: RegExp): string {
  const match = pattern.exec(section.text);
  if (!match) throw new Error(`dev-2 set: "${section.policy}: ${section.heading}" no longer matches ${pattern}`);
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
  regionOf: (country: string | null) => Region | null;
  uk: Region & { freeOver: string };
}

const EU = new Set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "));
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
    if (!found) throw new Error(`dev-2 set: the policies have no section "${policy}: ${heading}"`);
    return found;
  };
  const regions: Region[] = [
    ...section("Shipping policy", "International delivery").text.matchAll(
      /([A-Z][^.:]*): (\d+)-(\d+) business days, (£\d+\.\d\d)/g,
    ),
  ].map((m) => ({ label: m[1], min: Number(m[2]), max: Number(m[3]), cost: m[4] }));
  const ukMatch = /takes (\d+)-(\d+) business days and costs (£\d+\.\d\d), free on orders over (£\d+)/.exec(
    section("Shipping policy", "UK delivery").text,
  );
  if (!ukMatch || regions.length < 3)
    throw new Error("dev-2 set: the shipping policy's times and prices are not where they were");
  const uk = { label: "UK", min: Number(ukMatch[1]), max: Number(ukMatch[2]), cost: ukMatch[3], freeOver: ukMatch[4] };
  return {
    section,
    uk,
    regionOf(country) {
      if (country === "GB") return uk;
      const word = country && EU.has(country) ? "EU" : country ? REGION_WORD[country] : undefined;
      if (!word) return null;
      return regions.find((r) => new RegExp(`\\b${word}\\b`).test(r.label)) ?? null;
    },
  };
}

interface Orders {
  latest: FakeOrder[];
  /** Customers' orders other than their latest, with the customer's id. */
  older: FakeOrder[];
  withEmail: FakeOrder[];
  delivery: (order: FakeOrder) => { earliest: string; latest: string } | null;
}

function ordersOf(world: World, policies: PolicyFacts, first: FirstPart): Orders {
  const freshOrder = (o: FakeOrder) =>
    !o.cancelledAt &&
    !first.orderNumbers.has(o.name.replace("#", "")) &&
    !(o.email && first.emails.has(o.email.toLowerCase())) &&
    !(o.customerId && first.customers.has(o.customerId.split("/").pop()!));
  const byCustomer = new Map<string, FakeOrder[]>();
  for (const order of world.orders) {
    if (!order.customerId) continue;
    byCustomer.set(order.customerId, [...(byCustomer.get(order.customerId) ?? []), order]);
  }
  const latest: FakeOrder[] = [];
  const older: FakeOrder[] = [];
  for (const list of byCustomer.values()) {
    list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    if (list.length > 1 && list[0].createdAt === list[1].createdAt) continue;
    latest.push(list[0]);
    older.push(...list.slice(1));
  }
  return {
    latest: latest.filter(freshOrder),
    older: older.filter(freshOrder),
    withEmail: world.orders.filter((o) => o.email && freshOrder(o)),
    delivery(order) {
      const region = policies.regionOf(order.shippingCountry);
      if (!region) return null;
      const shipment = order.fulfillments[0];
      const base = shopDate(shipment ? shipment.createdAt : world.now, world.shop.timezone);
      return { earliest: addBusinessDays(base, region.min), latest: addBusinessDays(base, region.max) };
    },
  };
}

/** Destinations plainly outside every region the shipping policy lists (not the Channel Islands, say). */
const UNLISTED = new Set("JP SG IS ZA IL AE LB BR BH SA HK".split(" "));

const numberOf = (order: FakeOrder) => order.name.replace("#", "");
const customerNumber = (order: FakeOrder) => order.customerId!.split("/").pop()!;
const uniqueItemTitles = (order: FakeOrder) =>
  new Set(order.lineItems.map((l) => l.title)).size === order.lineItems.length;
const shipped = (order: FakeOrder) => order.fulfillments.length > 0;
const trackingNumber = (order: FakeOrder) => order.fulfillments[0]?.trackingInfo[0]?.number ?? null;
const listable = (order: FakeOrder) => order.lineItems.length <= 10 && uniqueItemTitles(order);

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

const SHIPPED_WORDS = /shipped|dispatched|on its way|sent|left us|in transit/i;
const NOT_SHIPPED_WORDS =
  /not (yet )?(been )?(shipped|dispatched|sent|left)|(hasn't|has not|haven't|have not) (yet )?(been )?(shipped|dispatched|sent|left)|not shipped|yet to (ship|be shipped|be dispatched)|being (packed|prepared)|unfulfilled/i;

/** Whether it has left: said as the order is (shipped, or not yet). */
function leftChecks(order: FakeOrder): Check[] {
  return shipped(order)
    ? [aboutOrder(order.name), says(SHIPPED_WORDS), doesNotSay(NOT_SHIPPED_WORDS), noHandoff()]
    : [aboutOrder(order.name), says(NOT_SHIPPED_WORDS), noHandoff()];
}

/** Change or cancel: a person can while it has not shipped; once shipped, a return is the way. */
function changeChecks(order: FakeOrder): Check[] {
  return shipped(order)
    ? [aboutOrder(order.name), says(SHIPPED_WORDS), says(/return/i)]
    : [aboutOrder(order.name), handsOff("any")];
}

function loggedIn(orders: Orders, world: World): Script[] {
  const out: Script[] = [];
  const used = new Set<string>();
  const pick = (test: (o: FakeOrder) => boolean, salt: string, n = 1, list = orders.latest) => {
    const picked = shuffled(
      list.filter((o) => !used.has(o.id) && test(o)),
      (o) => o.id,
      salt,
    ).slice(0, n);
    for (const o of picked) used.add(o.id);
    return picked;
  };
  const recent = (o: FakeOrder, days: number) => world.now.getTime() - Date.parse(o.createdAt) < days * DAY;
  const eu = (o: FakeOrder) => !!o.shippingCountry && EU.has(o.shippingCountry);
  const as = (o: FakeOrder) => ({ customerId: customerNumber(o) });

  pick((o) => shipped(o) && listable(o) && o.shippingCountry === "GB", "left-then-bought").forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-been-sent-what-did-i-buy",
        "orders",
        [
          turn("hiya has my stuff been sent yet", [showsOrder(o.name), ...leftChecks(o)]),
          turn("what did i buy", [itemsCheck(o), noHandoff()]),
        ],
        as(o),
      ),
    ),
  );
  pick((o) => shipped(o) && o.shippingCountry === "GB" && recent(o, 14), "whens-it-coming").forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-whens-it-coming-uk",
        "orders",
        [turn("any update on my parcel?", [showsOrder(o.name)]), turn("whens it coming", deliveryChecks(o, orders))],
        as(o),
      ),
    ),
  );
  pick((o) => !shipped(o) && o.shippingCountry === "GB" && listable(o), "unshipped-left").forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-unshipped-has-it-left",
        "orders",
        [
          turn("wheres my stuff", [showsOrder(o.name)]),
          turn("has it left yet", leftChecks(o)),
          turn("when will i get it then", deliveryChecks(o, orders)),
        ],
        as(o),
      ),
    ),
  );
  pick((o) => shipped(o) && eu(o) && recent(o, 14), "eu-shipped").forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-eu-shipped-how-long",
        "orders",
        [
          turn("did my order go out?", [showsOrder(o.name), ...leftChecks(o)]),
          turn("how long will it take to get to me", deliveryChecks(o, orders)),
        ],
        as(o),
      ),
    ),
  );
  pick(
    (o) => !shipped(o) && !!o.shippingCountry && o.shippingCountry !== "GB" && orders.delivery(o) !== null,
    "abroad-unshipped",
  ).forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-abroad-unshipped-arrival",
        "orders",
        [
          turn("status of my order", [showsOrder(o.name)]),
          turn("roughly when will it arrive", deliveryChecks(o, orders)),
        ],
        as(o),
      ),
    ),
  );
  pick((o) => o.shippingCountry === "AU", "australia").forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-australia-is-it-on-its-way",
        "orders",
        [
          turn("is my order on its way?", [showsOrder(o.name), ...leftChecks(o)]),
          turn("how long will my order take to get to australia", deliveryChecks(o, orders)),
        ],
        as(o),
      ),
    ),
  );
  pick((o) => o.shippingCountry === "US", "united-states").forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-us-when-should-it-land",
        "orders",
        [turn("hi, wheres my order", [showsOrder(o.name)]), turn("when should it turn up", deliveryChecks(o, orders))],
        as(o),
      ),
    ),
  );
  pick((o) => UNLISTED.has(o.shippingCountry ?? ""), "unlisted").forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-unlisted-destination",
        "orders",
        [turn("can you check my order", [showsOrder(o.name)]), turn("whens it coming", deliveryChecks(o, orders))],
        as(o),
      ),
    ),
  );
  pick((o) => shipped(o) && !!trackingNumber(o), "tracking-again").forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-resend-tracking",
        "orders",
        [
          turn("where's the parcel", [showsOrder(o.name)]),
          turn("can u resend the tracking, i deleted the email", [
            aboutOrder(o.name),
            showsTracking(trackingNumber(o)!),
            noHandoff(),
          ]),
        ],
        as(o),
      ),
    ),
  );
  pick((o) => !shipped(o), "cancel-unshipped").forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-cancel-unshipped",
        "orders",
        [turn("has my last order been posted", [showsOrder(o.name)]), turn("can i cancel it", changeChecks(o))],
        as(o),
      ),
    ),
  );
  pick(shipped, "cancel-shipped").forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-cancel-shipped-straight-away",
        "orders",
        [turn("i need to cancel my order", changeChecks(o))],
        as(o),
      ),
    ),
  );
  pick((o) => !shipped(o), "add-unshipped").forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-add-something-unshipped",
        "orders",
        [turn("is it too late to add something to my order?", changeChecks(o))],
        as(o),
      ),
    ),
  );
  // An earlier order asked for by its number, then a follow-up about that one, not the latest.
  pick((o) => shipped(o) && listable(o), "older-by-number", 1, orders.older).forEach((o) =>
    out.push(
      script(
        "orders/order-followup/logged-in-older-order-no",
        "orders",
        [
          turn(`order no ${numberOf(o)} - what was in that one?`, [showsOrder(o.name), itemsCheck(o), noHandoff()]),
          turn("is it on its way", leftChecks(o)),
        ],
        as(o),
      ),
    ),
  );
  pick(shipped, "hash-own").forEach((o) =>
    out.push(
      script(
        "orders/ordinary/logged-in-hash-number",
        "orders",
        [turn(`#${numberOf(o)} has that gone out yet`, [showsOrder(o.name), ...leftChecks(o)])],
        as(o),
      ),
    ),
  );
  return out;
}

/** A mistyped order number that is no order: a digit left out, or two neighbours swapped. */
function mistypedNumber(order: FakeOrder, world: World): string {
  const n = numberOf(order);
  const taken = new Set(world.orders.map(numberOf));
  const h = hash32(`dev2:typo:${n}`);
  for (let k = 0; k < n.length - 1; k++) {
    const i = 1 + ((h + k) % (n.length - 2));
    const swapped = n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2);
    if (swapped !== n && !taken.has(swapped)) return swapped;
  }
  return n.slice(0, -1);
}

function guests(orders: Orders, world: World): Script[] {
  const out: Script[] = [];
  const used = new Set<string>();
  const pick = (test: (o: FakeOrder) => boolean, salt: string, n = 1) => {
    const list = shuffled(
      orders.withEmail.filter((o) => test(o) && !used.has(o.id)),
      (o) => o.id,
      salt,
    ).slice(0, n);
    for (const o of list) used.add(o.id);
    return list;
  };
  const found = (o: FakeOrder) => [showsOrder(o.name), noHandoff()];
  const recent = (o: FakeOrder, days: number) => world.now.getTime() - Date.parse(o.createdAt) < days * DAY;

  pick((o) => shipped(o) && listable(o), "hash-email-sentence").forEach((o) =>
    out.push(
      script("orders/order-followup/guest-hash-number-email-in-sentence", "orders", [
        turn(`where's #${numberOf(o)}`, [noOrder(), says(/email/i)]),
        turn(`it's ${o.email} thanks`, found(o)),
        turn("what did i buy", [itemsCheck(o), noHandoff()]),
      ]),
    ),
  );
  pick(shipped, "order-no-trailing-stop").forEach((o) =>
    out.push(
      script("orders/order-followup/guest-order-no-email-full-stop", "orders", [
        turn(`any news on order no ${numberOf(o)}`, [noOrder(), says(/email/i)]),
        turn(`my email is ${o.email}.`, found(o)),
        turn("is it on its way", leftChecks(o)),
      ]),
    ),
  );
  pick((o) => orders.delivery(o) !== null && recent(o, 21), "email-first").forEach((o) =>
    out.push(
      script("orders/verification/guest-email-before-number", "orders", [
        turn(`hi my email is ${o.email}, wheres my order?`, [noOrder(), says(/number/i)]),
        turn(numberOf(o), found(o)),
        turn("whens it coming", deliveryChecks(o, orders)),
      ]),
    ),
  );
  pick(shipped, "typo-number-then-right").forEach((o) =>
    out.push(
      script("orders/verification/guest-number-typo-then-right", "orders", [
        turn(`order ${mistypedNumber(o, world)} please, has it shipped`, [noOrder(), says(/email/i)]),
        turn(o.email!, [noOrder()]),
        turn(`sorry wrong number its ${numberOf(o)}`, found(o)),
      ]),
    ),
  );
  pick(shipped, "typo-number-one-message").forEach((o) =>
    out.push(
      script("orders/verification/guest-number-typo-in-one-message", "orders", [
        turn(`order #${mistypedNumber(o, world)}, email ${o.email}`, [noOrder()]),
        turn(`oops typo, order ${numberOf(o)}`, found(o)),
        turn("has it left yet", leftChecks(o)),
      ]),
    ),
  );
  pick(shipped, "wrong-email-sentence").forEach((o) =>
    out.push(
      script("orders/verification/guest-wrong-email-then-right-sentence", "orders", [
        turn(`order ${numberOf(o)} where is it`, [noOrder(), says(/email/i)]),
        turn(`its ${o.email!.replace(/^([^.@]+)\.([^.@]+)/, "$1$2")} i think`, [noOrder()]),
        turn(`sorry my mistake, it's ${o.email} thanks`, found(o)),
      ]),
    ),
  );
  pick(shipped, "wrong-domain-then-right").forEach((o) =>
    out.push(
      script("orders/verification/guest-wrong-domain-then-right", "orders", [
        turn(`hi can you check order #${numberOf(o)} for me`, [noOrder(), says(/email/i)]),
        turn(o.email!.replace("@example.com", "@example.co.uk"), [noOrder()]),
        turn(`no wait it's ${o.email}`, found(o)),
        turn("where's the parcel now", [aboutOrder(o.name), noHandoff()]),
      ]),
    ),
  );
  pick((o) => o.shippingCountry === "AU" || o.shippingCountry === "US", "far-away").forEach((o) =>
    out.push(
      script("orders/order-followup/guest-far-away-arrival", "orders", [
        turn(`order ${numberOf(o)} ${o.email}`, found(o)),
        turn("how long till it gets to me", deliveryChecks(o, orders)),
      ]),
    ),
  );
  pick((o) => !shipped(o) && !!o.shippingCountry && EU.has(o.shippingCountry), "eu-unshipped").forEach((o) =>
    out.push(
      script("orders/order-followup/guest-eu-unshipped-arrival", "orders", [
        turn(`hello, order ${numberOf(o)}, email ${o.email} - has it been sent?`, [...found(o), ...leftChecks(o)]),
        turn("so when will it arrive", deliveryChecks(o, orders)),
      ]),
    ),
  );
  pick((o) => shipped(o) && !!trackingNumber(o), "guest-tracking").forEach((o) =>
    out.push(
      script("orders/order-followup/guest-tracking-number-again", "orders", [
        turn(`status for ${numberOf(o)} pls, ${o.email}`, found(o)),
        turn("whats the tracking number again", [showsTracking(trackingNumber(o)!), noHandoff()]),
      ]),
    ),
  );
  pick((o) => !shipped(o), "guest-cancel").forEach((o) =>
    out.push(
      script("orders/order-followup/guest-cancel-unshipped", "orders", [
        turn(`order #${numberOf(o)}, my email's ${o.email}`, found(o)),
        turn("can i still cancel it", changeChecks(o)),
      ]),
    ),
  );
  pick(shipped, "guest-address").forEach((o) =>
    out.push(
      script("orders/order-followup/guest-change-address-shipped", "orders", [
        turn(`${o.email} order ${numberOf(o)}`, found(o)),
        turn("can i change the delivery address", [aboutOrder(o.name), says(SHIPPED_WORDS)]),
      ]),
    ),
  );
  return out;
}

// ---- Policies ----------------------------------------------------------------------------

function policies(facts: PolicyFacts): Script[] {
  const range = (r: Region) => says(new RegExp(`${r.min}\\s*(-|–|to)\\s*${r.max}`));
  const international = /^Shipping policy: International delivery/;
  const ukDelivery = /^Shipping policy: UK delivery/;
  const us = facts.regionOf("US")!;
  const eu = facts.regionOf("FR")!;
  const ca = facts.regionOf("CA")!;
  const refunds = facts.section("Refund policy", "Refunds");
  const returns = facts.section("Refund policy", "Returns");
  const damaged = facts.section("Refund policy", "Damaged or wrong items");
  const exchanges = facts.section("Refund policy", "Exchanges");
  const terms = facts.section("Terms of service", null);
  const privacy = facts.section("Privacy policy", null);
  const contact = facts.section("Contact information", null);
  const duties = fact(facts.section("Shipping policy", "International delivery"), /(paid by the recipient)/);
  const one = (id: string, say: string, expect: Check[]) => script(`policies/${id}`, "policies", [turn(say, expect)]);
  return [
    one("passage/cost-the-states", "how much is delivery to the states", [
      says(us.cost),
      doesNotSay(facts.uk.cost),
      citesSource(international),
    ]),
    one("passage/cost-america", "do you post to america and how much is it", [
      says(us.cost),
      citesSource(international),
    ]),
    one("passage/cost-northern-ireland", "how much is postage to northern ireland", [
      says(facts.uk.cost),
      doesNotSay(eu.cost),
      citesSource(ukDelivery),
    ]),
    one("passage/time-scotland", "how long does it take to get to scotland", [
      range(facts.uk),
      citesSource(ukDelivery),
    ]),
    one("passage/time-spain", "how long to spain?", [range(facts.regionOf("ES")!), citesSource(international)]),
    script("policies/passage/follow-up-france-canada", "policies", [
      turn("postage to france?", [says(eu.cost), doesNotSay(facts.uk.cost)]),
      turn("and canada?", [says(ca.cost)]),
      turn("how long would that take", [range(ca)]),
    ]),
    one("passage/not-listed-new-zealand", "do you ship to new zealand", [
      says(/(don't|do not|doesn't|does not|not)\b[^.]*\b(ship|deliver)|only ship|we ship to/i),
      doesNotSay(facts.regionOf("AU")!.cost),
      citesSource(/^Shipping policy/),
    ]),
    one("passage/free-over", "is postage free if i spend over 30 quid", [
      says(facts.uk.freeOver),
      citesSource(ukDelivery),
    ]),
    one("passage/change-my-mind", "if i change my mind can i send it back", [
      says(fact(returns, /within (\d+ days) of delivery/)),
      citesSource(/^Refund policy: Returns/),
    ]),
    one("passage/who-pays-returns", "who pays for the postage when i return something", [
      says(/prepaid/i),
      citesSource(/^Refund policy: How to start a return/),
    ]),
    one("passage/turns-up-broken", "what do i do if my order turns up broken", [
      says(fact(damaged, /within (\d+ days)/)),
      citesSource(/^Refund policy: Damaged or wrong items/),
    ]),
    one("passage/exchange-colour", "can i exchange it for a different colour", [
      says(fact(exchanges, /(do not swap items directly)/)),
      citesSource(/^Refund policy: Exchanges/),
    ]),
    one("passage/refund-on-card", "how many days till the refund shows on my card", [
      says(fact(refunds, /within (\d+ business days)/)),
      citesSource(/^Refund policy: Refunds/),
    ]),
    one("passage/inc-vat", "are ur prices inc vat", [
      understood(),
      says(fact(terms, /(Prices include UK VAT)/)),
      citesSource(/^Terms of service/),
    ]),
    one("passage/customs-ireland", "will i get charged customs sending to ireland", [
      says(duties),
      citesSource(international),
    ]),
    one("passage/what-time-close", "what time do you close", [
      says(fact(contact, /\d+:\d\d-(\d+:\d\d)/)),
      citesSource(/^Contact information/),
    ]),
    one("passage/delete-my-data", "can you delete my data", [
      says(fact(privacy, /for it to be (deleted)/)),
      citesSource(/^Privacy policy/),
    ]),
  ];
}

// ---- Handoff, out of scope, small talk -----------------------------------------------------

function people(): Script[] {
  const ok = [resolved(), noHandoff(), noProducts(), understood()];
  const outOfScope = (id: string, say: string) =>
    script(`out_of_scope/typos/${id}`, "out_of_scope", [
      turn(say, [intentIs(null), handsOff("offered"), noProducts(), noOrder()]),
    ]);
  return [
    script("handoff/typos/talk-to-a-persn", "handoff", [turn("can i tlak to a real persn", [handsOff("requested")])]),
    script("handoff/typos/customer-services", "handoff", [
      turn("put me through to customer services pls", [handsOff("requested")]),
    ]),
    script("handoff/typos/complaint-ignored", "handoff", [
      turn("i wnat to make a complaint, nobody has replied to my emails for a week", [handsOff("complaint")]),
    ]),
    outOfScope("footy", "whats the footy score"),
    outOfScope("homework", "can u help with my maths homework"),
    outOfScope("lasagne", "how do i make a lasagne"),
    script("small_talk/typos/hiya-ta", "small_talk", [turn("hiya", ok), turn("ta", ok)]),
    script("small_talk/typos/morning-hows-it-going", "small_talk", [turn("morning! hows it goin", ok)]),
    script("small_talk/typos/thx-bye", "small_talk", [turn("thx for ur help, bye", ok)]),
  ];
}

// ---- The set ------------------------------------------------------------------------------

export const dev2: ScriptSet = (world) => {
  const first = firstPart(world);
  const cat = catalogOf(world, first);
  const facts = policyFacts(world);
  const orders = ordersOf(world, facts, first);
  return [
    ...loggedIn(orders, world),
    ...guests(orders, world),
    ...policies(facts),
    ...recommendations(cat),
    ...namedProducts(cat),
    ...searches(cat),
    ...notSold(cat),
    ...people(),
  ];
};
