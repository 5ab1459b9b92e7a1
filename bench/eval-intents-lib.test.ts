import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { OUT_OF_SCOPE } from "../app/assistant/nlu/classifier";
import {
  clincPath,
  crossValidate,
  evaluateClinc,
  evaluateMassive,
  evaluateTrainTest,
  MASSIVE_LOCALES,
  massivePath,
  parseClinc,
  parseExamplesCsv,
  parseMassive,
  readExamplesCsv,
  readMassive,
  REPO_ROOT,
  resolveCommand,
  resolveDataDir,
  scorePredictions,
} from "./eval-intents-lib";

const run = promisify(execFile);

// A small labelled set generated from templates: enough for the evaluation logic to be exercised
// end to end without any dataset on disk.
const TEMPLATES: Record<string, string[]> = {
  track_order: ["where is my order {n}", "track order {n}", "has order {n} shipped", "status of my order {n}"],
  cancel_order: ["cancel order {n}", "please cancel my order {n}", "i want to cancel {n}", "stop order {n}"],
  refund: ["refund for order {n}", "i want my money back for {n}", "how do i get a refund on {n}", "refund {n} please"],
};
function syntheticRows(perTemplate: number): { text: string; intent: string }[] {
  const rows: { text: string; intent: string }[] = [];
  for (const [intent, templates] of Object.entries(TEMPLATES)) {
    for (const template of templates) {
      for (let i = 0; i < perTemplate; i++) rows.push({ text: template.replace("{n}", String(1000 + i * 7)), intent });
    }
  }
  return rows;
}
const csvOf = (rows: { text: string; intent: string }[], textColumn = "instruction") =>
  `${textColumn},intent,category\n` + rows.map((r) => `"${r.text.replace(/"/g, '""')}",${r.intent},X`).join("\n");

const temp = mkdtempSync(path.join(tmpdir(), "eval-intents-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("parseExamplesCsv", () => {
  it("GIVEN quoted fields with commas, quotes and newlines WHEN parsed THEN each record keeps its text whole", () => {
    const rows = parseExamplesCsv('instruction,intent\n"hi, there ""you""",greeting\n"two\nlines",other\n');
    expect(rows).toEqual([
      { text: 'hi, there "you"', intent: "greeting" },
      { text: "two\nlines", intent: "other" },
    ]);
  });

  it("GIVEN a text column instead of instruction WHEN parsed THEN it is used", () => {
    expect(parseExamplesCsv("intent,text\ngreeting,hello\n")).toEqual([{ text: "hello", intent: "greeting" }]);
  });

  it("GIVEN no intent column WHEN parsed THEN it says which columns it needs", () => {
    expect(() => parseExamplesCsv("text,label\nhi,greeting\n", "x.csv")).toThrow(/x\.csv needs .*"intent"/);
  });
});

describe("scorePredictions", () => {
  it("GIVEN predictions WHEN scored THEN accuracy and macro F1 follow scikit-learn's definitions", () => {
    const result = scorePredictions(["a", "a", "b", "b"], ["a", "b", "b", null]);
    expect(result.accuracy).toBe(0.5);
    // F1: a = 2/3, b = 1/2, out_of_scope (predicted, never true) = 0 → mean over 3 labels.
    expect(result.macroF1).toBeCloseTo((2 / 3 + 1 / 2 + 0) / 3, 10);
    expect(result.n).toBe(4);
  });

  it("GIVEN lists of different lengths WHEN scored THEN it refuses", () => {
    expect(() => scorePredictions(["a"], [])).toThrow();
  });
});

describe("evaluation on synthetic data", () => {
  it("GIVEN a labelled set WHEN cross-validated THEN every row is predicted once and accuracy is high", () => {
    const rows = syntheticRows(5);
    const result = crossValidate(rows, 5);
    expect(result.n).toBe(rows.length);
    expect(result.accuracy).toBeGreaterThan(0.9);
    expect(result.macroF1).toBeGreaterThan(0.9);
  });

  it("GIVEN a train and a test set WHEN evaluated THEN the test set is scored", () => {
    const result = evaluateTrainTest(syntheticRows(4), syntheticRows(2).slice(0, 10));
    expect(result.n).toBe(10);
    expect(result.accuracy).toBeGreaterThan(0.8);
  });

  it("GIVEN a CLINC150-shaped file WHEN evaluated THEN both figures come from the test splits", () => {
    const pairs = (rows: { text: string; intent: string }[]) => rows.map((r) => [r.text, r.intent]);
    const oos = (texts: string[]) => texts.map((t) => [t, "oos"]);
    const json = JSON.stringify({
      train: pairs(syntheticRows(6)),
      val: pairs(syntheticRows(2)),
      test: pairs(syntheticRows(3)),
      oos_train: oos(["what is the weather", "tell me a joke", "who won the game", "play some music"]),
      oos_val: oos(["how tall is everest", "sing a song"]),
      oos_test: oos(["what is the capital of peru", "recommend a film"]),
    });
    const data = parseClinc(json);
    expect(data.oosTrain[0].intent).toBe(OUT_OF_SCOPE);
    let clock = 0;
    const result = evaluateClinc(data, {}, () => (clock += 1500));
    expect(result.dataset).toBe("clinc150");
    expect(result.inScopeAccuracy).toBeGreaterThan(0.8);
    expect(result.oosRecall).toBeGreaterThanOrEqual(0);
    expect(result.oosRecall).toBeLessThanOrEqual(1);
    expect(result.trainSeconds).toBe(1.5);
  });

  it("GIVEN a CLINC file without a split WHEN parsed THEN it names the split", () => {
    expect(() => parseClinc(JSON.stringify({ train: [] }))).toThrow(/oos_train/);
  });
});

