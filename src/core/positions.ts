import {
  CellProblem,
  Cell,
  ColumnMapping,
  Field,
  RowResult,
  TableData,
} from "./types";
import {
  columnLetters,
  isBlank,
  isoFromSerial,
  parseDate,
  parseNumber,
  parseQuantity,
  parseStrike,
  readRight,
  readSide,
  showCell,
  statusIsClosed,
} from "./cells";
import { parseOptionSymbol } from "./occ";
import { assignmentValueCents, DEFAULT_MULTIPLIER } from "./rules";

/** The problems of a row that has none: one shared, frozen empty list. */
const NO_PROBLEMS = Object.freeze([]) as unknown as CellProblem[];

/** Reads each body row of a table into counted, excluded or error, as RULES.md "Which rows count" says. */
export function classifyRows(table: TableData, mapping: ColumnMapping): RowResult[] {
  const { columns } = mapping;
  const qtyCol = columns.quantity;
  // Broker sign convention: one negative quantity anywhere means positive is long.
  const signedTable =
    columns.side === undefined &&
    qtyCol !== undefined &&
    table.rows.some((r) => {
      const q = parseNumber(r[qtyCol] ?? null);
      return q.ok && q.value < 0;
    });
  const results: RowResult[] = [];
  table.rows.forEach((cells, index) => {
    const result = classifyRow(cells, index, table, mapping, signedTable);
    if (result) results.push(result);
  });
  return results;
}

