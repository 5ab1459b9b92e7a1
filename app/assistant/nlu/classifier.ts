import { analyzerFor, type Analyzer, type AnalyzerOptions } from "./analyzers";
import { TfidfFeaturizer, toSparseMatrix, type FeatureOptions } from "./features";
import { stratifiedFolds } from "./folds";
import { decisionValues, trainLinearSvm, type LinearModel, type LinearSvmOptions } from "./linear";
import { mlpLogProbabilities, trainMlp, type MlpModel, type MlpOptions } from "./mlp";

/**
 * Label of training or held-out examples that the assistant should *not* understand. When the
 * training set has some, the model gets an explicit out-of-scope class; held-out ones tune the
 * confidence threshold.
 */
export const OUT_OF_SCOPE = "out_of_scope";

export interface IntentExample {
  text: string;
  intent: string;
}

export interface RankedIntent {
  intent: string;
  /** Calibrated probability. */
  score: number;
}

export interface IntentPrediction {
  /** The understood intent, or null when the message is out of scope (say so, offer a person). */
  intent: string | null;
  /** Calibrated probability that the best-ranked in-scope intent (`ranking[0]`) is what was meant. */
  confidence: number;
  /** In-scope intents, most probable first. */
  ranking: RankedIntent[];
}

export interface IntentClassifierOptions {
  /** Language of the examples and messages ("en", "de", "fr", "es"): picks the stemmer and stop list. Default "en". */
  language?: string;
  /** Analysis switches for that language; the defaults are the ones measured best (docs/decisions/0091). */
  analysis?: AnalyzerOptions;
  features?: Partial<FeatureOptions>;
  svm?: Partial<LinearSvmOptions>;
  /**
   * A hidden-layer network trained beside the SVM, its log-probabilities times `weight` added to
   * the SVM's decision values; `false` for the SVM alone. The default depends on the language
   * (MLP_DEFAULTS): on for German, French and Spanish, where it was measured better on MASSIVE
   * dev, off for English, whose figures stay those of the SVM.
   */
  mlp?: (Partial<MlpOptions> & { weight?: number }) | false;
  /**
   * Held-out examples (may include OUT_OF_SCOPE ones) on which the calibration and the threshold
   * are fitted. Without them, out-of-fold predictions on the training set are used.
   */
  validation?: IntentExample[];
  /** Folds for the out-of-fold predictions when no validation set is given. */
  calibrationFolds?: number;
  /** A fixed out-of-scope threshold on the calibrated confidence instead of a tuned one. */
  threshold?: number;
  /**
   * Out-of-scope recall the threshold must reach on the held-out out-of-scope examples, at the
   * confidence below. The goal for this assistant is at least 0.55 on CLINC150.
   */
  minOutOfScopeRecall?: number;
  /** One-sided z of the Wilson lower bound used with `minOutOfScopeRecall` (1.645 = 95 %). */
  recallConfidenceZ?: number;
  /** How many intents `ranking` lists. */
  rankingSize?: number;
  seed?: number;
  onProgress?: (message: string) => void;
}

export interface CalibrationReport {
  /** Softmax temperature over SVM decision values for the ranking's probabilities. */
  temperature: number;
  /** Confidence = sigmoid(plattA * best decision value + plattB): the probability the best intent is right. */
  plattA: number;
  plattB: number;
  /** Confidence below which a message is out of scope. */
  threshold: number;
  heldOutExamples: number;
  heldOutOutOfScope: number;
  /** On the held-out set at the threshold. */
  heldOutInScopeAccuracy: number;
  heldOutOutOfScopeRecall: number;
  /** False when the held-out out-of-scope examples were too few to show `minOutOfScopeRecall`. */
  recallTargetMet: boolean;
  /** Expected calibration error of the confidence on the held-out set (10 equal-width bins). */
  heldOutCalibrationError: number;
}

export interface IntentClassifier {
  /** In-scope intents the classifier can return. */
  readonly intents: readonly string[];
  readonly calibration: CalibrationReport;
  classify(text: string): IntentPrediction;
}

