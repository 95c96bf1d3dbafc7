import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { LOG_HEADERS, LOG_SHEET_CANDIDATES, LOG_TABLE, REVIEW_SHEET_CANDIDATES, REVIEW_TITLE, Review, buildReview, serialFromYmd, sheetsTakenMessage } from "../../src/core";
import { XlsxWorkbookHost } from "../../src/xlsx/host";
import { reviewRequestOf } from "../../src/host/workbook-host";
import { SheetsTaken } from "../../src/xlsx/own-sheets";
import { cli } from "../cli/helpers";
import { readWorkbook, sheetContent, tmp, withUserSheets } from "./user-sheets";

jest.setTimeout(120_000);

const asOf = serialFromYmd(2026, 2, 10)!;
const USER = ["Weekly Review", "Review Log"];

async function open(data: Uint8Array | Buffer): Promise<XlsxWorkbookHost> {
  return XlsxWorkbookHost.fromBuffer(data, { asOf });
}
async function reviewOf(host: XlsxWorkbookHost): Promise<Review> {
  const s = await host.readSnapshot();
  return buildReview(reviewRequestOf({ ...s, table: s.table! }, asOf));
}
async function reread(host: XlsxWorkbookHost): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
  return wb;
}
const names = (wb: ExcelJS.Workbook) => wb.worksheets.map((w) => w.name);
const logRows = (wb: ExcelJS.Workbook) => {
  const ws = wb.worksheets.find((w) => (w as any).tables?.[LOG_TABLE])!;
  return { sheet: ws.name, ref: (ws as any).tables[LOG_TABLE].table.tableRef as string };
};

describe("saveWeeklyReview never lands on the user's own Weekly Review and Review Log sheets", () => {
  let input: string;
  let before: ExcelJS.Workbook;
  beforeAll(async () => {
    input = await withUserSheets(USER);
    before = await readWorkbook(input);
  });

  test("their sheets stay cell for cell; ours are 'AG Weekly Review' and 'AG Review Log'; a second save reuses ours", async () => {
    const host = await open(fs.readFileSync(input));
    const r = await reviewOf(host);
    await host.saveWeeklyReview(r);
    expect(host.savedTo).toEqual({ reviewSheet: "AG Weekly Review", logSheet: "AG Review Log", fallback: null });
    // A second save in the same session and a third from the saved file.
    await host.saveWeeklyReview(r);
    const again = await open(await host.toBuffer());
    await again.saveWeeklyReview(r);
    expect(again.savedTo).toEqual({ reviewSheet: "AG Weekly Review", logSheet: "AG Review Log", fallback: null });

    const after = await reread(again);
    expect([...names(after)].sort()).toEqual([...names(before), "AG Weekly Review", "AG Review Log"].sort());
    for (const name of USER) expect([name, sheetContent(after.getWorksheet(name)!)]).toEqual([name, sheetContent(before.getWorksheet(name)!)]);
    expect(after.getWorksheet("AG Weekly Review")!.getCell("A1").value).toBe(REVIEW_TITLE);
    expect(logRows(after)).toEqual({ sheet: "AG Review Log", ref: "A1:V4" });
    expect((after.getWorksheet("AG Review Log")!.getRow(1).values as unknown[]).slice(1)).toEqual([...LOG_HEADERS]);
  });

  test("names are compared as Excel does, ignoring case", async () => {
    const host = await open(fs.readFileSync(await withUserSheets(["WEEKLY REVIEW"])));
    await host.saveWeeklyReview(await reviewOf(host));
    expect(host.savedTo).toEqual({ reviewSheet: "AG Weekly Review", logSheet: "Review Log", fallback: null });
    expect((await reread(host)).getWorksheet("WEEKLY REVIEW")!.getCell("A1").value).toBe("My weekly review");
  });

  test("our own Weekly Review sheet under the usual name is replaced, not duplicated", async () => {
    const host = await open(fs.readFileSync(await withUserSheets(["Review Log"])));
    const r = await reviewOf(host);
    await host.saveWeeklyReview(r);
    await host.saveWeeklyReview(r);
    expect(host.savedTo!.reviewSheet).toBe("Weekly Review");
    expect(names(await reread(host)).filter((n) => /weekly review/i.test(n))).toEqual(["Weekly Review"]);
  });

  test("a ReviewLog table that exists grows where it is, even beside a user's 'Review Log' sheet", async () => {
    const wb = await readWorkbook(input);
    const ws = wb.addWorksheet("Log 2026");
    ws.addTable({ name: LOG_TABLE, ref: "A1", headerRow: true, columns: LOG_HEADERS.map((name) => ({ name })), rows: [LOG_HEADERS.map(() => 1)] });
    const host = await open(new Uint8Array(await wb.xlsx.writeBuffer()));
    await host.saveWeeklyReview(await reviewOf(host));
    expect(host.savedTo!.logSheet).toBe("Log 2026");
    const after = await reread(host);
    expect(logRows(after)).toEqual({ sheet: "Log 2026", ref: "A1:V3" });
    expect(after.getWorksheet("AG Review Log")).toBeUndefined();
    expect(sheetContent(after.getWorksheet("Review Log")!)).toEqual(sheetContent(before.getWorksheet("Review Log")!));
  });

  test.each([
    ["both review sheet names", ["Weekly Review", "AG Weekly Review"], REVIEW_SHEET_CANDIDATES],
    ["both log sheet names (no ReviewLog table yet)", ["Review Log", "AG Review Log"], LOG_SHEET_CANDIDATES],
  ])("the user holds %s: SheetsTaken, and nothing was written", async (_what, taken, candidates) => {
    const file = await withUserSheets(taken);
    const host = await open(fs.readFileSync(file));
    const untouched = await reread(host);
    const r = await reviewOf(host);
    const saving = host.saveWeeklyReview(r);
    await expect(saving).rejects.toThrow(SheetsTaken);
    await expect(saving).rejects.toThrow(sheetsTakenMessage(candidates));
    expect(host.savedTo).toBeNull();
    const after = await reread(host);
    expect(names(after)).toEqual(names(untouched));
    for (const ws of after.worksheets) expect([ws.name, sheetContent(ws)]).toEqual([ws.name, sheetContent(untouched.getWorksheet(ws.name)!)]);
  });
});

