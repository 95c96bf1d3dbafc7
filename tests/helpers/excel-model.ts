import { OfficeMockObject } from "office-addin-mock";
import { Cell, columnLetters } from "../../src/core";

/**
 * One Excel workbook behind every Office.js test and the bench: the reader, the snapshot cache
 * and the writers all run against it, so a test can read back what a writer wrote.
 *
 * Its objects are office-addin-mock objects: a property read before load + context.sync gives
 * office-addin-mock's "not loaded" text, and a collection's items read before then throw, so code
 * that forgets a load fails its test. isNullObject, which Office.js sends with every sync, is
 * readable once a sync has run. Office.js runs a batch in order, and so does the model: a
 * property set reaches the workbook at the next sync or before the next method call, whichever
 * comes first; methods act at once; a load reads the workbook as it stands at that point.
 *
 * Every sync is counted with the cells its value loads carry; a sync carrying more than
 * `serverMaxCells` is refused, as Excel on the web refuses a response over its payload limit.
 * Change events fire when a test says an edit happened (fireChanged, fireTableAdded); a value
 * that changes by recalculation fires only the calculated event (recalculate, fireCalculated).
 *
 * Assumptions about real Excel that this model makes, each checked by the real-Excel run in
 * tests/excel-e2e (see docs/excel.md, "What only real Excel can confirm"):
 * - a method that fails (ItemNotFound, ...) fails the batch at the next context.sync(): the calls
 *   and property writes queued after it in the same batch do not happen, those before it did;
 * - worksheets.onChanged does not fire for a value changed by recalculation (office-js#3899);
 *   worksheets.onCalculated does, with the recalculated cells' address (ExcelApi 1.11);
 * - while the user edits a cell, every batch fails with InvalidOperationInCellEditMode unless it
 *   was run with delayForCellEdit, which waits until the edit ends (office-js#625);
 * - Range.values gives a data-type cell (a Stocks or linked entity) as "#VALUE!", its basic value,
 *   and Range.text gives what the cell shows (the entity's name);
 * - the used range with valuesOnly is the smallest rectangle holding every cell with a value;
 * - NamedItem.getRange() fails for a name holding a constant; NamedItem.formula sets it;
 * - deleting a conditional format can fail with ItemNotFound when another rule shares its cells,
 *   or leave the rule in place (office-js#5222, #6835): `cfQuirks` makes the next deletes do so;
 * - a table's totals row is below its body and outside getDataBodyRange(); a table without a
 *   header row (showHeaders false) has its header row range refused here (we never read it).
 */

export type Value = string | number | boolean;
export interface CellState {
  value: Value;
  /** What the cell shows when Range.text differs from String(value): a data type's name. */
  display?: string;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  fontColor: string;
  bold: boolean;
  italic: boolean;
  borders: string;
}
export interface CfState {
  id: number;
  /** Areas, comma-separated, e.g. "A5:H5,A7:H9". */
  address: string;
  type: "Custom" | "CellValue" | "DataBar";
  formula: string;
  fill: string | null;
  priority: number;
}
export interface TableState {
  name: string;
  sheet: string;
  headerRow: number;
  firstColumn: number;
  width: number;
  bodyRows: number;
  /** false: the table hides its header row (the column names stay in the table). */
  showHeaders?: boolean;
  /** true: a totals row below the body. */
  showTotals?: boolean;
  /** The column names the table keeps (its header row's text, also when the row is hidden). */
  columnNames?: string[];
}
export interface ChartState {
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  /** color: a fill the user gave the series by hand (the add-in never sets one). */
  series: { name: string; type: string; xValues: string | null; values: string; color?: string }[];
  top: number;
  left: number;
  width: number;
  height: number;
}
export interface SheetState {
  name: string;
  id: string;
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  cells: Cells;
  cfs: CfState[];
  charts: ChartState[];
}
/** A defined name: a range (or a #REF! one), or a constant such as =0.45. */
export type NameState =
  | { name: string; type: "Range" | "Error"; sheet: string; address: string }
  | { name: string; type: "String" | "Double" | "Boolean"; value: Value };
export interface WorkbookState {
  sheets: SheetState[];
  tables: TableState[];
  names: NameState[];
  selection: { sheet: string; address: string };
  activeSheet: string;
}

export interface Box {
  row: number;
  column: number;
  rows: number;
  columns: number;
}
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
const WHOLE_SHEET: Box = { row: 1, column: 1, rows: MAX_ROW, columns: MAX_COLUMN };

/** "AB12" -> {row: 12, column: 28}. */
export function parseCell(a1: string): { row: number; column: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a1.toUpperCase());
  if (!m) throw new Error(`bad cell ${a1}`);
  let column = 0;
  for (const ch of m[1]) column = column * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), column };
}

/** "B3:H40", "C7" or whole columns "A:B". */
export function parseBox(address: string): Box {
  const [a, b] = address.replace(/\$/g, "").split(":");
  if (/^[A-Z]+$/i.test(a) && b && /^[A-Z]+$/i.test(b)) {
    const first = parseCell(`${a}1`).column;
    return { row: 1, column: first, rows: MAX_ROW, columns: parseCell(`${b}1`).column - first + 1 };
  }
  const p = parseCell(a);
  const q = parseCell(b ?? a);
  return { row: p.row, column: p.column, rows: q.row - p.row + 1, columns: q.column - p.column + 1 };
}
export const boxAddress = (b: Box) =>
  `${columnLetters(b.column)}${b.row}:${columnLetters(b.column + b.columns - 1)}${b.row + b.rows - 1}`;

const intersects = (a: Box, b: Box) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;