const DEFAULT_RANKING_SIZE = 5;
const DEFAULT_CALIBRATION_FOLDS = 4;
const DEFAULT_MIN_OOS_RECALL = 0.55;
const DEFAULT_RECALL_Z = 1.645;

/**
 * The network beside the SVM, per language, chosen on MASSIVE dev (docs/decisions/0091): a weight
 * of 0.1 puts its log-probabilities (about -10 to 0) on the scale of the SVM's decision values.
 */
export const MLP_DEFAULTS: Readonly<Record<string, (Partial<MlpOptions> & { weight: number }) | false>> = {
  en: false,
  de: { weight: 0.1 },
  fr: { weight: 0.1 },
  es: { weight: 0.2 },
};

interface FittedModel {
  analyze: Analyzer;
  featurizer: TfidfFeaturizer;
  model: LinearModel;
  mlp: { model: MlpModel; weight: number; logProbs: Float64Array; hidden: Float32Array } | null;
}

function fit(examples: IntentExample[], classIds: Map<string, number>, options: IntentClassifierOptions): FittedModel {
  const analyze = analyzerFor(options.language, options.analysis);
  const featurizer = new TfidfFeaturizer(options.features);
  const rows = featurizer.fitTransform(examples.map((example) => analyze(example.text)));
  const x = toSparseMatrix(rows);
  const labels = Int32Array.from(examples, (example) => classIds.get(example.intent)!);
  const svm = options.seed === undefined ? options.svm : { seed: options.seed, ...options.svm };
  const model = trainLinearSvm(x, labels, classIds.size, featurizer.dimension, svm);
  const mlpOptions = options.mlp === undefined ? (MLP_DEFAULTS[options.language ?? "en"] ?? false) : options.mlp;
  let mlp: FittedModel["mlp"] = null;
  if (mlpOptions) {
    const { weight = 0.1, ...network } = mlpOptions;
    const seeded = options.seed === undefined ? network : { seed: options.seed, ...network };
    const trained = trainMlp(rows, labels, classIds.size, featurizer.dimension, seeded);
    mlp = {
      model: trained,
      weight,
      logProbs: new Float64Array(classIds.size),
      hidden: new Float32Array(trained.hidden),
    };
  }
  return { analyze, featurizer, model, mlp };
}

function scores(fitted: FittedModel, text: string, out: Float64Array): Float64Array {
  const x = fitted.featurizer.transform(fitted.analyze(text));
  decisionValues(fitted.model, x, out);
  if (fitted.mlp) {
    const { model, weight, logProbs, hidden } = fitted.mlp;
    mlpLogProbabilities(model, x, logProbs, hidden);
    for (let c = 0; c < out.length; c++) out[c] += weight * logProbs[c];
  }
  return out;
}

/** Softmax of `temperature * values`, written into `out`. */
function softmax(values: Float64Array, temperature: number, out: Float64Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, temperature * values[i]);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    out[i] = Math.exp(temperature * values[i] - max);
    sum += out[i];
  }
  for (let i = 0; i < values.length; i++) out[i] /= sum;
  return out;
}

function meanNll(heldOut: { values: Float64Array; label: number }[], temperature: number): number {
  let total = 0;
  let count = 0;
  for (const { values, label } of heldOut) {
    if (label < 0) continue;
    let max = -Infinity;
    for (let i = 0; i < values.length; i++) max = Math.max(max, temperature * values[i]);
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += Math.exp(temperature * values[i] - max);
    total += Math.log(sum) + max - temperature * values[label];
    count++;
  }
  return count === 0 ? 0 : total / count;
}

/**
 * Temperature scaling (Guo et al., ICML 2017): one scalar fitted by golden-section search on
 * log-temperature to minimise held-out negative log-likelihood. It changes confidences, never
 * the ranking of intents.
 */
