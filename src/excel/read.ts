import { Cell, TableData } from "../core/types";
import { columnLetters } from "../core/cells";
import { NAMES, readStoredSettings, SETTING_KEYS, SettingKey, TableChoice } from "../core/settings";
import {
  Area,
  describePlace,
  findPositions,
  formatArea,
  HEADER_SEARCH_ROWS,
  ownTables,
  parseArea,
  PositionsPlace,
  SheetOutline,
  TableOutline,
  WorkbookOutline,
} from "../core/find";
import { BROKER_CLAIMERS, claimedTable } from "../core/brokers/registry";
import { WorkbookSnapshot } from "../host/workbook-host";
import { parseA1, WatchArea } from "./watch";

/**
 * Reads the position table and the defined-name settings through Office.js, finding the table
 * the way every host does (src/core/find.ts).
 *
 * Round trips: the first sync outlines the workbook (sheets with their visibility, tables with
 * their sheet, header/totals rows and column names) and reads every setting. When the stored
 * choice, a table named Positions or the only table decides, the second sync reads that table's
 * header, size and first body chunk, and with them the whole of the tables income reads (CashFlows,
 * the Review Logs, BrokerLedger: small tables, no sync of their own). Only when a sheet's header
 * row must be searched does one more sync read the top rows of every visible sheet (and the
 * tables' places, and the size of each sheet's used range). A body too large for one response
 * takes one more sync per further chunk; data-type cells one more. A sheet a broker format claims
 * (src/core/brokers) is read whole, as the .xlsx and .csv readers read it: its used range in the
 * same row chunks, no sync before the first, since the search already measured it.
 */

/**
 * Excel on the web refuses a request or response over 5 MB. Values travel as JSON; a position
 * log's cells average a few bytes (short words, prices, serial dates), so 600,000 cells stay
 * near 4 MB at about 6.5 bytes a cell. A response that is refused anyway is retried in halves.
 */
export const DEFAULT_MAX_CELLS_PER_READ = 600_000;

/** Columns of each sheet's top rows searched for a header row (A:CV): broker exports stay well inside. */
export const HEADER_SEARCH_COLUMNS = 100;

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

/**
 * The most cells of a sheet a broker format claims that the reader takes in (17 chunks of a
 * response each): a long history is a few million; a stray value at XFD1048576 would be billions.
 */
export const MAX_CLAIMED_CELLS = 10_000_000;

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

/**
 * Converts what Excel hands over to a core cell: string, number and boolean as they are, error
 * values as their text ("#N/A"). Anything else (a data type's object, which Range.values never
 * gives but a custom function's argument may) becomes its display text, never "[object Object]".
 */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  return displayOf(value);
}

/**
 * The display value of a data-type cell value (valuesAsJson's shape: Entity and LinkedEntity have
 * `text`, FormattedNumber and the basic types `basicValue`): what the cell shows.
 */
export function displayOf(value: unknown): Cell {
  if (typeof value !== "object" || value === null) return toCell(value);
  const v = value as { text?: unknown; basicValue?: unknown; type?: unknown };
  if (typeof v.text === "string") return v.text;
  if (typeof v.basicValue === "string" || typeof v.basicValue === "number" || typeof v.basicValue === "boolean") return toCell(v.basicValue);
  return "#VALUE!";
}

interface NamedCell {
  key: SettingKey;
  item: Excel.NamedItem;
  range: Excel.Range;
}

type SnapshotBase = Pick<ExcelSnapshot, "tableNames" | "settings" | "definedNames">;

