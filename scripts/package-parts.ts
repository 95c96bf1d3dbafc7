import { Uint8ArrayWriter, TextReader, ZipWriter, configure } from "@zip.js/zip.js";

/**
 * Writes an .xlsx package from its parts, in the order given (Excel writes [Content_Types].xml
 * first). Used by scripts only: the benchmark workbooks and the real-file fixtures assembled
 * from parts that Excel, LibreOffice or Google Sheets wrote.
 */
export async function zipParts(parts: Record<string, string>): Promise<Uint8Array> {
  configure({ useWebWorkers: false });
  const writer = new ZipWriter(new Uint8ArrayWriter(), { level: 6, lastModDate: new Date(Date.UTC(2026, 0, 1)) });
  for (const [name, text] of Object.entries(parts)) await writer.add(name, new TextReader(text));
  return writer.close();
}

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const escapeXml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Column letters of a 1-based column number. */
export function letters(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
