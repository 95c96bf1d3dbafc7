import { Cell } from "./types";
import { columnLetters, isBlank } from "./cells";
import { mapColumns } from "./columns";
import { TableChoice, SETTINGS_SHEET } from "./settings";
import { isOwnReviewSheet, isReviewLogTable, LOG_TABLE } from "./record";
import { CASHFLOW_TABLE, looksLikeCashFlows } from "./cashflows";
import { LEDGER_TABLE } from "./income-table";

/**
 * Which part of a workbook holds the positions: RULES.md "Finding the position table", one
 * decision for every host. A host describes the workbook (its sheets' top rows and its Excel
 * tables), this module chooses, and the host reads the chosen cells. Nothing here reads a file.
 */

/** How many rows from the top of a sheet are searched for a header row: title blocks are short. */
export const HEADER_SEARCH_ROWS = 30;

export interface SheetOutline {
  name: string;
  /** False for hidden and very hidden sheets: they are never searched. */
  visible: boolean;
  /** The top rows (up to HEADER_SEARCH_ROWS) from column A; rows may be short or missing. */
  top: Cell[][];
}

export interface TableOutline {
  name: string;
  sheet: string;
  /** A1 range of the whole table: header row, body and totals row. */
  range: string;
  /** 1 unless the file says otherwise (the format's default is one header row). */
  headerRowCount: number;
  totalsRowCount: number;
  /** The table's column names, as the table definition holds them. */
  columns: string[];
}

export interface WorkbookOutline {
  sheets: SheetOutline[];
  tables: TableOutline[];
}

/** 1-based, inclusive. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** A format that is not one header row over a body (a multi-section broker statement), recognised from a sheet's top rows. */
export interface SheetClaimer {
  id: string;
  /** What the review calls it: "IBKR Activity Statement". */
  label: string;
  claims(top: readonly (readonly Cell[])[]): boolean;
}

/** How the position table was chosen, in RULES.md's order. */
export type FoundHow = "given" | "stored" | "named Positions" | "only table" | "header row" | "claimed";

export type PositionsPlace =
  | { kind: "table"; table: TableOutline; how: FoundHow }
  /**
   * A plain range. `open` means the bottom is not known yet: the header row was recognised and the
   * body runs to the last row with a non-blank cell in these columns (the host finds it).
   */
  | { kind: "range"; sheet: string; area: Area; open: boolean; how: FoundHow }
  /** A whole sheet a claimer recognised: the host hands the sheet's grid to that claimer's reader. */
  | { kind: "claimed"; sheet: string; claimer: SheetClaimer; how: "claimed" };

export type FindResult = { ok: true; place: PositionsPlace } | { ok: false; message: string };

export interface FindOptions {
  /** A table or range given for this one review (a command-line flag, a formula argument). */
  explicit?: TableChoice | null;
  /** The choice stored in the workbook (CSP_PositionsTable). */
  stored?: TableChoice | null;
  claimers?: readonly SheetClaimer[];
}

/** Tables the add-in writes or reads for another purpose: never position tables (and AG_ReviewLog, our own log). */
export const NON_POSITION_TABLES = [LOG_TABLE, LEDGER_TABLE, CASHFLOW_TABLE] as const;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function isOwnTable(name: string): boolean {
  return NON_POSITION_TABLES.some((t) => same(t, name)) || isReviewLogTable(name);
}

/** The tables a review reads beside the positions (INCOME.md): cash flows, the Review Logs, an imported ledger. */
export interface OwnTables {
  cashFlows: TableOutline | null;
  reviewLogs: TableOutline[];
  brokerLedger: TableOutline | null;
}

/**
 * Which tables hold the cash flows, the Review Log history and an imported broker ledger, one
 * decision for every host. The cash flows are the table named CashFlows, else the only other
 * table whose headers map to date, amount and kind and not to a position table (a broker
 * history has Date, Type and Value too, and is never read as cash flows).
 */
