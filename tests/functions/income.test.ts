import { installCustomFunctionsStub, CustomFunctionsError, FakeInvocation, settle } from "../helpers/custom-functions-stub";
installCustomFunctionsStub();

import { canWithdrawFn, incomeCoverageFn, incomeFn, reserveMonthsFn, withdrawalCeilingFn } from "../../src/functions/functions";
import { installFormulaSource, LiveFormulas } from "../../src/functions/live";
import { SnapshotCache } from "../../src/excel/snapshot-cache";
import { ExcelSnapshot } from "../../src/excel/read";
import { Cell, NO_TABLE_MESSAGE, readStoredSettings, serialFromYmd, SettingKey, TableData } from "../../src/core";

// INCOME.md "Formulas": the five income functions, called as Excel calls them (null for an omitted
// argument, the streaming invocation last), from a workbook snapshot as the shared session holds it.
const D = serialFromYmd(2026, 11, 27)!;
const day = (m: number, d: number, y = 2026) => serialFromYmd(y, m, d)!;
const header: Cell[] = ["Ticker", "Strike", "Qty", "Open Date", "Premium"];
// Three months of premium: September 400, October 300 and this month's 100; the average month 700 / 12 = 58.33.
const body: Cell[][] = [
  ["KO", 60, 1, day(9, 8), 4],
  ["PFE", 25, 2, day(10, 6), 1.5],
  ["T", 17, 1, day(11, 2), 1],
];
const inputs: Partial<Record<SettingKey, Cell>> = { accountValue: 100000, cash: 40000, vix: 18, incomeTarget: 1000, withdrawal: 40, reserve: 600 };
const flows = (rows: Cell[][]): TableData => ({ header: ["Date", "Kind", "Amount"], rows, headerRow: 1, firstColumn: 1, source: { sheet: "Flows", name: "CashFlows", range: "A1:C9" } });

function snapshot(rows: Cell[][] | null, values = inputs, cashFlows: TableData | null = null): ExcelSnapshot {
  return {
    tableNames: rows ? ["Positions"] : [],
    choice: rows ? { kind: "table", name: "Positions" } : null,
    table: rows ? { header, rows, headerRow: 1, firstColumn: 1 } : null,
    message: rows ? null : NO_TABLE_MESSAGE,
    settings: readStoredSettings(values),
    definedNames: Object.keys(values) as SettingKey[],
    watch: null,
    cashFlows,
    reviewLogs: [],
    brokerLedger: null,
  };
}

let current: ExcelSnapshot;
let cache: SnapshotCache;
function useWorkbook(s: ExcelSnapshot) {
  current = s;
  cache = new SnapshotCache(async () => current);
  installFormulaSource(() => new LiveFormulas(cache, () => D));
}

async function call(fn: (...args: never[]) => void, ...args: unknown[]): Promise<unknown> {
  const inv = new FakeInvocation<unknown>();
  (fn as unknown as (...a: unknown[]) => void)(...args, inv.asInvocation());
  await settle();
  return inv.last;
}

function expectError(result: unknown, code: string, message: RegExp | string) {
  expect(result).toBeInstanceOf(CustomFunctionsError);
  const e = result as CustomFunctionsError;
  expect(e.code).toBe(code);
  if (typeof message === "string") expect(e.message).toBe(message);
  else expect(e.message).toMatch(message);
}

beforeEach(() => useWorkbook(snapshot(body)));

