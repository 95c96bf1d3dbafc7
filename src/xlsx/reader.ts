import { Cell, NAMES, SETTING_KEYS, SettingKey, StoredSettings, TableChoice, TableData, readStoredSettings } from "../core";
import {
  Area,
  HEADER_SEARCH_ROWS,
  PositionsPlace,
  SheetOutline,
  TableOutline,
  WorkbookOutline,
  describePlace,
  findPositions,
  formatArea,
  ownTables,
  parseArea,
  tableParts,
} from "../core/find";
import type { WorkbookSnapshot } from "../host/workbook-host";
import { BROKER_CLAIMERS, claimedTable } from "../core/brokers/registry";
import { WorkbookUnreadable } from "./errors";
import type { Reader } from "@zip.js/zip.js";
import { DefinedName, PackageModel, PartUnreadable, SheetInfo, readPackageModel, unzipping } from "./package-model";
import { CellSink, SheetScanner } from "./sheet-scan";

/**
 * The .xlsx reader of the command line and the pane's preview: the package read directly,
 * streaming, and only as much as the review needs. The top rows of each visible sheet (for
 * finding the positions, src/core/find.ts), the cells the settings' defined names point at,
 * then the chosen table's columns and rows and nothing else; a sheet part is left as soon as
 * the rows wanted are behind.
 */

export interface SnapshotRead {
  snapshot: WorkbookSnapshot;
  /** Cells that are dates by their number format (sheet row and column), for showing them as dates. */
  isDate(row: number, column: number): boolean;
}

const MAX_ROW = 1_048_576;
const cellKey = (row: number, column: number) => row * 16_385 + column;

/** Where a defined name leads: a cell to read, a constant, or a text that is neither. */
type NameTarget = { kind: "cell"; sheet: SheetInfo; row: number; column: number } | { kind: "value"; value: Cell } | { kind: "missing" };

export class XlsxReader {
  private constructor(readonly model: PackageModel) {}

  /**
   * Opens a package: its bytes, or a zip.js Reader over a file (with the file's first bytes), so
   * only the parts read are ever in memory. Throws WorkbookUnreadable naming what is wrong.
   */
  static async open(source: Uint8Array | Reader<unknown>, head?: Uint8Array): Promise<XlsxReader> {
    try {
      return new XlsxReader(await readPackageModel(source, head));
    } catch (e) {
      if (e instanceof WorkbookUnreadable) throw e;
      throw new WorkbookUnreadable(`it cannot be read (${(e as Error).message})`);
    }
  }

  get tableNames(): string[] {
    return this.model.tables.map((t) => t.name);
  }

  /** Every setting's defined name, the table found, and its cells. */
  async snapshot(explicit: TableChoice | null = null, keepDates = false): Promise<SnapshotRead> {
    const { model } = this;
    const targets = new Map<SettingKey, NameTarget>();
    const nameErrors: string[] = [];
    for (const key of SETTING_KEYS) {
      const chosen = chooseName(model, NAMES[key]);
      if (chosen.error) nameErrors.push(chosen.error);
      if (chosen.name) targets.set(key, nameTarget(model, chosen.name));
    }

    // One pass per sheet for its top rows and the named cells on it.
    const tops = new Map<string, Cell[][]>();
    const named = new Map<number, Cell>();
    for (const sheet of model.sheets) {
      const wanted = [...targets.values()].filter((t): t is Extract<NameTarget, { kind: "cell" }> => t.kind === "cell" && t.sheet === sheet);
      const topRows = sheet.state === "visible" ? HEADER_SEARCH_ROWS : 0;
      if (!sheet.part || (topRows === 0 && wanted.length === 0)) continue;
      const keys = new Set(wanted.map((t) => cellKey(t.row, t.column)));
      const top: Cell[][] = [];
      await this.scan(sheet.part, {
        lastRow: Math.max(topRows, ...wanted.map((t) => t.row)),
        wants: (row, column) => row <= topRows || keys.has(cellKey(row, column)),
        cell: (row, column, value) => {
          if (row <= topRows) (top[row - 1] ??= [])[column - 1] = value;
          if (keys.has(cellKey(row, column))) named.set(cellKey(row, column), value);
        },
      });
      tops.set(sheet.name, dense(top));
    }

    const values: Partial<Record<SettingKey, Cell>> = {};
    const defined: SettingKey[] = [];
    for (const [key, t] of targets) {
      if (t.kind === "missing") continue;
      defined.push(key);
      values[key] = t.kind === "value" ? t.value : (named.get(cellKey(t.row, t.column)) ?? null);
    }
    const settings: StoredSettings = readStoredSettings(values);
    settings.errors.push(...nameErrors);

    const outline: WorkbookOutline = {
      sheets: model.sheets.map((s): SheetOutline => ({ name: s.name, visible: s.state === "visible", top: tops.get(s.name) ?? [] })),
      tables: model.tables.map((t): TableOutline => ({ name: t.name, sheet: t.sheet, range: t.ref, headerRowCount: t.headerRowCount, totalsRowCount: t.totalsRowCount, columns: t.columns })),
    };
    const dates = new Set<number>();
    const found = findPositions(outline, { explicit, stored: settings.table, claimers: BROKER_CLAIMERS });
    const base = { tableNames: this.tableNames, settings, definedNames: defined };
    if (!found.ok) return { snapshot: { ...base, choice: null, table: null, message: found.message }, isDate: () => false };
    const placed = await this.readPlace(found.place, keepDates ? dates : null);
    if (!placed.ok) return { snapshot: { ...base, choice: null, table: null, message: placed.message }, isDate: () => false };
    const income = await this.incomeTables(outline.tables, found.place.kind === "table" ? found.place.table.name : null);
    return {
      snapshot: { ...base, choice: placed.choice, table: placed.table, message: null, ...income },
      isDate: (row, column) => dates.has(cellKey(row, column)),
    };
  }

