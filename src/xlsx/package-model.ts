import type { Reader } from "@zip.js/zip.js";
import { BrokenPackage, ZipArchive } from "./package/zip";
import { WorkbookUnreadable } from "./errors";
import { XmlElement, child, childrenNamed, decodeExcelEscapes, parseXml, sharedStringsParser } from "./xml";

/**
 * What the reader needs of a package before it reads any cell: the workbook's sheets (with
 * their state and part), defined names, the date system, which cell formats are dates, the
 * shared strings and every table's definition. Relationship types and namespaces are matched by
 * their last segment, so strict (ISO) packages read like transitional ones.
 */

/** A part that cannot be read: the message names it. */
export class PartUnreadable extends WorkbookUnreadable {
  constructor(
    readonly part: string,
    reason: string,
  ) {
    super(`part ${part} cannot be read: ${reason}`);
  }
}

export interface SheetInfo {
  name: string;
  /** "visible", "hidden" or "veryHidden". */
  state: string;
  /** Zip entry of the worksheet part, or null (a chart sheet, a missing part). */
  part: string | null;
}

export interface DefinedName {
  name: string;
  /** Index of the sheet it is scoped to, or null for the workbook. */
  localSheetId: number | null;
  /** The name's formula text as stored: "Inputs!$B$2", "18", "\"Positions\"". */
  formula: string;
}

export interface TableInfo {
  name: string;
  sheet: string;
  ref: string;
  headerRowCount: number;
  totalsRowCount: number;
  columns: string[];
}

export interface PackageModel {
  archive: ZipArchive;
  workbookPart: string;
  sheets: SheetInfo[];
  names: DefinedName[];
  date1904: boolean;
  dateStyles: boolean[];
  sharedStrings: string[];
  /** Per value-metadata index (a cell's `vm` - 1): the text a linked data type shows (Stocks...), or null. */
  richValues: (string | null)[];
  tables: TableInfo[];
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** Resolves a relationship target against the folder of the part that holds it (zip names have no leading "/"). */
export function resolvePart(fromPart: string, target: string): string {
  const segments = target.startsWith("/") ? [] : fromPart.split("/").slice(0, -1);
  for (const s of target.replace(/^\//, "").split("/")) {
    if (s === "..") segments.pop();
    else if (s !== "." && s !== "") segments.push(s);
  }
  return segments.join("/");
}

export const relsPathOf = (part: string): string => {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

const typeIs = (rel: Relationship, last: string) => rel.type.slice(rel.type.lastIndexOf("/") + 1) === last;

/** A part's whole text; a part the zip cannot give is named in the error. */
async function partText(archive: ZipArchive, part: string): Promise<string> {
  const pieces: string[] = [];
  await unzipping(() => archive.streamText(part, (t) => void pieces.push(t)));
  return pieces.join("");
}

/** Runs a zip read, turning the zip layer's BrokenPackage into the reader's WorkbookUnreadable. */
export async function unzipping<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof BrokenPackage) throw new WorkbookUnreadable(e.message.startsWith("part ") ? e.message : `broken zip archive (${e.message})`);
    throw e;
  }
}

async function xmlOf(archive: ZipArchive, part: string): Promise<XmlElement> {
  const text = await partText(archive, part);
  try {
    return parseXml(text, part);
  } catch (e) {
    throw new PartUnreadable(part, (e as Error).message);
  }
}

async function relationships(archive: ZipArchive, part: string): Promise<Relationship[]> {
  const relsPart = archive.find(relsPathOf(part));
  if (!relsPart) return [];
  const root = await xmlOf(archive, relsPart);
  return childrenNamed(root, "Relationship").map((r) => {
    const external = r.attrs.TargetMode === "External";
    return { id: r.attrs.Id ?? "", type: r.attrs.Type ?? "", target: external ? (r.attrs.Target ?? "") : decodeURIComponentSafe(r.attrs.Target ?? ""), external };
  });
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** What a file's first bytes say it is not: a message, or null when it may be an .xlsx (a zip). */
export function notAZip(head: Uint8Array): string | null {
  // A password-protected workbook and an .xls are both OLE compound files, not zips.
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    return "a password-protected workbook or an old .xls file: save it as .xlsx without a password";
  }
  // Every zip starts with a local file header, "PK\x03\x04".
  if (head.length < 4 || head[0] !== 0x50 || head[1] !== 0x4b || head[2] !== 0x03 || head[3] !== 0x04) return "not a zip archive";
  return null;
}

