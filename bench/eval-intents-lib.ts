import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import {
  OUT_OF_SCOPE,
  trainIntentClassifier,
  type IntentClassifierOptions,
  type IntentExample,
} from "../app/assistant/nlu/classifier";
import { stratifiedFolds } from "../app/assistant/nlu/folds";

export const REPO_ROOT = path.resolve(import.meta.dirname, "..");

/** `--data DIR`, else ASSISTANT_DATA_DIR, else ../shared/datasets beside the repository. */
export function resolveDataDir(flag?: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.ASSISTANT_DATA_DIR) return path.resolve(env.ASSISTANT_DATA_DIR);
  return path.resolve(REPO_ROOT, "../shared/datasets");
}

export interface ClincData {
  train: IntentExample[];
  oosTrain: IntentExample[];
  val: IntentExample[];
  oosVal: IntentExample[];
  test: IntentExample[];
  oosTest: IntentExample[];
}

/** CLINC150's data_full.json: splits of `[text, intent]` pairs; its `oos` label becomes OUT_OF_SCOPE. */
export function parseClinc(json: string): ClincData {
  const raw = JSON.parse(json) as Record<string, unknown>;
  const split = (name: string): IntentExample[] => {
    const items = raw[name];
    if (!Array.isArray(items)) throw new Error(`CLINC150 file has no "${name}" split`);
    return items.map((item, i) => {
      if (!Array.isArray(item) || typeof item[0] !== "string" || typeof item[1] !== "string") {
        throw new Error(`CLINC150 "${name}" item ${i} is not [text, intent]`);
      }
      return { text: item[0], intent: item[1] === "oos" ? OUT_OF_SCOPE : item[1] };
    });
  };
  return {
    train: split("train"),
    oosTrain: split("oos_train"),
    val: split("val"),
    oosVal: split("oos_val"),
    test: split("test"),
    oosTest: split("oos_test"),
  };
}

export function clincPath(dataDir: string): string {
  return path.join(dataDir, "clinc150", "data_full.json");
}

export interface ClincResult {
  dataset: "clinc150";
  inScopeAccuracy: number;
  oosRecall: number;
  trainSeconds: number;
}

/**
 * Larson et al. (2019): train on `train` + `oos_train`, tune on `val` + `oos_val`; in-scope
 * accuracy over `test` (an in-scope query called out of scope is wrong), out-of-scope recall
 * over `oos_test`.
 */
export function evaluateClinc(
  data: ClincData,
  options: IntentClassifierOptions = {},
  now: () => number = () => performance.now(),
): ClincResult {
  const started = now();
  const classifier = trainIntentClassifier([...data.train, ...data.oosTrain], {
    ...options,
    validation: [...data.val, ...data.oosVal],
  });
  const trainSeconds = (now() - started) / 1000;
  let correct = 0;
  for (const example of data.test) if (classifier.classify(example.text).intent === example.intent) correct++;
  let rejected = 0;
  for (const example of data.oosTest) if (classifier.classify(example.text).intent === null) rejected++;
  return {
    dataset: "clinc150",
    inScopeAccuracy: correct / data.test.length,
    oosRecall: rejected / data.oosTest.length,
    trainSeconds,
  };
}

/** The MASSIVE locales in ../shared/datasets/massive (the four). */
export const MASSIVE_LOCALES = ["de-DE", "fr-FR", "es-ES", "en-US"] as const;
export const MASSIVE_SPLITS = ["train", "dev", "test"] as const;
export type MassiveSplit = (typeof MASSIVE_SPLITS)[number];

export function massivePath(dataDir: string, locale: string, split: MassiveSplit): string {
  return path.join(dataDir, "massive", `${locale}.${split}.jsonl`);
}

/** One MASSIVE JSON line per utterance; only `utt` (the plain text) and `intent` are used, never the slot annotations. */
export function parseMassive(jsonl: string, name = "MASSIVE file"): IntentExample[] {
  const examples: IntentExample[] = [];
  jsonl.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`${name} line ${i + 1} is not JSON`);
    }
    const { utt, intent } = (row ?? {}) as { utt?: unknown; intent?: unknown };
    if (typeof utt !== "string" || typeof intent !== "string" || intent === "") {
      throw new Error(`${name} line ${i + 1} has no "utt" and "intent" strings`);
    }
    examples.push({ text: utt, intent });
  });
  return examples;
}

export type MassiveData = Record<MassiveSplit, IntentExample[]>;

