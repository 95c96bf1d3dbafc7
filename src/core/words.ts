import { Cell } from "./types";
import { squash } from "./cells";

/**
 * The words of RULES.md "Which rows count", compared as `squash` (cells.ts) leaves them: lower
 * case, with spaces, hyphens and underscores gone ("Cash-Secured Put" -> "cashsecuredput").
 * Other marks stay, so "Put Option?" is not the word "Put Option".
 */


// Put words that name a sold put say the row is short as well ("CSP", "Short Put").
const SHORT_PUT_WORDS = ["csp", "shortput", "cashsecuredput", "nakedput", "securedput"];
const PUT_WORDS = ["p", "put", "puts", "putoption", "putoptions", ...SHORT_PUT_WORDS];
// "Long Put" is read as a put that says long, the mirror of the call word "Long Call".
const LONG_PUT_WORDS = ["longput"];
const CALL_WORDS = ["c", "call", "calls", "calloption", "calloptions", "cc", "coveredcall", "shortcall", "longcall"];
/** Words that make a row "not an option", in a type cell or an asset-class cell. */
const NON_OPTION_WORDS = [
  "stock", "stocks", "stk", "commonstock", "equity", "equities", "share", "shares",
  "etf", "etfs", "fund", "funds", "mutualfund", "mutualfunds", "etfs&closedendfunds", "etfsandclosedendfunds",
  "bond", "bonds", "fixedincome", "cash", "margin", "moneymarket", "cashandmoneymarket", "cash&moneymarket",
  "cashandcashinvestments", "cash&cashinvestments",
  "future", "futures", "fut", "forex", "fx", "crypto", "cryptocurrency",
];
/** Asset-class words that mark an option row (IBKR OPT, Schwab Option, tastytrade Equity Option). */
const OPTION_CLASS_WORDS = ["opt", "option", "options", "equityoption", "equityoptions", "indexoption", "indexoptions"];

const SHORT_WORDS = ["sell", "sold", "sld", "short", "s", "sto", "selltoopen", "sellshort"];
const LONG_WORDS = ["buy", "bought", "bot", "long", "b", "bto", "buytoopen"];
/** Side words that close a position: a table using them is a transaction history. */
const CLOSING_WORDS = ["buytoclose", "btc", "selltoclose", "stc", "expired", "assigned", "exercised"];
const CLOSED_STATUS_WORDS = ["closed", "close", "expired", "expiredworthless", "assigned", "rolled", "rolledover", "exercised", "calledaway"];
const OPEN_FLAG_NO = ["n", "no", "false", "0"];

export type TypeWord =
  | { kind: "put"; says: "short" | "long" | null }
  | { kind: "call" }
  | { kind: "not an option" };

const TYPE_WORDS = new Map<string, TypeWord>();
for (const w of PUT_WORDS) TYPE_WORDS.set(w, { kind: "put", says: SHORT_PUT_WORDS.includes(w) ? "short" : null });
for (const w of LONG_PUT_WORDS) TYPE_WORDS.set(w, { kind: "put", says: "long" });
for (const w of CALL_WORDS) TYPE_WORDS.set(w, { kind: "call" });
for (const w of NON_OPTION_WORDS) TYPE_WORDS.set(w, { kind: "not an option" });

/** What a type cell says: a put (and whether it says short), a call, not an option; null for any other text. */
export function readTypeWord(cell: Cell): TypeWord | null {
  return TYPE_WORDS.get(squash(cell)) ?? null;
}

export type OptionRight = "put" | "call";
/** Put or call from a type cell; null for a non-option word, other text or a blank. */
export function readRight(cell: Cell): OptionRight | null {
  const word = readTypeWord(cell);
  return word?.kind === "put" ? "put" : word?.kind === "call" ? "call" : null;
}

const OPTION_CLASS = new Set(OPTION_CLASS_WORDS);
const NON_OPTION = new Set(NON_OPTION_WORDS);
/** What an asset-class cell says: an option row, not an option, or nothing (blank or other text). */
export function readAssetClass(cell: Cell): "option" | "not an option" | null {
  const word = squash(cell);
  if (OPTION_CLASS.has(word)) return "option";
  if (NON_OPTION.has(word)) return "not an option";
  return null;
}

export type Side = "short" | "long";
export type SideWord = Side | "closing";
const SIDE_WORDS = new Map<string, SideWord>();
for (const w of SHORT_WORDS) SIDE_WORDS.set(w, "short");
for (const w of LONG_WORDS) SIDE_WORDS.set(w, "long");
for (const w of CLOSING_WORDS) SIDE_WORDS.set(w, "closing");

/** What a side cell says: short, long, a closing word (a transaction history), or null for other text. */
export function readSideWord(cell: Cell): SideWord | null {
  return SIDE_WORDS.get(squash(cell)) ?? null;
}

/** Short or long from a side cell; null for a closing word, other text or a blank. */
export function readSide(cell: Cell): Side | null {
  const word = readSideWord(cell);
  return word === "closing" ? null : word;
}

const CLOSED_STATUS = new Set(CLOSED_STATUS_WORDS);
/** True when a status cell says the position is no longer open. */
export function statusIsClosed(cell: Cell): boolean {
  return CLOSED_STATUS.has(squash(cell));
}

const EXPIRED = new Set(["expired", "expiredworthless"]);
/** What a status cell says: expired (worthless: no closing cost), otherwise closed, or null for open or any other text. */
export function readStatus(cell: Cell): "expired" | "closed" | null {
  if (cell === null || cell === "") return null;
  const word = squash(cell);
  return EXPIRED.has(word) ? "expired" : CLOSED_STATUS.has(word) ? "closed" : null;
}

const OPEN_NO = new Set(OPEN_FLAG_NO);
/** True when an open-flag cell (Open?, Is Open, Active) says the position is not open: N, No, FALSE, 0. */
export function openFlagSaysClosed(cell: Cell): boolean {
  return OPEN_NO.has(squash(cell));
}

const YES = new Set(["y", "yes", "true"]);
const NO = new Set(["n", "no", "false"]);
/** A yes/no cell (Y, Yes, TRUE, N, No, FALSE, or a boolean): true, false, or null for anything else. */
export function yesNo(cell: Cell): boolean | null {
  if (typeof cell === "boolean") return cell;
  const word = squash(cell);
  return YES.has(word) ? true : NO.has(word) ? false : null;
}

// Total, Totals, Subtotal, Grand Total as a word: "Account Total", "Subtotal January"; never SUM or TOTL.
const SUMMARY_WORD = /\b(?:sub\s*)?totals?\b/i;
/** True when a text cell names a summary: the word Total, Totals, Subtotal or Grand Total. */
export function isSummaryText(cell: Cell): boolean {
  return typeof cell === "string" && SUMMARY_WORD.test(cell);
}

/** Excel's error values as hosts hand them over as text (#N/A, #VALUE!, ...). */
const ERROR_VALUE = /^#(?:N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;
export function isErrorValue(cell: Cell): boolean {
  return typeof cell === "string" && ERROR_VALUE.test(cell.trim());
}

/** The level-of-detail word that marks a position row (IBKR LevelOfDetail); LOT and EXECUTION are details. */
export function isSummaryLevel(cell: Cell): boolean {
  return squash(cell) === "summary";
}