export function ownTables(tables: readonly TableOutline[], positions: string | null): OwnTables {
  const notPositions = tables.filter((t) => positions === null || !same(t.name, positions));
  const named = notPositions.find((t) => same(t.name, CASHFLOW_TABLE)) ?? null;
  const alike = notPositions.filter((t) => !isOwnTable(t.name) && looksLikeCashFlows(t.columns) && mapColumns(t.columns).errors.length > 0);
  return {
    cashFlows: named ?? (alike.length === 1 ? alike[0] : null),
    reviewLogs: notPositions.filter((t) => isReviewLogTable(t.name)),
    brokerLedger: notPositions.find((t) => same(t.name, LEDGER_TABLE)) ?? null,
  };
}

/** The add-in's own sheets: the settings sheet, and a Weekly Review sheet (known by its A1 title). */
export function isOwnSheet(sheet: SheetOutline): boolean {
  return same(sheet.name, SETTINGS_SHEET) || isOwnReviewSheet(sheet.top[0]?.[0] ?? null);
}

/** Column number of letters: A -> 1, AB -> 28. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "A1:H9", "$A$1:$H$9" or "B2" to bounds; null when it is not an address. */
export function parseArea(address: string): Area | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(address.trim());
  if (!m) return null;
  const a = { left: columnNumber(m[1]), top: Number(m[2]) };
  const b = m[3] ? { left: columnNumber(m[3]), top: Number(m[4]) } : a;
  const area = {
    top: Math.min(a.top, b.top),
    bottom: Math.max(a.top, b.top),
    left: Math.min(a.left, b.left),
    right: Math.max(a.left, b.left),
  };
  return area.top >= 1 && area.left >= 1 && area.right <= 16384 && area.bottom <= 1048576 ? area : null;
}

export function formatArea(area: Area): string {
  return `${columnLetters(area.left)}${area.top}:${columnLetters(area.right)}${area.bottom}`;
}

/**
 * Where a table's header and body are. A table saved without a header row has its column names
 * only in its definition: the virtual header row sits just above the body.
 */
export function tableParts(table: TableOutline): { headerRow: number; body: Area | null; area: Area } | null {
  const area = parseArea(table.range);
  if (!area) return null;
  const headerRows = Math.max(0, table.headerRowCount);
  const top = area.top + headerRows;
  const bottom = area.bottom - Math.max(0, table.totalsRowCount);
  return { headerRow: top - 1, area, body: bottom >= top ? { ...area, top, bottom } : null };
}

/**
 * A header row is one whose cells map to a quantity column and to a strike or a symbol: the same
 * test the rules use to accept a table, so a found table is always one the rules can read.
 */
export function isHeaderRow(row: readonly Cell[]): boolean {
  if (row.filter((c) => typeof c === "string" && c.trim() !== "").length < 2) return false;
  return mapColumns(row.map(headerText)).errors.length === 0;
}

const headerText = (c: Cell): Cell => (typeof c === "string" ? c : null);

/**
 * The columns of a header block: from the row's first filled cell to the last one before a gap of
 * two blank cells (a note two columns beside a table is not a column of it). 0-based, inclusive.
 */
export function headerBlock(row: readonly Cell[]): { first: number; last: number } | null {
  const filled = row.map((c) => !isBlank(c));
  const first = filled.indexOf(true);
  if (first < 0) return null;
  let last = first;
  for (let c = first + 1; c < row.length; c++) {
    if (filled[c]) last = c;
    else if (!filled[c + 1]) break;
  }
  return { first, last };
}

/** The last row of an open range: the last row of the grid with a non-blank cell in the block's columns. */
export function lastFilledRow(grid: readonly (readonly Cell[])[], from: number, first: number, last: number): number {
  let lastRow = from;
  for (let r = from + 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    for (let c = first; c <= last; c++) {
      if (!isBlank(cells[c] ?? null)) {
        lastRow = r;
        break;
      }
    }
  }
  return lastRow;
}

function findTable(outline: WorkbookOutline, name: string): TableOutline | undefined {
  return outline.tables.find((t) => same(t.name, name));
}

function sheetOf(outline: WorkbookOutline, name: string): SheetOutline | undefined {
  return outline.sheets.find((s) => same(s.name, name));
}

