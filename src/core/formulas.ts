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
// per distinct set of inputs. Keyed on the snapshot object, so a new snapshot starts afresh.
const reviews = new WeakMap<TableData, Map<string, Review>>();
function memoReview(table: TableData, inputs: RawInputs, ctx: WorkbookContext): Review {
  const key = JSON.stringify([inputs, ctx.overrides ?? null, ctx.asOf]);
  let perTable = reviews.get(table);
  if (!perTable) {
    perTable = new Map();
    reviews.set(table, perTable);
  }
  let review = perTable.get(key);
  if (!review) {
    review = buildReview({ table, inputs, overrides: ctx.overrides, asOf: ctx.asOf });
    if (perTable.size > 64) perTable.clear();
    perTable.set(key, review);
  }
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
