import {
  buildReview,
  Cell,
  CAPITAL_LOG_HEADERS,
  HistoryReading,
  isOwnTable,
  isReviewLogTable,
  LOG_HEADERS,
  logRow,
  logRowFor,
  ownTables,
  readPositionList,
  mapColumns,
  reviewSheet,
  reviewToJson,
  serialFromYmd,
  TableData,
  TableOutline,
  ACCOUNTANT_NOTE,
} from "../../src/core";
import * as history from "../../src/core/history";

const day = (iso: string) => serialFromYmd(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)))!;
const D = day("2026-11-27");
const tbl = (header: Cell[], rows: Cell[][], name: string | null = null): TableData => ({
  header,
  rows,
  headerRow: 1,
  firstColumn: 1,
  ...(name ? { source: { sheet: name, name, range: "A1" } } : {}),
});
const INPUTS = { accountValue: 100000, cash: 40000, vix: 18 };

describe("the row reader tells income what it decided of every row", () => {
  const header: Cell[] = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Close Date", "Status", "Premium"];
  const rows: Cell[][] = [
    ["KO", "Put", "Sell", 60, 1, day("2026-10-05"), null, "Open", 1.2],
    ["KO", "Put", "Sell", 58, 2, day("2026-09-01"), day("2026-09-20"), "Expired", 0.9],
    ["SPY", "Put", "Buy", 500, 1, day("2026-09-03"), null, "Open", 6],
    ["KO", "Call", "Sell", 65, 1, day("2026-09-04"), null, "Open", 0.8],
    ["KO", "Stock", "Buy", null, 100, day("2026-08-01"), null, "Open", 58],
    ["PFE", "Put?", "Sell", 25, 1, day("2026-09-05"), null, "Open", 0.4],
    ["Total", null, null, null, null, null, null, null, 10],
  ];
  const table = tbl(header, rows);
  const list = readPositionList(table, mapColumns(header));

  test("counted, excluded (closed, long, call, stock) and error rows alike, never summary rows", () => {
    const facts = list.facts.map((f) => [f.row, f.instrument, f.side, f.contracts, f.strike, f.openDate, f.closeDate, f.closed, f.expired]);
    expect(facts).toEqual([
      [2, "put", "short", 1, 60, day("2026-10-05"), null, false, false],
      [3, "put", "short", 2, 58, day("2026-09-01"), day("2026-09-20"), true, true],
      [4, "put", "long", 1, 500, day("2026-09-03"), null, false, false],
      [5, "call", "short", 1, 65, day("2026-09-04"), null, false, false],
      [6, "stock", "long", 100, null, day("2026-08-01"), null, false, false],
      // The type cannot be read: income cannot tell received from paid (an income problem, never a zero).
      [7, null, "short", 1, 25, day("2026-09-05"), null, false, false],
    ]);
  });

  test("the open kinds are the strategies: short put, long put, short call, stock", () => {
    expect(list.openKinds).toEqual(["long put", "short call", "short put", "stock"]);
    // Without income columns the reader gives the kinds only, and the same kinds.
    const plain = readPositionList(tbl(header.slice(0, 8), rows.map((r) => r.slice(0, 8))), mapColumns(header.slice(0, 8)), "kinds");
    expect(plain.facts).toEqual([]);
    expect(plain.openKinds).toEqual(list.openKinds);
  });

  test("the review reads the premium of excluded rows too, and lists the unreadable one", () => {
    const review = buildReview({ table, inputs: INPUTS, asOf: D });
    // Sep: +180 (expired KO put) -600 (SPY bought) +80 (KO call); Oct: +120. The stock row gives nothing; row 7 is a problem.
    expect(review.income.months.slice(-2).map((m) => m.cents)).toEqual([18000 - 60000 + 8000, 12000]);
    expect(review.income.problems).toEqual([{ row: 7, column: "Premium", cell: "I7", message: expect.stringMatching(/option type could not be read/) }]);
    expect(review.income.strategies).toEqual(["long put", "short call", "short put", "stock"]);
  });
});

