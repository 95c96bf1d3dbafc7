import { Cell, TableData } from "../core/types";
import { columnLetters } from "../core/cells";
import { choosePositionsTable, NAMES, readStoredSettings, SETTING_KEYS, SettingKey, TableChoice } from "../core/settings";
import { WorkbookSnapshot } from "../host/workbook-host";
import { parseA1, WatchArea } from "./watch";

/**
 * Reads the position table and the defined-name settings through Office.js.
 *
 * Round trips: the first sync discovers (table names and column counts, every setting's cell);
 * the second reads the chosen table's header, its size and the first chunk of its body. Only a
 * body that would not fit one response needs more syncs: one per further chunk.
 */

/**
 * Excel on the web refuses a request or response over 5 MB. Values travel as JSON; a position
 * log's cells average a few bytes (short words, prices, serial dates), so 600,000 cells stay
 * near 4 MB at about 6.5 bytes a cell. A response that is refused anyway is retried in halves.
 */
export const DEFAULT_MAX_CELLS_PER_READ = 600_000;

/** A snapshot plus where its data lives, so change events elsewhere can be ignored. */
export interface ExcelSnapshot extends WorkbookSnapshot {
  /** Cells whose edits change the snapshot; null means any edit may (no table found yet). */
  watch: WatchArea[] | null;
}

export interface ReadOptions {
  /** Most cells read in one response; larger bodies are read in row chunks. */
  maxCellsPerRead?: number;
}

/** The rows of each chunk: chunks = ceil(rowCount / floor(maxCells / columnCount)). */
export function chunkRows(rowCount: number, columnCount: number, maxCells: number): { start: number; count: number }[] {
  const perChunk = rowsPerChunk(columnCount, maxCells);
  const chunks: { start: number; count: number }[] = [];
  for (let start = 0; start < rowCount; start += perChunk) chunks.push({ start, count: Math.min(perChunk, rowCount - start) });
  return chunks;
}

function rowsPerChunk(columnCount: number, maxCells: number): number {
  return Math.max(1, Math.floor(maxCells / Math.max(1, columnCount)));
}

/** True for the errors Excel gives when a request or response is over its size limit. */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" && /PayloadSizeLimitExceeded/i.test(code);
}

/** Reads everything the pane and the formulas need from the workbook. */
export async function readSnapshot(context: Excel.RequestContext, options: ReadOptions = {}): Promise<ExcelSnapshot> {
  let maxCells = options.maxCellsPerRead ?? DEFAULT_MAX_CELLS_PER_READ;
  for (;;) {
    try {
      return await readOnce(context, maxCells);
    } catch (error) {
      if (!isPayloadTooLarge(error) || maxCells <= 1000) throw error;
      maxCells = Math.floor(maxCells / 2);
    }
  }
}

/** Converts what Excel hands over (string, number, boolean; errors as "#N/A" text) to a core cell. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  return String(value);
}

interface NamedCell {
  key: SettingKey;
  item: Excel.NamedItem;
  range: Excel.Range;
}

interface TablePlan {
  sheet: string;
  name: string | null;
  header: Excel.Range;
  /** Known before the sync for a plain range, after it for an Excel table. */
  body: Excel.Range | null;
  bodyRows: number | null;
  columnCount: number;
  firstChunk: Excel.Range | null;
  sheetObject: Excel.Worksheet;
}

async function readOnce(context: Excel.RequestContext, maxCells: number): Promise<ExcelSnapshot> {
  const workbook = context.workbook;

  // Sync 1: which tables exist (with their column counts) and every setting's cell.
  const tables = workbook.tables;
  tables.load("items/name,items/columns/items/name");
  const sheets = workbook.worksheets;
  sheets.load("items/name,items/id");
  const named: NamedCell[] = SETTING_KEYS.map((key) => {
    const item = workbook.names.getItemOrNullObject(NAMES[key]);
    item.load("name,type,value");
    const range = item.getRangeOrNullObject();
    range.load("values,address");
    return { key, item, range };
  });
  await context.sync();

  const tableNames = tables.items.map((t) => t.name);
  const sheetIds = new Map(sheets.items.map((s) => [s.name.toLowerCase(), s.id]));
  const values: Partial<Record<SettingKey, Cell>> = {};
  const definedNames: SettingKey[] = [];
  const watch: WatchArea[] = [];
  const watchArea = (sheet: string, area: Omit<WatchArea, "sheetId">) => {
    const sheetId = sheetIds.get(sheet.toLowerCase());
    if (sheetId !== undefined) watch.push({ sheetId, ...area });
  };
  for (const { key, item, range } of named) {
    if (item.isNullObject) continue;
    definedNames.push(key);
    if (range.isNullObject) {
      values[key] = constantOf(item);
      continue;
    }
    values[key] = toCell(range.values?.[0]?.[0]);
    const at = parseA1(range.address);
    if (at?.sheet) watchArea(at.sheet, at);
  }
  const settings = readStoredSettings(values);
  const { choice, message } = choosePositionsTable(tableNames, settings.table);
  const base = { tableNames, settings, definedNames };
  if (choice === null) return { ...base, choice: null, table: null, message, watch: null };

  // Sync 2: the chosen table's header, size and first body chunk.
  const columnsByTable = new Map(tables.items.map((t) => [t.name, t.columns.items.length]));
  const plan = planTable(workbook, choice, columnsByTable, maxCells);
  if (typeof plan === "string") return { ...base, choice, table: null, message: plan, watch: null };
  await context.sync();

  if (plan.sheetObject.isNullObject) {
    const message = `the sheet '${choice.kind === "range" ? choice.sheet : ""}' no longer exists: pick the positions again in the task pane`;
    return { ...base, choice, table: null, message, watch: null };
  }
  const table = await readBody(context, plan, maxCells);
  // An entry typed just below or right of a table extends it, so that row and column count too.
  const lastRow = table.headerRow + table.rows.length;
  const lastColumn = table.firstColumn + table.header.length - 1;
  watchArea(table.source!.sheet, { firstRow: table.headerRow, lastRow: lastRow + 1, firstColumn: table.firstColumn, lastColumn: lastColumn + 1 });
  return { ...base, choice, table, message: null, watch };
}

