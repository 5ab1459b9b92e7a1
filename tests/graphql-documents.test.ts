import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { API_VERSION } from "~/shopify/admin-api.server";
import { adminSchema } from "./fake-shopify/schema";

const appDir = path.resolve(import.meta.dirname, "../app");

/** Every `#graphql` template literal in app/, with where it was found. */
function graphqlDocuments() {
  const documents: { where: string; source: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "generated") walk(full);
      } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        const text = readFileSync(full, "utf8");
        for (const match of text.matchAll(/`(#graphql[\s\S]*?)`/g)) {
          const line = text.slice(0, match.index).split("\n").length;
          documents.push({ where: `${path.relative(appDir, full)}:${line}`, source: match[1] });
        }
      }
    }
  };
  walk(appDir);
  return documents;
}

/** The schema's complaints about one document, as readable strings. */
function problems(source: string): string[] {
  if (source.includes("${")) return ["documents must not interpolate: pass variables instead"];
  try {
    return validate(adminSchema(API_VERSION), parse(source)).map((error) => error.message);
  } catch (error) {
    return [String(error)];
  }
}

describe(`GraphQL documents against Shopify's Admin schema ${API_VERSION}`, () => {
  const documents = graphqlDocuments();

  it("finds the app's documents", () => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(documents.map((d) => [d.where, d.source]))("%s is valid", (_where, source) => {
    expect(problems(source)).toEqual([]);
  });

  it("catches a misspelt field and names it", () => {
    const misspelt = `#graphql
      query { shop { name curencyCode } }`;

    expect(problems(misspelt)).toEqual([expect.stringContaining('Cannot query field "curencyCode" on type "Shop"')]);
  });
});
