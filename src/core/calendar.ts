/**
 * Calendar months and ISO weeks of Excel serial days, for INCOME.md's monthly income and
 * the weekly review streak. Serial days only: the core has no clock and no time zone.
 */

// Day 0 of Excel's 1900 system (after its leap-year bug) is 1899-12-30, a Saturday.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

function utcOf(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * MS_PER_DAY);
}

function serialOfUtc(year: number, monthIndex0: number, day: number): number {
  return Math.round((Date.UTC(year, monthIndex0, day) - EXCEL_EPOCH_MS) / MS_PER_DAY);
}

/**
 * A month as one integer (year x 12 + month - 1), so months subtract and compare. Integer
 * arithmetic (H. Hinnant's days-to-civil), no Date: a 100,000-row review asks it for every amount.
 */
export function monthOf(serial: number): number {
  // Days since 0000-03-01 of the proleptic Gregorian calendar; serial 25569 is 1970-01-01.
  const z = Math.floor(serial) - 25569 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** monthOf through Date, the reference the arithmetic is tested against. */
export function monthOfByDate(serial: number): number {
  const d = utcOf(serial);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** "2025-11" for a month number. */
export function monthLabel(month: number): string {
  const year = Math.floor(month / 12);
  return `${year}-${String((month % 12) + 1).padStart(2, "0")}`;
}

/** Serial day of the first day of a month number. */
export function firstDayOfMonth(month: number): number {
  return serialOfUtc(Math.floor(month / 12), month % 12, 1);
}

/** ISO weekday: Monday 1 to Sunday 7. Serial 2 (1900-01-01) was a Monday. */
export function isoWeekday(serial: number): number {
  return ((((Math.floor(serial) - 2) % 7) + 7) % 7) + 1;
}

/** Serial day of the Monday that starts the ISO week holding this day: the week's identity. */
export function weekStart(serial: number): number {
  return Math.floor(serial) - (isoWeekday(serial) - 1);
}

/**
 * ISO 8601 week label of a day, "2026-W53": the week belongs to the year of its Thursday, so
 * 2027-01-01 is in 2026-W53 and 2025-12-29 is in 2026-W01.
 */
export function isoWeekLabel(serial: number): string {
  const thursday = weekStart(serial) + 3;
  const year = utcOf(thursday).getUTCFullYear();
  const week = Math.floor((thursday - serialOfUtc(year, 0, 1)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Mondays of the `count` ISO weeks ending with the week of `serial`, oldest first. */
export function weeksEndingWith(serial: number, count: number): number[] {
  const last = weekStart(serial);
  const out: number[] = [];
  for (let i = count - 1; i >= 0; i--) out.push(last - 7 * i);
  return out;
}
