import { DEFAULT_BLEND, DEFAULT_DISCOVER_BLEND, type Blend, type ShopValidation } from "./validate";
import { SIGNALS, STRATEGIES, type SignalName, type StrategyName } from "./types";

/**
 * The shop's validation in plain words for the Recommendations page: what was chosen, on which
 * months, and how the choice did on the last month against a plain bestseller list.
 */
export interface ValidationWords {
  heading: string;
  /** Sentences, in order. */
  paragraphs: string[];
  /** What the chosen blends changed from the standard mix, one line each. */
  changes: string[];
  /** The lift on the last month, for a badge ("1.6× bestsellers"); null when not measured. */
  lift: string | null;
}

const STRATEGY_WORDS: Record<StrategyName, string> = {
  repurchase: "buy again",
  personal: "picked for the shopper",
  copurchase: "bought with this product",
  complementary: "goes with the cart",
  content: "similar products",
  popular: "popular",
  trending: "trending this week",
};

const SIGNAL_WORDS: Record<SignalName, string> = {
  neighbours: "often bought together",
  learned: "learned from every basket",
  recent: "popular lately",
  seasonal: "this time last year",
};

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const percent = (x: number) => `${Math.round(x * 100)}%`;
const number = (x: number) => String(Math.round(x * 100) / 100);

function changesOf(chosen: Blend, from: Blend, list: string): string[] {
  const out: string[] = [];
  for (const s of STRATEGIES) {
    if (list === "“something new”" && s === "repurchase") continue;
    if (chosen.weights[s] !== from.weights[s]) {
      out.push(`${list}: ${STRATEGY_WORDS[s]} ${number(from.weights[s])} → ${number(chosen.weights[s])}`);
    }
  }
  for (const s of SIGNALS) {
    if (chosen.signals[s] !== from.signals[s]) {
      out.push(`${list}: ${SIGNAL_WORDS[s]} ×${number(from.signals[s])} → ×${number(chosen.signals[s])}`);
    }
  }
  return out;
}

export function describeValidation(
  validation: ShopValidation | null,
  { customWeights }: { customWeights: boolean },
): ValidationWords {
  const heading = "Tested on your own orders";
  const own = customWeights
    ? "You have set your own strategy weights, so the usual list uses yours; the choices below still apply to “something new”."
    : null;
  if (!validation) {
    return {
      heading,
      paragraphs: [
        "Not tested yet. Each night the app replays your past orders month by month, tries a few mixes of its strategies and keeps the one that would have found what your customers bought next. Until the first run it uses the standard mix.",
        ...(own ? [own] : []),
      ],
      changes: [],
      lift: null,
    };
  }
  const choiceMonths = validation.folds.filter((f) => f.role === "choice").map((f) => MONTH.format(f.trainEnd));
  const paragraphs: string[] = [];
  if (!validation.default.validated) {
    paragraphs.push(
      "Your shop does not have enough repeat customers yet to test on (a month needs at least 30 customers who had bought before). The standard mix is used until it does.",
    );
  } else {
    paragraphs.push(
      `The mix was chosen on ${choiceMonths.join(" and ")}: for each of those months the app learned only from the orders before it and checked its suggestions against what your customers then bought.`,
    );
  }
  const changes = validation.default.validated
    ? [
        ...changesOf(validation.default.blend, DEFAULT_BLEND, "Usual list"),
        ...changesOf(validation.discover.blend, DEFAULT_DISCOVER_BLEND, "“something new”"),
      ]
    : [];
  if (validation.default.validated && changes.length === 0) {
    paragraphs.push("The standard mix did best, so nothing was changed.");
  }
  let lift: string | null = null;
  const last = validation.lastMonth;
  if (last) {
    const month = MONTH.format(last.from);
    const { app, bestsellers } = last;
    const times = bestsellers.hr10 > 0 ? app.hr10 / bestsellers.hr10 : null;
    paragraphs.push(
      `Checked on ${month}, which the choice did not see: for ${percent(app.hr10)} of the ${last.customers} returning customers, the 10 suggestions included something they then bought, against ${percent(bestsellers.hr10)} for a plain list of bestsellers` +
        (times ? ` (${number(times)} times as often).` : "."),
    );
    if (last.discoverCustomers > 0) {
      paragraphs.push(
        `For products new to them (${last.discoverCustomers} customers bought something new), “something new” suggestions found one for ${percent(app.hr10Discover)}, bestsellers for ${percent(bestsellers.hr10Discover)}.`,
      );
    }
    if (times) lift = `${number(times)}× bestsellers in ${month}`;
  }
  if (own) paragraphs.push(own);
  paragraphs.push(`Last run: ${new Date(validation.at).toISOString().slice(0, 16).replace("T", " ")} UTC.`);
  return { heading, paragraphs, changes, lift };
}
