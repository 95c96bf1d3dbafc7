import type { CellValue, Workbook } from "exceljs";
import { columnLetters } from "../core";

/**
 * A formula that calls one of our functions. Excel saves JavaScript custom functions with the
 * "_xldudf_" prefix and the dot as "_" (CSP.EXPOSURE -> _xldudf_CSP_EXPOSURE); a file written
 * by other tools may keep "CSP.EXPOSURE" or "_xll.CSP.EXPOSURE".
 */
const CSP_CALL = /(?<![A-Za-z0-9_.])(?:_xldudf_CSP_|(?:_xll\.)?CSP\.)[A-Za-z_][A-Za-z0-9_.]*\s*\(/i;

export function callsCsp(formula: string | undefined | null): boolean {
  return !!formula && CSP_CALL.test(formula);
}

export interface AccountantResult {
  /** Cells whose CSP formula was replaced by its cached value ("Sheet!B4"). */
  replaced: string[];
  /** CSP formula cells without a cached value, left as they are. */
  missing: string[];
}

/**
 * Replaces every formula that calls a CSP function by the value Excel last saved for it, so
 * the copy reads correctly without the add-in. Styles, other formulas, tables and names stay.
 */
export function freezeCspFormulas(wb: Workbook): AccountantResult {
  const replaced: string[] = [];
  const missing: string[] = [];
  // Collect first: a shared formula's children read their text from the master cell.
  const targets: { cell: { value: CellValue }; at: string; result: unknown; formula: string; shared: boolean }[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cell.value as unknown as Record<string, unknown> | null;
        if (!v || typeof v !== "object" || !("formula" in v || "sharedFormula" in v)) return;
        if (!callsCsp(cell.formula)) return;
        targets.push({ cell, at: `${ws.name}!${columnLetters(c)}${r}`, result: cell.result, formula: cell.formula, shared: "sharedFormula" in v });
      });
    });
  });
  for (const t of targets) {
    if (t.result === undefined || t.result === null) {
      missing.push(t.at);
      // Its master may be replaced below: keep the formula text on the cell itself.
      if (t.shared) t.cell.value = { formula: t.formula } as CellValue;
      continue;
    }
    t.cell.value = t.result as CellValue;
    replaced.push(t.at);
  }
  return { replaced, missing };
}