/** A defined name that holds a constant (=0.45, ="Positions") rather than a cell. */
function constantOf(item: Excel.NamedItem): Cell {
  const type = String(item.type);
  if (type !== "String" && type !== "Double" && type !== "Boolean" && type !== "Integer") return null;
  return toCell(item.value);
}

/** Queues the sync-2 loads for the chosen table, or returns the message when it cannot be read. */
function planTable(
  workbook: Excel.Workbook,
  choice: TableChoice,
  columnsByTable: Map<string, number>,
  maxCells: number,
): TablePlan | string {
  if (choice.kind === "table") {
    const table = workbook.tables.getItem(choice.name);
    const columnCount = columnsByTable.get(choice.name) ?? 1;
    const header = table.getHeaderRowRange();
    header.load("values,rowIndex,columnIndex,columnCount");
    const body = table.getDataBodyRange();
    body.load("rowCount,columnCount");
    // The body's size is unknown until this sync, so the first chunk is read blind: at most one
    // chunk's rows, clipped to the body, which for any table that fits is the whole body.
    const firstChunk = body.getRow(0).getResizedRange(rowsPerChunk(columnCount, maxCells) - 1, 0).getIntersection(body);
    firstChunk.load("values");
    const sheetObject = table.worksheet;
    sheetObject.load("name");
    return { sheet: "", name: choice.name, header, body, bodyRows: null, columnCount, firstChunk, sheetObject };
  }
  const area = parseArea(choice.address);
  if (area === null || area.rows < 1) return `the stored positions range ${choice.address} is not a range such as A1:H40`;
  const sheetObject = workbook.worksheets.getItemOrNullObject(choice.sheet);
  sheetObject.load("name");
  const header = sheetObject.getRangeByIndexes(area.row, area.column, 1, area.columns);
  header.load("values,rowIndex,columnIndex,columnCount");
  const bodyRows = area.rows - 1;
  const chunks = chunkRows(bodyRows, area.columns, maxCells);
  let firstChunk: Excel.Range | null = null;
  if (chunks.length > 0) {
    firstChunk = sheetObject.getRangeByIndexes(area.row + 1, area.column, chunks[0].count, area.columns);
    firstChunk.load("values");
  }
  return { sheet: choice.sheet, name: null, header, body: null, bodyRows, columnCount: area.columns, firstChunk, sheetObject };
}

/** Reads the chunks after the first (one sync each) and assembles the table. */
async function readBody(context: Excel.RequestContext, plan: TablePlan, maxCells: number): Promise<TableData> {
  const headerRow = plan.header.rowIndex + 1;
  const firstColumn = plan.header.columnIndex + 1;
  const columnCount = plan.header.columnCount;
  // An Excel table always keeps one body row; an empty one reads as a blank row the core skips.
  const bodyRows = plan.body ? plan.body.rowCount : (plan.bodyRows ?? 0);
  const rows: Cell[][] = [];
  const take = (values: unknown[][] | undefined, limit: number) => {
    for (const r of values ?? []) {
      if (rows.length >= limit) break;
      const row: Cell[] = new Array(r.length);
      for (let c = 0; c < r.length; c++) row[c] = toCell(r[c]);
      rows.push(row);
    }
  };
  if (plan.firstChunk) take(plan.firstChunk.values, bodyRows);
  const chunks = chunkRows(bodyRows, columnCount, maxCells);
  for (const chunk of chunks.slice(1)) {
    const range = plan.sheetObject.getRangeByIndexes(headerRow + chunk.start, firstColumn - 1, chunk.count, columnCount);
    range.load("values");
    await context.sync();
    take(range.values, bodyRows);
  }
  const sheet = plan.name === null ? plan.sheet : plan.sheetObject.name;
  const lastColumn = columnLetters(firstColumn + columnCount - 1);
  return {
    header: (plan.header.values?.[0] ?? []).map(toCell),
    rows,
    headerRow,
    firstColumn,
    source: { sheet, name: plan.name, range: `${columnLetters(firstColumn)}${headerRow}:${lastColumn}${headerRow + bodyRows}` },
  };
}

/** "A1:H40" as 0-based row/column and size. */
export function parseArea(address: string): { row: number; column: number; rows: number; columns: number } | null {
  const m = /^([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)$/.exec(address.replace(/\$/g, "").toUpperCase());
  if (!m) return null;
  const col = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const r1 = Number(m[2]);
  const r2 = Number(m[4]);
  const c1 = col(m[1]);
  const c2 = col(m[3]);
  if (r1 < 1 || r2 < r1 || c2 < c1) return null;
  return { row: r1 - 1, column: c1 - 1, rows: r2 - r1 + 1, columns: c2 - c1 + 1 };
}
