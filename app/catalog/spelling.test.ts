import { createReadStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import porter2 from "wink-porter2-stemmer";
import { catalogProduct } from "../../tests/factories/catalog-products";
import { loadGeneratedStore, titleCase } from "../../tests/factories/demo-store";
import { datasetsDir } from "../../tests/factories/online-retail";
import { createFakeShop } from "../../tests/fake-shopify/store";
import { buildSpeller, maxEditDistance, ordinaryEnglishWords, spellingTexts, type Speller } from "./spelling";
import type { CatalogProduct } from "./types";

/** The demo store's generated catalog (what `npm run demo` shows without the datasets), as the assistant reads it. */
function demoProducts(): CatalogProduct[] {
  const shop = createFakeShop("spelling-demo.myshopify.com");
  loadGeneratedStore(shop, { now: Date.UTC(2025, 0, 1) });
  return [...shop.products.values()].map((p) =>
    catalogProduct({
      title: p.title,
      productType: p.productType,
      tags: p.tags,
      vendor: p.vendor,
      variants: p.variants.map((v) => ({ options: v.selectedOptions })),
    }),
  );
}

// Products the generated store lacks, written the way the Online Retail catalog writes them:
// "tea light" and "lunch box" apart, "keyring" and "cakestand" together.
const EXTRA_PRODUCTS = [
  catalogProduct({ title: "Tea Light Holder Frosted Glass", productType: "Candles & Lights" }),
  catalogProduct({ title: "White Metal Lantern", productType: "Candles & Lights", tags: ["white"] }),
  catalogProduct({ title: "Hanging Metal Heart Lantern", productType: "Candles & Lights" }),
  catalogProduct({ title: "Dolly Girl Lunch Box", productType: "Bags" }),
  catalogProduct({ title: "Pig Keyring With Light & Sound", productType: "Gifts" }),
  catalogProduct({
    title: "Knitted Cushion Cover",
    productType: "Home",
    variants: [
      { options: [{ name: "Colour", value: "Cream" }] },
      { options: [{ name: "Colour", value: "Duck Egg Blue" }] },
    ],
  }),
  catalogProduct({ title: "Ceramic Teapot Cream", productType: "Kitchen & Dining" }),
];

const demo = demoProducts();
const speller = buildSpeller({ texts: spellingTexts([...demo, ...EXTRA_PRODUCTS]) });
const corrected = (text: string, by: Speller = speller) => by.correct(text).text;

// Titles are built by hand: it.each would read "$" and "%" in a message as placeholders.
function each<A, B>(cases: [A, B][]) {
  return (title: string, test: (a: A, b: B) => void) => {
    for (const c of cases)
      it(title.replace("%a", JSON.stringify(c[0])).replace("%b", JSON.stringify(c[1])), () => test(c[0], c[1]));
  };
}

describe("spelling: the examples of issue 13", () => {
  each([
    ["lantren", "lantern"],
    ["Lantren", "Lantern"],
    ["LANTREN", "LANTERN"],
    ["tealights", "tea lights"],
    ["Tealights", "Tea lights"],
    ["lunchboxes", "lunch boxes"],
    ["lunchbox", "lunch box"],
    ["cake stand", "cakestand"],
    ["Cake Stand", "Cakestand"],
    ["cake stands", "cakestands"],
    ["cake stnad", "cakestand"],
  ])("GIVEN the demo catalog WHEN %a is corrected THEN it reads %b", (written, expected) => {
    expect(corrected(written)).toBe(expected);
  });

  it("GIVEN a run-together word that is itself a catalog word WHEN corrected THEN it stays whole", () => {
    expect(speller.correct("a keyring please")).toEqual({ text: "a keyring please", corrections: [] });
  });

  it("GIVEN two words the catalog also writes apart WHEN corrected THEN they are not joined", () => {
    const both = buildSpeller({ texts: ["Regency Cakestand 3 Tier", "Red Retrospot Cake Stand"] });
    expect(corrected("a cake stand", both)).toBe("a cake stand");
  });

  it("GIVEN corrections WHEN reported THEN each says what was written and what it became, in message order", () => {
    expect(speller.correct("any lantrens and a cake stand?").corrections).toEqual([
      { from: "lantrens", to: "lanterns", start: 4 },
      { from: "cake stand", to: "cakestand", start: 19 },
    ]);
  });
});

describe("spelling: typos of the demo catalog's words", () => {
  each([
    ["retrospt", "retrospot"],
    ["retorspot", "retrospot"],
    ["polkadott", "polkadot"],
    ["chalkbaord", "chalkboard"],
    ["umbrela", "umbrella"],
    ["umbrellla", "umbrella"],
    ["cutlrey", "cutlery"],
    ["reindear", "reindeer"],
    ["ornamnet", "ornament"],
    ["christmass", "christmas"],
    ["chrismas", "christmas"],
    ["necklase", "necklace"],
    ["neckalce", "necklace"],
    ["doormatt", "doormat"],
    ["bunitng", "bunting"],
    ["flanel", "flannel"],
    ["saucr", "saucer"],
    ["cushin", "cushion"],
    ["cusion", "cushion"],
    ["teapt", "teapot"],
    ["candel", "candle"],
    ["Candels", "Candles"],
    ["lantrens", "lanterns"],
    // "later" is one edit away and far more common, but a six-letter word one edit from the shop's is the shop's.
    ["latern", "lantern"],
    ["heart hodler", "heart holder"],
  ])("GIVEN the demo catalog WHEN %a is corrected THEN it reads %b", (written, expected) => {
    expect(corrected(written)).toBe(expected);
  });

  it("GIVEN every demo title word misspelt four ways WHEN corrected THEN nearly all come back to that word", () => {
    const words = [...new Set(demo.flatMap((p) => p.title.toLowerCase().match(/\p{L}+/gu) ?? []))].filter(
      (w) => w.length >= 4,
    );
    const typos: Record<string, (word: string, at: number) => string> = {
      swap: (w, at) => w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2),
      drop: (w, at) => w.slice(0, at) + w.slice(at + 1),
      double: (w, at) => w.slice(0, at) + w[at] + w.slice(at),
      wrong: (w, at) => w.slice(0, at) + (w[at] === "x" ? "z" : "x") + w.slice(at + 1),
    };
    let tried = 0;
    let right = 0;
    const missed: string[] = [];
    for (const word of words) {
      for (const make of Object.values(typos)) {
        const typo = make(word, Math.floor(word.length / 2));
        // A typo that is itself a word ("tire" for "tier") is left alone by design.
        if (speller.isKnown(typo)) continue;
        tried++;
        if (porter2(corrected(typo)) === porter2(word)) right++;
        else missed.push(`${typo} → ${corrected(typo)}`);
      }
    }
    expect(tried).toBeGreaterThan(250);
    // The few left are genuinely ambiguous: "patry" is "party" or "pantry", "tals" is "talks" or "tails".
    expect(right / tried, missed.join(", ")).toBeGreaterThanOrEqual(0.97);
  });

  it("GIVEN a word within reach of two catalog words WHEN corrected THEN the more frequent one wins", () => {
    const bottles = buildSpeller({ texts: ["Hot Water Bottle", "Bottle Opener", "Glass Bottle", "Battle Ship Game"] });
    const battles = buildSpeller({ texts: ["Hot Water Bottle", "Battle Ship Game", "Battle Axe", "Battle Flag"] });
    expect(corrected("bxttle", bottles)).toBe("bottle");
    expect(corrected("bxttle", battles)).toBe("battle");
  });

  it("GIVEN a word one edit from one catalog word and two from another WHEN corrected THEN the nearer one wins, however rare", () => {
    const shop = buildSpeller({ texts: ["Candle", "Candle Holder", "Candle Set", "Scented Candle", "Door Handle"] });
    expect(corrected("hnadle", shop)).toBe("handle");
  });

  it("GIVEN the edit bounds WHEN asked THEN short words get none, four or five letters one, longer two", () => {
    expect([3, 4, 5, 6, 12].map(maxEditDistance)).toEqual([0, 1, 1, 2, 2]);
    expect(corrected("mgu")).toBe("mgu");
    expect(corrected("chlkboard")).toBe("chalkboard");
    expect(corrected("chlkbord")).toBe("chalkboard");
    // Three edits is too far even for a long word.
    expect(corrected("chlkbrd")).toBe("chlkbrd");
  });
});