describe("the command line", () => {
  test("--out and --accountant on a workbook with the user's sheets: exit 0, saying where the review went", async () => {
    const input = await withUserSheets(USER);
    const dir = tmp();
    const out = path.join(dir, "reviewed.xlsx");
    const acc = path.join(dir, "accountant.xlsx");
    const r = cli(["review", input, "--out", out, "--accountant", acc, "--as-of", "2026-02-10"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Reviewed copy: ${out} (highlights, review on 'AG Weekly Review' (your own 'Weekly Review' sheet is left as it is), a row added to the ReviewLog table on 'AG Review Log' (your own 'Review Log' sheet is left as it is))`);
    expect(r.stdout).toContain(`Accountant copy: ${acc} (0 CSP formula cells replaced by their saved values), review on 'AG Weekly Review' (your own 'Weekly Review' sheet is left as it is)`);
    const before = await readWorkbook(input);
    for (const file of [out, acc]) {
      const wb = await readWorkbook(file);
      for (const name of USER) expect([file, name, sheetContent(wb.getWorksheet(name)!)]).toEqual([file, name, sheetContent(before.getWorksheet(name)!)]);
      expect(wb.getWorksheet("AG Weekly Review")!.getCell("A1").value).toBe(REVIEW_TITLE);
    }
  });

  const cases: [string, string[], string[], readonly string[]][] = [
    ["--out, both review sheet names taken", ["Weekly Review", "AG Weekly Review"], ["--out"], REVIEW_SHEET_CANDIDATES],
    ["--accountant, both review sheet names taken", ["Weekly Review", "AG Weekly Review"], ["--accountant"], REVIEW_SHEET_CANDIDATES],
    // The accountant copy writes no log and could be made on its own: it is not written either.
    ["--out and --accountant, both log sheet names taken", ["Review Log", "AG Review Log"], ["--out", "--accountant"], LOG_SHEET_CANDIDATES],
  ];
  test.each(cases)("%s: exit 2, one line, no output file", async (_what, taken, flags, candidates) => {
    const input = await withUserSheets(taken);
    const dir = tmp();
    const r = cli(["review", input, ...flags.flatMap((f, i) => [f, path.join(dir, `copy${i}.xlsx`)]), "--json", "--as-of", "2026-02-10"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`assignment-guard: ${input}: ${sheetsTakenMessage(candidates)}\n`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