describe("CSP.INCOME, INCOMECOVERAGE, WITHDRAWALCEILING, RESERVEMONTHS, CANWITHDRAW", () => {
  test("INCOME: the last 12 complete months by default, or the months asked for", async () => {
    expect(await call(incomeFn, null)).toBe(700);
    expect(await call(incomeFn, 1)).toBe(300);
    expect(await call(incomeFn, 60)).toBe(700);
  });

  test("INCOMECOVERAGE is the average month / IncomeTarget; WITHDRAWALCEILING 0.75 x the average, rounded down", async () => {
    expect(await call(incomeCoverageFn)).toBeCloseTo(58.33 / 1000, 10);
    expect(await call(withdrawalCeilingFn)).toBe(43.74);
  });

  test("RESERVEMONTHS is Reserve / Withdrawal, and needs no position table", async () => {
    expect(await call(reserveMonthsFn)).toBe(15);
    useWorkbook(snapshot(null));
    expect(await call(reserveMonthsFn)).toBe(15);
  });

  test("CANWITHDRAW counts this month's withdrawals so far (CashFlows), and answers again when they change", async () => {
    useWorkbook(snapshot(body, inputs, flows([[day(11, 3), "Withdrawal", 40]])));
    const inv = new FakeInvocation<unknown>();
    canWithdrawFn(3.74 as never, inv.asInvocation() as never);
    await settle();
    expect(inv.last).toBe(true); // 40 + 3.74 = 43.74, exactly the ceiling
    current = snapshot(body, inputs, flows([[day(11, 3), "Withdrawal", 40], [day(11, 20), "Withdrawal", 0.01]]));
    cache.invalidate();
    await settle();
    expect(inv.last).toBe(false);
  });
});

describe("every income error path: an Excel error value with a message", () => {
  test.each([
    ["INCOME(\"abc\")", () => call(incomeFn, "abc"), "#VALUE!", "months must be a number"],
    ["INCOME(0)", () => call(incomeFn, 0), "#VALUE!", "months must be a whole number from 1 to 60"],
    ["INCOME(2.5)", () => call(incomeFn, 2.5), "#VALUE!", "months must be a whole number from 1 to 60"],
    ["INCOME(61)", () => call(incomeFn, 61), "#VALUE!", "months must be a whole number from 1 to 60"],
    ["INCOME(Infinity)", () => call(incomeFn, Infinity), "#VALUE!", "months must be a finite number"],
    ["CANWITHDRAW(omitted)", () => call(canWithdrawFn, null), "#VALUE!", "amount is required: the withdrawal in dollars"],
    ["CANWITHDRAW(\"x\")", () => call(canWithdrawFn, "x"), "#VALUE!", "amount must be a number"],
    ["CANWITHDRAW(-1)", () => call(canWithdrawFn, -1), "#VALUE!", "amount must be 0 or more dollars"],
  ])("%s", async (_name, run, code, message) => {
    expectError(await run(), code, message);
  });

  test("no position table: #N/A saying how to name one", async () => {
    useWorkbook(snapshot(null));
    expectError(await call(incomeFn, null), "#N/A", NO_TABLE_MESSAGE);
    expectError(await call(incomeCoverageFn), "#N/A", NO_TABLE_MESSAGE);
    expectError(await call(withdrawalCeilingFn), "#N/A", NO_TABLE_MESSAGE);
    expectError(await call(canWithdrawFn, 10), "#N/A", NO_TABLE_MESSAGE);
  });

  test("a premium that cannot be read is #VALUE! naming its cell, never a total that left it out", async () => {
    useWorkbook(snapshot([...body, ["VZ", 40, 1, day(10, 1), "n/a"], ["F", 11, 1, null, 0.2]]));
    expectError(await call(incomeFn, null), "#VALUE!", "row 5, Premium: premium 'n/a' is not a number (and 1 more income cells that cannot be read)");
    expectError(await call(withdrawalCeilingFn), "#VALUE!", /^row 5, Premium/);
  });

  test("a setting missing or out of range: #N/A naming the defined name to set", async () => {
    useWorkbook(snapshot(body, { ...inputs, incomeTarget: null }));
    expectError(await call(incomeCoverageFn), "#N/A", /^set IncomeTarget/);
    useWorkbook(snapshot(body, { ...inputs, payoutRatio: 1.5 }));
    expectError(await call(withdrawalCeilingFn), "#N/A", "set CSP_PayoutRatio to a number from 0 to 1 (0.75 is 75% of the income), not '1.5'");
    expectError(await call(canWithdrawFn, 10), "#N/A", /^set CSP_PayoutRatio/);
    useWorkbook(snapshot(body, { ...inputs, withdrawal: 0 }));
    expectError(await call(reserveMonthsFn), "#N/A", "no withdrawal is planned: set Withdrawal (dollars a month) to see the reserve runway");
    useWorkbook(snapshot(body, { ...inputs, reserve: "plenty" }));
    expectError(await call(reserveMonthsFn), "#N/A", /^set Reserve/);
  });
});
