/**
 * Builds the bundled sample workbook and the test fixtures as real .xlsx files:
 *   npm run fixtures            (writes samples/ and tests/fixtures/)
 * Content is fixed (no clock), so a rebuild gives the same cells, tables and names.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { CellValue, Workbook, Worksheet } from "exceljs";
import JSZip from "jszip";

const FIXED = new Date(Date.UTC(2026, 0, 1));
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const MONEY = "$#,##0.00";
const DATE = "yyyy-mm-dd";

function workbook(): Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Assignment Guard fixtures";
  wb.lastModifiedBy = "Assignment Guard fixtures";
  wb.created = FIXED;
  wb.modified = FIXED;
  return wb;
}

/** Named input cells on the user's own sheet: label in A, value in B (AccountValue, Cash, VIX, and the income names). */
function inputs(wb: Workbook, values: Record<string, CellValue>, sheet = "Inputs"): Worksheet {
  const ws = wb.getWorksheet(sheet) ?? wb.addWorksheet(sheet);
  let row = 1;
  for (const [name, value] of Object.entries(values)) {
    ws.getCell(`A${row}`).value = name === "AccountValue" ? "Account value" : name;
    ws.getCell(`B${row}`).value = value;
    if (["AccountValue", "Cash", "IncomeTarget", "Withdrawal", "Reserve"].includes(name)) ws.getCell(`B${row}`).numFmt = MONEY;
    wb.definedNames.add(`${/^\w+$/.test(sheet) ? sheet : `'${sheet}'`}!$B$${row}`, name);
    row++;
  }
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 14;
  return ws;
}

function table(ws: Worksheet, name: string, ref: string, header: string[], rows: CellValue[][], theme = "TableStyleMedium2") {
  ws.addTable({
    name,
    ref,
    headerRow: true,
    style: { theme: theme as never, showRowStripes: true },
    columns: header.map((h) => ({ name: h, filterButton: true })),
    rows,
  });
  header.forEach((_, c) => (ws.getColumn(c + 1).width = Math.max(10, header[c].length + 4)));
}

// ---------------------------------------------------------------- the bundled sample

const occ = (root: string, exp: string, right: "P" | "C", strike: number) =>
  `${root.padEnd(6)}${exp.slice(2, 4)}${exp.slice(5, 7)}${exp.slice(8, 10)}${right}${String(Math.round(strike * 1000)).padStart(8, "0")}`;

type SampleRow = CellValue[];
/** A position row of the sample: premium and close price per share, fees in dollars for the row (0.65 a contract). */
function sampleRow(
  ticker: string,
  type: string,
  side: string,
  qty: number,
  strike: number | string | null,
  opened: string,
  exp: string | null,
  premium: number | null,
  status: string,
  closed: string | null,
  note = "",
  closePrice: number | null = null,
): SampleRow {
  const option = type === "Put" || type === "Call";
  const occStrike = typeof strike === "number" ? strike : 40;
  const fees = option ? Math.round(qty * 65) / 100 : null;
  return [ticker, option && exp ? occ(ticker, exp, type === "Put" ? "P" : "C", occStrike) : "", type, side, qty, strike, opened, exp, premium, closePrice, fees, status, closed, note];
}

/** The sample's position table: its header and rows (dates as ISO text), so a test can read the sample from the same data. */
export const SAMPLE_HEADER = ["Ticker", "OCC Symbol", "Type", "Side", "Qty", "Strike", "Opened", "Expiration", "Premium", "Close Price", "Fees", "Status", "Closed", "Notes"];
export const SAMPLE_ROWS: SampleRow[] = [
  sampleRow("AAPL", "Put", "Sell", 1, 210, "2026-08-24", "2026-09-18", 2.95, "Expired", "2026-09-18", "kept premium"),
  sampleRow("AAPL", "Stock", "Buy", 100, null, "2026-08-25", null, null, "Open", null, "long-term holding"),
  sampleRow("MSFT", "Put", "Sell", 1, 400, "2026-08-31", "2026-10-16", 6.2, "Closed", "2026-10-02", "bought back at 50%", 3.1),
  sampleRow("T", "Put", "Sell", 5, 21, "2026-09-01", "2026-10-16", 0.45, "Assigned", "2026-10-16", "assigned: now stock"),
  sampleRow("T", "Stock", "Buy", 500, null, "2026-10-16", null, null, "Open", null, "from assignment"),
  sampleRow("T", "Call", "Sell", 5, 23, "2026-10-19", "2026-12-18", 0.32, "Open", null, "covered call"),
  sampleRow("AAPL", "Call", "Sell", 1, 240, "2026-09-08", "2026-12-18", 3.4, "Open", null, "covered call"),
  sampleRow("KO", "Put", "Sell", 2, 62.5, "2026-09-15", "2026-12-18", 0.85, "Open", null, ""),
  sampleRow("PFE", "Put", "Sell", 5, 26, "2026-09-22", "2026-12-18", 0.6, "Open", null, ""),
  sampleRow("KO", "Put", "Sell", 1, 61, "2026-09-23", "2026-10-16", 0.7, "Rolled", "2026-10-14", "rolled out to Dec", 0.35),
  sampleRow("T", "Put", "Sell", 5, 22, "2026-09-29", "2027-01-15", 0.55, "Open", null, ""),
  sampleRow("SPY", "Put", "Buy", 1, 550, "2026-10-01", "2026-12-18", 7.1, "Open", null, "hedge"),
  sampleRow("INTC", "Put", "Sell", 5, 20, "2026-10-06", "2026-12-18", 0.7, "Open", null, ""),
  sampleRow("NVDA", "Put", "Sell", 1, 130, "2026-10-13", "2027-01-15", 5.8, "Open", null, ""),
  sampleRow("AMD", "Put", "Sell", 1, 140, "2026-10-14", "2026-11-06", 3.1, "Closed", "2026-10-30", "", 1.2),
  sampleRow("VZ", "Put", "Sell", 2, 40, "2026-10-20", "2027-01-15", 0.9, "Open", null, ""),
  sampleRow("F", "Put", "Sell", 10, 11, "2026-10-27", "2027-01-15", 0.22, "Open", null, ""),
  sampleRow("PLTR", "Put", "Sell", 2, "4O", "2026-10-28", "2026-12-18", 1.9, "Open", null, "typo in strike"),
  sampleRow("NVDA", "Put", "Sell", 1, 125, "2026-11-03", "2027-01-15", 5.1, "Open", null, "second NVDA put"),
  sampleRow("BAC", "Put", "Sell", 3, 42, "2026-11-04", "2026-11-20", 0.5, "Expired", "2026-11-20", ""),
  sampleRow("KO", "Put", "Sell", 1, 60, "2026-11-10", "2027-01-15", 0.75, "Open", null, ""),
  sampleRow("SOFI", "Put", "Sell", 4, 12, "2026-11-17", "2026-11-20", 0.15, "Open", null, "expired Friday: update me"),
  sampleRow("DIS", "Put", "Sell", 1, 95, "2026-11-18", "2026-12-18", 1.6, "Closed", "2026-11-19", "closed next day", 0.9),
  sampleRow("MSFT", "Call", "Buy", 1, 450, "2026-11-19", "2027-01-15", 4.2, "Open", null, "long call"),
];
/** The sample's inputs: the three weekly numbers and the income settings (INCOME.md "Inputs"). */
export const SAMPLE_INPUTS: Record<string, CellValue> = { AccountValue: 250000, Cash: 60000, VIX: 22.4, IncomeTarget: 4000, Withdrawal: 1500, Reserve: 12000 };
/** CashFlows: a deposit, the monthly withdrawals, a dividend and one unplanned withdrawal. */
export const SAMPLE_FLOWS_HEADER = ["Date", "Kind", "Amount", "Planned", "Notes"];
export const SAMPLE_FLOWS: CellValue[][] = [
  ["2026-08-03", "Deposit", 10000, "Y", "moved savings in"],
  ["2026-09-01", "Withdrawal", 1500, "Y", "monthly paycheck"],
  ["2026-10-01", "Withdrawal", 1500, "Y", "monthly paycheck"],
  ["2026-10-20", "Dividend", 85, null, "AAPL dividend"],
  ["2026-11-02", "Withdrawal", 1500, "Y", "monthly paycheck"],
  ["2026-11-12", "Withdrawal", 800, "N", "car repair"],
];

