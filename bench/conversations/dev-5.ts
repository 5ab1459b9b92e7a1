import type { FakeOrder, FakeProduct } from "../../tests/fake-shopify/store";
import {
  aboutOrder,
  cheaperThanShown,
  citesSource,
  doesNotSay,
  estimatesDelivery,
  everyProduct,
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
import { addBusinessDays, dev } from "./dev";
import { dev2 } from "./dev-2";
import { dev3 } from "./dev-3";
import { dev4 } from "./dev-4";
import type { Category, Check, Constraints, Script, ScriptSet, Turn, World } from "./types";
import { budgetedTurn as turn, devPart, escapeRegExp, stem, tokens, usedBy } from "./part";

/**
 * The fifth part of the development set of `npm run eval:conversations`: shoppers as they
 * write when nobody scripted them. Lowercase, typos and slang ("under a tenner", "8 quid",
 * "pressie", "wheres my stuff"), two questions in one message, follow-ups that lean on the
 * answer before ("any in blue?", "what about cushions then", "what if i spend 30"), minds
 * changed half-way ("actually green would be better", "i can stretch to a tenner"), order
 * numbers and emails pasted on two lines or the wrong way round, policy questions the
 * policies answer and ones they do not, small talk and asking for a person. Facts come from
 * the demo store's data (catalog, orders, policies), never from the assistant's answers;
 * orders the earlier parts name are left out. Ids are `dev5/<category>/<class>/<case>`.
 */

const { shuffled, script } = devPart("dev5");

// ---- Words -----------------------------------------------------------------------------

// ---- What the earlier parts already use ----------------------------------------------------

interface Earlier {
  customers: Set<string>;
  orderNumbers: Set<string>;
  emails: Set<string>;
}

function earlierParts(world: World): Earlier {
  const scripts = [...dev(world), ...dev2(world), ...dev3(world), ...dev4(world)];
  return usedBy(scripts);
}

// ---- The catalog ---------------------------------------------------------------------------

interface Catalog {
  products: FakeProduct[];
  inStock: (p: FakeProduct) => boolean;
  /** The price a card shows: the cheapest variant that can be bought, else the cheapest. */
  price: (p: FakeProduct) => number;
  satisfying: (c: Constraints, test?: (p: FakeProduct) => boolean) => FakeProduct[];
  /** The one product whose title carries all these words (singular or plural), else null. */
  only: (words: string[]) => FakeProduct | null;
}

function catalogOf(world: World): Catalog {
  const products = world.products.filter((p) => lowestPrice(p) > 0);
  const inStock = (p: FakeProduct) => p.variants.some((v) => v.availableForSale);
  const price = (p: FakeProduct) => {
    const buyable = p.variants.filter((v) => v.availableForSale);
    return Math.min(...(buyable.length ? buyable : p.variants).map((v) => Number(v.price)));
  };
  const stems = new Map(products.map((p) => [p.id, new Set(tokens(p.title).map(stem))]));
  return {
    products,
    inStock,
    price,
    satisfying: (c, test) =>
      products.filter((p) => inStock(p) && violation(p, price(p), c) === null && (!test || test(p))),
    only: (words) => {
      const wanted = words.map(stem);
      const found = products.filter((p) => wanted.every((w) => stems.get(p.id)!.has(w)));
      return found.length === 1 ? found[0] : null;
    },
  };
}

// Who a present is for, read from the product as the shop holds it.
const CHILDRENS =
  /\b(child|children|childrens|childs|kids?|baby|toy|toys|game|games|jigsaw|doll|dolls|puppet|spaceboy|dolly)\b/i;
const forAChild = (p: FakeProduct) =>
  p.productType === "Toys & Games" || CHILDRENS.test(`${p.title} ${p.tags.join(" ")} ${p.descriptionHtml}`);
const JEWELLERY = ["Necklace", "Bracelet", "Earrings", "Jewellery & Accessories"];
const adultOnly = (p: FakeProduct) =>
  !/necklace|bracelet|earrings|\bcard\b|wine|shot glass|ashtray/i.test(p.title) && !JEWELLERY.includes(p.productType);
const childish = (p: FakeProduct) => /\b(child|children|childrens|childs|kids?|baby|toddler|bib)\b/i.test(p.title);
const isCard = (p: FakeProduct) => /\b(card|cards|wrap)\b/i.test(p.title) && p.productType === "Stationery & Wrap";
const isCsvProduct = (p: FakeProduct) => Number(p.id.split("/").pop()) >= 900_000;
const isApparel = (p: FakeProduct) => isCsvProduct(p) && p.tags.some((t) => t === "men" || t === "women");
const forGrownUp = (p: FakeProduct) => !childish(p) && !isCard(p);
const forHome = (p: FakeProduct) =>
  forGrownUp(p) && !isApparel(p) && ![...JEWELLERY, "Party", "Toys & Games"].includes(p.productType);
const forABaby = (p: FakeProduct) =>
  /\b(baby|babies|bib|nursery|christening|newborn|teddy)\b/i.test(p.title) || (forAChild(p) && adultOnly(p));
const forAGardener = (p: FakeProduct) =>
  ["Garden", "Outdoor"].includes(p.productType) ||
  /\b(garden\w*|plant\w*|watering|trowel|seeds?|flower ?pots?|herbs?|bird ?(feeder|house|table))\b/i.test(p.title);
const forChristmas = (p: FakeProduct) =>
  p.productType === "Christmas" ||
  /\b(christmas|xmas|advent|santa|reindeer|snowflake|bauble|stocking)\b/i.test(p.title);

const child = everyProduct("for a child", (p) => forAChild(p) && adultOnly(p));
const grownUp = everyProduct("a present for a grown-up (not a child's thing, a card or wrap)", forGrownUp);
const home = everyProduct("for a new home", forHome);

/** Cheaper than the dearest card shown before, and at least one card when the catalog has one. */
function cheaperWhenThereIs(cat: Catalog, c: Constraints): Check {
  return (reply, world, previous) => {
    const last = [...previous].reverse().find((r) => r.products?.length);
    if (!last) return "no earlier cards to be cheaper than";
    const ceiling = Math.max(...last.products!.map((p) => Number(p.price.amount)));
    const cheaper = cat.satisfying(c).filter((p) => cat.price(p) < ceiling);
    if (cheaper.length && !reply.products?.length)
      return `no cards, though ${cheaper.length} in stock cost less than ${ceiling} (${cheaper[0].title})`;
    return cheaperThanShown()(reply, world, previous);
  };
}

/** Among the cards, one that satisfies `test` (each kind asked for in one message is shown). */
function someProduct(describe: string, test: (p: FakeProduct) => boolean): Check {
  return (reply, world) =>
    (reply.products ?? []).some((card) => {
      const p = world.byId.get(card.productId);
      return !!p && test(p);
    })
      ? null
      : `no card that is ${describe}; cards: ${JSON.stringify((reply.products ?? []).map((p) => p.title))}`;
}

const titled = (...words: string[]) => {
  const pattern = new RegExp(`\\b(${words.map(escapeRegExp).join("|")})`, "i");
  return (p: FakeProduct) => pattern.test(p.title);
};

// ---- Recommendations and products with constraints ----------------------------------------

function recommendations(cat: Catalog): Script[] {
  const out: Script[] = [];
  const add = (id: string, turns: Turn[], category: Category = "recommendations") =>
    out.push(script(`${category}/${id}`, category, turns));
  const has = (c: Constraints, test?: (p: FakeProduct) => boolean, min = 1) => cat.satisfying(c, test).length >= min;
  /** The constraint leaves something out of what the shopper would otherwise see: it has to be applied. */
  const bites = (c: Constraints, wider: Constraints, test?: (p: FakeProduct) => boolean) =>
    has(c, test) && cat.satisfying(wider, test).some((p) => violation(p, cat.price(p), c) !== null);

  // A mug for dad under a tenner, then in blue.
  const mug: Constraints = { titleIncludes: ["mug"], priceMax: 10 };
  if (bites(mug, { titleIncludes: ["mug"] }, forGrownUp) && has({ ...mug, colour: "blue" }, forGrownUp))
    add("budget/mug-for-dad-under-a-tenner-then-blue", [
      turn("need a mug for my dad, under a tenner", [understood(), showsProducts(1), grownUp], mug),
      turn("any in blue?", [showsProducts(1), grownUp], { ...mug, colour: "blue" }),
    ]);

  // Candles for less than 8 quid, then cheaper.
  const candles: Constraints = { titleIncludes: ["candle"], priceMax: 8 };
  if (bites(candles, { titleIncludes: ["candle"] }))
    add("budget/candles-less-than-8-quid-then-cheaper", [
      turn("some candles less than 8 quid pls", [understood(), showsProducts(1)], candles),
      turn("cheaper?", [cheaperWhenThereIs(cat, candles)], candles),
    ]);

  // Between two figures, then a colour.
  const lanterns: Constraints = { titleIncludes: ["lantern"], priceMin: 3, priceMax: 6 };
  if (bites(lanterns, { titleIncludes: ["lantern"] }))
    add("budget/lanterns-between-3-and-6-pounds", [
      turn("lanterns between 3 and 6 pounds", [understood(), showsProducts(1)], lanterns),
      ...(has({ ...lanterns, colour: "white" })
        ? [turn("any white ones", [showsProducts(1)], { ...lanterns, colour: "white" })]
        : []),
    ]);

  // "max £4" for a teacher, then another kind of thing within the same budget.
  if (has({ priceMax: 4 }, forGrownUp, 3) && has({ priceMax: 4, titleIncludes: ["cushion"] }))
    add("budget/teacher-max-4-then-cushions", [
      turn("end of term pressie for my sons teacher, max £4", [understood(), showsProducts(1), grownUp], {
        priceMax: 4,
      }),
      turn("what about cushions then", [understood(), showsProducts(1)], { priceMax: 4, titleIncludes: ["cushion"] }),
    ]);

  // "max £4" on a kind of thing, then a colour.
  const covers: Constraints = { titleIncludes: ["cushion"], priceMax: 4 };
  if (bites(covers, { titleIncludes: ["cushion"] }) && has({ ...covers, colour: "blue" }))
    add("budget/cushion-covers-max-4-then-blue", [
      turn("cushion covers max £4 pls", [understood(), showsProducts(1)], covers),
      turn("any in blue?", [showsProducts(1)], { ...covers, colour: "blue" }),
    ]);

  // A budget said with one kind of thing holds for the next ("what about cushions then").
  const doorstops: Constraints = { titleIncludes: ["doorstop"], priceMax: 5 };
  if (
    bites(doorstops, { titleIncludes: ["doorstop"] }) &&
    bites({ ...doorstops, titleIncludes: ["cushion"] }, { titleIncludes: ["cushion"] })
  )
    add("budget/doorstops-under-a-fiver-then-cushions", [
      turn("any doorstops for under a fiver", [understood(), showsProducts(1)], doorstops),
      turn("what about cushions then", [understood(), showsProducts(1)], { ...doorstops, titleIncludes: ["cushion"] }),
    ]);

  // "cheap": no figure, so at most the median price of what the shop has of it.
  const umbrellas = cat
    .satisfying({ titleIncludes: ["umbrella"] })
    .map((p) => cat.price(p))
    .sort((a, b) => a - b);
  if (umbrellas.length >= 4)
    add("budget/cheap-umbrellas", [
      turn(
        "got any cheap umbrellas? its always raining here lol",
        [
          understood(),
          showsProducts(1),
          pricesAtMost(umbrellas[Math.floor(umbrellas.length / 2)], "the median price of umbrellas"),
        ],
        { titleIncludes: ["umbrella"] },
      ),
    ]);

  // Below fifty pence.
  if (bites({ priceMax: 0.5 }, {}))
    add("budget/anything-under-50p", [
      turn("wat can i get for under 50p", [understood(), showsProducts(1)], { priceMax: 0.5 }),
    ]);

  // A budget raised: what is shown may now cost more than the old ceiling.
  const teapots = cat.satisfying({ titleIncludes: ["teapot"] });
  if (teapots.some((p) => cat.price(p) <= 7) && teapots.some((p) => cat.price(p) > 7 && cat.price(p) <= 10))
    add("budget/teapots-under-7-then-stretch-to-10", [
      turn("teapots under 7 pound?", [understood(), showsProducts(1)], { titleIncludes: ["teapot"], priceMax: 7 }),
      turn(
        "hmm actually i can stretch to a tenner",
        [
          showsProducts(1),
          someProduct("a teapot above the old £7 budget", (p) => titled("teapot")(p) && cat.price(p) > 7),
        ],
        { titleIncludes: ["teapot"], priceMax: 10 },
      ),
    ]);

  // A kind of thing and a colour, then the mind changed on the colour.
  const bags: Constraints = { titleIncludes: ["bag"], priceMax: 3 };
  if (has({ ...bags, colour: "pink" }) && has({ ...bags, colour: "green" }))
    add("refine/pink-bags-under-3-then-green", [
      turn("do u have any pink bags less than £3", [understood(), showsProducts(1)], { ...bags, colour: "pink" }),
      turn("actually green would be better", [showsProducts(1)], { ...bags, colour: "green" }),
    ]);

  // "t light" as shoppers type it, a fiver, then only white ones.
  const holders: Constraints = { titleIncludes: ["t-light", "t light", "tlight"], priceMax: 5 };
  if (has(holders) && has({ ...holders, colour: "white" }))
    add("refine/t-light-holders-under-a-fiver-then-white", [
      turn("t light holders under a fiver", [understood(), showsProducts(1)], holders),
      turn("only white ones pls", [showsProducts(1)], { ...holders, colour: "white" }),
    ]);

  // Three turns piling up: a kind, a budget, a colour.
  const clocks: Constraints = { titleIncludes: ["clock"] };
  if (bites({ ...clocks, priceMax: 5 }, clocks) && has({ ...clocks, priceMax: 5, colour: "red" }))
    add("refine/clocks-then-under-5-then-red", [
      turn("show me some clocks", [showsProducts(1)], clocks),
      turn("under 5 pounds?", [showsProducts(1)], { ...clocks, priceMax: 5 }),
      turn("red?", [showsProducts(1)], { ...clocks, priceMax: 5, colour: "red" }),
    ]);

  // A size: only products that come in it.
  if (has({ size: "Large", titleIncludes: ["top"] }))
    add(
      "size/tops-in-a-large",
      [
        turn(
          "have u got any tops in a large",
          [
            understood(),
            showsProducts(1),
            ...cat.satisfying({ size: "Large", titleIncludes: ["top"] }).map((p) => showsProduct(p.id)),
          ],
          { size: "Large" },
        ),
      ],
      "products",
    );

  // The cheapest of a kind: the first card is it (a kind whose cheapest costs less than the rest).
  const cheapest = ["necklace", "doormat", "teapot", "lantern", "umbrella"]
    .map((kind) => ({
      kind,
      list: cat.satisfying({ titleIncludes: [kind] }).sort((a, b) => cat.price(a) - cat.price(b)),
    }))
    .find(({ list }) => list.length >= 2 && cat.price(list[0]) < cat.price(list[1]));
  if (cheapest)
    add(
      `cheapest/whats-your-cheapest-${cheapest.kind}`,
      [
        turn(
          `whats ur cheapest ${cheapest.kind}`,
          [
            understood(),
            firstProduct(cheapest.list[0].id),
            // The answer says which one it is: by name or by price, not only as the first of a list.
            says(
              new RegExp(
                `${escapeRegExp(cheapest.list[0].title)}|${escapeRegExp(money(cat.price(cheapest.list[0])))}`,
                "i",
              ),
            ),
          ],
          { titleIncludes: [cheapest.kind] },
        ),
      ],
      "products",
    );

  // Two kinds asked in one message: both are shown.
  if (has({ titleIncludes: ["tea towel"] }) && has({ titleIncludes: ["apron"] }))
    add(
      "two-in-one/tea-towels-and-aprons",
      [
        turn(
          "do you have tea towels? and aprons",
          [understood(), someProduct("a tea towel", titled("tea towel")), someProduct("an apron", titled("apron"))],
          { titleIncludes: ["tea towel", "apron"] },
        ),
      ],
      "products",
    );

  // Recipients and occasions; the cards must fit them.
  if (has({ priceMax: 5 }, (p) => forAChild(p) && adultOnly(p), 3))
    add("gift/niece-turning-7-under-5", [
      turn("my niece is turning 7, anything under 5 pound she'd like?", [understood(), showsProducts(1), child], {
        priceMax: 5,
      }),
    ]);
  if (has({ priceMin: 20, priceMax: 30 }, forHome))
    add("gift/wedding-20-to-30-quid", [
      turn("wedding present ideas? budget 20-30 quid", [understood(), showsProducts(1), home], {
        priceMin: 20,
        priceMax: 30,
      }),
    ]);
  if (has({ priceMax: 15 }, forHome, 3) && has({ priceMax: 15, titleIncludes: ["doormat"] }))
    add("gift/new-flat-under-15-then-doormats", [
      turn(
        "mates just moved into a new flat, want to get them smth for under 15",
        [understood(), showsProducts(1), home],
        {
          priceMax: 15,
        },
      ),
      turn("ooh what about a doormat", [showsProducts(1)], { priceMax: 15, titleIncludes: ["doormat"] }),
    ]);
  add("gift/new-baby", [
    turn("my cousin just had a baby, what would be a nice gift", [
      understood(),
      showsProducts(1),
      everyProduct("for a baby", forABaby),
    ]),
  ]);
  if (has({ priceMax: 8, colour: "red" }, forGrownUp))
    add("gift/xmas-mum-loves-red-under-8", [
      turn("xmas pressie for mum, she loves red, less than 8 quid", [understood(), showsProducts(1), grownUp], {
        priceMax: 8,
        colour: "red",
      }),
    ]);
  if (has({ priceMax: 10 }, forAGardener, 2))
    add("gift/dad-into-gardening-10-max", [
      turn(
        "bday present for my dad who's into gardening. £10 max",
        [understood(), showsProducts(1), everyProduct("for a gardener", (p) => forAGardener(p) && forGrownUp(p))],
        { priceMax: 10 },
      ),
    ]);
  if (has({ priceMax: 2 }, forChristmas, 2))
    add("gift/christmas-stocking-fillers-under-2", [
      turn(
        "christmassy stocking fillers under 2 quid?",
        [understood(), showsProducts(1), everyProduct("for Christmas", forChristmas)],
        { priceMax: 2 },
      ),
    ]);
  if (has({ priceMax: 6 }, forGrownUp, 3))
    add("gift/birthday-sister-6-then-something-else", [
      turn("birthday gift for my sister, around £6 at most", [understood(), showsProducts(1), grownUp], {
        priceMax: 6,
      }),
      turn("hmm not really her style, something else?", [showsProducts(1), grownUp, notShownBefore()], {
        priceMax: 6,
      }),
    ]);
  return out;
}

/** None of the cards was shown on the last turn that showed cards ("something else?"). */
function notShownBefore(): Check {
  return (reply, _world, previous) => {
    const last = [...previous].reverse().find((r) => r.products?.length);
    if (!last) return "no earlier cards";
    const before = new Set(last.products!.map((p) => p.productId));
    const again = (reply.products ?? []).filter((p) => before.has(p.productId));
    return again.length ? `shown again: ${JSON.stringify(again.map((p) => p.title))}` : null;
  };
}

// ---- Named products --------------------------------------------------------------------

function namedProducts(cat: Catalog): Script[] {
  const out: Script[] = [];
  const add = (id: string, turns: Turn[]) => out.push(script(`products/named/${id}`, "products", turns));
  const $ = (amount: number) => says(money(amount));

  const jacket = cat.only(["leather", "jacket"]);
  if (jacket && cat.inStock(jacket))
    add("partial-leather-jacket-price", [
      turn("hw much is the leather jacket", [understood(), firstProduct(jacket.id), $(cat.price(jacket))]),
    ]);

  const top = cat.only(["varsity", "top"]);
  const sizes = top?.options.find((o) => /size/i.test(o.name))?.values ?? [];
  if (top && sizes.length >= 2)
    add("varsity-top-sizes", [
      turn("what sizes does the varsity top come in?", [
        understood(),
        firstProduct(top.id),
        ...sizes.map((s) => says(new RegExp(`\\b${escapeRegExp(s)}\\b`, "i"))),
      ]),
    ]);

  const pot = cat.only(["clay", "plant", "pot"]);
  const large = pot?.variants.find((v) => v.selectedOptions.some((o) => /size/i.test(o.name) && o.value === "Large"));
  if (pot && large && new Set(pot.variants.map((v) => v.price)).size > 1)
    add("clay-pot-large-price", [
      turn("clay plant pot - how much for the large one?", [
        understood(),
        firstProduct(pot.id),
        $(Number(large.price)),
      ]),
    ]);

  const bottle = cat.only(["hot", "water", "bottle", "keep", "calm"]);
  if (bottle && cat.inStock(bottle))
    add("misspelt-hot-water-botle", [
      turn("how much is the keep calm hot water botle", [understood(), firstProduct(bottle.id), $(cat.price(bottle))]),
    ]);

  const soldOut = cat.products.find((p) => isCsvProduct(p) && !cat.inStock(p) && cat.only(tokens(p.title)) === p);
  if (soldOut)
    add("sold-out-in-stock", [
      turn(`is the ${soldOut.title.toLowerCase()} in stock?`, [understood(), statesStock(false)]),
    ]);

  // A compare-at price: the product is on offer, from what to what.
  const offer = shuffled(
    cat.products.filter(
      (p) =>
        isCsvProduct(p) &&
        cat.inStock(p) &&
        p.variants.length === 1 &&
        p.variants[0].compareAtPrice &&
        Number(p.variants[0].compareAtPrice) > Number(p.variants[0].price) &&
        /necklace/i.test(p.title) &&
        cat.only(tokens(p.title)) === p,
    ),
    (p) => p.id,
    "offer",
  )[0];
  if (offer) {
    const misspelt = offer.title.toLowerCase().replace("necklace", "neckalce");
    add("misspelt-on-offer-price-and-stock", [
      turn(`is the ${misspelt} on sale? how much is it and is it in stock`, [
        understood(),
        firstProduct(offer.id),
        $(Number(offer.variants[0].price)),
        $(Number(offer.variants[0].compareAtPrice)),
        statesStock(true),
      ]),
    ]);
  }

  // A material the description gives and the title does not.
  const materials = ["polyester", "fleece", "wool", "cotton", "silk", "denim", "leather"];
  const described = cat.products
    .filter((p) => isApparel(p) && cat.only(tokens(p.title)) === p)
    .map((p) => ({
      p,
      m: materials.find(
        (m) => new RegExp(`\\b${m}\\b`, "i").test(p.descriptionHtml) && !new RegExp(`\\b${m}\\b`, "i").test(p.title),
      ),
    }))
    .find((x) => x.m && /jacket/i.test(x.p.title));
  if (described)
    add("material-from-description", [
      turn(`what's the ${described.p.title.toLowerCase().replace("sports ", "sport ")} made of`, [
        understood(),
        firstProduct(described.p.id),
        says(new RegExp(`\\b${described.m}\\b`, "i")),
      ]),
    ]);

  // Named, then a follow-up about it: "is it in stock" after its price.
  const cakestand = cat.only(["regency", "cakestand"]);
  if (cakestand)
    add("regency-cake-stand-then-stock", [
      turn("regency cake stand price?", [understood(), firstProduct(cakestand.id), $(cat.price(cakestand))]),
      turn("and is it in stock", [statesStock(cat.inStock(cakestand))]),
    ]);
  return out;
}

// ---- Orders ------------------------------------------------------------------------------

const EU = new Set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split(" "));
const REGION_WORD: Record<string, string> = {
  CH: "Switzerland",
  NO: "Norway",
  US: "United States",
  CA: "Canada",
  AU: "Australia",
};

