import { Cell, CellProblem, ColumnOverrides, TableData } from "../types";
import { isBlank, parseNumber, squash } from "../cells";
import { normalizeHeader } from "../columns";
import { toCents } from "../rules";
import { Contract, mentionsOption, readContract, readExpiration } from "./notation";
import { RowReader, TradeEvent, TradeReading } from "./types";

/** Money as brokers write it ("$1,234.50", "-$12.34", "($250.00)", "+$1.20", "--" for none) in cents; null when unreadable. */
export function moneyCents(cell: Cell): number | null {
  if (isBlank(cell)) return 0;
  let text = typeof cell === "string" ? cell.trim() : cell;
  if (typeof text === "string") {
    if (/^-+$/.test(text) || text.toUpperCase() === "N/A") return 0;
    text = text.replace(/^\+/, "").replace(/^\$\+/, "$");
  }
  const n = parseNumber(text);
  return n.ok ? toCents(n.value) : null;
}

/** A count of contracts, sign dropped: "2", "-1", "+3", "(2)", Robinhood's "1S". */
export function contracts(cell: Cell): number | null {
  const text = typeof cell === "string" ? cell.trim().replace(/^\+/, "").replace(/S$/i, "") : cell;
  const n = parseNumber(text);
  if (!n.ok || !Number.isInteger(n.value) || n.value === 0 || Math.abs(n.value) > 1e9) return null;
  return Math.abs(n.value);
}

