import { Parsed } from "./cells";

export const DEFAULT_HIGH_VIX_CAP = 0.45;
export const MIN_HIGH_VIX_CAP = 0.45;
/** The 50% max deployment rule: no cap anywhere may exceed this. */
export const MAX_DEPLOYMENT = 0.5;
export const DEFAULT_CONCENTRATION_LIMIT = 0.1;
export const DEFAULT_MULTIPLIER = 100;
/** Larger amounts are typing mistakes, and beyond them cents stop being exact integers. */
export const MAX_DOLLARS = 1e12;

/** Dollars to whole cents. */
export function toCents(dollars: number): number {
  return Math.round(dollars * 100);
}

/** Whole cents to dollars (exact to the cent for any amount below 2^53 cents). */
export function toDollars(cents: number): number {
  return cents / 100;
}

/** Checks the high-VIX cap setting: a fraction from 45% to 50%. */
export function checkHighVixCap(value: number): Parsed<number> {
  if (!Number.isFinite(value)) return { ok: false, message: "The high-VIX cap must be a number from 0.45 to 0.50" };
  if (value > MAX_DEPLOYMENT) {
    return { ok: false, message: `The high-VIX cap ${formatPct(value)} is above the 50% max deployment rule: use 0.45 to 0.50` };
  }
  if (value < MIN_HIGH_VIX_CAP) {
    return { ok: false, message: `The high-VIX cap ${formatPct(value)} is below 45%: use 0.45 to 0.50` };
  }
  return { ok: true, value };
}

/** Checks the concentration limit setting: a fraction above 0 and at most 1. */
export function checkConcentrationLimit(value: number): Parsed<number> {
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    return { ok: false, message: "The concentration limit must be a fraction above 0 and at most 1 (0.10 is 10%)" };
  }
  return { ok: true, value };
}

/**
 * The VIX cap table of RULES.md. A fractional VIX stays in the lower row until it reaches
 * the next row's first whole number: 15.99 -> 25%, 16 -> 30%, 30 -> 40%, 30.01 -> high-VIX cap.
 */
export function vixCap(vix: number, highVixCap: number = DEFAULT_HIGH_VIX_CAP): Parsed<number> {
  if (typeof vix !== "number" || !Number.isFinite(vix) || vix <= 0) {
    return { ok: false, message: "VIX must be a number above 0" };
  }
  const high = checkHighVixCap(highVixCap);
  if (!high.ok) return high;
  if (vix < 16) return { ok: true, value: 0.25 };
  if (vix < 21) return { ok: true, value: 0.3 };
  if (vix < 26) return { ok: true, value: 0.35 };
  if (vix <= 30) return { ok: true, value: 0.4 };
  return { ok: true, value: high.value };
}

/** Strike x multiplier x contracts, in cents. Premium is never part of it. */
export function assignmentValueCents(strike: number, contracts: number, multiplier: number = DEFAULT_MULTIPLIER): number {
  return Math.round(strike * multiplier * Math.abs(contracts) * 100);
}

// Fractions are carried as parts per million so that cents x fraction is integer arithmetic.
const PPM = 1_000_000;
function toPpm(fraction: number): bigint {
  return BigInt(Math.round(fraction * PPM));
}

/** Cap x account value, in cents, rounded down so that the budget never grants a cent the rule does not. */
export function budgetCents(accountCents: number, capPct: number): number {
  return Number((BigInt(accountCents) * toPpm(capPct)) / BigInt(PPM));
}

/** True when cents is strictly more than fraction x base cents (compared exactly). */
export function exceedsShare(cents: number, baseCents: number, fraction: number): boolean {
  return BigInt(cents) * BigInt(PPM) > BigInt(baseCents) * toPpm(fraction);
}

/** Cap check: exposure <= budget; equality passes. */
export function withinBudget(exposureCents: number, budget: number): boolean {
  return exposureCents <= budget;
}

/** Can I sell this put: exposure + strike x 100 x qty <= budget. */
export function canSellPut(exposureCents: number, budget: number, strike: number, qty: number): boolean {
  return exposureCents + assignmentValueCents(strike, qty) <= budget;
}

/** The most whole contracts at this strike that still fit the budget (0 when none). */
export function maxContracts(exposureCents: number, budget: number, strike: number): number {
  const headroom = budget - exposureCents;
  const perContract = assignmentValueCents(strike, 1);
  if (headroom < perContract || perContract <= 0) return 0;
  return Math.floor(headroom / perContract);
}

export function formatPct(fraction: number): string {
  return `${Math.round(fraction * 10000) / 100}%`;
}
