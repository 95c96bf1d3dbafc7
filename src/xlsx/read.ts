import type { Workbook, Worksheet } from "exceljs";
import {
  Cell,
  NAMES,
  SETTING_KEYS,
  SettingKey,
  StoredSettings,
  TableChoice,
  TableData,
  readStoredSettings,
} from "../core";
import {
  Area,
  HEADER_SEARCH_ROWS,
  PositionsPlace,
  WorkbookOutline,
  describePlace,
  findPositions,
  formatArea,
  lastFilledRow,
  tableParts,
} from "../core/find";
import { parseArea, readArea, plainCell, splitSheetAddress } from "./cells";
import { BROKER_CLAIMERS, claimedTable } from "../core/brokers/registry";

/** Where a defined name points: one cell on a sheet. */
export interface NamedCell {
  sheet: string;
  row: number;
  column: number;
}

interface TableModel {
  name: string;
  tableRef?: string;
  ref?: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns?: { name?: string }[];
}

/** Every Excel table of the workbook with its sheet and model. */
export function listTables(wb: Workbook): { sheet: Worksheet; model: TableModel }[] {
  const out: { sheet: Worksheet; model: TableModel }[] = [];
  wb.eachSheet((ws) => {
    for (const t of Object.values((ws as unknown as { tables: Record<string, { table: TableModel }> }).tables ?? {})) {
      out.push({ sheet: ws, model: t.table });
    }
  });
  return out;
}

/** The cell a workbook-scoped defined name points at (its top-left cell), or null when absent. */
export function namedCell(wb: Workbook, name: string): NamedCell | null {
  const entry = wb.definedNames.model.find((d) => d.name.toLowerCase() === name.toLowerCase());
  const ref = entry?.ranges[0];
  const split = ref ? splitSheetAddress(ref) : null;
  const area = split ? parseArea(split.address) : null;
  if (!split || !area || !wb.getWorksheet(split.sheet)) return null;
  return { sheet: split.sheet, row: area.top, column: area.left };
}

/** Values of the settings' defined names, and which names exist. */
export function readNamedSettings(wb: Workbook): { values: Partial<Record<SettingKey, Cell>>; defined: SettingKey[] } {
  const values: Partial<Record<SettingKey, Cell>> = {};
  const defined: SettingKey[] = [];
  for (const key of SETTING_KEYS) {
    const at = namedCell(wb, NAMES[key]);
    if (!at) continue;
    defined.push(key);
    values[key] = plainCell(wb.getWorksheet(at.sheet)!.getRow(at.row).getCell(at.column));
  }
  return { values, defined };
}

export type Located = { ok: true; table: TableData; choice: TableChoice | null } | { ok: false; message: string };

/** The workbook as src/core/find.ts sees it: visible sheets' top rows and every Excel table. */
export function outlineOf(wb: Workbook): WorkbookOutline {
  const sheets = wb.worksheets.map((ws) => {
    const bottom = Math.min(ws.actualRowCount === 0 ? 0 : ws.rowCount, HEADER_SEARCH_ROWS);
    const right = ws.columnCount;
    const top = bottom === 0 || right === 0 ? [] : readArea(ws, { top: 1, left: 1, bottom, right });
    return { name: ws.name, visible: (ws.state ?? "visible") === "visible", top };
  });
  const tables = listTables(wb).map(({ sheet, model }) => ({
    name: model.name,
    sheet: sheet.name,
    range: model.tableRef ?? model.ref ?? "",
    // exceljs reads headerRowCount="0" and a missing attribute alike; the format's default is one header row.
    headerRowCount: 1,
    totalsRowCount: model.totalsRow ? 1 : 0,
    columns: (model.columns ?? []).map((c) => c.name ?? ""),
  }));
  return { sheets, tables };
}

/** The cells of a found place as a table, with the line saying how it was found. */
function readPlace(wb: Workbook, place: PositionsPlace): Located {
  if (place.kind === "claimed") {
    // A broker format is read from its sheet's whole grid by its profile (src/core/brokers).
    const sheet = wb.getWorksheet(place.sheet)!;
    const grid = sheet.actualRowCount === 0 ? [] : readArea(sheet, { top: 1, left: 1, bottom: sheet.rowCount, right: Math.max(1, sheet.columnCount) });
    const claimed = claimedTable(place, grid);
    return claimed.ok ? { ok: true, table: claimed.table, choice: null } : claimed;
  }
  const ws = wb.getWorksheet(place.kind === "table" ? place.table.sheet : place.sheet)!;
  let area: Area;
  let headerRow: number;
  let header: Cell[];
  let rows: Cell[][];
  let choice: TableChoice;
  if (place.kind === "table") {
    const parts = tableParts(place.table);
    if (!parts) return { ok: false, message: `table ${place.table.name} has no readable range` };
    area = parts.area;
    headerRow = parts.headerRow;
    header = place.table.headerRowCount > 0 ? readArea(ws, { ...area, top: headerRow, bottom: headerRow })[0] : place.table.columns;
    rows = parts.body ? readArea(ws, parts.body) : [];
    choice = { kind: "table", name: place.table.name };
  } else {
    area = place.area;
    if (place.open) area = { ...area, bottom: area.top + lastFilledRow(readArea(ws, { ...area, bottom: Math.max(area.top, ws.rowCount) }), 0, 0, area.right - area.left) };
    const grid = readArea(ws, area);
    headerRow = area.top;
    header = grid[0];
    rows = grid.slice(1);
    choice = { kind: "range", sheet: ws.name, address: formatArea(area) };
  }
  const range = formatArea(area);
  return {
    ok: true,
    choice,
    table: {
      header,
      rows,
      headerRow,
      firstColumn: area.left,
      source: { sheet: ws.name, name: place.kind === "table" ? place.table.name : null, range, found: describePlace(place, range) },
    },
  };
}

/**
 * Finds the position table the way every host does (src/core/find.ts): a choice given for this
 * review (a CLI flag), the stored choice, the table named Positions, the only table, the first
 * visible sheet with a recognisable header row.
 */
export function locatePositions(wb: Workbook, stored: TableChoice | null, explicit: TableChoice | null = null): Located {
  const found = findPositions(outlineOf(wb), { explicit, stored, claimers: BROKER_CLAIMERS });
  return found.ok ? readPlace(wb, found.place) : { ok: false, message: found.message };
}

/** Settings as stored in the workbook's defined names. */
export function readSettings(wb: Workbook): { settings: StoredSettings; defined: SettingKey[] } {
  const { values, defined } = readNamedSettings(wb);
  return { settings: readStoredSettings(values), defined };
}
