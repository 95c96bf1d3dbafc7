import type { Workbook, Worksheet } from "exceljs";
import {
  Cell,
  NAMES,
  SETTING_KEYS,
  SettingKey,
  StoredSettings,
  TableChoice,
  TableData,
  choosePositionsTable,
  readStoredSettings,
} from "../core";
import { detectTable } from "../core/detect";
import { Area, formatArea, parseArea, readArea, plainCell, readUsedGrid, splitSheetAddress } from "./cells";

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

/** The position table of an Excel table: its header row and body, without a totals row. */
function fromExcelTable(ws: Worksheet, model: TableModel): Located {
  const area = parseArea(model.tableRef ?? model.ref ?? "");
  if (!area) return { ok: false, message: `table ${model.name} has no readable range` };
  if (model.headerRow === false) return { ok: false, message: `table ${model.name} has no header row` };
  const body: Area = { ...area, top: area.top + 1, bottom: area.bottom - (model.totalsRow ? 1 : 0) };
  const header = readArea(ws, { ...area, bottom: area.top })[0];
  const rows = body.bottom >= body.top ? readArea(ws, body) : [];
  return {
    ok: true,
    choice: { kind: "table", name: model.name },
    table: {
      header,
      rows,
      headerRow: area.top,
      firstColumn: area.left,
      source: { sheet: ws.name, name: model.name, range: formatArea(area) },
    },
  };
}

/** A plain range the user named: its first row is the header. */
function fromRange(wb: Workbook, sheet: string, address: string): Located {
  const ws = wb.getWorksheet(sheet);
  if (!ws) return { ok: false, message: `no sheet named '${sheet}'` };
  const area = parseArea(address);
  if (!area) return { ok: false, message: `'${address}' is not a range such as A1:H40` };
  const grid = readArea(ws, area);
  return {
    ok: true,
    choice: { kind: "range", sheet: ws.name, address: formatArea(area) },
    table: {
      header: grid[0],
      rows: grid.slice(1),
      headerRow: area.top,
      firstColumn: area.left,
      source: { sheet: ws.name, name: null, range: formatArea(area) },
    },
  };
}

/** The first sheet holding a recognizable header row, with title rows above and a total row below left out. */
export function detectPlainTable(wb: Workbook): Located | null {
  let found: Located | null = null;
  wb.eachSheet((ws) => {
    if (found) return;
    const d = detectTable(readUsedGrid(ws));
    if (!d) return;
    const area = { top: d.headerIndex + 1, bottom: d.lastRow + 1, left: d.firstColumn + 1, right: d.lastColumn + 1 };
    found = fromRange(wb, ws.name, formatArea(area));
  });
  return found;
}

/**
 * Finds the position table as the Excel adapter does: an explicit choice (a CLI flag) first,
 * then the stored choice, the table named Positions, the only table; with no table at all,
 * the first sheet with a recognizable header row.
 */
export function locatePositions(wb: Workbook, stored: TableChoice | null, explicit: TableChoice | null = null): Located {
  const tables = listTables(wb);
  const choice = explicit ?? stored;
  if (choice?.kind === "range") return fromRange(wb, choice.sheet, choice.address);
  if (explicit?.kind === "table") {
    const t = tables.find((x) => x.model.name.toLowerCase() === explicit.name.toLowerCase());
    return t ? fromExcelTable(t.sheet, t.model) : { ok: false, message: `no table named '${explicit.name}'` };
  }
  if (tables.length === 0 && !stored) {
    return detectPlainTable(wb) ?? { ok: false, message: "no position table: no Excel table and no sheet with a header row such as Symbol, Strike, Qty" };
  }
  const picked = choosePositionsTable(tables.map((t) => t.model.name), stored);
  if (!picked.choice) return { ok: false, message: picked.message ?? "no position table" };
  if (picked.choice.kind === "range") return fromRange(wb, picked.choice.sheet, picked.choice.address);
  const name = picked.choice.name;
  const t = tables.find((x) => x.model.name === name)!;
  return fromExcelTable(t.sheet, t.model);
}

/** Settings as stored in the workbook's defined names. */
export function readSettings(wb: Workbook): { settings: StoredSettings; defined: SettingKey[] } {
  const { values, defined } = readNamedSettings(wb);
  return { settings: readStoredSettings(values), defined };
}