describe("command line", () => {
  it("GIVEN the flags of each mode WHEN resolved THEN the right mode comes back; bad combinations are refused", () => {
    expect(resolveCommand({ dataset: "clinc150", data: "/x" })).toEqual({ mode: "clinc150", dataDir: "/x" });
    expect(resolveCommand({ train: "a.csv", test: "b.csv" })).toEqual({
      mode: "train-test",
      train: "a.csv",
      test: "b.csv",
    });
    expect(resolveCommand({ train: "a.csv", cv: "5" })).toEqual({ mode: "cv", train: "a.csv", folds: 5 });
    expect(() => resolveCommand({ dataset: "snips" })).toThrow(/unknown dataset/);
    expect(() => resolveCommand({ train: "a.csv", cv: "1" })).toThrow(/--cv/);
    expect(() => resolveCommand({ train: "a.csv", test: "b.csv", cv: "5" })).toThrow(/not both/);
    expect(() => resolveCommand({})).toThrow(/usage/);
  });

  it("GIVEN --data, ASSISTANT_DATA_DIR or neither WHEN the data folder is resolved THEN that order wins", () => {
    expect(resolveDataDir("/flag", { ASSISTANT_DATA_DIR: "/env" })).toBe("/flag");
    expect(resolveDataDir(undefined, { ASSISTANT_DATA_DIR: "/env" })).toBe("/env");
    expect(resolveDataDir(undefined, {})).toBe(path.resolve(REPO_ROOT, "../shared/datasets"));
  });

  it("GIVEN small CSV files WHEN the command runs in each CSV mode THEN the last stdout line is the JSON result", async () => {
    const train = path.join(temp, "train.csv");
    const test = path.join(temp, "test.csv");
    writeFileSync(train, csvOf(syntheticRows(4)));
    writeFileSync(test, csvOf(syntheticRows(1), "text"));
    expect(readExamplesCsv(test)).toHaveLength(12);
    const script = path.join(REPO_ROOT, "bench/eval-intents.ts");
    const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
    for (const args of [
      ["--train", train, "--cv", "3"],
      ["--train", train, "--test", test],
    ]) {
      const { stdout, stderr } = await run(tsx, [script, ...args], { cwd: REPO_ROOT });
      const last = stdout.trim().split("\n").at(-1)!;
      const result = JSON.parse(last);
      expect(Object.keys(result)).toEqual(["accuracy", "macroF1", "n"]);
      expect(result.accuracy).toBeGreaterThan(0.8);
      expect(stderr).toMatch(/training rows/);
    }
  }, 60_000);

  it("GIVEN a data folder with a small CLINC150 file WHEN the command runs THEN it prints the paper's figures", async () => {
    const dir = path.join(temp, "data");
    const pairs = (rows: { text: string; intent: string }[]) => rows.map((r) => [r.text, r.intent]);
    const oos = (texts: string[]) => texts.map((t) => [t, "oos"]);
    const file = clincPath(dir);
    await import("node:fs/promises").then((fs) => fs.mkdir(path.dirname(file), { recursive: true }));
    writeFileSync(
      file,
      JSON.stringify({
        train: pairs(syntheticRows(5)),
        val: pairs(syntheticRows(2)),
        test: pairs(syntheticRows(2)),
        oos_train: oos(["weather today", "tell a joke", "football scores"]),
        oos_val: oos(["how tall is everest"]),
        oos_test: oos(["capital of peru"]),
      }),
    );
    const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
    const { stdout } = await run(tsx, [
      path.join(REPO_ROOT, "bench/eval-intents.ts"),
      "--dataset",
      "clinc150",
      "--data",
      dir,
    ]);
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(Object.keys(result)).toEqual(["dataset", "inScopeAccuracy", "oosRecall", "trainSeconds"]);
    expect(result.dataset).toBe("clinc150");
  }, 60_000);

  it("GIVEN a missing data folder WHEN the command runs THEN it fails with a message and no JSON", async () => {
    const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
    const failure = await run(tsx, [
      path.join(REPO_ROOT, "bench/eval-intents.ts"),
      "--dataset",
      "clinc150",
      "--data",
      path.join(temp, "nowhere"),
    ]).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect("code" in failure && failure.code).toBe(1);
    expect(failure.stderr).toMatch(/CLINC150 not found/);
    expect(failure.stdout).toBe("");
  }, 60_000);
});

