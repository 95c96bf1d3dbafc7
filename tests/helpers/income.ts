import { Cell, serialFromYmd, TableData } from "../../src/core";
import { IncomeRowFacts } from "../../src/core/income-table";
import { LogEntry } from "../../src/core/review-log";
import { IncomeSettings, readIncomeInputs, RawIncomeInputs } from "../../src/core/income-inputs";

/** Serial day of an ISO date, for readable tests. */
export function day(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  const s = serialFromYmd(y, m, d);
  if (s === null) throw new Error(`bad test date ${iso}`);
  return s;
}

/** A position row as a test writes it: the cells, and what the row reader decided of it. */
export interface RowSpec {
  cells: Cell[];
  facts: Omit<IncomeRowFacts, "index" | "row">;
}

/** A table at A1 with its row facts (body row i is sheet row 2 + i). */
export function positions(header: Cell[], specs: RowSpec[]): { table: TableData; facts: IncomeRowFacts[] } {
  return {
    table: { header, rows: specs.map((s) => s.cells), headerRow: 1, firstColumn: 1 },
    facts: specs.map((s, index) => ({ ...s.facts, index, row: 2 + index })),
  };
}

/** Facts of an option row with the usual defaults: short put, 1 contract, multiplier 100, open. */
export function option(f: Partial<IncomeRowFacts>): Omit<IncomeRowFacts, "index" | "row"> {
  return {
    instrument: "put",
    side: "short",
    contracts: 1,
    multiplier: 100,
    strike: 50,
    openDate: null,
    closeDate: null,
    closed: false,
    expired: false,
    ...f,
  };
}

export function settings(raw: RawIncomeInputs = {}): IncomeSettings {
  return readIncomeInputs({ incomeTarget: 3000, ...raw }).settings;
}

/** A log entry with every column blank except those given. */
export function logEntry(date: string, fields: Partial<LogEntry> = {}, row = 2): LogEntry {
  return {
    row,
    date: day(date),
    accountCents: null,
    cashCents: null,
    budgetCents: null,
    exposureCents: null,
    overBudgetRows: null,
    exposurePct: null,
    utilization: null,
    withinCap: null,
    highVixCap: null,
    concentrationLimit: null,
    underlyings: null,
    strategies: null,
    withdrawalCents: null,
    reserveCents: null,
    netFlowsCents: null,
    t12Cents: null,
    errorRows: null,
    ...fields,
  };
}
