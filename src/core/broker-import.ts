import { Cell, CellProblem, RawInputs, Review, TableData } from "./types";
import { DATE_FORMAT, GENERAL_FORMAT, MONEY_FORMAT } from "./record";
import { isSummaryText } from "./words";
import { NAMES, parseTableChoice } from "./settings";
import { buildReview } from "./review";
import { toDollars } from "./rules";
import { isoFromSerial } from "./cells";
import { LEDGER_TABLE } from "./income-table";

/**
 * The import of a broker file into the user's workbook (issue 11, item 5), as plain data every
 * host writes the same way (the command line into the .xlsx package, the pane through Office.js):
 * a BrokerPositions table of the open short puts and a BrokerLedger table of the option cash
 * ledger, each on a sheet of its own whose A1 says it is ours, where the next import replaces it.
 * The workbook's review of BrokerPositions must give the broker file's figures: `sameFigures`
 * checks it before anything is written.
 */

export type ImportKind = "positions" | "ledger";

export const BROKER_POSITIONS_TABLE = "BrokerPositions";
/** The ledger's table, named where the income reading reads it (src/core/income-table.ts). */
export const BROKER_LEDGER_TABLE = LEDGER_TABLE;
export const IMPORT_TABLE: Record<ImportKind, string> = { positions: BROKER_POSITIONS_TABLE, ledger: BROKER_LEDGER_TABLE };

/** A1 of an import sheet: how every host recognises the sheet as its own, to replace it next time. */
export const IMPORT_TITLE: Record<ImportKind, string> = {
  positions: "Assignment Guard broker import: open short puts",
  ledger: "Assignment Guard broker import: option cash ledger",
};

/** Sheet names for each table; the second when the user has a sheet of the first name that is not ours. */
export const IMPORT_SHEET_CANDIDATES: Record<ImportKind, readonly string[]> = {
  positions: ["Broker Positions", "AG Broker Positions"],
  ledger: ["Broker Ledger", "AG Broker Ledger"],
};

/** Sheet row of the table's header: the title in A1, what was imported in A2, a blank row. */
export const IMPORT_HEADER_ROW = 4;

/**
 * Columns the position reader maps by their plain names (Underlying, Type, Side, Strike,
 * Contracts, Multiplier, Expiration, Open Date), so the review of the workbook reads each lot as
 * the broker file's review did; Broker Row and Note are for the user and map to nothing.
 */
export const BROKER_POSITIONS_HEADERS = ["Underlying", "Type", "Side", "Strike", "Contracts", "Multiplier", "Expiration", "Open Date", "Broker Row", "Note"] as const;
const POSITION_FORMATS = [GENERAL_FORMAT, GENERAL_FORMAT, GENERAL_FORMAT, "0.00", "0", "0", DATE_FORMAT, DATE_FORMAT, "0", GENERAL_FORMAT];
export const BROKER_LEDGER_HEADERS = ["Date", "Amount", "Broker Row"] as const;
const LEDGER_FORMATS = [DATE_FORMAT, MONEY_FORMAT, "0"];

/** The Type written on a row the broker file's review could not read: no type word, so it stays an error row. */
export const UNREADABLE_TYPE = "unreadable";

/** One table of the import, with the sheet text above it. */
export interface ImportTable {
  kind: ImportKind;
  name: string;
  /** A1 (the title) and A2 (what was imported, from where, when). */
  title: string;
  caption: string;
  headers: readonly string[];
  /** Number format of each column (Excel's codes). */
  formats: readonly string[];
  rows: Cell[][];
}

export interface BrokerImport {
  positions: ImportTable;
  /** Null for a position list: it has no cash ledger, and a BrokerLedger of an earlier history import is left as it is. */
  ledger: ImportTable | null;
  /** Open positions that are not short puts, by reason (long, not a put): not imported. */
  leftOut: Record<string, number>;
}