/** The Review Log's 22 columns (src/core/record.ts LOG_HEADERS), written out so the fixtures do not depend on the code they test. */
export const LOG_COLUMNS = [
  "Date", "Account value", "Cash", "VIX", "Cap %", "Budget", "Exposure", "Headroom", "Backing", "Over-budget rows",
  "Exposure % of account", "Utilization", "Within cap", "High-VIX cap", "Concentration limit", "Underlyings", "Strategies",
  "Withdrawal", "Reserve", "Net flows", "T12 income", "Error rows",
];
const LOG_NUMBER_FORMATS = [DATE, MONEY, MONEY, "0.00", "0.0%", MONEY, MONEY, MONEY, "General", "0", "0.0%", "0.0%", "General", "0.0%", "0.0%", "0", "General", MONEY, MONEY, MONEY, MONEY, "0"];

/** One week of a saved log: the figures a review wrote, the derived ones (budget, headroom, shares) computed as the review does. */
interface LogWeek {
  date: string;
  account: number;
  cash: number;
  vix: number;
  cap: number;
  exposure: number;
  overRows: number;
  highVixCap: number;
  concentration: number;
  underlyings: number;
  strategies: string;
  withdrawal: number;
  reserve: number;
  netFlows: number | null;
  t12: number;
  errorRows: number;
}
export function logRow22(w: LogWeek): CellValue[] {
  const budget = Math.round(w.cap * w.account * 100) / 100;
  const assignmentCash = Math.max(0, w.cash - w.reserve);
  return [
    d(w.date), w.account, w.cash, w.vix, w.cap, budget, w.exposure, Math.round((budget - w.exposure) * 100) / 100,
    assignmentCash >= w.exposure ? "cash-secured" : "portfolio-backed", w.overRows,
    Math.round((w.exposure / w.account) * 1e6) / 1e6, Math.round((w.exposure / budget) * 1e6) / 1e6, w.exposure <= budget ? "yes" : "no",
    w.highVixCap, w.concentration, w.underlyings, w.strategies, w.withdrawal, w.reserve, w.netFlows, w.t12, w.errorRows,
  ];
}

/** A ReviewLog table on its own sheet, with the log's number formats. */
function reviewLogSheet(wb: Workbook, header: string[], rows: CellValue[][], sheet = "Review Log", formats = LOG_NUMBER_FORMATS): void {
  const ws = wb.addWorksheet(sheet);
  table(ws, "ReviewLog", "A1", header, rows, "TableStyleLight9");
  for (let r = 2; r <= rows.length + 1; r++) header.forEach((_, c) => formats[c] !== "General" && (ws.getRow(r).getCell(c + 1).numFmt = formats[c]));
}

/** A CashFlows table on its own sheet. */
function cashFlowsSheet(wb: Workbook, header: string[], rows: CellValue[][], sheet = "Cash Flows"): void {
  const ws = wb.addWorksheet(sheet);
  table(ws, "CashFlows", "A1", header, rows.map((r) => r.map((v, c) => (c === 0 && typeof v === "string" ? d(v) : v))), "TableStyleLight1");
  for (let r = 2; r <= rows.length + 1; r++) {
    ws.getCell(`A${r}`).numFmt = DATE;
    ws.getCell(`C${r}`).numFmt = MONEY;
  }
}

