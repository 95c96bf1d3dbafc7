import { CAPITAL_LOG_HEADERS, Cell, LOG_HEADERS, TableData } from "../../src/core";
import { INCOME_LOG_FORMATS, INCOME_LOG_HEADERS, logExtensionCells, logRowOverBudget, readReviewLog } from "../../src/core/review-log";
import { day, logEntry } from "../helpers/income";

const table = (header: readonly Cell[], rows: Cell[][]): TableData => ({ header: [...header], rows, headerRow: 1, firstColumn: 1 });

describe("Review Log as history (matched by header)", () => {
  test("last year's ten-column log still feeds the history", () => {
    const r = readReviewLog(
      table(CAPITAL_LOG_HEADERS, [
        [day("2025-11-20"), 95000, 40000, 18, 0.3, 28500, 30000, -1500, "cash-secured", 1],
        [day("2025-11-13"), 94000, 40000, 17, 0.3, 28200, 20000, 8200, "cash-secured", 0],
      ]),
    );
    expect(r.notes).toEqual([]);
    expect(r.entries.map((e) => [e.row, e.date, e.accountCents, e.exposureCents, e.budgetCents, e.overBudgetRows, e.withdrawalCents, e.strategies])).toEqual([
      [3, day("2025-11-13"), 9_400_000, 2_000_000, 2_820_000, 0, null, null],
      [2, day("2025-11-20"), 9_500_000, 3_000_000, 2_850_000, 1, null, null],
    ]);
  });

  test("the full 22-column log, in any column order, with text as people type it", () => {
    expect(LOG_HEADERS).toEqual([...CAPITAL_LOG_HEADERS, ...INCOME_LOG_HEADERS]);
    const header = [...LOG_HEADERS].reverse();
    const values: Cell[] = [
      "2026-11-20", "$100,000", 40000, 18, "30%", 30000, 30700, -700, "cash-secured", 1,
      "30.7%", 1.0233, "no", 0.45, "10%", 3, "short put, short call", 2000, 20000, -2000, 35000, 0,
    ];
    const r = readReviewLog(table(header, [[...values].reverse()]));
    expect(r.entries).toEqual([
      logEntry(
        "2026-11-20",
        {
          accountCents: 10_000_000,
          cashCents: 4_000_000,
          budgetCents: 3_000_000,
          exposureCents: 3_070_000,
          overBudgetRows: 1,
          exposurePct: 0.307,
          utilization: 1.0233,
          withinCap: false,
          highVixCap: 0.45,
          concentrationLimit: 0.1,
          underlyings: 3,
          strategies: ["short put", "short call"],
          withdrawalCents: 200_000,
          reserveCents: 2_000_000,
          netFlowsCents: -200_000,
          t12Cents: 3_500_000,
          errorRows: 0,
        },
        2,
      ),
    ]);
  });

  test("a row without a readable date is left out and said; an unreadable cell is blank and said", () => {
    const r = readReviewLog(table(["Date", "Account value"], [["last week", 1], ["2026-11-20", "lots"], [null, null]]));
    expect(r.entries.map((e) => [e.row, e.accountCents])).toEqual([[3, null]]);
    expect(r.notes).toEqual([
      "Review Log row 2 has no readable date and is left out of the history",
      "Review Log cells that cannot be read are treated as blank: row 3 Account value 'lots'",
    ]);
  });

  test("a log without a Date column gives no history and says so", () => {
    expect(readReviewLog(table(["When"], [["2026-01-01"]]))).toEqual({ entries: [], notes: ["Review Log: no Date column, so its rows give no history"] });
  });

  test("over budget: Within cap decides, else exposure above budget, else the over-budget row count", () => {
    expect(logRowOverBudget(logEntry("2026-01-01", { withinCap: false, exposureCents: 1, budgetCents: 2 }))).toBe(true);
    expect(logRowOverBudget(logEntry("2026-01-01", { exposureCents: 3, budgetCents: 2 }))).toBe(true);
    expect(logRowOverBudget(logEntry("2026-01-01", { exposureCents: 2, budgetCents: 2 }))).toBe(false);
    expect(logRowOverBudget(logEntry("2026-01-01", { overBudgetRows: 2 }))).toBe(true);
    expect(logRowOverBudget(logEntry("2026-01-01"))).toBeNull();
  });
});

describe("Review Log: the twelve columns appended (issue 12 item 3)", () => {
  test("headers in order, one format each", () => {
    expect(INCOME_LOG_HEADERS).toEqual([
      "Exposure % of account", "Utilization", "Within cap", "High-VIX cap", "Concentration limit", "Underlyings",
      "Strategies", "Withdrawal", "Reserve", "Net flows", "T12 income", "Error rows",
    ]);
    expect(INCOME_LOG_FORMATS).toHaveLength(INCOME_LOG_HEADERS.length);
  });

  test("cells in header order, missing figures blank, and read back as written", () => {
    const cells = logExtensionCells({
      exposurePctOfAccount: 0.307,
      utilization: null,
      withinCap: true,
      highVixCap: 0.45,
      concentrationLimit: 0.1,
      underlyings: 3,
      strategies: ["short call", "short put"],
      withdrawalCents: 200_000,
      reserveCents: null,
      netFlowsCents: -5,
      t12Cents: 3_500_000,
      errorRows: 2,
    });
    expect(cells).toEqual([0.307, null, "yes", 0.45, 0.1, 3, "short call, short put", 2000, null, -0.05, 35000, 2]);
    const back = readReviewLog(table(["Date", ...INCOME_LOG_HEADERS], [[day("2026-11-27"), ...cells]])).entries[0];
    expect(back).toMatchObject({ exposurePct: 0.307, utilization: null, withinCap: true, strategies: ["short call", "short put"], withdrawalCents: 200_000, netFlowsCents: -5, errorRows: 2 });
  });
});
