import {
  LOG_HEADERS,
  LOG_SHEET,
  LOG_SHEET_CANDIDATES,
  LOG_TABLE,
  REVIEW_SHEET,
  REVIEW_SHEET_CANDIDATES,
  REVIEW_TITLE,
  reviewSheet,
  sheetsTakenMessage,
  toDollars,
} from "../../src/core";
import { LOG_CHART, LOG_CHART_TITLE, writeWeeklyReview } from "../../src/excel/write";
import { AS_OF, BODY, review, userWorkbook } from "./fixtures";
import { CellState, ExcelModel, SheetState, sheetState, WorkbookState } from "../helpers/excel-model";

describe("the accountant's record: Weekly Review sheet, Review Log table and chart", () => {
  test("writes the review sheet as plain values with number formats, bold section titles, no formulas", async () => {
    const mock = new ExcelModel(userWorkbook());
    const r = review();
    await writeWeeklyReview(mock.context, r);
    const content = reviewSheet(r);
    const sheet = mock.sheet(REVIEW_SHEET);
    const got = mock.values(REVIEW_SHEET, `A1:E${content.values.length}`);
    expect(got).toEqual(content.values.map((row) => row.map((v) => (v === null ? "" : v))));
    expect([...sheet.cells.values()].every((c) => c.formula === null)).toBe(true);
    expect(mock.cell(REVIEW_SHEET, "B2").numberFormat).toBe("yyyy-mm-dd");
    expect(mock.cell(REVIEW_SHEET, "A1").bold).toBe(true);
    const budgetRow = content.values.findIndex((row) => row[0] === "Budget") + 1;
    expect(mock.cell(REVIEW_SHEET, `B${budgetRow}`).value).toBe(30000);
    expect(mock.cell(REVIEW_SHEET, `B${budgetRow}`).numberFormat).toBe("$#,##0.00");
  });

  test("a second save rewrites the review sheet (no leftovers) and appends a second log row", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeWeeklyReview(mock.context, review());
    // A stray cell far below last week's content must not survive the rewrite.
    mock.cell(REVIEW_SHEET, "A200").value = "stale";
    const calm = { ...review(), asOf: AS_OF + 7, overBudgetRows: [] };
    await writeWeeklyReview(mock.context, calm);
    expect(mock.sheet(REVIEW_SHEET).cells.get("A200")).toBeUndefined();

    const table = mock.state.tables.find((t) => t.name === LOG_TABLE)!;
    expect(table).toMatchObject({ sheet: LOG_SHEET, headerRow: 1, firstColumn: 1, width: LOG_HEADERS.length, bodyRows: 2 });
    const log = mock.values(LOG_SHEET, "A1:V3");
    expect(log[0]).toEqual([...LOG_HEADERS]);
    // The ten capital figures, then exposure 30.7% of the account, utilization 30,700 / 30,000, over budget, the caps
    // in force, 3 underlyings, short puts only, Withdrawal and Reserve at their default 0, no earlier row to take net
    // flows from (blank), no premium column (T12 0), no error row.
    expect(log[1]).toEqual([AS_OF, 100000, 40000, 18, 0.3, 30000, 30700, -700, "cash-secured", 1, 0.307, 30700 / 30000, "no", 0.45, 0.1, 3, "short put", 0, 0, "", 0, 0]);
    expect(mock.cell(LOG_SHEET, "K2").numberFormat).toBe("0.0%");
    expect(mock.cell(LOG_SHEET, "U2").numberFormat).toBe("$#,##0.00");
    expect(log[2][0]).toBe(AS_OF + 7);
    expect(log[2][9]).toBe(0);
    expect(mock.cell(LOG_SHEET, "F3").numberFormat).toBe("$#,##0.00");
    expect(mock.cell(LOG_SHEET, "A3").numberFormat).toBe("yyyy-mm-dd");
    expect(mock.cell(LOG_SHEET, "E2").numberFormat).toBe("0.0%");
  });

  test("keeps one native chart of exposure (columns) vs budget (line) over every logged week", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeWeeklyReview(mock.context, review());
    let charts = mock.sheet(LOG_SHEET).charts;
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ name: LOG_CHART, title: LOG_CHART_TITLE, source: "F1:G2" });
    expect(charts[0].series).toEqual([
      { name: "Budget", type: "Line", values: "F2:F2", xValues: "A2:A2" },
      { name: "Exposure", type: "ColumnClustered", values: "G2:G2", xValues: "A2:A2" },
      { name: "T12 income", type: "Line", values: "U2:U2", xValues: "A2:A2" },
    ]);
    // Right of the log's 22 columns (A:V), never over them.
    expect(charts[0]).toMatchObject({ top: 15, left: 23 * 48 });

    // The user moves the chart; the next saves point it at three weeks where it stands.
    charts[0].top = 400;
    charts[0].left = 20;
    await writeWeeklyReview(mock.context, review());
    await writeWeeklyReview(mock.context, review());
    charts = mock.sheet(LOG_SHEET).charts;
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ name: LOG_CHART, top: 400, left: 20 });
    expect(charts[0].series).toEqual([
      { name: "Budget", type: "Line", values: "F2:F4", xValues: "A2:A4" },
      { name: "Exposure", type: "ColumnClustered", values: "G2:G4", xValues: "A2:A4" },
      { name: "T12 income", type: "Line", values: "U2:U4", xValues: "A2:A4" },
    ]);
  });

  test("a chart the user restyled keeps its styling: the next save only points its series at the grown log", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeWeeklyReview(mock.context, review());
    const chart = mock.sheet(LOG_SHEET).charts[0];
    // Restyled by hand: a title of their own, colours, their own series names, moved and resized.
    Object.assign(chart, { title: "Puts sold vs budget", top: 300, left: 40, width: 500, height: 280 });
    chart.series[0] = { ...chart.series[0], name: "Weekly budget", color: "#1F4E79" };
    chart.series[1] = { ...chart.series[1], color: "#C00000" };

    expect(await save(mock, AS_OF + 7)).toEqual({ syncs: 3, error: null });
    const charts = mock.sheet(LOG_SHEET).charts;
    expect(charts).toHaveLength(1);
    // The same chart, not a redrawn one: everything the user set is as they left it.
    expect(charts[0]).toBe(chart);
    expect(chart).toMatchObject({ name: LOG_CHART, title: "Puts sold vs budget", top: 300, left: 40, width: 500, height: 280 });
    expect(chart.series).toEqual([
      { name: "Weekly budget", type: "Line", color: "#1F4E79", values: "F2:F3", xValues: "A2:A3" },
      { name: "Exposure", type: "ColumnClustered", color: "#C00000", values: "G2:G3", xValues: "A2:A3" },
      { name: "T12 income", type: "Line", values: "U2:U3", xValues: "A2:A3" },
    ]);
    expect(mock.values(LOG_SHEET, "A3:A3")).toEqual([[AS_OF + 7]]);

    expect(await save(mock, AS_OF + 14)).toEqual({ syncs: 3, error: null });
    expect(chart.title).toBe("Puts sold vs budget");
    expect(chart.series.map((s) => [s.values, s.xValues, s.color])).toEqual([
      ["F2:F4", "A2:A4", "#1F4E79"],
      ["G2:G4", "A2:A4", "#C00000"],
      ["U2:U4", "A2:A4", undefined],
    ]);
  });

  test("a chart the user took a series out of is redrawn whole, where they left it", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeWeeklyReview(mock.context, review());
    const chart = mock.sheet(LOG_SHEET).charts[0];
    Object.assign(chart, { title: "Just exposure", top: 300, left: 40, width: 500, height: 280 });
    chart.series.splice(0, 1);

    expect(await save(mock, AS_OF + 7)).toEqual({ syncs: 3, error: null });
    const charts = mock.sheet(LOG_SHEET).charts;
    expect(charts).toHaveLength(1);
    expect(charts[0]).not.toBe(chart);
    expect(charts[0]).toMatchObject({ name: LOG_CHART, title: LOG_CHART_TITLE, source: "F1:G3", top: 300, left: 40, width: 500, height: 280 });
    expect(charts[0].series).toEqual([
      { name: "Budget", type: "Line", values: "F2:F3", xValues: "A2:A3" },
      { name: "Exposure", type: "ColumnClustered", values: "G2:G3", xValues: "A2:A3" },
      { name: "T12 income", type: "Line", values: "U2:U3", xValues: "A2:A3" },
    ]);
  });

  test("a chart deleted by the user is drawn again at the default place", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeWeeklyReview(mock.context, review());
    const first = { ...mock.sheet(LOG_SHEET).charts[0] };
    mock.sheet(LOG_SHEET).charts.splice(0, 1);
    expect(await save(mock, AS_OF + 7)).toEqual({ syncs: 3, error: null });
    const charts = mock.sheet(LOG_SHEET).charts;
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ name: LOG_CHART, title: LOG_CHART_TITLE, top: first.top, left: first.left });
    expect(charts[0].series.map((s) => s.values)).toEqual(["F2:F3", "G2:G3", "U2:U3"]);
  });

  test("leaves the user's sheets alone", async () => {
    const mock = new ExcelModel(userWorkbook());
    const userSheets = (s: unknown) => (s as { sheets: { name: string }[] }).sheets.filter((x) => x.name === "Trades" || x.name === "Other");
    const before = userSheets(mock.snapshot());
    await writeWeeklyReview(mock.context, review());
    expect(userSheets(mock.snapshot())).toEqual(before);
  });

  test("workbook text on the review sheet stays text: a ticker typed '=HYPERLINK(...)' is never entered as a formula", async () => {
    const ticker = '=HYPERLINK("http://example.invalid","x")';
    const rows = [[ticker, "Put", "Sell", 60, 1, "2026-01-05", "Open"], ...BODY.slice(1)];
    const mock = new ExcelModel(userWorkbook(rows));
    const r = review(rows);
    await writeWeeklyReview(mock.context, r);
    const content = reviewSheet(r);
    // The review names the underlying in capitals; it is still text that starts with "=".
    const at = content.values.findIndex((row) => typeof row[0] === "string" && row[0].startsWith("=HYPERLINK"));
    expect(at).toBeGreaterThan(0);
    expect(mock.cell(REVIEW_SHEET, `A${at + 1}`)).toMatchObject({ value: content.values[at][0], formula: null });
  });

  test("missing figures are blank cells, never 0", async () => {
    const mock = new ExcelModel(userWorkbook());
    const r = review(undefined, { accountValue: null as unknown as number, cash: 40000, vix: 18 });
    expect(r.budgetCents).toBeNull();
    await writeWeeklyReview(mock.context, r);
    const row = mock.values(LOG_SHEET, "A2:V2")[0];
    expect(row[1]).toBe("");
    expect(row[5]).toBe("");
    expect(row[6]).toBe(toDollars(r.exposureCents));
  });

  test("sync counts: 3 for the first save and for every later one, whatever the log's length", async () => {
    const mock = new ExcelModel(userWorkbook());
    const counts: number[] = [];
    for (let week = 0; week < 5; week++) {
      const before = mock.syncs;
      await writeWeeklyReview(mock.context, { ...review(), asOf: AS_OF + 7 * week });
      counts.push(mock.syncs - before);
    }
    expect(counts).toEqual([3, 3, 3, 3, 3]);
    expect(mock.state.tables.find((t) => t.name === LOG_TABLE)!.bodyRows).toBe(5);
  });
});

