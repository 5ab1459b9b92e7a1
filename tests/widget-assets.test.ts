import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "acorn";
import { themeCheckRun } from "@shopify/theme-check-node";
import { describe, expect, it } from "vitest";
import { BUDGET, widgetAssetsDir, widgetSizes } from "../bench/widget-size";

const extension = path.resolve(import.meta.dirname, "../extensions/assistant-widget");
const read = (file: string) => readFileSync(path.join(extension, file), "utf8");
const json = (file: string) => JSON.parse(read(file)) as Record<string, unknown>;

function keys(tree: unknown, prefix = ""): string[] {
  if (typeof tree !== "object" || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

describe("the storefront widget's weight", () => {
  it("GIVEN the loader every page carries THEN it is at most 2 KB gzip'd", () => {
    expect(widgetSizes().loaderGzipBytes).toBeLessThanOrEqual(BUDGET.loaderGzipBytes);
  });

  it("GIVEN the chat UI (JS and CSS) loaded on first interaction THEN it is at most 12 KB gzip'd", () => {
    expect(widgetSizes().uiGzipBytes).toBeLessThanOrEqual(BUDGET.uiGzipBytes);
  });
});

describe("the storefront widget's scripts", () => {
  it.each(["loader.js", "chat.js"])("GIVEN %s THEN it is plain ES2019 that browsers run as shipped", (file) => {
    const source = readFileSync(path.join(widgetAssetsDir, file), "utf8");
    expect(() => parse(source, { ecmaVersion: 2019, sourceType: "script" })).not.toThrow();
  });

  it.each(["loader.js", "chat.js"])("GIVEN %s THEN it neither evaluates strings nor writes HTML", (file) => {
    const source = readFileSync(path.join(widgetAssetsDir, file), "utf8");
    expect(source).not.toMatch(
      /\beval\s*\(|new Function\b|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write/,
    );
  });
});

describe("the widget's translations", () => {
  const english = keys(json("locales/en.default.json")).sort();

  it.each(["fr", "de", "es"])("GIVEN %s THEN every widget string and setting label is translated", (locale) => {
    expect(keys(json(`locales/${locale}.json`)).sort()).toEqual(english);
    expect(keys(json(`locales/${locale}.schema.json`)).sort()).toEqual(
      keys(json("locales/en.default.schema.json")).sort(),
    );
  });

  it("GIVEN the block THEN every string it translates exists, and every one the scripts use is passed", () => {
    const block = read("blocks/assistant.liquid");
    const translated = [...block.matchAll(/'([a-z_.0-9]+)' \| t\b/g)].map((m) => m[1]);
    for (const key of translated) expect(english, key).toContain(key);

    const passed = new Set([...block.matchAll(/^\s+"(\w+)": \{\{ '[a-z_.0-9]+' \| t/gm)].map((m) => m[1]));
    const used = new Set(
      ["chat.js", "loader.js"].flatMap((file) =>
        [...read(`assets/${file}`).matchAll(/\b(?:s|config\.strings)\.(\w+)/g)].map((m) => m[1]),
      ),
    );
    for (const key of used) expect(passed, key).toContain(key);
  });
});

describe("Shopify's theme check", () => {
  it("GIVEN the theme app extension THEN it finds no offence", async () => {
    const { offenses } = await themeCheckRun(extension, undefined, () => {});
    expect(offenses.map((o) => `${o.uri.split("/").pop()}: ${o.check} ${o.message}`)).toEqual([]);
  });
});
