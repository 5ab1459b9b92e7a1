// Language identification on MASSIVE: the four locales' utterances, no storefront hint. Progress
// and the with-prior figures go to stderr; the result is one JSON line, last, on stdout.
//   npm run eval:language [-- --split dev] [--data DIR]
import { parseArgs } from "node:util";
import { baseLanguage } from "../app/assistant/nlu/language";
import { MASSIVE_LOCALES, resolveDataDir } from "./eval-intents-lib";
import { evaluateLanguageId, evaluateWithPriors, readMassiveUtterances } from "./eval-language-lib";

try {
  const { values } = parseArgs({ options: { data: { type: "string" }, split: { type: "string" } }, strict: true });
  const split = values.split ?? "test";
  if (split !== "test" && split !== "dev") throw new Error(`--split is test (default) or dev, got "${split}"`);
  const dataDir = resolveDataDir(values.data);
  process.stderr.write(`reading MASSIVE ${split} of ${MASSIVE_LOCALES.join(", ")} from ${dataDir}\n`);
  const utterances = readMassiveUtterances(dataDir, split);
  const candidates = [...new Set(utterances.map((u) => u.language))];
  for (const locale of MASSIVE_LOCALES) {
    const own = utterances.filter((u) => u.language === baseLanguage(locale));
    const { n, accuracy, shortN, shortAccuracy } = evaluateLanguageId(own, candidates);
    process.stderr.write(
      `${locale}: ${n} utterances, accuracy ${accuracy.toFixed(4)}; ${shortN} of <= 3 words, ${shortAccuracy.toFixed(4)}\n`,
    );
  }
  const priors = evaluateWithPriors(utterances);
  process.stderr.write(
    `with the storefront locale as prior: right locale ${priors.rightPrior.toFixed(4)}, ` +
      `another locale (shopper switched) ${priors.otherPrior.toFixed(4)}\n`,
  );
  process.stdout.write(`${JSON.stringify(evaluateLanguageId(utterances))}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
