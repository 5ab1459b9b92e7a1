/**
 * Offline evaluation of the recommender on the UCI Online Retail data, against popularity,
 * plain co-purchase, item-kNN, EASE and implicit ALS in the same run on the same customers,
 * each scored on its overall top 10 and its discover top 10 (docs/decisions/0021, 0022).
 *
 *   npm run eval:recs -- --rolling                      every month from March to October 2011
 *   npm run eval:recs -- --train-end 2011-09-01 --test-end 2011-10-01   one window
 *
 * The app runs as the nightly job runs it: its blends chosen by its own validation on the
 * months before the window (--fixed: the engine's defaults instead; --options / --weights /
 * --signals: JSON overrides, for tuning on earlier windows only). Lines dated after 2011-10-31
 * are never read. --models app,popularity,... runs a subset.
 * Progress goes to stderr; the result is the last line on stdout, as one JSON object.
 */
import { parseArgs } from "node:util";
import type { RecommenderIndex } from "../app/recommend/engine";
import {
  loadOnlineRetail,
  onlineRetailPath,
  parseNaiveDate,
  resolveDataDir,
  type RetailLine,
} from "./recs/online-retail";
import {
  MODELS,
  STANDARD_BASELINES,
  buildAppIndex,
  evaluateRetail,
  type ModelName,
  type RetailEvaluation,
} from "./recs/retail-eval";

/** Nothing from November 2011 on is read: it stays out of every choice made with this data. */
const DATA_END = parseNaiveDate("2011-11-01");
const ROLLING_FIRST = "2011-03";
const ROLLING_LAST = "2011-10";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    rolling: { type: "boolean", default: false },
    from: { type: "string", default: ROLLING_FIRST },
    to: { type: "string", default: ROLLING_LAST },
    "train-end": { type: "string", default: "2011-09-01" },
    "test-end": { type: "string", default: "2011-10-01" },
    fixed: { type: "boolean", default: false },
    options: { type: "string" },
    weights: { type: "string" },
    signals: { type: "string" },
    models: { type: "string" },
  },
});

const log = (message: string) => process.stderr.write(`[eval:recs] ${message}\n`);
const fail = (message: string) => {
  log(message);
  process.exit(2);
};
const dataDir = resolveDataDir(values.data);
const file = onlineRetailPath(dataDir);
if (!file)
  fail(`Online Retail data not found under ${dataDir} (expected online-retail/online_retail.csv.gz); pass --data DIR`);

const monthStart = (ym: string) => {
  if (!/^\d{4}-\d{2}$/.test(ym)) fail(`expected a month as YYYY-MM, got "${ym}"`);
  return parseNaiveDate(`${ym}-01`);
};
const nextMonth = (t: number) => {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};

const windows: { trainEnd: number; testEnd: number }[] = [];
if (values.rolling) {
  for (let t = monthStart(values.from!); t <= monthStart(values.to!); t = nextMonth(t)) {
    windows.push({ trainEnd: t, testEnd: nextMonth(t) });
  }
} else {
  windows.push({ trainEnd: parseNaiveDate(values["train-end"]!), testEnd: parseNaiveDate(values["test-end"]!) });
}
for (const w of windows) {
  if (!(w.testEnd > w.trainEnd)) fail("--test-end must be after --train-end");
  if (w.testEnd > DATA_END) fail("windows must end by 2011-11-01: later lines are kept out of this evaluation");
}
const models = (values.models?.split(",") ?? [...MODELS]) as ModelName[];
for (const m of models) if (!MODELS.includes(m)) fail(`unknown model "${m}"; models: ${MODELS.join(", ")}`);

const json = (text: string | undefined) => (text ? JSON.parse(text) : undefined);
const engine = json(values.options);
const fixedBlend = values.fixed || values.weights !== undefined || values.signals !== undefined;

