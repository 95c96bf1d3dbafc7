import {
  CellProblem,
  Cell,
  ColumnMapping,
  ErrorRow,
  ExcludedReason,
  ExcludedRow,
  Field,
  RowResult,
  SignConvention,
  TableData,
  TableReading,
} from "./types";
import { columnLetters, isBlank, sheetRow, isoFromSerial, parseDate, parseMultiplier, parseNumber, parseQuantity, Parsed, showCell, MIN_STRIKE } from "./cells";
import { mentionsOption, OptionSymbol, parseOptionSymbol } from "./options";
import {
  isSummaryLevel,
  isSummaryText,
  openFlagSaysClosed,
  OptionRight,
  readAssetClass,
  readSideWord,
  readTypeWord,
  statusIsClosed,
  readStatus,
  TypeWord,
  yesNo,
} from "./words";
import { assignmentValueCents, DEFAULT_MULTIPLIER, MAX_DOLLARS } from "./rules";
import type { IncomeRowFacts } from "./income-table";

/** The problems of a row that has none: one shared, frozen empty list. */
const NO_PROBLEMS = Object.freeze([]) as unknown as CellProblem[];
const MAX_VALUE_CENTS = MAX_DOLLARS * 100;

/** The rows of a position list and how the list was read. */
export interface PositionList {
  rows: RowResult[];
  reading: TableReading;
  /**
   * What income needs of every position row, counted, excluded and error rows alike (never
   * summary or detail rows); empty when read for kinds only.
   */
  facts: IncomeRowFacts[];
  /** The kinds open (short put, long call, stock ...), lower case, sorted: the strategies of a table without a Strategy column. */
  openKinds: string[];
}

/**
 * How much the row reader tells income: "full" facts of every row, which the premium,
 * closing-cost and fee columns and a Strategy column need; "kinds" only the kinds of the open
 * rows, all a table without income columns needs, which spares a 100,000-row review an object
 * per row.
 */
export type FactsDepth = "full" | "kinds";

/** What the whole table says before its rows are read one by one. */
interface TableFacts {
  table: TableData;
  mapping: ColumnMapping;
  /** Per body row: the option read from the symbol (or, failing that, the description) cell. */
  options: (OptionSymbol | null)[] | null;
  /** Per body row: true when the option came from the description column. */
  fromDescription: Uint8Array | null;
  /** True when some row's symbol or description is a readable option, or the table's maker says its symbols are where options are written. */
  holdsOptions: boolean;
  /** True when the level-of-detail column marks some rows SUMMARY: only those are positions. */
  summaryLevelOnly: boolean;
}

/**
 * What the first pass learns of each row beside its result, in typed arrays so that 100,000 rows
 * allocate no per-row objects: `bySign` marks a put row whose short or long depends on the sign of
 * its quantity (no side word, no type word saying it); `vote` is the quantity of a row known to be
 * an open put (NaN otherwise), the rows that judge the sign convention.
 */
interface SignFacts {
  bySign: Uint8Array;
  vote: Float64Array;
}

/** Reads each body row of a table into counted, excluded or error, as RULES.md "Which rows count" says. */
export function classifyRows(table: TableData, mapping: ColumnMapping): RowResult[] {
  return readPositionList(table, mapping).rows;
}

