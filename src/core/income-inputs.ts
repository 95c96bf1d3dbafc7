import { Backing, Cell } from "./types";
import { isBlank, parseFraction, parseNumber, showCell, squash } from "./cells";
import { MAX_DOLLARS, toCents } from "./rules";

/**
 * The income inputs of INCOME.md "Inputs": defined names in the workbook, like AccountValue.
 * A formula argument or a command-line flag overrides a name by replacing its raw cell.
 */
export const INCOME_NAMES = {
  incomeTarget: "IncomeTarget",
  withdrawal: "Withdrawal",
  reserve: "Reserve",
  reserveMonths: "CSP_ReserveMonths",
  reserveInAccount: "CSP_ReserveInAccount",
  payoutRatio: "CSP_PayoutRatio",
  maxRaise: "CSP_MaxRaise",
  premiumPerShare: "CSP_PremiumPerShare",
} as const;
export type IncomeSettingKey = keyof typeof INCOME_NAMES;
export const INCOME_SETTING_KEYS = Object.keys(INCOME_NAMES) as IncomeSettingKey[];

/** Labels for the settings sheet, beside each named cell. */
export const INCOME_LABELS: Record<IncomeSettingKey, string> = {
  incomeTarget: "Income target (dollars a month)",
  withdrawal: "Planned withdrawal (dollars a month)",
  reserve: "Withdrawal reserve (dollars)",
  reserveMonths: "Reserve target (months, 0 to 60)",
  reserveInAccount: "Reserve is inside Cash (TRUE/FALSE)",
  payoutRatio: "Payout ratio (0 to 1)",
  maxRaise: "Largest withdrawal raise in 12 months (0 to 1)",
  premiumPerShare: "A bare Premium column is per share (TRUE/FALSE)",
};

export const DEFAULT_RESERVE_MONTHS = 12;
export const MAX_RESERVE_MONTHS = 60;
export const DEFAULT_PAYOUT_RATIO = 0.75;
export const DEFAULT_MAX_RAISE = 0.1;

/** The raw cells of the income names; a missing name is absent or null. */
export type RawIncomeInputs = Partial<Record<IncomeSettingKey, Cell>>;

/** The income inputs after validation. Null means unusable (the reason is in the errors). */
export interface IncomeSettings {
  /** Null when not set: coverage then asks for it. */
  incomeTargetCents: number | null;
  withdrawalCents: number | null;
  reserveCents: number | null;
  reserveMonths: number | null;
  reserveInAccount: boolean | null;
  payoutRatio: number | null;
  maxRaise: number | null;
  premiumPerShare: boolean | null;
}

/** Which input an error is about: the defined name, as the user sees it. */
export type IncomeInputName = (typeof INCOME_NAMES)[IncomeSettingKey];

export interface IncomeInputError {
  input: IncomeInputName;
  message: string;
}

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Dollars that must be 0 or more (a withdrawal, a reserve). */
function readDollars(name: string, what: string, cell: Cell, allowZero: boolean): Checked<number> {
  const n = parseNumber(cell);
  if (!n.ok) return { ok: false, message: `set ${name} to ${what} in dollars: ${n.message}` };
  if (allowZero ? n.value < 0 : n.value <= 0) {
    return { ok: false, message: `set ${name} to ${what} in dollars: it must be ${allowZero ? "0 or more" : "above 0"}, not ${showCell(cell)}` };
  }
  if (n.value > MAX_DOLLARS) return { ok: false, message: `set ${name}: ${showCell(cell)} is too large to be ${what}` };
  return { ok: true, value: toCents(n.value) };
}