function fitTemperature(heldOut: { values: Float64Array; label: number }[]): number {
  if (!heldOut.some((item) => item.label >= 0)) return 1;
  let lo = Math.log(0.01);
  let hi = Math.log(1000);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = meanNll(heldOut, Math.exp(a));
  let fb = meanNll(heldOut, Math.exp(b));
  for (let i = 0; i < 60; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = meanNll(heldOut, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = meanNll(heldOut, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** Fits P(correct) = sigmoid(a * score + b) by Newton's method on held-out (score, correct) pairs (Platt, 1999). */
export function fitPlatt(scores: readonly number[], correct: readonly boolean[]): { a: number; b: number } {
  const positives = correct.filter(Boolean).length;
  const negatives = correct.length - positives;
  // Platt's smoothed targets keep the fit finite when one side is empty or perfectly separated.
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let gA = 0;
    let gB = 0;
    let hAA = 1e-9;
    let hAB = 0;
    let hBB = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const p = 1 / (1 + Math.exp(-(a * scores[i] + b)));
      const t = correct[i] ? high : low;
      const w = p * (1 - p);
      gA += (p - t) * scores[i];
      gB += p - t;
      hAA += w * scores[i] * scores[i];
      hAB += w * scores[i];
      hBB += w;
    }
    const det = hAA * hBB - hAB * hAB;
    if (!(Math.abs(det) > 1e-12)) break;
    const dA = (hBB * gA - hAB * gB) / det;
    const dB = (hAA * gB - hAB * gA) / det;
    a -= dA;
    b -= dB;
    if (Math.abs(dA) < 1e-9 && Math.abs(dB) < 1e-9) break;
  }
  return { a, b };
}

/** Lower end of the one-sided Wilson score interval for a proportion `hits / n`. */
export function wilsonLowerBound(hits: number, n: number, z: number): number {
  if (n === 0) return 0;
  const p = hits / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return (centre - spread) / (1 + z2 / n);
}

interface HeldOutDecision {
  /** Calibrated probability that the best in-scope intent is right. */
  confidence: number;
  /** The explicit out-of-scope class won outright. */
  oosWins: boolean;
  /** The best in-scope intent is the gold one. */
  right: boolean;
  goldIsOutOfScope: boolean;
}

interface ThresholdChoice {
  threshold: number;
  inScopeAccuracy: number;
  outOfScopeRecall: number;
  recallLowerBound: number;
  recallTargetMet: boolean;
}

/**
 * Picks the out-of-scope threshold on held-out decisions: the one with the best joint accuracy
 * (out of scope counted as one more class) among those whose out-of-scope recall is at least
 * `minRecall` with the given confidence (Wilson lower bound), so that a small held-out set of
 * out-of-scope examples cannot talk the threshold down by luck. When no threshold can show
 * that, the constraint is dropped and `recallTargetMet` says so.
 */
function chooseThreshold(decisions: HeldOutDecision[], minRecall: number, z: number): ThresholdChoice {
  const inScope = decisions.filter((d) => !d.goldIsOutOfScope).length;
  const outOfScope = decisions.length - inScope;
  const sorted = [...decisions].sort((p, q) => p.confidence - q.confidence);
  // Threshold 0: nothing is rejected except where the out-of-scope class wins outright.
  let kept = 0;
  let rejected = 0;
  for (const d of sorted) {
    if (d.goldIsOutOfScope) rejected += d.oosWins ? 1 : 0;
    else kept += !d.oosWins && d.right ? 1 : 0;
  }
  const candidates: { threshold: number; kept: number; rejected: number }[] = [{ threshold: 0, kept, rejected }];
  for (let i = 0; i < sorted.length; i++) {
    // A threshold just above sorted[i] rejects it as well.
    const d = sorted[i];
    if (!d.oosWins) {
      if (d.goldIsOutOfScope) rejected++;
      else if (d.right) kept--;
    }
    const next = i + 1 < sorted.length ? sorted[i + 1].confidence : 1;
    if (next === d.confidence) continue;
    candidates.push({ threshold: (d.confidence + next) / 2, kept, rejected });
  }
  const bound = (c: { rejected: number }) => wilsonLowerBound(c.rejected, outOfScope, z);
  const feasible = outOfScope > 0 ? candidates.filter((c) => bound(c) >= minRecall) : [];
  const pool = feasible.length > 0 ? feasible : candidates;
  let best = pool[0];
  for (const c of pool) if (c.kept + c.rejected > best.kept + best.rejected) best = c;
  return {
    threshold: best.threshold,
    inScopeAccuracy: inScope === 0 ? 0 : best.kept / inScope,
    outOfScopeRecall: outOfScope === 0 ? 0 : best.rejected / outOfScope,
    recallLowerBound: bound(best),
    recallTargetMet: feasible.length > 0,
  };
}

/** Expected calibration error of `confidence` against `right`, over 10 equal-width bins. */
function expectedCalibrationError(decisions: HeldOutDecision[]): number {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, confidence: 0, right: 0 }));
  for (const d of decisions) {
    const bin = bins[Math.min(9, Math.floor(d.confidence * 10))];
    bin.n++;
    bin.confidence += d.confidence;
    bin.right += d.right ? 1 : 0;
  }
  let error = 0;
  for (const bin of bins) if (bin.n > 0) error += Math.abs(bin.confidence - bin.right) / Math.max(1, decisions.length);
  return error;
}

