import { Cell, TableData } from "./types";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Trimmed, lower-case text of a cell; "" for blank. */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  return String(cell).trim().toLowerCase();
}

export function isBlank(cell: Cell): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

/** How a cell is quoted in a message: what the user typed, not a JS rendering. */
export function showCell(cell: Cell): string {
  if (isBlank(cell)) return "an empty cell";
  return `'${String(cell).trim()}'`;
}

// "(", a sign, "$", a sign, digits (thousands separators well placed), ")": one pass, the
// combinations checked after. 1,234.50 or 1234.50 or .5.
const NUMBER_TEXT = /^(\()?\s*([-+])?\s*(\$)?\s*([-+])?\s*((?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?)\s*(\))?$/;

/**
 * Reads a number the way broker exports and people write them: a number cell, or text
 * such as "150", "$1,234.50", "-2", "(2)", "+3" or " 3 ". Anything else is an error.
 */
export function parseNumber(cell: Cell): Parsed<number> {
  if (typeof cell === "number") {
    return Number.isFinite(cell) ? ok(cell) : fail(`${String(cell)} is not a number`);
  }
  if (typeof cell === "boolean") return fail(`${String(cell).toUpperCase()} is not a number`);
  if (isBlank(cell)) return fail("the cell is empty");
  const m = NUMBER_TEXT.exec(String(cell).trim());
  // One sign at most, before or after the dollar sign, and never inside accounting brackets.
  if (!m || !m[5] || m[5] === "." || !m[1] !== !m[6] || (m[2] && m[4]) || (m[1] && (m[2] || m[4]))) {
    return fail(`${showCell(cell)} is not a number`);
  }
  const value = Number(m[5].includes(",") ? m[5].replace(/,/g, "") : m[5]);
  if (!Number.isFinite(value)) return fail(`${showCell(cell)} is not a number`);
  return ok(m[1] || m[2] === "-" || m[4] === "-" ? -value : value);
}

/** The smallest strike a row may have: a cent. */
export const MIN_STRIKE = 0.01;

/** A strike: a number of at least 0.01. */
export function parseStrike(cell: Cell): Parsed<number> {
  const n = parseNumber(cell);
  if (!n.ok) return isBlank(cell) ? fail("strike is empty") : n;
  if (n.value < MIN_STRIKE) return fail(`strike must be at least 0.01, not ${showCell(cell)}`);
  if (n.value > 1e9) return fail(`strike ${showCell(cell)} is too large to be a real strike`);
  return n;
}

/** A quantity: a whole number other than 0 (sign kept). */
export function parseQuantity(cell: Cell): Parsed<number> {
  const n = parseNumber(cell);
  if (!n.ok) return isBlank(cell) ? fail("quantity is empty") : n;
  if (!Number.isInteger(n.value) || n.value === 0) {
    return fail(`quantity must be a whole number other than 0, not ${showCell(cell)}`);
  }
  if (Math.abs(n.value) > 1e9) return fail(`quantity ${showCell(cell)} is too large to be a real position`);
  return n;
}

/** A multiplier: a number above 0 (at most 1,000,000: more is a typing mistake). */
export function parseMultiplier(cell: Cell): Parsed<number> {
  const n = parseNumber(cell);
  if (!n.ok) return n;
  if (n.value <= 0 || n.value > 1e6) return fail(`multiplier must be a number above 0 (at most 1,000,000), not ${showCell(cell)}`);
  return n;
}

// Days from 1899-12-30, Excel's day 0 as the 1900 system counts it after its leap-year bug.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const MS_PER_DAY = 86_400_000;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Excel serial day for a calendar date, or null when the date does not exist. */
export function serialFromYmd(year: number, month: number, day: number): number | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Math.round((Date.UTC(year, month - 1, day) - EXCEL_EPOCH_MS) / MS_PER_DAY);
}

/** Calendar date of an Excel serial day, as ISO yyyy-mm-dd. */
export function isoFromSerial(serial: number): string {
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * MS_PER_DAY);
  return d.toISOString().slice(0, 10);
}

/** Excel serial day of a JavaScript Date, read in UTC (how exceljs hands dates over). */
export function serialFromDate(date: Date): number {
  return Math.floor((date.getTime() - EXCEL_EPOCH_MS) / MS_PER_DAY);
}

// Serial numbers of realistic dates stay below this; 8-digit numbers above it are yyyymmdd (IBKR).
const MAX_SERIAL = 2_958_465; // 9999-12-31

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

/** Month number of an English month name or its abbreviation ("Jan", "SEPT", "october"); null otherwise. */
export function monthNumber(name: string): number | null {
  return MONTHS[name.toLowerCase()] ?? null;
}

