import { LOG_HEADERS, LOG_SHEET, LOG_TABLE, REVIEW_SHEET, reviewSheet, toDollars } from "../../src/core";
import { LOG_CHART, LOG_CHART_TITLE, writeWeeklyReview } from "../../src/excel/write";
import { AS_OF, review, userWorkbook } from "./fixtures";
import { WriteMock } from "./write-mock";

describe("the accountant's record: Weekly Review sheet, Review Log table and chart", () => {
  test("writes the review sheet as plain values with number formats, bold section titles, no formulas", async () => {
    const mock = new WriteMock(userWorkbook());
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
    const mock = new WriteMock(userWorkbook());
    await writeWeeklyReview(mock.context, review());
    // A stray cell far below last week's content must not survive the rewrite.
    mock.cell(REVIEW_SHEET, "A200").value = "stale";
    const calm = { ...review(), asOf: AS_OF + 7, overBudgetRows: [] };
    await writeWeeklyReview(mock.context, calm);
    expect(mock.sheet(REVIEW_SHEET).cells.get("A200")).toBeUndefined();

    const table = mock.state.tables.find((t) => t.name === LOG_TABLE)!;
    expect(table).toMatchObject({ sheet: LOG_SHEET, headerRow: 1, firstColumn: 1, width: LOG_HEADERS.length, bodyRows: 2 });
    const log = mock.values(LOG_SHEET, "A1:J3");
    expect(log[0]).toEqual([...LOG_HEADERS]);
    expect(log[1]).toEqual([AS_OF, 100000, 40000, 18, 0.3, 30000, 30700, -700, "cash-secured", 1]);
    expect(log[2][0]).toBe(AS_OF + 7);
    expect(log[2][9]).toBe(0);
    expect(mock.cell(LOG_SHEET, "F3").numberFormat).toBe("$#,##0.00");
    expect(mock.cell(LOG_SHEET, "A3").numberFormat).toBe("yyyy-mm-dd");
    expect(mock.cell(LOG_SHEET, "E2").numberFormat).toBe("0.0%");
  });

  test("keeps one native chart of exposure (columns) vs budget (line) over every logged week", async () => {
    const mock = new WriteMock(userWorkbook());
    await writeWeeklyReview(mock.context, review());
    let charts = mock.sheet(LOG_SHEET).charts;
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ name: LOG_CHART, title: LOG_CHART_TITLE, source: "F1:G2" });
    expect(charts[0].series).toEqual([
      { name: "Budget", type: "Line", values: "F2:F2", xValues: "A2:A2" },
      { name: "Exposure", type: "ColumnClustered", values: "G2:G2", xValues: "A2:A2" },
    ]);

    // The user moves the chart; the next save redraws it over three weeks in the same place.
    charts[0].top = 400;
    charts[0].left = 20;
    await writeWeeklyReview(mock.context, review());
    await writeWeeklyReview(mock.context, review());
    charts = mock.sheet(LOG_SHEET).charts;
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({ name: LOG_CHART, source: "F1:G4", top: 400, left: 20 });
    expect(charts[0].series.map((s) => s.xValues)).toEqual(["A2:A4", "A2:A4"]);
  });

  test("leaves the user's sheets alone", async () => {
    const mock = new WriteMock(userWorkbook());
    const userSheets = (s: unknown) => (s as { sheets: { name: string }[] }).sheets.filter((x) => x.name === "Trades" || x.name === "Other");
    const before = userSheets(mock.snapshot());
    await writeWeeklyReview(mock.context, review());
    expect(userSheets(mock.snapshot())).toEqual(before);
  });

  test("missing figures are blank cells, never 0", async () => {
    const mock = new WriteMock(userWorkbook());
    const r = review(undefined, { accountValue: null as unknown as number, cash: 40000, vix: 18 });
    expect(r.budgetCents).toBeNull();
    await writeWeeklyReview(mock.context, r);
    const row = mock.values(LOG_SHEET, "A2:J2")[0];
    expect(row[1]).toBe("");
    expect(row[5]).toBe("");
    expect(row[6]).toBe(toDollars(r.exposureCents));
  });

  test("sync counts: 3 for the first save and for every later one, whatever the log's length", async () => {
    const mock = new WriteMock(userWorkbook());
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