describe("spelling: what is never changed", () => {
  each([
    ["where is my order #536365", null],
    ["do you sell laptops?", null],
    ["a present for my gran under 5 quid", null],
    ["I want a refund", null],
    ["anything cheaper?", null],
    ["when will it arrive?", null],
    ["what's in it?", null],
    ["can I still change it?", null],
    ["send the tracking link again", null],
    ["how much does it cost to ship to germany?", null],
    ["what does shipping to Australia cost?", null],
    ["when do I get my money back?", null],
    ["is VAT included?", null],
    ["something for a 5 year old", null],
    ["I'd like to speak to a person please", null],
    ["don't you have it in green?", null],
    ["hiya, thanks so much, cheers", null],
    ["do you take paypal or klarna?", null],
    ["my parcel hasn't come, it's been 10 days", null],
    ["paper chain kit under 3 quid", null],
    ["£3-£6 please, no more than 10 pounds", null],
  ])("GIVEN the ordinary message %a WHEN corrected THEN it comes back unchanged", (message) => {
    expect(speller.correct(message)).toEqual({ text: message, corrections: [] });
  });

  it("GIVEN emails, URLs, order numbers and prices WHEN corrected THEN only the words around them change", () => {
    const message =
      "any lantrens? mail lantren@example.com or see www.lantren.co.uk/lantren, order #LANTREN536 for £4.50!";
    expect(corrected(message)).toBe(
      "any lanterns? mail lantren@example.com or see www.lantren.co.uk/lantren, order #LANTREN536 for £4.50!",
    );
  });

  it("GIVEN punctuation, possessives and line breaks WHEN corrected THEN they are kept as written", () => {
    expect(corrected("Lantren, please!\nThe lantren's handle (white)…")).toBe(
      "Lantern, please!\nThe lantern's handle (white)…",
    );
  });

  it("GIVEN words glued to digits and contractions WHEN corrected THEN they are left alone", () => {
    expect(corrected("a 3tier lantren2 isn't it")).toBe("a 3tier lantren2 isn't it");
  });

  it("GIVEN known words WHEN a shop passes them THEN they are never corrected, split or joined", () => {
    const withNames = buildSpeller({
      texts: spellingTexts([...demo, ...EXTRA_PRODUCTS]),
      knownWords: ["lantren", "tealights", "cake"],
    });
    expect(withNames.correct("lantren tealights cake stand")).toEqual({
      text: "lantren tealights cake stand",
      corrections: [],
    });
    expect(withNames.isKnown("Lantren")).toBe(true);
    expect(speller.isKnown("Lantren")).toBe(false);
  });

  it("GIVEN a typo one edit from a common English word WHEN corrected THEN it is not turned into a rarer catalog word", () => {
    const paints = buildSpeller({ texts: ["Paint Set", "Wire Basket", "Tree Ornament"] });
    // "payment" is one edit away and "paint" two; "with" is far more common than "wire"; "the" than "tree".
    expect(corrected("paymnt wirh trhe", paints)).toBe("paymnt wirh trhe");
  });

  it("GIVEN a shopper's first name near a catalog word WHEN corrected THEN it is left alone", () => {
    const shapes = buildSpeller({ texts: ["Shape Sorter", "Heart Shape Box", "Oven Glove"] });
    expect(corrected("thanks, Shane! Owen says hi", shapes)).toBe("thanks, Shane! Owen says hi");
  });

  it("GIVEN an empty message or one without words WHEN corrected THEN it is returned as is", () => {
    expect(speller.correct("")).toEqual({ text: "", corrections: [] });
    expect(speller.correct("£5 #1001 :) 42")).toEqual({ text: "£5 #1001 :) 42", corrections: [] });
  });

  it("GIVEN a message longer than the understanding layer reads WHEN corrected THEN its tail is kept as written", () => {
    const message = `${"lantren ".repeat(300)}lantren`;
    const result = corrected(message);
    expect(result.startsWith("lantern lantern")).toBe(true);
    expect(result.endsWith("lantren lantren")).toBe(true);
    expect(result.length).toBe(message.length);
  });
});

