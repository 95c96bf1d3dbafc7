import { Cell, TableData } from "../../src/core";
import { looksLikeCashFlows, netFlowsBetween, readCashFlows } from "../../src/core/cashflows";
import { day } from "../helpers/income";

const table = (header: Cell[], rows: Cell[][]): TableData => ({ header, rows, headerRow: 1, firstColumn: 1, source: { sheet: "Flows", name: "CashFlows", range: "A1:D9" } });

describe("INCOME.md Cash flows", () => {
  test("kinds Deposit, Withdrawal and Income with positive amounts: the kind gives the sign", () => {
    const r = readCashFlows(
      table(["Date", "Amount", "Kind", "Planned"], [
        ["2026-01-05", 10000, "Deposit", null],
        ["2026-02-01", 2000, "Withdrawal", "Y"],
        ["2026-02-15", "$45.10", "Income", null],
        ["2026-03-01", 500, "withdrawal", "N"],
      ]),
    );
    expect(r.problems).toEqual([]);
    expect(r.flows).toEqual([
      { row: 2, date: day("2026-01-05"), kind: "deposit", cents: 1_000_000, planned: null },
      { row: 3, date: day("2026-02-01"), kind: "withdrawal", cents: 200_000, planned: true },
      { row: 4, date: day("2026-02-15"), kind: "income", cents: 4_510, planned: null },
      { row: 5, date: day("2026-03-01"), kind: "withdrawal", cents: 50_000, planned: false },
    ]);
  });

  test("signed amounts: a negative amount is a withdrawal, with or without a kind", () => {
    const r = readCashFlows(table(["Date", "Amount"], [["2026-01-05", 10000], ["2026-02-01", -2000]]));
    expect(r.flows.map((f) => [f.kind, f.cents])).toEqual([
      ["deposit", 1_000_000],
      ["withdrawal", 200_000],
    ]);
    expect(r.notes.join(" ")).toMatch(/no Kind column/);
    const k = readCashFlows(table(["Date", "Amount", "Kind"], [["2026-02-01", -2000, "Withdrawal"], ["2026-02-02", -300, null]]));
    expect(k.flows.map((f) => [f.kind, f.cents])).toEqual([
      ["withdrawal", 200_000],
      ["withdrawal", 30_000],
    ]);
  });

  test("negative Income (interest charged) lowers income", () => {
    const r = readCashFlows(table(["Date", "Amount", "Kind"], [["2026-02-01", -12.5, "Interest"]]));
    expect(r.flows).toEqual([{ row: 2, date: day("2026-02-01"), kind: "income", cents: -1_250, planned: null }]);
  });

  test("rows that cannot be read are problems with row and cell, left out, never zero", () => {
    const r = readCashFlows(
      table(["Date", "Amount", "Kind", "Planned"], [
        ["soon", 100, "Deposit", null],
        ["2026-01-05", "lots", "Deposit", null],
        ["2026-01-05", 100, "Gift", null],
        ["2026-01-05", 100, null, null],
        ["2026-01-05", -100, "Deposit", null],
        ["2026-01-05", 100, "Withdrawal", "maybe"],
      ]),
    );
    expect(r.problems.map((p) => [p.row, p.cell])).toEqual([
      [2, "A2"],
      [3, "B3"],
      [4, "C4"],
      [5, "C5"],
      [6, "B6"],
      [7, "D7"],
    ]);
    // An unreadable Planned cell keeps the withdrawal and lists it as unplanned.
    expect(r.flows).toEqual([{ row: 7, date: day("2026-01-05"), kind: "withdrawal", cents: 10_000, planned: false }]);
  });

  test("a table without a date or amount column gives no flows and says what it lacks", () => {
    const r = readCashFlows(table(["When", "Amount", "Kind"], [["2026-01-05", 1, "Deposit"]]));
    expect(r.flows).toEqual([]);
    expect(r.problems[0].message).toMatch(/CashFlows table on sheet 'Flows' has no date column/);
  });

  test("a table is recognised as cash flows by headers mapping to date, amount and kind", () => {
    expect(looksLikeCashFlows(["Date", "Amount", "Type", "Planned?"])).toBe(true);
    expect(looksLikeCashFlows(["Date", "Amount"])).toBe(false);
  });

  test("net flows: deposits less withdrawals after one date up to another; Income is not a flow", () => {
    const flows = readCashFlows(
      table(["Date", "Amount", "Kind"], [
        ["2026-01-01", 1000, "Deposit"],
        ["2026-01-02", 300, "Withdrawal"],
        ["2026-01-03", 50, "Income"],
        ["2026-01-04", 10, "Deposit"],
      ]),
    ).flows;
    expect(netFlowsBetween(flows, day("2026-01-01"), day("2026-01-03"))).toBe(-30_000);
    expect(netFlowsBetween(flows, day("2025-12-31"), day("2026-01-04"))).toBe(71_000);
  });
});