/** Reads a position list: every row, the sign convention judged among open put rows, and how it was read. */
export function readPositionList(table: TableData, mapping: ColumnMapping, depth: FactsDepth = "full"): PositionList {
  const facts = tableFacts(table, mapping);
  const n = table.rows.length;
  const signs: SignFacts = { bySign: new Uint8Array(n), vote: new Float64Array(n).fill(NaN) };
  const rows: RowResult[] = [];
  const summaryRows: number[] = [];
  let detailRows = 0;
  // RULES.md "Sign convention": only open put rows vote; one negative quantity among them makes it the broker's.
  let negativeOpenPut = false;
  for (let i = 0; i < n; i++) {
    const result = draftRow(table.rows[i], i, facts, signs);
    if (!result) continue;
    if (signs.vote[i] < 0) negativeOpenPut = true;
    if (result.status === "excluded") {
      if (result.reason === "summary row") summaryRows.push(result.row);
      else if (result.reason === "detail row") detailRows++;
    }
    rows.push(result);
  }
  const hasSide = mapping.columns.side !== undefined;
  const sign: SignConvention = hasSide ? "side column" : negativeOpenPut ? "broker" : "put-selling log";

  // Under the broker's convention, a row whose sign decides is long when its quantity is positive.
  let bySignRows = 0;
  for (let i = 0; i < n; i++) bySignRows += signs.bySign[i];
  if (negativeOpenPut) {
    for (let k = 0; k < rows.length; k++) {
      const i = rows[k].index;
      if (signs.bySign[i] && signs.vote[i] > 0) rows[k] = longBySign(rows[k], mapping);
    }
  }

  const putLog = mapping.columns.type === undefined && !facts.holdsOptions;
  const notes = [signLine(sign, mapping, bySignRows, negativeOpenPut)];
  if (putLog) notes.push("Read as a put-selling log: no type column and no option symbols, so every row with a strike is a put");
  if (summaryRows.length > 0) {
    notes.push(`Skipped ${summaryRows.length === 1 ? "1 summary row" : `${summaryRows.length} summary rows`} (Total, Subtotal): row${summaryRows.length === 1 ? "" : "s"} ${summaryRows.join(", ")}`);
  }
  if (mapping.columns.levelOfDetail !== undefined) {
    notes.push(
      facts.summaryLevelOnly
        ? `Only ${mapping.headers.levelOfDetail} SUMMARY rows are positions: ${detailRows} detail row${detailRows === 1 ? "" : "s"} (LOT, EXECUTION) left out`
        : `${mapping.headers.levelOfDetail} marks no row SUMMARY: every row is read as a position`,
    );
  }
  notes.push(...mapping.notes);
  const described = depth === "full" ? describeRows(rows, facts, negativeOpenPut) : [];
  const openKinds = depth === "full" ? kindsOpen(described) : kindsOpenOf(rows, facts, negativeOpenPut);
  return { rows, reading: { layout: "positions", sign, putLog, summaryRows, problems: [], notes }, facts: described, openKinds };
}

/** The one line a review shows about short and long. */
function signLine(sign: SignConvention, mapping: ColumnMapping, bySignRows: number, negative: boolean): string {
  const qty = mapping.headers.quantity ?? "quantity";
  const bySign = negative ? `a negative ${qty} is short, a positive one long` : `a positive ${qty} is a sold put`;
  if (sign === "side column") {
    return bySignRows > 0
      ? `Short or long: the ${mapping.headers.side} column says; rows with a blank ${mapping.headers.side} by the sign (${bySign})`
      : `Short or long: the ${mapping.headers.side} column says`;
  }
  if (sign === "broker") return `Sign convention: the broker's (${bySign}), as open put rows hold negative quantities`;
  return `Sign convention: a put-selling log (${bySign}), as no open put row holds a negative quantity`;
}

function longBySign(result: RowResult, mapping: ColumnMapping): RowResult {
  return excluded(result.row, result.index, result.underlying, "long", `long (positive ${mapping.headers.quantity ?? "quantity"} in a table where negative means short)`);
}

function tableFacts(table: TableData, mapping: ColumnMapping): TableFacts {
  const { columns } = mapping;
  const symCol = columns[symbolField(mapping)];
  const descCol = columns.description;
  let options: (OptionSymbol | null)[] | null = null;
  let fromDescription: Uint8Array | null = null;
  // A broker's export writes its options in its symbol column even when none is open today: its
  // plain tickers without a strike are then stock rows, not a put-selling log's unreadable puts.
  let holdsOptions = table.optionSymbols === true;
  if (symCol !== undefined || descCol !== undefined) {
    // The per-row arrays are made at the first option found: a log of plain tickers needs none.
    for (let i = 0; i < table.rows.length; i++) {
      const cells = table.rows[i];
      let option = symCol === undefined ? null : parseOptionSymbol(cells[symCol] ?? null);
      let described = false;
      if (option === null && descCol !== undefined) {
        option = parseOptionSymbol(cells[descCol] ?? null);
        described = option !== null;
      }
      if (option === null) continue;
      if (options === null || fromDescription === null) {
        options = new Array(table.rows.length).fill(null);
        fromDescription = new Uint8Array(table.rows.length);
      }
      options[i] = option;
      if (described) fromDescription[i] = 1;
      holdsOptions = true;
    }
  }
  const lod = columns.levelOfDetail;
  const summaryLevelOnly = lod !== undefined && table.rows.some((r) => isSummaryLevel(r[lod] ?? null));
  return { table, mapping, options, fromDescription, holdsOptions, summaryLevelOnly };
}