/** A sheet the user keeps under one of our names: values with their own fills, fonts and formats. */
function userSheet(name: string, rows: (string | number)[][]): SheetState {
  const cells: Record<string, Partial<CellState>> = {};
  rows.forEach((row, r) =>
    row.forEach(
      (value, c) =>
        (cells[`${"ABCD"[c]}${r + 1}`] = {
          value,
          fill: r === 0 ? "#70AD47" : "#E2EFDA",
          bold: r === 0,
          italic: c === 2,
          borders: "thin #A9D08E",
          numberFormat: typeof value === "number" ? "$#,##0.00" : "General",
        }),
    ),
  );
  const sheet = sheetState(name, cells);
  sheet.cfs.push({ id: 950, address: "A2:C9", type: "CellValue", formula: "<0", fill: "#FFC7CE", priority: 0 });
  return sheet;
}

/** The user's workbook plus their own "Weekly Review" and "Review Log" sheets (and a chart on the log). */
function workbookWithUserSheets(extra: SheetState[] = []): WorkbookState {
  const wb = userWorkbook();
  const reviewNotes = userSheet(REVIEW_SHEET, [
    ["Week of", "Trades", "Notes"],
    ["2026-02-02", 3, "rolled KO"],
    ["2026-02-09", 1, "quiet week"],
  ]);
  const log = userSheet(LOG_SHEET, [
    ["Date", "P&L", "Comment"],
    ["2026-02-06", 412.5, "good"],
    ["2026-02-13", -120, "T assigned"],
  ]);
  log.charts.push({ name: "Chart 1", type: "Line", source: "A1:B3", seriesBy: "Columns", title: "My P&L", series: [], top: 10, left: 300, width: 360, height: 216 });
  wb.sheets.push(reviewNotes, log, ...extra);
  return wb;
}