// A tiny MASSIVE-shaped locale: JSON lines with the slot annotations the loader must ignore.
const GERMAN_TEMPLATES: Record<string, string[]> = {
  alarm_set: ["weck mich um {n} uhr", "stell einen wecker auf {n} uhr", "alarm für {n} uhr bitte"],
  weather_query: ["wie wird das wetter um {n} uhr", "regnet es um {n} uhr", "brauche ich um {n} uhr einen schirm"],
  play_music: ["spiel lied nummer {n}", "spiele musik von album {n}", "ich will titel {n} hören"],
};
function massiveLines(locale: string, split: string, perTemplate: number, offset = 0): string {
  const lines: string[] = [];
  let id = offset;
  for (const [intent, templates] of Object.entries(GERMAN_TEMPLATES)) {
    for (const template of templates) {
      for (let i = 0; i < perTemplate; i++) {
        const n = String(offset + i + 1);
        const utt = template.replace("{n}", n);
        const annot = template.replace("{n}", `[time : ${n}]`);
        const row = {
          id: String(++id),
          locale,
          partition: split,
          scenario: intent.split("_")[0],
          intent,
          utt,
          annot_utt: annot,
        };
        lines.push(JSON.stringify(row));
      }
    }
  }
  return lines.join("\n") + "\n";
}
function writeMassive(dir: string, locale = "de-DE") {
  mkdirSync(path.join(dir, "massive"), { recursive: true });
  writeFileSync(massivePath(dir, locale, "train"), massiveLines(locale, "train", 4));
  writeFileSync(massivePath(dir, locale, "dev"), massiveLines(locale, "dev", 2, 100));
  writeFileSync(massivePath(dir, locale, "test"), massiveLines(locale, "test", 2, 200));
}

describe("MASSIVE", () => {
  it("GIVEN JSON lines with slot annotations WHEN parsed THEN the plain utterance and the intent are kept", () => {
    const rows = parseMassive(massiveLines("de-DE", "train", 1));
    expect(rows).toHaveLength(9);
    expect(rows[0]).toEqual({ text: "weck mich um 1 uhr", intent: "alarm_set" });
    expect(rows.some((row) => row.text.includes("["))).toBe(false);
  });

  it("GIVEN a bad line WHEN parsed THEN it names the file and the line", () => {
    expect(() => parseMassive('{"utt":"a","intent":"x"}\nnot json\n', "f.jsonl")).toThrow(
      /f\.jsonl line 2 is not JSON/,
    );
    expect(() => parseMassive('{"utt":"a"}\n', "f.jsonl")).toThrow(/line 1 has no "utt" and "intent"/);
  });

  it("GIVEN a locale folder WHEN evaluated THEN train fits, dev calibrates, test is scored with the locale's language", () => {
    const dir = path.join(temp, "massive-eval");
    writeMassive(dir);
    const data = readMassive(dir, "de-DE");
    expect([data.train.length, data.dev.length, data.test.length]).toEqual([36, 18, 18]);
    const progress: string[] = [];
    let clock = 0;
    const result = evaluateMassive(data, "de-DE", { onProgress: (m) => progress.push(m) }, () => (clock += 2000));
    expect(Object.keys(result)).toEqual(["dataset", "locale", "accuracy", "trainSeconds"]);
    expect(result).toMatchObject({ dataset: "massive", locale: "de-DE", trainSeconds: 2 });
    expect(result.accuracy).toBeGreaterThan(0.9);
    expect(progress.some((m) => /calibrated on 18 held-out/.test(m))).toBe(true);
    const onDev = evaluateMassive(data, "de-DE", { scored: "dev" });
    expect(onDev.split).toBe("dev");
    // A locale whose language has no analyser fails instead of silently analysing as English.
    expect(() => evaluateMassive(data, "it-IT")).toThrow(/no text analyser/);
  });

  it("GIVEN a missing split WHEN read THEN it says which file", () => {
    expect(() => readMassive(path.join(temp, "nowhere"), "fr-FR")).toThrow(/MASSIVE fr-FR train not found/);
  });

  it("GIVEN the massive flags WHEN resolved THEN locale and split are checked", () => {
    expect(resolveCommand({ dataset: "massive", locale: "de-de", data: "/x" })).toEqual({
      mode: "massive",
      dataDir: "/x",
      locale: "de-DE",
      split: "test",
    });
    expect(resolveCommand({ dataset: "massive", locale: "fr-FR", split: "dev", data: "/x" })).toMatchObject({
      split: "dev",
    });
    expect(() => resolveCommand({ dataset: "massive" })).toThrow(/--locale de-DE, fr-FR, es-ES, en-US/);
    expect(() => resolveCommand({ dataset: "massive", locale: "it-IT" })).toThrow(/--locale/);
    expect(() => resolveCommand({ dataset: "massive", locale: "de-DE", split: "train" })).toThrow(/--split/);
    expect(() => resolveCommand({ dataset: "clinc150", locale: "de-DE" })).toThrow(/for --dataset massive/);
    expect(() => resolveCommand({ train: "a.csv", cv: "5", split: "dev" })).toThrow(/for --dataset massive/);
    expect(MASSIVE_LOCALES).toEqual(["de-DE", "fr-FR", "es-ES", "en-US"]);
  });

  it("GIVEN a data folder with a small MASSIVE locale WHEN the command runs THEN the last line is the issue's JSON", async () => {
    const dir = path.join(temp, "massive-cli");
    writeMassive(dir, "es-ES");
    const tsx = path.join(REPO_ROOT, "node_modules/.bin/tsx");
    const script = path.join(REPO_ROOT, "bench/eval-intents.ts");
    const { stdout } = await run(tsx, [script, "--dataset", "massive", "--locale", "es-ES", "--data", dir]);
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(Object.keys(result)).toEqual(["dataset", "locale", "accuracy", "trainSeconds"]);
    expect(result).toMatchObject({ dataset: "massive", locale: "es-ES" });
    const dev = await run(tsx, [script, "--dataset", "massive", "--locale", "es-ES", "--split", "dev", "--data", dir]);
    expect(JSON.parse(dev.stdout.trim().split("\n").at(-1)!)).toMatchObject({ locale: "es-ES", split: "dev" });
  }, 60_000);
});

