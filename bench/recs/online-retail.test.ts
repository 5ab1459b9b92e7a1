import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadOnlineRetail, onlineRetailPath, parseNaiveDate, resolveDataDir } from "./online-retail";

describe("Online Retail loading", () => {
  it("GIVEN the dataset's date format THEN it is read as UTC", () => {
    expect(parseNaiveDate("2010-12-01 08:26:00")).toBe(Date.UTC(2010, 11, 1, 8, 26));
    expect(parseNaiveDate("2011-09-01")).toBe(Date.UTC(2011, 8, 1));
    expect(() => parseNaiveDate("12/1/2010 8:26")).toThrow(/Unexpected date/);
  });

  it("GIVEN cancellations, guests and returns THEN only clean lines remain", async () => {
    const csv = [
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
      '536381,82567,"AIRLINE LOUNGE,METAL SIGN",2,2010-12-01 09:41:00,2.1,15311,United Kingdom',
      "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom",
      "536414,22139,,56,2010-12-01 11:52:00,0,,United Kingdom",
      "536415,22140,BOX,0,2010-12-01 11:52:00,1,15311,United Kingdom",
      "536416,22141,BOX,3,2010-12-01 11:53:00,1,17850.0,France",
    ].join("\n");
    const dir = mkdtempSync(path.join(tmpdir(), "retail-"));
    const file = path.join(dir, "sample.csv.gz");
    writeFileSync(file, gzipSync(csv));

    const { lines, rows } = await loadOnlineRetail(file);
    expect(rows).toBe(5);
    expect(lines.map((l) => [l.invoiceNo, l.description, l.customerId])).toEqual([
      ["536381", "AIRLINE LOUNGE,METAL SIGN", "15311"],
      ["536416", "BOX", "17850"],
    ]);
  });

  const file = onlineRetailPath(resolveDataDir());
  it.skipIf(!file)(
    "GIVEN the real file THEN cleaning gives the counts the datasets README states",
    async () => {
      const { lines } = await loadOnlineRetail(file!);
      expect(lines).toHaveLength(397_924);
      expect(new Set(lines.map((l) => l.customerId)).size).toBe(4_339);
      expect(new Set(lines.map((l) => l.stockCode)).size).toBe(3_665);
      expect(new Set(lines.map((l) => l.invoiceNo)).size).toBe(18_536);
    },
    120_000,
  );
  if (!file) console.warn("Online Retail data not found (set ASSISTANT_DATA_DIR): the real-data check is skipped");
});
