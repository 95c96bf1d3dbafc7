import {
  BROKER_POSITIONS_TABLE,
  BrokerImport,
  IMPORT_HEADER_ROW,
  IMPORT_SHEET_CANDIDATES,
  IMPORT_TABLE,
  ImportKind,
  ImportPlaced,
  ImportResult,
  ImportTable,
  NAMES,
  Placement,
  StoredChoice,
  WorkbookFacts,
  columnLetters,
  placeImports,
  positionsTableDecision,
} from "../core";
import { toCell } from "./read";
import { SettingTargets, excelSettingValue, loadSettingTargets, queueSettingWrites } from "./write-settings";

/**
 * The pane's "Import broker file" written through Office.js: the tables the command line writes
 * into a package (src/xlsx/import.ts), decided by the same core (src/core/broker-import.ts: what,
 * and where), in three round trips:
 *
 * 1. the outline: sheet names with their sheet-scoped names, tables with their sheets, the
 *    workbook's names, and CSP_PositionsTable (its type, value and cell);
 * 2. A1 of each sheet the placement looks at (the candidate sheet names, the sheets holding a
 *    table named BrokerPositions or BrokerLedger) and the shape of a previous import's tables;
 * 3. the writes: each table's sheet added or cleared, the title, the caption, the header and the
 *    body as one Range.values, number formats, the table added and named (or a previous import's
 *    table kept, its rows added or deleted, so formulas naming BrokerPositions[...] keep working),
 *    CSP_PositionsTable when the core's decision says so, and the tables' ranges read back.
 *
 * A body larger than one request (Excel on the web refuses a request over 5 MB) writes its further
 * row chunks one sync each. Everything that can refuse (a table or name of ours that is the
 * user's, a CSP_PositionsTable that is not a cell or a value) is decided before the first write.
 */

/** Cells (each with a value and a number format) written in one request: about 20 bytes a cell keeps a request near 2 MB. */
export const DEFAULT_MAX_CELLS_PER_WRITE = 100_000;

export interface ImportWriteOptions {
  maxCellsPerWrite?: number;
}

/** A previous import's table as Excel holds it. */
interface TableShape {
  table: Excel.Table;
  range: Excel.Range;
}

/** One table's writes, queued in round trip 3; the rest of its body follows in chunks. */
interface Queued {
  t: ImportTable;
  place: Extract<Placement, { ok: true }>;
  sheet: Excel.Worksheet;
  range: Excel.Range;
  /** Body rows written so far (the first chunk travels with the table). */
  written: number;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const KINDS: readonly ImportKind[] = ["positions", "ledger"];

/** Writes the import; throws ImportRefused (src/core/broker-import.ts), having written nothing, when the workbook's names are in the way. */
export async function writeImport(context: Excel.RequestContext, imp: BrokerImport, options: ImportWriteOptions = {}): Promise<ImportResult> {
  const workbook = context.workbook;
  const maxCells = options.maxCellsPerWrite ?? DEFAULT_MAX_CELLS_PER_WRITE;

  // Round trip 1: the outline.
  const sheets = workbook.worksheets;
  sheets.load("items/name,items/names/items/name");
  const tables = workbook.tables;
  tables.load("items/name,items/worksheet/name");
  const names = workbook.names;
  names.load("items/name");
  const setting = loadSettingTargets(context, ["positionsTable"]);
  await context.sync();

  // Round trip 2: A1 of the sheets the placement needs, and any previous import's tables.
  const tableSheets = tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.name }));
  const importTables = tableSheets.filter((t) => KINDS.some((k) => same(t.name, IMPORT_TABLE[k])));
  const looked = [...KINDS.flatMap((k) => IMPORT_SHEET_CANDIDATES[k]), ...importTables.map((t) => t.sheet)];
  const a1 = new Map<string, Excel.Range>();
  for (const s of sheets.items) {
    if (!looked.some((name) => same(name, s.name))) continue;
    const cell = s.getRange("A1");
    cell.load("values");
    a1.set(s.name, cell);
  }
  const shapes = new Map<ImportKind, TableShape>();
  for (const kind of KINDS) {
    const found = importTables.find((t) => same(t.name, IMPORT_TABLE[kind]));
    if (!found) continue;
    const table = tables.getItem(found.name);
    table.load("showHeaders,showTotals");
    const range = table.getRange();
    range.load("address,rowCount,columnCount");
    shapes.set(kind, { table, range });
  }
  await context.sync();

  const facts: WorkbookFacts = {
    sheets: sheets.items.map((s) => ({ name: s.name, a1: a1.has(s.name) ? toCell(a1.get(s.name)!.values[0]?.[0]) : null })),
    tables: tableSheets,
    definedNames: [...names.items.map((n) => n.name), ...sheets.items.flatMap((s) => s.names.items.map((n) => n.name))],
  };
  const place = placeImports(imp, facts);
  const choice = storedChoice(setting);

  // Round trip 3: the writes, and the tables' places read back. The setting first: a name that
  // cannot take it throws before any write is queued.
  let written = false;
  let message: string;
  if (choice.kind === "other") {
    message = `${NAMES.positionsTable} refers to ${choice.text}, not a cell or a text: left as it is, so the review may not read ${BROKER_POSITIONS_TABLE}`;
  } else {
    const decision = positionsTableDecision(choice.stored);
    message = decision.message;
    if (decision.write) {
      queueSettingWrites(context, setting, { positionsTable: BROKER_POSITIONS_TABLE });
      written = true;
    }
  }
  const queued: Queued[] = [queueTable(context, imp.positions, place.positions, shapes.get("positions"), maxCells)];
  if (imp.ledger && place.ledger) queued.push(queueTable(context, imp.ledger, place.ledger, shapes.get("ledger"), maxCells));
  for (const q of queued) q.range.load("address,rowCount,columnCount");
  await context.sync();

  for (const q of queued) await writeRest(context, q, maxCells);
  const [positions, ledger] = queued.map(placed);
  return { positions, ledger: ledger ?? null, setting: { written, message } };
}

