import { Cell, CellProblem, ColumnOverrides, TableData } from "../types";
import { isBlank, parseDate, parseNumber, squash } from "../cells";
import { normalizeHeader } from "../columns";
import { toCents } from "../rules";
import { mentionsOption, parseOptionSymbol } from "../options";
import { readRight } from "../words";
import { RowReader, TradeContract, TradeEvent, TradeReading } from "./types";

/** Money as brokers write it ("$1,234.50", "-$12.34", "($250.00)", "+$1.20", "--" for none) in cents; null when unreadable. */
export function moneyCents(cell: Cell): number | null {
  if (isBlank(cell)) return 0;
  if (typeof cell === "string" && (/^\s*-+\s*$/.test(cell) || cell.trim().toUpperCase() === "N/A")) return 0;
  const n = parseNumber(cell);
  return n.ok ? toCents(n.value) : null;
}

/** A count of contracts, sign dropped: "2", "-1", "+3", "(2)", Robinhood's "1S". */
export function contracts(cell: Cell): number | null {
  const n = parseNumber(typeof cell === "string" ? cell.trim().replace(/S$/i, "") : cell);
  if (!n.ok || !Number.isInteger(n.value) || n.value === 0 || Math.abs(n.value) > 1e9) return null;
  return Math.abs(n.value);
}

/** The sign of a quantity cell: -1, 1, or 0 when unreadable or zero. */
export function sign(cell: Cell): number {
  const n = parseNumber(cell);
  return n.ok ? Math.sign(n.value) : 0;
}

/** Index of the first header cell matching one of the names (ignoring case, spaces and punctuation). */
export function findColumn(header: readonly Cell[], names: readonly string[]): number {
  const wanted = names.map(normalizeHeader);
  for (const w of wanted) {
    const i = header.findIndex((h) => normalizeHeader(h) === w);
    if (i >= 0) return i;
  }
  return -1;
}

/** True when every name of a signature is a header of the row. */
export function hasHeaders(row: readonly Cell[], signature: readonly string[]): boolean {
  const present = new Set(row.map(normalizeHeader));
  return signature.every((s) => present.has(normalizeHeader(s)));
}

/** A word of an action cell, squashed ("Sell to Open" -> "selltoopen"), looked up in a profile's table. */
export function wordEvent(words: Readonly<Record<string, TradeEvent | "skip">>, cell: Cell): TradeEvent | "skip" | undefined {
  return words[squash(cell)];
}

/**
 * The contract of a row: from its own columns (underlying, expiration, strike, right) where the
 * file has them, else from the option symbol or description. An option row whose contract cannot
 * be read is an error naming the cell.
 */
export function contractOf(r: RowReader, symbolRoles: readonly string[]): { contract: TradeContract } | { problems: CellProblem[] } {
  if (r.has("strike") && r.has("right") && !isBlank(r.cell("strike"))) {
    const strike = parseNumber(r.cell("strike"));
    const right = readRight(r.cell("right"));
    // A log with no expiration column still tells its contracts apart by the rest; a blank or bad cell is an error.
    const expiration = r.has("expiration") ? dateOf(r.cell("expiration")) : null;
    const problems: CellProblem[] = [];
    if (!strike.ok || strike.value <= 0) problems.push(r.problem("strike", `${JSON.stringify(r.text("strike"))} is not a strike`));
    if (right === null) problems.push(r.problem("right", `${JSON.stringify(r.text("right"))} is not put or call`));
    if (expiration === null && r.has("expiration")) problems.push(r.problem("expiration", `${JSON.stringify(r.text("expiration"))} is not an expiration date`));
    // The underlying column, else the option symbol's root, else a plain ticker in the symbol column.
    const symbolText = r.text(symbolRoles[0]);
    const underlying = r.text("underlying") || parseOptionSymbol(r.cell(symbolRoles[0]))?.underlying || (/^[A-Z][A-Z0-9./]{0,9}$/i.test(symbolText) ? symbolText : "");
    if (underlying === "") problems.push(r.problem("underlying", "no underlying"));
    if (problems.length > 0 || !strike.ok || right === null) return { problems };
    return { contract: { underlying: underlying.toUpperCase(), expiration, right, strike: strike.value } };
  }
  for (const role of symbolRoles) {
    const c = parseOptionSymbol(r.cell(role));
    if (c) {
      const underlying = (r.has("underlying") && r.text("underlying")) || c.underlying;
      if (underlying) return { contract: { ...c, underlying: underlying.toUpperCase() } };
    }
  }
  const role = symbolRoles.find((s) => r.has(s) && !isBlank(r.cell(s))) ?? symbolRoles[0];
  return { problems: [r.problem(role, `${JSON.stringify(r.text(role))} is not an option symbol this reader knows`)] };
}

/** A date cell as brokers write it, or null: the core's date forms (cells.ts parseDate). */
function dateOf(cell: Cell): number | null {
  const d = parseDate(cell);
  return d.ok ? d.value : null;
}