const { lines: all, rows } = await loadOnlineRetail(file!);
const lines = all.filter((l) => l.invoiceDate < DATA_END);
log(
  `read ${rows} rows; ${all.length} clean lines, ${all.length - lines.length} of them from November 2011 on left out; ` +
    `${new Set(lines.map((l) => l.customerId)).size} customers, ${new Set(lines.map((l) => l.stockCode)).size} stock codes`,
);

// The app's index for each training end is built once: the validation of a later window
// trains its folds on the same months as an earlier window's final model.
const indexes = new Map<number, RecommenderIndex>();
const indexFor = (trainEnd: number, train: readonly RetailLine[]) => {
  let index = indexes.get(trainEnd);
  if (!index) {
    const t0 = performance.now();
    index = buildAppIndex(train, trainEnd, engine);
    log(
      `app index for lines before ${new Date(trainEnd).toISOString().slice(0, 10)}: ${index.stats.products} products, ` +
        `learned model over ${index.stats.learnedItems} (${(index.stats.learnedMs / 1000).toFixed(1)} s), ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s in all`,
    );
    indexes.set(trainEnd, index);
  }
  return index;
};

const month = (t: number) => new Date(t).toISOString().slice(0, 7);
const results: RetailEvaluation[] = [];
for (const w of windows) {
  log(`window ${month(w.trainEnd)}: train before ${new Date(w.trainEnd).toISOString().slice(0, 10)}`);
  results.push(
    evaluateRetail(lines, {
      ...w,
      engine,
      weights: json(values.weights),
      signals: json(values.signals),
      validate: !fixedBlend,
      models,
      indexFor,
      log,
    }),
  );
}

const windowJson = results.map((r) => ({
  testMonth: month(r.trainEnd),
  trainEnd: new Date(r.trainEnd).toISOString().slice(0, 10),
  testEnd: new Date(r.testEnd).toISOString().slice(0, 10),
  customers: r.customers,
  discoverCustomers: r.discoverCustomers,
  seconds: r.seconds,
  models: r.models,
  ...(r.validation
    ? {
        appChoice: {
          default: r.validation.default.blend,
          discover: r.validation.discover.blend,
          validated: r.validation.default.validated,
          folds: r.validation.folds.map((f) => `${month(f.trainEnd)} (${f.role})`),
        },
      }
    : {}),
}));

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
const worstOf = (xs: (number | null)[]) => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length ? Math.min(...known) : null;
};
const per = results.map((r) => {
  const app = r.models.app;
  const pop = r.models.popularity;
  const baselines = STANDARD_BASELINES.map((m) => r.models[m]).filter((m) => m !== undefined);
  const best = (key: "hr10" | "hr10Discover") => (baselines.length ? Math.max(...baselines.map((m) => m[key])) : 0);
  return {
    appOverPopularity: app && pop ? ratio(app.hr10, pop.hr10) : null,
    appOverBestBaseline: app && baselines.length ? ratio(app.hr10, best("hr10")) : null,
    appDiscoverOverPopularity: app && pop ? ratio(app.hr10Discover, pop.hr10Discover) : null,
    appDiscoverOverBestBaseline: app && baselines.length ? ratio(app.hr10Discover, best("hr10Discover")) : null,
  };
});
const worst = {
  appOverPopularity: worstOf(per.map((p) => p.appOverPopularity)),
  appOverBestBaseline: worstOf(per.map((p) => p.appOverBestBaseline)),
  appDiscoverOverPopularity: worstOf(per.map((p) => p.appDiscoverOverPopularity)),
  appDiscoverOverBestBaseline: worstOf(per.map((p) => p.appDiscoverOverBestBaseline)),
};
for (const [k, r] of results.entries()) log(`${month(r.trainEnd)}: ${JSON.stringify(per[k])}`);

if (values.rolling) {
  console.log(JSON.stringify({ windows: windowJson, worst }));
} else {
  const [only] = windowJson;
  console.log(JSON.stringify({ ...only, ratios: per[0] }));
}
