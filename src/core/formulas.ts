import { Cell, ColumnOverrides, RawInputs, Review, TableData } from "./types";
import { buildReview } from "./review";
import {
  canSellPut,
  checkHighVixCap,
  DEFAULT_HIGH_VIX_CAP,
  MAX_DOLLARS,
  maxContracts,
  toDollars,
  vixCap,
} from "./rules";
import { isBlank, parseFraction } from "./cells";
import { incomeOverMonths, canWithdraw, reserveFigures } from "./income";
import { INCOME_NAMES, readIncomeInputs } from "./income-inputs";

/**
 * The CSP formulas as pure functions. Hosts (Excel's custom functions, tests) supply the
 * workbook's table and inputs; arguments given to a formula override them for that call.
 * Errors carry the kind Excel shows (#VALUE!, #NUM!, #N/A) and a message saying what to fix.
 */
export type FormulaErrorKind = "value" | "num" | "na";
export interface FormulaError {
  kind: FormulaErrorKind;
  message: string;
}
export type FormulaResult<T> = { ok: true; value: T } | { ok: false; error: FormulaError };

/** What the workbook holds, as far as the formulas need it. */
export interface WorkbookContext {
  /** The position table, or null when the workbook has none. */
  table: TableData | null;
  inputs: RawInputs;
  overrides?: ColumnOverrides;
  asOf: number;
  /** The tables income reads (src/host/workbook-host.ts WorkbookSnapshot). */
  cashFlows?: TableData | null;
  reviewLogs?: readonly TableData[];
  brokerLedger?: TableData | null;
}

export const NO_TABLE_MESSAGE = "no position table: name a table Positions or pick one in the task pane";

const fail = <T>(kind: FormulaErrorKind, message: string): FormulaResult<T> => ({ ok: false, error: { kind, message } });
const ok = <T>(value: T): FormulaResult<T> => ({ ok: true, value });

/** An omitted argument: Excel passes null; JavaScript callers may pass undefined. */
function omitted(arg: unknown): boolean {
  return arg === null || arg === undefined || (typeof arg === "string" && arg.trim() === "");
}

/** Reads a numeric argument Excel handed over; text and booleans are #VALUE!, NaN and Infinity #NUM!. */
function numberArg(arg: unknown, name: string): FormulaResult<number> {
  if (typeof arg !== "number") return fail("value", `${name} must be a number`);
  if (!Number.isFinite(arg)) return fail("num", `${name} must be a finite number`);
  return ok(arg);
}

