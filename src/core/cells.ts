import { Cell } from "./types";

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

// 1,234.50 or 1234.50 or .5; thousands separators must be well placed.
const NUMBER_TEXT = /^(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$/;

/**
 * Reads a number the way broker exports and people write them: a number cell, or text
 * such as "150", "$1,234.50", "-2", "(2)" or " 3 ". Anything else is an error.
 */
export function parseNumber(cell: Cell): Parsed<number> {
  if (typeof cell === "number") {
    return Number.isFinite(cell) ? ok(cell) : fail(`${String(cell)} is not a number`);
  }
  if (typeof cell === "boolean") return fail(`${String(cell).toUpperCase()} is not a number`);
  if (isBlank(cell)) return fail("the cell is empty");
  // RULES.md: "+3" is 3 (thinkorswim writes long quantities so).
  let text = String(cell).trim().replace(/^\+(?=\s*[$\d.])/, "");
  let negative = false;
  if (text.startsWith("(") && text.endsWith(")")) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  if (text.startsWith("-")) {
    if (negative) return fail(`${showCell(cell)} is not a number`);
    negative = true;
    text = text.slice(1).trim();
  }
  if (text.startsWith("$")) text = text.slice(1).trim();
  if (text.startsWith("-") && !negative) {
    negative = true;
    text = text.slice(1).trim();
  }
  if (text === "" || text === "." || !NUMBER_TEXT.test(text)) {
    return fail(`${showCell(cell)} is not a number`);
  }
  const value = Number(text.replace(/,/g, ""));
  if (!Number.isFinite(value)) return fail(`${showCell(cell)} is not a number`);
  return ok(negative ? -value : value);
}

/** A strike: a number above 0. */
export function parseStrike(cell: Cell): Parsed<number> {
  const n = parseNumber(cell);
  if (!n.ok) return isBlank(cell) ? fail("strike is empty") : n;
  if (n.value <= 0) return fail(`strike must be above 0, not ${showCell(cell)}`);
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

/**
 * Reads a date: an Excel serial number, ISO 2026-01-16 (time part ignored), US 1/16/2026
 * or IBKR's 20260116, as text or as a number. Returns the Excel serial day.
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
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  let serial: number | null = null;
  if (m) serial = serialFromYmd(+m[1], +m[2], +m[3]);
  else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text))) serial = serialFromYmd(+m[3], +m[1], +m[2]);
  else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(text))) serial = serialFromYmd(+m[1], +m[2], +m[3]);
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

const PUT_WORDS = new Set(["p", "put", "puts"]);
const CALL_WORDS = new Set(["c", "call", "calls"]);
const SHORT_WORDS = new Set(["sell", "short", "s", "sto", "selltoopen", "sold", "sld"]);
const LONG_WORDS = new Set(["buy", "long", "b", "bto", "buytoopen", "bought", "bot"]);
const CLOSED_WORDS = new Set([
  "closed",
  "close",
  "expired",
  "assigned",
  "rolled",
  "rolledover",
  "exercised",
]);

/** Lower case with spaces, underscores, dashes and punctuation removed: "Sell to Open" -> "selltoopen". */
export function squash(cell: Cell): string {
  if (typeof cell !== "string") return cellText(cell).replace(/[^a-z0-9]/g, "");
  // A position table repeats a handful of words (Put, Sell, Open) on every row.
  let word = squashed.get(cell);
  if (word === undefined) {
    word = cellText(cell).replace(/[^a-z0-9]/g, "");
    if (squashed.size >= 10_000) squashed.clear();
    squashed.set(cell, word);
  }
  return word;
}
const squashed = new Map<string, string>();

export type OptionRight = "put" | "call";
export function readRight(cell: Cell): OptionRight | null {
  const word = squash(cell);
  if (PUT_WORDS.has(word)) return "put";
  if (CALL_WORDS.has(word)) return "call";
  return null;
}

export type Side = "short" | "long";
export function readSide(cell: Cell): Side | null {
  const word = squash(cell);
  if (SHORT_WORDS.has(word)) return "short";
  if (LONG_WORDS.has(word)) return "long";
  return null;
}

/** True when a status cell says the position is no longer open. */
export function statusIsClosed(cell: Cell): boolean {
  return CLOSED_WORDS.has(squash(cell));
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