export function readMassive(dataDir: string, locale: string): MassiveData {
  const read = (split: MassiveSplit) => {
    const file = massivePath(dataDir, locale, split);
    if (!existsSync(file))
      throw new Error(`MASSIVE ${locale} ${split} not found at ${file} (set --data DIR or ASSISTANT_DATA_DIR)`);
    return parseMassive(readFileSync(file, "utf8"), file);
  };
  return { train: read("train"), dev: read("dev"), test: read("test") };
}

export interface MassiveResult {
  dataset: "massive";
  locale: string;
  /** Present only when a split other than `test` was scored (tuning runs). */
  split?: MassiveSplit;
  accuracy: number;
  trainSeconds: number;
}

/**
 * The MASSIVE protocol: train on `train` with the classifier for the locale's language, fit its
 * calibration on `dev`, score `test` (or `scored`, for tuning on `dev`). Every feature and
 * hyper-parameter choice behind the language defaults was made on `dev`.
 */
export function evaluateMassive(
  data: MassiveData,
  locale: string,
  options: IntentClassifierOptions & { scored?: MassiveSplit } = {},
  now: () => number = () => performance.now(),
): MassiveResult {
  const { scored = "test", ...classifierOptions } = options;
  const started = now();
  const classifier = trainIntentClassifier(data.train, {
    language: locale.split("-")[0].toLowerCase(),
    ...classifierOptions,
    validation: data.dev,
  });
  const trainSeconds = (now() - started) / 1000;
  const examples = data[scored];
  let correct = 0;
  for (const example of examples) if (classifier.classify(example.text).intent === example.intent) correct++;
  return {
    dataset: "massive",
    locale,
    ...(scored === "test" ? {} : { split: scored }),
    accuracy: examples.length === 0 ? 0 : correct / examples.length,
    trainSeconds,
  };
}

