import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const widgetAssetsDir = path.resolve(import.meta.dirname, "../extensions/assistant-widget/assets");

/** Bytes a shopper downloads: the asset gzip'd at the default level, as CDNs serve it. */
export function gzipBytes(file: string): number {
  return gzipSync(readFileSync(path.join(widgetAssetsDir, file))).length;
}

/** The loader (on every page) and the chat UI (after the first interaction), gzip'd. */
export function widgetSizes() {
  return {
    loaderGzipBytes: gzipBytes("loader.js"),
    uiGzipBytes: gzipBytes("chat.js") + gzipBytes("chat.css"),
  };
}

export const BUDGET = { loaderGzipBytes: 2 * 1024, uiGzipBytes: 12 * 1024 };
