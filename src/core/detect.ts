import { Cell } from "./types";
import { isBlank } from "./cells";
import { mapColumns } from "./columns";

/** Where a position table sits inside a sheet grid (all indexes 0-based into the grid). */
export interface DetectedTable {
  headerIndex: number;
  /** First and last column of the header block, inclusive. */
  firstColumn: number;
  lastColumn: number;
  /** Last body row, inclusive; equals headerIndex when the table has no body. */
  lastRow: number;
}

/** How many rows from the top are searched for a header: title blocks are short. */
export const HEADER_SEARCH_ROWS = 30;

// "Total", "Totals", "Grand total", "Sum", "Subtotal": the words people put under a list.
const TOTAL_WORD = /^(grand\s*)?(sub\s*)?totals?\b|^sum\b/i;

/**
 * A header row is one whose cells map to a quantity column and to a strike or a symbol:
 * the same test the rules use to accept a table, so a detected table is always usable.
 */
export function isHeaderRow(row: readonly Cell[]): boolean {
  if (row.filter((c) => typeof c === "string" && c.trim() !== "").length < 2) return false;
  return mapColumns(row.map((c) => (typeof c === "string" ? c : null))).errors.length === 0;
}

/** A row that sums the list above it: its first non-blank cell says Total (or Sum). */
export function isTotalRow(row: readonly Cell[]): boolean {
  const first = row.find((c) => !isBlank(c));
  return typeof first === "string" && TOTAL_WORD.test(first.trim());
}

/**
 * Finds the position list in a plain sheet: the first header row within the top rows
 * (title rows above it are skipped), the contiguous block of header cells around it, and
 * the body down to the last non-blank row before a total row or the end of the sheet.
 * Blank rows inside the body stay in it (the rules skip them quietly).
 */
export function detectTable(grid: readonly (readonly Cell[])[]): DetectedTable | null {
  const limit = Math.min(grid.length, HEADER_SEARCH_ROWS);
  for (let h = 0; h < limit; h++) {
    const header = grid[h] ?? [];
    if (!isHeaderRow(header)) continue;
    const filled = header.map((c) => !isBlank(c));
    const first = filled.indexOf(true);
    // The block ends at the first gap of two blank header cells: a note beside the table is not a column.
    let last = first;
    for (let c = first + 1; c < header.length; c++) {
      if (filled[c]) last = c;
      else if (!filled[c + 1]) break;
    }
    let lastRow = h;
    for (let r = h + 1; r < grid.length; r++) {
      const cells = (grid[r] ?? []).slice(first, last + 1);
      if (isTotalRow(cells)) break;
      if (!cells.every(isBlank)) lastRow = r;
    }
    return { headerIndex: h, firstColumn: first, lastColumn: last, lastRow };
  }
  return null;
}
