import { OfficeMockObject } from "office-addin-mock";
import { Cell } from "../../src/core/types";

/**
 * A small Excel object model built from office-addin-mock objects, for the reader and the
 * snapshot cache. Ranges, named items and sheets are OfficeMockObjects, so a property read
 * without load + sync gives office-addin-mock's "not loaded" text and the test fails. Every
 * context.sync is counted, and a sync whose loaded values exceed `serverMaxCells` is refused
 * the way Excel on the web refuses a response over its payload limit.
 */

export interface MockTable {
  name: string;
  sheet: string;
  header: Cell[];
  rows: Cell[][];
  /** 1-based sheet row of the header (default 1) and first column (default 1). */
  headerRow?: number;
  firstColumn?: number;
}

export type MockName = { sheet: string; row: number; column: number; value: Cell } | { constant: Cell };

export interface MockWorkbookSpec {
  tables?: MockTable[];
  /** Defined names: a cell (1-based row/column) or a constant. */
  names?: Record<string, MockName>;
  /** Extra cells: sheet -> rows of values from A1. */
  sheets?: Record<string, Cell[][]>;
  /** Cells Excel will send in one response before refusing it. */
  serverMaxCells?: number;
}

export interface ChangeEvent {
  worksheetId: string;
  address: string;
  changeType?: string;
  source?: string;
}

export interface ExcelMock {
  context: Excel.RequestContext;
  /** Calls of context.sync so far. */
  syncs(): number;
  /** Cells whose values each sync carried back. */
  cellsPerSync: number[];
  /** Range value loads per sync, in cells. */
  valueLoads: number[][];
  /** The sheet's cells, to edit between reads. */
  grid(sheet: string): Cell[][];
  sheetId(sheet: string): string;
  /** Fires worksheets.onChanged handlers as Excel would after an edit. */
  fireChanged(event: ChangeEvent): Promise<void>;
  fireTableAdded(): Promise<void>;
  /** Excel.run over this mock. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  spec: MockWorkbookSpec;
  handlers: { changed: number; tableAdded: number; tableDeleted: number };
}

type Handler = (args: unknown) => Promise<unknown> | unknown;

export function createExcelMock(spec: MockWorkbookSpec): ExcelMock {
  const grids = new Map<string, Cell[][]>();
  const sheetIds = new Map<string, string>();
  const gridOf = (sheet: string) => {
    let g = grids.get(sheet);
    if (!g) {
      g = [];
      grids.set(sheet, g);
      sheetIds.set(sheet, `{sheet-${sheetIds.size + 1}}`);
    }
    return g;
  };
  const put = (sheet: string, row: number, column: number, value: Cell) => {
    const g = gridOf(sheet);
    while (g.length <= row) g.push([]);
    g[row][column] = value;
  };
  for (const [sheet, rows] of Object.entries(spec.sheets ?? {})) rows.forEach((r, i) => r.forEach((v, c) => put(sheet, i, c, v)));
  for (const t of spec.tables ?? []) {
    const r0 = (t.headerRow ?? 1) - 1;
    const c0 = (t.firstColumn ?? 1) - 1;
    const g = gridOf(t.sheet);
    while (g.length < r0 + 1 + t.rows.length) g.push([]);
    t.header.forEach((v, c) => (g[r0][c0 + c] = v));
    t.rows.forEach((r, i) => {
      const row = g[r0 + 1 + i];
      for (let c = 0; c < r.length; c++) row[c0 + c] = r[c];
    });
  }
  for (const n of Object.values(spec.names ?? {})) if ("sheet" in n) put(n.sheet, n.row - 1, n.column - 1, n.value);

  let syncCount = 0;
  const cellsPerSync: number[] = [];
  const valueLoads: number[][] = [];
  let live: OfficeMockObject[] = [];
  let pendingValues: { cells: number }[] = [];
  const handlers: Record<"changed" | "tableAdded" | "tableDeleted", Handler[]> = { changed: [], tableAdded: [], tableDeleted: [] };

  const track = (m: OfficeMockObject, cells: () => number): OfficeMockObject => {
    live.push(m);
    const load = m.load.bind(m);
    (m as unknown as { load: (p?: string) => unknown }).load = (p?: string) => {
      if (p === undefined || /(^|,)\s*values\s*(,|$)/.test(p)) pendingValues.push({ cells: cells() });
      return p === undefined ? load("*") : load(p);
    };
    return m;
  };

  const valuesOf = (sheet: string, r0: number, c0: number, rows: number, columns: number): Cell[][] => {
    const g = gridOf(sheet);
    const out: Cell[][] = new Array(rows);
    for (let r = 0; r < rows; r++) {
      const src = g[r0 + r] ?? [];
      const row: Cell[] = new Array(columns);
      for (let c = 0; c < columns; c++) row[c] = src[c0 + c] ?? "";
      out[r] = row;
    }
    return out;
  };

  const letters = (column: number) => {
    let n = column + 1;
    let s = "";
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };

  /** A range on a sheet, 0-based; values are cut from the grid when the range is made. */
  function range(sheet: string, r0: number, c0: number, rows: number, columns: number, isNull = false): OfficeMockObject {
    const data = {
      values: isNull ? [] : valuesOf(sheet, r0, c0, rows, columns),
      rowIndex: r0,
      columnIndex: c0,
      rowCount: rows,
      columnCount: columns,
      address: `${sheet}!${letters(c0)}${r0 + 1}:${letters(c0 + columns - 1)}${r0 + rows}`,
      getRow(row: number) {
        return range(sheet, r0 + row, c0, 1, columns);
      },
      getResizedRange(deltaRows: number, deltaColumns: number) {
        if (r0 + rows + deltaRows > 1_048_576) throw new Error("range beyond the sheet");
        return range(sheet, r0, c0, rows + deltaRows, columns + deltaColumns);
      },
      getIntersection(other: { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number; __box: number[] }) {
        const [or0, oc0, orows, ocols] = other.__box;
        const top = Math.max(r0, or0);
        const left = Math.max(c0, oc0);
        const bottom = Math.min(r0 + rows, or0 + orows);
        const right = Math.min(c0 + columns, oc0 + ocols);
        if (bottom <= top || right <= left) throw new Error("no intersection");
        return range(sheet, top, left, bottom - top, right - left);
      },
    };
    const m = new OfficeMockObject(data);
    Object.assign(m, { isNullObject: isNull, __box: [r0, c0, rows, columns] });
    return track(m, () => (isNull ? 0 : rows * columns));
  }

