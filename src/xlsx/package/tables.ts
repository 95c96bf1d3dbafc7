import { Cell, columnLetters } from "../../core";
import { Area, formatArea, parseArea } from "../cells";
import { BrokenPackage } from "./zip";
import { CONTENT_TYPE, REL_TYPE, SheetEntry, XlsxPackage, relsPathOf } from "./opc";
import { attrOf, childrenOf, elementRe, escapeXml, namespaceOf, prefixFor, reEscape, rootTag, unescapeXml } from "./xml";
import { valueCell } from "./values";

/**
 * Excel tables and defined names in a package: listing them, writing a sheet that holds one
 * table of ours (new, or replacing our earlier one), and setting a workbook-scoped name.
 */

export interface TableInfo {
  sheet: SheetEntry & { part: string };
  part: string;
  xml: string;
  name: string;
  area: Area;
  headerRows: number;
  totalsRows: number;
  columns: string[];
}

/** Every table of the workbook with its sheet. */
export async function tablesOf(pkg: XlsxPackage): Promise<TableInfo[]> {
  const out: TableInfo[] = [];
  for (const s of await pkg.sheets()) {
    if (!s.part) continue;
    for (const t of await pkg.related(s.part, "table")) {
      const xml = await pkg.text(t.part);
      if (xml === null) continue;
      const root = rootTag(xml);
      const area = parseArea(attrOf(root, "ref") ?? "");
      if (!area) continue;
      const p = prefixFor(xml, "main") ?? "";
      const columns = childrenOf(elementRe(p, "tableColumns").exec(xml)?.[1] ?? "", p, "tableColumn").map((c) => unescapeXml(attrOf(/^<[^>]*>/.exec(c)![0], "name") ?? ""));
      out.push({
        sheet: s as SheetEntry & { part: string },
        part: t.part,
        xml,
        name: unescapeXml(attrOf(root, "displayName") ?? attrOf(root, "name") ?? ""),
        area,
        headerRows: Number(attrOf(root, "headerRowCount") ?? 1),
        totalsRows: Number(attrOf(root, "totalsRowCount") ?? 0),
        columns,
      });
    }
  }
  return out;
}

/** The id a new table part takes: one above every table id of the package (ids are workbook-wide). */
export async function nextTableId(pkg: XlsxPackage): Promise<number> {
  let id = 0;
  for (const name of pkg.partNames()) {
    if (!/(^|\/)tables\/[^/]*\.xml$/i.test(name)) continue;
    id = Math.max(id, Number(attrOf(rootTag((await pkg.text(name)) ?? ""), "id")) || 0);
  }
  return id + 1;
}

/** A table part: header names, a light style, an autofilter over header and body. */
export function tableXml(mainNs: string, id: number, name: string, ref: string, columns: readonly string[]): string {
  const cols = columns.map((h, i) => `<tableColumn id="${i + 1}" name="${escapeXml(h)}"/>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<table xmlns="${mainNs}" id="${id}" name="${escapeXml(name)}" displayName="${escapeXml(name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${columns.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

/** One sheet of ours holding one table, with rows of text above it. */
export interface TableSheet {
  sheet: string;
  /** Rows above the header row (a title, a caption, a blank row). */
  above: Cell[][];
  tableName: string;
  headers: readonly string[];
  rows: readonly Cell[][];
  /** Cell format (xf index) of the first row above, of the header row, and of each body column. */
  styles: { title: number; header: number; columns: readonly number[] };
  /** Column widths in characters. */
  widths: readonly number[];
}

/** Where the table sits: its header row and its ref (a table needs one body row, even an empty one). */
export function tableArea(spec: Pick<TableSheet, "above" | "headers" | "rows">): Area {
  const top = spec.above.length + 1;
  return { top, left: 1, bottom: top + Math.max(1, spec.rows.length), right: spec.headers.length };
}

function tableSheetXml(spec: TableSheet, mainNs: string, relNs: string, tableRel: string): string {
  const area = tableArea(spec);
  const width = Math.max(spec.headers.length, ...spec.above.map((r) => r.length));
  const rowXml = (r: number, cells: readonly Cell[], style: (c: number) => number): string => {
    const body = cells.map((v, c) => (v === null ? "" : valueCell("", `${columnLetters(c + 1)}${r}`, v, style(c)))).join("");
    return body === "" ? "" : `<row r="${r}" spans="1:${width}">${body}</row>`;
  };
  const rows = [
    ...spec.above.map((cells, i) => rowXml(i + 1, cells, () => (i === 0 ? spec.styles.title : 0))),
    rowXml(area.top, spec.headers, () => spec.styles.header),
    ...spec.rows.map((cells, i) => rowXml(area.top + 1 + i, cells, (c) => spec.styles.columns[c] ?? 0)),
  ];
  const cols = spec.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${mainNs}" xmlns:r="${relNs}"><dimension ref="${formatArea({ ...area, top: 1, right: width })}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ""}` +
    `<sheetData>${rows.join("")}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<tableParts count="1"><tablePart r:id="${tableRel}"/></tableParts></worksheet>`
  );
}

