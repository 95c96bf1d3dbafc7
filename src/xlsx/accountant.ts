import { Cell, Review, SheetContent, columnLetters, reviewSheet } from "../core";
import { isReviewCandidate, reviewSheetTarget } from "./own-sheets";
import { Attr, XlsxPackage, attrOf, attrsOf, escapeXml, mainNamespace, prefixFor, relsPathOf, unescapeXml } from "./package";

/**
 * A formula that calls one of our functions. Excel saves JavaScript custom functions with the
 * "_xldudf_" prefix and the dot as "_" (CSP.EXPOSURE -> _xldudf_CSP_EXPOSURE); a file written
 * by other tools may keep "CSP.EXPOSURE" or "_xll.CSP.EXPOSURE".
 */
const CSP_CALL = /(?<![A-Za-z0-9_.])(?:_xldudf_CSP_|(?:_xll\.)?CSP\.)[A-Za-z_][A-Za-z0-9_.]*\s*\(/i;

export function callsCsp(formula: string | undefined | null): boolean {
  return !!formula && CSP_CALL.test(formula);
}

export interface AccountantResult {
  /** Cells whose CSP formula was replaced by its cached value ("Sheet!B4"). */
  replaced: string[];
  /** CSP formula cells without a cached value, left as they are. */
  missing: string[];
  /**
   * CSP formula cells that have a cached value but share their formula with a cell in
   * `missing`, so the whole shared formula stays.
   */
  keptWithGroup: string[];
}

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  return m ? { row: Number(m[2]), col: columnNumber(m[1]) } : null;
}

interface SheetCell {
  start: number;
  end: number;
  ref: string;
  row: number;
  col: number;
  startTag: string;
  inner: string;
  f: { xml: string; tag: string; text: string } | null;
  v: { xml: string; text: string } | null;
}

/** Every `<c>` of a worksheet's sheetData, with its place in the part's text. */
function cellsOf(xml: string, p: string): SheetCell[] {
  const q = reEscape(p);
  const data = new RegExp(`<${q}sheetData(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${q}sheetData>)`).exec(xml);
  if (!data || data[1] === undefined) return [];
  const from = data.index;
  const to = data.index + data[0].length;
  const token = new RegExp(`<${q}row(?=[\\s/>])[^>]*>|<${q}c(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</${q}c>)`, "g");
  const fRe = new RegExp(`<${q}f(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${q}f>)`);
  const vRe = new RegExp(`<${q}v(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${q}v>)`);
  const out: SheetCell[] = [];
  let row = 0;
  let col = 0;
  token.lastIndex = from;
  for (let m = token.exec(xml); m && m.index < to; m = token.exec(xml)) {
    if (m[1] === undefined) {
      const r = Number(attrOf(m[0], "r"));
      row = Number.isInteger(r) && r > 0 ? r : row + 1;
      col = 0;
      continue;
    }
    const startTag = /^<[^>]*>/.exec(m[0])![0];
    const at = parseRef(attrOf(startTag, "r") ?? "");
    if (at) col = at.col;
    else col++;
    const inner = m[2] ?? "";
    const f = fRe.exec(inner);
    const v = vRe.exec(inner);
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      ref: `${columnLetters(col)}${at ? at.row : row}`,
      row: at ? at.row : row,
      col,
      startTag,
      inner,
      f: f ? { xml: f[0], tag: /^<[^>]*>/.exec(f[0])![0], text: unescapeXml(f[1] ?? "") } : null,
      v: v ? { xml: v[0], text: v[1] ?? "" } : null,
    });
  }
  return out;
}

const typeOf = (c: SheetCell) => attrOf(c.startTag, "t") ?? "n";

/** A cell "has the value Excel last saved" when it holds a `<v>` (an empty one only as text) or an inline string. */
function hasCachedValue(c: SheetCell, p: string): boolean {
  if (c.v && (c.v.text !== "" || typeOf(c) === "str")) return true;
  return new RegExp(`<${reEscape(p)}is[\\s>]`).test(c.inner);
}

function startTag(p: string, attrs: Attr[]): string {
  const list = attrs.map((a) => (a.value.includes('"') ? ` ${a.name}='${a.value}'` : ` ${a.name}="${a.value}"`)).join("");
  return `<${p}c${list}>`;
}