const sheetsNamed = (snapshot: unknown, names: readonly string[]) =>
  (snapshot as { sheets: { name: string }[] }).sheets.filter((s) => names.includes(s.name));

/** Runs one save and gives the number of round trips it took, or the error it threw. */
async function save(mock: ExcelModel, asOf = AS_OF): Promise<{ syncs: number; error: string | null }> {
  const before = mock.syncs;
  let error: string | null = null;
  try {
    await writeWeeklyReview(mock.context, { ...review(), asOf });
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  return { syncs: mock.syncs - before, error };
}

describe("the record never writes on the user's own sheets of the same names", () => {
  const USER_SHEETS = ["Trades", "Other", REVIEW_SHEET, LOG_SHEET];
  const [, OUR_REVIEW] = REVIEW_SHEET_CANDIDATES;
  const [, OUR_LOG] = LOG_SHEET_CANDIDATES;

  test("a user's 'Weekly Review' and 'Review Log' stay exactly as they were; ours go to the AG sheets", async () => {
    const mock = new ExcelModel(workbookWithUserSheets());
    const before = sheetsNamed(mock.snapshot(), USER_SHEETS);
    expect(await save(mock)).toEqual({ syncs: 3, error: null });

    // Every cell's value, number format, fill, font and borders, their rule and their chart.
    expect(sheetsNamed(mock.snapshot(), USER_SHEETS)).toEqual(before);
    expect(mock.state.sheets.map((s) => s.name)).toEqual([...USER_SHEETS, OUR_REVIEW, OUR_LOG]);
    const content = reviewSheet(review());
    expect(mock.values(OUR_REVIEW, `A1:E${content.values.length}`)).toEqual(content.values.map((row) => row.map((v) => (v === null ? "" : v))));
    expect(mock.cell(OUR_REVIEW, "A1").value).toBe(REVIEW_TITLE);
    expect(mock.state.tables).toEqual([{ name: LOG_TABLE, sheet: OUR_LOG, headerRow: 1, firstColumn: 1, width: LOG_HEADERS.length, bodyRows: 1 }]);
    expect(mock.values(OUR_LOG, "A1:V1")[0]).toEqual([...LOG_HEADERS]);
    expect(mock.cell(OUR_LOG, "F2").numberFormat).toBe("$#,##0.00");
    expect(mock.sheet(OUR_LOG).charts.map((c) => c.name)).toEqual([LOG_CHART]);
  });

  test("a second save finds its own review sheet by the title in A1 and appends to the log table", async () => {
    const mock = new ExcelModel(workbookWithUserSheets());
    const before = sheetsNamed(mock.snapshot(), USER_SHEETS);
    await save(mock);
    mock.cell(OUR_REVIEW, "A300").value = "stale";
    expect(await save(mock, AS_OF + 7)).toEqual({ syncs: 3, error: null });

    expect(sheetsNamed(mock.snapshot(), USER_SHEETS)).toEqual(before);
    expect(mock.state.sheets.map((s) => s.name)).toEqual([...USER_SHEETS, OUR_REVIEW, OUR_LOG]);
    expect(mock.sheet(OUR_REVIEW).cells.get("A300")).toBeUndefined();
    expect(mock.cell(OUR_REVIEW, "B2").value).toBe(AS_OF + 7);
    expect(mock.state.tables).toHaveLength(1);
    expect(mock.state.tables[0]).toMatchObject({ sheet: OUR_LOG, bodyRows: 2 });
    expect(mock.values(OUR_LOG, "A2:A3")).toEqual([[AS_OF], [AS_OF + 7]]);
    expect(mock.cell(OUR_LOG, "F3").numberFormat).toBe("$#,##0.00");
    expect(mock.sheet(OUR_LOG).charts).toHaveLength(1);
    expect(mock.sheet(OUR_LOG).charts[0]).toMatchObject({ name: LOG_CHART });
    expect(mock.sheet(OUR_LOG).charts[0].series.map((s) => s.values)).toEqual(["F2:F3", "G2:G3", "U2:U3"]);
  });

  test("once the log table exists it is appended to wherever it is, even with both log names taken", async () => {
    const mock = new ExcelModel(workbookWithUserSheets());
    await save(mock);
    // The user renames our log sheet, then keeps a sheet of their own under the fallback name.
    mock.sheet(OUR_LOG).name = "My AG log";
    mock.state.tables[0].sheet = "My AG log";
    mock.state.sheets.push(userSheet(OUR_LOG, [["theirs"]]));
    const theirs = sheetsNamed(mock.snapshot(), [...USER_SHEETS, OUR_LOG]);
    expect(await save(mock, AS_OF + 7)).toEqual({ syncs: 3, error: null });
    expect(sheetsNamed(mock.snapshot(), [...USER_SHEETS, OUR_LOG])).toEqual(theirs);
    expect(mock.state.tables[0]).toMatchObject({ sheet: "My AG log", bodyRows: 2 });
    expect(mock.values("My AG log", "A3")[0][0]).toBe(AS_OF + 7);
  });

  test("both review names taken by the user: a clear error and nothing written, not even the log sheet", async () => {
    const mock = new ExcelModel(workbookWithUserSheets([userSheet(OUR_REVIEW, [["My other review"], [42]])]));
    const before = mock.snapshot();
    const result = await save(mock);
    expect(result).toEqual({ syncs: 2, error: sheetsTakenMessage(REVIEW_SHEET_CANDIDATES) });
    expect(result.error).toContain("'Weekly Review' and 'AG Weekly Review'");
    expect(mock.snapshot()).toEqual(before);
  });

  test("both review names taken once the log table exists: still no log row is appended", async () => {
    const mock = new ExcelModel(userWorkbook());
    await save(mock);
    // The user takes our review sheet over as their own and keeps one under the fallback name too.
    mock.cell(REVIEW_SHEET, "A1").value = "My notes";
    mock.state.sheets.push(userSheet(OUR_REVIEW, [["My other review"]]));
    const before = mock.snapshot();
    expect(await save(mock, AS_OF + 7)).toEqual({ syncs: 2, error: sheetsTakenMessage(REVIEW_SHEET_CANDIDATES) });
    expect(mock.snapshot()).toEqual(before);
    expect(mock.state.tables[0].bodyRows).toBe(1);
  });

  test("both log names taken and no log table yet: a clear error before anything is written", async () => {
    const mock = new ExcelModel(workbookWithUserSheets([userSheet(OUR_LOG, [["Another log"]])]));
    const before = mock.snapshot();
    const result = await save(mock);
    expect(result).toEqual({ syncs: 1, error: sheetsTakenMessage(LOG_SHEET_CANDIDATES) });
    expect(result.error).toContain("'Review Log' and 'AG Review Log'");
    expect(mock.snapshot()).toEqual(before);
  });

  test("a sheet is recognised as ours by its A1 title whatever the case of its name", async () => {
    const wb = userWorkbook();
    const ours = userSheet("weekly review", [[REVIEW_TITLE], ["last week's"]]);
    wb.sheets.push(ours);
    const mock = new ExcelModel(wb);
    expect(await save(mock)).toEqual({ syncs: 3, error: null });
    expect(mock.state.sheets.map((s) => s.name)).toEqual(["Trades", "Other", "weekly review", LOG_SHEET]);
    expect(mock.values("weekly review", "A1:B2")).toEqual([
      [REVIEW_TITLE, ""],
      ["Date", AS_OF],
    ]);
  });

  test("sync counts: 3 for every save that writes, whichever sheets exist, whatever the log's length", async () => {
    for (const wb of [userWorkbook(), workbookWithUserSheets()]) {
      const mock = new ExcelModel(wb);
      const counts: number[] = [];
      for (let week = 0; week < 5; week++) counts.push((await save(mock, AS_OF + 7 * week)).syncs);
      expect(counts).toEqual([3, 3, 3, 3, 3]);
      expect(mock.state.tables.find((t) => t.name === LOG_TABLE)!.bodyRows).toBe(5);
    }
  });
});