/** Where the import came from, for the caption. */
export interface ImportSource {
  /** The broker file's name as the user knows it. */
  file: string;
  /** The format read, e.g. "tastytrade transaction history" or "Schwab positions export". */
  format: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A problem list as one note; never a text the reader would take for a summary row (Total, Subtotal). */
function errorNote(row: number, problems: readonly CellProblem[]): string {
  const full = problems.map((p) => `${p.cell} (${p.column}): ${p.message}`).join("; ");
  return isSummaryText(full) ? `broker file row ${row} cannot be read: see that row` : full;
}

/**
 * The tables an import writes, from the review of the broker file. Every counted row (an open
 * short put) becomes a row the reader counts again; every error row stays an error row (Type
 * `unreadable`, with the problem in Note), so a file that is not confirmed is not confirmed in
 * the workbook either. Other open positions (long, calls) and rows that are no positions
 * (stock, summaries, closed) are not imported.
 */
export function brokerImport(review: Review, source: ImportSource): BrokerImport {
  if (review.reading.problems.length > 0) throw new Error(`the broker file cannot be read: ${review.reading.problems[0]}`);
  const rows: Cell[][] = [];
  const leftOut: Record<string, number> = {};
  let errors = 0;
  for (const r of review.rows) {
    if (r.status === "counted") {
      const note = r.problems.length > 0 ? errorNote(r.row, r.problems) : null;
      rows.push([r.underlying, "Put", "Sell", r.strike, r.contracts, r.multiplier, r.expiration, r.openDate, r.row, note]);
    } else if (r.status === "error") {
      errors++;
      const underlying = r.underlying !== null && !isSummaryText(r.underlying) ? r.underlying : null;
      rows.push([underlying, UNREADABLE_TYPE, null, null, null, null, null, null, r.row, errorNote(r.row, r.problems)]);
    } else if (r.reason === "long" || r.reason === "not a put") {
      leftOut[r.reason] = (leftOut[r.reason] ?? 0) + 1;
    }
  }
  const asOf = isoFromSerial(review.asOf);
  const history = review.reading.history;
  const counted = rows.length - errors;
  const positions: ImportTable = {
    kind: "positions",
    name: BROKER_POSITIONS_TABLE,
    title: IMPORT_TITLE.positions,
    caption:
      `From ${source.file} (${source.format}), imported ${asOf}: ${plural(counted, "open short put")}` +
      `${errors > 0 ? `, ${plural(errors, "row")} that could not be read` : ""}. The next import replaces this sheet: edit the broker file, not these rows.`,
    headers: BROKER_POSITIONS_HEADERS,
    formats: POSITION_FORMATS,
    rows,
  };
  const ledger: ImportTable | null = history
    ? {
        kind: "ledger",
        name: BROKER_LEDGER_TABLE,
        title: IMPORT_TITLE.ledger,
        caption: `From ${source.file} (${source.format}), imported ${asOf}: ${plural(history.ledger.length, "option cash amount")} by trade date (credit +, debit -, fees included). The next import replaces this sheet.`,
        headers: BROKER_LEDGER_HEADERS,
        formats: LEDGER_FORMATS,
        rows: history.ledger.map((e) => [e.date, toDollars(e.cents), e.row]),
      }
    : null;
  return { positions, ledger, leftOut };
}

/** The import table as the table a host reads back (header at IMPORT_HEADER_ROW, column A). */
export function importTableData(t: ImportTable, sheet: string): TableData {
  return {
    header: [...t.headers],
    rows: t.rows.map((r) => [...r]),
    headerRow: IMPORT_HEADER_ROW,
    firstColumn: 1,
    source: { sheet, name: t.name, range: "" },
  };
}

/** The validated inputs of a review as raw inputs again, to review another table the same way. */
function sameInputs(review: Review): RawInputs {
  const i = review.inputs;
  return { accountValue: i.accountValue, cash: i.cash, vix: i.vix, highVixCap: i.highVixCap, concentrationLimit: i.concentrationLimit };
}

/**
 * Null when a review of the imported rows gives the broker file's figures: exposure, counted and
 * error rows, the running total in open order (so the same rows go over any budget), exposure per
 * underlying, the expired-but-open count and the headline; else the first figure that differs.
 */
export function sameFigures(broker: Review, imported: Review): string | null {
  const pairs: [string, unknown, unknown][] = [
    ["exposure", broker.exposureCents, imported.exposureCents],
    ["counted rows", broker.countedRowCount, imported.countedRowCount],
    ["rows that cannot be read", broker.errorRowCount, imported.errorRowCount],
    ["running total in open order", broker.running.map((e) => e.runningTotalCents).join(","), imported.running.map((e) => e.runningTotalCents).join(",")],
    ["exposure per underlying", JSON.stringify(broker.underlyings.map((u) => [u.underlying, u.exposureCents])), JSON.stringify(imported.underlyings.map((u) => [u.underlying, u.exposureCents]))],
    ["expired but open rows", broker.expiredOpenRows.length, imported.expiredOpenRows.length],
    ["table problems", broker.reading.problems.length, imported.reading.problems.length],
  ];
  const diff = pairs.find(([, a, b]) => a !== b);
  return diff ? `${diff[0]}: ${String(diff[1])} in the broker file, ${String(diff[2])} as imported` : null;
}

/** Reviews the imported positions as a host will read them back and checks the figures; throws naming the first difference. */
export function checkImport(broker: Review, imp: BrokerImport): void {
  const again = buildReview({ table: importTableData(imp.positions, IMPORT_SHEET_CANDIDATES.positions[0]), inputs: sameInputs(broker), asOf: broker.asOf });
  const diff = sameFigures(broker, again);
  if (diff !== null) throw new Error(`the imported table would not review as the broker file does (${diff})`);
}

// ------------------------------------------------------------------------------- placement

/** What a host knows of the workbook before it writes: sheets with their A1, tables with their sheet, defined names. */
export interface WorkbookFacts {
  sheets: readonly { name: string; a1: Cell }[];
  tables: readonly { name: string; sheet: string }[];
  definedNames: readonly string[];
}

export type Placement =
  | {
      ok: true;
      sheet: string;
      /** True when the sheet exists and is ours: its content is replaced. */
      sheetExists: boolean;
      /** True when our table is on it: the table part is rewritten in place (same name, same id). */
      tableExists: boolean;
    }
  | { ok: false; message: string };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** True when a sheet whose A1 holds this value is the import's sheet of this kind. */
export function isOwnImportSheet(kind: ImportKind, a1: Cell): boolean {
  return typeof a1 === "string" && a1.trim() === IMPORT_TITLE[kind];
}

/**
 * Where an import table goes: where the previous import of the same kind is (its table on a
 * sheet that is ours), else a new sheet on the first free candidate name (or an own sheet that
 * lost its table). Refused, naming what is in the way, when the table's name is the user's (a
 * table of that name on a sheet we did not write, or a defined name) or every sheet name is.
 */
export function placeImport(kind: ImportKind, facts: WorkbookFacts): Placement {
  const tableName = IMPORT_TABLE[kind];
  const a1Of = (sheet: string) => facts.sheets.find((s) => same(s.name, sheet))?.a1 ?? null;
  const table = facts.tables.find((t) => same(t.name, tableName));
  if (table) {
    if (isOwnImportSheet(kind, a1Of(table.sheet))) return { ok: true, sheet: table.sheet, sheetExists: true, tableExists: true };
    return {
      ok: false,
      message: `a table named ${tableName} is on sheet '${table.sheet}', which the import did not write (its A1 is not '${IMPORT_TITLE[kind]}'): rename that table so the import can write its own`,
    };
  }
  if (facts.definedNames.some((n) => same(n, tableName))) {
    return { ok: false, message: `the workbook defines the name ${tableName}, which the import's table needs: rename or delete that name` };
  }
  for (const name of IMPORT_SHEET_CANDIDATES[kind]) {
    const sheet = facts.sheets.find((s) => same(s.name, name));
    if (!sheet) return { ok: true, sheet: name, sheetExists: false, tableExists: false };
    if (!isOwnImportSheet(kind, sheet.a1)) continue;
    const other = facts.tables.find((t) => same(t.sheet, sheet.name));
    if (other) return { ok: false, message: `sheet '${sheet.name}' (the import's) holds a table named ${other.name}: name it ${tableName} again, or delete it, so the next import can replace it` };
    return { ok: true, sheet: sheet.name, sheetExists: true, tableExists: false };
  }
  const names = IMPORT_SHEET_CANDIDATES[kind].map((c) => `'${c}'`).join(" and ");
  return { ok: false, message: `sheets named ${names} already exist and are not the import's: rename one so the import can write ${tableName} without touching them` };
}

// -------------------------------------------------------------------- CSP_PositionsTable

/** What the workbook stores in CSP_PositionsTable: no such name, or its value (a cell's or a constant's). */
export type StoredChoice = { defined: false } | { defined: true; value: Cell };

/**
 * Whether the import points CSP_PositionsTable at BrokerPositions: yes when the name is missing
 * or blank; no when it already does, or when the user chose another table or range (their
 * choice stays, and the message says the review reads it, not the import).
 */
export function positionsTableDecision(stored: StoredChoice): { write: boolean; message: string } {
  const name = NAMES.positionsTable;
  if (!stored.defined) return { write: true, message: `${name} created: the review reads ${BROKER_POSITIONS_TABLE}` };
  const value = stored.value;
  if (value === null || String(value).trim() === "") return { write: true, message: `${name} set to ${BROKER_POSITIONS_TABLE}: the review reads it` };
  const choice = parseTableChoice(value);
  if (choice?.kind === "table" && same(choice.name, BROKER_POSITIONS_TABLE)) return { write: false, message: `${name} already names ${BROKER_POSITIONS_TABLE}` };
  return {
    write: false,
    message: `${name} names '${String(value).trim()}', your choice, so the review reads that and not ${BROKER_POSITIONS_TABLE}; set ${name} to ${BROKER_POSITIONS_TABLE} to review the import`,
  };
}