/** Whether two comma-separated area lists share a cell. */
const overlaps = (a: string, b: string) => a.split(",").some((x) => b.split(",").some((y) => intersects(parseBox(x), parseBox(y))));

function intersection(a: Box, b: Box): Box | null {
  if (!intersects(a, b)) return null;
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  return { row, column, rows: Math.min(a.row + a.rows, b.row + b.rows) - row, columns: Math.min(a.column + a.columns, b.column + b.columns) - column };
}

function boundingRect(a: Box, b: Box): Box {
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return { row, column, rows: Math.max(a.row + a.rows, b.row + b.rows) - row, columns: Math.max(a.column + a.columns, b.column + b.columns) - column };
}

const quoted = (sheet: string) => (/^[A-Za-z0-9_]+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`);

export function blankCell(): CellState {
  return { value: "", formula: null, numberFormat: "General", fill: null, fontColor: "#000000", bold: false, italic: false, borders: "" };
}

/** A sheet's cells by row and column: a map by A1 address is too slow for a million cells. */
export class Cells {
  private rows: CellState[][] = [];

  at(row: number, column: number): CellState | undefined {
    return this.rows[row]?.[column];
  }
  put(row: number, column: number, cell: CellState): void {
    (this.rows[row] ??= [])[column] = cell;
  }
  get(a1: string): CellState | undefined {
    const p = parseCell(a1);
    return this.at(p.row, p.column);
  }
  set(a1: string, cell: CellState): void {
    const p = parseCell(a1);
    this.put(p.row, p.column, cell);
  }
  /** Empties the cells inside `box`. */
  clear(box: Box): void {
    this.rows.forEach((row, r) => {
      if (r < box.row || r >= box.row + box.rows) return;
      row.forEach((_, c) => {
        if (c >= box.column && c < box.column + box.columns) delete row[c];
      });
    });
  }
  /** The smallest box inside `box` holding every cell with a value (valuesOnly), or null. */
  usedBox(box: Box): Box | null {
    let top = Infinity, bottom = -Infinity, left = Infinity, right = -Infinity;
    this.rows.forEach((row, r) => {
      if (r < box.row || r >= box.row + box.rows) return;
      row.forEach((cell, c) => {
        if (c < box.column || c >= box.column + box.columns || (cell.value === "" && cell.formula === null)) return;
        top = Math.min(top, r);
        bottom = Math.max(bottom, r);
        left = Math.min(left, c);
        right = Math.max(right, c);
      });
    });
    return top === Infinity ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }
  entries(): [string, CellState][] {
    const out: [string, CellState][] = [];
    this.rows.forEach((row, r) => row.forEach((cell, c) => out.push([`${columnLetters(c)}${r}`, cell])));
    return out;
  }
  values(): CellState[] {
    return this.entries().map(([, cell]) => cell);
  }
  toJSON(): Record<string, CellState> {
    return Object.fromEntries(this.entries());
  }
}

let sheetsMade = 0;

/** A sheet with the given cells ("A1" -> value and formats) and nothing else. */
export function sheetState(name: string, cells: Record<string, Partial<CellState>> = {}): SheetState {
  const sheet: SheetState = { name, id: `{sheet-${++sheetsMade}}`, cells: new Cells(), cfs: [], charts: [] };
  for (const [a1, c] of Object.entries(cells)) sheet.cells.set(a1, { ...blankCell(), ...c });
  return sheet;
}

/** Rows of values as cells from `topLeft` on, for WorkbookSpec.sheets; null is an empty cell. */
export function valuesAt(topLeft: string, rows: Cell[][]): Record<string, Partial<CellState>> {
  const p = parseCell(topLeft);
  const cells: Record<string, Partial<CellState>> = {};
  rows.forEach((row, r) => row.forEach((value, c) => value !== null && (cells[`${columnLetters(p.column + c)}${p.row + r}`] = { value })));
  return cells;
}

export interface TableSpec {
  name: string;
  sheet: string;
  header: Cell[];
  rows: Cell[][];
  /** 1-based sheet row of the header (default 1) and first column (default 1). */
  headerRow?: number;
  firstColumn?: number;
  showHeaders?: boolean;
  /** Values of a totals row below the body; present means the table shows one. */
  totals?: Cell[];
}
export type NameSpec = { sheet: string; cell: string; value: Cell } | { constant: Value };
export interface WorkbookSpec {
  /** Sheet -> cells ("A1" -> value and formats; see valuesAt). */
  sheets?: Record<string, Record<string, Partial<CellState>>>;
  tables?: TableSpec[];
  /** Defined names: a cell (its value is put there) or a constant. */
  names?: Record<string, NameSpec>;
}

/** A workbook of the given sheets, tables and names; sheets come in that order of mention. */
export function workbook(spec: WorkbookSpec): WorkbookState {
  const sheets: SheetState[] = [];
  const sheetNamed = (name: string) => {
    let sheet = sheets.find((s) => s.name === name);
    if (!sheet) sheets.push((sheet = sheetState(name)));
    return sheet;
  };
  const put = (sheet: SheetState, row: number, column: number, value: Cell) => {
    if (value !== null) sheet.cells.put(row, column, { ...blankCell(), value });
  };
  for (const [name, cells] of Object.entries(spec.sheets ?? {})) {
    const sheet = sheetNamed(name);
    for (const [a1, c] of Object.entries(cells)) sheet.cells.set(a1, { ...blankCell(), ...c });
  }
  const tables = (spec.tables ?? []).map((t): TableState => {
    const sheet = sheetNamed(t.sheet);
    const headerRow = t.headerRow ?? 1;
    const firstColumn = t.firstColumn ?? 1;
    const showHeaders = t.showHeaders ?? true;
    // Without a header row the body starts where the header would be: headerRow is the row above it.
    if (showHeaders) t.header.forEach((v, c) => put(sheet, headerRow, firstColumn + c, v));
    t.rows.forEach((row, r) => row.forEach((v, c) => put(sheet, headerRow + 1 + r, firstColumn + c, v)));
    // Excel keeps one (blank) body row in an empty table.
    const bodyRows = Math.max(1, t.rows.length);
    t.totals?.forEach((v, c) => put(sheet, headerRow + 1 + bodyRows, firstColumn + c, v));
    return {
      name: t.name,
      sheet: t.sheet,
      headerRow,
      firstColumn,
      width: t.header.length,
      bodyRows,
      showHeaders,
      showTotals: t.totals !== undefined,
      columnNames: t.header.map((h, i) => (h === null || h === "" ? `Column${i + 1}` : String(h))),
    };
  });
  const names = Object.entries(spec.names ?? {}).map(([name, n]): NameState => {
    if ("constant" in n) {
      const type = typeof n.constant === "number" ? "Double" : typeof n.constant === "boolean" ? "Boolean" : "String";
      return { name, type, value: n.constant };
    }
    const p = parseCell(n.cell);
    put(sheetNamed(n.sheet), p.row, p.column, n.value);
    return { name, type: "Range", sheet: n.sheet, address: n.cell };
  });
  const first = sheets[0]?.name ?? "Sheet1";
  return { sheets, tables, names, selection: { sheet: first, address: "A1" }, activeSheet: first };
}

/** A generated position table of `rows` rows, six columns, as a put seller logs them. */
export function positionRows(rows: number): { header: Cell[]; rows: Cell[][] } {
  const tickers = ["KO", "PFE", "T", "VZ", "INTC", "F", "BAC", "WFC", "XOM", "CSCO"];
  const body: Cell[][] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    body[i] = [tickers[i % tickers.length], "Put", 10 + (i % 50), 1 + (i % 3), 45000 + (i % 700), i % 4 === 0 ? "Closed" : "Open"];
  }
  return { header: ["Ticker", "Type", "Strike", "Qty", "Open Date", "Status"], rows: body };
}

export interface ChangeEvent {
  worksheetId: string;
  address: string;
  changeType?: string;
  source?: string;
}

type Handler = (event: unknown) => unknown;
type Data = Record<string, unknown>;
type Mock = OfficeMockObject;
/** office-addin-mock fixes a property's value when the object is made; a load sets it again. */
type Settable = { setValue(name: string, value: unknown): void };
interface Collection {
  load(what?: string): Collection;
  readonly items: Mock[];
  [method: string]: unknown;
}
interface Behaviour {
  /** Properties the add-in may set (paths such as "format/fill/color") and how a set value reaches the workbook. */
  writes?: Record<string, (value: never) => void>;
  /** Properties read from the workbook when they are loaded. */
  reads?: Record<string, () => unknown>;
  /** Child collections, loaded through paths such as "columns/items/name". */
  collections?: Record<string, Collection>;
  /** Navigation properties, loaded through paths such as "worksheet/name". */
  children?: Record<string, () => Mock>;
  /** Told the properties of each load, after the reads. */
  loaded?: (paths: string[]) => void;
  isNull?: boolean;
}

const NOT_LOADED = new Set(["Error, property was not loaded", "Error, context.sync() was not called"]);
function paths(what: string | string[] | object | undefined): string[] {
  if (what === undefined) return ["*"];
  if (typeof what !== "string" && !Array.isArray(what)) throw new Error("the model loads property names only, not an object of them");
  return (Array.isArray(what) ? what : [what]).flatMap((w) => w.replace(/\s/g, "").split(",")).filter(Boolean);
}
const propertyAt = (object: unknown, path: string): unknown =>
  path.split("/").reduce<unknown>((o, key) => (o as Record<string, unknown> | undefined)?.[key], object);

/**
 * What a call queued after a batch's failure returns: Office.js still hands back a proxy (the
 * call never runs), so the caller can go on queueing on it; nothing it does reaches the workbook.
 */
function inert(): unknown {
  const target = function () {} as unknown as object;
  return new Proxy(target, {
    get: (_t, prop) => (prop === "then" ? undefined : inert()),
    set: () => true,
    apply: () => inert(),
  });
}

function setCellValue(cell: CellState, v: Value): void {
  const text = typeof v === "string";
  cell.formula = text && v.startsWith("=") ? v : null;
  cell.value = cell.formula !== null ? 0 : text && v.startsWith("'") ? v.slice(1) : v;
}

export class ExcelModel {
  readonly context: Excel.RequestContext;
  /** Cells whose values each sync carried back, and each value load's cells. */
  readonly cellsPerSync: number[] = [];
  readonly valueLoads: number[][] = [];
  readonly handlers: Record<"changed" | "calculated" | "tableAdded" | "tableDeleted", Handler[]> = {
    changed: [],
    calculated: [],
    tableAdded: [],
    tableDeleted: [],
  };
  /** True while the user edits a cell: batches fail unless run with delayForCellEdit. */
  editing = false;
  /** Excel on the web has refused batches in cell-edit mode even with delayForCellEdit (office-js#3019). */
  delayForCellEditHonoured = true;
  /** Event registrations to refuse, as a start-up race in Excel may (the next ones succeed). */
  failEventRegistrations = 0;
  /** Known conditional-format failures of real Excel, for the next deletes of a rule that shares cells with another rule. */
  cfQuirks = { deleteThrows: 0, deleteIgnored: 0 };
  private syncCount = 0;
  private delayed = 0;
  private editEnded: (() => void)[] = [];
  /** The first failure of the batch being built: it surfaces at the next sync (Office.js batches). */
  private pendingError: Error | null = null;
  /** Objects made or loaded since the last sync: the next sync hands them their loaded values. */
  private readonly live = new Set<Mock>();
  private readonly synced = new WeakSet<Mock>();
  /** Property-write checks, run in the order the objects were made. */
  private readonly writes: (() => void)[] = [];
  private pendingLoads: (() => void)[] = [];
  private pendingValues: number[] = [];
  private readonly places = new WeakMap<object, { sheet: SheetState | null; box: Box }>();
  private nextCf = 1;

  constructor(
    readonly state: WorkbookState,
    private readonly options: { serverMaxCells?: number } = {},
  ) {
    this.context = { workbook: this.workbookObject(), sync: () => this.sync() } as unknown as Excel.RequestContext;
  }

  /** Excel.run over this model. */
  run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => batch(this.context);

  /** Excel.run(options, batch): with delayForCellEdit the batch waits while the user edits a cell. */
  runWith = async <T>(options: { delayForCellEdit?: boolean }, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    if (!options.delayForCellEdit || !this.delayForCellEditHonoured) return batch(this.context);
    while (this.editing) await new Promise<void>((resolve) => this.editEnded.push(resolve));
    this.delayed++;
    try {
      return await batch(this.context);
    } finally {
      this.delayed--;
    }
  };

  /** The user presses Enter: the cell edit ends and delayed batches run. */
  endCellEdit(): void {
    this.editing = false;
    for (const resolve of this.editEnded.splice(0)) resolve();
  }

  /** A cell's value changes by recalculation (its formula's inputs changed): only onCalculated fires. */
  async recalculate(sheet: string, a1: string, value: Value): Promise<void> {
    this.cell(sheet, a1).value = value;
    await this.fireCalculated({ worksheetId: this.sheetId(sheet), address: a1 });
  }

  /** Runs the worksheets.onCalculated handlers (address: ExcelApi 1.11; leave it out for older hosts). */
  async fireCalculated(event: { worksheetId: string; address?: string }): Promise<void> {
    for (const h of this.handlers.calculated) await h({ type: "WorksheetCalculated", ...event });
  }

  private registerHandler(list: Handler[], handler: Handler): { remove: () => void } {
    if (this.failEventRegistrations > 0) {
      this.failEventRegistrations--;
      this.fail(Object.assign(new Error("The event registration failed."), { code: "GeneralException" }));
    } else list.push(handler);
    return { remove: () => list.splice(list.indexOf(handler), 1) };
  }

  /** Records the batch's first failure; later calls of the batch are skipped until the sync reports it. */
  private fail(error: Error): void {
    this.pendingError ??= error;
  }

  /** Calls of context.sync so far. */
  get syncs(): number {
    return this.syncCount;
  }

  private findSheet(name: string): SheetState | null {
    return this.state.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  sheet(name: string): SheetState {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`ItemNotFound: sheet ${name}`);
    return sheet;
  }

  sheetId(name: string): string {
    return this.sheet(name).id;
  }

  /** A cell's state, made blank when the cell was empty: tests edit the workbook through it. */
  cell(sheet: string, a1: string): CellState {
    const p = parseCell(a1);
    return this.cellAt(this.sheet(sheet), p.row, p.column);
  }

  /** Values of a rectangle, "" for empty cells. */
  values(sheet: string, address: string): Value[][] {
    return this.grid(this.sheet(sheet), parseBox(address), (c) => c?.value ?? "");
  }

  /** A deep copy of everything, for before/after comparisons. */
  snapshot(): unknown {
    return JSON.parse(JSON.stringify(this.state));
  }

  /** Runs the worksheets.onChanged handlers as Excel does after an edit. */
  async fireChanged(event: ChangeEvent): Promise<void> {
    for (const h of this.handlers.changed) await h({ type: "WorksheetChanged", changeType: "RangeEdited", source: "Local", ...event });
  }

  async fireTableAdded(): Promise<void> {
    for (const h of this.handlers.tableAdded) await h({ type: "TableAdded" });
  }

  private async sync(): Promise<void> {
    this.syncCount++;
    if (this.editing && this.delayed === 0) {
      this.pendingError = null;
      this.pendingLoads = [];
      this.pendingValues = [];
      this.live.clear();
      throw Object.assign(new Error("Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again."), {
        code: "InvalidOperationInCellEditMode",
      });
    }
    this.flushWrites();
    if (this.pendingError) {
      const error = this.pendingError;
      this.pendingError = null;
      this.pendingLoads = [];
      this.pendingValues = [];
      this.live.clear();
      throw error;
    }
    const loads = this.pendingValues.splice(0);
    const loadedCollections = this.pendingLoads.splice(0);
    const objects = [...this.live];
    this.live.clear();
    const cells = loads.reduce((a, b) => a + b, 0);
    if (this.options.serverMaxCells !== undefined && cells > this.options.serverMaxCells) {
      throw Object.assign(new Error("The response payload size has exceeded the limit."), { code: "ResponsePayloadSizeLimitExceeded" });
    }
    this.cellsPerSync.push(cells);
    this.valueLoads.push(loads);
    for (const loaded of loadedCollections) loaded();
    for (const m of objects) {
      this.synced.add(m);
      void OfficeMockObject.prototype.sync.call(m);
    }
    // office-addin-mock hands loaded values over in promise callbacks it does not wait for.
    await new Promise((resolve) => setImmediate(resolve));
  }

  private flushWrites(): void {
    if (this.pendingError) return;
    for (const write of this.writes) write();
  }

  /** Functions of `data`, at any depth, made to send the property writes queued before them first. */
  private inOrder(data: Data): Data {
    const out: Data = {};
    for (const [key, v] of Object.entries(data)) {
      if (typeof v === "function") {
        out[key] = (...args: unknown[]) => {
          this.flushWrites();
          const call = () => (v as (...a: unknown[]) => unknown)(...args);
          // Getters still hand back objects so the caller can go on queueing; a failed getter
          // throws at once, as a wrong argument does in Office.js.
          if (key.startsWith("get")) return call();
          if (this.pendingError) return inert();
          try {
            return call();
          } catch (error) {
            this.fail(error as Error);
            return inert();
          }
        };
      } else out[key] = v !== null && typeof v === "object" && !Array.isArray(v) ? this.inOrder(v as Data) : v;
    }
    return out;
  }

  /** An Office.js object over `data`: every object of the model is made here. */
  private object(data: Data, behaviour: Behaviour = {}): Mock {
    const { writes = {}, reads = {}, collections = {} } = behaviour;
    const m = new OfficeMockObject(this.inOrder(data));
    // What the model last put in each settable property: anything else there was set by the add-in.
    const sent = new Map<string, unknown>(Object.keys(writes).map((path) => [path, propertyAt(data, path)]));
    for (const [path, apply] of Object.entries(writes)) {
      this.writes.push(() => {
        const v = propertyAt(m, path);
        if (v === undefined || v === sent.get(path) || (typeof v === "string" && NOT_LOADED.has(v))) return;
        sent.set(path, v);
        (apply as (value: unknown) => void)(v);
      });
    }
    const load = OfficeMockObject.prototype.load.bind(m);
    m.load = (what?: string | string[] | object) => {
      this.flushWrites();
      const own: string[] = [];
      for (const path of paths(what)) {
        const [head, ...rest] = path.split("/");
        if (head === "isNullObject") continue;
        const child = collections[head];
        if (child) {
          child.load(rest.join("/"));
          continue;
        }
        const navigation = behaviour.children?.[head];
        if (navigation && rest.length > 0) {
          navigation().load(rest.join("/"));
          continue;
        }
        for (const [key, read] of Object.entries(reads)) {
          if (key !== head && head !== "*") continue;
          const v = read();
          (m as unknown as Settable).setValue(key, v);
          sent.set(key, v);
        }
        own.push(path);
      }
      behaviour.loaded?.(own);
      if (own.length > 0) load(own);
      this.live.add(m);
      return m;
    };
    Object.defineProperty(m, "isNullObject", {
      get: () => {
        if (!this.synced.has(m)) throw new Error("isNullObject read before context.sync()");
        return behaviour.isNull ?? false;
      },
    });
    Object.assign(m, collections);
    this.live.add(m);
    return m;
  }

  /** A collection whose items are readable only after load + sync, as in Office.js. */
  private collection(list: () => Mock[], methods: Data = {}): Collection {
    let items: Mock[] | null = null;
    const c = {
      ...this.inOrder(methods),
      load: (what = "") => {
        this.flushWrites();
        const loaded = list();
        const sub = paths(what)
          .map((p) => p.replace(/^items\/?/, ""))
          .filter(Boolean);
        if (sub.length > 0) for (const item of loaded) item.load(sub);
        items = null;
        this.pendingLoads.push(() => (items = loaded));
        return c;
      },
    } as unknown as Collection;
    Object.defineProperty(c, "items", {
      get() {
        if (items === null) throw new Error("collection items read before load + context.sync()");
        return items;
      },
    });
    return c;
  }

  private placeOf(range: unknown): { sheet: SheetState; box: Box } {
    const place = this.places.get(range as object);
    if (!place?.sheet) throw new Error("not a range of this workbook");
    return { sheet: place.sheet, box: place.box };
  }

  private cellAt(sheet: SheetState, row: number, column: number): CellState {
    let cell = sheet.cells.at(row, column);
    if (!cell) sheet.cells.put(row, column, (cell = blankCell()));
    return cell;
  }

  private grid<T>(sheet: SheetState | null, box: Box, f: (cell: CellState | undefined) => T): T[][] {
    if (!sheet) return [];
    const out: T[][] = new Array(box.rows);
    for (let r = 0; r < box.rows; r++) {
      const row: T[] = new Array(box.columns);
      for (let c = 0; c < box.columns; c++) row[c] = f(sheet.cells.at(box.row + r, box.column + c));
      out[r] = row;
    }
    return out;
  }

  private eachCell(sheet: SheetState | null, box: Box, f: (cell: CellState, r: number, c: number) => void): void {
    if (!sheet) return;
    for (let r = 0; r < box.rows; r++) for (let c = 0; c < box.columns; c++) f(this.cellAt(sheet, box.row + r, box.column + c), r, c);
  }

  /** A range; on no sheet (null) it is a null object. */
  private range(sheet: SheetState | null, box: Box): Mock {
    const cells = sheet ? box.rows * box.columns : 0;
    const other = (range: unknown) => this.placeOf(range).box;
    const on = (b: Box) => this.range(sheet, b);
    const m = this.object(
      {
        address: sheet ? `${quoted(sheet.name)}!${boxAddress(box)}` : "",
        rowIndex: box.row - 1,
        columnIndex: box.column - 1,
        rowCount: box.rows,
        columnCount: box.columns,
        cellCount: cells,
        values: [],
        text: [],
        numberFormat: [],
        format: { fill: { color: "" }, font: { bold: false, color: "" }, autofitColumns: () => undefined },
        getRow: (i: number) => on({ ...box, row: box.row + i, rows: 1 }),
        getLastRow: () => on({ ...box, row: box.row + box.rows - 1, rows: 1 }),
        getResizedRange: (rows: number, columns: number) => {
          const b = { ...box, rows: box.rows + rows, columns: box.columns + columns };
          if (b.row + b.rows - 1 > MAX_ROW || b.column + b.columns - 1 > MAX_COLUMN) throw new Error("range beyond the sheet");
          return on(b);
        },
        getIntersection: (range: unknown) => {
          const b = intersection(box, other(range));
          if (!b) throw new Error("no intersection");
          return on(b);
        },
        getIntersectionOrNullObject: (range: unknown) => {
          const b = intersection(box, other(range));
          return b ? on(b) : this.range(null, box);
        },
        getUsedRange: (valuesOnly?: boolean) => {
          if (!valuesOnly) throw new Error("the model keeps the used range of values only");
          const b = sheet?.cells.usedBox(box);
          if (!b) throw Object.assign(new Error("ItemNotFound: no used cell in the range"), { code: "ItemNotFound" });
          return on(b);
        },
        getUsedRangeOrNullObject: (valuesOnly?: boolean) => {
          if (!valuesOnly) throw new Error("the model keeps the used range of values only");
          const b = sheet?.cells.usedBox(box);
          return b ? on(b) : this.range(null, box);
        },
        getBoundingRect: (range: unknown) => on(boundingRect(box, other(range))),
        clear: () => sheet?.cells.clear(box),
        select: () => {
          this.state.selection = { sheet: sheet!.name, address: boxAddress(box) };
        },
      },
      {
        reads: {
          values: () => this.grid(sheet, box, (c) => c?.value ?? ""),
          text: () => this.grid(sheet, box, (c) => c?.display ?? String(c?.value ?? "")),
          numberFormat: () => this.grid(sheet, box, (c) => c?.numberFormat ?? "General"),
        },
        writes: {
          values: (v: Value[][]) => this.eachCell(sheet, box, (cell, r, c) => setCellValue(cell, v[r][c])),
          numberFormat: (v: string[][]) => this.eachCell(sheet, box, (cell, r, c) => (cell.numberFormat = v[r][c])),
          "format/fill/color": (v: string) => this.eachCell(sheet, box, (cell) => (cell.fill = v)),
          "format/font/bold": (v: boolean) => this.eachCell(sheet, box, (cell) => (cell.bold = v)),
          "format/font/color": (v: string) => this.eachCell(sheet, box, (cell) => (cell.fontColor = v)),
        },
        loaded: (props) => {
          if (props.includes("values") || props.includes("*")) this.pendingValues.push(cells);
          if (props.includes("text")) this.pendingValues.push(cells);
        },
        isNull: sheet === null,
      },
    );
    if (sheet) m.conditionalFormats = this.conditionalFormats(sheet, [box]);
    this.places.set(m, { sheet, box });
    return m;
  }

  private conditionalFormats(sheet: SheetState, boxes: Box[]): Collection {
    const touches = (cf: CfState) => cf.address.split(",").some((a) => boxes.some((b) => intersects(parseBox(a), b)));
    return this.collection(() => sheet.cfs.filter(touches).map((cf) => this.cfObject(sheet, cf)), {
      add: (type: CfState["type"]) => {
        const cf: CfState = { id: this.nextCf++, address: boxes.map(boxAddress).join(","), type, formula: "", fill: null, priority: 0 };
        // Office.js puts a new rule first.
        for (const other of sheet.cfs) other.priority++;
        sheet.cfs.push(cf);
        return this.cfObject(sheet, cf);
      },
    });
  }

  private cfObject(sheet: SheetState, cf: CfState): Mock {
    const custom = { rule: { formula: cf.formula }, format: { fill: { color: cf.fill ?? "" } } };
    return this.object(
      {
        id: String(cf.id),
        type: cf.type,
        priority: cf.priority,
        custom,
        customOrNullObject: cf.type === "Custom" ? custom : { rule: { formula: "#null-object" }, format: { fill: { color: "" } } },
        delete: () => {
          const i = sheet.cfs.indexOf(cf);
          if (i < 0) throw Object.assign(new Error("ItemNotFound: conditional format already deleted"), { code: "ItemNotFound" });
          const shared = sheet.cfs.some((o) => o !== cf && overlaps(o.address, cf.address));
          if (shared && this.cfQuirks.deleteThrows > 0) {
            this.cfQuirks.deleteThrows--;
            throw Object.assign(new Error("ItemNotFound: Item Not Found."), { code: "ItemNotFound" });
          }
          if (shared && this.cfQuirks.deleteIgnored > 0) {
            this.cfQuirks.deleteIgnored--;
            return;
          }
          sheet.cfs.splice(i, 1);
          for (const other of sheet.cfs) if (other.priority > cf.priority) other.priority--;
        },
      },
      { writes: { "custom/rule/formula": (v: string) => (cf.formula = v), "custom/format/fill/color": (v: string) => (cf.fill = v) } },
    );
  }

  /** A worksheet; null gives the null object getItemOrNullObject returns for a missing sheet. */
  private worksheetObject(sheet: SheetState | null): Mock {
    const on = (box: Box) => this.range(sheet, box);
    return this.object(
      {
        name: sheet?.name ?? "",
        id: sheet?.id ?? "",
        visibility: sheet?.visibility ?? "Visible",
        getRange: (address?: string) => on(address ? parseBox(address) : WHOLE_SHEET),
        getRangeByIndexes: (row: number, column: number, rows: number, columns: number) => on({ row: row + 1, column: column + 1, rows, columns }),
        getRanges: (address: string) => {
          const boxes = address.split(/[,;]/).map((a) => parseBox(a.trim()));
          return Object.assign(this.object({ areaCount: boxes.length }), { conditionalFormats: this.conditionalFormats(sheet!, boxes) });
        },
        activate: () => {
          this.state.activeSheet = sheet!.name;
        },
        tables: { add: (range: unknown, hasHeaders: boolean) => this.addTable(range, hasHeaders) },
        charts: {
          add: (type: string, source: unknown, seriesBy: string) => this.addChart(sheet!, type, source, seriesBy),
          getItemOrNullObject: (name: string) => {
            const chart = sheet!.charts.find((c) => c.name === name);
            if (chart) return this.chartObject(sheet!, chart);
            // Office.js gives no meaningful count for a missing chart: the model refuses to read one.
            const noCount = (): number => {
              throw new Error("the series count of a null chart was read");
            };
            const series = { getCount: () => this.clientResult(noCount) };
            return this.object({ name: "", top: 0, left: 0, width: 0, height: 0, series }, { isNull: true });
          },
        },
      },
      { isNull: sheet === null },
    );
  }

  private addTable(range: unknown, hasHeaders: boolean): Mock {
    if (!hasHeaders) throw new Error("the model makes tables with headers only");
    const { sheet, box } = this.placeOf(range);
    const t: TableState = {
      name: `Table${this.state.tables.length + 1}`,
      sheet: sheet.name,
      headerRow: box.row,
      firstColumn: box.column,
      width: box.columns,
      // Excel gives a header-only table one empty body row.
      bodyRows: Math.max(1, box.rows - 1),
    };
    this.state.tables.push(t);
    return this.tableObject(t);
  }

  private tableObject(t: TableState): Mock {
    const shown = () => t.showHeaders ?? true;
    const part = (which: "all" | "body" | "header", column = t.firstColumn, columns = t.width): Box => ({
      row: which === "body" || !shown() ? t.headerRow + 1 : t.headerRow,
      rows: which === "header" ? 1 : which === "body" ? t.bodyRows : t.bodyRows + (shown() ? 1 : 0) + (t.showTotals ? 1 : 0),
      column,
      columns,
    });
    const on = (box: Box) => this.range(this.sheet(t.sheet), box);
    const header = () => (shown() ? this.values(t.sheet, boxAddress(part("header")))[0].map(String) : (t.columnNames ?? []));
    const column = (name: string, i: number) =>
      this.object({
        name,
        getRange: () => on(part("all", t.firstColumn + i, 1)),
        getDataBodyRange: () => on(part("body", t.firstColumn + i, 1)),
      });
    const columns = this.collection(() => header().map(column), {
      getItem: (name: string) => {
        const i = header().indexOf(name);
        if (i < 0) throw new Error(`ItemNotFound: table column ${name}`);
        return column(name, i);
      },
      getItemAt: (i: number) => {
        const names = header();
        if (i < 0 || i >= names.length) throw new Error(`ItemNotFound: table column ${i}`);
        return column(names[i], i);
      },
    });
    const m = this.object(
      {
        name: t.name,
        rows: {
          add: (_index: number | undefined, values: Value[][]) => {
            const start = t.headerRow + 1 + t.bodyRows;
            this.eachCell(this.sheet(t.sheet), { row: start, column: t.firstColumn, rows: values.length, columns: t.width }, (cell, r, c) =>
              setCellValue(cell, values[r][c]),
            );
            t.bodyRows += values.length;
          },
        },
        showHeaders: shown(),
        showTotals: t.showTotals ?? false,
        getDataBodyRange: () => on(part("body")),
        getHeaderRowRange: () => {
          if (!shown()) throw new Error(`the model does not say what Excel gives for the hidden header row of table ${t.name}`);
          return on(part("header"));
        },
        getRange: () => on(part("all")),
      },
      {
        writes: { name: (v: string) => (t.name = v) },
        reads: { showHeaders: () => shown(), showTotals: () => t.showTotals ?? false },
        collections: { columns },
        children: { worksheet: () => worksheet() },
      },
    );
    let sheetObject: Mock | undefined;
    const worksheet = () => (sheetObject ??= this.worksheetObject(this.sheet(t.sheet)));
    Object.defineProperty(m, "worksheet", { get: worksheet });
    return m;
  }

  private addChart(sheet: SheetState, type: string, source: unknown, seriesBy: string): Mock {
    const { sheet: from, box } = this.placeOf(source);
    const series = Array.from({ length: box.columns }, (_, i) => {
      const col = columnLetters(box.column + i);
      return { name: String(from.cells.at(box.row, box.column + i)?.value ?? ""), type, xValues: null, values: `${col}${box.row + 1}:${col}${box.row + box.rows - 1}` };
    });
    const chart: ChartState = { name: `Chart ${sheet.charts.length + 1}`, type, source: boxAddress(box), seriesBy, title: "", series, top: 0, left: 0, width: 360, height: 216 };
    sheet.charts.push(chart);
    return this.chartObject(sheet, chart);
  }

  private chartObject(sheet: SheetState, chart: ChartState): Mock {
    const seriesObject = (i: number) => {
      const s = chart.series[i];
      if (!s) throw new Error(`ItemNotFound: series ${i}`);
      return this.object(
        {
          name: s.name,
          chartType: s.type,
          setXAxisValues: (range: unknown) => {
            s.xValues = boxAddress(this.placeOf(range).box);
          },
          setValues: (range: unknown) => {
            s.values = boxAddress(this.placeOf(range).box);
          },
        },
        { writes: { chartType: (v: string) => (s.type = v) } },
      );
    };
    return this.object(
      {
        name: chart.name,
        top: chart.top,
        left: chart.left,
        width: chart.width,
        height: chart.height,
        title: { text: chart.title },
        setPosition: (from: string) => {
          const p = parseCell(from);
          chart.top = (p.row - 1) * 15;
          chart.left = (p.column - 1) * 48;
        },
        delete: () => sheet.charts.splice(sheet.charts.indexOf(chart), 1),
        series: {
          getItemAt: seriesObject,
          // ChartSeriesCollection.add (ExcelApi 1.7): a series of that name, with no data until setValues.
          add: (name: string) => {
            chart.series.push({ name, type: chart.type, xValues: null, values: "" });
            return seriesObject(chart.series.length - 1);
          },
          getCount: () => {
            const count = chart.series.length;
            return this.clientResult(() => count);
          },
        },
      },
      {
        writes: {
          name: (v: string) => (chart.name = v),
          "title/text": (v: string) => (chart.title = v),
          top: (v: number) => (chart.top = v),
          left: (v: number) => (chart.left = v),
          width: (v: number) => (chart.width = v),
          height: (v: number) => (chart.height = v),
        },
      },
    );
  }

  /** A method's OfficeExtension.ClientResult: its value is readable once the next sync has run. */
  private clientResult<T>(value: () => T): { readonly value: T } {
    let synced = false;
    this.pendingLoads.push(() => (synced = true));
    return {
      get value() {
        if (!synced) throw new Error("ClientResult.value read before context.sync()");
        return value();
      },
    };
  }

  /** A defined name; null gives the null object getItemOrNullObject returns for a missing name. */
  private nameObject(n: NameState | null): Mock {
    const target = n && "sheet" in n && n.type === "Range" ? () => this.range(this.findSheet(n.sheet), parseBox(n.address)) : null;
    const value = !n ? "" : "value" in n ? n.value : n.type === "Error" ? "#REF!" : `=${quoted(n.sheet)}!${n.address}`;
    const formula = !n ? "" : "value" in n ? (typeof n.value === "string" ? `="${n.value.replace(/"/g, '""')}"` : `=${String(n.value).toUpperCase()}`) : n.type === "Error" ? "=#REF!" : `=${quoted(n.sheet)}!${n.address}`;
    const setFormula = (formula: string) => {
      if (!n) return;
      const current = n;
      const text = /^="((?:[^"]|"")*)"$/.exec(formula);
      const constant: Value | null = text ? text[1].replace(/""/g, '"') : /^=(TRUE|FALSE)$/i.test(formula) ? /^=TRUE$/i.test(formula) : Number.isFinite(Number(formula.slice(1))) && formula.length > 1 ? Number(formula.slice(1)) : null;
      if (constant === null) throw new Error(`the model sets names to constants only, not ${formula}`);
      const i = this.state.names.indexOf(current);
      const type = typeof constant === "number" ? "Double" : typeof constant === "boolean" ? "Boolean" : "String";
      this.state.names[i] = { name: current.name, type, value: constant };
    };
    return this.object(
      {
        name: n?.name ?? "",
        type: n?.type ?? "",
        formula,
        value,
        getRange: () => {
          if (!target) throw new Error(`InvalidReference: the name ${n?.name} refers to ${value}, not a range`);
          return target();
        },
        getRangeOrNullObject: () => (target ? target() : this.range(null, { row: 1, column: 1, rows: 1, columns: 1 })),
        delete: () => this.state.names.splice(this.state.names.indexOf(n!), 1),
      },
      { isNull: n === null, writes: { formula: (v: string) => setFormula(v) } },
    );
  }

  private workbookObject(): Data {
    const state = this.state;
    const named = <T extends { name: string }>(list: T[], name: string) => list.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? null;
    const nullObject = () => this.object({ name: "" }, { isNull: true });
    const worksheets = this.collection(() => state.sheets.map((s) => this.worksheetObject(s)), {
      getItem: (name: string) => this.worksheetObject(this.sheet(name)),
      getItemOrNullObject: (name: string) => this.worksheetObject(this.findSheet(name)),
      add: (name: string) => {
        if (this.findSheet(name)) throw new Error(`sheet ${name} exists`);
        const sheet = sheetState(name);
        state.sheets.push(sheet);
        return this.worksheetObject(sheet);
      },
      onChanged: { add: (h: Handler) => this.registerHandler(this.handlers.changed, h) },
      onCalculated: { add: (h: Handler) => this.registerHandler(this.handlers.calculated, h) },
    });
    const names = this.collection(() => state.names.map((n) => this.nameObject(n)), {
      getItemOrNullObject: (name: string) => this.nameObject(named(state.names, name)),
      add: (name: string, range: unknown) => {
        if (named(state.names, name)) throw new Error(`name ${name} exists`);
        const { sheet, box } = this.placeOf(range);
        state.names.push({ name, sheet: sheet.name, address: boxAddress(box), type: "Range" });
      },
    });
    const tables = this.collection(() => state.tables.map((t) => this.tableObject(t)), {
      getItem: (name: string) => {
        const t = named(state.tables, name);
        if (!t) throw new Error(`ItemNotFound: table ${name}`);
        return this.tableObject(t);
      },
      getItemOrNullObject: (name: string) => {
        const t = named(state.tables, name);
        return t ? this.tableObject(t) : nullObject();
      },
      onAdded: { add: (h: Handler) => this.registerHandler(this.handlers.tableAdded, h) },
      onDeleted: { add: (h: Handler) => this.registerHandler(this.handlers.tableDeleted, h) },
    });
    return {
      worksheets,
      names,
      tables,
      getSelectedRange: () => this.range(this.sheet(state.selection.sheet), parseBox(state.selection.address)),
    };
  }
}
