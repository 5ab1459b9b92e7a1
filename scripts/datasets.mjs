// Where the shared public datasets live: --data DIR, else ASSISTANT_DATA_DIR, else
// ../shared/datasets beside the repository. They are read in place, never copied in.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** @param {string[]} [argv] @returns {string} */
export function datasetsDir(argv = process.argv) {
  const flag = argv.indexOf("--data");
  if (flag !== -1 && argv[flag + 1]) return path.resolve(argv[flag + 1]);
  if (process.env.ASSISTANT_DATA_DIR) return path.resolve(process.env.ASSISTANT_DATA_DIR);
  return path.resolve(root, "../shared/datasets");
}

/** @param {string} dir @param {string} relative */
export function datasetFile(dir, relative) {
  const file = path.join(dir, relative);
  return existsSync(file) ? file : null;
}