  /** The tables income reads beside the positions (src/core/find.ts ownTables): CashFlows, the Review Logs, BrokerLedger. */
  private async incomeTables(tables: readonly TableOutline[], positions: string | null): Promise<Pick<WorkbookSnapshot, "cashFlows" | "reviewLogs" | "brokerLedger">> {
    const own = ownTables(tables, positions);
    const read = async (t: TableOutline | null): Promise<TableData | null> => {
      if (!t) return null;
      const placed = await this.readPlace({ kind: "table", table: t, how: "given" }, null);
      return placed.ok ? { ...placed.table, source: { sheet: t.sheet, name: t.name, range: placed.table.source?.range ?? t.range } } : null;
    };
    const logs: TableData[] = [];
    for (const t of own.reviewLogs) {
      const log = await read(t);
      if (log) logs.push(log);
    }
    return { cashFlows: await read(own.cashFlows), reviewLogs: logs, brokerLedger: await read(own.brokerLedger) };
  }

  /** The cells of a found place as a table, with the line saying how it was found. */
  private async readPlace(place: PositionsPlace, dates: Set<number> | null): Promise<{ ok: true; table: TableData; choice: TableChoice | null } | { ok: false; message: string }> {
    if (place.kind === "claimed") return this.readClaimed(place);
    const sheetName = place.kind === "table" ? place.table.sheet : place.sheet;
    const sheet = this.model.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (!sheet?.part) return { ok: false, message: `sheet '${sheetName}' holds no cells this reader can read (a chart sheet?)` };

    let area: Area;
    let headerRow: number;
    let bodyTop: number;
    let bodyBottom: number;
    if (place.kind === "table") {
      const parts = tableParts(place.table);
      if (!parts) return { ok: false, message: `table ${place.table.name} has no readable range ('${place.table.range}')` };
      area = parts.area;
      headerRow = parts.headerRow;
      bodyTop = parts.body ? parts.body.top : headerRow + 1;
      bodyBottom = parts.body ? parts.body.bottom : headerRow;
    } else {
      area = place.area;
      headerRow = area.top;
      bodyTop = area.top + 1;
      bodyBottom = place.open ? MAX_ROW : area.bottom;
    }
    const width = area.right - area.left + 1;
    // Rows by their offset from the header row: a plain array while rows come in order, as they do.
    const rows: Cell[][] = [];
    let lastFilled = headerRow;
    let atRow = 0;
    let cells: Cell[] = [];
    await this.scan(sheet.part, {
      lastRow: bodyBottom,
      wants: (row, column) => row >= headerRow && column >= area.left && column <= area.right,
      cell: (row, column, value, isDate) => {
        if (typeof value === "string" && (value === "" || (value.charCodeAt(0) <= 32 && value.trim() === ""))) return;
        if (row !== atRow) {
          atRow = row;
          cells = rows[row - headerRow] ??= new Array<Cell>(width).fill(null);
        }
        cells[column - area.left] = value;
        if (row > lastFilled) lastFilled = row;
        if (isDate && dates) dates.add(cellKey(row, column));
      },
    });
    if (place.kind === "range" && place.open) {
      bodyBottom = lastFilled;
      area = { ...area, bottom: lastFilled };
    }
    const blank = (): Cell[] => new Array<Cell>(width).fill(null);
    let header: Cell[];
    if (place.kind === "table" && place.table.headerRowCount === 0) header = place.table.columns.slice(0, width);
    else {
      header = rows[0] ?? blank();
      // A header cell left empty shows the table's own column name in Excel.
      if (place.kind === "table") header = header.map((h, i) => (h === null || h === "" ? (place.table.columns[i] ?? null) : h));
    }
    const body: Cell[][] = new Array(Math.max(0, bodyBottom - bodyTop + 1));
    for (let r = bodyTop; r <= bodyBottom; r++) body[r - bodyTop] = rows[r - headerRow] ?? blank();
    const range = formatArea(area);
    const choice: TableChoice = place.kind === "table" ? { kind: "table", name: place.table.name } : { kind: "range", sheet: sheet.name, address: range };
    return {
      ok: true,
      choice,
      table: {
        header,
        rows: body,
        headerRow: bodyTop - 1,
        firstColumn: area.left,
        source: { sheet: sheet.name, name: place.kind === "table" ? place.table.name : null, range, found: describePlace(place, range) },
      },
    };
  }