describe("check 3: assignment cash is Cash less the reserve held in it (RULES.md, INCOME.md)", () => {
  const table = tbl(["Ticker", "Strike", "Qty"], [["KO", 60, 5]]);
  test("a reserve inside Cash makes a cash-secured book portfolio-backed", () => {
    expect(buildReview({ table, inputs: { ...INPUTS, cash: 40000 }, asOf: D }).backing).toBe("cash-secured");
    const r = buildReview({ table, inputs: { ...INPUTS, cash: 40000, reserve: 15000 }, asOf: D });
    expect([r.backing, r.cashShortfallCents, r.income.assignmentCashCents]).toEqual(["portfolio-backed", 500_000, 2_500_000]);
  });
  test("a reserve held outside Cash leaves assignment cash alone; an unreadable one makes backing unknown", () => {
    expect(buildReview({ table, inputs: { ...INPUTS, reserve: 15000, reserveInAccount: false }, asOf: D }).backing).toBe("cash-secured");
    const r = buildReview({ table, inputs: { ...INPUTS, reserve: "lots" }, asOf: D });
    expect(r.backing).toBe("unknown");
    expect(r.inputErrors.map((e) => e.input)).toContain("Reserve");
  });
});

describe("income inputs are defined names; a workbook that tracks no income is not nagged", () => {
  const table = tbl(["Ticker", "Strike", "Qty"], [["KO", 60, 1]]);
  test("no premium column, table or income name: IncomeTarget is not asked for, and the section says it is not in use", () => {
    const r = buildReview({ table, inputs: INPUTS, asOf: D });
    expect(r.inputErrors).toEqual([]);
    expect(r.income.inUse).toBe(false);
    expect(reviewToJson(r).income.coverage).toBeNull();
  });
  test("with any income name set, a missing IncomeTarget is an input error naming it", () => {
    const r = buildReview({ table, inputs: { ...INPUTS, withdrawal: 1000 }, asOf: D });
    expect(r.income.inUse).toBe(true);
    expect(r.inputErrors).toEqual([{ input: "IncomeTarget", message: expect.stringMatching(/^set IncomeTarget/) }]);
  });
});

describe("the ledger of a transaction history is the income (the history hook)", () => {
  const header: Cell[] = ["Symbol", "Action", "Strike", "Qty", "Date", "Premium"];
  // A closing word makes it a transaction history (RULES.md); the reduction itself is brokers' work.
  const table = tbl(header, [
    ["KO", "Sell to Open", 60, 1, day("2026-10-05"), 1.2],
    ["KO", "Buy to Close", 60, 1, day("2026-09-10"), 0.4],
  ]);
  afterEach(() => jest.restoreAllMocks());

  test("a hand-made reading: its lots are the positions, its ledger the months, the premium column is not read twice", () => {
    const reading: HistoryReading = {
      rows: [{ status: "counted", row: 2, index: 0, underlying: "KO", strike: 60, contracts: 1, multiplier: 100, assignmentValueCents: 600_000, openDate: day("2026-10-05"), expiration: null, problems: [] }],
      ledger: [
        { date: day("2026-10-05"), cents: 11_935, row: 2 },
        { date: day("2026-09-10"), cents: -4_065, row: 7 },
      ],
      format: "transaction history",
      trades: 2,
      openLots: 1,
      notes: ["read as a transaction history: 2 trades, 1 open lot"],
      problems: [],
    };
    jest.spyOn(history, "reduceHistory").mockReturnValue(reading);
    const r = buildReview({ table, inputs: INPUTS, asOf: D });
    expect(r.reading.layout).toBe("history");
    expect(r.exposureCents).toBe(600_000);
    expect(r.income.sources.ledger).toBe("history");
    expect(r.income.months.slice(-3).map((m) => m.cents)).toEqual([0, -4_065, 11_935]);
    expect(r.income.strategies).toEqual(["short put"]);
    expect(r.income.notes).toContain("Income: read from the transaction history's trades");
  });

  test("a BrokerLedger table (an import's ledger) is the income of a position list", () => {
    const positions = tbl(["Ticker", "Strike", "Qty", "Premium"], [["KO", 60, 1, 1.2]]);
    const ledger = tbl(["Date", "Amount"], [[day("2026-10-05"), 119.35], ["2026-09-10", "-40.65"], ["soon", 5]], "BrokerLedger");
    const r = buildReview({ table: positions, inputs: INPUTS, asOf: D, brokerLedger: ledger });
    expect(r.income.sources.ledger).toBe("BrokerLedger");
    expect(r.income.months.slice(-2).map((m) => m.cents)).toEqual([-4_065, 11_935]);
    expect(r.income.problems).toEqual([{ row: 4, column: "Date", cell: "A4", message: "the trade's date 'soon' cannot be read" }]);
  });
});

