import { columnLetters } from "../core";

export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Column number of letters: A -> 1, AB -> 28. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "A1:H9", "$A$1:$H$9" or "B2" to 1-based bounds; null when it is not an address. */
export function parseArea(address: string): Area | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(address.trim());
  if (!m) return null;
  const a = { left: columnNumber(m[1]), top: Number(m[2]) };
  const b = m[3] ? { left: columnNumber(m[3]), top: Number(m[4]) } : a;
  const area = {
    top: Math.min(a.top, b.top),
    bottom: Math.max(a.top, b.top),
    left: Math.min(a.left, b.left),
    right: Math.max(a.left, b.left),
  };
  return area.top >= 1 && area.left >= 1 && area.right <= 16384 && area.bottom <= 1048576 ? area : null;
}

export function formatArea(area: Area): string {
  return `${columnLetters(area.left)}${area.top}:${columnLetters(area.right)}${area.bottom}`;
}

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