  /**
   * A sheet a broker profile recognised (src/core/brokers): its profile reads the sheet's cells
   * as a grid, rows as long as their last value, so a far stray cell widens one row only.
   */
  private async readClaimed(place: Extract<PositionsPlace, { kind: "claimed" }>): Promise<{ ok: true; table: TableData; choice: null } | { ok: false; message: string }> {
    const sheet = this.model.sheets.find((s) => s.name.toLowerCase() === place.sheet.toLowerCase());
    if (!sheet?.part) return { ok: false, message: `sheet '${place.sheet}' holds no cells this reader can read` };
    const grid: Cell[][] = [];
    await this.scan(sheet.part, { lastRow: MAX_ROW, wants: () => true, cell: (row, column, value) => void ((grid[row - 1] ??= [])[column - 1] = value) });
    const claimed = claimedTable(place, dense(grid));
    return claimed.ok ? { ok: true, table: claimed.table, choice: null } : claimed;
  }

  /** Streams one worksheet part into a sink; a broken part is named in the error. */
  async scan(part: string, sink: CellSink): Promise<void> {
    const scanner = new SheetScanner(this.model, sink);
    try {
      await unzipping(() => this.model.archive.streamText(part, (text) => scanner.feed(text)));
      scanner.end();
    } catch (e) {
      if (e instanceof WorkbookUnreadable) throw e;
      throw new PartUnreadable(part, (e as Error).message);
    }
  }

  /** The text of a worksheet part after its cell data (conditional formats, validations...), without keeping the cells. */
  async sheetTail(sheetName: string): Promise<string> {
    const sheet = this.model.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (!sheet?.part) return "";
    let carry = "";
    let tail: string[] | null = null;
    const end = /<\/(?:[\w.-]+:)?sheetData\s*>|<(?:[\w.-]+:)?sheetData\s*\/>/;
    await unzipping(() => this.model.archive.streamText(sheet.part!, (text) => {
      if (tail) {
        tail.push(text);
        return;
      }
      const buf = carry + text;
      const m = end.exec(buf);
      if (m) tail = [buf.slice(m.index + m[0].length)];
      else carry = buf.slice(-40);
    }));
    return tail ? (tail as string[]).join("") : "";
  }
}

/** Fills the holes of sparse rows with null (rows keep their own length). */
function dense(grid: Cell[][]): Cell[][] {
  const out: Cell[][] = [];
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const filled: Cell[] = new Array<Cell>(row.length);
    for (let c = 0; c < row.length; c++) filled[c] = row[c] ?? null;
    out.push(filled);
  }
  return out;
}

/**
 * The defined name a setting uses: the workbook-scoped one; else a sheet-scoped one, when every
 * sheet that scopes this name points it at the same place (otherwise the file does not say which).
 */
function chooseName(model: PackageModel, wanted: string): { name: DefinedName | null; error: string | null } {
  const all = model.names.filter((n) => n.name.toLowerCase() === wanted.toLowerCase());
  const global = all.find((n) => n.localSheetId === null);
  if (global) return { name: global, error: null };
  if (all.length === 0) return { name: null, error: null };
  const distinct = new Set(all.map((n) => n.formula));
  if (distinct.size === 1) return { name: all[0], error: null };
  const sheets = all.map((n) => `'${model.sheets[n.localSheetId ?? 0]?.name ?? n.localSheetId}'`).join(", ");
  return { name: null, error: `${wanted} is defined separately on sheets ${sheets} and not for the workbook: define it once for the workbook` };
}

/** Reads a defined name's formula: a cell reference (its top-left cell), a constant, or neither. */
function nameTarget(model: PackageModel, name: DefinedName): NameTarget {
  const f = name.formula.replace(/^=/, "").trim();
  if (f === "") return { kind: "missing" };
  if (/^"(?:[^"]|"")*"$/.test(f)) return { kind: "value", value: f.slice(1, -1).replace(/""/g, '"') };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(f)) return { kind: "value", value: Number(f) };
  if (/^(TRUE|FALSE)$/i.test(f)) return { kind: "value", value: f.toUpperCase() === "TRUE" };
  const bang = f.lastIndexOf("!");
  if (bang > 0) {
    let sheetName = f.slice(0, bang);
    if (sheetName.startsWith("'") && sheetName.endsWith("'")) sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
    const area = parseArea(f.slice(bang + 1));
    const sheet = model.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (area && sheet) return { kind: "cell", sheet, row: area.top, column: area.left };
    if (area && !sheet) return { kind: "missing" };
  }
  // A formula, #REF! or a reference into another workbook: handed over as text, so the setting is reported as unreadable, never guessed.
  return { kind: "value", value: f };
}