describe("spelling: properties", () => {
  const words = [...new Set(demo.flatMap((p) => p.title.toLowerCase().match(/\p{L}+/gu) ?? []))];
  const messageWord = fc.oneof(
    fc.constantFrom(...words, "where", "is", "my", "order", "#536365", "£5", "jo@example.com", "please", "tealights"),
    fc
      .constantFrom(...words)
      .chain((w) =>
        fc.nat({ max: Math.max(0, w.length - 2) }).map((at) => w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2)),
      ),
    fc.constantFrom(...words).chain((w) => fc.nat({ max: w.length - 1 }).map((at) => w.slice(0, at) + w.slice(at + 1))),
  );
  const message = fc
    .tuple(fc.array(messageWord, { minLength: 1, maxLength: 12 }), fc.constantFrom(" ", "  ", ", ", "? "))
    .map(([ws, separator]) => ws.join(separator));

  it("GIVEN any message of catalog words, typos and codes WHEN corrected twice THEN the second pass changes nothing", () => {
    fc.assert(
      fc.property(message, (text) => {
        const once = speller.correct(text).text;
        expect(speller.correct(once)).toEqual({ text: once, corrections: [] });
      }),
      { numRuns: 500 },
    );
  });

  it("GIVEN any message WHEN corrected THEN applying the reported corrections to it gives the result", () => {
    fc.assert(
      fc.property(message, (text) => {
        const result = speller.correct(text);
        let at = 0;
        let rebuilt = "";
        for (const { from, to, start } of result.corrections) {
          expect(start).toBeGreaterThanOrEqual(at);
          expect(text.slice(start, start + from.length)).toBe(from);
          rebuilt += text.slice(at, start) + to;
          at = start + from.length;
        }
        expect(rebuilt + text.slice(at)).toBe(result.text);
      }),
      { numRuns: 500 },
    );
  });

  it("GIVEN any string WHEN corrected THEN it never throws and keeps everything outside the corrected words", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const result = speller.correct(text);
        if (result.corrections.length === 0) expect(result.text).toBe(text);
        // Corrections change letters, and spaces where they split or join words; nothing else.
        const rest = (s: string) => s.replace(/[\p{L}\s]+/gu, "");
        expect(rest(result.text)).toBe(rest(text));
      }),
    );
  });
});

