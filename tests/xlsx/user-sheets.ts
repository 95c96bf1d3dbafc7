import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { fixture } from "../cli/helpers";

export const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "ag-own-"));

/**
 * The worked example plus sheets the user made with the names Assignment Guard would use:
 * values, a fill, a number format, a bold font, a formula, a column width and a merge.
 * `names` lists which of them to add ("Weekly Review", "AG Weekly Review", "Review Log", "AG Review Log").
 */
export async function withUserSheets(names: readonly string[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(fixture("worked-example"));
  for (const name of names) {
    const ws = wb.addWorksheet(name);
    ws.getCell("A1").value = `My ${name.toLowerCase()}`;
    ws.getCell("A1").font = { bold: true, size: 14 };
    ws.getCell("A2").value = "Premium collected";
    ws.getCell("B2").value = 1234.5;
    ws.getCell("B2").numFmt = "$#,##0.00";
    ws.getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
    ws.getCell("A3").value = "Week of";
    ws.getCell("B3").value = 46062;
    ws.getCell("B3").numFmt = "yyyy-mm-dd";
    ws.getCell("B4").value = { formula: "B2*2", result: 2469 };
    ws.getCell("A6").value = "rolled KO, kept PFE";
    ws.mergeCells("A6:C6");
    ws.getColumn(1).width = 24;
  }
  const file = path.join(tmp(), "user-sheets.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

/** Every cell of a sheet as exceljs reads it (value and style), with its column widths and merges. */
export function sheetContent(ws: ExcelJS.Worksheet): unknown {
  const cells: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (c) => cells.push([c.address, c.value, c.numFmt, c.fill, c.font, c.alignment, c.border])),
  );
  return JSON.parse(JSON.stringify({ cells, widths: ws.columns?.map((c) => c.width), merges: (ws.model as { merges?: string[] }).merges }));
}

export async function readWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}