/** Opens a package (its bytes, or a zip.js Reader over a file with its first bytes) and reads everything but the cells. */
export async function readPackageModel(source: Uint8Array | Reader<unknown>, head?: Uint8Array): Promise<PackageModel> {
  const wrong = notAZip(head ?? (source instanceof Uint8Array ? source : new Uint8Array()));
  if (wrong) throw new WorkbookUnreadable(wrong, true);
  let archive: ZipArchive;
  try {
    archive = await ZipArchive.open(source);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new WorkbookUnreadable(/encrypted/.test(message) ? message : `broken zip archive (${message})`, true);
  }
  const rootRels = await relationships(archive, "");
  const docRel = rootRels.find((r) => typeIs(r, "officeDocument") && !r.external);
  const workbookPart = archive.find(docRel ? resolvePart("", docRel.target) : "xl/workbook.xml");
  if (!workbookPart) throw new WorkbookUnreadable(`it has no workbook part ${docRel ? resolvePart("", docRel.target) : "xl/workbook.xml"}`, true);
  if (/\.bin$/i.test(workbookPart)) throw new WorkbookUnreadable("an .xlsb (binary) workbook: save it as .xlsx", true);
  const wb = await xmlOf(archive, workbookPart);
  if (wb.name !== "workbook") throw new PartUnreadable(workbookPart, `its root is <${wb.name}>, not <workbook>`);
  const rels = await relationships(archive, workbookPart);
  const relById = new Map(rels.map((r) => [r.id, r]));

  const sheets: SheetInfo[] = childrenNamed(child(wb, "sheets"), "sheet").map((s) => {
    const rel = relById.get(s.attrs["r:id"] ?? "");
    const part = rel && !rel.external && typeIs(rel, "worksheet") ? archive.find(resolvePart(workbookPart, rel.target)) : null;
    return { name: s.attrs.name ?? "", state: s.attrs.state ?? "visible", part };
  });
  if (sheets.length === 0) throw new PartUnreadable(workbookPart, "the workbook lists no sheets");

  const pr = child(wb, "workbookPr");
  const date1904 = pr !== undefined && /^(1|true)$/i.test(pr.attrs.date1904 ?? "");
  const names: DefinedName[] = childrenNamed(child(wb, "definedNames"), "definedName").map((d) => ({
    name: d.attrs.name ?? "",
    localSheetId: d.attrs.localSheetId === undefined ? null : Number(d.attrs.localSheetId),
    formula: d.text.trim(),
  }));

  const stylesRel = rels.find((r) => typeIs(r, "styles") && !r.external);
  const stylesPart = stylesRel ? archive.find(resolvePart(workbookPart, stylesRel.target)) : null;
  const dateStyles = stylesPart ? dateStylesOf(await xmlOf(archive, stylesPart)) : [];

  const ssRel = rels.find((r) => typeIs(r, "sharedStrings") && !r.external);
  const ssPart = ssRel ? archive.find(resolvePart(workbookPart, ssRel.target)) : null;
  const sharedStrings = ssPart ? await readSharedStrings(archive, ssPart) : [];

  const richValues = await readRichValues(archive, workbookPart, rels);

  const tables: TableInfo[] = [];
  for (const sheet of sheets) {
    if (!sheet.part) continue;
    for (const rel of await relationships(archive, sheet.part)) {
      if (rel.external || !typeIs(rel, "table")) continue;
      const tablePart = archive.find(resolvePart(sheet.part, rel.target));
      if (!tablePart) throw new PartUnreadable(resolvePart(sheet.part, rel.target), `sheet '${sheet.name}' refers to it but the file does not hold it`);
      const t = await xmlOf(archive, tablePart);
      const count = (v: string | undefined, dflt: number) => (v === undefined || v === "" ? dflt : Number(v));
      tables.push({
        name: t.attrs.displayName ?? t.attrs.name ?? "",
        sheet: sheet.name,
        ref: t.attrs.ref ?? "",
        // The format's default is one header row: Excel leaves the attribute out.
        headerRowCount: count(t.attrs.headerRowCount, 1),
        totalsRowCount: count(t.attrs.totalsRowCount, 0),
        columns: childrenNamed(child(t, "tableColumns"), "tableColumn").map((c) => decodeExcelEscapes(c.attrs.name ?? "")),
      });
    }
  }
  return { archive, workbookPart, sheets, names, date1904, dateStyles, sharedStrings, richValues, tables };
}