/**
 * Writes a sheet of ours holding one table. `replace` is our earlier sheet of it (its content is
 * replaced, and its table part rewritten in place, keeping the part, its id and its name, so
 * formulas naming the table keep working); without it the sheet is appended after the last one.
 * Nothing of any other sheet or table changes.
 */
export async function writeTableSheet(pkg: XlsxPackage, spec: TableSheet, replace: { part: string; tablePart: string | null } | null): Promise<{ sheetPart: string; tablePart: string }> {
  const wbXml = (await pkg.text(pkg.workbookPart))!;
  const mainNs = namespaceOf(wbXml, "main");
  const relNs = namespaceOf(wbXml, "rel");
  const ref = formatArea(tableArea(spec));
  const folder = pkg.workbookPart.slice(0, pkg.workbookPart.lastIndexOf("/") + 1);

  let id: number;
  let tablePart: string;
  if (replace?.tablePart) {
    tablePart = replace.tablePart;
    id = Number(attrOf(rootTag((await pkg.text(tablePart)) ?? ""), "id")) || (await nextTableId(pkg));
  } else {
    id = await nextTableId(pkg);
    tablePart = pkg.freeName(`${folder}tables/`, "table");
  }
  // The sheet's relationships are ours alone: the table is rId1, anything the old content used goes.
  const sheetXml = tableSheetXml(spec, mainNs, relNs, "rId1");
  let sheetPart: string;
  if (replace) {
    sheetPart = replace.part;
    pkg.setText(sheetPart, sheetXml);
  } else {
    sheetPart = await pkg.appendWorksheet(spec.sheet, sheetXml);
  }
  pkg.remove(relsPathOf(sheetPart));
  pkg.setText(tablePart, tableXml(mainNs, id, spec.tableName, ref, spec.headers));
  const relId = await pkg.addRelationship(sheetPart, REL_TYPE.table, tablePart);
  if (relId !== "rId1") throw new BrokenPackage(`could not relate table ${spec.tableName} to its sheet`);
  if (!replace?.tablePart) await pkg.addOverride(tablePart, CONTENT_TYPE.table);
  return { sheetPart, tablePart };
}

// -------------------------------------------------------------------------- defined names

export interface DefinedName {
  name: string;
  /** Set for a name scoped to one sheet (its index among the sheets). */
  localSheetId: string | undefined;
  /** What the name refers to, unescaped: `'Sheet 1'!$B$2`, `"Positions"`, `0.47`. */
  text: string;
  /** The element as the workbook part holds it. */
  xml: string;
}

const DEFINED_NAME = /<(?:[\w.-]+:)?definedName(?=[\s>])([^>]*)>([^<]*)<\/(?:[\w.-]+:)?definedName>/g;

export async function definedNamesOf(pkg: XlsxPackage): Promise<DefinedName[]> {
  const wb = (await pkg.text(pkg.workbookPart)) ?? "";
  return [...wb.matchAll(DEFINED_NAME)].map((m) => {
    const tag = `<x${m[1]}>`;
    return { name: unescapeXml(attrOf(tag, "name") ?? ""), localSheetId: attrOf(tag, "localSheetId"), text: unescapeXml(m[2]).trim(), xml: m[0] };
  });
}

/** Adds a workbook-scoped defined name (the caller knows it is not there yet). */
export async function addDefinedName(pkg: XlsxPackage, name: string, text: string): Promise<void> {
  const wb = (await pkg.text(pkg.workbookPart))!;
  const p = /<((?:[\w.-]+:)?)workbook(?=[\s>])/.exec(wb)?.[1] ?? "";
  const el = `<${p}definedName name="${escapeXml(name)}">${escapeXml(text)}</${p}definedName>`;
  const q = reEscape(p);
  const end = new RegExp(`</${q}definedNames>`);
  if (end.test(wb)) {
    pkg.setText(pkg.workbookPart, wb.replace(end, (m) => el + m));
    return;
  }
  // <definedNames> goes after <sheets> (and <functionGroups>, <externalReferences>) in the schema's order.
  const after = new RegExp(`</${q}(?:externalReferences|functionGroups|sheets)>`, "g");
  const matches = [...wb.matchAll(after)];
  const last = matches[matches.length - 1];
  if (!last) throw new BrokenPackage("the workbook part has no <sheets> element");
  const at = last.index! + last[0].length;
  pkg.setText(pkg.workbookPart, wb.slice(0, at) + `<${p}definedNames>${el}</${p}definedNames>` + wb.slice(at));
}

/** Gives a workbook-scoped defined name a new text, keeping the element's other attributes; adds it when absent. */
export async function setDefinedName(pkg: XlsxPackage, name: string, text: string): Promise<void> {
  const found = (await definedNamesOf(pkg)).find((d) => d.localSheetId === undefined && d.name.toLowerCase() === name.toLowerCase());
  if (!found) return addDefinedName(pkg, name, text);
  const wb = (await pkg.text(pkg.workbookPart))!;
  const updated = found.xml.replace(/>[^<]*</, `>${escapeXml(text)}<`);
  pkg.setText(pkg.workbookPart, wb.replace(found.xml, () => updated));
}
