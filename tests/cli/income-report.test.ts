import { buildReview, Cell, serialFromYmd } from "../../src/core";
import * as path from "path";
import { humanReport } from "../../src/cli/report";
import { parseArgs } from "../../src/cli/args";
import { cli, FIXTURES } from "./helpers";

const D = serialFromYmd(2026, 11, 27)!;
const review = (header: Cell[], rows: Cell[][], inputs: Record<string, Cell> = {}, logRows: Cell[][] = []) =>
  buildReview({
    table: { header, rows, headerRow: 1, firstColumn: 1 },
    inputs: { accountValue: 100000, cash: 40000, vix: 18, ...inputs },
    asOf: D,
    reviewLogs: logRows.length ? [{ header: ["Date", "Strategies"], rows: logRows, headerRow: 1, firstColumn: 1 }] : [],
  });

describe("the command line's Income and Discipline sections", () => {
  test("a workbook that tracks no income is told once how to start, not nine notes", () => {
    const text = humanReport(review(["Ticker", "Strike", "Qty"], [["KO", 60, 1]]), "t.xlsx");
    expect(text).toContain("  No premium column, BrokerLedger, CashFlows table or income setting: add a Premium column and set IncomeTarget to see it");
    expect(text).not.toMatch(/Note: Income:/);
    expect(text).toContain("  No flag this week");
  });

  test("each flag in plain words with what to do; a short reserve and an over-ceiling withdrawal say so", () => {
    const r = review(["Ticker", "Strike", "Qty", "Open Date", "Premium"], [["KO", 60, 1, serialFromYmd(2026, 10, 5)!, 1.2]], { incomeTarget: 3000, withdrawal: 500, reserve: 1000 });
    const text = humanReport(r, "t.xlsx");
    expect(text).toContain("  Planned withdrawal $500.00: OVER the sustainable withdrawal by $492.50: lower Withdrawal");
    expect(text).toContain("  Reserve $1,000.00 = 2 months of withdrawals, SHORT of 12 months by $5,000.00: build it before raising withdrawals");
    expect(text).toContain("  FRAGILE: 1 month of history");
    expect(text).toMatch(/^ {2}! Reserve short: The reserve holds 2 months of withdrawals, short of the target by \$5,000\. Build the reserve/m);
    // Assignment cash is Cash less the reserve, and the backing line says so.
    expect(text).toContain("  Cash-secured: assignment cash (cash less the $1,000.00 reserve, $39,000.00) covers every put if all were assigned today");
  });

  test("workbook text in a flag is terminal-safe: a Strategy cell's control characters show as escapes", () => {
    const r = review(
      ["Ticker", "Strike", "Qty", "Strategy"],
      [["KO", 60, 1, "wheel\u001b]52;c;ZXZpbA==\u0007"]],
      {},
      [[serialFromYmd(2026, 11, 20)!, "short put"]],
    );
    const text = humanReport(r, "t.xlsx");
    expect(text).toContain("! New strategy: New strategy 'wheel\\x1b]52;c;zxzpba==\\x07'");
    // No control character but the line breaks between lines reaches the terminal.
    expect([...text].filter((ch) => ch.charCodeAt(0) < 32 && ch !== "\n")).toEqual([]);
  });
});

describe("income flags override the defined names for one review, as --account does", () => {
  test("money as typed, fractions, yes/no; a value out of range is refused naming the flag and the setting", () => {
    expect(parseArgs(["review", "--income-target", "3k", "--withdrawal", "$2,000", "--payout-ratio", "70%", "--reserve-in-account", "no"]).inputs).toEqual({
      incomeTarget: 3000,
      withdrawal: 2000,
      payoutRatio: "70%",
      reserveInAccount: "no",
    });
    expect(() => parseArgs(["--reserve-months", "61"])).toThrow("--reserve-months: set CSP_ReserveMonths to a number from 0 to 60 (months of withdrawals the reserve should hold), not '61'");
    expect(() => parseArgs(["--premium-per-share", "maybe"])).toThrow("--premium-per-share: set CSP_PremiumPerShare to TRUE or FALSE, not 'maybe'");
    expect(() => parseArgs(["--income-target", "0"])).toThrow(/^--income-target: set IncomeTarget/);
  });

  test("through the command line: a withdrawal within the ceiling is no flag", () => {
    const args = ["--account", "100000", "--cash", "40000", "--vix", "18", "--as-of", "2026-11-27", "--json"];
    const file = path.join(FIXTURES, "income", "per-share-premium-log.xlsx");
    const stored = JSON.parse(cli(["review", file, ...args]).stdout);
    const flagged = JSON.parse(cli(["review", file, ...args, "--withdrawal", "80", "--reserve", "960"]).stdout);
    expect([stored.income.withdrawal, stored.income.overCeiling]).toEqual([500, 413.97]);
    // 80 is under the 86.03 ceiling; 960 = 12 months of 80.
    expect([flagged.income.withdrawal, flagged.income.overCeiling, flagged.income.reserveMonths, flagged.income.reserveShortfall]).toEqual([80, 0, 12, 0]);
    expect(flagged.discipline.flags).toEqual([]);
  });
});