describe("the own tables: which hold the cash flows, the Review Logs and an imported ledger", () => {
  const outline = (name: string, columns: string[]): TableOutline => ({ name, sheet: "S", range: "A1:D5", headerRowCount: 1, totalsRowCount: 0, columns });
  test("CashFlows by name; else the only other table with date, amount and kind that is no position table", () => {
    const flows = outline("Flows", ["Date", "Amount", "Kind"]);
    const tasty = outline("History", ["Date", "Type", "Action", "Symbol", "Value", "Quantity", "Strike Price"]);
    expect(ownTables([outline("Positions", ["Ticker", "Strike", "Qty"]), flows, tasty], "Positions").cashFlows).toBe(flows);
    expect(ownTables([flows, outline("CashFlows", ["Date", "Amount"])], null).cashFlows?.name).toBe("CashFlows");
    // A broker history has Date, Type and Value too: never read as cash flows.
    expect(ownTables([tasty], null).cashFlows).toBeNull();
    expect(ownTables([flows, outline("Flows2", ["Date", "Amount", "Kind"])], null).cashFlows).toBeNull();
  });
  test("the Review Logs are ReviewLog and the writer's own AG_ReviewLog; both are never position tables", () => {
    const own = ownTables([outline("ReviewLog", []), outline("AG_ReviewLog", []), outline("AG_ReviewLog2", []), outline("BrokerLedger", [])], null);
    expect(own.reviewLogs.map((t) => t.name)).toEqual(["ReviewLog", "AG_ReviewLog", "AG_ReviewLog2"]);
    expect(own.brokerLedger?.name).toBe("BrokerLedger");
    expect(["ReviewLog", "ag_reviewlog", "AG_ReviewLog3", "BrokerLedger", "CashFlows"].map(isOwnTable)).toEqual([true, true, true, true, true]);
    expect(["AG_ReviewLogs", "MyReviewLog"].map(isReviewLogTable)).toEqual([false, false]);
  });
  test("two logs merge into one history, oldest first", () => {
    const log = (rows: Cell[][], name: string) => tbl(["Date", "Account value"], rows, name);
    const r = buildReview({
      table: tbl(["Ticker", "Strike", "Qty"], [["KO", 60, 1]]),
      inputs: INPUTS,
      asOf: D,
      reviewLogs: [log([[day("2026-11-13"), 99000]], "ReviewLog"), log([[day("2026-11-20"), 99500]], "AG_ReviewLog")],
    });
    expect(r.income.log.map((e) => e.date)).toEqual([day("2026-11-13"), day("2026-11-20")]);
    expect(r.discipline.streakWeeks).toBe(3);
  });
});