describe("spelling: size and speed", () => {
  it("GIVEN 10,000 products WHEN the speller is built and used THEN it stays fast", () => {
    ordinaryEnglishWords();
    const nouns = ["lantern", "candle", "mug", "cushion", "teapot", "bag", "frame", "clock", "umbrella", "necklace"];
    const adjectives = ["vintage", "regency", "woodland", "retrospot", "polkadot", "knitted", "frosted", "enamel"];
    const colours = ["red", "pink", "ivory", "green", "blue", "white", "black", "silver"];
    // Made-up names give the catalog a vocabulary of thousands of words, as real ones have.
    const syllables = ["ka", "lo", "mi", "ren", "ta", "vo", "sel", "dur", "bix", "nor", "pa", "zen"];
    const name = (i: number) =>
      syllables[i % 12] + syllables[Math.floor(i / 12) % 12] + syllables[Math.floor(i / 144) % 12];
    const products = Array.from({ length: 10_000 }, (_, i) =>
      catalogProduct({
        title: `${name(i)} ${adjectives[i % 8]} ${colours[Math.floor(i / 8) % 8]} ${nouns[Math.floor(i / 64) % 10]}`,
        productType: nouns[Math.floor(i / 64) % 10],
        tags: [adjectives[i % 8], colours[Math.floor(i / 8) % 8]],
        variants: [{ options: [{ name: "Size", value: i % 2 ? "Large" : "Small" }] }],
      }),
    );
    let started = performance.now();
    const big = buildSpeller({ texts: spellingTexts(products) });
    const buildMs = performance.now() - started;

    // The best of a few rounds: the machine is shared, and the question is what a turn costs, not how busy it is.
    const clean = "hi, do you have the vintage red lantern in stock? order #536365, jo@example.com, under £5 please";
    let cleanMs = Infinity;
    for (let round = 0; round < 5; round++) {
      started = performance.now();
      for (let i = 0; i < 500; i++) big.correct(clean);
      cleanMs = Math.min(cleanMs, (performance.now() - started) / 500);
    }

    // Every message a new misspelling, so that none is answered from the speller's memory.
    const typos = Array.from({ length: 500 }, (_, i) => `any ${name(i)}x ${nouns[i % 10].replace(/[aeiou]/, "")}s?`);
    started = performance.now();
    let changed = 0;
    for (const text of typos) if (big.correct(text).corrections.length) changed++;
    const typoMs = (performance.now() - started) / typos.length;

    expect(big.vocabularySize).toBeGreaterThan(1700);
    expect(changed).toBeGreaterThan(450);
    // Measured well under these on an idle machine (see the decision record); generous for shared CI.
    expect(buildMs).toBeLessThan(1500);
    expect(cleanMs).toBeLessThan(0.1);
    expect(typoMs).toBeLessThan(1);
  });
});