async function readOnce(context: Excel.RequestContext, maxCells: number): Promise<ExcelSnapshot> {
  const workbook = context.workbook;

  // Sync 1: the workbook's outline and every setting.
  const sheets = workbook.worksheets;
  sheets.load("items/name,items/id,items/visibility");
  const tables = workbook.tables;
  tables.load("items/name,items/showHeaders,items/showTotals,items/worksheet/name,items/columns/items/name");
  const named: NamedCell[] = SETTING_KEYS.map((key) => {
    const item = workbook.names.getItemOrNullObject(NAMES[key]);
    item.load("name,type,value");
    const range = item.getRangeOrNullObject();
    range.load("values,text,address");
    return { key, item, range };
  });
  await context.sync();

  const sheetIds = new Map(sheets.items.map((s) => [s.name.toLowerCase(), s.id]));
  const watch: WatchArea[] = [];
  const watchArea = (sheet: string, area: Omit<WatchArea, "sheetId">) => {
    const sheetId = sheetIds.get(sheet.toLowerCase());
    if (sheetId !== undefined) watch.push({ sheetId, ...area });
  };
  const values: Partial<Record<SettingKey, Cell>> = {};
  const definedNames: SettingKey[] = [];
  for (const { key, item, range } of named) {
    if (item.isNullObject) continue;
    definedNames.push(key);
    if (range.isNullObject) {
      values[key] = constantOf(item);
      continue;
    }
    values[key] = shownValue(range.values?.[0]?.[0], range.text?.[0]?.[0]);
    const at = parseA1(range.address);
    if (at?.sheet) watchArea(at.sheet, at);
  }
  const settings = readStoredSettings(values);
  const base: SnapshotBase = { tableNames: tables.items.map((t) => t.name), settings, definedNames };

  const outline: WorkbookOutline = {
    sheets: sheets.items.map((s): SheetOutline => ({ name: s.name, visible: String(s.visibility) === "Visible", top: [] })),
    tables: tables.items.map(
      (t): TableOutline => ({
        name: t.name,
        sheet: t.worksheet.name,
        // Known after sync 2 when the header rows are searched; the table's own read finds it otherwise.
        range: "",
        headerRowCount: t.showHeaders ? 1 : 0,
        totalsRowCount: t.showTotals ? 1 : 0,
        columns: t.columns.items.map((c) => c.name),
      }),
    ),
  };
  // Without the sheets' top rows, findPositions decides exactly the choices that do not depend on
  // them (stored, Positions, the only table); only a failure needs the header-row search.
  let found = findPositions(outline, { stored: settings.table, claimers: BROKER_CLAIMERS });
  let used = new Map<string, UsedBox>();
  if (!found.ok) {
    used = await outlineTopRows(context, outline);
    found = findPositions(outline, { stored: settings.table, claimers: BROKER_CLAIMERS });
  }
  if (!found.ok) return { ...base, choice: null, table: null, message: found.message, watch: null };

  // Queued now, they travel with the position table's first read.
  const own = ownTables(outline.tables, found.place.kind === "table" ? found.place.table.name : null);
  const ownReads = {
    cashFlows: own.cashFlows ? queueWholeTable(context, own.cashFlows) : null,
    reviewLogs: own.reviewLogs.map((t) => queueWholeTable(context, t)),
    brokerLedger: own.brokerLedger ? queueWholeTable(context, own.brokerLedger) : null,
  };
  const read = await readPlace(context, found.place, used, maxCells);
  if (typeof read === "string") return { ...base, choice: null, table: null, message: read, watch: null };
  const { table, choice } = read;
  const income = {
    cashFlows: ownReads.cashFlows ? wholeTable(ownReads.cashFlows) : null,
    reviewLogs: ownReads.reviewLogs.map(wholeTable),
    brokerLedger: ownReads.brokerLedger ? wholeTable(ownReads.brokerLedger) : null,
  };
  for (const t of [income.cashFlows, ...income.reviewLogs, income.brokerLedger]) {
    const area = t?.source ? parseArea(t.source.range) : null;
    // A row typed just below one of these tables extends it.
    if (t?.source && area) watchArea(t.source.sheet, { firstRow: area.top, lastRow: area.bottom + 1, firstColumn: area.left, lastColumn: area.right });
  }
  if (read.wholeSheet) {
    // A broker format reads sections and rows anywhere on its sheet: every edit there counts.
    watchArea(table.source!.sheet, { firstRow: 1, lastRow: MAX_ROW, firstColumn: 1, lastColumn: MAX_COLUMN });
  } else {
    // An entry typed just below or right of a table extends it, so that row and column count too.
    const lastRow = table.headerRow + table.rows.length;
    const lastColumn = table.firstColumn + table.header.length - 1;
    watchArea(table.source!.sheet, { firstRow: table.headerRow, lastRow: lastRow + 1, firstColumn: table.firstColumn, lastColumn: lastColumn + 1 });
  }
  return { ...base, choice, table, message: null, watch, ...income };
}