  const worksheets = new Map<string, OfficeMockObject>();
  function worksheet(sheet: string): OfficeMockObject {
    let ws = worksheets.get(sheet);
    if (!ws) {
      gridOf(sheet);
      ws = new OfficeMockObject({
        name: sheet,
        id: sheetIds.get(sheet),
        getRangeByIndexes(r0: number, c0: number, rows: number, columns: number) {
          return range(sheet, r0, c0, rows, columns);
        },
      });
      Object.assign(ws, { isNullObject: false });
      worksheets.set(sheet, ws);
    }
    live.push(ws);
    return ws;
  }

  /** Collections: their items appear only after load + sync, as in Office.js. */
  function collection<T>(items: () => T[]) {
    let state: "idle" | "queued" | "loaded" = "idle";
    let snapshot: T[] = [];
    const c = {
      load() {
        state = "queued";
        return c;
      },
      get items(): T[] {
        if (state !== "loaded") throw new Error("collection items read before load + sync");
        return snapshot;
      },
      __sync() {
        if (state === "queued") {
          snapshot = items();
          state = "loaded";
        }
      },
    };
    return c;
  }

  const collections: { __sync(): void }[] = [];
  /** A table as Office.js gives it; `columns` is filled when the tables collection was loaded with them. */
  const tableObject = (t: MockTable) => {
    const r0 = (t.headerRow ?? 1) - 1;
    const c0 = (t.firstColumn ?? 1) - 1;
    return {
      name: t.name,
      columns: { items: t.header.map((h) => ({ name: String(h) })) },
      get worksheet() {
        return worksheet(t.sheet);
      },
      getHeaderRowRange: () => range(t.sheet, r0, c0, 1, t.header.length),
      // Excel keeps one (blank) body row in an empty table.
      getDataBodyRange: () => range(t.sheet, r0 + 1, c0, Math.max(1, t.rows.length), t.header.length),
    };
  };