function shopDate(instant: Date | string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );
}

/** The delivery times by destination, read from the shipping policy's text. */
function regionsOf(world: World): (country: string | null) => { min: number; max: number } | null {
  const body = world.policies.find((p) => p.title === "Shipping policy")?.body.replace(/<[^>]+>/g, " ") ?? "";
  const uk = /takes (\d+)-(\d+) business days/.exec(body);
  const abroad = [...body.matchAll(/([A-Z][^.:]*): (\d+)-(\d+) business days/g)];
  if (!uk || abroad.length < 3) throw new Error("dev-5 set: the shipping policy's times are not where they were");
  return (country) => {
    if (country === "GB") return { min: Number(uk[1]), max: Number(uk[2]) };
    const name = country && EU.has(country) ? "EU" : country ? REGION_WORD[country] : undefined;
    const m = name && abroad.find((r) => new RegExp(`\\b${name}\\b`).test(r[1]));
    return m ? { min: Number(m[2]), max: Number(m[3]) } : null;
  };
}

const numberOf = (o: FakeOrder) => o.name.replace("#", "");
const shipped = (o: FakeOrder) => o.fulfillments.length > 0;
const customerOf = (o: FakeOrder) => o.customerId!.split("/").pop()!;
const trackingOf = (o: FakeOrder) => o.fulfillments[0]?.trackingInfo[0]?.number ?? null;
const listable = (o: FakeOrder) =>
  o.lineItems.length <= 10 && new Set(o.lineItems.map((l) => l.title)).size === o.lineItems.length;