/** A choice given or stored, as a place; a message when it cannot be used. */
function placeOfChoice(outline: WorkbookOutline, choice: TableChoice, how: FoundHow): FindResult {
  const what = how === "given" ? "the given" : "the stored";
  if (choice.kind === "table") {
    const table = findTable(outline, choice.name);
    if (!table) return { ok: false, message: `${what} positions table '${choice.name}' does not exist${tableList(outline)}` };
    if (isOwnTable(table.name)) return { ok: false, message: `'${table.name}' is one of Assignment Guard's own tables, not a position table` };
    return { ok: true, place: { kind: "table", table, how } };
  }
  const sheet = sheetOf(outline, choice.sheet);
  if (!sheet) return { ok: false, message: `${what} positions range is on sheet '${choice.sheet}', which does not exist` };
  const area = parseArea(choice.address);
  if (!area) return { ok: false, message: `${what} positions range '${choice.address}' is not a range such as A1:H40` };
  return { ok: true, place: { kind: "range", sheet: sheet.name, area, open: false, how } };
}

function tableList(outline: WorkbookOutline): string {
  const names = outline.tables.filter((t) => !isOwnTable(t.name)).map((t) => `'${t.name}'`);
  return names.length === 0 ? " (the workbook has no Excel table)" : ` (tables: ${names.join(", ")})`;
}

/** The header row of a table on this sheet at this 1-based row and column span, if any. */
function tableWithHeaderAt(outline: WorkbookOutline, sheet: string, row: number, column: number): TableOutline | undefined {
  return outline.tables.find((t) => {
    if (!same(t.sheet, sheet) || t.headerRowCount < 1) return false;
    const area = parseArea(t.range);
    return area !== null && area.top === row && column >= area.left && column <= area.right;
  });
}

function insideOwnTable(outline: WorkbookOutline, sheet: string, row: number, column: number): boolean {
  return outline.tables.some((t) => {
    if (!isOwnTable(t.name) || !same(t.sheet, sheet)) return false;
    const area = parseArea(t.range);
    return area !== null && row >= area.top && row <= area.bottom && column >= area.left && column <= area.right;
  });
}

/**
 * Chooses the position table in RULES.md's order: a choice given for this review, the stored
 * choice, the table named Positions, the only table that is not the add-in's own, then the first
 * visible sheet with a recognisable header row in its top rows. Own tables and sheets are never
 * candidates and hidden sheets are never searched, so a workbook reviewed last week reviews the
 * same positions this week.
 */
export function findPositions(outline: WorkbookOutline, options: FindOptions = {}): FindResult {
  if (options.explicit) return placeOfChoice(outline, options.explicit, "given");
  let staleNote = "";
  if (options.stored) {
    const stored = placeOfChoice(outline, options.stored, "stored");
    if (stored.ok) return stored;
    // A stored choice that no longer exists falls back to the usual order, and the refusal says so.
    staleNote = ` (${stored.message})`;
  }
  const positions = findTable(outline, "Positions");
  if (positions) return { ok: true, place: { kind: "table", table: positions, how: "named Positions" } };

  const visible = new Set(outline.sheets.filter((s) => s.visible).map((s) => s.name.toLowerCase()));
  const candidates = outline.tables.filter((t) => !isOwnTable(t.name) && visible.has(t.sheet.toLowerCase()));
  if (candidates.length === 1) return { ok: true, place: { kind: "table", table: candidates[0], how: "only table" } };

  const lookedAt: string[] = [];
  for (const sheet of outline.sheets) {
    if (!sheet.visible || isOwnSheet(sheet)) continue;
    const claimer = options.claimers?.find((c) => c.claims(sheet.top));
    if (claimer) return { ok: true, place: { kind: "claimed", sheet: sheet.name, claimer, how: "claimed" } };
    const found = headerRowOf(outline, sheet);
    if (found) return { ok: true, place: found };
    lookedAt.push(`'${sheet.name}' (${whatItLacks(outline, sheet)})`);
  }
  return { ok: false, message: refusal(outline, lookedAt, candidates.length) + staleNote };
}

