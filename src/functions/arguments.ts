import { toCell } from "../excel/read";

/**
 * A `positions` range as Excel hands it to a custom function. Cells holding a data type (a Stocks
 * ticker, a linked entity) may arrive as objects; they become what the cell shows, never the text
 * "[object Object]", so the rules read the ticker and an object in a number column is an error row.
 */
export function positionsArgument(range: unknown): unknown {
  if (!Array.isArray(range)) return range;
  return range.map((row: unknown) => (Array.isArray(row) ? row.map(toCell) : row));
}
