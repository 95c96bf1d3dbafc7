import { Cell, TableData } from "./types";
import { columnLetters, isBlank, parseDate, parseNumber, showCell, squash } from "./cells";
import { CASHFLOW_HEADERS, normalizeHeader } from "./columns";
import { IncomeProblem } from "./income-table";
import { readYesNo } from "./income-inputs";

/**
 * INCOME.md "Cash flows": deposits, withdrawals and other income the user records in a table
 * named CashFlows (or one whose headers map to date, amount and kind).
 */
export const CASHFLOW_TABLE = "CashFlows";

export { CASHFLOW_HEADERS };
type FlowField = keyof typeof CASHFLOW_HEADERS;

const KIND_WORDS: Record<string, FlowKind> = {
  deposit: "deposit",
  deposits: "deposit",
  withdrawal: "withdrawal",
  withdrawals: "withdrawal",
  withdraw: "withdrawal",
  income: "income",
  dividend: "income",
  dividends: "income",
  interest: "income",
};

export type FlowKind = "deposit" | "withdrawal" | "income";

export interface CashFlow {
  /** Sheet row. */
  row: number;
  /** Excel serial day. */
  date: number;
  kind: FlowKind;
  /**
   * Deposits and withdrawals: the amount, above 0 (the kind gives the direction).
   * Income: signed (interest charged lowers income).
   */
  cents: number;
  /** Planned = Y / N; null when the table has no Planned column or the cell is blank. */
  planned: boolean | null;
}

export interface CashFlowReading {
  flows: CashFlow[];
  problems: IncomeProblem[];
  notes: string[];
}

function mapFlowColumns(header: readonly Cell[]): Partial<Record<FlowField, number>> {
  const normalized = header.map(normalizeHeader);
  const out: Partial<Record<FlowField, number>> = {};
  for (const field of Object.keys(CASHFLOW_HEADERS) as FlowField[]) {
    for (const word of CASHFLOW_HEADERS[field]) {
      const i = normalized.indexOf(word);
      if (i >= 0 && !Object.values(out).includes(i)) {
        out[field] = i;
        break;
      }
    }
  }
  return out;
}

/** True when a table that is not named CashFlows still reads as one: its headers map to date, amount and kind. */
export function looksLikeCashFlows(header: readonly Cell[]): boolean {
  const c = mapFlowColumns(header);
  return c.date !== undefined && c.amount !== undefined && c.kind !== undefined;
}

/** Reads a cash-flow table; a row that cannot be read is a problem, left out, never zero. */
export function readCashFlows(table: TableData): CashFlowReading {
  const flows: CashFlow[] = [];
  const problems: IncomeProblem[] = [];
  const notes: string[] = [];
  const cols = mapFlowColumns(table.header);
  const where = table.source ? `the ${table.source.name ?? "cash-flow"} table on sheet '${table.source.sheet}'` : "the cash-flow table";
  for (const field of ["date", "amount"] as const) {
    if (cols[field] === undefined) {
      problems.push({ row: null, column: null, cell: null, message: `${where} has no ${field} column: name one ${CASHFLOW_HEADERS[field][0][0].toUpperCase()}${CASHFLOW_HEADERS[field][0].slice(1)}; no cash flow is read` });
    }
  }
  if (problems.length > 0) return { flows, problems, notes };
  if (cols.kind === undefined) notes.push("Cash flows: no Kind column, so a negative amount is a withdrawal and a positive one a deposit");

  const rowNumbers = table.rowNumbers;
  table.rows.forEach((cells, i) => {
    if (cells.every((c) => isBlank(c))) return;
    const row = rowNumbers?.[i] ?? table.headerRow + 1 + i;
    const header = (c: number) => String(table.header[c] ?? "").trim();
    const at = (c: number) => `${columnLetters(table.firstColumn + c)}${row}`;
    const rowProblems: IncomeProblem[] = [];
    const problem = (c: number, message: string) => rowProblems.push({ row, column: header(c), cell: at(c), message });

    const dateCell = cells[cols.date!] ?? null;
    const date = parseDate(dateCell);
    if (!date.ok) problem(cols.date!, `the cash flow's date ${showCell(dateCell)} cannot be read`);
    const amountCell = cells[cols.amount!] ?? null;
    const amount = parseNumber(amountCell);
    if (!amount.ok) problem(cols.amount!, `the cash flow's amount ${showCell(amountCell)} is not a number`);

    let kind: FlowKind | null = null;
    const kindCell = cols.kind === undefined ? null : (cells[cols.kind] ?? null);
    if (cols.kind !== undefined && !isBlank(kindCell)) {
      kind = KIND_WORDS[squash(kindCell)] ?? null;
      if (kind === null) problem(cols.kind, `kind ${showCell(kindCell)} is not Deposit, Withdrawal or Income`);
    }
    if (rowProblems.length > 0 || !amount.ok || !date.ok) {
      problems.push(...rowProblems);
      return;
    }
    const cents = Math.round(amount.value * 100);
    if (cents === 0) return;
    if (kind === null && isBlank(kindCell)) {
      if (cents < 0) kind = "withdrawal";
      else if (cols.kind === undefined) kind = "deposit";
      else {
        problems.push({ row, column: header(cols.kind), cell: at(cols.kind), message: "the kind is empty: write Deposit, Withdrawal or Income" });
        return;
      }
    }
    if (kind === "deposit" && cents < 0) {
      problems.push({ row, column: header(cols.amount!), cell: at(cols.amount!), message: `a deposit of ${showCell(amountCell)} is below 0: make it a Withdrawal or make the amount positive` });
      return;
    }

    let planned: boolean | null = null;
    if (cols.planned !== undefined) {
      const p = cells[cols.planned] ?? null;
      if (!isBlank(p)) {
        planned = readYesNo(p);
        if (planned === null) {
          problems.push({
            row,
            column: header(cols.planned),
            cell: at(cols.planned),
            message: `Planned ${showCell(p)} is not Y or N: the flow is counted, and listed as unplanned until it says`,
          });
          planned = false;
        }
      }
    }
    flows.push({ row, date: date.value, kind: kind!, cents: kind === "income" ? cents : Math.abs(cents), planned });
  });
  return { flows, problems, notes };
}

/** Deposits less withdrawals dated after `after` and on or before `upTo` (Income stays in the account: not a flow). */
export function netFlowsBetween(flows: readonly CashFlow[], after: number, upTo: number): number {
  let net = 0;
  for (const f of flows) {
    if (f.date <= after || f.date > upTo) continue;
    if (f.kind === "deposit") net += f.cents;
    else if (f.kind === "withdrawal") net -= f.cents;
  }
  return net;
}

/** Deposits dated after `after` and on or before `upTo`. */
export function depositsBetween(flows: readonly CashFlow[], after: number, upTo: number): number {
  return flows.reduce((sum, f) => (f.kind === "deposit" && f.date > after && f.date <= upTo ? sum + f.cents : sum), 0);
}
