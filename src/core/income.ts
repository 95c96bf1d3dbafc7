import { firstDayOfMonth, monthLabel, monthOf } from "./calendar";
import { CashFlow, depositsBetween } from "./cashflows";
import { IncomeEvent, IncomeProblem } from "./income-table";
import { assignmentCashCents, IncomeSettings, shareOfCents, toPpm } from "./income-inputs";
import { LogEntry } from "./review-log";

/** INCOME.md "The figures", as of the review date D. Money in whole cents. */

export interface IncomeRequest {
  /** Review date D, an Excel serial day. */
  asOf: number;
  settings: IncomeSettings;
  /** AccountValue now, or null when unusable. */
  accountCents: number | null;
  /** Cash now, or null when unusable. */
  cashCents: number | null;
  /** Premium, closing costs, fees and trades (tableIncome, ledgerIncome). */
  events: readonly IncomeEvent[];
  flows: readonly CashFlow[];
  /** The Review Log history, oldest first (readReviewLog). */
  log: readonly LogEntry[];
  /** Cells whose income could not be read (listed, never zero). */
  problems?: readonly IncomeProblem[];
}

export interface MonthIncome {
  /** "2025-11". */
  month: string;
  cents: number;
}

export type CapitalTest = "kept" | "not kept" | "unknown";

export interface IncomeFigures {
  /** The 12 complete months before D's month, oldest first. */
  months: MonthIncome[];
  monthToDateCents: number;
  t12Cents: number;
  /** T12 / 12 rounded down to the cent, always divided by 12. */
  averageMonthCents: number;
  historyMonths: number;
  predictable: boolean;
  fragileReasons: string[];
  /** Average month / IncomeTarget; null without an IncomeTarget. */
  coverage: number | null;
  /** The sustainable withdrawal; null when CSP_PayoutRatio is unusable. */
  ceilingCents: number | null;
  capitalTest: CapitalTest;
  /** The Review Log row the capital test used, if any. */
  capitalTestRow: LogEntry | null;
  withdrawalCents: number | null;
  /** Planned withdrawal above the ceiling; 0 when within; null when either is unknown. */
  overCeilingCents: number | null;
  /** Withdrawals taken in the 12 complete months (CashFlows). */
  withdrawnT12Cents: number;
  /** True when withdrawnT12 is above 12 x the ceiling. */
  withdrawnOverCeiling: boolean | null;
  /** Withdrawals with Planned = N, from the first of the 12 months up to D. */
  unplannedWithdrawals: CashFlow[];
  /** Raise above (1 + CSP_MaxRaise) x the lowest planned withdrawal of the log's last 365 days. */
  raisedTooFast: { lowestCents: number; row: number } | null;
  /** Raise above the previous log row's while coverage is below 1 or the reserve is short. */
  raisedWhileShort: { previousCents: number; row: number; because: string } | null;
  /** IncomeTarget, the line the monthly bars are drawn against; null when not set. */
  incomeTargetCents: number | null;
  /** The reserve held, and the months of withdrawals it should hold (CSP_ReserveMonths). */
  reserveCents: number | null;
  reserveTargetMonths: number | null;
  /** Withdrawal x CSP_ReserveMonths, rounded up to the cent: the reserve's target in dollars. */
  reserveTargetCents: number | null;
  /** Reserve / Withdrawal, rounded down to 2 decimals; null when no withdrawal is planned. */
  reserveMonths: number | null;
  /** Null when it cannot be told. */
  reserveShort: boolean | null;
  reserveShortfallCents: number | null;
  assignmentCashCents: number | null;
  /** Withdrawal / IncomeTarget, and ceiling / IncomeTarget. */
  incomeReplaced: { withdrawal: number | null; sustainable: number | null };
  problems: IncomeProblem[];
  notes: string[];
}

