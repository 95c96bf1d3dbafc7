/**
 * The bundled sample (samples/sample-positions.xlsx) reads through the command line exactly as
 * scripts/build-fixtures.ts wrote it: the review of the script's own data, built in memory, has
 * the figures `review --json` gives for the file, whichever .xlsx reader the command line uses.
 * It shows both income sections: a premium column, a CashFlows table, weeks of Review Log.
 */
import { buildReview, Cell, NAMES, RawInputs, reviewToJson, serialFromYmd, TableData } from "../../src/core";
import { LOG_COLUMNS, SAMPLE_FLOWS, SAMPLE_FLOWS_HEADER, SAMPLE_HEADER, SAMPLE_INPUTS, SAMPLE_LOG, SAMPLE_ROWS, logRow22 } from "../../scripts/build-fixtures";
import { cli } from "./helpers";

const AS_OF = serialFromYmd(2026, 11, 23)!;
const cells = (rows: unknown[][]): Cell[][] => rows.map((r) => r.map((v) => (v instanceof Date ? serialFromYmd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate())! : ((v ?? null) as Cell))));
const table = (header: string[], rows: unknown[][]): TableData => ({ header, rows: cells(rows), headerRow: 1, firstColumn: 1 });

test("the sample reads through the CLI as the fixture script wrote it, income and discipline included", () => {
  const inputs = Object.fromEntries(Object.entries(NAMES).flatMap(([key, name]) => (name in SAMPLE_INPUTS ? [[key, SAMPLE_INPUTS[name]]] : []))) as RawInputs;
  const expected = reviewToJson(
    buildReview({
      table: table(SAMPLE_HEADER, SAMPLE_ROWS.map((r) => r.map((v) => (v === "" ? null : v)))),
      inputs,
      asOf: AS_OF,
      cashFlows: table(SAMPLE_FLOWS_HEADER, SAMPLE_FLOWS),
      reviewLogs: [table(LOG_COLUMNS, SAMPLE_LOG.map(logRow22))],
    }),
  );
  const r = cli(["review", "--json", "--as-of", "2026-11-23"]);
  expect(r.status).toBe(0);
  const got = JSON.parse(r.stdout);
  for (const key of ["verdict", "exposure", "budget", "headroom", "backing", "cashShortfall", "overBudgetRows", "income", "discipline"] as const) {
    expect([key, got[key]]).toEqual([key, expected[key]]);
  }
  expect(got.rows.map((x: { row: number; status: string }) => [x.row, x.status])).toEqual(expected.rows.map((x) => [x.row, x.status]));
  // Both sections have something to show: months with premium, the reserve, flags with what to do.
  expect(got.income.t12).toBeGreaterThan(0);
  expect(got.income.unplannedWithdrawals).toEqual([{ date: "2026-11-12", amount: 800 }]);
  expect(got.discipline.missedWeeks).toEqual(["2026-W43"]);
  expect(got.discipline.flags.map((f: { kind: string }) => f.kind)).toEqual(expect.arrayContaining(["new-strategy", "reserve-short", "unplanned-withdrawal"]));
});

test("the human report of the sample prints both sections, in plain words", () => {
  const r = cli(["review", "--as-of", "2026-11-23"]);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^Income \(net option premium on a cash basis, plus CashFlows income; not a tax figure\)$/m);
  expect(r.stdout).toMatch(/^ {2}2026-09 +\$1,367\.65 +#+/m);
  expect(r.stdout).toMatch(/^ {2}Reserve \$12,000\.00 = 8 months of withdrawals, SHORT of 12 months by \$6,000\.00/m);
  expect(r.stdout).toMatch(/^Discipline/m);
  expect(r.stdout).toMatch(/^ {2}! Unplanned withdrawal: Unplanned withdrawal of \$800 \(CashFlows row 7\)\. Plan withdrawals ahead/m);
});