/**
 * The cell without its formula, holding its cached value: numbers, booleans and errors keep
 * their `<v>` and type; a cached text (t="str", valid only beside a formula) becomes an inline
 * string. Cell metadata for dynamic arrays (cm) goes with the formula.
 */
function frozenCell(c: SheetCell, p: string): string {
  let attrs = attrsOf(c.startTag).filter((a) => a.name !== "cm");
  let inner = c.f ? c.inner.replace(c.f.xml, () => "") : c.inner;
  if (typeOf(c) === "str" && c.v) {
    attrs = attrs.map((a) => (a.name === "t" ? { name: "t", value: "inlineStr" } : a));
    const text = unescapeXml(c.v.text);
    const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : "";
    const is = `<${p}is><${p}t${space}>${c.v.text}</${p}t></${p}is>`;
    inner = inner.replace(c.v.xml, () => is);
  }
  return `${startTag(p, attrs)}${inner}</${p}c>`;
}

/** Replaces the CSP formulas of one worksheet part by their cached values. */
export function freezeSheet(xml: string, sheet: string): AccountantResult & { xml: string } {
  const result: AccountantResult & { xml: string } = { xml, replaced: [], missing: [], keptWithGroup: [] };
  const p = prefixFor(xml, "main") ?? "";
  const cells = cellsOf(xml, p);
  const at = new Map(cells.map((c) => [`${c.row},${c.col}`, c]));
  const shared = new Map<string, SheetCell[]>();
  for (const c of cells) {
    if (c.f && attrOf(c.f.tag, "t") === "shared") {
      const si = attrOf(c.f.tag, "si") ?? "";
      shared.set(si, [...(shared.get(si) ?? []), c]);
    }
  }
  const edits = new Map<SheetCell, string>();
  const name = (c: SheetCell) => `${sheet}!${c.ref}`;
  const doneShared = new Set<string>();

  for (const c of cells) {
    if (!c.f) continue;
    const kind = attrOf(c.f.tag, "t") ?? "normal";
    if (kind === "shared") {
      const si = attrOf(c.f.tag, "si") ?? "";
      if (doneShared.has(si)) continue;
      doneShared.add(si);
      const group = shared.get(si)!;
      // The formula text lives on the group's first cell only; the others are written as <f t="shared" si="n"/>.
      const master = group.find((g) => g.f!.text.trim() !== "");
      if (!master || !callsCsp(master.f!.text)) continue;
      const without = group.filter((g) => !hasCachedValue(g, p));
      if (without.length === 0) {
        for (const g of group) edits.set(g, frozenCell(g, p));
        result.replaced.push(...group.map(name));
      } else {
        result.missing.push(...without.map(name));
        result.keptWithGroup.push(...group.filter((g) => !without.includes(g)).map(name));
      }
      continue;
    }
    if (!callsCsp(c.f.text)) continue;
    if (kind === "array") {
      // An array formula's result fills its ref; the other cells hold values only.
      const [a, b] = (attrOf(c.f.tag, "ref") ?? c.ref).split(":").map(parseRef);
      const members: (SheetCell | undefined)[] = [];
      if (a) for (let r = a.row; r <= (b ?? a).row; r++) for (let k = a.col; k <= (b ?? a).col; k++) members.push(at.get(`${r},${k}`));
      if (members.length > 0 && members.every((m) => m && hasCachedValue(m, p))) {
        for (const m of members as SheetCell[]) if (m === c || typeOf(m) === "str") edits.set(m, frozenCell(m, p));
        result.replaced.push(name(c));
      } else result.missing.push(name(c));
      continue;
    }
    if (hasCachedValue(c, p)) {
      edits.set(c, frozenCell(c, p));
      result.replaced.push(name(c));
    } else result.missing.push(name(c));
  }
  if (edits.size === 0) return result;
  let out = "";
  let last = 0;
  for (const c of cells) {
    const e = edits.get(c);
    if (e === undefined) continue;
    out += xml.slice(last, c.start) + e;
    last = c.end;
  }
  result.xml = out + xml.slice(last);
  return result;
}

