import * as fs from "fs";
import * as path from "path";
import { Cell, buildReview, reviewToJson, serialFromYmd, SETTINGS_SHEET } from "../../src/core";
import { MAX_CLAIMED_CELLS, readSnapshot } from "../../src/excel/read";
import { reviewRequestOf } from "../../src/host/workbook-host";
import { readInput } from "../../src/cli/input";
import { readCsv } from "../../src/csv/read";
import { XlsxReader } from "../../src/xlsx/reader";
import { ExcelModel, valuesAt, workbook, WorkbookSpec } from "../helpers/excel-model";
import { ExpectedFile, checkExpected } from "../helpers/expected-files";

/**
 * A broker file opened in Excel reviews as `assignment-guard review FILE` does: every file of the
 * broker corpus (tests/fixtures/real/brokers/) is put into the Excel model as Excel would hold it
 * (a .csv as the text of its cells, a spreadsheet program's .xlsx with its typed numbers and
 * dates), read by the Excel reader, and must give the figures worked out by hand in its expected
 * file and the command line's whole review.
 */
const DIR = path.join(__dirname, "..", "fixtures", "real", "brokers");
const expectedFiles = fs.readdirSync(DIR).filter((f) => f.endsWith(".expected.json")).sort();
const dataOf = (expected: string) => fs.readdirSync(DIR).find((f) => f !== expected && f.startsWith(expected.replace(/\.expected\.json$/, ".")) && !f.endsWith(".json"))!;

/** The sheets of a broker file as cells: the .csv's one sheet (named as the command line names it), or every sheet of an .xlsx. */
async function sheetsOf(file: string): Promise<{ name: string; grid: Cell[][] }[]> {
  const bytes = new Uint8Array(fs.readFileSync(file));
  if (file.endsWith(".csv")) {
    const csv = readCsv(bytes, path.basename(file));
    return [{ name: csv.sheet, grid: csv.grid }];
  }
  const reader = await XlsxReader.open(bytes);
  const sheets: { name: string; grid: Cell[][] }[] = [];
  for (const sheet of reader.model.sheets) {
    const grid: Cell[][] = [];
    if (sheet.part) await reader.scan(sheet.part, { lastRow: 1_048_576, wants: () => true, cell: (row, column, value) => void ((grid[row - 1] ??= [])[column - 1] = value) });
    sheets.push({ name: sheet.name, grid: Array.from(grid, (r) => Array.from(r ?? [], (c) => c ?? null)) });
  }
  return sheets;
}

/** The expected files' flags as the workbook's own inputs, on the settings sheet (never a candidate). */
function inputsFrom(args: string[]): { names: WorkbookSpec["names"]; asOf: number } {
  const flag = (name: string) => args[args.indexOf(name) + 1];
  const [y, m, d] = flag("--as-of").split("-").map(Number);
  return {
    names: {
      AccountValue: { sheet: SETTINGS_SHEET, cell: "B1", value: Number(flag("--account")) },
      Cash: { sheet: SETTINGS_SHEET, cell: "B2", value: Number(flag("--cash")) },
      VIX: { sheet: SETTINGS_SHEET, cell: "B3", value: Number(flag("--vix")) },
    },
    asOf: serialFromYmd(y, m, d)!,
  };
}

async function excelReview(file: string, args: string[], options: { serverMaxCells?: number; maxCellsPerRead?: number } = {}) {
  const { names, asOf } = inputsFrom(args);
  const sheets: WorkbookSpec["sheets"] = {};
  for (const s of await sheetsOf(file)) sheets[s.name] = valuesAt("A1", s.grid);
  const mock = new ExcelModel(workbook({ sheets, names }), { serverMaxCells: options.serverMaxCells });
  const snap = await readSnapshot(mock.context, { maxCellsPerRead: options.maxCellsPerRead });
  const review = snap.table ? buildReview(reviewRequestOf({ ...snap, table: snap.table }, asOf)) : null;
  return { mock, snap, review, asOf };
}

/** The command line's review of the same file, in this process (src/cli/input.ts then the core, as `review --json` does). */
async function cliReview(file: string, args: string[], asOf: number) {
  const flag = (name: string) => Number(args[args.indexOf(name) + 1]);
  const snap = await readInput(file, path.basename(file), null);
  if (!snap.table) return { message: snap.message, json: null };
  return { message: null, json: reviewToJson(buildReview(reviewRequestOf({ ...snap, table: snap.table }, asOf, { accountValue: flag("--account"), cash: flag("--cash"), vix: flag("--vix") }))) };
}

