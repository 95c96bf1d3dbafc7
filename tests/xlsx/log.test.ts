import * as path from "path";
import ExcelJS from "exceljs";
import { CAPITAL_LOG_HEADERS } from "../../src/core";
import { cli, fixture } from "../cli/helpers";
import { recalculatedSheets, withSoffice } from "../helpers/libreoffice";
import { zipParts } from "../helpers/zip";
import { readWorkbook, tmp } from "./user-sheets";

jest.setTimeout(240_000);

/**
 * The worked example plus the user's 'My Log' sheet: a ReviewLog table of the first version's ten
 * columns (A1:J4; the log keeps them, and the row's other figures are left out) whose row 4 is a
 * totals row summing Exposure, their own cells around it (M5 beside the row below the table,
 * a note and a formula further down), and a Summary sheet whose formulas point at those cells
 * with a deliberately wrong cached value, so only a real recalculation shows the right one.
 */
async function logWorkbook(extra: { cellBelowInTable?: boolean; refToTotals?: boolean } = {}): Promise<string> {
  const wb = await readWorkbook(fixture("worked-example"));
  const ws = wb.addWorksheet("My Log");
  ws.addTable({
    name: "ReviewLog",
    ref: "A1",
    headerRow: true,
    totalsRow: true,
    columns: CAPITAL_LOG_HEADERS.map((name, i) => (i === 0 ? { name, totalsRowLabel: "Total" } : i === 6 ? { name, totalsRowFunction: "sum" } : { name, totalsRowFunction: "none" })) as ExcelJS.TableColumnProperties[],
    rows: [
      [46000, 100000, 40000, 18, 0.3, 30000, 25000, 5000, "cash-secured", 0],
      [46007, 100000, 40000, 19, 0.3, 30000, 27000, 3000, "cash-secured", 0],
    ],
  });
  ws.getCell("M5").value = 77;
  ws.getCell("A7").value = "my note";
  ws.getCell("G7").value = 123;
  ws.getCell("G8").value = { formula: "G7*2", result: 246 } as ExcelJS.CellFormulaValue;
  if (extra.cellBelowInTable) ws.getCell("C5").value = "mine";
  const sum = wb.addWorksheet("Summary");
  sum.getCell("A1").value = { formula: "'My Log'!M5", result: 0 } as ExcelJS.CellFormulaValue;
  sum.getCell("A2").value = { formula: "'My Log'!G7", result: 0 } as ExcelJS.CellFormulaValue;
  sum.getCell("A3").value = { formula: "'My Log'!G8", result: 0 } as ExcelJS.CellFormulaValue;
  sum.getCell("A4").value = { formula: "SUM(ReviewLog[Exposure])", result: 0 } as ExcelJS.CellFormulaValue;
  if (extra.refToTotals) sum.getCell("A5").value = { formula: "'My Log'!G4", result: 0 } as ExcelJS.CellFormulaValue;
  const file = path.join(tmp(), "log.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

const sheetPart = (parts: Map<string, Buffer>, name: string): string => {
  const wb = parts.get("xl/workbook.xml")!.toString();
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wb)![1];
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(parts.get("xl/_rels/workbook.xml.rels")!.toString())![1];
  return `xl/${target.replace(/^\/?xl\//, "")}`;
};

function reviewed(input: string): { out: string; stdout: string; stderr: string } {
  const out = path.join(tmp(), "reviewed.xlsx");
  const r = cli(["review", input, "--out", out, "--as-of", "2026-02-10"]);
  expect(r.status).toBe(0);
  return { out, stdout: r.stdout, stderr: r.stderr };
}

describe("the log row goes inside the ReviewLog table, above its totals row, moving nothing the user owns", () => {
  let input: string;
  let out: string;
  let stderr: string;
  beforeAll(async () => {
    input = await logWorkbook();
    ({ out, stderr } = reviewed(input));
  });

  test("the table grows by one row; the totals row is still its last row", async () => {
    expect(stderr).toBe("");
    const parts = await zipParts(out);
    const table = [...parts].find(([n, b]) => n.startsWith("xl/tables/") && b.toString().includes('name="ReviewLog"'))![1].toString();
    expect(table).toMatch(/ ref="A1:J5"/);
    expect(table).toMatch(/totalsRowCount="1"/);
    expect(table).toMatch(/<autoFilter ref="A1:J4"/);
  });

  test("every other part but the log sheet, the table, styles and the added review sheet is byte for byte", async () => {
    const a = await zipParts(input);
    const b = await zipParts(out);
    const log = sheetPart(a, "My Log");
    const positions = sheetPart(a, "Positions");
    const touched = new Set([log, positions, "xl/styles.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]);
    for (const [name, bytes] of a) {
      if (touched.has(name) || name.startsWith("xl/tables/")) continue;
      expect([name, b.get(name)?.equals(bytes)]).toEqual([name, true]);
    }
  });

  withSoffice("recalculated by LibreOffice: formulas elsewhere still see the same cells; the totals include the new row", () => {
    const sheets = recalculatedSheets(out, tmp());
    const summary = sheets("Summary");
    // 'My Log'!M5 = 77, G7 = 123, G8 = 246; the table's Exposure: 25,000 + 27,000 + this review's 30,700.
    expect(summary.slice(0, 4)).toEqual(["77", "123", "246", "82700"]);
    const log = sheets("My Log");
    expect(log[3]).toMatch(/^2026-02-10,100000,40000,18,30%,30000,30700,-700,cash-secured,1/);
    expect(log[4]).toMatch(/^Total,,,,,,82700,/);
    expect(log[4].split(",")[12]).toBe("77");
    expect(log[6].split(",")[0]).toBe("my note");
  });
});

describe("when the table cannot grow without touching the user's cells, the row goes to a log of our own", () => {
  test.each([
    ["a cell of theirs right below the totals row, inside the table's columns", { cellBelowInTable: true }, /the row below table ReviewLog is not free \(C5 holds your data\)/],
    ["a formula elsewhere naming a totals cell by address", { refToTotals: true }, /Summary!A5 refers to the totals row's cells by address/],
  ])("%s", async (_what, extra, why) => {
    const input = await logWorkbook(extra);
    const { out, stdout, stderr } = reviewed(input);
    expect(stderr).toMatch(why);
    expect(stderr).toMatch(/the log row went to table AG_ReviewLog on sheet 'Review Log' instead, so none of your cells moved/);
    expect(stdout).toContain("a row added to the AG_ReviewLog table on 'Review Log'");
    const a = await zipParts(input);
    const b = await zipParts(out);
    const log = sheetPart(a, "My Log");
    expect(b.get(log)!.equals(a.get(log)!)).toBe(true);
    for (const [name, bytes] of a) if (name.startsWith("xl/tables/")) expect([name, b.get(name)!.equals(bytes)]).toEqual([name, true]);
    // A second review finds our log again and grows it.
    const again = path.join(tmp(), "again.xlsx");
    const r = cli(["review", out, "--out", again, "--as-of", "2026-02-11"]);
    expect(r.status).toBe(0);
    const c = await zipParts(again);
    const own = [...c].find(([n, x]) => n.startsWith("xl/tables/") && x.toString().includes('name="AG_ReviewLog"'))![1].toString();
    // Our own log is made with every column of today's log (A:V).
    expect(own).toMatch(/ ref="A1:V3"/);
  });

  withSoffice("recalculated by LibreOffice: the totals cell named by address still holds the total", async () => {
    const input = await logWorkbook({ refToTotals: true });
    const { out } = reviewed(input);
    const summary = recalculatedSheets(out, tmp())("Summary");
    expect(summary).toEqual(["77", "123", "246", "52000", "52000"]);
  });
});