/** A two-digit year as spreadsheets read it: 00-68 are 2000-2068, 69-99 are 1969-1999. */
export function fullYear(text: string): number {
  const y = Number(text);
  if (text.length !== 2) return y;
  return y <= 68 ? 2000 + y : 1900 + y;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/;
const YMD_DATE = /^(\d{4})(\d{2})(\d{2})$/;
// 16-Jan-2026, 16-Jan-26, 16 Jan 2026, 16JAN26
const DMY_NAMED = /^(\d{1,2})[- ]?([A-Za-z]{3,9})[- ]?(\d{4}|\d{2})$/;
// Jan 16, 2026 and Jan-16-2026
const MDY_NAMED = /^([A-Za-z]{3,9})[- ](\d{1,2}),?[- ](\d{4})$/;
// The time after a date: "T10:00:00Z", " 10:30 AM", IBKR's ";093000", ", 09:30:00 EST".
const TIME_PART = /^(.*?)(?:[T ]|, ?|;)(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AP]M)?\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?|\d{4,6})$/i;

/** The serial day of a date written without a time, or null when the text is none of the forms. */
function serialOfDateText(text: string): number | null {
  let m = ISO_DATE.exec(text);
  if (m) return serialFromYmd(+m[1], +m[2], +m[3]);
  if ((m = US_DATE.exec(text))) return serialFromYmd(fullYear(m[3]), +m[1], +m[2]);
  if ((m = YMD_DATE.exec(text))) return serialFromYmd(+m[1], +m[2], +m[3]);
  if ((m = DMY_NAMED.exec(text))) {
    const month = monthNumber(m[2]);
    return month === null ? null : serialFromYmd(fullYear(m[3]), month, +m[1]);
  }
  if ((m = MDY_NAMED.exec(text))) {
    const month = monthNumber(m[1]);
    return month === null ? null : serialFromYmd(+m[3], month, +m[2]);
  }
  return null;
}

/**
 * Reads a date: an Excel serial number, ISO 2026-01-16, US 1/16/2026 or 1/16/26, IBKR's
 * 20260116, 16-Jan-2026, or a date-time whose date part is one of these, as text or as a
 * number. Returns the Excel serial day.
 */
export function parseDate(cell: Cell): Parsed<number> {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return fail(`${String(cell)} is not a date`);
    if (Number.isInteger(cell) && cell >= 19000101 && cell <= 99991231) return parseDate(String(cell));
    if (cell >= 1 && cell <= MAX_SERIAL) return ok(Math.floor(cell));
    return fail(`${cell} is not a date`);
  }
  if (typeof cell === "boolean") return fail(`${String(cell).toUpperCase()} is not a date`);
  if (isBlank(cell)) return fail("the date is empty");
  const text = String(cell).trim();
  let serial = serialOfDateText(text);
  if (serial === null) {
    const timed = TIME_PART.exec(text);
    if (timed) serial = serialOfDateText(timed[1].trim());
  }
  return serial === null ? fail(`${showCell(cell)} is not a date (use 2026-01-16, 1/16/2026 or 20260116)`) : ok(serial);
}

/** Parses a fraction setting such as 0.45 or "45%". */
export function parseFraction(cell: Cell): Parsed<number> {
  if (typeof cell === "string" && cell.trim().endsWith("%")) {
    const n = parseNumber(cell.trim().slice(0, -1));
    return n.ok ? ok(n.value / 100) : fail(`${showCell(cell)} is not a percentage`);
  }
  return parseNumber(cell);
}

/** Lower case with spaces, underscores and hyphens removed: "Sell to Open" -> "selltoopen". */
export function squash(cell: Cell): string {
  if (typeof cell !== "string") return cellText(cell).replace(/[\s_-]/g, "");
  // A position table repeats a handful of words (Put, Sell, Open) on every row.
  let word = squashed.get(cell);
  if (word === undefined) {
    word = cellText(cell).replace(/[\s_-]/g, "");
    if (squashed.size >= 10_000) squashed.clear();
    squashed.set(cell, word);
  }
  return word;
}
const squashed = new Map<string, string>();

/** The sheet row of body row `index`: the table's own row numbers when it has them, else counted from the header. */
export function sheetRow(table: TableData, index: number): number {
  return table.rowNumbers ? table.rowNumbers[index] ?? table.headerRow + 1 + index : table.headerRow + 1 + index;
}

/** Column letters of a 1-based column number: 1 -> A, 28 -> AB. */
export function columnLetters(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Excel serial day of the local calendar date of a moment (the host passes its clock in). */
export function serialForLocalDay(now: Date): number {
  return serialFromYmd(now.getFullYear(), now.getMonth() + 1, now.getDate()) ?? serialFromDate(now);
}