describe("a broker file opened in Excel reviews as the command line reviews it", () => {
  test("the corpus is there, .csv and .xlsx", () => {
    expect(expectedFiles.length).toBeGreaterThanOrEqual(30);
    expect(expectedFiles.map(dataOf).filter((f) => f.endsWith(".xlsx")).length).toBeGreaterThanOrEqual(3);
  });

  test.each(expectedFiles)("%s", async (name) => {
    const expected = JSON.parse(fs.readFileSync(path.join(DIR, name), "utf8")) as ExpectedFile;
    const file = path.join(DIR, dataOf(name));
    const { snap, review, asOf } = await excelReview(file, expected.args);
    const run = review
      ? { status: 0, stdout: JSON.stringify(reviewToJson(review)), stderr: "" }
      : { status: 2, stdout: "", stderr: `assignment-guard: ${snap.message}\n` };
    // The figures worked out by hand...
    checkExpected(expected, run);
    // ...and everything the command line's review says, row by row, the place it found included.
    const cli = await cliReview(file, expected.args, asOf);
    if (cli.json === null) expect(review).toBeNull();
    else expect(reviewToJson(review!)).toEqual(cli.json);
  });

  test("a claimed sheet is read whole in row chunks within the response limit, and the chunks give the same review", async () => {
    // A thinkorswim account statement: sections one under another, the trade history among them.
    const file = path.join(DIR, "tos-account-statement-2022-06-21.csv");
    const args = JSON.parse(fs.readFileSync(path.join(DIR, "tos-account-statement-2022-06-21.expected.json"), "utf8")).args as string[];
    const whole = await excelReview(file, args);
    expect(whole.snap.table?.source?.found).toMatch(/read as thinkorswim/);
    // Sync 1 the outline; sync 2 the top rows and the used range's size; sync 3 the whole sheet.
    expect(whole.mock.syncs).toBe(3);
    const cells = Math.max(...whole.mock.cellsPerSync);
    const limit = Math.floor(cells / 3);
    const chunked = await excelReview(file, args, { serverMaxCells: limit, maxCellsPerRead: limit });
    expect(Math.max(...chunked.mock.cellsPerSync)).toBeLessThanOrEqual(limit);
    expect(chunked.mock.syncs).toBeGreaterThanOrEqual(5);
    expect(reviewToJson(chunked.review!)).toEqual(reviewToJson(whole.review!));
  });

  test("a claimed sheet whose used range no broker file has (a stray value far out) is refused naming it, never read for hours", async () => {
    const file = path.join(DIR, "ibkr-activity-statement-options-rebuilt.csv");
    const grid = readCsv(new Uint8Array(fs.readFileSync(file)), "statement.csv").grid;
    const cells = valuesAt("A1", grid);
    cells.XFD1048576 = { value: "stray" };
    const mock = new ExcelModel(workbook({ sheets: { statement: cells } }));
    expect(1_048_576 * 16_384).toBeGreaterThan(MAX_CLAIMED_CELLS);
    const snap = await readSnapshot(mock.context);
    expect(snap.table).toBeNull();
    expect(snap.message).toBe(
      "sheet 'statement' looks like IBKR Activity Statement, but its used range A1:XFD1048576 is larger than any broker file (a value far below or right of the data?): clear the cells beyond the broker's rows and columns",
    );
    expect(mock.syncs).toBe(2);
  });

  test("edits anywhere on a claimed sheet count: the watch covers the whole sheet", async () => {
    const file = path.join(DIR, "ibkr-activity-statement-options-rebuilt.csv");
    const args = JSON.parse(fs.readFileSync(path.join(DIR, "ibkr-activity-statement-options-rebuilt.expected.json"), "utf8")).args as string[];
    const { mock, snap } = await excelReview(file, args);
    expect(snap.choice).toBeNull();
    expect(snap.table?.source?.found).toMatch(/read as IBKR Activity Statement/);
    const sheetId = mock.sheetId("ibkr-activity-statement-options-rebuilt");
    expect(snap.watch).toContainEqual({ sheetId, firstRow: 1, lastRow: 1_048_576, firstColumn: 1, lastColumn: 16_384 });
  });
});