const SAMPLE_STRATEGIES_BEFORE_HEDGE = "short call, short put, stock";
const SAMPLE_STRATEGIES = "long put, short call, short put, stock";
/** Weekly reviews from September: a missed week (Oct 23), two weeks over budget, the monthly withdrawals in Net flows. */
export const SAMPLE_LOG: LogWeek[] = (
  [
    ["2026-09-04", 238000, 17.8, 0.3, 58000, 0, 6, SAMPLE_STRATEGIES_BEFORE_HEDGE, null, 1200, 0],
    ["2026-09-11", 239500, 18.4, 0.3, 64500, 0, 7, SAMPLE_STRATEGIES_BEFORE_HEDGE, 0, 1450, 0],
    ["2026-09-18", 240200, 19.1, 0.3, 71200, 0, 8, SAMPLE_STRATEGIES_BEFORE_HEDGE, 0, 1800, 0],
    ["2026-09-25", 241000, 20.5, 0.3, 68400, 0, 8, SAMPLE_STRATEGIES_BEFORE_HEDGE, 0, 2100, 0],
    ["2026-10-02", 242300, 21.3, 0.35, 80300, 0, 9, SAMPLE_STRATEGIES, -1500, 2600, 0],
    ["2026-10-09", 243000, 22.0, 0.35, 84900, 0, 10, SAMPLE_STRATEGIES, 0, 3050, 0],
    ["2026-10-16", 244100, 21.6, 0.35, 79600, 0, 10, SAMPLE_STRATEGIES, 0, 3400, 0],
    ["2026-10-30", 245000, 20.9, 0.3, 76000, 1, 10, SAMPLE_STRATEGIES, 0, 3900, 1],
    ["2026-11-06", 246200, 21.8, 0.35, 86300, 1, 11, SAMPLE_STRATEGIES, -1500, 4300, 1],
    ["2026-11-13", 247000, 23.1, 0.35, 92700, 1, 11, SAMPLE_STRATEGIES, -800, 4650, 1],
    ["2026-11-20", 248500, 22.6, 0.35, 95100, 2, 12, SAMPLE_STRATEGIES, 0, 5000, 1],
  ] as const
).map(([date, account, vix, cap, exposure, overRows, underlyings, strategies, netFlows, t12, errorRows]) => ({
  date,
  account,
  cash: 60000,
  vix,
  cap,
  exposure,
  overRows,
  highVixCap: 0.45,
  concentration: 0.1,
  underlyings,
  strategies,
  withdrawal: 1500,
  reserve: 12000,
  netFlows,
  t12,
  errorRows,
}));

export function sampleWorkbook(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Positions", { views: [{ state: "frozen", ySplit: 1 }] });
  const header = SAMPLE_HEADER;
  const rows = SAMPLE_ROWS;
  const values: CellValue[][] = rows.map((r) => r.map((v, c) => (v !== null && (c === 6 || c === 7 || c === 12) ? d(v as string) : v === "" ? null : v)) as CellValue[]);
  table(ws, "Positions", "A1", header, values);
  const last = rows.length + 1;
  for (let r = 2; r <= last; r++) {
    for (const c of ["F", "I", "J", "K"]) ws.getCell(`${c}${r}`).numFmt = MONEY;
    for (const c of ["G", "H", "M"]) ws.getCell(`${c}${r}`).numFmt = DATE;
  }
  ws.getColumn(2).width = 24;
  ws.getColumn(14).width = 26;
  // The user's own formatting, which reviews must keep: a header fill, bold tickers, and a
  // conditional format of their own (rich premiums in green type).
  ws.getRow(1).eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } };
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
  });
  ws.getColumn(1).font = { bold: true };
  ws.getCell("A1").font = { bold: true, color: { argb: "FFFFFFFF" } };
  ws.addConditionalFormatting({
    ref: `I2:I${last}`,
    rules: [{ type: "cellIs", operator: "greaterThan", formulae: ["3"], priority: 1, style: { font: { color: { argb: "FF006100" }, bold: true } } }],
  });
  const inp = inputs(wb, SAMPLE_INPUTS);
  inp.getCell("D1").value = "Update these three every Friday.";
  inp.getCell("D1").font = { italic: true };
  inp.getCell("D4").value = "Income: the monthly paycheck to replace, the planned withdrawal and the reserve kept in Cash for it.";
  inp.getCell("D4").font = { italic: true };
  cashFlowsSheet(wb, SAMPLE_FLOWS_HEADER, SAMPLE_FLOWS);
  reviewLogSheet(wb, LOG_COLUMNS, SAMPLE_LOG.map(logRow22));
  return wb;
}

// ---------------------------------------------------------------- fixtures

const WORKED_HEADER = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Expiration", "Status"];
const workedRows = (): CellValue[][] => [
  ["KO", "Put", "Sell", 60, 1, d("2026-01-05"), d("2026-03-20"), "Open"],
  ["PFE", "Put", "Sell", 25, 4, d("2026-01-12"), d("2026-03-20"), "Open"],
  ["T", "Put", "Sell", 17, 5, d("2026-01-20"), d("2026-03-20"), "Open"],
  ["KO", "Put", "Sell", 62, 1, d("2026-02-02"), d("2026-03-20"), "Open"],
  ["MSFT", "Put", "Sell", 380, 1, d("2026-01-06"), d("2026-02-20"), "Closed"],
  ["PFE", "Put", "Sell", "abc", 1, d("2026-01-07"), d("2026-03-20"), "Open"],
  ["KO", "Call", "Sell", 65, 1, d("2026-01-08"), d("2026-03-20"), "Open"],
  ["SPY", "Put", "Buy", 500, 1, d("2026-01-09"), d("2026-03-20"), "Open"],
];

/** RULES.md worked example: rows 2-5 are the four puts; 6 closed, 7 bad strike, 8 a call, 9 a long put. */
function workedExample(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Positions");
  table(ws, "Positions", "A1", WORKED_HEADER, workedRows());
  for (let r = 2; r <= 9; r++) for (const c of ["F", "G"]) ws.getCell(`${c}${r}`).numFmt = DATE;
  inputs(wb, { AccountValue: 100000, Cash: 40000, VIX: 18 });
  return wb;
}

/** IBKR Flex-style: OCC symbols, UnderlyingSymbol, signed quantities, yyyymmdd expiries. */
function ibkr(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Open Positions");
  const header = ["Symbol", "UnderlyingSymbol", "Put/Call", "Strike", "Expiry", "Quantity", "Multiplier"];
  table(ws, "OpenPositions", "A1", header, [
    ["KO    260320P00060000", "KO", "P", 60, 20260320, -1, 100],
    ["PFE   260320P00025000", "PFE", "P", 25, 20260320, -4, 100],
    ["T     260320P00017000", "T", "P", 17, 20260320, -5, 100],
    ["KO    260417P00062000", "KO", "P", 62, 20260417, -1, 100],
    ["SPY   260320P00500000", "SPY", "P", 500, 20260320, 1, 100],
    ["KO    260320C00070000", "KO", "C", 70, 20260320, -1, 100],
    ["XSP   260320P00050000", "XSP", "P", 50, 20260320, -1, 10],
  ]);
  inputs(wb, { AccountValue: 100000, Cash: 40000, VIX: 18 });
  return wb;
}

