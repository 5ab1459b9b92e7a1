// Intent classifier evaluation. Progress goes to stderr; the result is one JSON line, last, on stdout.
//   npm run eval:intents -- --dataset clinc150 [--data DIR]
//   npm run eval:intents -- --dataset massive --locale de-DE [--split dev] [--data DIR]
//   npm run eval:intents -- --train A.csv --test B.csv
//   npm run eval:intents -- --train A.csv --cv 5
import { parseArgs } from "node:util";
import { resolveCommand, runEvalCommand } from "./eval-intents-lib";

try {
  const { values } = parseArgs({
    options: {
      dataset: { type: "string" },
      data: { type: "string" },
      train: { type: "string" },
      test: { type: "string" },
      cv: { type: "string" },
      locale: { type: "string" },
      split: { type: "string" },
    },
    strict: true,
  });
  const result = runEvalCommand(resolveCommand(values), (message) => process.stderr.write(`${message}\n`));
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