/**
 * The day of a broker's trade-date cell: a date or date-time the core reads, else its first word
 * (Schwab's "04/01/2020 as of 03/31/2020", tastytrade's "2024-08-16T15:57:13+0200").
 */
export function tradeDate(cell: Cell): number | null {
  const whole = dateOf(cell);
  if (whole !== null || typeof cell !== "string") return whole;
  return dateOf(cell.trim().split(/[\sT,;]/)[0]);
}

/** The same row with one role's cell rewritten (a profile's sentence around an option notation). */
export function withCell(r: RowReader, role: string, rewrite: (cell: Cell) => Cell): RowReader {
  const cell = (x: string): Cell => (x === role ? rewrite(r.cell(x)) : r.cell(x));
  return {
    ...r,
    cell,
    text: (x) => (x === role ? String(cell(x) ?? "").trim() : r.text(x)),
    has: (x) => r.has(x) || (x === role && !isBlank(cell(x))),
  };
}

/** Builds a trade reading, or an error reading when the quantity or the contract cannot be read. */
export function trade(
  r: RowReader,
  event: TradeEvent,
  symbolRoles: readonly string[],
  fields: { quantityRole?: string; multiplier?: number; date: number | null; cents: number | null },
): TradeReading {
  const got = contractOf(r, symbolRoles);
  const qRole = fields.quantityRole ?? "quantity";
  // "one": a row whose count comes from elsewhere (the reducer sets it).
  const quantity = qRole === "one" ? 1 : contracts(r.cell(qRole));
  const problems = "problems" in got ? [...got.problems] : [];
  if (quantity === null) problems.push(r.problem(qRole, `${JSON.stringify(r.text(qRole))} is not a whole number of contracts`));
  if (problems.length > 0 || !("contract" in got) || quantity === null) return { kind: "error", problems };
  let multiplier = fields.multiplier ?? got.contract.multiplier ?? 100;
  if (r.has("multiplier") && !isBlank(r.cell("multiplier"))) {
    const m = parseNumber(r.cell("multiplier"));
    if (!m.ok || m.value <= 0) return { kind: "error", problems: [r.problem("multiplier", `${JSON.stringify(r.text("multiplier"))} is not a multiplier`)] };
    multiplier = m.value;
  }
  return { kind: "trade", event, contract: got.contract, multiplier, quantity, date: fields.date, cents: fields.cents };
}

/** Sum of money cells in cents; null when one of them cannot be read. */
export function sumCents(r: RowReader, roles: readonly string[]): number | null {
  let total = 0;
  for (const role of roles) {
    if (!r.has(role)) continue;
    const c = moneyCents(r.cell(role));
    if (c === null) return null;
    total += c;
  }
  return total;
}

/** True when a symbol or description cell is an option, read or not (an unreadable one is an error row, never skipped). */
export function isOptionText(cell: Cell): boolean {
  return parseOptionSymbol(cell) !== null || mentionsOption(cell);
}

// ---------------------------------------------------------------------------------------------
// Position lists: the core reads every option form, asset-class column and summary row itself,
// so a profile only says where the table is (below title lines, within a section, under group
// rows) and, where the format's own header names say a field the core does not guess, which.

/** Header of the column a profile adds for rows whose underlying only a group row above names (thinkorswim); the core takes it for the underlying. */
export const GROUP_UNDERLYING = "Underlying (group row)";

export interface PositionListSpec {
  /** Which header holds which field where the core's header names do not say it (IBKR's DataDiscriminator). */
  hints?: ColumnOverrides;
  /** The underlying each body row's group row names (thinkorswim), added as a column after the file's own. */
  groupOf?: (rowIndex: number) => string | null;
}

/**
 * The table of a position list: its header row and the given body rows as they are in the file
 * (each keeps its sheet row), starting at `firstColumn`.
 */
export function positionTable(
  grid: readonly (readonly Cell[])[],
  headerIndex: number,
  rowIndexes: readonly number[],
  sheet: string,
  spec: PositionListSpec = {},
  firstColumn = 1,
): TableData {
  const header = [...(grid[headerIndex] ?? [])].slice(firstColumn - 1);
  while (header.length > 0 && isBlank(header[header.length - 1])) header.pop();
  const width = header.length;
  const rows = rowIndexes.map((ri) => {
    const cells = [...(grid[ri] ?? [])].slice(firstColumn - 1, firstColumn - 1 + width);
    while (cells.length < width) cells.push(null);
    if (spec.groupOf) cells.push(spec.groupOf(ri));
    return cells;
  });
  const table: TableData = {
    header: spec.groupOf ? [...header, GROUP_UNDERLYING] : header,
    rows,
    headerRow: headerIndex + 1,
    firstColumn,
    rowNumbers: rowIndexes.map((i) => i + 1),
    source: { sheet, name: null, range: "" },
    // Every position export the profiles know writes its options in its symbol or description column.
    optionSymbols: true,
  };
  if (spec.hints) table.columnHints = spec.hints;
  return table;
}
