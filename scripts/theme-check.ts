// npm run theme:check — Shopify's theme check over every theme app extension, offline
// (the package falls back to its bundled docs). Exits 1 on any offence.
import { readdirSync } from "node:fs";
import path from "node:path";
import { themeCheckRun } from "@shopify/theme-check-node";

const root = path.resolve(import.meta.dirname, "..");
const extensions = readdirSync(path.join(root, "extensions"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => path.join(root, "extensions", entry.name));

const severities = ["error", "warning", "info"];
let offences = 0;
for (const extension of extensions) {
  const { offenses } = await themeCheckRun(extension, undefined, () => {});
  for (const offense of offenses) {
    offences++;
    const file = path.relative(root, offense.uri.replace(/^file:\/\//, ""));
    const line = offense.start.line + 1;
    console.log(
      `${file}:${line}  ${severities[offense.severity] ?? offense.severity}  ${offense.check}: ${offense.message}`,
    );
  }
  console.log(`${path.relative(root, extension)}: ${offenses.length} offence(s)`);
}
process.exit(offences > 0 ? 1 : 0);
