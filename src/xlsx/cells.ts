import { columnLetters } from "../core";

// One home for A1 areas: the core's table finder parses them; the package code uses the same.
export { Area, formatArea, parseArea } from "../core/find";

/** Splits "'My Sheet'!$B$2" into sheet and address. */
export function splitSheetAddress(ref: string): { sheet: string; address: string } | null {
  const bang = ref.lastIndexOf("!");
  if (bang < 0) return null;
  let sheet = ref.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: ref.slice(bang + 1) };
}

/** "Sheet1!$B$2" or "'My Sheet'!$B$2", the way a defined name refers to one cell. */
export function absoluteRef(sheet: string, row: number, column: number): string {
  const quoted = /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!$${columnLetters(column)}$${row}`;
}
