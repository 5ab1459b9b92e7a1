import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { massivePath, REPO_ROOT, resolveDataDir } from "./eval-intents-lib";
import {
  evaluateLanguageId,
  evaluateWithPriors,
  readMassiveUtterances,
  wordCount,
  type LabelledUtterance,
} from "./eval-language-lib";

const run = promisify(execFile);
const temp = mkdtempSync(path.join(tmpdir(), "eval-language-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const UTTERANCES: LabelledUtterance[] = [
  { text: "wie wird das wetter morgen in berlin", language: "de" },
  { text: "danke", language: "de" },
  { text: "quel temps fera-t-il demain à paris", language: "fr" },
  { text: "merci beaucoup", language: "fr" },
  { text: "qué tiempo hará mañana en madrid", language: "es" },
  { text: "gracias", language: "es" },
  { text: "what will the weather be like tomorrow in london", language: "en" },
  { text: "thanks", language: "en" },
];

function writeLocale(dir: string, locale: string, split: string, texts: string[]) {
  mkdirSync(path.join(dir, "massive"), { recursive: true });
  const lines = texts.map((utt, i) => JSON.stringify({ id: String(i + 1), locale, intent: "weather_query", utt }));
  writeFileSync(massivePath(dir, locale, split as "test"), lines.join("\n") + "\n");
}

describe("evaluateLanguageId", () => {
  it("GIVEN labelled utterances WHEN evaluated THEN overall and short (<= 3 words) accuracy are counted apart", () => {
    expect(evaluateLanguageId(UTTERANCES)).toEqual({ n: 8, accuracy: 1, shortN: 4, shortAccuracy: 1 });
  });

  it("GIVEN an utterance whose label is wrong WHEN evaluated THEN it counts as a miss in both figures", () => {
    const mislabelled = [...UTTERANCES, { text: "hola", language: "de" as const }];
    expect(evaluateLanguageId(mislabelled)).toEqual({ n: 9, accuracy: 8 / 9, shortN: 5, shortAccuracy: 4 / 5 });
  });

  it("GIVEN one locale's utterances and all four candidates WHEN evaluated THEN the other languages stay possible answers", () => {
    const german = [{ text: "gracias", language: "de" as const }];
    expect(evaluateLanguageId(german).accuracy).toBe(1); // German is the only candidate
    expect(evaluateLanguageId(german, ["de", "fr", "es", "en"]).accuracy).toBe(0);
  });

  it("GIVEN a storefront locale WHEN evaluated with priors THEN right and other priors are measured separately", () => {
    const result = evaluateWithPriors(UTTERANCES);
    expect(result.rightPrior).toBe(1);
    expect(result.otherPrior).toBeGreaterThan(0.8);
    expect(result.otherPrior).toBeLessThanOrEqual(1);
  });

  it("GIVEN words separated by runs of spaces WHEN counted THEN each word counts once", () => {
    expect(wordCount("  wake   me up ")).toBe(3);
    expect(wordCount("")).toBe(0);
  });
});

describe("readMassiveUtterances and the command", () => {
  const dir = path.join(temp, "data");
  writeLocale(dir, "de-DE", "test", ["wie wird das wetter morgen", "danke"]);
  writeLocale(dir, "fr-FR", "test", ["quel temps fera-t-il demain", "merci beaucoup"]);
  writeLocale(dir, "es-ES", "test", ["qué tiempo hará mañana", "gracias"]);
  writeLocale(dir, "en-US", "test", ["what will the weather be tomorrow", "thanks"]);

  it("GIVEN the four locale files WHEN read THEN each utterance carries its locale's language", () => {
    const utterances = readMassiveUtterances(dir);
    expect(utterances).toHaveLength(8);
    expect(utterances.map((u) => u.language)).toEqual(["de", "de", "fr", "fr", "es", "es", "en", "en"]);
    expect(() => readMassiveUtterances(dir, "dev")).toThrow(/MASSIVE de-DE dev not found/);
    expect(() => readMassiveUtterances(dir, "test", ["pt-BR"])).toThrow(/no supported language/);
  });

  it("GIVEN a data folder WHEN npm run eval:language runs THEN the last stdout line is the issue's JSON", async () => {
    const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
    const { stdout, stderr } = await run(tsx, [path.join(REPO_ROOT, "bench/eval-language.ts"), "--data", dir]);
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(Object.keys(result)).toEqual(["n", "accuracy", "shortN", "shortAccuracy"]);
    expect(result).toMatchObject({ n: 8, shortN: 4 });
    expect(stderr).toMatch(/de-DE: 2 utterances/);
    expect(stderr).toMatch(/another locale/);
  }, 60_000);

  it("GIVEN a missing data folder WHEN the command runs THEN it fails with a message and no JSON", async () => {
    const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
    const failure = await run(tsx, [
      path.join(REPO_ROOT, "bench/eval-language.ts"),
      "--data",
      path.join(temp, "no"),
    ]).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in failure && failure.code).toBe(1);
    expect(failure.stderr).toMatch(/not found/);
    expect(failure.stdout).toBe("");
  }, 60_000);
});

const massiveTest = massivePath(resolveDataDir(), "de-DE", "test");
describe.skipIf(!existsSync(massiveTest))(`MASSIVE language identification (${massiveTest})`, () => {
  it("GIVEN the four locales' test utterances WHEN identified without a hint THEN the issue's goals hold", () => {
    const result = evaluateLanguageId(readMassiveUtterances(resolveDataDir()));
    expect(result.n).toBe(4 * 2974);
    expect(result.accuracy).toBeGreaterThanOrEqual(0.98);
    expect(result.shortAccuracy).toBeGreaterThanOrEqual(0.92);
  }, 120_000);
});