function classifyRow(
  cells: readonly Cell[],
  index: number,
  table: TableData,
  mapping: ColumnMapping,
  signedTable: boolean,
): RowResult | null {
  if (cells.every(isBlank)) return null;
  const { columns, headers } = mapping;
  const row = table.rowNumbers?.[index] ?? table.headerRow + 1 + index;

  // Most rows have no problem: the arrays are shared and empty until one is found.
  let errors: CellProblem[] = NO_PROBLEMS;
  let dateProblems: CellProblem[] = NO_PROBLEMS;

  // The option symbol, when the row has one.
  const symField = symbolField(mapping);
  const symbolCell = columns[symField] === undefined ? null : cellAt(cells, columns, symField);
  const option = parseOptionSymbol(symbolCell);
  let underlying: string | null = null;
  if (mapping.symbolIsOption) {
    underlying = textOrNull(cellAt(cells, columns, "underlying"));
  } else if (option) {
    underlying = option.underlying;
  } else {
    underlying = textOrNull(symbolCell);
  }
  if (underlying !== null) underlying = underlying.toUpperCase();
  if (option && mapping.symbolIsOption && underlying !== null && underlying !== option.underlying) {
    errors = withProblem(errors, symbolConflict(table, mapping, row, "underlying", option.underlying, `'${underlying}'`));
  }

  // 1. A put?
  const typeCell = cellAt(cells, columns, "type");
  const typeRight = columns.type === undefined ? null : readRight(typeCell);
  if (typeRight && option && typeRight !== option.right) {
    errors = withProblem(errors, symbolConflict(table, mapping, row, "type", option.right, typeRight));
  }
  const right = typeRight ?? option?.right ?? (columns.type === undefined ? "put" : null);
  if (right !== "put" && errors.length === 0) {
    const said = columns.type !== undefined && !isBlank(typeCell) ? `${headers.type} says ${showCell(typeCell)}` : "no option type";
    return { status: "excluded", row, index, underlying, reason: "not a put", detail: `not a put (${said})` };
  }

  // 2. Open?
  const statusCell = cellAt(cells, columns, "status");
  if (statusIsClosed(statusCell)) {
    return { status: "excluded", row, index, underlying, reason: "closed", detail: `closed (${headers.status} says ${showCell(statusCell)})` };
  }
  const closeCell = cellAt(cells, columns, "closeDate");
  if (!isBlank(closeCell)) {
    const close = parseDate(closeCell);
    if (close.ok) {
      return { status: "excluded", row, index, underlying, reason: "closed", detail: `closed (${headers.closeDate} is filled in)` };
    }
    // A bad date never hides exposure: the row stays open and the cell is reported.
    dateProblems = withProblem(dateProblems, cellProblem(table, mapping, row, "closeDate", close.message));
  }

  // 3. Short?
  const qty = parseQuantity(cellAt(cells, columns, "quantity"));
  if (!qty.ok) errors = withProblem(errors, cellProblem(table, mapping, row, "quantity", qty.message));
  const sideCell = cellAt(cells, columns, "side");
  if (columns.side !== undefined && !isBlank(sideCell)) {
    const side = readSide(sideCell);
    if (side === null) {
      errors = withProblem(errors, cellProblem(table, mapping, row, "side", `${showCell(sideCell)} is not a side (use Sell, Short, STO, Buy, Long or BTO)`));
    } else if (side === "long" && errors.length === 0) {
      return { status: "excluded", row, index, underlying, reason: "long", detail: `long (${headers.side} says ${showCell(sideCell)})` };
    }
  } else if (qty.ok && qty.value > 0 && signedTable) {
    return {
      status: "excluded",
      row,
      index,
      underlying,
      reason: "long",
      detail: `long (positive ${headers.quantity ?? "quantity"} in a table where negative means short)`,
    };
  }

  // 4. Strike and multiplier.
  let strike: number | null = null;
  if (columns.strike !== undefined && !isBlank(cellAt(cells, columns, "strike"))) {
    const s = parseStrike(cellAt(cells, columns, "strike"));
    if (!s.ok) errors = withProblem(errors, cellProblem(table, mapping, row, "strike", s.message));
    else {
      strike = s.value;
      if (option && Math.round(option.strike * 1000) !== Math.round(s.value * 1000)) {
        errors = withProblem(errors, symbolConflict(table, mapping, row, "strike", String(option.strike), String(s.value)));
      }
    }
  } else if (option) {
    strike = option.strike;
  } else {
    const missing =
      columns.strike !== undefined
        ? cellProblem(table, mapping, row, "strike", "strike is empty")
        : cellProblem(table, mapping, row, symField, "no strike: the table has no Strike column and this cell is not an option symbol");
    errors = withProblem(errors, missing);
  }
  let multiplier = DEFAULT_MULTIPLIER;
  const multCell = cellAt(cells, columns, "multiplier");
  if (columns.multiplier !== undefined && !isBlank(multCell)) {
    const m = parseNumber(multCell);
    if (!m.ok || m.value <= 0 || m.value > 1e6) {
      errors = withProblem(errors, cellProblem(table, mapping, row, "multiplier", m.ok ? `multiplier must be a number from above 0 to 1,000,000, not ${showCell(multCell)}` : m.message));
    }
    else multiplier = m.value;
  }

  // 5. Dates that only flag or order: unreadable ones are reported, never fatal.
  let expiration = readDate(cells, mapping, "expiration");
  if (Number.isNaN(expiration)) {
    dateProblems = withProblem(dateProblems, dateCellProblem(cells, table, mapping, row, "expiration"));
    expiration = null;
  }
  if (option) {
    if (expiration !== null && expiration !== option.expiration) {
      errors = withProblem(errors, symbolConflict(table, mapping, row, "expiration", isoFromSerial(option.expiration), isoFromSerial(expiration)));
    }
    expiration = option.expiration;
  }
  let openDate = readDate(cells, mapping, "openDate");
  if (Number.isNaN(openDate)) {
    dateProblems = withProblem(dateProblems, dateCellProblem(cells, table, mapping, row, "openDate"));
    openDate = null;
  }

  const valueCents = qty.ok && strike !== null ? assignmentValueCents(strike, qty.value, multiplier) : 0;
  if (!Number.isSafeInteger(valueCents)) {
    errors = withProblem(errors, cellProblem(table, mapping, row, "quantity", "strike x multiplier x quantity is too large to be a real position"));
  }
  if (errors.length > 0 || !qty.ok || strike === null) {
    return { status: "error", row, index, underlying, problems: [...errors, ...dateProblems] };
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

function symbolConflict(table: TableData, mapping: ColumnMapping, row: number, field: Field, symbolValue: string, own: string): CellProblem {
  const headers = mapping.headers;
  return {
    column: `${headers[field]} / ${symbolHeader(mapping)}`,
    cell: `${cellAddress(table, mapping, row, field)} / ${cellAddress(table, mapping, row, symbolField(mapping))}`,
    message: `${headers[field]} says ${own} but the option symbol says ${symbolValue}`,
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

/** The column the option symbol is read from: Symbol, or the only ticker-like column. */
function symbolField(mapping: ColumnMapping): Field {
  return mapping.columns.symbol !== undefined ? "symbol" : "underlying";
}

function symbolHeader(mapping: ColumnMapping): string {
  return mapping.headers[symbolField(mapping)] ?? "Symbol";
}

function textOrNull(cell: Cell): string | null {
  if (isBlank(cell)) return null;
  return String(cell).trim();
}