/** The first recognisable header row of a sheet as a table or an open range, or null. */
function headerRowOf(outline: WorkbookOutline, sheet: SheetOutline): PositionsPlace | null {
  const limit = Math.min(sheet.top.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = sheet.top[r] ?? [];
    if (!isHeaderRow(row)) continue;
    const block = headerBlock(row)!;
    const sheetRow = r + 1;
    if (insideOwnTable(outline, sheet.name, sheetRow, block.first + 1)) continue;
    const table = tableWithHeaderAt(outline, sheet.name, sheetRow, block.first + 1);
    if (table) return { kind: "table", table, how: "header row" };
    const area = { top: sheetRow, bottom: sheetRow, left: block.first + 1, right: block.last + 1 };
    return { kind: "range", sheet: sheet.name, area, open: true, how: "header row" };
  }
  return null;
}

/** Why a sheet holds no position table, from the top row that came closest to a header. */
function whatItLacks(outline: WorkbookOutline, sheet: SheetOutline): string {
  let best: { row: number; fields: number; headers: string[]; missing: string[] } | null = null;
  const limit = Math.min(sheet.top.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = sheet.top[r] ?? [];
    const texts = row.filter((c): c is string => typeof c === "string" && c.trim() !== "");
    if (texts.length < 2 || insideOwnTable(outline, sheet.name, r + 1, 1 + Math.max(0, row.findIndex((c) => !isBlank(c))))) continue;
    const mapping = mapColumns(row.map(headerText));
    const fields = Object.keys(mapping.columns).length;
    if (best && fields <= best.fields) continue;
    const missing: string[] = [];
    if (mapping.columns.quantity === undefined) missing.push("quantity");
    if (mapping.columns.strike === undefined && mapping.columns.symbol === undefined && mapping.columns.underlying === undefined) {
      missing.push("strike or symbol");
    }
    best = { row: r + 1, fields, headers: texts.map((t) => t.trim()), missing };
  }
  if (!best) return sheet.top.some((row) => row.some((c) => !isBlank(c))) ? "no header row in its top 30 rows" : "empty at the top";
  const shown = best.headers.slice(0, 6).join(", ") + (best.headers.length > 6 ? ", ..." : "");
  return best.missing.length > 0
    ? `row ${best.row} has ${shown} but no ${best.missing.join(" and no ")} column`
    : `row ${best.row} has ${shown} but is not a usable header`;
}

function refusal(outline: WorkbookOutline, lookedAt: string[], tableCount: number): string {
  const parts = ["no position table found"];
  if (tableCount > 1) parts.push(`${tableCount} tables${tableList(outline).replace(" (tables:", ":").replace(/\)$/, "")} and none named Positions`);
  if (lookedAt.length > 0) parts.push(`sheets looked at: ${lookedAt.join("; ")}`);
  const hidden = outline.sheets.filter((s) => !s.visible).map((s) => `'${s.name}'`);
  if (hidden.length > 0) parts.push(`hidden sheets are not searched: ${hidden.join(", ")}`);
  parts.push("name the position table Positions or pick it (task pane, --table or --range)");
  return parts.join(". ");
}

const HOW_TEXT: Record<FoundHow, string> = {
  given: "as given",
  stored: "the stored choice",
  "named Positions": "the table named Positions",
  "only table": "the only table",
  "header row": "the first visible sheet with a recognisable header row",
  claimed: "recognised by its format",
};

/** The line every review shows: "Positions: range A4:P9 on sheet 'PutsCalls' (the first visible sheet ...)". */
export function describePlace(place: PositionsPlace, range: string): string {
  if (place.kind === "table") return `Positions: table ${place.table.name} (${range}) on sheet '${place.table.sheet}', ${HOW_TEXT[place.how]}`;
  if (place.kind === "claimed") return `Positions: sheet '${place.sheet}' read as ${place.claimer.label} (${range})`;
  return `Positions: range ${range} on sheet '${place.sheet}', ${HOW_TEXT[place.how]}`;
}