/** Reads one body row as far as it goes without the sign convention; null for a blank row. */
function draftRow(cells: readonly Cell[], index: number, facts: TableFacts, signs: SignFacts): RowResult | null {
  if (cells.every(isBlank)) return null;
  const { table, mapping } = facts;
  const { columns, headers } = mapping;
  const row = sheetRow(table, index);
  const option = facts.options ? facts.options[index] : null;
  const optionField: Field = facts.fromDescription && facts.fromDescription[index] ? "description" : symbolField(mapping);
  const underlying = underlyingOf(cells, mapping, option);

  const strikeCell = cellAt(cells, columns, "strike");
  const hasStrike = columns.strike !== undefined && !isBlank(strikeCell);

  // 1. Summary and detail rows are not positions.
  if (option === null && !startsLikeNumber(strikeCell)) {
    const total = cells.find(isSummaryText);
    if (total !== undefined) return excluded(row, index, underlying, "summary row", `summary row (${showCell(total)})`);
  }
  if (facts.summaryLevelOnly) {
    const level = cellAt(cells, columns, "levelOfDetail");
    if (!isBlank(level) && !isSummaryLevel(level)) return excluded(row, index, underlying, "detail row", `detail row (${headers.levelOfDetail} says ${showCell(level)})`);
  }

  // 2. An option at all, and a put?
  let errors: CellProblem[] = NO_PROBLEMS;
  const assetCell = cellAt(cells, columns, "assetClass");
  const assetClass = columns.assetClass === undefined ? null : readAssetClass(assetCell);
  if (assetClass === "not an option") return excluded(row, index, underlying, "not an option", `not an option (${headers.assetClass} says ${showCell(assetCell)})`);
  const typeCell = cellAt(cells, columns, "type");
  const typeWord: TypeWord | null = columns.type === undefined ? null : readTypeWord(typeCell);
  const kind = readKind(cells, row, facts, option, optionField, typeWord, assetClass, hasStrike);
  if (kind.kind === "not an option") return excluded(row, index, underlying, "not an option", `not an option (${kind.why})`);
  if (kind.kind === "call") return excluded(row, index, underlying, "not a put", `not a put (${kind.why})`);
  if (kind.kind === "unknown") errors = withProblem(errors, kind.problem);

  // 3. Open?
  const statusCell = cellAt(cells, columns, "status");
  if (statusIsClosed(statusCell)) return excluded(row, index, underlying, "closed", `closed (${headers.status} says ${showCell(statusCell)})`);
  const flagCell = cellAt(cells, columns, "openFlag");
  if (columns.openFlag !== undefined && openFlagSaysClosed(flagCell)) return excluded(row, index, underlying, "closed", `closed (${headers.openFlag} says ${showCell(flagCell)})`);
  let dateProblems: CellProblem[] = NO_PROBLEMS;
  const closeCell = cellAt(cells, columns, "closeDate");
  // A "Closed" column may hold a yes/no flag instead of a date.
  const closedFlag = isBlank(closeCell) || typeof closeCell === "number" ? null : yesNo(closeCell);
  if (closedFlag === true) return excluded(row, index, underlying, "closed", `closed (${headers.closeDate} says ${showCell(closeCell)})`);
  if (closedFlag === null && !isBlank(closeCell)) {
    const close = parseDate(closeCell);
    if (close.ok) return excluded(row, index, underlying, "closed", `closed (${headers.closeDate} is filled in)`);
    // A bad date never hides exposure: the row stays open and the cell is reported.
    dateProblems = withProblem(dateProblems, cellProblem(table, mapping, row, "closeDate", close.message));
  }

  // 4. Short? A side word decides; else a type word that says it; else the table's sign convention.
  const qty = parseQuantity(cellAt(cells, columns, "quantity"));
  if (!qty.ok) errors = withProblem(errors, cellProblem(table, mapping, row, "quantity", qty.message));
  const says = kind.kind === "put" ? kind.says : null;
  const sideCell = cellAt(cells, columns, "side");
  let bySign = false;
  if (columns.side !== undefined && !isBlank(sideCell)) {
    const side = readSideWord(sideCell);
    if (side === null || side === "closing") {
      errors = withProblem(errors, cellProblem(table, mapping, row, "side", `${showCell(sideCell)} is not a side (use Sell, Short, STO, Buy, Long or BTO)`));
    } else if (says !== null && side !== says) {
      errors = withProblem(errors, {
        column: `${headers.type} / ${headers.side}`,
        cell: `${cellAddress(table, mapping, row, "type")} / ${cellAddress(table, mapping, row, "side")}`,
        message: `${headers.type} says ${showCell(typeCell)} (${says}) but ${headers.side} says ${showCell(sideCell)}`,
      });
    } else if (side === "long" && errors === NO_PROBLEMS) {
      return excluded(row, index, underlying, "long", `long (${headers.side} says ${showCell(sideCell)})`);
    }
  } else if (says === "long") {
    if (errors === NO_PROBLEMS) return excluded(row, index, underlying, "long", `long (${headers.type} says ${showCell(typeCell)})`);
  } else if (says === null) {
    bySign = kind.kind === "put";
  }

  // 5. Strike and multiplier.
  let strike: number | null = null;
  if (hasStrike) {
    const s = strikeOf(parseNumber(strikeCell), strikeCell);
    if (!s.ok) errors = withProblem(errors, cellProblem(table, mapping, row, "strike", s.message));
    else {
      strike = s.value;
      if (option && Math.round(option.strike * 1000) !== Math.round(s.value * 1000)) {
        errors = withProblem(errors, symbolConflict(table, mapping, row, "strike", optionField, String(option.strike), String(s.value)));
      }
    }
  } else if (option) {
    strike = option.strike;
  } else if (kind.kind === "put") {
    const missing =
      columns.strike !== undefined
        ? cellProblem(table, mapping, row, "strike", "strike is empty")
        : cellProblem(table, mapping, row, optionField, "no strike: the table has no Strike column and this cell is not an option symbol");
    errors = withProblem(errors, missing);
  }
  let multiplier = option?.multiplier ?? DEFAULT_MULTIPLIER;
  const multCell = cellAt(cells, columns, "multiplier");
  if (columns.multiplier !== undefined && !isBlank(multCell)) {
    const m = parseMultiplier(multCell);
    if (!m.ok) errors = withProblem(errors, cellProblem(table, mapping, row, "multiplier", m.message));
    else multiplier = m.value;
  }

  // 6. Dates that only flag or order: unreadable ones are reported, never fatal.
  let expiration = readDate(cells, mapping, "expiration");
  if (Number.isNaN(expiration)) {
    dateProblems = withProblem(dateProblems, dateCellProblem(cells, table, mapping, row, "expiration"));
    expiration = null;
  }
  if (option) {
    if (expiration !== null && expiration !== option.expiration) {
      errors = withProblem(errors, symbolConflict(table, mapping, row, "expiration", optionField, isoFromSerial(option.expiration), isoFromSerial(expiration)));
    }
    expiration = option.expiration;
  }
  let openDate = readDate(cells, mapping, "openDate");
  if (Number.isNaN(openDate)) {
    dateProblems = withProblem(dateProblems, dateCellProblem(cells, table, mapping, row, "openDate"));
    openDate = null;
  }

  const valueCents = qty.ok && strike !== null ? assignmentValueCents(strike, qty.value, multiplier) : 0;
  if (!(valueCents <= MAX_VALUE_CENTS)) {
    errors = withProblem(errors, cellProblem(table, mapping, row, "quantity", "strike x multiplier x quantity is above $1,000,000,000,000: a typing mistake"));
  }
  // Only a row known to be an open put votes on the sign convention.
  const vote = kind.kind === "put" && qty.ok ? qty.value : null;
  if (bySign) signs.bySign[index] = 1;
  if (vote !== null) signs.vote[index] = vote;
  if (errors.length > 0 || !qty.ok || strike === null) {
    const error: ErrorRow = { status: "error", row, index, underlying, problems: dateProblems.length ? [...errors, ...dateProblems] : errors };
    return error;
  }
  return {
    status: "counted",
    row,
    index,
    underlying: underlying ?? "(no ticker)",
    strike,
    contracts: Math.abs(qty.value),
    multiplier,
    assignmentValueCents: valueCents,
    openDate,
    expiration,
    problems: dateProblems,
  };
}