const SHIPPED_WORDS = /shipped|dispatched|on its way|sent|left us|in transit/i;
const NOT_SHIPPED_WORDS =
  /not (yet )?(been )?(shipped|dispatched|sent|left)|(hasn't|has not|haven't|have not) (yet )?(been )?(shipped|dispatched|sent|left)|not shipped|yet to (ship|be shipped|be dispatched)|being (packed|prepared)|unfulfilled/i;
const statusChecks = (o: FakeOrder): Check[] =>
  shipped(o) ? [says(SHIPPED_WORDS), noHandoff()] : [says(NOT_SHIPPED_WORDS), noHandoff()];
const itemsCheck = (o: FakeOrder): Check =>
  listsItems(o.lineItems.map((l) => ({ title: l.title, quantity: l.quantity })));

function orders(world: World, earlier: Earlier): Script[] {
  const regionOf = regionsOf(world);
  const delivery = (o: FakeOrder) => {
    const region = regionOf(o.shippingCountry);
    if (!region) return null;
    const base = shopDate(shipped(o) ? o.fulfillments[0].createdAt : world.now, world.shop.timezone);
    return { earliest: addBusinessDays(base, region.min), latest: addBusinessDays(base, region.max) };
  };
  const deliveryChecks = (o: FakeOrder): Check[] => {
    const window = delivery(o);
    return window
      ? [aboutOrder(o.name), estimatesDelivery(window.earliest, window.latest), noHandoff()]
      : [aboutOrder(o.name), noDeliveryEstimate(), noHandoff()];
  };
  /** Not yet shipped: a person can still change it; shipped: too late, a return is the way. */
  const changeChecks = (o: FakeOrder): Check[] =>
    shipped(o) ? [aboutOrder(o.name), says(SHIPPED_WORDS), says(/return/i)] : [aboutOrder(o.name), handsOff("any")];
  const fresh = (o: FakeOrder) =>
    !o.cancelledAt &&
    !earlier.orderNumbers.has(numberOf(o)) &&
    !(o.email && earlier.emails.has(o.email.toLowerCase())) &&
    !(o.customerId && earlier.customers.has(customerOf(o)));
  const used = new Set<string>();
  const out: Script[] = [];
  const add = (id: string, turns: Turn[], extra: Partial<Script> = {}) =>
    out.push(script(`orders/${id}`, "orders", turns, extra));

  // Logged in: customers whose latest order is the only one at its moment.
  const byCustomer = new Map<string, FakeOrder[]>();
  for (const o of world.orders)
    if (o.customerId) byCustomer.set(o.customerId, [...(byCustomer.get(o.customerId) ?? []), o]);
  const latest = [...byCustomer.values()]
    .map((list) => [...list].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)))
    .filter((list) => list.every(fresh) && (list.length === 1 || list[0].createdAt !== list[1].createdAt))
    .map((list) => list[0]);
  const customer = (test: (o: FakeOrder) => boolean, salt: string) => {
    const found = shuffled(
      latest.filter((o) => !used.has(o.id) && test(o)),
      (o) => o.id,
      salt,
    )[0];
    if (found) used.add(found.id);
    return found ? [found] : [];
  };
  const as = (o: FakeOrder) => ({ customerId: customerOf(o) });

  customer((o) => shipped(o) && listable(o), "wheres-my-stuff").forEach((o) =>
    add(
      "logged-in/wheres-my-stuff-then-whats-in-it",
      [
        turn("yo wheres my stuff", [showsOrder(o.name), ...statusChecks(o)]),
        turn("wait what did i even order", [itemsCheck(o), noHandoff()]),
      ],
      as(o),
    ),
  );
  customer((o) => delivery(o) !== null, "left-and-when").forEach((o) =>
    add(
      "logged-in/has-it-left-and-when-in-one",
      [
        turn("has my order left yet and when will it get here?", [
          showsOrder(o.name),
          ...statusChecks(o),
          ...deliveryChecks(o),
        ]),
      ],
      as(o),
    ),
  );
  customer((o) => shipped(o) && trackingOf(o) !== null, "tracking-straight").forEach((o) =>
    add(
      "logged-in/tracking-number-straight-away",
      [turn("tracking number pls", [aboutOrder(o.name), showsTracking(trackingOf(o)!), noHandoff()])],
      as(o),
    ),
  );
  customer((o) => !shipped(o), "add-item").forEach((o) =>
    add(
      "logged-in/can-i-add-something-unshipped",
      [
        turn("did my order go out yet", [showsOrder(o.name), ...statusChecks(o)]),
        turn("can i still add something to it?", changeChecks(o)),
      ],
      as(o),
    ),
  );
  customer(shipped, "never-mind").forEach((o) =>
    add(
      "logged-in/order-then-never-mind-teapots",
      [
        turn("any update on my order", [showsOrder(o.name), noHandoff()]),
        turn("ok cool. nvm that, do u sell teapots", [understood(), showsProducts(1), noOrder()], {
          titleIncludes: ["teapot"],
        }),
      ],
      as(o),
    ),
  );

  // Guests: the number and the email as they are pasted.
  const guest = (test: (o: FakeOrder) => boolean, salt: string) => {
    const found = shuffled(
      world.orders.filter((o) => !!o.email && fresh(o) && !used.has(o.id) && test(o)),
      (o) => o.id,
      salt,
    )[0];
    if (found) used.add(found.id);
    return found ? [found] : [];
  };
  guest(shipped, "two-lines").forEach((o) =>
    add("guest/pasted-on-two-lines", [
      turn(`Order number: ${numberOf(o)}\nEmail: ${o.email}`, [showsOrder(o.name), ...statusChecks(o)]),
    ]),
  );
  guest(() => true, "email-first").forEach((o) =>
    add("guest/email-first-then-number-has-it-shipped", [
      turn(`${o.email} is my email, order ${numberOf(o)}, has it shipped??`, [showsOrder(o.name), ...statusChecks(o)]),
    ]),
  );
  guest((o) => delivery(o) !== null, "wrong-then-right-arrival").forEach((o) =>
    add("guest/wrong-email-then-right-then-when", [
      turn(`where's my order ${numberOf(o)}`, [noOrder(), says(/email/i)]),
      turn(o.email!.replace("@example.com", "@example.co"), [noOrder()]),
      turn(`sorry typo, its ${o.email}`, [showsOrder(o.name), noHandoff()]),
      turn("when will it come?", deliveryChecks(o)),
    ]),
  );
  guest(() => true, "full-stop").forEach((o) =>
    add("guest/email-with-a-full-stop-after", [
      turn(`hi, order ${numberOf(o)}. my email address is ${o.email}.`, [showsOrder(o.name), noHandoff()]),
    ]),
  );
  guest((o) => listable(o), "number-email-items").forEach((o) =>
    add("guest/number-then-email-then-whats-in-it", [
      turn(`can u check order #${numberOf(o)}`, [noOrder(), says(/email/i)]),
      turn(`${o.email} thx`, [showsOrder(o.name), noHandoff()]),
      turn("whats in it again", [itemsCheck(o), noHandoff()]),
    ]),
  );
  guest((o) => !shipped(o), "change-address").forEach((o) =>
    add("guest/change-address-unshipped-misspelt", [
      turn(`oder no ${numberOf(o)} - ${o.email} - can i change the delivery adress?`, changeChecks(o)),
    ]),
  );
  guest((o) => shipped(o) && trackingOf(o) !== null, "tracking-then-email").forEach((o) =>
    add("guest/tracking-ask-then-email", [
      turn(`hi can i get the tracking for ${numberOf(o)} please`, [noOrder(), says(/email/i)]),
      turn(`its ${o.email!.toUpperCase()}`, [aboutOrder(o.name), showsTracking(trackingOf(o)!), noHandoff()]),
    ]),
  );
  guest(shipped, "nothing-first").forEach((o) =>
    add("guest/where-is-my-order-then-both", [
      turn("where is my order", [noOrder(), says(/number/i)]),
      turn(`#${numberOf(o)} ${o.email}`, [showsOrder(o.name), ...statusChecks(o)]),
    ]),
  );
  return out;
}

