import { buildReview, Cell, CAPITAL_LOG_HEADERS, LOG_HEADERS, LOG_TABLE, serialFromYmd } from "../../src/core";
import { readSnapshot } from "../../src/excel/read";
import { sameSnapshot } from "../../src/excel/snapshot-cache";
import { LOG_CHART, writeWeeklyReview } from "../../src/excel/write";
import { reviewRequestOf } from "../../src/host/workbook-host";
import { ExcelModel, workbook, WorkbookSpec } from "../helpers/excel-model";

const D = serialFromYmd(2026, 11, 27)!;
const header: Cell[] = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Premium"];
const body: Cell[][] = [
  ["KO", "Put", "Sell", 60, 1, serialFromYmd(2026, 10, 5)!, 1.5],
  ["PFE", "Put", "Sell", 25, 4, serialFromYmd(2026, 11, 2)!, 0.5],
];
const names: WorkbookSpec["names"] = {
  AccountValue: { sheet: "Inputs", cell: "B1", value: 100000 },
  Cash: { sheet: "Inputs", cell: "B2", value: 40000 },
  VIX: { sheet: "Inputs", cell: "B3", value: 18 },
  IncomeTarget: { sheet: "Inputs", cell: "B4", value: 3000 },
  Withdrawal: { sheet: "Inputs", cell: "B5", value: 500 },
};
const FLOWS = { name: "CashFlows", sheet: "Flows", header: ["Date", "Kind", "Amount", "Planned"], rows: [[serialFromYmd(2026, 11, 3)!, "Withdrawal", 500, "N"]] as Cell[][], headerRow: 2, firstColumn: 2 };
const logRow = (date: number, account: number): Cell[] => [date, account, 40000, 18, 0.3, account * 0.3, 9000, account * 0.3 - 9000, "cash-secured", 0];
const LOG = { name: LOG_TABLE, sheet: "Review Log", header: [...CAPITAL_LOG_HEADERS] as Cell[], rows: [logRow(serialFromYmd(2026, 11, 13)!, 99000)] };
const OWN_LOG = { name: "AG_ReviewLog", sheet: "AG Review Log", header: [...CAPITAL_LOG_HEADERS] as Cell[], rows: [logRow(serialFromYmd(2026, 11, 20)!, 99500)] };

describe("the Excel reader reads the income tables with the position table, in the same round trips", () => {
  test("CashFlows, ReviewLog and AG_ReviewLog come in the 2 syncs a named position table takes alone", async () => {
    const alone = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "Log", header, rows: body }], names }));
    await readSnapshot(alone.context);
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "Log", header, rows: body }, FLOWS, LOG, OWN_LOG], names }));
    const snap = await readSnapshot(mock.context);
    expect([alone.syncs, mock.syncs]).toEqual([2, 2]);
    expect(snap.cashFlows).toEqual({ header: FLOWS.header, rows: FLOWS.rows, headerRow: 2, firstColumn: 2, source: { sheet: "Flows", name: "CashFlows", range: "B2:E3" } });
    expect(snap.reviewLogs?.map((t) => [t.source?.name, t.rows.length, t.headerRow])).toEqual([
      [LOG_TABLE, 1, 1],
      ["AG_ReviewLog", 1, 1],
    ]);
    expect(snap.brokerLedger).toBeNull();
    // Their cells are watched: an entry in CashFlows (or just below it) changes the review.
    const flowsSheet = mock.sheetId("Flows");
    expect(snap.watch).toEqual(expect.arrayContaining([{ sheetId: flowsSheet, firstRow: 2, lastRow: 4, firstColumn: 2, lastColumn: 5 }]));

    const review = buildReview(reviewRequestOf({ ...snap, table: snap.table! }, D));
    expect(review.income.unplannedWithdrawals.map((f) => f.cents)).toEqual([50_000]);
    expect(review.income.log.map((e) => e.accountCents)).toEqual([9_900_000, 9_950_000]);
    expect(review.discipline.streakWeeks).toBe(3);
  });

  test("when a header row must be searched, still 3 syncs", async () => {
    const sheets = { Trades: Object.fromEntries([header, ...body].flatMap((row, r) => row.map((v, c) => [`${"ABCDEFG"[c]}${r + 1}`, { value: v as string | number }]))) };
    const alone = new ExcelModel(workbook({ sheets, names }));
    await readSnapshot(alone.context);
    const mock = new ExcelModel(workbook({ sheets, tables: [FLOWS, LOG], names }));
    const snap = await readSnapshot(mock.context);
    expect([alone.syncs, mock.syncs]).toEqual([3, 3]);
    expect(snap.table?.source?.sheet).toBe("Trades");
    expect(snap.cashFlows?.rows).toEqual(FLOWS.rows);
  });

  test("a changed cash flow is a changed snapshot: the formulas and the pane hear of it", async () => {
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "Log", header, rows: body }, FLOWS], names }));
    const before = await readSnapshot(mock.context);
    expect(sameSnapshot(before, await readSnapshot(mock.context))).toBe(true);
    mock.cell("Flows", "D3").value = 900;
    expect(sameSnapshot(before, await readSnapshot(mock.context))).toBe(false);
  });
});

describe("the Excel log writer and its chart with T12 income", () => {
  const review = () => buildReview({ table: { header, rows: body, headerRow: 1, firstColumn: 1 }, inputs: { accountValue: 100000, cash: 40000, vix: 18, incomeTarget: 3000 }, asOf: D });

  test("last year's ten-column log keeps its columns: the row goes under its headers, the chart keeps budget and exposure", async () => {
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "Log", header, rows: body }, LOG], names }));
    const before = mock.syncs;
    await writeWeeklyReview(mock.context, review());
    expect(mock.syncs - before).toBe(3);
    const table = mock.state.tables.find((t) => t.name === LOG_TABLE)!;
    expect(table).toMatchObject({ width: 10, bodyRows: 2 });
    expect(mock.values("Review Log", "A3:K3")[0]).toEqual([D, 100000, 40000, 18, 0.3, 30000, 16000, 14000, "cash-secured", 0, ""]);
    expect(mock.cell("Review Log", "F3").numberFormat).toBe("$#,##0.00");
    const chart = mock.sheet("Review Log").charts.find((c) => c.name === LOG_CHART)!;
    expect(chart.series.map((s) => [s.name, s.values])).toEqual([
      ["Budget", "F2:F3"],
      ["Exposure", "G2:G3"],
    ]);
  });

  test("a log with every column but a chart from before T12 income: the chart is redrawn where the user left it, with T12 as a line", async () => {
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "Log", header, rows: body }], names }));
    await writeWeeklyReview(mock.context, review());
    const sheet = mock.sheet("Review Log");
    const old = sheet.charts[0];
    old.series.pop();
    Object.assign(old, { top: 500, left: 10 });
    await writeWeeklyReview(mock.context, { ...review(), asOf: D + 7 });
    expect(sheet.charts).toHaveLength(1);
    expect(sheet.charts[0]).toMatchObject({ name: LOG_CHART, top: 500, left: 10 });
    expect(sheet.charts[0].series.map((s) => [s.name, s.type, s.values])).toEqual([
      ["Budget", "Line", "F2:F3"],
      ["Exposure", "ColumnClustered", "G2:G3"],
      ["T12 income", "Line", "U2:U3"],
    ]);
    expect(mock.values("Review Log", "A1:V1")[0]).toEqual([...LOG_HEADERS]);
    // T12 income: the KO premium of October, 150.
    expect(mock.cell("Review Log", "U3").value).toBe(150);
  });
});