/** tastytrade positions export: Type is the instrument, Call/Put the right, text dates. */
function tastytrade(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("tasty");
  const header = ["Symbol", "Type", "Quantity", "Exp Date", "Strike Price", "Call/Put"];
  table(ws, "tasty", "A1", header, [
    ["KO    260320P00060000", "Equity Option", -1, "3/20/2026", 60, "PUT"],
    ["PFE   260320P00025000", "Equity Option", -4, "3/20/2026", 25, "PUT"],
    ["T     260320P00017000", "Equity Option", -5, "3/20/2026", 17, "PUT"],
    ["KO    260417P00062000", "Equity Option", -1, "4/17/2026", 62, "PUT"],
    ["KO", "Equity", 100, null, null, null],
    ["KO    260320C00070000", "Equity Option", -1, "3/20/2026", 70, "CALL"],
  ]);
  inputs(wb, { AccountValue: 100000, Cash: 20000, VIX: 18 });
  return wb;
}

/** A plain range (no Excel table) under two title rows, with a total row and a note below. */
function plainRange(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Put log");
  ws.getCell("A1").value = "My cash-secured put log 2026";
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A2").value = "updated every Friday";
  const header = ["Date opened", "Stock", "Put/Call", "Strike", "Contracts", "Status"];
  header.forEach((h, c) => (ws.getRow(4).getCell(c + 1).value = h));
  const rows: CellValue[][] = [
    [d("2026-01-05"), "KO", "P", 60, 1, "open"],
    [d("2026-01-12"), "PFE", "P", 25, 4, "open"],
    [null, null, null, null, null, null],
    [d("2026-01-20"), "T", "P", 17, 5, "open"],
    [d("2026-02-02"), "KO", "P", 62, 1, "open"],
  ];
  rows.forEach((r, i) => r.forEach((v, c) => (ws.getRow(5 + i).getCell(c + 1).value = v)));
  ws.getCell("A11").value = "Total";
  ws.getCell("D11").value = { formula: "SUMPRODUCT(D5:D9,E5:E9)*100", result: 30700 } as CellValue;
  ws.getCell("E11").value = { formula: "SUM(E5:E9)", result: 11 } as CellValue;
  ws.getCell("A13").value = "Note: strikes in dollars";
  inputs(wb, { AccountValue: 100000, Cash: 40000, VIX: 18 }, "Settings");
  return wb;
}

/** Numbers typed as text, the way pasted broker data arrives. */
function textNumbers(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Positions");
  table(ws, "Positions", "A1", ["Symbol", "Type", "Side", "Strike", "Qty", "Open Date"], [
    ["KO", "put", "Sell to Open", "60", " 1 ", "2026-01-05"],
    ["PFE", "P", "STO", "$25.00", "4", "1/12/2026"],
    ["T", "PUT", "SELL_TO_OPEN", "17", "(5)", "20260120"],
    ["KO", "Put", "short", "$62.00", "1", "2026-02-02"],
  ]);
  inputs(wb, { AccountValue: "$100,000", Cash: "40000", VIX: "18" });
  return wb;
}

/** Cells the rules must report, never read as zero. */
function badCells(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Positions");
  table(ws, "Positions", "A1", ["Symbol", "Type", "Side", "Strike", "Qty", "Expiration", "Open Date"], [
    ["KO", "Put", "Sell", 60, 1, d("2026-03-20"), d("2026-01-05")],
    ["PFE", "Put", "Sell", "abc", 1, d("2026-03-20"), d("2026-01-06")],
    ["T", "Put", "Sell", 17, "12 contracts", d("2026-03-20"), d("2026-01-07")],
    ["VZ", "Put", "Sell", 40, 1.5, d("2026-03-20"), d("2026-01-08")],
    ["F", "Put", "Sell", null, 2, d("2026-03-20"), d("2026-01-09")],
    ["INTC", "Put", "Sell", { error: "#N/A" }, 1, d("2026-03-20"), d("2026-01-10")],
    ["BAC", "Put", "Sell", 40, 1, "someday", d("2026-01-11")],
    [{ richText: [{ text: "D" }, { text: "IS", font: { bold: true } }] }, "Put", "Sell", { formula: "50*2", result: 100 }, 1, d("2026-03-20"), d("2026-01-12")],
    [{ text: "MSFT", hyperlink: "https://example.com/msft" }, "Put", "Sell", 300, 1, d("2026-01-16"), d("2026-01-13")],
  ] as CellValue[][]);
  inputs(wb, { AccountValue: 100000, Cash: 40000, VIX: 18 });
  return wb;
}

