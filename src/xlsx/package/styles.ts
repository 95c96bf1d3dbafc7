import { XlsxPackage, CONTENT_TYPE, REL_TYPE } from "./opc";
import { attrOf, childrenOf, elementRe, escapeXml, MAIN_NS, prefixFor, reEscape, unescapeXml } from "./xml";

/**
 * The styles part, only ever appended to: number formats, a bold font, cell formats and
 * conditional-format fills are added after the existing ones, so every index a cell of the
 * user's already uses keeps its meaning. A copy of a copy finds its own entries again.
 */

const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10 };

/** One cell style we write: a number format, bold or not. */
export type StyleKey = `${string}|${"b" | ""}`;

export const styleKey = (format: string, bold: boolean): StyleKey => `${format}|${bold ? "b" : ""}`;

/** Sets the count attribute of a start tag (or leaves a tag without one alone). */
const withCount = (tag: string, n: number) => tag.replace(/\bcount\s*=\s*("[^"]*"|'[^']*')/, `count="${n}"`);

/** Puts children at the end of a collection element such as <fonts>, creating it before `before` when absent. */
function appendChildren(xml: string, p: string, tag: string, child: string, children: string[], before: RegExp): string {
  if (children.length === 0) return xml;
  const m = elementRe(p, tag).exec(xml);
  if (!m) {
    const at = before.exec(xml);
    if (!at) throw new Error(`the styles part has no place for <${tag}>`);
    const el = `<${p}${tag} count="${children.length}">${children.join("")}</${p}${tag}>`;
    return xml.slice(0, at.index) + el + xml.slice(at.index);
  }
  const open = /^<[^>]*?(\/?)>/.exec(m[0])!;
  const existing = childrenOf(m[1] ?? "", p, child).length;
  const head = withCount(open[0].replace(/\s*\/>$/, ">"), existing + children.length);
  const el = `${head}${m[1] ?? ""}${children.join("")}</${p}${tag}>`;
  return xml.slice(0, m.index) + el + xml.slice(m.index + m[0].length);
}

const blockOf = (styles: string, p: string, tag: string): string => elementRe(p, tag).exec(styles)?.[1] ?? "";

/**
 * Appends the number formats, the bold font and the cell formats these styles need; every
 * existing index stays where it was. Returns the xf index of each style.
 */
export function addCellStyles(styles: string, keys: readonly StyleKey[]): { xml: string; xfOf: Map<StyleKey, number> } {
  const p = prefixFor(styles, "main") ?? "";
  const q = reEscape(p);
  const formatIds = new Map<string, number>(Object.entries(BUILTIN_FORMATS));
  let nextFormat = 164;
  for (const m of childrenOf(blockOf(styles, p, "numFmts"), p, "numFmt")) {
    const id = Number(attrOf(m, "numFmtId"));
    const code = unescapeXml(attrOf(m, "formatCode") ?? "");
    if (!formatIds.has(code)) formatIds.set(code, id);
    if (Number.isFinite(id)) nextFormat = Math.max(nextFormat, id + 1);
  }
  const newFormats: string[] = [];
  for (const key of keys) {
    const code = key.slice(0, key.lastIndexOf("|"));
    if (formatIds.has(code)) continue;
    formatIds.set(code, nextFormat);
    newFormats.push(`<${p}numFmt numFmtId="${nextFormat}" formatCode="${escapeXml(code)}"/>`);
    nextFormat++;
  }

  const fonts = childrenOf(blockOf(styles, p, "fonts"), p, "font");
  let boldFont = -1;
  const newFonts: string[] = [];
  if (keys.some((k) => k.endsWith("|b"))) {
    // The default font made bold, so what we write reads in the workbook's own type face.
    const first = fonts[0] ?? `<${p}font/>`;
    const bare = first.replace(new RegExp(`<${q}b(?=[\\s/>])[^>]*?(?:/>|>\\s*</${q}b>)`, "g"), "");
    const bold = bare.endsWith("/>") ? `${bare.slice(0, -2).trimEnd()}><${p}b/></${p}font>` : bare.replace(/^<[^>]*>/, (open) => `${open}<${p}b/>`);
    if (fonts.length === 0) newFonts.push(first);
    boldFont = fonts.indexOf(bold);
    if (boldFont < 0) {
      boldFont = fonts.length + newFonts.length;
      newFonts.push(bold);
    }
  }

  const xfs = childrenOf(blockOf(styles, p, "cellXfs"), p, "xf");
  const xfOf = new Map<StyleKey, number>();
  const newXfs: string[] = [];
  // A cellXfs collection must start with the default format; one we create gets it first.
  if (xfs.length === 0 && keys.length > 0) newXfs.push(`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`);
  for (const key of keys) {
    if (xfOf.has(key)) continue;
    const code = key.slice(0, key.lastIndexOf("|"));
    const bold = key.endsWith("|b");
    const id = formatIds.get(code)!;
    const xf = `<${p}xf numFmtId="${id}" fontId="${bold ? boldFont : 0}" fillId="0" borderId="0" xfId="0"${id !== 0 ? ' applyNumberFormat="1"' : ""}${bold ? ' applyFont="1"' : ""}/>`;
    const found = xfs.indexOf(xf);
    if (found >= 0) xfOf.set(key, found);
    else {
      xfOf.set(key, xfs.length + newXfs.length);
      newXfs.push(xf);
    }
  }

  let xml = styles;
  const afterRoot = new RegExp(`(?<=<${q}styleSheet(?=[\\s>])[^>]*>)`);
  xml = appendChildren(xml, p, "numFmts", "numFmt", newFormats, afterRoot);
  xml = appendChildren(xml, p, "fonts", "font", newFonts, new RegExp(`<${q}(?:fills|borders|cellStyleXfs|cellXfs)(?=[\\s/>])|</${q}styleSheet>`));
  xml = appendChildren(xml, p, "cellXfs", "xf", newXfs, new RegExp(`<${q}(?:cellStyles|dxfs|tableStyles|colors|extLst)(?=[\\s/>])|</${q}styleSheet>`));
  return { xml, xfOf };
}

/**
 * Appends (or finds again) a differential format filling a cell with a solid colour, as a
 * conditional format uses it. Returns its dxf index.
 */
export function addFillDxf(styles: string, argb: string): { xml: string; dxfId: number } {
  const p = prefixFor(styles, "main") ?? "";
  const q = reEscape(p);
  const dxf = `<${p}dxf><${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="${argb}"/></${p}patternFill></${p}fill></${p}dxf>`;
  const existing = childrenOf(blockOf(styles, p, "dxfs"), p, "dxf");
  const found = existing.indexOf(dxf);
  if (found >= 0) return { xml: styles, dxfId: found };
  const xml = appendChildren(styles, p, "dxfs", "dxf", [dxf], new RegExp(`<${q}(?:tableStyles|colors|extLst)(?=[\\s/>])|</${q}styleSheet>`));
  return { xml, dxfId: existing.length };
}

const MINIMAL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** The workbook's styles part and its text; a workbook saved without one gets a minimal one. */
export async function stylesOf(pkg: XlsxPackage): Promise<{ part: string; xml: string }> {
  const found = await pkg.workbookRelated("styles");
  const xml = found ? await pkg.text(found.part) : null;
  if (found && xml !== null) return { part: found.part, xml };
  const folder = pkg.workbookPart.slice(0, pkg.workbookPart.lastIndexOf("/") + 1);
  const part = `${folder}styles.xml`;
  pkg.setText(part, MINIMAL_STYLES);
  if (!found) {
    await pkg.addRelationship(pkg.workbookPart, REL_TYPE.styles, part);
    await pkg.addOverride(part, CONTENT_TYPE.styles);
  }
  return { part, xml: MINIMAL_STYLES };
}