/** CSP_PositionsTable as the workbook stores it; `other` for a name that is neither one cell nor a constant (#REF!, several cells). */
function storedChoice(targets: SettingTargets): { kind: "stored"; stored: StoredChoice } | { kind: "other"; text: string } {
  const { item, range } = targets.found[0];
  if (item.isNullObject) return { kind: "stored", stored: { defined: false } };
  const type = String(item.type);
  if (type === "Range" && !range.isNullObject && range.cellCount === 1) return { kind: "stored", stored: { defined: true, value: toCell(range.values[0]?.[0]) } };
  if (type === "String" || type === "Double" || type === "Integer" || type === "Boolean") return { kind: "stored", stored: { defined: true, value: toCell(item.value) } };
  return { kind: "other", text: String(item.value) };
}

/**
 * The table's rows as Range.values takes them: "" for an empty cell, and text marked as text (a
 * leading apostrophe), so a broker file's "=..." or "1/2" is never entered as a formula or a
 * date. At least one row, as Excel keeps one in an empty table.
 */
function bodyOf(t: ImportTable): (string | number | boolean)[][] {
  const rows = t.rows.map((r) => t.headers.map((_, c) => excelSettingValue(r[c] ?? null)));
  return rows.length > 0 ? rows : [t.headers.map(() => "")];
}

const rowsPerWrite = (width: number, maxCells: number) => Math.max(1, Math.floor(maxCells / Math.max(1, width)));

/**
 * Queues one table: its sheet made ours (added, or everything but our table cleared), the block
 * above and the first chunk of the body written, the table in place over the whole body.
 */