/** INCOME.md "Same system, larger": the kinds of the open rows, each once (stock for every non-option row). */
export function kindsOpen(facts: readonly IncomeRowFacts[]): string[] {
  const found = new Set<string>();
  for (const f of facts) {
    const kind = kindName(f);
    if (kind !== null) found.add(kind);
  }
  return [...found].sort();
}

// Made once, not per row: a 100,000-row table names at most five kinds.
const KIND_NAMES = {
  short: { put: "short put", call: "short call" },
  long: { put: "long put", call: "long call" },
} as const;

/** The kind a row adds to the strategies open: null when it is closed or its type or side is unknown. */
function kindName(f: Pick<IncomeRowFacts, "closed" | "instrument" | "side">): string | null {
  if (f.closed || f.instrument === null) return null;
  if (f.instrument === "stock") return "stock";
  return f.side === null ? null : KIND_NAMES[f.side][f.instrument];
}

/**
 * The kinds open, without facts for every row: counted rows are open short puts, closed rows add
 * nothing, and a row whose possible kinds are all found already is not read again (a long put row
 * can only add "long put"), so a long table reads a handful of its excluded rows.
 */
function kindsOpenOf(rows: readonly RowResult[], facts: TableFacts, negativeOpenPut: boolean): string[] {
  const found = new Set<string>();
  const known = (...kinds: string[]) => kinds.every((k) => found.has(k));
  for (const r of rows) {
    if (r.status === "counted") found.add(KIND_NAMES.short.put);
    else if (r.status === "error" || (r.reason !== "closed" && r.reason !== "summary row" && r.reason !== "detail row")) {
      if (r.status === "excluded") {
        if (r.reason === "long" && known(KIND_NAMES.long.put)) continue;
        if (r.reason === "not an option" && known("stock")) continue;
        if (r.reason === "not a put" && known(KIND_NAMES.short.call, KIND_NAMES.long.call)) continue;
      }
      const kind = kindName(describeRow(facts.table.rows[r.index], r, facts, negativeOpenPut, "kinds"));
      if (kind !== null) found.add(kind);
    }
  }
  return [...found].sort();
}

