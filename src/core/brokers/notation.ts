import { Cell } from "../types";
import { OptionRight, parseDate, serialFromYmd } from "../cells";
import { parseOptionSymbol } from "../occ";

/**
 * The option notations brokers write in a symbol or description cell (RULES.md "Reading cells").
 * A private reader for the broker profiles until src/core/occ.ts reads every form itself (the
 * core-reading rewrite); then this file shrinks to a call of that one.
 */
export interface Contract {
  /** Null when the notation does not name it (thinkorswim rows under a group row). */
  underlying: string | null;
  expiration: number;
  right: OptionRight;
  strike: number;
  /** Only when the notation states it (thinkorswim's leading "100"). */
  multiplier?: number;
}

const MONTHS: Record<string, number> = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };
const ROOT = "([A-Z][A-Z0-9./]{0,9})";
const NUM = "(\\d+(?:\\.\\d+)?)";
const RIGHT = "(P|C|PUT|CALL)";

const year = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
const right = (r: string): OptionRight => (r.startsWith("P") ? "put" : "call");
const strikeOf = (s: string) => Number(s.replace(/,/g, ""));

type Reader = (m: RegExpExecArray) => Contract | null;

function dated(underlying: string | null, y: number, mo: number | undefined, d: number, r: string, strike: string, multiplier?: number): Contract | null {
  const expiration = mo === undefined ? null : serialFromYmd(y, mo, d);
  const k = strikeOf(strike);
  if (expiration === null || !(k > 0)) return null;
  const c: Contract = { underlying, expiration, right: right(r), strike: k };
  if (multiplier !== undefined) c.multiplier = multiplier;
  return c;
}

// Each form, anchored, on upper-cased text with single spaces.
const FORMS: [RegExp, Reader][] = [
  // IBKR: NVDA 16OCT26 130 P
  [new RegExp(`^${ROOT} (\\d{1,2})([A-Z]{3})(\\d{2}) ${NUM} ${RIGHT}$`), (m) => dated(m[1], year(m[4]), MONTHS[m[3]], +m[2], m[6], m[5])],
  // Schwab / Webull: PANW 09/11/2026 327.50 P, SPY 09/03/2026 766.00 Call
  [new RegExp(`^${ROOT} (\\d{1,2})/(\\d{1,2})/(\\d{2,4}) \\$?${NUM} ${RIGHT}$`), (m) => dated(m[1], year(m[4]), +m[2], +m[3], m[6], m[5])],
  // Robinhood: QQQ 01/24/2026 Put $398.00, also after words such as "Option Expiration for"
  [new RegExp(`^(?:[A-Z ]+? )?${ROOT} (\\d{1,2})/(\\d{1,2})/(\\d{2,4}) ${RIGHT} \\$?([\\d,]+(?:\\.\\d+)?)$`), (m) => dated(m[1], year(m[4]), +m[2], +m[3], m[5], m[6])],
  // Webull's order Name: SPY 09/23/2022 00:00:00 EDT Call $371.00
  [new RegExp(`^${ROOT} (\\d{1,2})/(\\d{1,2})/(\\d{4}) \\d{2}:\\d{2}:\\d{2}(?: [A-Z]{2,4})? ${RIGHT} \\$?([\\d,]+(?:\\.\\d+)?)$`), (m) => dated(m[1], year(m[4]), +m[2], +m[3], m[5], m[6])],
  // E*TRADE: KO Oct 16 '26 $60 Put
  [new RegExp(`^${ROOT} ([A-Z]{3}) (\\d{1,2}) '(\\d{2}) \\$${NUM} ${RIGHT}$`), (m) => dated(m[1], year(m[4]), MONTHS[m[2]], +m[3], m[6], m[5])],
  // thinkorswim: 100 (Weeklys) 31 MAY 22 4650 PUT
  [new RegExp(`^(\\d+) (?:\\([A-Z ]+\\) )?(\\d{1,2}) ([A-Z]{3}) (\\d{2}) ${NUM} ${RIGHT}$`), (m) => dated(null, year(m[4]), MONTHS[m[3]], +m[2], m[6], m[5], Number(m[1]))],
  // Fidelity description: PUT (UMAC) UNUSUAL MACHS INC MAY 01 26 $13.5 (100 SHS)
  [new RegExp(`^(PUT|CALL) \\(${ROOT}\\) .*?([A-Z]{3}) (\\d{1,2}) (\\d{2}) \\$${NUM}(?: \\((\\d+) SHS\\))?$`), (m) => dated(m[2], year(m[5]), MONTHS[m[3]], +m[4], m[1], m[6], m[7] ? Number(m[7]) : undefined)],
];

/** The contract an option symbol or description names, in any broker's form; null when it names none. */
export function readContract(cell: Cell): Contract | null {
  if (typeof cell !== "string") return null;
  const occ = parseOptionSymbol(cell.replace(/^\s*-\s*/, "-").replace(/^\./, ""));
  if (occ) return { underlying: occ.underlying, expiration: occ.expiration, right: occ.right, strike: occ.strike };
  const text = cell.trim().toUpperCase().replace(/\s+/g, " ");
  for (const [re, read] of FORMS) {
    const m = re.exec(text);
    if (m) return read(m);
  }
  return null;
}

/** True when a text says put or call or has an option's shape: such a cell that cannot be read is an error, never "not an option". */
export function mentionsOption(cell: Cell): boolean {
  if (typeof cell !== "string") return false;
  return /\b(PUT|CALL|PUTS|CALLS)\b/i.test(cell) || /^[A-Z]{1,6}\s*\d{6}[CP]\d/i.test(cell.trim());
}

/** "31 MAY 22", "5/17/26", "2026-05-17", "20260517": an expiration cell as brokers write it. */
export function readExpiration(cell: Cell): number | null {
  if (typeof cell === "string") {
    const t = cell.trim().toUpperCase();
    let m = /^(\d{1,2}) ([A-Z]{3}) (\d{2,4})$/.exec(t);
    if (m) return MONTHS[m[2]] === undefined ? null : serialFromYmd(year(m[3]), MONTHS[m[2]], +m[1]);
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(t);
    if (m) return serialFromYmd(year(m[3]), +m[1], +m[2]);
  }
  const d = parseDate(cell);
  return d.ok ? d.value : null;
}

/** The date part of a broker's date or date-time cell: "2024-08-16T15:57:13+0200", "5/06/2020 8:49 PM", "2025-08-06, 15:32:56", "04/01/2020 as of 03/31/2020", "20260501;101500". */
export function readTradeDate(cell: Cell): number | null {
  if (typeof cell === "number") return readExpiration(cell);
  if (typeof cell !== "string") return null;
  const first = cell.trim().split(/[\sT,;]/)[0];
  return readExpiration(first);
}