function queueTable(context: Excel.RequestContext, t: ImportTable, place: Extract<Placement, { ok: true }>, shape: TableShape | undefined, maxCells: number): Queued {
  const width = t.headers.length;
  const last = columnLetters(width);
  const body = bodyOf(t);
  const top = IMPORT_HEADER_ROW;
  const bottom = top + body.length;
  const sheet = place.sheetExists ? context.workbook.worksheets.getItem(place.sheet) : context.workbook.worksheets.add(place.sheet);
  const first = Math.min(body.length, rowsPerWrite(width, maxCells));

  let table: Excel.Table;
  if (place.tableExists && shape && isOurShape(shape, width)) {
    // Kept, not re-added: formulas naming BrokerPositions[...] keep working, as the command line keeps the table part.
    table = shape.table;
    table.clearFilters();
    const had = shape.range.rowCount - 1;
    if (body.length > had) table.rows.add(undefined, body.slice(had).map((r) => r.map(() => "")));
    else if (body.length < had) table.getDataBodyRange().getRow(body.length).getResizedRange(had - body.length - 1, 0).delete("Up");
    // The rest of the sheet is replaced, as the command line replaces the whole sheet.
    sheet.getRange(`A1:XFD${top - 1}`).clear();
    sheet.getRange(`${columnLetters(width + 1)}${top}:XFD${bottom}`).clear();
    sheet.getRange(`A${bottom + 1}:XFD1048576`).clear();
    writeBlock(sheet, t, body.slice(0, first));
  } else {
    if (place.tableExists && shape) shape.table.delete();
    if (place.sheetExists) sheet.getRange().clear();
    writeBlock(sheet, t, body.slice(0, first));
    table = sheet.tables.add(`A${top}:${last}${bottom}`, true);
    table.name = t.name;
  }
  sheet.getRange(`A${top}:${last}${top + first}`).format.autofitColumns();
  return { t, place, sheet, range: table.getRange(), written: first };
}

/** A previous import's table in the place and width the import writes: header in row 4 from column A, no totals row. */
function isOurShape(shape: TableShape, width: number): boolean {
  const address = shape.range.address.slice(shape.range.address.lastIndexOf("!") + 1).replace(/\$/g, "");
  return address.startsWith(`A${IMPORT_HEADER_ROW}:`) && shape.range.columnCount === width && shape.table.showHeaders && !shape.table.showTotals;
}

/** The title, the caption, a blank row, the header and the first body rows as one Range.values; the body's number formats. */
function writeBlock(sheet: Excel.Worksheet, t: ImportTable, rows: (string | number | boolean)[][]): void {
  const width = t.headers.length;
  const line = (text: string) => [excelSettingValue(text), ...new Array<string>(width - 1).fill("")];
  const above = [line(t.title), line(t.caption), ...Array.from({ length: IMPORT_HEADER_ROW - 3 }, () => line(""))];
  const last = columnLetters(width);
  sheet.getRange(`A1:${last}${IMPORT_HEADER_ROW + rows.length}`).values = [...above, [...t.headers], ...rows];
  writeFormats(sheet, t, IMPORT_HEADER_ROW + 1, rows.length);
  sheet.getRange("A1").format.font.bold = true;
}

function writeFormats(sheet: Excel.Worksheet, t: ImportTable, firstRow: number, count: number): void {
  const last = columnLetters(t.headers.length);
  sheet.getRange(`A${firstRow}:${last}${firstRow + count - 1}`).numberFormat = Array.from({ length: count }, () => [...t.formats]);
}

/** The body rows that did not fit the first request, one sync per chunk. */
async function writeRest(context: Excel.RequestContext, q: Queued, maxCells: number): Promise<void> {
  const body = bodyOf(q.t);
  const last = columnLetters(q.t.headers.length);
  const step = rowsPerWrite(q.t.headers.length, maxCells);
  for (let start = q.written; start < body.length; start += step) {
    const rows = body.slice(start, start + step);
    const firstRow = IMPORT_HEADER_ROW + 1 + start;
    q.sheet.getRange(`A${firstRow}:${last}${firstRow + rows.length - 1}`).values = rows;
    writeFormats(q.sheet, q.t, firstRow, rows.length);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- each chunk is its own request on purpose (payload limit)
    await context.sync();
  }
}

/** Where a table went, checked against what Excel reports: a table of another size is an error, never a silent success. */
function placed(q: Queued): ImportPlaced {
  const rows = q.t.rows.length;
  const want = `A${IMPORT_HEADER_ROW}:${columnLetters(q.t.headers.length)}${IMPORT_HEADER_ROW + Math.max(1, rows)}`;
  const got = q.range.address.slice(q.range.address.lastIndexOf("!") + 1).replace(/\$/g, "");
  if (got !== want) throw new Error(`Excel holds table ${q.t.name} at ${got} on sheet '${q.place.sheet}', not at ${want}: the import did not complete; import the file again`);
  return { table: q.t.name, sheet: q.place.sheet, replaced: q.place.sheetExists, rows };
}