// ---- Policies ----------------------------------------------------------------------------

/** The policies do not answer: the bot says so, invents no answer, and offers a person. */
function policyDoesNotSay(claim: RegExp): Check {
  const unsure =
    /(don't|do not|doesn't|does not|can't|cannot|couldn't) (know|say|have|see|find|confirm|tell|mention|cover)|not sure|no (details?|information|info)|isn't (listed|mentioned|covered)|not (listed|mentioned|stated|covered)/i;
  const person = /\b(team|person|someone|colleague|staff|human|ask (us|the shop)|contact us|get in touch)\b/i;
  return (reply) => {
    if (claim.test(reply.text) && !unsure.test(reply.text))
      return `claims what the policies do not say: ${JSON.stringify(reply.text.slice(0, 160))}`;
    if (!unsure.test(reply.text))
      return `does not say the policies don't say: ${JSON.stringify(reply.text.slice(0, 160))}`;
    if (!reply.handoff && !person.test(reply.text))
      return `offers no person: ${JSON.stringify(reply.text.slice(0, 160))}`;
    return null;
  };
}

function policies(world: World): Script[] {
  const plain = (title: string) =>
    (world.policies.find((p) => p.title === title)?.body ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  const shipping = plain("Shipping policy");
  const refund = plain("Refund policy");
  const terms = plain("Terms of service");
  const all = world.policies.map((p) => plain(p.title)).join(" ");
  const fact = (text: string, pattern: RegExp) => {
    const m = pattern.exec(text);
    if (!m) throw new Error(`dev-5 set: the policies no longer match ${pattern}`);
    return m[1];
  };
  const region = (label: RegExp) => {
    const m = [...shipping.matchAll(/([A-Z][^.:]*): (\d+)-(\d+) business days, (£\d+\.\d\d)/g)].find((r) =>
      label.test(r[1]),
    );
    if (!m) throw new Error(`dev-5 set: the shipping policy gives nothing for ${label}`);
    return { min: m[2], max: m[3], cost: m[4] };
  };
  const range = (r: { min: string; max: string }) => says(new RegExp(`${r.min}\\s*(-|–|to)\\s*${r.max}`));
  const out: Script[] = [];
  const add = (id: string, turns: Turn[]) => out.push(script(`policies/${id}`, "policies", turns));
  const base = [understood(), noProducts()];

  const returnWindow = fact(refund, /within (\d+ days) of delivery/);
  add("two-in-one/return-window-and-postage-back", [
    turn("how long have i got to send stuff back? and do i get the postage refunded", [
      ...base,
      says(returnWindow),
      says(/damaged|not what you ordered/i),
      citesSource(/^Refund policy/),
    ]),
  ]);
  add("passage/refund-after-you-get-it", [
    turn("once u get my return back how long til i see the money", [
      ...base,
      says(fact(refund, /within (\d+ business days)/)),
      citesSource(/^Refund policy: Refunds/),
    ]),
  ]);
  const eu = region(/\bEU\b/);
  add("two-in-one/ireland-cost-and-time", [
    turn("shipping to ireland - how much and how long?", [...base, says(eu.cost), range(eu)]),
  ]);
  const us = region(/United States/);
  add("passage/postage-to-the-states", [turn("postage to the states?", [...base, says(us.cost)])]);
  const au = region(/Australia/);
  add("passage/shipping-to-aus-slang", [turn("how much is shipping to aus", [...base, says(au.cost)])]);
  const ch = region(/Switzerland/);
  add("follow-up/switzerland-then-customs", [
    turn("do u deliver to switzerland", [...base, says(/yes|we (do )?ship|deliver/i), citesSource(/^Shipping policy/)]),
    turn("how much and will my friend there have to pay customs on it", [
      says(ch.cost),
      says(fact(shipping, /(paid by the recipient)/)),
    ]),
  ]);
  add("passage/tax-on-top", [
    turn("do prices have tax on top or is it included", [
      ...base,
      says(fact(terms, /(Prices include UK VAT)/)),
      citesSource(/^Terms of service/),
    ]),
  ]);
  const express = fact(shipping, /Express delivery[^£]*(£\d+\.\d\d)/);
  add("two-in-one/order-before-1pm-tomorrow-how-much", [
    turn("if i order b4 1pm can i get it tomorrow? how much is that", [
      ...base,
      says(express),
      citesSource(/^Shipping policy: UK delivery/),
    ]),
  ]);
  const freeOver = fact(shipping, /free on orders over (£\d+)/);
  const ukCost = fact(shipping, /costs (£\d+\.\d\d), free on orders over/);
  if (Number(freeOver.slice(1)) > 30)
    add("follow-up/free-delivery-then-what-if-i-spend-30", [
      turn("is delivery free", [...base, says(freeOver)]),
      turn("what if i spend 30 quid", [says(ukCost)]),
    ]);
  if (!/japan/i.test(all))
    add("not-listed/ship-to-japan", [
      turn("do you ship to japan?", [
        ...base,
        doesNotSay(/\byes\b|we (do )?(ship|deliver) to japan/i),
        says(/(don't|do not|doesn't|does not|not|only)\b/i),
        citesSource(/^Shipping policy: Where we ship/),
      ]),
    ]);

  // Unanswered by the policies (each guarded: the words are absent from every policy).
  // "the original payment method" of a refund names none.
  if (!/visa|mastercard|credit card|debit card|apple pay|google pay|paypal|klarna|we accept/i.test(all))
    add("not-said/payment-methods", [
      turn("what payment methods do u take", [
        ...base,
        policyDoesNotSay(/we (accept|take)\b|you can pay (with|by|using)/i),
      ]),
    ]);
  if (!/discount|promo|voucher|coupon|student/i.test(all))
    add("not-said/student-discount", [
      turn("do u do student discount or any codes atm", [
        ...base,
        policyDoesNotSay(/\b\d+ ?% off|\buse (the )?code\b|\byes\b[^.]*discount/i),
      ]),
    ]);
  if (!/\beuros?\b|currenc/i.test(all))
    add("not-said/pay-in-euros", [
      turn("can i pay in euros", [...base, policyDoesNotSay(/\byes\b|you can pay in euros/i)]),
    ]);
  return out;
}

// ---- Handoff, out of scope, small talk -----------------------------------------------------

function others(): Script[] {
  const ok = [resolved(), noHandoff(), noProducts(), understood()];
  const refused = [intentIs(null), handsOff("offered"), noProducts(), noOrder()];
  return [
    script("small_talk/robot/are-you-a-robot", "small_talk", [
      turn("are you a robot", [
        noHandoff(),
        noProducts(),
        understood(),
        says(/\b(assistant|bot|AI|virtual|automated|not a (real )?(person|human))\b/i),
      ]),
    ]),
    script("small_talk/slang/hiya-u-ok", "small_talk", [turn("hiya u ok?", ok)]),
    script("small_talk/slang/lol-thats-all", "small_talk", [
      turn("do u have mugs", [showsProducts(1)], { titleIncludes: ["mug"] }),
      turn("lol ok thanks thats all", ok),
    ]),
    script("out_of_scope/joke/tell-me-a-joke", "out_of_scope", [
      turn("tell me a joke", [noProducts(), noOrder(), noHandoff()]),
    ]),
    script("out_of_scope/weather/bristol-today", "out_of_scope", [
      turn("whats the weather like in bristol today", refused),
    ]),
    script("out_of_scope/homework/history", "out_of_scope", [
      turn("can u help me with my history homework pls", refused),
    ]),
    script("handoff/requested/i-want-a-human", "handoff", [turn("i want a human", [handsOff("requested")])]),
    script("handoff/complaint/nothing-arrived", "handoff", [
      turn("this is ridiculous, nothing arrived", [handsOff("any"), noProducts()]),
    ]),
    script("handoff/requested/call-me", "handoff", [
      turn("this isnt helping. can someone just call me", [handsOff("requested"), noProducts()]),
    ]),
    script("handoff/complaint/manager-now", "handoff", [
      turn("let me speak to ur manager NOW", [handsOff("any"), noProducts()]),
    ]),
  ];
}

// ---- The set ------------------------------------------------------------------------------

export const dev5: ScriptSet = (world) => {
  const earlier = earlierParts(world);
  const cat = catalogOf(world);
  return [...recommendations(cat), ...namedProducts(cat), ...orders(world, earlier), ...policies(world), ...others()];
};