/** "$1,458.33", "-$400" (cents shown only when there are some). */
export function formatDollars(cents: number): string {
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const part = abs % 100 === 0 ? "" : `.${String(abs % 100).padStart(2, "0")}`;
  return `${cents < 0 ? "-" : ""}$${whole}${part}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Income per month number (events plus Income cash flows), over days up to and including D.
 * Days repeat (a table's rows share dates), so each day's month is looked up once.
 */
function incomeByMonth(events: readonly IncomeEvent[], flows: readonly CashFlow[], asOf: number): Map<number, number> {
  const byMonth = new Map<number, number>();
  let lastDay = NaN;
  let lastMonth = 0;
  const add = (date: number, cents: number) => {
    if (date > asOf) return;
    if (date !== lastDay) {
      lastDay = date;
      lastMonth = monthOf(date);
    }
    byMonth.set(lastMonth, (byMonth.get(lastMonth) ?? 0) + cents);
  };
  for (const e of events) add(e.date, e.cents);
  for (const f of flows) if (f.kind === "income") add(f.date, f.cents);
  return byMonth;
}

/** Income over the `count` complete months before D's month (=CSP.INCOME([months])). */
export function incomeOverMonths(events: readonly IncomeEvent[], flows: readonly CashFlow[], asOf: number, count: number): number {
  const byMonth = incomeByMonth(events, flows, asOf);
  const current = monthOf(asOf);
  let sum = 0;
  for (let m = current - count; m < current; m++) sum += byMonth.get(m) ?? 0;
  return sum;
}

/** INCOME.md figures 1-3: the months, T12, the average month, history and predictability. */
function monthlyFigures(events: readonly IncomeEvent[], flows: readonly CashFlow[], asOf: number) {
  const byMonth = incomeByMonth(events, flows, asOf);
  const current = monthOf(asOf);
  const months: MonthIncome[] = [];
  for (let m = current - 12; m < current; m++) months.push({ month: monthLabel(m), cents: byMonth.get(m) ?? 0 });
  const t12Cents = months.reduce((s, m) => s + m.cents, 0);
  const averageMonthCents = Math.floor(t12Cents / 12);

  let earliest = Infinity;
  for (const e of events) if (e.date <= asOf && e.date < earliest) earliest = e.date;
  for (const f of flows) if (f.kind === "income" && f.date <= asOf && f.date < earliest) earliest = f.date;
  const first = earliest === Infinity ? null : monthOf(earliest);
  const historyMonths = first === null ? 0 : Math.max(0, Math.min(12, current - first));

  const fragileReasons: string[] = [];
  if (historyMonths < 12) fragileReasons.push(`${plural(historyMonths, "month")} of history`);
  const losing = months.filter((m) => m.cents < 0).length;
  if (losing > 0) fragileReasons.push(`${plural(losing, "losing month")}`);
  else if (historyMonths > 0) {
    // Months before the first income are not months of the strategy: the history reason covers them.
    const lowest = Math.min(...months.slice(12 - historyMonths).map((m) => m.cents));
    if (2 * lowest < averageMonthCents) fragileReasons.push(`lowest month ${formatDollars(lowest)} is under half the average`);
  }
  return { months, monthToDateCents: byMonth.get(current) ?? 0, t12Cents, averageMonthCents, historyMonths, fragileReasons };
}

/** Days before D - 365 that a log row may lie and still stand for "12 months ago". */
export const CAPITAL_TEST_WINDOW_DAYS = 35;

/**
 * Figure 5's capital test: the account now against the account 12 months ago (the Review Log row
 * dated closest to D - 365, on or before it, at most 35 days before it) plus the deposits since.
 */
export function capitalTest(
  asOf: number,
  accountCents: number | null,
  log: readonly LogEntry[],
  flows: readonly CashFlow[],
): { result: CapitalTest; row: LogEntry | null; note: string } {
  const target = asOf - 365;
  let row: LogEntry | null = null;
  for (const e of log) {
    if (e.accountCents === null || e.date > target || e.date < target - CAPITAL_TEST_WINDOW_DAYS) continue;
    if (row === null || e.date >= row.date) row = e;
  }
  if (row === null) {
    return {
      result: "unknown",
      row: null,
      note: `Capital test unknown: no Review Log row with an account value dated from ${CAPITAL_TEST_WINDOW_DAYS} days before D - 365 days up to it`,
    };
  }
  if (accountCents === null) return { result: "unknown", row, note: "Capital test unknown: set AccountValue" };
  const deposits = depositsBetween(flows, row.date, asOf);
  const kept = accountCents >= row.accountCents! + deposits;
  return {
    result: kept ? "kept" : "not kept",
    row,
    note: kept
      ? `Capital test kept: account ${formatDollars(accountCents)} is at least ${formatDollars(row.accountCents!)} (Review Log row ${row.row}) plus deposits ${formatDollars(deposits)}`
      : `Capital test not kept: account ${formatDollars(accountCents)} is below ${formatDollars(row.accountCents!)} (Review Log row ${row.row}) plus deposits ${formatDollars(deposits)}, so the sustainable withdrawal is 0`,
  };
}

/** a x b, compared with c x (1 + fraction), exactly: true when a > c x (1 + fraction). */
function aboveRaised(cents: number, baseCents: number, fraction: number): boolean {
  return BigInt(cents) * 1_000_000n > BigInt(baseCents) * (1_000_000n + toPpm(fraction));
}

/** Every figure of INCOME.md "The figures" as of D. */
export function computeIncome(req: IncomeRequest): IncomeFigures {
  const { asOf, settings: s } = req;
  const notes: string[] = [];
  const monthly = monthlyFigures(req.events, req.flows, asOf);
  const future = req.events.filter((e) => e.date > asOf).length + req.flows.filter((f) => f.date > asOf).length;
  if (future > 0) notes.push(`Income: ${plural(future, "amount")} dated after the review date ${future === 1 ? "is" : "are"} left out`);

  const target = s.incomeTargetCents;
  const coverage = target === null ? null : monthly.averageMonthCents / target;

  const cap = capitalTest(asOf, req.accountCents, req.log, req.flows);
  notes.push(cap.note);
  let ceilingCents: number | null = null;
  if (s.payoutRatio !== null) {
    ceilingCents = cap.result === "not kept" ? 0 : Math.max(0, shareOfCents(monthly.averageMonthCents, s.payoutRatio));
  }

  const w = s.withdrawalCents;
  const overCeilingCents = w === null || ceilingCents === null ? null : Math.max(0, w - ceilingCents);

  const windowStart = firstDayOfMonth(monthOf(asOf) - 12);
  const monthStart = firstDayOfMonth(monthOf(asOf));
  const withdrawals = req.flows.filter((f) => f.kind === "withdrawal");
  const withdrawnT12Cents = withdrawals.filter((f) => f.date >= windowStart && f.date < monthStart).reduce((sum, f) => sum + f.cents, 0);
  const withdrawnOverCeiling = ceilingCents === null ? null : withdrawnT12Cents > 12 * ceilingCents;
  const unplannedWithdrawals = withdrawals.filter((f) => f.planned === false && f.date >= windowStart && f.date <= asOf);

  const reserve = reserveFigures(s);
  const { reserveShort } = reserve;

  // Figure 7: raises, against the log rows up to D.
  const past = req.log.filter((e) => e.date <= asOf);
  let raisedTooFast: IncomeFigures["raisedTooFast"] = null;
  if (w !== null && s.maxRaise !== null) {
    let lowest: LogEntry | null = null;
    for (const e of past) {
      if (e.date < asOf - 365 || e.withdrawalCents === null) continue;
      if (lowest === null || e.withdrawalCents < lowest.withdrawalCents!) lowest = e;
    }
    if (lowest && aboveRaised(w, lowest.withdrawalCents!, s.maxRaise)) raisedTooFast = { lowestCents: lowest.withdrawalCents!, row: lowest.row };
  }
  let raisedWhileShort: IncomeFigures["raisedWhileShort"] = null;
  const previous = past.length > 0 ? past[past.length - 1] : null;
  if (w !== null && previous && previous.withdrawalCents !== null && w > previous.withdrawalCents) {
    const because: string[] = [];
    if (target !== null && monthly.averageMonthCents < target) because.push("income covers less than the target");
    if (reserveShort) because.push("the reserve is short");
    if (because.length > 0) raisedWhileShort = { previousCents: previous.withdrawalCents, row: previous.row, because: because.join(" and ") };
  }

  return {
    ...monthly,
    predictable: monthly.fragileReasons.length === 0,
    coverage,
    ceilingCents,
    capitalTest: cap.result,
    capitalTestRow: cap.row,
    withdrawalCents: w,
    overCeilingCents,
    withdrawnT12Cents,
    withdrawnOverCeiling,
    unplannedWithdrawals,
    raisedTooFast,
    raisedWhileShort,
    incomeTargetCents: target,
    reserveCents: s.reserveCents,
    reserveTargetMonths: s.reserveMonths,
    ...reserve,
    assignmentCashCents: assignmentCashCents(req.cashCents, s),
    incomeReplaced: {
      withdrawal: target === null || w === null ? null : w / target,
      sustainable: target === null || ceilingCents === null ? null : ceilingCents / target,
    },
    problems: [...(req.problems ?? [])],
    notes,
  };
}

/**
 * Figure 8, the reserve runway: Reserve / Withdrawal in months (rounded down to 2 decimals; none
 * without a planned withdrawal), short when below CSP_ReserveMonths, with the shortfall in cents.
 */
export function reserveFigures(s: IncomeSettings): Pick<IncomeFigures, "reserveMonths" | "reserveShort" | "reserveShortfallCents" | "reserveTargetCents"> {
  const w = s.withdrawalCents;
  const out: ReturnType<typeof reserveFigures> = { reserveMonths: null, reserveShort: null, reserveShortfallCents: null, reserveTargetCents: null };
  if (w === null || s.reserveCents === null) return out;
  if (w === 0) return { ...out, reserveShort: false, reserveShortfallCents: 0, reserveTargetCents: 0 };
  out.reserveMonths = Math.floor((s.reserveCents * 100) / w) / 100;
  if (s.reserveMonths !== null) {
    // Months of withdrawals, rounded up to the cent: the reserve is never told it holds more than it does.
    const product = BigInt(w) * toPpm(s.reserveMonths);
    const required = Number((product + 999_999n) / 1_000_000n);
    out.reserveTargetCents = required;
    out.reserveShort = s.reserveCents < required;
    out.reserveShortfallCents = Math.max(0, required - s.reserveCents);
  }
  return out;
}

/**
 * =CSP.CANWITHDRAW(amount): TRUE when this month's withdrawals so far plus the amount stay
 * within the ceiling; null when the ceiling is unknown.
 */
export function canWithdraw(figures: IncomeFigures, flows: readonly CashFlow[], asOf: number, amountCents: number): boolean | null {
  if (figures.ceilingCents === null) return null;
  const monthStart = firstDayOfMonth(monthOf(asOf));
  const soFar = flows.filter((f) => f.kind === "withdrawal" && f.date >= monthStart && f.date <= asOf).reduce((s, f) => s + f.cents, 0);
  return soFar + amountCents <= figures.ceilingCents;
}