  const tablesCollection = collection(() => (spec.tables ?? []).map(tableObject));
  collections.push(tablesCollection);
  const tables = {
    load() {
      tablesCollection.load();
      return tables;
    },
    get items() {
      return tablesCollection.items;
    },
    onAdded: { add: (h: Handler) => void handlers.tableAdded.push(h) },
    onDeleted: { add: (h: Handler) => void handlers.tableDeleted.push(h) },
    getItem(name: string) {
      const t = (spec.tables ?? []).find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!t) throw new Error(`ItemNotFound: table ${name}`);
      return tableObject(t);
    },
  };

  const names = {
    getItemOrNullObject(name: string) {
      const n = spec.names?.[name];
      const isNull = n === undefined;
      const item = new OfficeMockObject({
        name: isNull ? undefined : name,
        type: n && "constant" in n ? (typeof n.constant === "number" ? "Double" : typeof n.constant === "boolean" ? "Boolean" : "String") : "Range",
        value: n && "constant" in n ? (n.constant ?? undefined) : n ? `=${n.sheet}!$A$1` : undefined,
        getRangeOrNullObject() {
          if (!n || "constant" in n) return range("", 0, 0, 1, 1, true);
          return range(n.sheet, n.row - 1, n.column - 1, 1, 1);
        },
      });
      Object.assign(item, { isNullObject: isNull });
      live.push(item);
      return item;
    },
  };

  const sheetsCollection = collection(() => [...grids.keys()].map((name) => ({ name, id: sheetIds.get(name)! })));
  collections.push(sheetsCollection);
  const workbook = {
    tables,
    names,
    worksheets: {
      load() {
        sheetsCollection.load();
        return workbook.worksheets;
      },
      get items() {
        return sheetsCollection.items;
      },
      getItemOrNullObject(sheet: string) {
        if (!grids.has(sheet)) {
          const ws = new OfficeMockObject({ name: undefined, getRangeByIndexes: () => range(sheet, 0, 0, 1, 1, true) });
          Object.assign(ws, { isNullObject: true });
          live.push(ws);
          return ws;
        }
        return worksheet(sheet);
      },
      onChanged: { add: (h: Handler) => void handlers.changed.push(h) },
    },
  };

  const context = {
    workbook,
    async sync() {
      syncCount++;
      const loads = pendingValues.map((p) => p.cells);
      pendingValues = [];
      const cells = loads.reduce((a, b) => a + b, 0);
      if (spec.serverMaxCells !== undefined && cells > spec.serverMaxCells) {
        live = [];
        throw Object.assign(new Error("The response payload size has exceeded the limit."), { code: "ResponsePayloadSizeLimitExceeded" });
      }
      cellsPerSync.push(cells);
      valueLoads.push(loads);
      for (const c of collections) c.__sync();
      const objects = live;
      live = [];
      for (const m of objects) await m.sync();
    },
  };

  const mock: ExcelMock = {
    context: context as unknown as Excel.RequestContext,
    syncs: () => syncCount,
    cellsPerSync,
    valueLoads,
    grid: gridOf,
    sheetId: (sheet) => {
      gridOf(sheet);
      return sheetIds.get(sheet)!;
    },
    async fireChanged(event) {
      for (const h of handlers.changed) await h({ type: "WorksheetChanged", changeType: "RangeEdited", source: "Local", ...event });
    },
    async fireTableAdded() {
      for (const h of handlers.tableAdded) await h({ type: "TableAdded" });
    },
    run: (batch) => batch(mock.context),
    spec,
    get handlers() {
      return { changed: handlers.changed.length, tableAdded: handlers.tableAdded.length, tableDeleted: handlers.tableDeleted.length };
    },
  };
  return mock;
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