/** IncomeRowFacts of every position row, after the sign convention is known. */
function describeRows(rows: readonly RowResult[], facts: TableFacts, negativeOpenPut: boolean): IncomeRowFacts[] {
  const out: IncomeRowFacts[] = [];
  for (const r of rows) {
    if (r.status === "counted") {
      out.push({
        index: r.index,
        row: r.row,
        instrument: "put",
        side: "short",
        contracts: r.contracts,
        multiplier: r.multiplier,
        strike: r.strike,
        openDate: r.openDate,
        closeDate: null,
        closed: false,
        expired: false,
      });
    } else if (r.status === "error" || (r.reason !== "summary row" && r.reason !== "detail row")) {
      out.push(describeRow(facts.table.rows[r.index], r, facts, negativeOpenPut, "full"));
    }
  }
  return out;
}

/**
 * What income needs of a row the reader did not count: read again from its cells with the
 * reader's own words, since an excluded row was left at the first reason found.
 */
function describeRow(cells: readonly Cell[], r: RowResult, facts: TableFacts, negativeOpenPut: boolean, depth: FactsDepth): IncomeRowFacts {
  const { columns } = facts.mapping;
  const index = r.index;
  const option = facts.options ? facts.options[index] : null;
  const reason = r.status === "excluded" ? r.reason : null;

  let instrument: IncomeRowFacts["instrument"];
  if (reason === "not a put") instrument = "call";
  else if (reason === "not an option") instrument = "stock";
  else if (reason === "long") instrument = "put";
  else instrument = instrumentOf(cells, r.row, index, facts, option);

  const qtyCell = cellAt(cells, columns, "quantity");
  let side: IncomeRowFacts["side"] = null;
  const sideCell = cellAt(cells, columns, "side");
  if (reason === "long") side = "long";
  else if (columns.side !== undefined && !isBlank(sideCell)) {
    const word = readSideWord(sideCell);
    side = word === "short" || word === "long" ? word : null;
  } else {
    const typeWord = columns.type === undefined ? null : readTypeWord(cellAt(cells, columns, "type"));
    if (typeWord?.kind === "put" && typeWord.says !== null) side = typeWord.says;
    else {
      // By the sign: only the broker's convention makes a positive quantity long; a negative one is short either way.
      const qty = parseQuantity(qtyCell);
      if (qty.ok) side = negativeOpenPut && qty.value > 0 ? "long" : "short";
    }
  }

  const status = columns.status === undefined ? null : readStatus(cellAt(cells, columns, "status"));
  const closeCell = cellAt(cells, columns, "closeDate");
  const closedFlag = isBlank(closeCell) || typeof closeCell === "number" ? null : yesNo(closeCell);
  let closeDate: number | null = null;
  let closed = reason === "closed" || status !== null || closedFlag === true || (columns.openFlag !== undefined && openFlagSaysClosed(cellAt(cells, columns, "openFlag")));
  if (closedFlag === null && !isBlank(closeCell)) {
    const d = parseDate(closeCell);
    if (d.ok) {
      closed = true;
      closeDate = d.value;
    }
  }
  if (depth === "kinds") {
    return { index, row: r.row, instrument, side, contracts: null, multiplier: DEFAULT_MULTIPLIER, strike: null, openDate: null, closeDate, closed, expired: status === "expired" };
  }

  const qty = parseQuantity(qtyCell);
  const strikeCell = cellAt(cells, columns, "strike");
  let strike: number | null = option ? option.strike : null;
  if (columns.strike !== undefined && !isBlank(strikeCell)) {
    const s = strikeOf(parseNumber(strikeCell), strikeCell);
    strike = s.ok ? s.value : null;
  }
  let multiplier = option?.multiplier ?? DEFAULT_MULTIPLIER;
  const multCell = cellAt(cells, columns, "multiplier");
  if (columns.multiplier !== undefined && !isBlank(multCell)) {
    const m = parseMultiplier(multCell);
    if (m.ok) multiplier = m.value;
  }
  const openDate = readDate(cells, facts.mapping, "openDate");
  return {
    index,
    row: r.row,
    instrument,
    side,
    contracts: qty.ok ? Math.abs(qty.value) : null,
    multiplier,
    strike,
    openDate: openDate === null || Number.isNaN(openDate) ? null : openDate,
    closeDate,
    closed,
    expired: status === "expired",
  };
}