function readRange(name: string, cell: Cell, min: number, max: number, example: string, fraction: boolean): Checked<number> {
  const n = fraction ? parseFraction(cell) : parseNumber(cell);
  if (!n.ok || n.value < min || n.value > max) {
    return { ok: false, message: `set ${name} to a number from ${min} to ${max} (${example}), not ${showCell(cell)}` };
  }
  return { ok: true, value: n.value };
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0"]);

/** A TRUE/FALSE setting: a logical cell, or yes/no, y/n, 1/0 typed as text or numbers. */
export function readYesNo(cell: Cell): boolean | null {
  if (typeof cell === "boolean") return cell;
  const word = squash(cell);
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

function readFlag(name: string, cell: Cell): Checked<boolean> {
  const b = readYesNo(cell);
  return b === null ? { ok: false, message: `set ${name} to TRUE or FALSE, not ${showCell(cell)}` } : { ok: true, value: b };
}

/** Validates the income inputs with INCOME.md's defaults and ranges; never NaN. */
export function readIncomeInputs(raw: RawIncomeInputs): { settings: IncomeSettings; errors: IncomeInputError[] } {
  const errors: IncomeInputError[] = [];
  const N = INCOME_NAMES;
  function take<T>(key: IncomeSettingKey, fallback: T | null, read: (cell: Cell) => Checked<T>): T | null {
    const cell = raw[key] ?? null;
    if (isBlank(cell)) return fallback;
    const r = read(cell);
    if (r.ok) return r.value;
    errors.push({ input: N[key], message: r.message });
    return null;
  }

  const incomeTargetCents = take("incomeTarget", null, (c) => readDollars(N.incomeTarget, "the monthly income to replace", c, false));
  if (isBlank(raw.incomeTarget ?? null)) {
    errors.push({ input: N.incomeTarget, message: "set IncomeTarget (the monthly income to replace) to see coverage and income replaced" });
  }
  const settings: IncomeSettings = {
    incomeTargetCents,
    withdrawalCents: take("withdrawal", 0, (c) => readDollars(N.withdrawal, "the planned monthly withdrawal", c, true)),
    reserveCents: take("reserve", 0, (c) => readDollars(N.reserve, "the cash set aside for withdrawals", c, true)),
    reserveMonths: take("reserveMonths", DEFAULT_RESERVE_MONTHS, (c) =>
      readRange(N.reserveMonths, c, 0, MAX_RESERVE_MONTHS, "months of withdrawals the reserve should hold", false),
    ),
    reserveInAccount: take("reserveInAccount", true, (c) => readFlag(N.reserveInAccount, c)),
    payoutRatio: take("payoutRatio", DEFAULT_PAYOUT_RATIO, (c) => readRange(N.payoutRatio, c, 0, 1, "0.75 is 75% of the income", true)),
    maxRaise: take("maxRaise", DEFAULT_MAX_RAISE, (c) => readRange(N.maxRaise, c, 0, 1, "0.10 allows a 10% raise in 12 months", true)),
    premiumPerShare: take("premiumPerShare", true, (c) => readFlag(N.premiumPerShare, c)),
  };
  return { settings, errors };
}

/**
 * RULES.md check 3's assignment cash: Cash less the reserve when the reserve sits inside Cash
 * (never below 0), else Cash. Null when Cash is unknown, or when the reserve or where it sits
 * cannot be read (a reserve that might be inside Cash cannot be counted as assignment cash).
 */
export function assignmentCashCents(cashCents: number | null, settings: IncomeSettings): number | null {
  if (cashCents === null) return null;
  if (settings.reserveInAccount === false) return cashCents;
  if (settings.reserveCents === null || settings.reserveInAccount === null) return null;
  return Math.max(0, cashCents - settings.reserveCents);
}

/** Check 3 with assignment cash: cash-secured when it covers the exposure, else the shortfall. */
export function backingOf(assignmentCash: number | null, exposureCents: number): { backing: Backing; shortfallCents: number | null } {
  if (assignmentCash === null) return { backing: "unknown", shortfallCents: null };
  return assignmentCash >= exposureCents
    ? { backing: "cash-secured", shortfallCents: 0 }
    : { backing: "portfolio-backed", shortfallCents: exposureCents - assignmentCash };
}

// Fractions (payout ratio, max raise, exposure %) are carried as parts per million so that
// cents x fraction is exact integer arithmetic.
const PPM = 1_000_000n;
export function toPpm(fraction: number): bigint {
  return BigInt(Math.round(fraction * 1_000_000));
}

/** fraction x cents, rounded down to the cent (INCOME.md: every ceiling rounds down). */
export function shareOfCents(cents: number, fraction: number): number {
  const product = BigInt(cents) * toPpm(fraction);
  // BigInt division truncates toward 0; round down means toward minus infinity.
  let q = product / PPM;
  if (product < 0n && q * PPM !== product) q -= 1n;
  return Number(q);
}