/** Labelled utterances from a CSV with a header: text in `instruction` or `text`, label in `intent`. */
export function parseExamplesCsv(content: string, name = "CSV"): IntentExample[] {
  const records = parse(content, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
  if (records.length === 0) return [];
  const columns = Object.keys(records[0]);
  const textColumn = columns.includes("instruction") ? "instruction" : columns.includes("text") ? "text" : null;
  if (!textColumn || !columns.includes("intent")) {
    throw new Error(
      `${name} needs an "instruction" or "text" column and an "intent" column; it has ${columns.join(", ")}`,
    );
  }
  return records.map((record) => ({ text: record[textColumn] ?? "", intent: record.intent ?? "" }));
}

export function readExamplesCsv(file: string): IntentExample[] {
  return parseExamplesCsv(readFileSync(file, "utf8"), file);
}

export interface ClassificationResult {
  accuracy: number;
  macroF1: number;
  n: number;
}

/**
 * Accuracy and macro-averaged F1 over the union of true and predicted labels (scikit-learn's
 * convention); a null prediction (out of scope) counts as the label OUT_OF_SCOPE.
 */
export function scorePredictions(gold: readonly string[], predicted: readonly (string | null)[]): ClassificationResult {
  if (gold.length !== predicted.length) throw new Error("gold and predicted differ in length");
  const tp = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const predCount = new Map<string, number>();
  let correct = 0;
  gold.forEach((label, i) => {
    const guess = predicted[i] ?? OUT_OF_SCOPE;
    goldCount.set(label, (goldCount.get(label) ?? 0) + 1);
    predCount.set(guess, (predCount.get(guess) ?? 0) + 1);
    if (guess === label) {
      correct++;
      tp.set(label, (tp.get(label) ?? 0) + 1);
    }
  });
  const labels = new Set([...goldCount.keys(), ...predCount.keys()]);
  let f1Sum = 0;
  for (const label of labels) {
    const hits = tp.get(label) ?? 0;
    const denominator = (goldCount.get(label) ?? 0) + (predCount.get(label) ?? 0);
    f1Sum += denominator === 0 ? 0 : (2 * hits) / denominator;
  }
  return {
    accuracy: gold.length === 0 ? 0 : correct / gold.length,
    macroF1: labels.size === 0 ? 0 : f1Sum / labels.size,
    n: gold.length,
  };
}

export function evaluateTrainTest(
  train: IntentExample[],
  test: IntentExample[],
  options: IntentClassifierOptions = {},
): ClassificationResult {
  const classifier = trainIntentClassifier(train, options);
  return scorePredictions(
    test.map((e) => e.intent),
    test.map((e) => classifier.classify(e.text).intent),
  );
}

/** Stratified k-fold cross-validation (fixed seed); scores pooled over all out-of-fold predictions. */
export function crossValidate(
  examples: IntentExample[],
  k: number,
  options: IntentClassifierOptions & { foldSeed?: number } = {},
): ClassificationResult {
  const folds = stratifiedFolds(
    examples.map((e) => e.intent),
    k,
    options.foldSeed ?? 1,
  );
  const predicted: (string | null)[] = new Array(examples.length).fill(null);
  for (let fold = 0; fold < k; fold++) {
    options.onProgress?.(`fold ${fold + 1}/${k}`);
    const classifier = trainIntentClassifier(
      examples.filter((_, i) => folds[i] !== fold),
      options,
    );
    examples.forEach((example, i) => {
      if (folds[i] === fold) predicted[i] = classifier.classify(example.text).intent;
    });
  }
  return scorePredictions(
    examples.map((e) => e.intent),
    predicted,
  );
}

export type EvalCommand =
  | { mode: "clinc150"; dataDir: string }
  | { mode: "massive"; dataDir: string; locale: string; split: MassiveSplit }
  | { mode: "train-test"; train: string; test: string }
  | { mode: "cv"; train: string; folds: number };

export const USAGE = [
  "usage: npm run eval:intents -- --dataset clinc150 [--data DIR]",
  `       npm run eval:intents -- --dataset massive --locale ${MASSIVE_LOCALES.join("|")} [--split dev] [--data DIR]`,
  "       npm run eval:intents -- --train A.csv --test B.csv",
  "       npm run eval:intents -- --train A.csv --cv 5",
].join("\n");

/** Reads the command line (already parsed into flag values) into one of the three modes. */
export function resolveCommand(
  values: {
    dataset?: string;
    data?: string;
    train?: string;
    test?: string;
    cv?: string;
    locale?: string;
    split?: string;
  },
  env: Readonly<Record<string, string | undefined>> = process.env,
): EvalCommand {
  if (values.dataset !== undefined) {
    if (values.dataset !== "clinc150" && values.dataset !== "massive") {
      throw new Error(`unknown dataset "${values.dataset}"\n${USAGE}`);
    }
    if (values.train || values.test || values.cv) throw new Error(`--dataset takes no --train/--test/--cv\n${USAGE}`);
    if (values.dataset === "massive") {
      const locale = MASSIVE_LOCALES.find((l) => l.toLowerCase() === values.locale?.toLowerCase());
      if (!locale) throw new Error(`--dataset massive needs --locale ${MASSIVE_LOCALES.join(", ")}\n${USAGE}`);
      const split = values.split ?? "test";
      if (split !== "test" && split !== "dev") throw new Error(`--split is test (default) or dev, got "${split}"`);
      return { mode: "massive", dataDir: resolveDataDir(values.data, env), locale, split };
    }
    if (values.locale || values.split) throw new Error(`--locale and --split are for --dataset massive\n${USAGE}`);
    return { mode: "clinc150", dataDir: resolveDataDir(values.data, env) };
  }
  if (values.locale || values.split) throw new Error(`--locale and --split are for --dataset massive\n${USAGE}`);
  if (!values.train) throw new Error(USAGE);
  if (values.test && values.cv) throw new Error(`give --test or --cv, not both\n${USAGE}`);
  if (values.test) return { mode: "train-test", train: values.train, test: values.test };
  if (values.cv) {
    const folds = Number(values.cv);
    if (!Number.isInteger(folds) || folds < 2) throw new Error(`--cv needs an integer >= 2, got "${values.cv}"`);
    return { mode: "cv", train: values.train, folds };
  }
  throw new Error(USAGE);
}

export function runEvalCommand(
  command: EvalCommand,
  log: (message: string) => void,
): ClincResult | MassiveResult | ClassificationResult {
  const onProgress = (message: string) => log(message);
  if (command.mode === "massive") {
    log(`reading ${massivePath(command.dataDir, command.locale, "train")} and its dev and test splits`);
    return evaluateMassive(readMassive(command.dataDir, command.locale), command.locale, {
      onProgress,
      scored: command.split,
    });
  }
  if (command.mode === "clinc150") {
    const file = clincPath(command.dataDir);
    if (!existsSync(file)) throw new Error(`CLINC150 not found at ${file} (set --data DIR or ASSISTANT_DATA_DIR)`);
    log(`reading ${file}`);
    return evaluateClinc(parseClinc(readFileSync(file, "utf8")), { onProgress });
  }
  const train = readExamplesCsv(command.train);
  log(`${train.length} training rows from ${command.train}`);
  if (command.mode === "train-test") {
    const test = readExamplesCsv(command.test);
    log(`${test.length} test rows from ${command.test}`);
    return evaluateTrainTest(train, test, { onProgress });
  }
  return crossValidate(train, command.folds, { onProgress });
}