/** The sign of a quantity cell: -1, 1, or 0 when unreadable or zero. */
export function sign(cell: Cell): number {
  const text = typeof cell === "string" ? cell.trim().replace(/^\+/, "") : cell;
  const n = parseNumber(text);
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
export function contractOf(r: RowReader, symbolRoles: readonly string[]): { contract: Contract & { underlying: string } } | { problems: CellProblem[] } {
  if (r.has("strike") && r.has("right") && !isBlank(r.cell("strike"))) {
    const strike = parseNumber(r.cell("strike"));
    const rightWord = squash(r.cell("right"));
    const right = rightWord === "p" || rightWord === "put" ? "put" : rightWord === "c" || rightWord === "call" ? "call" : null;
    const expiration = readExpiration(r.cell("expiration"));
    const problems: CellProblem[] = [];
    if (!strike.ok || strike.value <= 0) problems.push(r.problem("strike", `${JSON.stringify(r.text("strike"))} is not a strike`));
    if (right === null) problems.push(r.problem("right", `${JSON.stringify(r.text("right"))} is not put or call`));
    if (expiration === null) problems.push(r.problem("expiration", `${JSON.stringify(r.text("expiration"))} is not an expiration date`));
    // The underlying column, else the option symbol's root, else a plain ticker in the symbol column.
    const symbolText = r.text(symbolRoles[0]);
    const underlying = r.text("underlying") || readContract(r.cell(symbolRoles[0]))?.underlying || (/^[A-Z][A-Z0-9./]{0,9}$/i.test(symbolText) ? symbolText : "");
    if (underlying === "") problems.push(r.problem("underlying", "no underlying"));
    if (problems.length > 0 || !strike.ok || right === null || expiration === null) return { problems };
    return { contract: { underlying: underlying.toUpperCase(), expiration, right, strike: strike.value } };
  }
  for (const role of symbolRoles) {
    const c = readContract(r.cell(role));
    if (c) {
      const underlying = (r.has("underlying") && r.text("underlying")) || c.underlying;
      if (underlying) return { contract: { ...c, underlying: underlying.toUpperCase() } };
    }
  }
  const role = symbolRoles.find((s) => r.has(s) && !isBlank(r.cell(s))) ?? symbolRoles[0];
  return { problems: [r.problem(role, `${JSON.stringify(r.text(role))} is not an option symbol this reader knows`)] };
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
  return readContract(cell) !== null || mentionsOption(cell);
}

// ---------------------------------------------------------------------------------------------
// Position lists whose option notation the generic reader does not read yet: the profile adds the
// columns it reads from the notation (underlying, type, strike, expiration), after the file's
// own columns so every original cell keeps its address.

export const DERIVED = {
  underlying: "Underlying (from the symbol)",
  type: "Option type (from the symbol)",
  strike: "Strike (from the symbol)",
  expiration: "Expiration (from the symbol)",
  multiplier: "Multiplier (from the symbol)",
} as const;

export interface PositionListSpec {
  /** Header names of the column holding option symbols or descriptions, in order of preference. */
  symbol: readonly string[];
  /** Further columns to try when the symbol column names no option (Fidelity's Description). */
  alsoSymbol?: readonly string[];
  quantity: readonly string[];
  /** An asset-class column (Schwab Asset Type, IBKR Asset Category): its non-option words say "not an option". */
  assetClass?: readonly string[];
  /** Symbol texts of summary and cash rows ("Account Total", "Cash & Cash Investments"). */
  summary?: RegExp;
  /** The underlying of a row that its notation does not name (thinkorswim's group rows). */
  underlyingOf?: (rowIndex: number) => string | null;
}

/** The table of a position list, from its header row down, with the columns the notation gives added at the right. */
export function positionTable(
  grid: readonly (readonly Cell[])[],
  headerIndex: number,
  rowIndexes: readonly number[],
  spec: PositionListSpec,
  sheet: string,
  firstColumn = 1,
): TableData | { error: string } {
  const header = [...(grid[headerIndex] ?? [])].slice(firstColumn - 1);
  const symbolCol = findColumn(header, spec.symbol);
  const qtyCol = findColumn(header, spec.quantity);
  if (symbolCol < 0) return { error: `no ${spec.symbol[0]} column in row ${headerIndex + 1}` };
  if (qtyCol < 0) return { error: `no ${spec.quantity[0]} column in row ${headerIndex + 1}` };
  const alsoCols = (spec.alsoSymbol ?? []).map((n) => findColumn(header, [n])).filter((i) => i >= 0);
  const assetCol = spec.assetClass ? findColumn(header, spec.assetClass) : -1;
  const width = header.length;
  const rows: Cell[][] = [];
  for (const ri of rowIndexes) {
    const cells = [...(grid[ri] ?? [])].slice(firstColumn - 1);
    while (cells.length < width) cells.push(null);
    cells.length = width;
    rows.push([...cells, ...derive(cells, ri, symbolCol, alsoCols, assetCol, spec)]);
  }
  const multiplierCol = findColumn(header, ["Multiplier", "Mult"]);
  const hints: ColumnOverrides = {
    symbol: String(header[symbolCol]),
    quantity: String(header[qtyCol]),
    underlying: DERIVED.underlying,
    type: DERIVED.type,
    strike: DERIVED.strike,
    expiration: DERIVED.expiration,
    multiplier: multiplierCol >= 0 ? String(header[multiplierCol]) : DERIVED.multiplier,
  };
  return {
    header: [...header, DERIVED.underlying, DERIVED.type, DERIVED.strike, DERIVED.expiration, DERIVED.multiplier],
    rows,
    headerRow: headerIndex + 1,
    firstColumn,
    rowNumbers: rowIndexes.map((i) => i + 1),
    columnHints: hints,
    source: { sheet, name: null, range: "" },
  };
}

const NON_OPTION_ASSETS = /^(stocks?|equity|etfs?.*|mutual funds?|fixed income|bonds?|cash.*|money market|forex|futures?|crypto.*|warrants?|cfds?)$/i;

/** Underlying, option type, strike and expiration of one row, as read from its notation. */
function derive(cells: Cell[], ri: number, symbolCol: number, alsoCols: number[], assetCol: number, spec: PositionListSpec): Cell[] {
  const symbol = cells[symbolCol];
  const text = typeof symbol === "string" ? symbol.trim() : symbol === null ? "" : String(symbol);
  if (spec.summary && spec.summary.test(text)) return [null, "Total", null, null, null];
  for (const c of [symbolCol, ...alsoCols]) {
    const contract = readContract(cells[c]);
    if (!contract) continue;
    const underlying = spec.underlyingOf?.(ri) ?? contract.underlying;
    return [underlying, contract.right === "put" ? "Put" : "Call", contract.strike, contract.expiration, contract.multiplier ?? null];
  }
  const asset = assetCol >= 0 ? cells[assetCol] : null;
  if (typeof asset === "string" && NON_OPTION_ASSETS.test(asset.trim())) return [text || null, "Stock", null, null, null];
  if ([symbolCol, ...alsoCols].some((c) => mentionsOption(cells[c]))) {
    // An option this reader cannot read: a put with no strike is an error row, never a skipped row.
    const isCall = [symbolCol, ...alsoCols].every((c) => !/\bP(UT)?\b/i.test(String(cells[c] ?? ""))) && /\bC(ALL)?\b/i.test(text);
    return [spec.underlyingOf?.(ri) ?? null, isCall ? "Call" : "Put", text ? `unreadable option: ${text}` : null, null, null];
  }
  return [text || null, "Stock", null, null, null];
}