// The real demo catalog and real shoppers' English, when the shared datasets are there.
const dataDir = datasetsDir();
const retailFile = path.join(dataDir, "online-retail/online_retail.csv.gz");
const clincFile = path.join(dataDir, "clinc150/data_full.json");

async function retailTitles(): Promise<string[]> {
  const titles = new Map<string, string>();
  const lines = createInterface({ input: createReadStream(retailFile).pipe(createGunzip()) });
  for await (const line of lines) {
    const match = /^[^,]*,([^,]*),("(?:[^"]|"")*"|[^,]*),/.exec(line);
    if (match && match[2] && !titles.has(match[1])) titles.set(match[1], titleCase(match[2].replace(/^"|"$/g, "")));
  }
  titles.delete("StockCode");
  return [...titles.values()];
}

describe.skipIf(!existsSync(retailFile) || !existsSync(clincFile))("spelling: the Online Retail catalog", () => {
  it("GIVEN its 4,000 titles and CLINC150's test questions WHEN corrected THEN the questions come back unchanged", async () => {
    const titles = await retailTitles();
    const retail = buildSpeller({ texts: titles });
    const clinc = JSON.parse(readFileSync(clincFile, "utf8")) as Record<string, [string, string][]>;
    const questions = [...clinc.test, ...clinc.oos_test].map(([text]) => text);
    const changed = questions.filter((q) => retail.correct(q).corrections.length > 0);
    expect(titles.length).toBeGreaterThan(3500);
    // Measured 1.3 %: brands no word list holds ("tropicana", "applebees"), and typos ("transer" → "transfer").
    expect(changed.length / questions.length, changed.slice(0, 20).join(" | ")).toBeLessThan(0.02);
    expect(corrected("do you have a lantren or a cushin cover?", retail)).toBe(
      "do you have a lantern or a cushion cover?",
    );
  });
});
