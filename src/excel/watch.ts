/**
 * Which workbook edits can change what the formulas read. Excel's change events name a sheet
 * by id and an area by A1 address; the snapshot records the areas it read by the same terms.
 */
export interface WatchArea {
  sheetId: string;
  /** 1-based, inclusive. */
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/**
 * Reads "Sheet1!B2", "'My Sheet'!$A$1:$C$5", "A:C" (whole columns) or "3:5" (whole rows).
 * Returns null for anything else.
 */
export function parseA1(address: string): (Omit<WatchArea, "sheetId"> & { sheet: string | null }) | null {
  const bang = address.lastIndexOf("!");
  let sheet: string | null = null;
  let ref = address;
  if (bang >= 0) {
    sheet = address.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    ref = address.slice(bang + 1);
  }
  const [a, b = a] = ref.replace(/\$/g, "").toUpperCase().split(":");
  const cell = /^([A-Z]{1,3})?(\d+)?$/;
  const ma = cell.exec(a);
  const mb = cell.exec(b);
  if (!ma || !mb || (!ma[1] && !ma[2]) || (!mb[1] && !mb[2])) return null;
  return {
    sheet,
    firstColumn: ma[1] ? columnNumber(ma[1]) : 1,
    lastColumn: mb[1] ? columnNumber(mb[1]) : MAX_COLUMN,
    firstRow: ma[2] ? Number(ma[2]) : 1,
    lastRow: mb[2] ? Number(mb[2]) : MAX_ROW,
  };
}

/** The parts of a WorksheetChangedEventArgs the filter needs. */
export interface ChangeNotice {
  worksheetId: string;
  address: string;
  changeType?: string;
}

const STRUCTURAL = /Inserted|Deleted/i;

/**
 * True when an edit can change the snapshot: it overlaps a watched area, or it inserts or
 * deletes cells on a watched sheet (which moves the table or a named cell). A null watch list
 * (no table found yet) makes every edit count.
 */
export function affects(watch: readonly WatchArea[] | null, change: ChangeNotice): boolean {
  if (watch === null) return true;
  const onSheet = watch.filter((w) => w.sheetId === change.worksheetId);
  if (onSheet.length === 0) return false;
  if (change.changeType && STRUCTURAL.test(change.changeType)) return true;
  const area = parseA1(change.address);
  if (area === null) return true;
  return onSheet.some(
    (w) => area.firstRow <= w.lastRow && area.lastRow >= w.firstRow && area.firstColumn <= w.lastColumn && area.lastColumn >= w.firstColumn,
  );
}

/** True when a sheet holds a watched area (or nothing is known yet: null watches everything). */
export function touchesWatchedSheet(watch: readonly WatchArea[] | null, worksheetId: string): boolean {
  return watch === null || watch.some((w) => w.sheetId === worksheetId);
}