describe("the Review Log row: ten columns, then the twelve of issue 12 item 3", () => {
  const table = tbl(["Ticker", "Type", "Strike", "Qty", "Open Date", "Premium"], [
    ["KO", "Put", 60, 1, day("2026-10-05"), 1.5],
    ["KO", "Call", 65, 1, day("2026-10-06"), 0.5],
  ]);
  const review = buildReview({
    table,
    inputs: { ...INPUTS, withdrawal: 1000, reserve: 12000, incomeTarget: 3000 },
    asOf: D,
    cashFlows: tbl(["Date", "Amount", "Kind"], [[day("2026-11-21"), 2000, "Deposit"], [day("2026-11-25"), 500, "Withdrawal"], [day("2026-11-02"), 999, "Deposit"]]),
    reviewLogs: [tbl([...CAPITAL_LOG_HEADERS], [[day("2026-11-20"), 99000, 40000, 18, 0.3, 29700, 6000, 23700, "cash-secured", 0]], "ReviewLog")],
  });

  test("the header words, in order", () => {
    expect(LOG_HEADERS.slice(10)).toEqual([
      "Exposure % of account", "Utilization", "Within cap", "High-VIX cap", "Concentration limit", "Underlyings", "Strategies",
      "Withdrawal", "Reserve", "Net flows", "T12 income", "Error rows",
    ]);
  });

  test("the figures: net flows since the previous log row, strategies, T12 income", () => {
    // Exposure 6,000 of 100,000 (6%), of a 30,000 budget (20%); within; KO only; short call and short put;
    // 2,000 deposited and 500 withdrawn since 2026-11-20 (the 999 is before it); T12 150 + 50.
    expect(logRow(review).slice(10)).toEqual([0.06, 0.2, "yes", 0.45, 0.1, 1, "short call, short put", 1000, 12000, 1500, 200, 0]);
  });

  test("an older log keeps its columns: each figure under the header that names it, nothing under the user's own", () => {
    expect(logRowFor(["date", "Exposure", "T12 Income", "My note"], review)).toEqual([D, 6000, 200, null]);
  });

  test("an unconfirmed review is no 'yes' in the history", () => {
    const bad = buildReview({ table: tbl(["Ticker", "Strike", "Qty"], [["KO", 60, 1], ["PFE", "abc", 1]]), inputs: INPUTS, asOf: D });
    expect(logRow(bad)[12]).toBeNull();
  });
});

describe("the Weekly Review sheet: the Income and Discipline sections, for the accountant", () => {
  const review = buildReview({
    table: tbl(["Ticker", "Strike", "Qty", "Open Date", "Premium"], [["KO", 60, 1, day("2026-10-05"), 1.5]]),
    inputs: { ...INPUTS, withdrawal: 1000, reserve: 12000, incomeTarget: 3000 },
    asOf: D,
  });
  const sheet = reviewSheet(review);
  const rowOf = (label: string) => sheet.values.find((r) => r[0] === label);

  test("labelled as net option premium on a cash basis, not a tax figure", () => {
    expect(sheet.values.some((r) => r[0] === "Income (net option premium, cash basis)")).toBe(true);
    expect(ACCOUNTANT_NOTE).toMatch(/Not a tax figure/);
    expect(sheet.values.flat()).toContain(ACCOUNTANT_NOTE);
    expect(rowOf("2026-10")?.[1]).toBe(150);
    expect(rowOf("T12 income")?.[1]).toBe(150);
    expect(rowOf("Average month (T12 / 12)")?.[1]).toBe(12.5);
    expect(rowOf("Reserve runway (months)")?.[1]).toBe(12);
    expect(rowOf("Assignment cash (Cash less reserve)")?.[1]).toBe(28000);
  });

  test("the discipline section names each flag and says what to do", () => {
    expect(rowOf("Review streak (weeks)")?.[1]).toBe(1);
    const flag = rowOf("Withdrawal over the sustainable amount");
    expect(flag?.[1]).toMatch(/lower Withdrawal to \$9\.37/);
    expect(sheet.headingRows.map((i) => sheet.values[i][0])).toEqual(expect.arrayContaining(["Income (net option premium, cash basis)", "Discipline"]));
  });
});