/** A range argument (header row included) turned into a table; row numbers count from the range's first row. */
export function tableFromRange(range: unknown): FormulaResult<TableData> {
  if (!Array.isArray(range) || range.length === 0 || !range.every((r) => Array.isArray(r))) {
    return fail("value", "positions must be a range with a header row, such as Positions[#All]");
  }
  const cells = (range as unknown[][]).map((r) => r.map(toCell));
  return ok({ header: cells[0], rows: cells.slice(1), headerRow: 1, firstColumn: 1 });
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

// One recalculation wave evaluates many formulas over the same table snapshot: review it once
// per distinct set of inputs. Keyed on the snapshot's objects, so a new snapshot starts afresh.
const reviews = new WeakMap<TableData, Map<string, { review: Review; ctx: WorkbookContext }>>();
function memoReview(table: TableData, inputs: RawInputs, ctx: WorkbookContext): Review {
  const key = JSON.stringify([inputs, ctx.overrides ?? null, ctx.asOf]);
  let perTable = reviews.get(table);
  if (!perTable) {
    perTable = new Map();
    reviews.set(table, perTable);
  }
  const hit = perTable.get(key);
  // The income tables come with the position table in one snapshot; compared by identity all the same.
  if (hit && hit.ctx.cashFlows === ctx.cashFlows && hit.ctx.reviewLogs === ctx.reviewLogs && hit.ctx.brokerLedger === ctx.brokerLedger) return hit.review;
  const review = buildReview({
    table,
    inputs,
    overrides: ctx.overrides,
    asOf: ctx.asOf,
    cashFlows: ctx.cashFlows ?? null,
    reviewLogs: ctx.reviewLogs ?? [],
    brokerLedger: ctx.brokerLedger ?? null,
  });
  if (perTable.size > 64) perTable.clear();
  perTable.set(key, { review, ctx });
  return review;
}

/** Builds the review behind a formula: the range argument if given, else the workbook's table. */
function reviewFor(ctx: WorkbookContext, positions: unknown, inputs: RawInputs): FormulaResult<Review> {
  let table: TableData | null = ctx.table;
  let where = "";
  if (!omitted(positions)) {
    const t = tableFromRange(positions);
    if (!t.ok) return t;
    table = t.value;
    where = " of the positions range";
  }
  if (table === null) return fail("na", NO_TABLE_MESSAGE);
  const review = memoReview(table, inputs, ctx);
  if (review.reading.problems.length > 0) return fail("na", review.reading.problems[0]);
  const bad = review.rows.find((r) => r.status === "error");
  if (bad && bad.status === "error") {
    const p = bad.problems[0];
    const count = review.errorRowCount;
    const more = count > 1 ? ` (and ${count - 1} more error rows)` : "";
    // An unreadable row might be a put: a total that silently left it out would understate the risk.
    return fail("value", `row ${bad.row}${where}, ${p.column}: ${p.message}${more}`);
  }
  return ok(review);
}

function withOverrides(ctx: WorkbookContext, accountValue: unknown, vix: unknown): FormulaResult<RawInputs> {
  const inputs: RawInputs = { ...ctx.inputs };
  if (!omitted(accountValue)) {
    const a = numberArg(accountValue, "accountValue");
    if (!a.ok) return a;
    if (a.value <= 0) return fail("num", "accountValue must be above 0");
    if (a.value > MAX_DOLLARS) return fail("num", "accountValue is too large to be an account value");
    inputs.accountValue = a.value;
  }
  if (!omitted(vix)) {
    const v = numberArg(vix, "vix");
    if (!v.ok) return fail(v.error.kind, "VIX must be a number above 0");
    if (v.value <= 0) return fail("num", "VIX must be a number above 0");
    inputs.vix = v.value;
  }
  return ok(inputs);
}

/** The budget of a review, or the error that says which input to set. */
function budgetOf(review: Review): FormulaResult<number> {
  if (review.budgetCents !== null) return ok(review.budgetCents);
  const order = ["AccountValue", "VIX", "HighVixCap"];
  const first = review.inputErrors
    .filter((e) => order.includes(e.input))
    .sort((a, b) => order.indexOf(a.input) - order.indexOf(b.input))[0];
  return fail(first && first.input === "HighVixCap" ? "num" : "na", first ? first.message : "set AccountValue and VIX");
}

function strikeArg(strike: unknown): FormulaResult<number> {
  if (omitted(strike)) return fail("value", "strike is required");
  const s = numberArg(strike, "strike");
  if (!s.ok) return s;
  if (s.value <= 0) return fail("num", "strike must be a price above 0");
  if (s.value > 1e9) return fail("num", "strike is too large to be a real strike");
  return s;
}

/** =CSP.ASSIGNMENTEXPOSURE([positions]): the sum of strike x multiplier x contracts over open short puts, in dollars. */
export function assignmentExposure(ctx: WorkbookContext, positions?: unknown): FormulaResult<number> {
  const review = reviewFor(ctx, positions, ctx.inputs);
  return review.ok ? ok(toDollars(review.value.exposureCents)) : review;
}

/** =CSP.VIXCAP(vix, [highVixCap]): the VIX cap as a fraction. */
export function vixCapFormula(ctx: Pick<WorkbookContext, "inputs">, vix: unknown, highVixCap?: unknown): FormulaResult<number> {
  if (omitted(vix)) return fail("value", "VIX must be a number above 0");
  const v = numberArg(vix, "VIX");
  if (!v.ok || v.value <= 0) return fail(v.ok ? "num" : v.error.kind, "VIX must be a number above 0");
  let high = DEFAULT_HIGH_VIX_CAP;
  if (!omitted(highVixCap)) {
    const h = numberArg(highVixCap, "highVixCap");
    if (!h.ok) return fail(h.error.kind, "highVixCap must be a fraction from 0.45 to 0.50");
    high = h.value;
  } else if (!isBlank(ctx.inputs.highVixCap ?? null)) {
    const stored = parseFraction(ctx.inputs.highVixCap ?? null);
    if (!stored.ok) return fail("num", "The stored high-VIX cap is not a number: use 0.45 to 0.50");
    high = stored.value;
  }
  const checked = checkHighVixCap(high);
  if (!checked.ok) return fail("num", checked.message);
  const cap = vixCap(v.value, checked.value);
  return cap.ok ? ok(cap.value) : fail("num", cap.message);
}

/** Exposure and budget after the arguments' overrides: what HEADROOM, CANSELLPUT and MAXCONTRACTS compare. */
function exposureAndBudget(
  ctx: WorkbookContext,
  accountValue: unknown,
  vix: unknown,
  positions: unknown,
): FormulaResult<{ exposure: number; budget: number }> {
  const inputs = withOverrides(ctx, accountValue, vix);
  if (!inputs.ok) return inputs;
  const review = reviewFor(ctx, positions, inputs.value);
  if (!review.ok) return review;
  const budget = budgetOf(review.value);
  if (!budget.ok) return budget;
  return ok({ exposure: review.value.exposureCents, budget: budget.value });
}

/** =CSP.HEADROOM([accountValue], [vix], [positions]): budget - exposure, in dollars. */
export function headroom(ctx: WorkbookContext, accountValue?: unknown, vix?: unknown, positions?: unknown): FormulaResult<number> {
  const e = exposureAndBudget(ctx, accountValue, vix, positions);
  return e.ok ? ok(toDollars(e.value.budget - e.value.exposure)) : e;
}

/** =CSP.CANSELLPUT(strike, qty, [accountValue], [vix], [positions]): TRUE when the new put still fits the budget. */
export function canSellPutFormula(
  ctx: WorkbookContext,
  strike: unknown,
  qty: unknown,
  accountValue?: unknown,
  vix?: unknown,
  positions?: unknown,
): FormulaResult<boolean> {
  const s = strikeArg(strike);
  if (!s.ok) return s;
  if (omitted(qty)) return fail("value", "qty is required");
  const q = numberArg(qty, "qty");
  if (!q.ok) return q;
  if (!Number.isInteger(q.value) || q.value <= 0 || q.value > 1e9) {
    return fail("num", "qty must be a whole number of contracts above 0");
  }
  const e = exposureAndBudget(ctx, accountValue, vix, positions);
  return e.ok ? ok(canSellPut(e.value.exposure, e.value.budget, s.value, q.value)) : e;
}

/** =CSP.MAXCONTRACTS(strike, [accountValue], [vix], [positions]): the most contracts at that strike that fit. */
export function maxContractsFormula(
  ctx: WorkbookContext,
  strike: unknown,
  accountValue?: unknown,
  vix?: unknown,
  positions?: unknown,
): FormulaResult<number> {
  const s = strikeArg(strike);
  if (!s.ok) return s;
  const e = exposureAndBudget(ctx, accountValue, vix, positions);
  return e.ok ? ok(maxContracts(e.value.exposure, e.value.budget, s.value)) : e;
}

/**
 * The review behind an income formula: the workbook's table and its income tables. A cell whose
 * income cannot be read makes #VALUE! naming it: a total that silently left it out would
 * understate the income (INCOME.md: such a row never counts as zero).
 */
function incomeReviewFor(ctx: WorkbookContext): FormulaResult<Review> {
  if (ctx.table === null) return fail("na", NO_TABLE_MESSAGE);
  const review = memoReview(ctx.table, ctx.inputs, ctx);
  if (review.reading.problems.length > 0) return fail("na", review.reading.problems[0]);
  const problems = review.income.problems;
  if (problems.length > 0) {
    const p = problems[0];
    const where = p.row === null ? "" : `row ${p.row}, ${p.column ?? ""}: `;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more income cells that cannot be read)` : "";
    return fail("value", `${where}${p.message}${more}`);
  }
  return ok(review);
}

/** The message of an income input's error, or the fallback. */
function incomeInputMessage(review: Review, name: string, fallback: string): string {
  return review.inputErrors.find((e) => e.input === name)?.message ?? fallback;
}

export const MAX_INCOME_MONTHS = 60;

/** =CSP.INCOME([months]): income over the last `months` complete calendar months (12 by default, 1 to 60), in dollars. */
export function incomeFormula(ctx: WorkbookContext, months?: unknown): FormulaResult<number> {
  let count = 12;
  if (!omitted(months)) {
    const m = numberArg(months, "months");
    if (!m.ok) return m;
    if (!Number.isInteger(m.value) || m.value < 1 || m.value > MAX_INCOME_MONTHS) return fail("num", `months must be a whole number from 1 to ${MAX_INCOME_MONTHS}`);
    count = m.value;
  }
  const review = incomeReviewFor(ctx);
  if (!review.ok) return review;
  const { events, flows } = review.value.income;
  return ok(toDollars(incomeOverMonths(events, flows, ctx.asOf, count)));
}

/** =CSP.INCOMECOVERAGE(): the average month / IncomeTarget. */
export function incomeCoverageFormula(ctx: WorkbookContext): FormulaResult<number> {
  const review = incomeReviewFor(ctx);
  if (!review.ok) return review;
  const coverage = review.value.income.coverage;
  if (coverage === null) {
    return fail("na", incomeInputMessage(review.value, INCOME_NAMES.incomeTarget, "set IncomeTarget (the monthly income to replace) to see coverage"));
  }
  return ok(coverage);
}

/** =CSP.WITHDRAWALCEILING(): the sustainable monthly withdrawal, in dollars. */
export function withdrawalCeilingFormula(ctx: WorkbookContext): FormulaResult<number> {
  const review = incomeReviewFor(ctx);
  if (!review.ok) return review;
  const ceiling = review.value.income.ceilingCents;
  if (ceiling === null) return fail("na", incomeInputMessage(review.value, INCOME_NAMES.payoutRatio, "set CSP_PayoutRatio to a number from 0 to 1"));
  return ok(toDollars(ceiling));
}

/**
 * =CSP.RESERVEMONTHS(): Reserve / Withdrawal in months. It needs only the two settings, so it
 * answers in a workbook without a position table too.
 */
export function reserveMonthsFormula(ctx: WorkbookContext): FormulaResult<number> {
  const { settings, errors } = readIncomeInputs(ctx.inputs);
  const bad = errors.find((e) => e.input === INCOME_NAMES.reserve || e.input === INCOME_NAMES.withdrawal);
  if (bad) return fail("na", bad.message);
  const months = reserveFigures(settings).reserveMonths;
  if (months === null) return fail("na", "no withdrawal is planned: set Withdrawal (dollars a month) to see the reserve runway");
  return ok(months);
}

/** =CSP.CANWITHDRAW(amount): TRUE when this month's withdrawals so far plus `amount` stay within the sustainable withdrawal. */
export function canWithdrawFormula(ctx: WorkbookContext, amount: unknown): FormulaResult<boolean> {
  if (omitted(amount)) return fail("value", "amount is required: the withdrawal in dollars");
  const a = numberArg(amount, "amount");
  if (!a.ok) return a;
  if (a.value < 0) return fail("num", "amount must be 0 or more dollars");
  if (a.value > MAX_DOLLARS) return fail("num", "amount is too large to be a withdrawal");
  const review = incomeReviewFor(ctx);
  if (!review.ok) return review;
  const answer = canWithdraw(review.value.income, review.value.income.flows, ctx.asOf, Math.round(a.value * 100));
  if (answer === null) return fail("na", incomeInputMessage(review.value, INCOME_NAMES.payoutRatio, "set CSP_PayoutRatio to a number from 0 to 1"));
  return ok(answer);
}