/**
 * What a cell holding a linked data type (Excel's Stocks, Geography...) shows: the file stores
 * `#VALUE!` as the cell's value for older readers and the shown text in the rich value parts.
 * A cell's `vm` leads to a value-metadata block, its XLRICHVALUE record to a rich value, and
 * that value's structure says which of its values is `_DisplayString`.
 */
async function readRichValues(archive: ZipArchive, workbookPart: string, rels: Relationship[]): Promise<(string | null)[]> {
  const partOf = (type: string, fallback: string) => {
    const rel = rels.find((r) => typeIs(r, type) && !r.external);
    return archive.find(rel ? resolvePart(workbookPart, rel.target) : fallback);
  };
  const metadataPart = partOf("sheetMetadata", "xl/metadata.xml");
  const valuesPart = partOf("rdRichValue", "xl/richData/rdrichvalue.xml");
  const structuresPart = partOf("rdRichValueStructure", "xl/richData/rdrichvaluestructure.xml");
  if (!metadataPart || !valuesPart || !structuresPart) return [];
  const metadata = await xmlOf(archive, metadataPart);
  const types = childrenNamed(child(metadata, "metadataTypes"), "metadataType").map((t) => t.attrs.name ?? "");
  const future = childrenNamed(metadata, "futureMetadata").find((f) => f.attrs.name === "XLRICHVALUE");
  const richIndex = childrenNamed(future, "bk").map((bk) => {
    const rvb = findDeep(bk, "rvb");
    return rvb ? Number(rvb.attrs.i) : null;
  });
  const structures = childrenNamed(await xmlOf(archive, structuresPart), "s").map((st) => childrenNamed(st, "k").findIndex((k) => k.attrs.n === "_DisplayString"));
  const values = childrenNamed(await xmlOf(archive, valuesPart), "rv").map((rv) => {
    const at = structures[Number(rv.attrs.s)] ?? -1;
    const v = at < 0 ? undefined : childrenNamed(rv, "v")[at];
    return v ? decodeExcelEscapes(v.text) : null;
  });
  return childrenNamed(child(metadata, "valueMetadata"), "bk").map((bk) => {
    const rc = child(bk, "rc");
    if (!rc || types[Number(rc.attrs.t) - 1] !== "XLRICHVALUE") return null;
    const i = richIndex[Number(rc.attrs.v)];
    return i === null || i === undefined ? null : (values[i] ?? null);
  });
}

function findDeep(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) {
    if (c.name === name) return c;
    const found = findDeep(c, name);
    if (found) return found;
  }
  return undefined;
}

async function readSharedStrings(archive: ZipArchive, part: string): Promise<string[]> {
  const { parser, strings } = sharedStringsParser(part);
  try {
    await unzipping(() => archive.streamText(part, (t) => void parser.write(t)));
    parser.close();
  } catch (e) {
    if (e instanceof WorkbookUnreadable) throw e;
    throw new PartUnreadable(part, (e as Error).message);
  }
  return strings;
}

/** Built-in number formats that show dates or times (ECMA-376 18.8.30, with the East Asian date ids). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a number format code shows a date or a time: d, m, y, h or s outside quotes, escapes and [colour]/[$-locale] brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/_./g, "")
    .replace(/\*./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
  // Only the first section decides (positive numbers); "General" has none of these letters.
  const first = bare.split(";")[0];
  return /[dmyhs]/i.test(first.replace(/general/gi, ""));
}

function dateStylesOf(styles: XmlElement): boolean[] {
  const custom = new Map<number, string>();
  for (const f of childrenNamed(child(styles, "numFmts"), "numFmt")) custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? "");
  return childrenNamed(child(styles, "cellXfs"), "xf").map((xf) => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_IDS.has(id);
  });
}
