import { createReadStream, existsSync } from "node:fs";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { parse } from "csv-parse";

export const ONLINE_RETAIL_FILE = "online-retail/online_retail.csv.gz";

const repoRoot = path.resolve(import.meta.dirname, "../..");

/** The datasets folder: --data DIR, else ASSISTANT_DATA_DIR, else ../shared/datasets beside the repository. */
export function resolveDataDir(flag?: string): string {
  return path.resolve(flag ?? process.env.ASSISTANT_DATA_DIR ?? path.join(repoRoot, "../shared/datasets"));
}

export function onlineRetailPath(dataDir: string): string | null {
  const file = path.join(dataDir, ONLINE_RETAIL_FILE);
  return existsSync(file) ? file : null;
}

export interface RetailLine {
  invoiceNo: string;
  stockCode: string;
  description: string;
  quantity: number;
  /** InvoiceDate is naive UK local time; it is read as if it were UTC, and so are the split dates. */
  invoiceDate: number;
  unitPrice: number;
  customerId: string;
  country: string;
}

/** "2010-12-01 08:26:00" (or "2011-09-01") read as UTC milliseconds. */
export function parseNaiveDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) throw new Error(`Unexpected date "${text}"`);
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = m;
  return Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
}

/**
 * The cleaned lines of the protocol: a CustomerID present, an InvoiceNo not starting with "C"
 * (cancellations), Quantity > 0. Counts of what was dropped are returned for the log.
 */
export async function loadOnlineRetail(file: string): Promise<{ lines: RetailLine[]; rows: number }> {
  const parser = createReadStream(file)
    .pipe(createGunzip())
    .pipe(parse({ columns: true, relax_quotes: true }));
  const lines: RetailLine[] = [];
  let rows = 0;
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    rows++;
    const customerId = row.CustomerID?.trim();
    if (!customerId) continue;
    if (row.InvoiceNo.startsWith("C")) continue;
    const quantity = Number(row.Quantity);
    if (!(quantity > 0)) continue;
    lines.push({
      invoiceNo: row.InvoiceNo,
      stockCode: row.StockCode.trim(),
      description: row.Description?.trim() ?? "",
      quantity,
      invoiceDate: parseNaiveDate(row.InvoiceDate),
      unitPrice: Number(row.UnitPrice),
      // Some exports write "17850.0"; the customer is the same.
      customerId: customerId.replace(/\.0+$/, ""),
      country: row.Country,
    });
  }
  return { lines, rows };
}
