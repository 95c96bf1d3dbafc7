import { TableData } from "./types";
import { CashFlow, readCashFlows } from "./cashflows";
import { computeDiscipline, DisciplineFigures } from "./discipline";
import { computeIncome, IncomeFigures } from "./income";
import { IncomeInputError, IncomeSettings, RawIncomeInputs, readIncomeInputs } from "./income-inputs";
import { IncomeEvent, IncomeProblem, IncomeRowFacts, LedgerEntry, ledgerIncome, mapIncomeColumns, openStrategies, tableIncome } from "./income-table";
import { LogEntry, readReviewLog } from "./review-log";

/**
 * The income and discipline half of a review in one call, from what the rest of the review
 * already has: the validated account figures, the row reader's decisions and the own tables.
 */
export interface IncomeReviewRequest {
  /** Review date D, an Excel serial day. */
  asOf: number;
  /** The income defined names (flags and formula arguments already applied). */
  inputs: RawIncomeInputs;
  accountCents: number | null;
  cashCents: number | null;
  exposureCents: number;
  highVixCap: number | null;
  concentrationLimit: number | null;
  /** Underlyings with exposure now. */
  underlyings: number;
  /** The position table with the row reader's decisions; `taken` lists the columns it reads. */
  positions?: { table: TableData; facts: readonly IncomeRowFacts[]; taken?: readonly number[] } | null;
  /** A transaction history's ledger: when given, its trades are the income and the premium columns are not read. */
  ledger?: readonly LedgerEntry[] | null;
  cashFlows?: TableData | null;
  reviewLog?: TableData | null;
  /** The strategies open now, when no position facts are given. */
  strategies?: readonly string[];
}

export interface IncomeReview {
  settings: IncomeSettings;
  inputErrors: IncomeInputError[];
  income: IncomeFigures;
  discipline: DisciplineFigures;
  events: IncomeEvent[];
  flows: CashFlow[];
  log: LogEntry[];
  strategies: string[];
  notes: string[];
}

export function buildIncomeReview(req: IncomeReviewRequest): IncomeReview {
  const { settings, errors } = readIncomeInputs(req.inputs);
  const notes: string[] = [];
  const problems: IncomeProblem[] = [];
  let events: IncomeEvent[] = [];
  let strategies: string[] = [...(req.strategies ?? [])].map((s) => s.toLowerCase()).sort();

  if (req.positions) {
    const { table, facts, taken } = req.positions;
    const columns = mapIncomeColumns(table.header, settings.premiumPerShare, taken);
    if (req.ledger) notes.push("Income: read from the transaction history's trades");
    else {
      const read = tableIncome(table, facts, columns);
      events = read.events;
      problems.push(...read.problems);
      notes.push(...columns.notes, ...read.notes);
      if (!columns.openPremium && !columns.closingCost) notes.push("Income: the position table has no premium column");
    }
    if (!req.strategies) strategies = openStrategies(table, facts, columns.strategy);
  }
  if (req.ledger) events = ledgerIncome(req.ledger);

  let flows: CashFlow[] = [];
  if (req.cashFlows) {
    const read = readCashFlows(req.cashFlows);
    flows = read.flows;
    problems.push(...read.problems);
    notes.push(...read.notes);
  }
  let log: LogEntry[] = [];
  if (req.reviewLog) {
    const read = readReviewLog(req.reviewLog);
    log = read.entries;
    notes.push(...read.notes);
  }

  const income = computeIncome({ asOf: req.asOf, settings, accountCents: req.accountCents, cashCents: req.cashCents, events, flows, log, problems });
  const discipline = computeDiscipline({
    asOf: req.asOf,
    log,
    flows,
    now: {
      accountCents: req.accountCents,
      exposureCents: req.exposureCents,
      highVixCap: req.highVixCap,
      concentrationLimit: req.concentrationLimit,
      underlyings: req.underlyings,
      strategies,
    },
    income,
  });
  notes.push(...income.notes, ...discipline.notes);
  return { settings, inputErrors: errors, income, discipline, events, flows, log, strategies, notes };
}
