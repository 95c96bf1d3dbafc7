import { Cell } from "./types";
import { fullYear, monthNumber, serialFromYmd } from "./cells";
import { OptionRight } from "./words";

/** What an option symbol or description says (RULES.md "Reading cells", the table of forms). */
export interface OptionSymbol {
  /** The root as written; null when the text names none (thinkorswim rows under a group row). */
  underlying: string | null;
  /** Excel serial day of the expiration. */
  expiration: number;
  right: OptionRight;
  strike: number;
  /** Contracts' multiplier, present only when the text states one (thinkorswim's leading 100). */
  multiplier?: number;
}

const ROOT = "([A-Z][A-Z0-9./]{0,9})";
const STRIKE = "\\$?(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)";

// OCC: root (1-6 chars, padded to 6 with spaces or compact), yymmdd, C/P, strike x 1000 in 8 digits.
const OCC = /^([A-Z][A-Z0-9.]{0,5}?)\s*(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;
// Fidelity: a leading dash, root, yymmdd, C/P, strike as a plain decimal: -AAPL250117P150.
const FIDELITY = /^-([A-Z][A-Z0-9.]{0,5}?)(\d{2})(\d{2})(\d{2})([CP])(\d+(?:\.\d+)?)$/;
// IBKR description: NVDA 16OCT26 130 P
const IBKR = new RegExp(`^${ROOT}\\s+(\\d{1,2})([A-Z]{3})(\\d{2})\\s+${STRIKE}\\s+([CP])$`);
// Schwab: PANW 09/11/2026 327.50 P
const SCHWAB = new RegExp(`^${ROOT}\\s+(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})\\s+${STRIKE}\\s+([CP])$`);
// E*TRADE: KO Oct 16 '26 $60 Put
const ETRADE = new RegExp(`^${ROOT}\\s+([A-Z]{3,4})\\s+(\\d{1,2}),?\\s+'?(\\d{2}|\\d{4})\\s+${STRIKE}\\s+(PUT|CALL)$`);
// Robinhood: QQQ 01/24/2026 Put $398.00
const ROBINHOOD = new RegExp(`^${ROOT}\\s+(\\d{1,2})/(\\d{1,2})/(\\d{4})\\s+(PUT|CALL)\\s+${STRIKE}$`);
// Webull's order Name: Robinhood's order with the expiration's time and zone, SPY 09/30/2022 00:00:00 EDT Call $364.00
const WEBULL = new RegExp(`^${ROOT}\\s+(\\d{1,2})/(\\d{1,2})/(\\d{4})\\s+\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s+[A-Z]{2,4})?\\s+(PUT|CALL)\\s+${STRIKE}$`);
// Fidelity's description: PUT (KO) COCA-COLA CO DEC 18 26 $60 (100 SHS); the company name may hold any words.
const FIDELITY_DESCRIPTION = new RegExp(`^(PUT|CALL)\\s+\\(${ROOT}\\)\\s+.*?\\b([A-Z]{3})\\s+(\\d{1,2})\\s+(\\d{2})\\s+${STRIKE}(?:\\s+\\((\\d+)\\s+SHS\\))?$`);
// thinkorswim: 100 (Weeklys) 31 MAY 22 4650 PUT; the underlying is the group row above, or a leading root.
const THINKORSWIM = new RegExp(`^(?:${ROOT}\\s+)?(\\d{1,6})\\s+(?:\\([^)]*\\)\\s+)?(\\d{1,2})\\s+([A-Z]{3,4})\\s+(\\d{2})\\s+${STRIKE}\\s+(PUT|CALL)$`);

// Every form is at least this long (-A250117P1, A 1JAN26 1 P): shorter text is a ticker.
const SHORTEST_FORM = 10;

const rightOf = (letter: string): OptionRight => (letter === "P" || letter === "PUT" ? "put" : "call");
const strikeOf = (text: string): number => Number(text.replace(/,/g, ""));

function option(underlying: string | null, expiration: number | null, right: OptionRight, strike: number, multiplier?: number): OptionSymbol | null {
  if (expiration === null || !(strike > 0) || !Number.isFinite(strike)) return null;
  const out: OptionSymbol = { underlying, expiration, right, strike };
  if (multiplier !== undefined) out.multiplier = multiplier;
  return out;
}

/**
 * Reads an option symbol or description in any form of RULES.md's table: OCC padded or compact,
 * Fidelity, IBKR description, Schwab, E*TRADE, Robinhood, thinkorswim; and two forms brokers write
 * beside those: Webull's order name and Fidelity's description. Null when the cell is none.
 */
export function parseOptionSymbol(cell: Cell): OptionSymbol | null {
  if (typeof cell !== "string" || cell.length < SHORTEST_FORM) return null;
  const text = cell.trim().toUpperCase();
  if (text.length < SHORTEST_FORM) return null;
  let m: RegExpExecArray | null;
  if ((m = OCC.exec(text))) {
    return option(m[1], serialFromYmd(2000 + +m[2], +m[3], +m[4]), rightOf(m[5]), Number(m[6]) / 1000);
  }
  if ((m = FIDELITY.exec(text))) {
    return option(m[1], serialFromYmd(2000 + +m[2], +m[3], +m[4]), rightOf(m[5]), Number(m[6]));
  }
  if ((m = IBKR.exec(text))) {
    const month = monthNumber(m[3]);
    return month === null ? null : option(m[1], serialFromYmd(fullYear(m[4]), month, +m[2]), rightOf(m[6]), strikeOf(m[5]));
  }
  if ((m = SCHWAB.exec(text))) {
    return option(m[1], serialFromYmd(fullYear(m[4]), +m[2], +m[3]), rightOf(m[6]), strikeOf(m[5]));
  }
  if ((m = ETRADE.exec(text))) {
    const month = monthNumber(m[2]);
    return month === null ? null : option(m[1], serialFromYmd(fullYear(m[4]), month, +m[3]), rightOf(m[6]), strikeOf(m[5]));
  }
  if ((m = ROBINHOOD.exec(text))) {
    return option(m[1], serialFromYmd(+m[4], +m[2], +m[3]), rightOf(m[5]), strikeOf(m[6]));
  }
  if ((m = WEBULL.exec(text))) {
    return option(m[1], serialFromYmd(+m[4], +m[2], +m[3]), rightOf(m[5]), strikeOf(m[6]));
  }
  if ((m = FIDELITY_DESCRIPTION.exec(text))) {
    const month = monthNumber(m[3]);
    const multiplier = m[7] === undefined ? undefined : Number(m[7]);
    if (month === null || multiplier === 0) return null;
    return option(m[2], serialFromYmd(fullYear(m[5]), month, +m[4]), rightOf(m[1]), strikeOf(m[6]), multiplier);
  }
  if ((m = THINKORSWIM.exec(text))) {
    const month = monthNumber(m[4]);
    const multiplier = Number(m[2]);
    if (month === null || !(multiplier > 0)) return null;
    return option(m[1] ?? null, serialFromYmd(fullYear(m[5]), month, +m[3]), rightOf(m[7]), strikeOf(m[6]), multiplier);
  }
  return null;
}

// The word put or call, or the shape of an option symbol: yymmdd, one letter and a strike
// (OCC), a dash, a root and digits (Fidelity), or a strike then a lone C/P at the end (IBKR, Schwab).
const MENTIONS_OPTION = /\b(?:PUTS?|CALLS?)\b|\d{6}\s*[A-Z]\s*\d+(?:\.\d+)?$|^-[A-Z][A-Z0-9.]{0,5}\d|\d\s+[CP]$/i;

/** True when text that is not a readable option symbol still names a put or call, or has an option's shape. */
export function mentionsOption(cell: Cell): boolean {
  return typeof cell === "string" && MENTIONS_OPTION.test(cell.trim());
}