/** Put, call or stock as the reader's own reading of the type says; null when it cannot tell (an error row's type). */
function instrumentOf(cells: readonly Cell[], row: number, index: number, facts: TableFacts, option: OptionSymbol | null): IncomeRowFacts["instrument"] {
  const { columns } = facts.mapping;
  const assetClass = columns.assetClass === undefined ? null : readAssetClass(cellAt(cells, columns, "assetClass"));
  if (assetClass === "not an option") return "stock";
  const typeWord = columns.type === undefined ? null : readTypeWord(cellAt(cells, columns, "type"));
  const optionField: Field = facts.fromDescription && facts.fromDescription[index] ? "description" : symbolField(facts.mapping);
  const hasStrike = columns.strike !== undefined && !isBlank(cellAt(cells, columns, "strike"));
  const kind = readKind(cells, row, facts, option, optionField, typeWord, assetClass, hasStrike);
  return kind.kind === "put" ? "put" : kind.kind === "call" ? "call" : kind.kind === "not an option" ? "stock" : null;
}

type Kind =
  | { kind: "put"; says: "short" | "long" | null }
  | { kind: "call"; why: string }
  | { kind: "not an option"; why: string }
  | { kind: "unknown"; problem: CellProblem };

/**
 * Put, call, not an option, or unknown (an error row), by RULES.md "Type": a readable option
 * symbol decides (a non-option word in the type cell does not contradict it); else the type
 * word; else, with no type column and no option symbols, a put-selling log's row is a put.
 */