// The real datasets live beside the repository; these run only where they are.
const dataDir = resolveDataDir();
const bitext = path.join(dataDir, "bitext-support", "train.csv");
const clinc = clincPath(dataDir);

describe.skipIf(!existsSync(bitext))(
  `Bitext support intents (${existsSync(bitext) ? bitext : `skipped: no ${bitext}`})`,
  () => {
    it("GIVEN the Bitext training CSV WHEN 5-fold cross-validated THEN accuracy is at least 0.97", () => {
      const result = crossValidate(readExamplesCsv(bitext), 5);
      expect(result.n).toBe(3374);
      expect(result.accuracy).toBeGreaterThanOrEqual(0.97);
    }, 300_000);
  },
);

describe.skipIf(!existsSync(clinc))(`CLINC150 (${existsSync(clinc) ? clinc : `skipped: no ${clinc}`})`, () => {
  it("GIVEN data_full.json WHEN parsed THEN the split sizes are the paper's", () => {
    const data = parseClinc(readFileSync(clinc, "utf8"));
    expect([data.train, data.val, data.test, data.oosTrain, data.oosVal, data.oosTest].map((s) => s.length)).toEqual([
      15000, 3000, 4500, 100, 100, 1000,
    ]);
  });

  // Full training takes tens of seconds on two shared cores: opt in with EVAL_SLOW=1 (npm run eval:intents does the same).
  it.skipIf(process.env.EVAL_SLOW !== "1")(
    "GIVEN the full benchmark WHEN evaluated THEN the issue's goals hold (in-scope >= 0.92, oos recall >= 0.55, < 60 s)",
    () => {
      const result = evaluateClinc(parseClinc(readFileSync(clinc, "utf8")));
      expect(result.inScopeAccuracy).toBeGreaterThanOrEqual(0.92);
      expect(result.oosRecall).toBeGreaterThanOrEqual(0.55);
      expect(result.trainSeconds).toBeLessThan(60);
    },
    600_000,
  );
});

const massiveDe = massivePath(dataDir, "de-DE", "test");
describe.skipIf(!existsSync(massiveDe))(
  `MASSIVE (${existsSync(massiveDe) ? path.dirname(massiveDe) : `skipped: no ${massiveDe}`})`,
  () => {
    it("GIVEN the four locales WHEN read THEN each has the published split sizes and the same 60 intents", () => {
      const intents = new Set<string>();
      for (const locale of MASSIVE_LOCALES) {
        const data = readMassive(dataDir, locale);
        expect([data.train.length, data.dev.length, data.test.length]).toEqual([11514, 2033, 2974]);
        for (const example of data.train) intents.add(example.intent);
      }
      expect(intents.size).toBe(60);
    });
  },
);

if (!existsSync(bitext) || !existsSync(clinc)) {
  console.warn(`eval-intents dataset tests skipped: datasets not found under ${dataDir} (set ASSISTANT_DATA_DIR)`);
}
