import { TableData } from "./types";
import { CashFlow, netFlowsBetween, readCashFlows } from "./cashflows";
import { computeDiscipline, DisciplineFigures } from "./discipline";
import { computeIncome, IncomeFigures } from "./income";
import { INCOME_NAMES, IncomeInputError, IncomeSettings, RawIncomeInputs, readIncomeInputs } from "./income-inputs";
import {
  IncomeEvent,
  IncomeProblem,
  IncomeRowFacts,
  LedgerEntry,
  ledgerIncome,
  mapIncomeColumns,
  openStrategies,
  readLedgerTable,
  tableIncome,
} from "./income-table";
import { LogEntry, readReviewLogs } from "./review-log";
import { isBlank } from "./cells";

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
  /** The BrokerLedger table an import wrote: the income when the position table is no history. */
  ledgerTable?: TableData | null;
  cashFlows?: TableData | null;
  /** The Review Log tables (ReviewLog, and the writer's own AG_ReviewLog when it had to use one). */
  reviewLogs?: readonly TableData[];
  /** One Review Log table (tests and callers with one log). */
  reviewLog?: TableData | null;
  /** The strategies open now, when no position facts are given. */
  strategies?: readonly string[];
}

/** Where the income figures came from, for a host to say so (and to tell an unused income half from a zero one). */
export interface IncomeSources {
  /** The opening-premium column read, or null. */
  premiumColumn: string | null;
  /** "history": the position table's own trades; "BrokerLedger": an imported ledger; null: neither. */
  ledger: "history" | "BrokerLedger" | null;
  cashFlows: boolean;
  /** Review Log rows read. */
  logRows: number;
}

/**
 * The income section of a Review (money in cents): every figure of INCOME.md, the settings they
 * used, and what a host needs to draw them.
 */
export interface ReviewIncome extends IncomeFigures {
  settings: IncomeSettings;
  sources: IncomeSources;
  /** False when the workbook gives no income at all and no income name is set: hosts may fold the section away. */
  inUse: boolean;
  /** Lower-case strategies open now, as the log row records them. */
  strategies: string[];
  /** Deposits less withdrawals since the previous Review Log row (this review's log row); null without a previous row. */
  netFlowsCents: number | null;
  events: IncomeEvent[];
  flows: CashFlow[];
  log: LogEntry[];
}

export interface IncomeReview {
  settings: IncomeSettings;
  inputErrors: IncomeInputError[];
  income: ReviewIncome;
  discipline: DisciplineFigures;
  events: IncomeEvent[];
  flows: CashFlow[];
  log: LogEntry[];
  strategies: string[];
  /** Income notes, then discipline notes. */
  notes: string[];
}

export function buildIncomeReview(req: IncomeReviewRequest): IncomeReview {
  const { settings, errors } = readIncomeInputs(req.inputs);
  const notes: string[] = [];
  const problems: IncomeProblem[] = [];
  let events: IncomeEvent[] = [];
  let strategies: string[] = [...(req.strategies ?? [])].map((s) => s.toLowerCase()).sort();
  const sources: IncomeSources = { premiumColumn: null, ledger: null, cashFlows: false, logRows: 0 };

  let ledger: readonly LedgerEntry[] | null = req.ledger ?? null;
  if (ledger) sources.ledger = "history";
  else if (req.ledgerTable) {
    const read = readLedgerTable(req.ledgerTable);
    ledger = read.ledger;
    problems.push(...read.problems);
    sources.ledger = "BrokerLedger";
  }

  if (req.positions) {
    const { table, facts, taken } = req.positions;
    const columns = mapIncomeColumns(table.header, settings.premiumPerShare, taken);
    if (sources.ledger === "history") notes.push("Income: read from the transaction history's trades");
    else if (sources.ledger === "BrokerLedger") notes.push("Income: read from the BrokerLedger table's trades, not from the position table's premium columns");
    else {
      const read = tableIncome(table, facts, columns);
      events = read.events;
      problems.push(...read.problems);
      notes.push(...columns.notes, ...read.notes);
      sources.premiumColumn = columns.openPremium?.header ?? null;
      if (!columns.openPremium && !columns.closingCost) notes.push("Income: the position table has no premium column");
    }
    if (!req.strategies) strategies = openStrategies(table, facts, columns.strategy);
  }
  if (ledger) events = ledgerIncome(ledger);

  let flows: CashFlow[] = [];
  if (req.cashFlows) {
    const read = readCashFlows(req.cashFlows);
    flows = read.flows;
    problems.push(...read.problems);
    notes.push(...read.notes);
    sources.cashFlows = true;
  }
  const logTables = [...(req.reviewLogs ?? []), ...(req.reviewLog ? [req.reviewLog] : [])];
  const logRead = readReviewLogs(logTables);
  const log = logRead.entries;
  notes.push(...logRead.notes);
  sources.logRows = log.length;

  const figures = computeIncome({ asOf: req.asOf, settings, accountCents: req.accountCents, cashCents: req.cashCents, events, flows, log, problems });
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
    income: figures,
  });

  const namesSet = (Object.keys(INCOME_NAMES) as (keyof typeof INCOME_NAMES)[]).some((k) => !isBlank(req.inputs[k] ?? null));
  const inUse = namesSet || sources.premiumColumn !== null || sources.ledger !== null || sources.cashFlows || events.length > 0;
  // A workbook that tracks no income is not asked for an income target at every review.
  const inputErrors = inUse ? errors : errors.filter((e) => e.input !== INCOME_NAMES.incomeTarget || !isBlank(req.inputs.incomeTarget ?? null));
  if (!inUse) notes.push("Income: no premium column, ledger, CashFlows table or income setting: set IncomeTarget and add a premium column to see the income figures");

  const previous = [...log].reverse().find((e) => e.date <= req.asOf) ?? null;
  const income: ReviewIncome = {
    ...figures,
    notes: [...notes, ...figures.notes],
    settings,
    sources,
    inUse,
    strategies,
    netFlowsCents: previous ? netFlowsBetween(flows, previous.date, req.asOf) : null,
    events,
    flows,
    log,
  };
  return { settings, inputErrors, income, discipline, events, flows, log, strategies, notes: [...income.notes, ...discipline.notes] };
}