/**
 * Trains the intent classifier: TF-IDF over stemmed word uni/bigrams and character n-grams, a
 * one-vs-rest linear SVM, then on held-out data only: a Platt sigmoid that turns the best
 * intent's score into the probability that it is right, a softmax temperature for the ranking,
 * and the out-of-scope threshold on that probability.
 */
export function trainIntentClassifier(
  examples: readonly IntentExample[],
  options: IntentClassifierOptions = {},
): IntentClassifier {
  const progress = options.onProgress ?? (() => {});
  const clean = examples
    .filter((example) => typeof example.text === "string" && example.text.trim() !== "" && example.intent)
    .map((example) => ({ text: example.text, intent: example.intent }));
  const intents = [...new Set(clean.map((e) => e.intent).filter((intent) => intent !== OUT_OF_SCOPE))].sort();
  const hasOosClass = clean.some((e) => e.intent === OUT_OF_SCOPE);
  if (intents.length === 0 || intents.length + (hasOosClass ? 1 : 0) < 2) {
    throw new Error("trainIntentClassifier needs examples of at least two classes");
  }
  const classNames = hasOosClass ? [...intents, OUT_OF_SCOPE] : intents;
  const classIds = new Map(classNames.map((name, i) => [name, i]));
  const oosClass = hasOosClass ? classIds.get(OUT_OF_SCOPE)! : -1;
  const k = classNames.length;

  const heldOut: { values: Float64Array; label: number; goldIsOutOfScope: boolean }[] = [];
  const collect = (fitted: FittedModel, items: IntentExample[]) => {
    for (const item of items) {
      heldOut.push({
        values: scores(fitted, item.text, new Float64Array(k)),
        // Held-out labels the model has no class for (unknown intents, out of scope without an
        // out-of-scope class) still count for the threshold but not for the temperature.
        label: classIds.get(item.intent) ?? -1,
        goldIsOutOfScope: item.intent === OUT_OF_SCOPE || !classIds.has(item.intent),
      });
    }
  };

  let final: FittedModel;
  if (options.validation) {
    progress(`training on ${clean.length} examples, ${k} classes`);
    final = fit(clean, classIds, options);
    collect(final, options.validation);
  } else {
    const foldCount = Math.min(options.calibrationFolds ?? DEFAULT_CALIBRATION_FOLDS, clean.length);
    const folds = stratifiedFolds(
      clean.map((e) => e.intent),
      Math.max(2, foldCount),
      options.seed ?? 1,
    );
    for (let fold = 0; fold < Math.max(2, foldCount); fold++) {
      const inside = clean.filter((_, i) => folds[i] !== fold);
      const outside = clean.filter((_, i) => folds[i] === fold);
      // With tiny sets a fold can leave fewer than two classes to learn from: nothing to hold out then.
      const present = new Set(inside.map((e) => e.intent));
      if (present.size < 2 || outside.length === 0) continue;
      progress(`calibration fold ${fold + 1}: training on ${inside.length} examples`);
      collect(fit(inside, classIds, options), outside);
    }
    progress(`training on ${clean.length} examples, ${k} classes`);
    final = fit(clean, classIds, options);
  }

  const temperature = fitTemperature(heldOut);
  const bestInScope = (values: Float64Array): number => {
    let best = 0;
    for (let c = 1; c < intents.length; c++) if (values[c] > values[best]) best = c;
    return best;
  };
  const tops = heldOut.map((item) => bestInScope(item.values));
  const platt = fitPlatt(
    heldOut.map((item, i) => item.values[tops[i]]),
    heldOut.map((item, i) => !item.goldIsOutOfScope && tops[i] === item.label),
  );
  const confidenceOf = (value: number) => 1 / (1 + Math.exp(-(platt.a * value + platt.b)));
  const decisions: HeldOutDecision[] = heldOut.map((item, i) => ({
    confidence: confidenceOf(item.values[tops[i]]),
    oosWins: oosClass >= 0 && item.values[oosClass] > item.values[tops[i]],
    right: !item.goldIsOutOfScope && tops[i] === item.label,
    goldIsOutOfScope: item.goldIsOutOfScope,
  }));
  const choice = chooseThreshold(
    decisions,
    options.minOutOfScopeRecall ?? DEFAULT_MIN_OOS_RECALL,
    options.recallConfidenceZ ?? DEFAULT_RECALL_Z,
  );
  const threshold = options.threshold ?? choice.threshold;
  const inScopeCount = decisions.filter((d) => !d.goldIsOutOfScope).length;
  const oosCount = decisions.length - inScopeCount;
  const calibration: CalibrationReport = {
    temperature,
    plattA: platt.a,
    plattB: platt.b,
    threshold,
    heldOutExamples: decisions.length,
    heldOutOutOfScope: oosCount,
    heldOutInScopeAccuracy:
      inScopeCount === 0
        ? 0
        : decisions.filter((d) => !d.goldIsOutOfScope && d.right && !d.oosWins && d.confidence >= threshold).length /
          inScopeCount,
    heldOutOutOfScopeRecall:
      oosCount === 0
        ? 0
        : decisions.filter((d) => d.goldIsOutOfScope && (d.oosWins || d.confidence < threshold)).length / oosCount,
    recallTargetMet: options.threshold === undefined ? choice.recallTargetMet : true,
    heldOutCalibrationError: expectedCalibrationError(decisions),
  };
  progress(
    `calibrated on ${decisions.length} held-out examples (${oosCount} out of scope): ` +
      `threshold ${threshold.toFixed(4)}, in-scope accuracy ${calibration.heldOutInScopeAccuracy.toFixed(4)}, ` +
      `out-of-scope recall ${calibration.heldOutOutOfScopeRecall.toFixed(4)}`,
  );

  const rankingSize = Math.max(1, Math.min(options.rankingSize ?? DEFAULT_RANKING_SIZE, intents.length));
  const values = new Float64Array(k);
  const probs = new Float64Array(k);
  return {
    intents,
    calibration,
    classify(text: string): IntentPrediction {
      scores(final, typeof text === "string" ? text : "", values);
      softmax(values, temperature, probs);
      const order = Array.from({ length: intents.length }, (_, i) => i);
      order.sort((p, q) => values[q] - values[p]);
      const ranking = order.slice(0, rankingSize).map((c) => ({ intent: intents[c], score: probs[c] }));
      const best = order[0];
      const confidence = confidenceOf(values[best]);
      const oosWins = oosClass >= 0 && values[oosClass] > values[best];
      return { intent: !oosWins && confidence >= threshold ? intents[best] : null, confidence, ranking };
    },
  };
}
