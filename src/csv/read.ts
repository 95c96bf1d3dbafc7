import Papa from "papaparse";
import type { Cell } from "../core/types";
import { HEADER_SEARCH_ROWS, WorkbookOutline } from "../core/find";

/**
 * A .csv file as the one-sheet grid every host hands the core: text cells exactly as written
 * (numbers stay text: the core reads "$1,234.50" and "(2)" itself), blank cells null.
 */
export interface CsvGrid {
  /** The sheet's name: the file's name without its folder and extension. */
  sheet: string;
  grid: Cell[][];
  encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";
}

/** Text of the bytes: a UTF-8 or UTF-16 byte-order mark decides; else UTF-8, or Windows-1252 when the bytes are not UTF-8. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvGrid["encoding"] } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start)), encoding: "utf-8" };
  } catch {
    // Older Windows exports (Excel's "CSV" on a US system) are Windows-1252.
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

/** Parses CSV text into rows of cells: quoted fields, embedded newlines, CRLF, ragged rows. */
export function parseCsvText(text: string): Cell[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimiter: sniffDelimiter(text) });
  const grid: Cell[][] = parsed.data.map((row) => row.map((c) => (c.trim() === "" ? null : c)));
  while (grid.length > 0 && grid[grid.length - 1].every((c) => c === null)) grid.pop();
  return grid;
}

/** Comma unless the first lines use tabs or semicolons only (some European exports). */
function sniffDelimiter(text: string): string {
  const head = text.slice(0, 4000).split(/\r?\n/).slice(0, 10).join("\n");
  const count = (ch: string) => head.split(ch).length - 1;
  const commas = count(",");
  if (count("\t") > commas) return "\t";
  if (count(";") > commas) return ";";
  return ",";
}

export function readCsv(bytes: Uint8Array, fileName: string): CsvGrid {
  const { text, encoding } = decodeCsv(bytes);
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "") || "Sheet1";
  return { sheet: base, grid: parseCsvText(text), encoding };
}

/** The outline findPositions needs: one visible sheet, no Excel tables. */
export function csvOutline(csv: CsvGrid): WorkbookOutline {
  return { sheets: [{ name: csv.sheet, visible: true, top: csv.grid.slice(0, HEADER_SEARCH_ROWS) }], tables: [] };
}
