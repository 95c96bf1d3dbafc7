import type { Cell } from "../../core";
import { XlsxPackage } from "./opc";
import { SheetCell, cellsOfRow, sheetTokens } from "./sheet";
import { attrOf, cellText, decodeExcelEscapes, prefixFor, reEscape, unescapeXml } from "./xml";

/** Cell values as a worksheet part stores them, read and written. */

/** A cell holding a value: numbers as numbers, text inline, non-finite numbers as #NUM! (never "Infinity"). */
export function valueCell(p: string, ref: string, value: Cell, s: number): string {
  const style = s > 0 ? ` s="${s}"` : "";
  if (value === null) return `<${p}c r="${ref}"${style}/>`;
  if (typeof value === "number") {
    return Number.isFinite(value) ? `<${p}c r="${ref}"${style}><${p}v>${value}</${p}v></${p}c>` : `<${p}c r="${ref}"${style} t="e"><${p}v>#NUM!</${p}v></${p}c>`;
  }
  if (typeof value === "boolean") return `<${p}c r="${ref}"${style} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
  return `<${p}c r="${ref}"${style} t="inlineStr"><${p}is><${p}t${space}>${cellText(value)}</${p}t></${p}is></${p}c>`;
}

/** Text as a part stores it: XML entities and Excel's _xHHHH_ escapes decoded. */
const partText = (xml: string): string => decodeExcelEscapes(unescapeXml(xml));

/** The text of a string item (<si> or <is>): its runs joined, phonetic guides left out. */
export function itemText(item: string, p: string): string {
  const q = reEscape(p);
  const body = item.replace(new RegExp(`<${q}rPh(?=[\\s>])[\\s\\S]*?</${q}rPh>`, "g"), "");
  const runs = body.match(new RegExp(`<${q}t(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${q}t>)`, "g")) ?? [];
  return runs.map((t) => partText(/>([\s\S]*)</.exec(t)?.[1] ?? "")).join("");
}

export const typeOf = (c: SheetCell): string => attrOf(c.startTag, "t") ?? "n";

/** True when a cell holds anything a user typed or computed: a value, a formula or inline text. */
export function holdsContent(c: SheetCell): boolean {
  if (c.f) return true;
  if (c.v && c.v.text !== "") return true;
  return /<(?:[\w.-]+:)?is[\s>]/.test(c.inner);
}

/** The shared string at an index, read piece by piece from the shared-strings part. */
async function sharedString(pkg: XlsxPackage, index: number): Promise<string | null> {
  const sst = await pkg.workbookRelated("sharedStrings");
  if (!sst || !Number.isInteger(index) || index < 0) return null;
  let buf = "";
  let seen = 0;
  let p: string | null = null;
  for await (const piece of pkg.chunks(sst.part)) {
    buf += piece;
    p ??= /<(?!\?|!)[^>]*>/.test(buf) ? (prefixFor(buf, "main") ?? "") : null;
    if (p === null) continue;
    const re = new RegExp(`<${reEscape(p)}si(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${reEscape(p)}si>)`, "g");
    let last = 0;
    for (let m = re.exec(buf); m; m = re.exec(buf)) {
      if (seen === index) return itemText(m[0], p);
      seen++;
      last = re.lastIndex;
    }
    buf = buf.slice(last);
  }
  return null;
}

/** The value a stored cell shows (shared string, inline string, number...); null when empty. */
export async function cellValue(pkg: XlsxPackage, c: SheetCell, p: string): Promise<Cell> {
  const v = c.v ? unescapeXml(c.v.text) : null;
  switch (typeOf(c)) {
    case "inlineStr":
      return itemText(c.inner, p);
    case "s":
      return v === null ? null : sharedString(pkg, Number(v));
    case "str":
    case "e":
      return v === null ? null : partText(v);
    case "b":
      return v === null ? null : v === "1";
    default:
      return v === null || v === "" ? null : Number(v);
  }
}

/** The value A1 of a worksheet part shows; null when empty. Reads only up to the first row. */
export async function firstCellOf(pkg: XlsxPackage, part: string): Promise<Cell> {
  for await (const t of sheetTokens(pkg.chunks(part))) {
    if (t.kind !== "row") continue;
    if (t.row > 1) return null;
    const prefix = /^<([\w.-]+:)?row/.exec(t.text)?.[1] ?? "";
    const c = cellsOfRow(t.text, prefix, t.row).find((x) => x.row === 1 && x.col === 1);
    return c ? cellValue(pkg, c, prefix) : null;
  }
  return null;
}

/** The value one cell of a worksheet part shows; null when empty or absent. Reads up to its row. */
export async function valueAt(pkg: XlsxPackage, part: string, row: number, col: number): Promise<Cell> {
  for await (const t of sheetTokens(pkg.chunks(part))) {
    if (t.kind !== "row") continue;
    if (t.row > row) return null;
    if (t.row < row) continue;
    const prefix = /^<([\w.-]+:)?row/.exec(t.text)?.[1] ?? "";
    const c = cellsOfRow(t.text, prefix, t.row).find((x) => x.col === col);
    return c ? cellValue(pkg, c, prefix) : null;
  }
  return null;
}
