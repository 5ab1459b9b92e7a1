/**
 * Offline evaluation of the recommender on the UCI Online Retail data, against popularity and
 * plain co-purchase in the same run on the same customers.
 *
 *   npm run eval:recs -- [--data DIR] --train-end 2011-09-01 --test-end 2011-10-01
 *
 * --options / --weights take JSON overrides of the engine's options and strategy weights; they
 * exist for tuning on an earlier split (see docs/decisions/0020-recommendation-engine.md).
 * Progress goes to stderr; the result is the last line on stdout, as one JSON object.
 */
import { parseArgs } from "node:util";
import { loadOnlineRetail, onlineRetailPath, parseNaiveDate, resolveDataDir } from "./recs/online-retail";
import { evaluateRetail } from "./recs/retail-eval";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    "train-end": { type: "string", default: "2011-09-01" },
    "test-end": { type: "string", default: "2011-10-01" },
    options: { type: "string" },
    weights: { type: "string" },
  },
});

const log = (message: string) => process.stderr.write(`[eval:recs] ${message}\n`);
const dataDir = resolveDataDir(values.data);
const file = onlineRetailPath(dataDir);
if (!file) {
  log(`Online Retail data not found under ${dataDir} (expected online-retail/online_retail.csv.gz); pass --data DIR`);
  process.exit(2);
}
const trainEnd = parseNaiveDate(values["train-end"]!);
const testEnd = parseNaiveDate(values["test-end"]!);
if (!(testEnd > trainEnd)) {
  log("--test-end must be after --train-end");
  process.exit(2);
}

const { lines, rows } = await loadOnlineRetail(file);
log(
  `read ${rows} rows; ${lines.length} clean lines, ${new Set(lines.map((l) => l.customerId)).size} customers, ` +
    `${new Set(lines.map((l) => l.stockCode)).size} stock codes, ${new Set(lines.map((l) => l.invoiceNo)).size} invoices`,
);
const result = evaluateRetail(lines, {
  trainEnd,
  testEnd,
  engine: values.options ? JSON.parse(values.options) : undefined,
  weights: values.weights ? JSON.parse(values.weights) : undefined,
  log,
});
log(
  `popularity = distinct customers in the last 30 days of train; co-purchase filled from popularity for ` +
    `${result.copurchaseFilled} customers; all products treated as available`,
);
console.log(
  JSON.stringify({
    trainEnd: values["train-end"],
    testEnd: values["test-end"],
    customers: result.customers,
    novelCustomers: result.novelCustomers,
    models: result.models,
  }),
);