/** Queues the read of a whole Excel table (header, body, totals): the own tables, whose few rows need no chunks. */
function queueWholeTable(context: Excel.RequestContext, outline: TableOutline): { outline: TableOutline; range: Excel.Range } {
  const range = context.workbook.tables.getItem(outline.name).getRange();
  range.load("values,address");
  return { outline, range };
}

/** A table queued by queueWholeTable as plain data, once a sync has run. */
function wholeTable({ outline, range }: { outline: TableOutline; range: Excel.Range }): TableData {
  const address = addressOnSheet(range.address);
  const area = parseArea(address);
  const grid = range.values.map((row) => row.map(toCell));
  const headers = Math.max(0, outline.headerRowCount);
  const body = grid.slice(headers, Math.max(headers, grid.length - Math.max(0, outline.totalsRowCount)));
  const top = area ? area.top : 1;
  return {
    header: headers > 0 ? (grid[0] ?? []) : outline.columns.map((c): Cell => c),
    rows: body,
    headerRow: top + headers - 1,
    firstColumn: area ? area.left : 1,
    source: { sheet: outline.sheet, name: outline.name, range: address },
  };
}

/** A sheet's used range (values only), 0-based as Office.js gives it. */
interface UsedBox {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/**
 * Sync 2 of a header-row search: every visible sheet's top rows (values only), the size of its
 * used range (no values: a sheet a broker format claims is read whole, and this saves a sync
 * then), and every table's place.
 */
async function outlineTopRows(context: Excel.RequestContext, outline: WorkbookOutline): Promise<Map<string, UsedBox>> {
  const worksheets = context.workbook.worksheets;
  const lastColumn = columnLetters(HEADER_SEARCH_COLUMNS);
  const tops = outline.sheets.map((sheet) => {
    if (!sheet.visible) return null;
    const ws = worksheets.getItem(sheet.name);
    const used = ws.getRange(`A1:${lastColumn}${HEADER_SEARCH_ROWS}`).getUsedRangeOrNullObject(true);
    used.load("values,rowIndex,columnIndex");
    const whole = ws.getUsedRangeOrNullObject(true);
    whole.load("rowIndex,columnIndex,rowCount,columnCount");
    return { used, whole };
  });
  const ranges = outline.tables.map((t) => {
    const range = context.workbook.tables.getItem(t.name).getRange();
    range.load("address");
    return range;
  });
  await context.sync();
  const sizes = new Map<string, UsedBox>();
  outline.sheets.forEach((sheet, i) => {
    const read = tops[i];
    if (!read || read.used.isNullObject) return;
    const { used, whole } = read;
    // Placed from A1, as the outline's rows are.
    const top: Cell[][] = Array.from({ length: used.rowIndex + used.values.length }, () => []);
    used.values.forEach((row, r) => row.forEach((v, c) => (top[used.rowIndex + r][used.columnIndex + c] = toCell(v))));
    sheet.top = top.map((row) => Array.from(row, (c) => c ?? null));
    if (!whole.isNullObject) sizes.set(sheet.name.toLowerCase(), { rowIndex: whole.rowIndex, columnIndex: whole.columnIndex, rowCount: whole.rowCount, columnCount: whole.columnCount });
  });
  outline.tables.forEach((t, i) => (t.range = addressOnSheet(ranges[i].address)));
  return sizes;
}

/** "'My Sheet'!$B$3:$H$9" -> "B3:H9". */
function addressOnSheet(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
}

/** A named cell's value as the core reads it: a data-type cell (values gives "#VALUE!") by what it shows. */
function shownValue(value: unknown, text: unknown): Cell {
  const cell = toCell(value);
  return cell === "#VALUE!" && typeof text === "string" && text !== "" ? text : cell;
}

/** A defined name that holds a constant (=0.45, ="Positions") rather than a cell. */
function constantOf(item: Excel.NamedItem): Cell {
  const type = String(item.type);
  if (type !== "String" && type !== "Double" && type !== "Boolean" && type !== "Integer") return null;
  return toCell(item.value);
}

interface Located {
  table: TableData;
  /** Null for a sheet a broker format claimed: there is no table or range to store as the choice. */
  choice: TableChoice | null;
  /** True when the whole sheet was read (a broker format). */
  wholeSheet?: boolean;
}

/** Reads the chosen table or range; a message when it cannot be read. */
async function readPlace(context: Excel.RequestContext, place: PositionsPlace, used: Map<string, UsedBox>, maxCells: number): Promise<Located | string> {
  if (place.kind === "claimed") return readClaimed(context, place, used.get(place.sheet.toLowerCase()), maxCells);
  if (place.kind === "table") return readTable(context, place, maxCells);
  return readRange(context, place, maxCells);
}

/**
 * A sheet a broker format claimed: its whole used range handed to the format's profile, as the
 * .xlsx reader (src/xlsx/reader.ts) and the .csv reader hand theirs, so a broker file opened in
 * Excel reviews as `assignment-guard review FILE.csv` does. The grid is placed from A1, an empty
 * cell is null and each row is as long as its last value. One sync per chunk of the used range.
 */
async function readClaimed(context: Excel.RequestContext, place: PositionsPlace & { kind: "claimed" }, used: UsedBox | undefined, maxCells: number): Promise<Located | string> {
  if (!used) return `sheet '${place.sheet}' looks like ${place.claimer.label}, but its used range could not be measured`;
  if (used.rowCount * used.columnCount > MAX_CLAIMED_CELLS) {
    const range = formatArea({ top: used.rowIndex + 1, left: used.columnIndex + 1, bottom: used.rowIndex + used.rowCount, right: used.columnIndex + used.columnCount });
    return `sheet '${place.sheet}' looks like ${place.claimer.label}, but its used range ${range} is larger than any broker file (a value far below or right of the data?): clear the cells beyond the broker's rows and columns`;
  }
  const sheet = context.workbook.worksheets.getItem(place.sheet);
  const cells = await readRows(context, sheet, used.rowIndex, used.columnIndex, used.rowCount, used.columnCount, null, maxCells);
  const grid: Cell[][] = Array.from({ length: used.rowIndex }, () => []);
  for (const row of cells) {
    let last = row.length - 1;
    while (last >= 0 && isEmpty(row[last])) last--;
    const placed: Cell[] = new Array<Cell>(used.columnIndex + last + 1).fill(null);
    for (let c = 0; c <= last; c++) placed[used.columnIndex + c] = isEmpty(row[c]) ? null : row[c];
    grid.push(placed);
  }
  const claimed = claimedTable(place, grid);
  return claimed.ok ? { table: claimed.table, choice: null, wholeSheet: true } : claimed.message;
}

/** Range.values gives an empty cell as "". */
const isEmpty = (c: Cell) => c === null || c === "";

/** Header, body and place of an Excel table: one sync when the body fits one response. */
async function readTable(context: Excel.RequestContext, place: PositionsPlace & { kind: "table" }, maxCells: number): Promise<Located> {
  const outline = place.table;
  const table = context.workbook.tables.getItem(outline.name);
  const whole = table.getRange();
  whole.load("address");
  const body = table.getDataBodyRange();
  body.load("rowIndex,columnIndex,rowCount,columnCount");
  let header: Excel.Range | null = null;
  if (outline.headerRowCount > 0) {
    header = table.getHeaderRowRange();
    header.load("values");
  }
  const columnCount = Math.max(1, outline.columns.length);
  // The body's size is unknown until this sync, so the first chunk is read blind: at most one
  // chunk's rows, clipped to the body, which for any table that fits is the whole body.
  const firstChunk = body.getRow(0).getResizedRange(rowsPerChunk(columnCount, maxCells) - 1, 0).getIntersection(body);
  firstChunk.load("values");
  await context.sync();

  const sheet = context.workbook.worksheets.getItem(outline.sheet);
  const rows = await readRows(context, sheet, body.rowIndex, body.columnIndex, body.rowCount, body.columnCount, firstChunk.values, maxCells);
  // A table without a header row keeps its column names: the virtual header sits just above the body.
  const headerCells = header ? (header.values[0] ?? []).map(toCell) : outline.columns.map((c): Cell => c);
  const range = addressOnSheet(whole.address);
  const table_: TableData = {
    header: headerCells,
    rows,
    headerRow: body.rowIndex,
    firstColumn: body.columnIndex + 1,
    source: { sheet: outline.sheet, name: outline.name, range, found: describePlace(place, range) },
  };
  return { table: table_, choice: { kind: "table", name: outline.name } };
}

/** A plain range: a stored or given one as it is; a found header row down to its last filled row. */
async function readRange(context: Excel.RequestContext, place: PositionsPlace & { kind: "range" }, maxCells: number): Promise<Located> {
  const sheet = context.workbook.worksheets.getItem(place.sheet);
  const columns = place.area.right - place.area.left + 1;
  let area: Area = place.area;
  let grid: unknown[][];
  if (place.open) {
    // The body runs to the last row with a value in the header's columns: the used range of that
    // column block, from the header row down, ends there. The header row is filled, so it exists.
    const block = sheet.getRangeByIndexes(area.top - 1, area.left - 1, MAX_ROW - area.top + 1, columns);
    const used = block.getUsedRange(true);
    used.load("rowIndex,rowCount");
    const first = sheet.getRangeByIndexes(area.top - 1, area.left - 1, rowsPerChunk(columns, maxCells) + 1, columns).getIntersection(used);
    first.load("values");
    await context.sync();
    area = { ...area, bottom: used.rowIndex + used.rowCount };
    grid = first.values;
  } else {
    const first = sheet.getRangeByIndexes(area.top - 1, area.left - 1, Math.min(area.bottom - area.top + 1, rowsPerChunk(columns, maxCells) + 1), columns);
    first.load("values");
    await context.sync();
    grid = first.values;
  }
  const bodyRows = area.bottom - area.top;
  const header = (grid[0] ?? []).map(toCell);
  const rows = await readRows(context, sheet, area.top, area.left - 1, bodyRows, columns, grid.slice(1), maxCells);
  const range = formatArea(area);
  const table: TableData = { header, rows, headerRow: area.top, firstColumn: area.left, source: { sheet: place.sheet, name: null, range, found: describePlace(place, range) } };
  return { table, choice: { kind: "range", sheet: place.sheet, address: range } };
}

/**
 * The body's rows: the first chunk already read (or null), then one sync per further chunk, then
 * the display text of data-type cells. `top` and `left` are the body's 0-based sheet indexes.
 */
async function readRows(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  top: number,
  left: number,
  bodyRows: number,
  columnCount: number,
  first: unknown[][] | null,
  maxCells: number,
): Promise<Cell[][]> {
  const rows: Cell[][] = [];
  const take = (values: unknown[][]) => {
    for (const r of values) {
      if (rows.length >= bodyRows) break;
      const row: Cell[] = new Array(r.length);
      for (let c = 0; c < r.length; c++) row[c] = toCell(r[c]);
      rows.push(row);
    }
  };
  if (first) take(first);
  // One sync per further chunk keeps each response within the payload limit: a chunk's load is
  // queued only after the previous chunk came back. Without a first chunk, the first is read too.
  for (const chunk of chunkRows(bodyRows, columnCount, maxCells).slice(first ? 1 : 0)) {
    const range = sheet.getRangeByIndexes(top + chunk.start, left, chunk.count, columnCount);
    range.load("values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- each chunk is its own response on purpose (payload limit)
    await context.sync();
    take(range.values);
  }
  await showDataTypes(context, sheet, top, left, columnCount, rows);
  return rows;
}

/**
 * Range.values gives a data-type cell (a Stocks or other linked entity) as "#VALUE!". Those rows
 * are read once more as text, which is what the cell shows (a real #VALUE! error shows "#VALUE!").
 * Range.text is ExcelApi 1.1, unlike valuesAsJson (1.16). One more sync, only when such a cell exists.
 */
async function showDataTypes(context: Excel.RequestContext, sheet: Excel.Worksheet, top: number, left: number, columnCount: number, rows: Cell[][]): Promise<void> {
  let first = -1;
  let last = -1;
  for (let r = 0; r < rows.length; r++) {
    if (!rows[r].includes("#VALUE!")) continue;
    if (first < 0) first = r;
    last = r;
  }
  if (first < 0) return;
  const range = sheet.getRangeByIndexes(top + first, left, last - first + 1, columnCount);
  range.load("text");
  await context.sync();
  range.text.forEach((texts, i) => {
    const row = rows[first + i];
    texts.forEach((text, c) => {
      if (row[c] === "#VALUE!" && text !== "") row[c] = text;
    });
  });
}