function readKind(
  cells: readonly Cell[],
  row: number,
  facts: TableFacts,
  option: OptionSymbol | null,
  optionField: Field,
  typeWord: TypeWord | null,
  assetClass: "option" | "not an option" | null,
  hasStrike: boolean,
): Kind {
  const { table, mapping } = facts;
  const { columns, headers } = mapping;
  const typeCell = cellAt(cells, columns, "type");
  const typeBlank = columns.type === undefined || isBlank(typeCell);
  const unknownType = (): Kind => ({
    kind: "unknown",
    problem: cellProblem(table, mapping, row, "type", `${headers.type} ${showCell(typeCell)} is not a put, call or stock word`),
  });

  if (option) {
    const said: OptionRight | null = typeWord?.kind === "put" ? "put" : typeWord?.kind === "call" ? "call" : null;
    if (said !== null && said !== option.right) {
      return { kind: "unknown", problem: symbolConflict(table, mapping, row, "type", optionField, option.right, said) };
    }
    if (typeWord === null && !typeBlank) return unknownType();
    if (option.right === "call") return { kind: "call", why: `${headers[optionField]} ${showCell(cellAt(cells, columns, optionField))} is a call` };
    return { kind: "put", says: typeWord?.kind === "put" ? typeWord.says : null };
  }
  if (typeWord?.kind === "put") return typeWord;
  if (typeWord?.kind === "call") return { kind: "call", why: `${headers.type} says ${showCell(typeCell)}` };
  // A symbol meant as an option decides over a non-option type word (Fidelity's Margin), so one
  // that cannot be read is an error, never "not an option".
  const symField = symbolField(mapping);
  const symbolCell = cellAt(cells, columns, symField);
  if ((typeBlank || typeWord !== null) && mentionsOption(symbolCell)) {
    return {
      kind: "unknown",
      problem: cellProblem(table, mapping, row, symField, `${showCell(symbolCell)} looks like an option but cannot be read as one (use a form such as AAPL  250117P00150000)`),
    };
  }
  if (typeWord?.kind === "not an option") return { kind: "not an option", why: `${headers.type} says ${showCell(typeCell)}` };
  if (!typeBlank) return unknownType();

  // Nothing in a type cell: the asset class and the table decide.
  if (facts.holdsOptions && !hasStrike && assetClass !== "option") {
    return { kind: "not an option", why: isBlank(symbolCell) ? "no option symbol and no strike" : `${headers[symField]} ${showCell(symbolCell)} is not an option symbol and the row has no strike` };
  }
  if (assetClass === "option") {
    return {
      kind: "unknown",
      problem: cellProblem(table, mapping, row, columns.type !== undefined ? "type" : "assetClass", `${headers.assetClass} says ${showCell(cellAt(cells, columns, "assetClass"))} but no cell says put or call`),
    };
  }
  if (columns.type !== undefined) {
    return { kind: "unknown", problem: cellProblem(table, mapping, row, "type", `${headers.type} is empty: write Put, Call or Stock`) };
  }
  return { kind: "put", says: null };
}

/**
 * True for a number cell or text that starts as a number does ("12", "$1,200", "(3)", "-2", ".5"),
 * a digit within its first characters; "--" and "n/a" do not. The summary test needs only this
 * much: a row whose strike starts so but does not parse is an error row rather than a skipped
 * one, the safe side, and 100,000 strikes are not parsed twice.
 */
