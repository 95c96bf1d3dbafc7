import { buildReview, highlightAreas, highlightFormula, highlightKindOf, highlightPlan, logRow, reviewSheet, reviewToJson, LOG_HEADERS, serialFromYmd, Cell } from "../../src/core";

const header: Cell[] = ["Ticker", "Type", "Strike", "Qty", "Opened"];
const rows: Cell[][] = [
  ["KO", "P", 60, 1, "2026-01-05"],
  ["PFE", "P", 25, 4, "2026-01-12"],
  ["T", "P", 17, 5, "2026-01-20"],
  ["KO", "P", 62, 1, "2026-02-02"],
  ["X", "P", "bad", 1, null],
  ["Y", "Call", 5, 1, null],
];
const review = buildReview({ table: { header, rows, headerRow: 1, firstColumn: 1, source: { sheet: "Trades", name: "Positions", range: "A1:E7" } }, inputs: { accountValue: 100000, cash: 40000, vix: 18 }, asOf: serialFromYmd(2026, 3, 2)! });

describe("The review record and highlight mechanism", () => {
  test("highlight plan: over-budget rows red, concentration rows amber, over-budget wins", () => {
    expect(highlightPlan(review)).toEqual([
      { row: 2, kind: "concentration" },
      { row: 5, kind: "over-budget" },
    ]);
  });

  test("our rule formulas are recognised, anyone else's are not", () => {
    expect(highlightKindOf(highlightFormula("over-budget"))).toBe("over-budget");
    expect(highlightKindOf("=" + highlightFormula("concentration"))).toBe("concentration");
    expect(highlightKindOf("=$D2>100")).toBeNull();
    expect(highlightKindOf(null)).toBeNull();
  });

  test("areas merge consecutive rows and split into batches under the address limit", () => {
    const marks = [2, 3, 4, 7, 9, 10].map((row) => ({ row, kind: "over-budget" as const }));
    expect(highlightAreas(marks, "A", "H")).toEqual([{ kind: "over-budget", addresses: ["A2:H4", "A7:H7", "A9:H10"] }]);
    const many = Array.from({ length: 1000 }, (_, i) => ({ row: 2 + i * 2, kind: "concentration" as const }));
    const batches = highlightAreas(many, "A", "H", 200);
    expect(batches.flatMap((b) => b.addresses)).toHaveLength(1000);
    for (const b of batches) expect(b.addresses.join(",").length).toBeLessThanOrEqual(200);
  });

  test("the log row matches the log headers and holds plain values", () => {
    const row = logRow(review);
    expect(row).toHaveLength(LOG_HEADERS.length);
    // The ten capital columns, then the twelve of INCOME.md "Discipline": exposure % and utilization, within cap ("no":
    // over budget), the caps in force, 3 underlyings (KO, PFE, T), the strategies open (short puts, and row 7's call with
    // a positive quantity in a put-selling log, a short call), Withdrawal and Reserve at their default 0, net flows blank
    // (no earlier log row), T12 0 (no premium column), 1 error row.
    expect(row).toEqual([
      serialFromYmd(2026, 3, 2), 100000, 40000, 18, 0.3, 30000, 30700, -700, "cash-secured", 1,
      0.307, 30700 / 30000, "no", 0.45, 0.1, 3, "short call, short put", 0, 0, null, 0, 1,
    ]);
  });

  test("the review sheet is a rectangle of plain values naming the error rows and over-budget rows", () => {
    const sheet = reviewSheet(review);
    expect(sheet.values.every((r) => r.length === sheet.width)).toBe(true);
    expect(sheet.formats.every((r) => r.length === sheet.width)).toBe(true);
    const flat = sheet.values.flat();
    expect(flat).toContain(30700);
    expect(flat).toContain("'bad' is not a number");
    expect(flat.some((v) => typeof v === "string" && v.startsWith("="))).toBe(false);
    const overIdx = sheet.values.findIndex((r) => r[0] === "Over-budget rows");
    expect(sheet.values[overIdx + 1].slice(0, 4)).toEqual([5, "KO", 6200, 30700]);
  });

  test("the JSON contract carries every figure in dollars", () => {
    const json = reviewToJson(review);
    expect(json.table).toEqual({ sheet: "Trades", name: "Positions", range: "A1:E7" });
    expect(json).toMatchObject({ capPct: 0.3, budget: 30000, exposure: 30700, headroom: -700, withinCap: false, backing: "cash-secured", cashShortfall: 0, overBudgetRows: [5] });
    expect(json.underlyings[0]).toEqual({ underlying: "KO", exposure: 12200, pctOfAccount: 0.122, overLimit: true });
    expect(json.rows[0]).toMatchObject({ row: 2, status: "counted", underlying: "KO", assignmentValue: 6000, runningTotal: 6000, overBudget: false, overConcentration: true, expiredOpen: false });
    expect(json.rows.find((r) => r.row === 6)).toMatchObject({ status: "error", column: "Strike", cell: "C6" });
    expect(json.rows.find((r) => r.row === 7)).toMatchObject({ status: "excluded", reason: "not a put" });
  });
});

import { chooseLogSheet, chooseReviewSheet, isOwnReviewSheet, REVIEW_TITLE, reviewSheet as sheetOf } from "../../src/core";

describe("the record never lands on the user's own sheets", () => {
  test("the review sheet's A1 is the marker that makes it ours", () => {
    expect(sheetOf(review).values[0][0]).toBe(REVIEW_TITLE);
    expect(isOwnReviewSheet(REVIEW_TITLE)).toBe(true);
    expect(isOwnReviewSheet("My weekly review notes")).toBe(false);
    expect(isOwnReviewSheet(null)).toBe(false);
  });

  test("the Weekly Review sheet: the usual name when free or ours, else the fallback, else none", () => {
    expect(chooseReviewSheet([])).toEqual({ name: "Weekly Review", exists: false });
    expect(chooseReviewSheet([{ name: "weekly review", a1: REVIEW_TITLE }])).toEqual({ name: "weekly review", exists: true });
    expect(chooseReviewSheet([{ name: "Weekly Review", a1: "Trades this week" }])).toEqual({ name: "AG Weekly Review", exists: false });
    expect(chooseReviewSheet([{ name: "Weekly Review", a1: "mine" }, { name: "AG Weekly Review", a1: REVIEW_TITLE }])).toEqual({
      name: "AG Weekly Review",
      exists: true,
    });
    expect(chooseReviewSheet([{ name: "Weekly Review", a1: "mine" }, { name: "AG Weekly Review", a1: "also mine" }])).toBeNull();
  });

  test("a new Review Log table goes on a sheet no one uses", () => {
    expect(chooseLogSheet(["Trades"])).toBe("Review Log");
    expect(chooseLogSheet(["Trades", "REVIEW LOG"])).toBe("AG Review Log");
    expect(chooseLogSheet(["Review Log", "AG Review Log"])).toBeNull();
  });
});