// ---------------------------------------------------------------- the Weekly Review sheet

const BUILTIN_FORMATS: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10 };

/** One cell style of the review sheet: a number format, bold or not. */
export type StyleKey = `${string}|${"b" | ""}`;

function countChildren(block: string, p: string, tag: string): number {
  return (block.match(new RegExp(`<${reEscape(p)}${tag}(?=[\\s/>])`, "g")) ?? []).length;
}

/** The child elements of a collection's content, as text. */
function childrenOf(block: string, p: string, tag: string): string[] {
  const q = reEscape(p);
  return block.match(new RegExp(`<${q}${tag}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${q}${tag}>)`, "g")) ?? [];
}

/** Sets the count attribute of a start tag (or leaves a tag without one alone). */
const withCount = (tag: string, n: number) => tag.replace(/\bcount\s*=\s*("[^"]*"|'[^']*')/, `count="${n}"`);

/** Puts children at the end of a collection element such as <fonts>, creating it before `before` when absent. */
function appendChildren(xml: string, p: string, tag: string, child: string, children: string[], before: RegExp): string {
  if (children.length === 0) return xml;
  const q = reEscape(p);
  const re = new RegExp(`<${q}${tag}(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${q}${tag}>)`);
  const m = re.exec(xml);
  if (!m) {
    const at = before.exec(xml);
    const el = `<${p}${tag} count="${children.length}">${children.join("")}</${p}${tag}>`;
    if (!at) throw new Error(`styles part has no place for <${tag}>`);
    return xml.slice(0, at.index) + el + xml.slice(at.index);
  }
  const open = /^<[^>]*?(\/?)>/.exec(m[0])!;
  const existing = countChildren(m[1] ?? "", p, child);
  const head = withCount(open[0].replace(/\/>$/, ">"), existing + children.length);
  const el = `${head}${m[1] ?? ""}${children.join("")}</${p}${tag}>`;
  return xml.slice(0, m.index) + el + xml.slice(m.index + m[0].length);
}

/**
 * Appends the number formats, the bold font and the cell formats the review sheet needs to a
 * styles part; every existing index stays where it was. Returns the xf index of each style.
 */
export function addReviewStyles(styles: string, keys: readonly StyleKey[]): { xml: string; xfOf: Map<StyleKey, number> } {
  const p = prefixFor(styles, "main") ?? "";
  const q = reEscape(p);
  const block = (tag: string) => new RegExp(`<${q}${tag}(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${q}${tag}>)`).exec(styles)?.[1] ?? "";

  const formatIds = new Map<string, number>(Object.entries(BUILTIN_FORMATS));
  let nextFormat = 164;
  const fmtRe = new RegExp(`<${q}numFmt(?=[\\s/>])[^>]*>`, "g");
  for (const m of block("numFmts").match(fmtRe) ?? []) {
    const id = Number(attrOf(m, "numFmtId"));
    const code = unescapeXml(attrOf(m, "formatCode") ?? "");
    if (!formatIds.has(code)) formatIds.set(code, id);
    nextFormat = Math.max(nextFormat, id + 1);
  }
  const newFormats: string[] = [];
  for (const key of keys) {
    const code = key.slice(0, key.lastIndexOf("|"));
    if (formatIds.has(code)) continue;
    formatIds.set(code, nextFormat);
    newFormats.push(`<${p}numFmt numFmtId="${nextFormat}" formatCode="${escapeXml(code)}"/>`);
    nextFormat++;
  }

  const fonts = block("fonts");
  let boldFont = -1;
  const newFonts: string[] = [];
  if (keys.some((k) => k.endsWith("|b"))) {
    // The default font made bold, so the review reads in the workbook's own type face.
    const first = new RegExp(`<${q}font(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${q}font>)`).exec(fonts)?.[0] ?? `<${p}font/>`;
    const bare = first.replace(new RegExp(`<${q}b(?=[\\s/>])[^>]*?(?:/>|>\\s*</${q}b>)`, "g"), "");
    const bold = bare.endsWith("/>") ? `${bare.slice(0, -2).trimEnd()}><${p}b/></${p}font>` : bare.replace(/^<[^>]*>/, (open) => `${open}<${p}b/>`);
    // A copy made from an earlier copy finds its own entries again instead of adding more.
    const existing = childrenOf(fonts, p, "font");
    boldFont = existing.indexOf(bold);
    if (boldFont < 0) {
      boldFont = existing.length;
      newFonts.push(bold);
    }
  }

  const xfs = childrenOf(block("cellXfs"), p, "xf");
  const xfOf = new Map<StyleKey, number>();
  const newXfs: string[] = [];
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
  xml = appendChildren(xml, p, "fonts", "font", newFonts, new RegExp(`<${q}(?:fills|borders|cellStyleXfs|cellXfs)(?=[\\s/>])`));
  xml = appendChildren(xml, p, "cellXfs", "xf", newXfs, new RegExp(`<${q}(?:cellStyles|dxfs|tableStyles|colors|extLst)(?=[\\s/>])|</${q}styleSheet>`));
  return { xml, xfOf };
}

const styleKey = (format: string, bold: boolean): StyleKey => `${format}|${bold ? "b" : ""}`;

/** The style keys a review sheet uses; the plain General style needs none. */
export function reviewStyleKeys(content: SheetContent): StyleKey[] {
  const keys = new Set<StyleKey>();
  content.values.forEach((row, r) =>
    row.forEach((v, c) => {
      const bold = content.headingRows.includes(r);
      if (v !== null || bold) keys.add(styleKey(content.formats[r][c] ?? "General", bold));
    }),
  );
  keys.delete(styleKey("General", false));
  return [...keys];
}

/** Text for an inline string: characters XML 1.0 cannot hold are written as Excel's _xHHHH_ escapes. */
function cellText(s: string): string {
  const excel = s.replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m}`).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeXml(excel);
}

function valueCell(ref: string, value: Cell, s: number): string {
  const style = s > 0 ? ` s="${s}"` : "";
  if (value === null) return `<c r="${ref}"${style}/>`;
  if (typeof value === "number") {
    return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : `<c r="${ref}"${style} t="e"><v>#NUM!</v></c>`;
  }
  if (typeof value === "boolean") return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
  const space = /^\s|\s$/.test(value) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${cellText(value)}</t></is></c>`;
}

/** The worksheet part of the review sheet: values only (numbers as numbers, text inline), no formulas. */
export function reviewSheetXml(content: SheetContent, xfOf: ReadonlyMap<StyleKey, number>, mainNs: string, relNs: string): string {
  const last = columnLetters(content.width);
  const rows = content.values.map((cells, r) => {
    const bold = content.headingRows.includes(r);
    const rowStyle = bold ? ` s="${xfOf.get(styleKey("General", true))}" customFormat="1"` : "";
    const body = cells
      .map((v, c) => {
        if (v === null && !bold) return "";
        return valueCell(`${columnLetters(c + 1)}${r + 1}`, v, xfOf.get(styleKey(content.formats[r][c] ?? "General", bold)) ?? 0);
      })
      .join("");
    return body === "" ? "" : `<row r="${r + 1}" spans="1:${content.width}"${rowStyle}>${body}</row>`;
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${mainNs}" xmlns:r="${relNs}">` +
    `<dimension ref="A1:${last}${content.values.length}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<cols><col min="1" max="1" width="30" customWidth="1"/><col min="2" max="${content.width}" width="18" customWidth="1"/></cols>` +
    `<sheetData>${rows.join("")}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `</worksheet>`
  );
}

/** Text as a part stores it: XML entities and Excel's _xHHHH_ escapes decoded. */
const partText = (xml: string): string => unescapeXml(xml).replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The text of a string item (<si> or <is>): its runs joined, phonetic guides left out. */
function itemText(item: string, p: string): string {
  const q = reEscape(p);
  const body = item.replace(new RegExp(`<${q}rPh(?=[\\s>])[\\s\\S]*?</${q}rPh>`, "g"), "");
  const runs = body.match(new RegExp(`<${q}t(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${q}t>)`, "g")) ?? [];
  return runs.map((t) => partText(/>([\s\S]*)</.exec(t)?.[1] ?? "")).join("");
}

/** The value A1 of a worksheet part shows (shared string, inline string, number...); null when empty. */
export async function firstCellOf(pkg: XlsxPackage, part: string): Promise<Cell> {
  const xml = (await pkg.text(part)) ?? "";
  const p = prefixFor(xml, "main") ?? "";
  const c = cellsOf(xml, p).find((x) => x.row === 1 && x.col === 1);
  if (!c) return null;
  const v = c.v ? unescapeXml(c.v.text) : null;
  switch (typeOf(c)) {
    case "inlineStr":
      return itemText(c.inner, p);
    case "s": {
      const sst = await pkg.workbookRelated("sharedStrings");
      const sstXml = sst ? await pkg.text(sst.part) : null;
      const index = Number(v);
      if (sstXml === null || !Number.isInteger(index)) return null;
      const sp = prefixFor(sstXml, "main") ?? "";
      const items = childrenOf(sstXml, sp, "si");
      return index >= 0 && index < items.length ? itemText(items[index], sp) : null;
    }
    case "str":
    case "e":
      return v === null ? null : partText(v);
    case "b":
      return v === null ? null : v === "1";
    default:
      return v === null || v === "" ? null : Number(v);
  }
}

/**
 * The accountant's copy of an .xlsx, edited as the zip of XML parts it is so that every part it
 * does not need to touch (charts, drawings, pivot tables, names, theme...) stays byte for byte:
 * CSP formulas become the values Excel last saved for them, the stale calculation chain goes
 * (Excel rebuilds it), and the Weekly Review sheet is added last, or replaced where an earlier
 * one of ours exists. A user's own sheet of that name is left as it is and the review goes on
 * the next candidate name; when every candidate is the user's, SheetsTaken is thrown before
 * anything is built.
 */
export async function accountantCopy(data: Uint8Array, review: Review): Promise<AccountantResult & { data: Uint8Array; reviewSheet: string }> {
  const pkg = await XlsxPackage.open(data);
  const result: AccountantResult = { replaced: [], missing: [], keptWithGroup: [] };
  const sheets = await pkg.sheets();
  const candidates: { name: string; a1: Cell }[] = [];
  // A candidate without a worksheet part (a chart sheet) is someone else's.
  for (const s of sheets) if (isReviewCandidate(s.name)) candidates.push({ name: s.name, a1: s.part ? await firstCellOf(pkg, s.part) : null });
  const target = reviewSheetTarget(candidates);
  const ours = target.exists ? sheets.find((s) => s.name.toLowerCase() === target.name.toLowerCase() && s.part) : undefined;
  for (const s of sheets) {
    if (!s.part || s === ours) continue;
    const xml = (await pkg.text(s.part))!;
    const frozen = freezeSheet(xml, s.name);
    if (frozen.xml !== xml) pkg.setText(s.part, frozen.xml);
    result.replaced.push(...frozen.replaced);
    result.missing.push(...frozen.missing);
    result.keptWithGroup.push(...frozen.keptWithGroup);
  }
  if (result.replaced.length > 0) await pkg.removeWorkbookPart("calcChain");

  const content = reviewSheet(review);
  const styles = await pkg.workbookRelated("styles");
  const stylesXml = styles ? await pkg.text(styles.part) : null;
  if (!styles || stylesXml === null) throw new Error("the workbook has no styles part");
  const { xml: newStyles, xfOf } = addReviewStyles(stylesXml, reviewStyleKeys(content));
  pkg.setText(styles.part, newStyles);
  const wbXml = (await pkg.text(pkg.workbookPart))!;
  const relNs = /officeDocument(?:\/2006)?\/relationships$/;
  const root = /<(?!\?|!)[^>]*>/.exec(wbXml)?.[0] ?? "";
  const rNs = attrsOf(root).find((a) => a.name.startsWith("xmlns") && relNs.test(a.value))?.value ?? "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const sheetXml = reviewSheetXml(content, xfOf, mainNamespace(wbXml), rNs);
  if (ours?.part) {
    pkg.setText(ours.part, sheetXml);
    // The old content's drawings or comments are no longer referenced by the new content.
    pkg.remove(relsPathOf(ours.part));
  } else await pkg.appendWorksheet(target.name, sheetXml);
  return { ...result, data: await pkg.toBuffer(), reviewSheet: target.name };
}
