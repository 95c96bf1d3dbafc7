import type { Workbook, Worksheet } from "exceljs";
import { parseArea, splitSheetAddress } from "./cells";

/**
 * What the exceljs writers (write.ts) look up in the workbook they edit: its tables and the cell
 * a defined name points at. Reading a workbook for a review is src/xlsx/reader.ts; these go
 * with the writers when the package writer replaces exceljs.
 */

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