/** A dashboard of CSP formulas as Excel saves them, some with cached values, beside user styling. */
function cspFormulas(): Workbook {
  const wb = workbook();
  const pos = wb.addWorksheet("Positions");
  table(pos, "Positions", "A1", WORKED_HEADER, workedRows().slice(0, 4));
  for (let r = 2; r <= 5; r++) pos.getCell(`F${r}`).numFmt = DATE;
  inputs(wb, { AccountValue: 100000, Cash: 40000, VIX: 18 });
  const ws = wb.addWorksheet("Dashboard", { properties: { tabColor: { argb: "FF00B050" } } });
  ws.mergeCells("A1:C1");
  ws.getCell("A1").value = "Weekly dashboard";
  ws.getCell("A1").font = { bold: true, size: 16, color: { argb: "FF1F4E78" } };
  ws.getCell("A1").alignment = { horizontal: "center" };
  const f = (formula: string, result?: CellValue) => ({ formula, ...(result === undefined ? {} : { result }) }) as CellValue;
  const lines: [string, CellValue, string?][] = [
    ["Exposure", f("_xldudf_CSP_EXPOSURE()", 30700), MONEY],
    ["Cap", f("_xldudf_CSP_VIXCAP(VIX)", 0.3), "0%"],
    ["Headroom", f("_xldudf_CSP_HEADROOM()"), MONEY],
    ["Can sell T 17", f("CSP.CANSELLPUT(17,1)", false)],
    ["Max KO 55", f("_xldudf_CSP_MAXCONTRACTS(55)", 0)],
    ["Status", f('IF(_xldudf_CSP_EXPOSURE()>30000,"over","ok")', "over")],
    ["Account x2", f("AccountValue*2", 200000), MONEY],
    ["Plain sum", f("SUM(B2,B3)", 30700.3), "#,##0.00"],
    ["Note", "formulas above come from the add-in"],
  ];
  lines.forEach(([label, value, fmt], i) => {
    const r = i + 2;
    ws.getCell(`A${r}`).value = label;
    ws.getCell(`B${r}`).value = value;
    if (fmt) ws.getCell(`B${r}`).numFmt = fmt;
    ws.getCell(`B${r}`).border = { bottom: { style: "thin", color: { argb: "FF999999" } } };
  });
  ws.getCell("B2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  ws.getCell("C2").value = "check weekly";
  ws.getCell("C2").note = "the accountant reads this";
  ws.getCell("C3").dataValidation = { type: "list", allowBlank: true, formulae: ['"yes,no"'] };
  ws.getColumn(1).width = 20;
  ws.getColumn(2).width = 16;
  ws.addConditionalFormatting({
    ref: "B2:B9",
    rules: [{ type: "expression", priority: 1, formulae: ["ISNUMBER(B2)"], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFE2EFDA" } } } }],
  });
  wb.definedNames.add("Dashboard!$B$2", "ExposureCell");
  // Cells written as Excel saves them, at the zip level (cspPackage): shared and array formulas.
  wb.addWorksheet("Calc").getCell("A1").value = "placeholder";
  const log = wb.addWorksheet("Review Log");
  table(log, "ReviewLog", "A1", ["Date", "Budget", "Exposure"], [
    [d("2026-02-02"), 30000, 24500],
    [d("2026-02-09"), 30000, 30700],
  ], "TableStyleLight9");
  for (const r of [2, 3]) log.getCell(`A${r}`).numFmt = DATE;
  return wb;
}

const SHEET_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument";

/**
 * The Calc sheet's cells as Excel writes them: a CSP shared formula whose every cell holds a
 * value (C), a CSP shared formula with one cell never calculated (D3), a shared formula of our
 * own (E), a CSP array formula (F2:F3, dynamic: cm="1"), an error, a text with markup
 * characters and edge spaces, and a spilled CSP array whose second cell has no value (H2:H3).
 */
const CALC_SHEET_DATA =
  "<sheetData>" +
  '<row r="1" spans="1:8">' +
  ["Strike", "Qty", "Assignment value", "Can sell", "Plain", "Underlyings", "Other", "Spill"]
    .map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`)
    .join("") +
  "</row>" +
  '<row r="2" spans="1:8"><c r="A2"><v>60</v></c><c r="B2"><v>1</v></c>' +
  '<c r="C2" s="3"><f t="shared" ref="C2:C4" si="0">_xldudf_CSP_ASSIGNMENTVALUE(A2,B2)</f><v>6000</v></c>' +
  '<c r="D2" t="b"><f t="shared" ref="D2:D4" si="1">_xldudf_CSP_CANSELLPUT(A2,B2)</f><v>1</v></c>' +
  '<c r="E2"><f t="shared" ref="E2:E4" si="2">A2*B2*100</f><v>6000</v></c>' +
  '<c r="F2" cm="1" t="str"><f t="array" ref="F2:F3">_xldudf_CSP_UNDERLYINGS()</f><v>KO</v></c>' +
  '<c r="G2" t="e"><f>_xldudf_CSP_EXPOSURE(Z1)</f><v>#VALUE!</v></c>' +
  '<c r="H2" cm="1"><f t="array" ref="H2:H3" aca="false">_xldudf_CSP_OVERBUDGETROWS()</f><v>5</v></c></row>' +
  '<row r="3" spans="1:8"><c r="A3"><v>25</v></c><c r="B3"><v>4</v></c>' +
  '<c r="C3" s="3"><f t="shared" si="0"/><v>10000</v></c>' +
  '<c r="D3" t="b"><f t="shared" si="1"/></c>' +
  '<c r="E3"><f t="shared" si="2"/><v>10000</v></c>' +
  '<c r="F3" t="str"><v>PFE</v></c>' +
  '<c r="G3" t="str"><f>_xll.CSP.NOTE()</f><v> a &amp; b &lt;c&gt; $1 </v></c></row>' +
  '<row r="4" spans="1:7"><c r="A4"><v>17</v></c><c r="B4"><v>5</v></c>' +
  '<c r="C4" s="3"><f t="shared" si="0"/><v>8500</v></c>' +
  '<c r="D4" t="b"><f t="shared" si="1"/><v>0</v></c>' +
  '<c r="E4"><f t="shared" si="2"/><v>8500</v></c>' +
  '<c r="G4"><f>_xldudf_csp_vixcap(18)*1</f><v>0.3</v></c></row>' +
  "</sheetData>";

/** The line chart the pane draws beside the Review Log, as Excel stores it (chart + drawing + rels). */
const LOG_CHART_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<c:roundedCorners val="0"/><c:chart>' +
  '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:t>Exposure vs budget</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>' +
  '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>' +
  ["B", "C"]
    .map(
      (col, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>'Review Log'!$${col}$1</c:f></c:strRef></c:tx>` +
        `<c:cat><c:numRef><c:f>'Review Log'!$A$2:$A$3</c:f></c:numRef></c:cat>` +
        `<c:val><c:numRef><c:f>'Review Log'!$${col}$2:$${col}$3</c:f></c:numRef></c:val><c:smooth val="0"/></c:ser>`,
    )
    .join("") +
  '<c:marker val="1"/><c:axId val="50010001"/><c:axId val="50010002"/></c:lineChart>' +
  '<c:dateAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="yyyy-mm-dd" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblOffset val="100"/><c:baseTimeUnit val="days"/></c:dateAx>' +
  '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="$#,##0" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>' +
  '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>';

const LOG_DRAWING_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">' +
  '<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>' +
  '<xdr:to><xdr:col>11</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>' +
  '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="AssignmentGuardExposureChart"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>' +
  '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
  `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${SHEET_REL}" r:id="rId1"/>` +
  "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>";

/** Excel's part for dynamic-array cells (cm="1"). */
const METADATA_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';

/**
 * What exceljs cannot write, added to csp-formulas.xlsx at the zip level: the Calc sheet's
 * shared and array formulas, the Review Log chart, a calculation chain, dynamic-array
 * metadata, a print area (localSheetId) and a constant name.
 */
async function cspPackage(zip: JSZip, wb: Workbook): Promise<void> {
  const part = (name: string) => `xl/worksheets/sheet${wb.getWorksheet(name)!.id}.xml`;
  const edit = async (name: string, change: (xml: string) => string) => {
    const before = await zip.file(name)!.async("string");
    const after = change(before);
    if (after === before) throw new Error(`fixture edit of ${name} changed nothing`);
    zip.file(name, after, { date: FIXED });
  };
  const add = (name: string, xml: string) => zip.file(name, xml, { date: FIXED });

  await edit(part("Calc"), (x) => x.replace(/<sheetData>[\s\S]*<\/sheetData>/, CALC_SHEET_DATA).replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:H4"/>'));
  const logPart = part("Review Log");
  await edit(logPart, (x) => x.replace("<tableParts", '<drawing r:id="rIdChart1"/><tableParts'));
  const logRels = logPart.replace("worksheets/", "worksheets/_rels/") + ".rels";
  await edit(logRels, (x) => x.replace("</Relationships>", `<Relationship Id="rIdChart1" Type="${SHEET_REL}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`));
  add("xl/drawings/drawing1.xml", LOG_DRAWING_XML);
  add(
    "xl/drawings/_rels/drawing1.xml.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${SHEET_REL}/chart" Target="../charts/chart1.xml"/></Relationships>`,
  );
  add("xl/charts/chart1.xml", LOG_CHART_XML);
  add("xl/metadata.xml", METADATA_XML);
  const dash = wb.getWorksheet("Dashboard")!.id;
  const calc = wb.getWorksheet("Calc")!.id;
  add(
    "xl/calcChain.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<c r="B2" i="${dash}"/><c r="B3"/><c r="B4"/><c r="B5"/><c r="B6"/><c r="B7"/><c r="B8"/><c r="B9"/>` +
      `<c r="C2" i="${calc}"/><c r="C3"/><c r="C4"/><c r="D2"/><c r="D3"/><c r="D4"/><c r="E2"/><c r="E3"/><c r="E4"/><c r="F2" a="1"/><c r="G2"/><c r="G3"/><c r="G4"/><c r="H2" a="1"/>` +
      "</calcChain>",
  );
  await edit("xl/_rels/workbook.xml.rels", (x) =>
    x.replace(
      "</Relationships>",
      `<Relationship Id="rIdCalc" Type="${SHEET_REL}/calcChain" Target="calcChain.xml"/><Relationship Id="rIdMeta" Type="${SHEET_REL}/sheetMetadata" Target="metadata.xml"/></Relationships>`,
    ),
  );
  await edit("[Content_Types].xml", (x) =>
    x.replace(
      "</Types>",
      `<Override PartName="/xl/drawings/drawing1.xml" ContentType="${CT}.drawing+xml"/>` +
        `<Override PartName="/xl/charts/chart1.xml" ContentType="${CT}.drawingml.chart+xml"/>` +
        `<Override PartName="/xl/calcChain.xml" ContentType="${CT}.spreadsheetml.calcChain+xml"/>` +
        `<Override PartName="/xl/metadata.xml" ContentType="${CT}.spreadsheetml.sheetMetadata+xml"/></Types>`,
    ),
  );
  const dashIndex = wb.worksheets.findIndex((w) => w.name === "Dashboard");
  await edit("xl/workbook.xml", (x) =>
    x.replace(
      "</definedNames>",
      `<definedName name="_xlnm.Print_Area" localSheetId="${dashIndex}">Dashboard!$A$1:$C$10</definedName><definedName name="TaxRate">0.25</definedName></definedNames>`,
    ),
  );
}

/** Workbooks the CLI must refuse with exit status 2. */
function noTable(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Notes");
  ws.getCell("A1").value = "Shopping list";
  ws.getCell("A2").value = "milk";
  return wb;
}

function twoTables(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Data");
  table(ws, "Puts2025", "A1", WORKED_HEADER, workedRows().slice(0, 2));
  table(ws, "Puts2026", "A10", WORKED_HEADER, workedRows().slice(2, 4));
  return wb;
}

function noQuantity(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Positions");
  table(ws, "Positions", "A1", ["Ticker", "Strike", "Notes"], [["KO", 60, "no quantity column"]]);
  return wb;
}

// ---------------------------------------------------------------- income workbooks (issue 12 "Done when")
// Each has tests/fixtures/income/<name>.expected.json with its figures worked out by hand.

/** A per-share premium log on a plain sheet: fees, closes across months, a long put, a covered call, a stock row, a premium typed as dollars. */
function incomePerShare(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Options Log");
  const header = ["Ticker", "Type", "Side", "Qty", "Strike", "Open Date", "Expiration", "Premium", "Close Date", "Close Price", "Fees", "Status"];
  const rows: CellValue[][] = [
    ["F", "Put", "Sell", 5, 11, "2025-10-20", "2025-11-21", 0.22, "2025-11-21", null, 3.25, "Expired"],
    ["NVDA", "Put", "Sell", 1, 130, "2025-11-10", "2025-12-19", 4.0, "2025-12-01", 2.0, 0.65, "Closed"],
    ["KO", "Put", "Sell", 1, 60, "2026-05-04", "2026-06-19", 1.2, "2026-06-19", null, 0.65, "Expired"],
    ["PFE", "Put", "Sell", 2, 25, "2026-06-15", "2026-08-21", 0.8, "2026-07-20", 0.3, 1.3, "Closed"],
    ["T", "Put", "Sell", 3, 17, "2026-07-06", "2026-09-18", 0.4, "2026-09-18", null, 1.95, "Expired"],
    ["SPY", "Put", "Buy", 1, 500, "2026-08-03", "2026-10-16", 6.0, "2026-09-14", 8.5, 0.65, "Closed"],
    ["KO", "Stock", "Buy", 100, null, "2026-08-14", null, 58.2, null, null, 1.0, "Open"],
    ["KO", "Call", "Sell", 1, 65, "2026-08-17", "2026-10-16", 0.9, "2026-10-16", null, 0.65, "Expired"],
    ["GME", "Put", "Sell", 1, 20, "2026-09-15", "2026-10-16", 150, "2026-09-30", 0.5, 0.65, "Closed"],
    ["AAPL", "Put", "Sell", 1, 200, "2026-09-08", "2026-10-16", 3.5, "2026-10-05", 1.75, 0.65, "Closed"],
    ["VZ", "Put", "Sell", 3, 40, "2026-10-12", "2026-12-18", 1.1, null, null, 1.95, "Open"],
    ["KO", "Put", "Sell", 2, 58, "2026-11-02", "2026-12-18", 0.95, null, null, 1.3, "Open"],
  ];
  header.forEach((h, c) => (ws.getRow(1).getCell(c + 1).value = h));
  rows.forEach((r, i) =>
    r.forEach((v, c) => {
      const cell = ws.getRow(2 + i).getCell(c + 1);
      cell.value = typeof v === "string" && /^\d{4}-\d\d-\d\d$/.test(v) ? d(v) : v;
      if (c === 5 || c === 6 || c === 8) cell.numFmt = DATE;
    }),
  );
  inputs(wb, { IncomeTarget: 1000, Withdrawal: 500, Reserve: 3000 });
  return wb;
}

/** A dollar credit/debit log, a CashFlows table (a deposit, withdrawals, one unplanned, a dividend) and last year's ten-column Review Log. */
function incomeCreditDebit(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Trades");
  const header = ["Symbol", "Type", "Action", "Contracts", "Strike", "Trade Date", "Credit", "Debit", "Date Closed", "Commission"];
  table(ws, "Trades", "A1", header, [
    ["SPY", "Put", "Sell", 1, 520, d("2025-06-16"), 410, 190, d("2025-07-07"), 1.3],
    ["QQQ", "Put", "Sell", 1, 430, d("2025-08-11"), 520, null, d("2025-09-19"), 1.3],
    ["IWM", "Put", "Sell", 2, 200, d("2025-10-06"), 380, 760, d("2025-11-03"), 2.6],
    ["TLT", "Put", "Sell", 3, 85, d("2026-02-09"), 270, null, d("2026-03-20"), 3.9],
    ["XLE", "Put", "Sell", 2, 80, d("2026-04-13"), 300, 120, d("2026-05-11"), 2.6],
    ["XLF", "Put", "Sell", 5, 45, d("2026-05-18"), 325, null, null, 6.5],
    ["KRE", "Put", "Sell", 1, 55, d("2026-06-08"), 140, null, null, 1.3],
  ]);
  for (let r = 2; r <= 8; r++) for (const c of ["F", "I"]) ws.getCell(`${c}${r}`).numFmt = DATE;
  cashFlowsSheet(wb, ["Date", "Kind", "Amount", "Planned"], [
    ["2025-08-01", "Deposit", 5000, "Y"],
    ["2025-09-02", "Withdrawal", 1000, "Y"],
    ["2025-12-01", "Withdrawal", 1000, "Y"],
    ["2026-01-15", "Dividend", 40, null],
    ["2026-03-02", "Withdrawal", 1000, "Y"],
    ["2026-04-20", "Withdrawal", 2500, "N"],
    ["2026-06-01", "Withdrawal", 1000, "Y"],
  ]);
  // The first version's ten columns only: Date .. Over-budget rows.
  const week = (date: string, account: number, vix: number, cap: number, exposure: number): CellValue[] => {
    const budget = Math.round(cap * account * 100) / 100;
    return [d(date), account, 30000, vix, cap, budget, exposure, Math.round((budget - exposure) * 100) / 100, exposure <= 30000 ? "cash-secured" : "portfolio-backed", exposure > budget ? 1 : 0];
  };
  reviewLogSheet(wb, LOG_COLUMNS.slice(0, 10), [
    week("2025-05-01", 90000, 17, 0.3, 20000),
    week("2025-06-02", 91000, 17, 0.3, 21000),
    week("2025-06-27", 95000, 18, 0.3, 22000),
    week("2025-07-04", 96000, 18, 0.3, 23000),
    week("2026-06-05", 97000, 18, 0.3, 22000),
    week("2026-06-12", 96500, 18, 0.3, 31000),
    week("2026-06-19", 98000, 18, 0.3, 26000),
    week("2026-06-26", 99000, 18, 0.3, 24000),
  ]);
  inputs(wb, { IncomeTarget: 2000, Withdrawal: 1000, Reserve: 6000, CSP_ReserveInAccount: false });
  return wb;
}

/** Weekly reviews with a missed week, then two losing weeks; the high-VIX cap raised to 50%, a short call and more names since. */
function incomeWeekly(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Book");
  table(ws, "Positions", "A1", ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Status"], [
    ["KO", "Stock", "Buy", null, 100, d("2026-01-05"), "Open"],
    ["F", "Put", "Sell", 11, 2, d("2026-02-02"), "Open"],
    ["T", "Put", "Sell", 17, 3, d("2026-02-09"), "Open"],
    ["PFE", "Put", "Sell", 25, 2, d("2026-02-16"), "Open"],
    ["KO", "Put", "Sell", 60, 1, d("2026-02-23"), "Open"],
    ["INTC", "Put", "Sell", 20, 3, d("2026-03-02"), "Open"],
    ["VZ", "Put", "Sell", 40, 1, d("2026-03-09"), "Open"],
    ["BAC", "Put", "Sell", 48.5, 2, d("2026-03-10"), "Open"],
    ["KO", "Call", "Sell", 65, 1, d("2026-03-11"), "Open"],
  ]);
  for (let r = 2; r <= 10; r++) ws.getCell(`F${r}`).numFmt = DATE;
  const weeks: [string, number, number, number, number, number][] = [
    // date, account, VIX, cap, exposure, underlyings
    ["2026-01-02", 100000, 18, 0.3, 24000, 3],
    ["2026-01-09", 101000, 18, 0.3, 25000, 3],
    ["2026-01-16", 101500, 19, 0.3, 27000, 4],
    ["2026-01-30", 102000, 17, 0.3, 26000, 3],
    ["2026-02-06", 102500, 17, 0.3, 28000, 4],
    ["2026-02-13", 103000, 17, 0.3, 31500, 4],
    ["2026-02-20", 103000, 20, 0.3, 29000, 3],
    ["2026-02-27", 102000, 22, 0.35, 30500, 4],
    ["2026-03-06", 100000, 24, 0.35, 30000, 4],
  ];
  reviewLogSheet(
    wb,
    LOG_COLUMNS,
    weeks.map(([date, account, vix, cap, exposure, underlyings]) =>
      logRow22({ date, account, cash: 50000, vix, cap, exposure, overRows: exposure > cap * account ? 1 : 0, highVixCap: 0.45, concentration: 0.1, underlyings, strategies: "short put, stock", withdrawal: 0, reserve: 0, netFlows: 0, t12: 0, errorRows: 0 }),
    ),
    "Weekly Log",
  );
  inputs(wb, { CSP_HighVixCap: 0.5 });
  return wb;
}

/**
 * INCOME.md's worked example as a workbook: closed short puts whose premium x 100 x contracts is
 * each month's net premium (April's loses 400: 600 received, 1,000 paid to close), and RULES.md's
 * four open puts sold this month; D = 2026-11-27.
 */
function incomeWorkedExample(): Workbook {
  const wb = workbook();
  const ws = wb.addWorksheet("Positions");
  const closed = (t: string, strike: number, qty: number, open: string, premium: number, close?: [string, number]): CellValue[] => [
    t, "Put", "Sell", strike, qty, d(open), d(close ? close[0] : open), close ? "Closed" : "Expired", premium, close ? close[1] : null,
  ];
  const open = (t: string, strike: number, qty: number, date: string, premium: number): CellValue[] => [t, "Put", "Sell", strike, qty, d(date), null, "Open", premium, null];
  table(ws, "Positions", "A1", ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Close Date", "Status", "Premium", "Close Price"], [
    closed("KO", 60, 2, "2025-11-03", 15),
    closed("PFE", 30, 5, "2025-12-01", 7),
    closed("T", 20, 4, "2026-01-05", 7),
    closed("KO", 60, 4, "2026-02-02", 8),
    closed("PFE", 30, 5, "2026-03-02", 6.2),
    closed("T", 20, 2, "2026-04-06", 3, ["2026-04-20", 5]),
    closed("KO", 60, 6, "2026-05-04", 6),
    closed("PFE", 30, 5, "2026-06-01", 6.6),
    closed("T", 20, 5, "2026-07-06", 6),
    closed("KO", 60, 5, "2026-08-03", 5.8),
    closed("PFE", 30, 4, "2026-09-07", 8.5),
    closed("T", 20, 4, "2026-10-05", 9),
    open("KO", 60, 1, "2026-11-02", 1),
    open("PFE", 25, 4, "2026-11-09", 0.5),
    open("T", 17, 5, "2026-11-16", 0.2),
    open("KO", 62, 1, "2026-11-23", 1.2),
  ]);
  for (let r = 2; r <= 17; r++) for (const c of ["F", "G"]) ws.getCell(`${c}${r}`).numFmt = DATE;
  inputs(wb, { AccountValue: 100000, Cash: 40000, VIX: 18, IncomeTarget: 3000, Withdrawal: 2000, Reserve: 20000 });
  return wb;
}

/** The income workbooks, written to tests/fixtures/income/. */
export const INCOME_FIXTURES: Record<string, () => Workbook> = {
  "per-share-premium-log": incomePerShare,
  "credit-debit-cash-flows": incomeCreditDebit,
  "weekly-log-discipline": incomeWeekly,
};

/** Zip-level edits for what exceljs cannot write, by fixture name. */
export const PACKAGE_EDITS: Record<string, (zip: JSZip, wb: Workbook) => Promise<void>> = {
  "csp-formulas": cspPackage,
};

export const FIXTURES: Record<string, () => Workbook> = {
  "worked-example": workedExample,
  ibkr,
  tastytrade,
  "plain-range": plainRange,
  "text-numbers": textNumbers,
  "bad-cells": badCells,
  "csp-formulas": cspFormulas,
  "no-table": noTable,
  "two-tables": twoTables,
  "no-quantity": noQuantity,
  "income-worked-example": incomeWorkedExample,
};

/** Writes every fixture and the sample under root; returns the paths written. */
export async function buildAll(root: string): Promise<string[]> {
  const written: string[] = [];
  const write = async (wb: Workbook, rel: string, edit?: (zip: JSZip, wb: Workbook) => Promise<void>) => {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (edit) {
      const zip = await JSZip.loadAsync(new Uint8Array(await wb.xlsx.writeBuffer()));
      await edit(zip, wb);
      fs.writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    } else await wb.xlsx.writeFile(file);
    written.push(file);
  };
  await write(sampleWorkbook(), "samples/sample-positions.xlsx");
  for (const [name, build] of Object.entries(FIXTURES)) await write(build(), `tests/fixtures/${name}.xlsx`, PACKAGE_EDITS[name]);
  for (const [name, build] of Object.entries(INCOME_FIXTURES)) await write(build(), `tests/fixtures/income/${name}.xlsx`);
  const notXlsx = path.join(root, "tests/fixtures/not-a-workbook.xlsx");
  fs.writeFileSync(notXlsx, "Ticker,Strike,Qty\nKO,60,1\n");
  written.push(notXlsx);
  return written;
}

if (require.main === module) {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "..", ".."));
  buildAll(root).then(
    (files) => console.log(files.map((f) => path.relative(root, f)).join("\n")),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
