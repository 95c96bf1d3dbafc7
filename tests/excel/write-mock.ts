import { OfficeMockObject } from "office-addin-mock";
import { columnLetters } from "../../src/core";

/**
 * An Excel workbook for the writers' tests, exposed through office-addin-mock objects: a
 * property read before load + context.sync gives office-addin-mock's "not loaded" text, so a
 * writer that forgets a load fails its test. Property writes reach the workbook model at the
 * next sync (as Office.js sends them), or before a method that acts on the model, since Office.js
 * runs a batch in order; methods act at once. Every sync is counted.
 *
 * The model keeps what highlight and clear could damage: each cell's value, number format,
 * fill, font and borders, and every conditional format, the user's and the add-in's.
 */

export type Value = string | number | boolean;
export interface CellState {
  value: Value;
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
}
export interface ChartState {
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  series: { name: string; type: string; xValues: string | null; values: string }[];
  top: number;
  left: number;
  width: number;
  height: number;
}
export interface SheetState {
  name: string;
  cells: Map<string, CellState>;
  cfs: CfState[];
  charts: ChartState[];
}
export interface NameState {
  name: string;
  sheet: string;
  address: string;
  type: "Range" | "Error";
}
export interface WorkbookState {
  sheets: SheetState[];
  tables: TableState[];
  names: NameState[];
  selection: { sheet: string; address: string };
  activeSheet: string;
}

export function blankCell(): CellState {
  return { value: "", formula: null, numberFormat: "General", fill: null, fontColor: "#000000", bold: false, italic: false, borders: "", };
}

/** "AB12" -> {row: 12, column: 28}. */
export function parseCell(a1: string): { row: number; column: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a1.toUpperCase());
  if (!m) throw new Error(`bad cell ${a1}`);
  let column = 0;
  for (const ch of m[1]) column = column * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), column };
}

export interface Box {
  row: number;
  column: number;
  rows: number;
  columns: number;
}
const WHOLE_SHEET: Box = { row: 1, column: 1, rows: 1_048_576, columns: 16_384 };

export function parseBox(address: string): Box {
  const [a, b] = address.replace(/\$/g, "").split(":");
  if (/^[A-Z]+$/i.test(a) && b && /^[A-Z]+$/i.test(b)) {
    const first = parseCell(`${a}1`).column;
    const last = parseCell(`${b}1`).column;
    return { row: 1, column: first, rows: 1_048_576, columns: last - first + 1 };
  }
  const p = parseCell(a);
  const q = parseCell(b ?? a);
  return { row: p.row, column: p.column, rows: q.row - p.row + 1, columns: q.column - p.column + 1 };
}
export const boxAddress = (b: Box) =>
  `${columnLetters(b.column)}${b.row}:${columnLetters(b.column + b.columns - 1)}${b.row + b.rows - 1}`;

const intersects = (a: Box, b: Box) =>
  a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;

const NOT_LOADED = new Set(["Error, property was not loaded", "Error, context.sync() was not called"]);

/** Gives a collection mock an `items` that throws when read before load + sync. */
function itemsAfterSync(target: object): { queue(list: OfficeMockObject[]): () => void } {
  let items: OfficeMockObject[] | null = null;
  Object.defineProperty(target, "items", {
    get() {
      if (items === null) throw new Error("collection items read before load + context.sync()");
      return items;
    },
    configurable: true,
  });
  return {
    queue(list) {
      items = null;
      return () => {
        items = list;
      };
    },
  };
}

export class WriteMock {
  syncs = 0;
  private live: OfficeMockObject[] = [];
  /** Property writes to send at the next sync. */
  private flushers: (() => void)[] = [];
  private nextCf = 1;
  /** Collection loads: their items become readable at the next sync, as in Office.js. */
  private pendingLoads: (() => void)[] = [];
  readonly changeHandlers: (() => unknown)[] = [];

  constructor(readonly state: WorkbookState) {}

  get context(): Excel.RequestContext {
    return this.contextMock as unknown as Excel.RequestContext;
  }

  /** Excel.run over this mock. */
  run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => batch(this.context);

  sheet(name: string): SheetState {
    const s = this.state.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new Error(`ItemNotFound: sheet ${name}`);
    return s;
  }

  cell(sheet: string, a1: string): CellState {
    const s = this.sheet(sheet);
    const key = a1.toUpperCase();
    let c = s.cells.get(key);
    if (!c) {
      c = blankCell();
      s.cells.set(key, c);
    }
    return c;
  }

