import { buildReview, Cell, RawInputs } from "../../src/core";
import { humanReport } from "../../src/cli/report";

const header: Cell[] = ["Ticker", "Type", "Strike", "Qty"];
const report = (rows: Cell[][], inputs: RawInputs = { accountValue: 100000, cash: 40000, vix: 18 }) =>
  humanReport(buildReview({ table: { header, rows, headerRow: 1, firstColumn: 1 }, inputs, asOf: 46000 }), "t.xlsx").split("\n")[2];

describe("the command line's headline follows the core's verdict", () => {
  test.each([
    ["within", [["A", "P", 100, 1]], undefined, "WITHIN BUDGET: headroom $20,000.00"],
    ["over", [["A", "P", 400, 1]], undefined, "OVER BUDGET by $10,000.00"],
    ["unconfirmed", [["A", "P", 100, 1], ["B", "P", "x", 1]], undefined, "NOT CONFIRMED: 1 row could not be read and may be a short put: fix it before trusting the figures"],
    ["no budget", [["A", "P", 100, 1]], { vix: 18 }, "NO BUDGET: set AccountValue: the account value is missing"],
  ])("%s", (_name, rows, inputs, line) => {
    expect(report(rows as Cell[][], inputs as RawInputs | undefined)).toBe(line);
  });
});
