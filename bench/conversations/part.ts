import { hash32 } from "../../tests/factories/random";
import type { Category, Check, Constraints, Script, Turn } from "./types";

/**
 * What every later part of the development set (dev-2.ts to dev-6.ts) writes its scripts with:
 * the words of a text as the parts compare them, a stable shuffle per part (the same data
 * always yields the same picks), turns and scripts with the part's id prefix, and what the
 * earlier parts already use so that a new part picks other customers, orders and emails.
 */

export const tokens = (text: string) =>
  text
    .toLowerCase()
    .replace(/'/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

export const stem = (word: string) =>
  word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export const turn = (say: string, expect: Check[], constraints?: Constraints): Turn => ({ say, expect, constraints });

/** The shuffle and the script maker of one part ("dev4"): its ids and hashes carry the name. */
export function devPart(name: string) {
  return {
    shuffled<T>(items: readonly T[], key: (item: T) => string, salt: string): T[] {
      return items
        .map((item) => ({ item, k: key(item), h: hash32(`${name}:${salt}:${key(item)}`) }))
        .sort((a, b) => a.h - b.h || a.k.localeCompare(b.k))
        .map(({ item }) => item);
    },
    script(id: string, category: Category, turns: Turn[], extra: Partial<Script> = {}): Script {
      return { id: `${name}/${id}`, category, turns, ...extra };
    },
  };
}

/**
 * The budget the reply says it searched within ("under £5.00", "between £4.80 and £7.20") is
 * no wider than the one the shopper gave: a ceiling above theirs lets dearer cards in.
 */
export function saysNoCeilingAbove(max: number): Check {
  return (reply) => {
    const stated = [...reply.text.matchAll(/\b(?:under|below|up to|less than|and) £(\d+(?:\.\d+)?)/gi)].map((m) =>
      Number(m[1]),
    );
    const above = stated.filter((amount) => amount > max + 1e-9);
    return above.length
      ? `the reply searched up to £${above[0]}, above the £${max} the shopper gave: ${JSON.stringify(reply.text.slice(0, 160))}`
      : null;
  };
}

/** A turn; one with a budget also checks that the reply's own words keep to it. */
export const budgetedTurn = (say: string, expect: Check[], constraints?: Constraints): Turn => ({
  say,
  expect: constraints?.priceMax !== undefined ? [...expect, saysNoCeilingAbove(constraints.priceMax)] : expect,
  constraints,
});

export interface Used {
  customers: Set<string>;
  orderNumbers: Set<string>;
  emails: Set<string>;
  /** Everything the shoppers of those scripts say, for parts that avoid their words too. */
  said: string[];
}

/** The customers, order numbers and emails the given scripts already use. */
export function usedBy(scripts: readonly Script[]): Used {
  const said = scripts.flatMap((s) => s.turns.map((t) => t.say));
  return {
    customers: new Set(scripts.map((s) => s.customerId).filter((c): c is string => !!c)),
    orderNumbers: new Set(said.flatMap((text) => text.match(/\d{5,}/g) ?? [])),
    emails: new Set(said.flatMap((text) => text.toLowerCase().match(/[\w.+-]+@[\w.-]+\.\w+/g) ?? [])),
    said,
  };
}