  /** Values of a rectangle, "" for empty cells. */
  values(sheet: string, address: string): Value[][] {
    const b = parseBox(address);
    return Array.from({ length: b.rows }, (_, r) =>
      Array.from({ length: b.columns }, (_, c) => this.sheet(sheet).cells.get(`${columnLetters(b.column + c)}${b.row + r}`)?.value ?? ""),
    );
  }

  /** A deep copy of everything, for before/after comparisons. */
  snapshot(): unknown {
    return JSON.parse(
      JSON.stringify(this.state, (_k, v) => (v instanceof Map ? Object.fromEntries([...v.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) : v)),
    );
  }

  /**
   * Sends the property writes made so far. Office.js runs a batch in order, so a method that
   * reads the workbook (a table's column names, a chart's series names) sees the writes queued
   * before it in the same batch.
   */
  private flushWrites(): void {
    for (const flush of this.flushers) flush();
  }

  private track<T extends OfficeMockObject>(m: T): T {
    this.live.push(m);
    return m;
  }

  /** Registers a property write check: `read` gives the current client value; `apply` sends it. */
  private onWrite<V>(read: () => V, initial: V, apply: (v: V) => void): void {
    let last = initial;
    this.flushers.push(() => {
      const v = read();
      if (v === last || v === undefined || (typeof v === "string" && NOT_LOADED.has(v))) return;
      last = v;
      apply(v);
    });
  }

  private readonly contextMock = {
    workbook: this.workbookObject(),
    sync: async () => {
      this.syncs++;
      this.flushWrites();
      for (const load of this.pendingLoads.splice(0)) load();
      const objects = this.live;
      for (const m of objects) await OfficeMockObject.prototype.sync.call(m);
      await new Promise((r) => setImmediate(r));
    },
  };

  private writeValue(sheet: string, a1: string, v: Value): void {
    const c = this.cell(sheet, a1);
    if (typeof v === "string" && v.startsWith("=")) {
      c.formula = v;
      c.value = 0;
    } else if (typeof v === "string" && v.startsWith("'")) {
      c.formula = null;
      c.value = v.slice(1);
    } else {
      c.formula = null;
      c.value = v;
    }
  }

  private eachCell(sheet: string, box: Box, f: (a1: string, r: number, c: number) => void): void {
    for (let r = 0; r < box.rows; r++) for (let c = 0; c < box.columns; c++) f(`${columnLetters(box.column + c)}${box.row + r}`, r, c);
  }

  range(sheetName: string, address: string | null): OfficeMockObject {
    const sheet = this.sheet(sheetName);
    const box = address === null ? WHOLE_SHEET : parseBox(address);
    // Whole sheets and whole columns carry no values: nothing here loads them.
    const bounded = address !== null && box.rows * box.columns <= 100_000;
    const values = bounded ? this.values(sheetName, address) : [];
    const numberFormat = bounded
      ? Array.from({ length: box.rows }, (_, r) =>
          Array.from({ length: box.columns }, (_, c) => sheet.cells.get(`${columnLetters(box.column + c)}${box.row + r}`)?.numberFormat ?? "General"),
        )
      : [];
    const quoted = /^[A-Za-z0-9_]+$/.test(sheet.name) ? sheet.name : `'${sheet.name}'`;
    const m = this.track(
      new OfficeMockObject({
        address: `${quoted}!${boxAddress(box)}`,
        rowCount: box.rows,
        columnCount: box.columns,
        cellCount: box.rows * box.columns,
        values,
        numberFormat,
        format: {
          fill: { color: "" },
          font: { bold: false, color: "" },
          autofitColumns: () => undefined,
        },
        clear: () => {
          this.flushWrites();
          if (address === null) sheet.cells.clear();
          else for (const a1 of [...sheet.cells.keys()]) if (intersects(parseBox(a1), box)) sheet.cells.delete(a1);
        },
        select: () => {
          this.state.selection = { sheet: sheet.name, address: boxAddress(box) };
        },
        getLastRow: () => this.range(sheetName, boxAddress({ ...box, row: box.row + box.rows - 1, rows: 1 })),
        getBoundingRect: (other: { __box: Box }) => {
          const o = other.__box;
          const row = Math.min(box.row, o.row);
          const column = Math.min(box.column, o.column);
          const last = { row: Math.max(box.row + box.rows, o.row + o.rows), column: Math.max(box.column + box.columns, o.column + o.columns) };
          return this.range(sheetName, boxAddress({ row, column, rows: last.row - row, columns: last.column - column }));
        },
      }),
    );
    // Navigation to another mock is a plain property: office-addin-mock would copy it otherwise.
    Object.assign(m, { __box: box, __sheet: sheet.name, conditionalFormats: this.conditionalFormats(sheet, [box]) });
    this.onWrite(() => m.values as Value[][], values, (v) => this.eachCell(sheetName, box, (a1, r, c) => this.writeValue(sheetName, a1, v[r][c])));
    this.onWrite(() => m.numberFormat as string[][], numberFormat, (v) =>
      this.eachCell(sheetName, box, (a1, r, c) => (this.cell(sheetName, a1).numberFormat = v[r][c])),
    );
    this.onWrite(() => m.format.fill.color as string, "", (v) => this.eachCell(sheetName, box, (a1) => (this.cell(sheetName, a1).fill = v)));
    this.onWrite(() => m.format.font.bold as boolean, false, (v) => this.eachCell(sheetName, box, (a1) => (this.cell(sheetName, a1).bold = v)));
    this.onWrite(() => m.format.font.color as string, "", (v) => this.eachCell(sheetName, box, (a1) => (this.cell(sheetName, a1).fontColor = v)));
    return m;
  }

  private conditionalFormats(sheet: SheetState, boxes: Box[]): Record<string, unknown> {
    const items = () =>
      sheet.cfs.filter((cf) => cf.address.split(",").some((a) => boxes.some((b) => intersects(parseBox(a), b)))).map((cf) => this.cfObject(sheet, cf));
    const collection = {
      load: (what: string) => {
        const list = items();
        this.pendingLoads.push(loaded.queue(list));
        const subpaths = what
          .replace(/\s/g, "")
          .split(",")
          .map((p) => p.replace(/^items\//, ""));
        for (const item of list) for (const p of subpaths) item.load(p);
        this.live.push(collectionMock);
        return collectionMock;
      },
      add: (type: CfState["type"]) => {
        const cf: CfState = {
          id: this.nextCf++,
          address: boxes.map(boxAddress).join(","),
          type,
          formula: "",
          fill: null,
          priority: 0,
        };
        // Office.js puts a new rule first.
        for (const other of sheet.cfs) other.priority++;
        sheet.cfs.push(cf);
        return this.cfObject(sheet, cf);
      },
    };
    const collectionMock = new OfficeMockObject(collection);
    const loaded = itemsAfterSync(collectionMock);
    return collectionMock as unknown as Record<string, unknown>;
  }

  private cfObject(sheet: SheetState, cf: CfState): OfficeMockObject {
    const custom = { rule: { formula: cf.formula }, format: { fill: { color: cf.fill ?? "" } } };
    const m = this.track(
      new OfficeMockObject({
        type: cf.type,
        priority: cf.priority,
        custom,
        customOrNullObject: cf.type === "Custom" ? custom : { isNullObject: true, rule: { formula: "#null-object" }, format: { fill: { color: "" } } },
        delete: () => {
          const i = sheet.cfs.indexOf(cf);
          if (i < 0) throw new Error("ItemNotFound: conditional format already deleted");
          sheet.cfs.splice(i, 1);
          for (const other of sheet.cfs) if (other.priority > cf.priority) other.priority--;
        },
      }),
    );
    this.onWrite(() => m.custom.rule.formula as string, cf.formula, (v) => (cf.formula = v));
    this.onWrite(() => m.custom.format.fill.color as string, cf.fill ?? "", (v) => (cf.fill = v));
    return m;
  }

  private worksheetObject(sheet: SheetState): OfficeMockObject {
    const m = this.track(
      new OfficeMockObject({
        name: sheet.name,
        isNullObject: false,
        getRange: (address?: string) => this.range(sheet.name, address ?? null),
        getRanges: (address: string) => {
          const boxes = address.split(/[,;]/).map((a) => parseBox(a.trim()));
          const areas = this.track(new OfficeMockObject({ areaCount: boxes.length }));
          return Object.assign(areas, { conditionalFormats: this.conditionalFormats(sheet, boxes) });
        },
        activate: () => {
          this.state.activeSheet = sheet.name;
        },
        tables: { add: (range: { __box: Box; __sheet: string }, hasHeaders: boolean) => this.addTable(range, hasHeaders) },
        charts: {
          add: (type: string, source: { __box: Box; __sheet: string }, seriesBy: string) => this.addChart(sheet, type, source, seriesBy),
          getItemOrNullObject: (name: string) => {
            const chart = sheet.charts.find((c) => c.name === name);
            return chart ? this.chartObject(sheet, chart) : this.track(new OfficeMockObject({ isNullObject: true, top: 0, left: 0, width: 0, height: 0 }));
          },
        },
      }),
    );
    return m;
  }

  private nullObject(): OfficeMockObject {
    return this.track(new OfficeMockObject({ isNullObject: true, name: "" }));
  }

  private addTable(range: { __box: Box; __sheet: string }, hasHeaders: boolean): OfficeMockObject {
    this.flushWrites();
    if (!hasHeaders) throw new Error("the mock makes tables with headers only");
    const b = range.__box;
    const t: TableState = {
      name: `Table${this.state.tables.length + 1}`,
      sheet: range.__sheet,
      headerRow: b.row,
      firstColumn: b.column,
      width: b.columns,
      // Excel gives a header-only table one empty body row.
      bodyRows: Math.max(1, b.rows - 1),
    };
    this.state.tables.push(t);
    return this.tableObject(t);
  }

  private tableBox(t: TableState, part: "all" | "body" | "header"): Box {
    if (part === "header") return { row: t.headerRow, column: t.firstColumn, rows: 1, columns: t.width };
    if (part === "body") return { row: t.headerRow + 1, column: t.firstColumn, rows: t.bodyRows, columns: t.width };
    return { row: t.headerRow, column: t.firstColumn, rows: t.bodyRows + 1, columns: t.width };
  }

  private tableObject(t: TableState): OfficeMockObject {
    const columnIndex = (name: string) => {
      this.flushWrites();
      const header = this.values(t.sheet, boxAddress(this.tableBox(t, "header")))[0];
      const i = header.findIndex((h) => String(h) === name);
      if (i < 0) throw new Error(`ItemNotFound: table column ${name}`);
      return i;
    };
    const m = this.track(
      new OfficeMockObject({
        name: t.name,
        isNullObject: false,
        rows: {
          add: (_index: number | undefined, values: Value[][]) => {
            this.flushWrites();
            const start = t.headerRow + 1 + t.bodyRows;
            values.forEach((row, r) => row.forEach((v, c) => this.writeValue(t.sheet, `${columnLetters(t.firstColumn + c)}${start + r}`, v)));
            t.bodyRows += values.length;
          },
        },
        getDataBodyRange: () => this.range(t.sheet, boxAddress(this.tableBox(t, "body"))),
        getHeaderRowRange: () => this.range(t.sheet, boxAddress(this.tableBox(t, "header"))),
        getRange: () => this.range(t.sheet, boxAddress(this.tableBox(t, "all"))),
        columns: {
          getItem: (name: string) => {
            const column = t.firstColumn + columnIndex(name);
            const box = (part: "all" | "body") => ({ ...this.tableBox(t, part), column, columns: 1 });
            return this.track(
              new OfficeMockObject({
                name,
                getRange: () => this.range(t.sheet, boxAddress(box("all"))),
                getDataBodyRange: () => this.range(t.sheet, boxAddress(box("body"))),
              }),
            );
          },
        },
      }),
    );
    // Navigation to the sheet object: replace the placeholder with the live worksheet.
    m.worksheet = this.worksheetObject(this.sheet(t.sheet));
    this.onWrite(() => m.name as string, t.name, (v) => (t.name = v));
    return m;
  }

  private addChart(sheet: SheetState, type: string, source: { __box: Box; __sheet: string }, seriesBy: string): OfficeMockObject {
    this.flushWrites();
    const b = source.__box;
    const series = Array.from({ length: b.columns }, (_, i) => {
      const col = columnLetters(b.column + i);
      return {
        name: String(this.values(source.__sheet, `${col}${b.row}`)[0][0]),
        type,
        xValues: null,
        values: `${col}${b.row + 1}:${col}${b.row + b.rows - 1}`,
      };
    });
    const chart: ChartState = {
      name: `Chart ${sheet.charts.length + 1}`,
      type,
      source: boxAddress(b),
      seriesBy,
      title: "",
      series,
      top: 0,
      left: 0,
      width: 360,
      height: 216,
    };
    sheet.charts.push(chart);
    return this.chartObject(sheet, chart);
  }

  private chartObject(sheet: SheetState, chart: ChartState): OfficeMockObject {
    const m = this.track(
      new OfficeMockObject({
        isNullObject: false,
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
          getItemAt: (i: number) => {
            const s = chart.series[i];
            if (!s) throw new Error(`ItemNotFound: series ${i}`);
            const sm = this.track(
              new OfficeMockObject({
                name: s.name,
                chartType: s.type,
                setXAxisValues: (range: { __box: Box }) => {
                  s.xValues = boxAddress(range.__box);
                },
              }),
            );
            this.onWrite(() => sm.chartType as string, s.type, (v) => (s.type = v));
            return sm;
          },
        },
      }),
    );
    this.onWrite(() => m.name as string, chart.name, (v) => (chart.name = v));
    this.onWrite(() => m.title.text as string, chart.title, (v) => (chart.title = v));
    for (const key of ["top", "left", "width", "height"] as const) this.onWrite(() => m[key] as number, chart[key], (v) => (chart[key] = v));
    return m;
  }

  private workbookObject(): Record<string, unknown> {
    const mock = this;
    const namesCollection = () => {
      const c = new OfficeMockObject({
        load: (what: string) => {
          const list = mock.state.names.map((n) => mock.nameObject(n));
          mock.pendingLoads.push(loaded.queue(list));
          for (const item of list) item.load(what.replace(/\s/g, "").split(",").map((p) => p.replace(/^items\//, "")));
          mock.live.push(c);
          return c;
        },
        getItemOrNullObject: (name: string) => {
          const n = mock.state.names.find((x) => x.name.toLowerCase() === name.toLowerCase());
          return n ? mock.nameObject(n) : mock.nullObject();
        },
        add: (name: string, range: { __box: Box; __sheet: string }) => {
          if (mock.state.names.some((x) => x.name.toLowerCase() === name.toLowerCase())) throw new Error(`name ${name} exists`);
          mock.state.names.push({ name, sheet: range.__sheet, address: boxAddress(range.__box), type: "Range" });
        },
      });
      const loaded = itemsAfterSync(c);
      return c;
    };
    const worksheetsCollection = () => {
      const c = new OfficeMockObject({
        load: (what: string) => {
          const list = mock.state.sheets.map((s) => mock.worksheetObject(s));
          mock.pendingLoads.push(loaded.queue(list));
          for (const item of list) item.load(what.replace(/\s/g, "").split(",").map((p) => p.replace(/^items\//, "")));
          mock.live.push(c);
          return c;
        },
        getItem: (name: string) => mock.worksheetObject(mock.sheet(name)),
        getItemOrNullObject: (name: string) => {
          const s = mock.state.sheets.find((x) => x.name.toLowerCase() === name.toLowerCase());
          return s ? mock.worksheetObject(s) : mock.nullObject();
        },
        add: (name: string) => {
          if (mock.state.sheets.some((x) => x.name.toLowerCase() === name.toLowerCase())) throw new Error(`sheet ${name} exists`);
          const s: SheetState = { name, cells: new Map(), cfs: [], charts: [] };
          mock.state.sheets.push(s);
          return mock.worksheetObject(s);
        },
        onChanged: { add: (h: () => unknown) => void mock.changeHandlers.push(h) },
      });
      const loaded = itemsAfterSync(c);
      return c;
    };
    return {
      get worksheets() {
        return worksheetsCollection();
      },
      get names() {
        return namesCollection();
      },
      tables: {
        getItemOrNullObject: (name: string) => {
          const t = mock.state.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
          return t ? mock.tableObject(t) : mock.nullObject();
        },
      },
      getSelectedRange: () => mock.range(mock.state.selection.sheet, mock.state.selection.address),
    };
  }

  private nameObject(n: NameState): OfficeMockObject {
    return this.track(
      new OfficeMockObject({
        name: n.name,
        type: n.type,
        isNullObject: false,
        getRange: () => {
          if (n.type === "Error") throw new Error("InvalidReference: the name refers to #REF!");
          return this.range(n.sheet, n.address);
        },
        delete: () => this.state.names.splice(this.state.names.indexOf(n), 1),
      }),
    );
  }
}

/** A workbook with the given sheets (each "A1" -> cell overrides) and nothing else. */
export function workbook(sheets: Record<string, Record<string, Partial<CellState>>>): WorkbookState {
  const first = Object.keys(sheets)[0] ?? "Sheet1";
  return {
    sheets: Object.entries(sheets).map(([name, cells]) => ({
      name,
      cells: new Map(Object.entries(cells).map(([a1, c]) => [a1, { ...blankCell(), ...c }])),
      cfs: [],
      charts: [],
    })),
    tables: [],
    names: [],
    selection: { sheet: first, address: "A1" },
    activeSheet: first,
  };
}