function startsLikeNumber(cell: Cell): boolean {
  if (typeof cell === "number") return Number.isFinite(cell);
  if (typeof cell !== "string") return false;
  const text = cell.trimStart();
  for (let i = 0; i < text.length && i < 5; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
    // Only $ ( + - . and spaces may come before the first digit.
    if (c !== 36 && c !== 40 && c !== 43 && c !== 45 && c !== 46 && c !== 32) return false;
  }
  return false;
}

/** A strike from its parsed number: at least 0.01, at most 1,000,000,000. */
function strikeOf(n: Parsed<number>, cell: Cell): Parsed<number> {
  if (!n.ok) return n;
  if (n.value < MIN_STRIKE) return { ok: false, message: `strike must be at least 0.01, not ${showCell(cell)}` };
  if (n.value > 1e9) return { ok: false, message: `strike ${showCell(cell)} is too large to be a real strike` };
  return n;
}

/** The underlying: the underlying column beside a symbol column, else the option's root, else the symbol text. */
function underlyingOf(cells: readonly Cell[], mapping: ColumnMapping, option: OptionSymbol | null): string | null {
  const { columns } = mapping;
  if (columns.underlying !== undefined && columns.symbol !== undefined) {
    const named = textOrNull(cells[columns.underlying] ?? null);
    if (named !== null) return named.toUpperCase();
  }
  if (option) return option.underlying;
  const text = textOrNull(cellAt(cells, columns, symbolField(mapping)));
  return text === null ? null : text.toUpperCase();
}

function excluded(row: number, index: number, underlying: string | null, reason: ExcludedReason, detail: string): ExcludedRow {
  return { status: "excluded", row, index, underlying, reason, detail };
}

function cellAt(cells: readonly Cell[], columns: ColumnMapping["columns"], field: Field): Cell {
  const c = columns[field];
  return c === undefined ? null : cells[c] ?? null;
}

function cellAddress(table: TableData, mapping: ColumnMapping, row: number, field: Field): string {
  return `${columnLetters(table.firstColumn + (mapping.columns[field] ?? 0))}${row}`;
}

function cellProblem(table: TableData, mapping: ColumnMapping, row: number, field: Field, message: string): CellProblem {
  return { column: mapping.headers[field] ?? field, cell: cellAddress(table, mapping, row, field), message };
}

/** A column and the option symbol disagree: the problem names both cells. */
function symbolConflict(table: TableData, mapping: ColumnMapping, row: number, field: Field, optionField: Field, symbolValue: string, own: string): CellProblem {
  const headers = mapping.headers;
  const symbolHeader = headers[optionField] ?? "Symbol";
  return {
    column: `${headers[field]} / ${symbolHeader}`,
    cell: `${cellAddress(table, mapping, row, field)} / ${cellAddress(table, mapping, row, optionField)}`,
    message: `${headers[field]} says ${own} but the option symbol in ${symbolHeader} says ${symbolValue}`,
  };
}

/** A date that only flags or orders: null when absent, NaN when unreadable (reported, never fatal). */
function readDate(cells: readonly Cell[], mapping: ColumnMapping, field: Field): number | null {
  const cell = cellAt(cells, mapping.columns, field);
  if (mapping.columns[field] === undefined || isBlank(cell)) return null;
  const d = parseDate(cell);
  return d.ok ? d.value : NaN;
}

function dateCellProblem(cells: readonly Cell[], table: TableData, mapping: ColumnMapping, row: number, field: Field): CellProblem {
  const d = parseDate(cellAt(cells, mapping.columns, field));
  return cellProblem(table, mapping, row, field, d.ok ? "" : d.message);
}

/** Adds a problem to a row's list, replacing the shared empty list on the first one. */
function withProblem(list: CellProblem[], problem: CellProblem): CellProblem[] {
  if (list === NO_PROBLEMS) return [problem];
  list.push(problem);
  return list;
}

/** The column option symbols are read from: Symbol, or the only ticker-like column. */
export function symbolField(mapping: ColumnMapping): Field {
  return mapping.columns.symbol !== undefined ? "symbol" : "underlying";
}

function textOrNull(cell: Cell): string | null {
  if (isBlank(cell)) return null;
  return String(cell).trim();
}
