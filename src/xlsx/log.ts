import { Cell, LOG_FORMATS, LOG_HEADERS, LOG_SHEET_CANDIDATES, LOG_TABLE, OWN_LOG_TABLE, Review, columnLetters, logRow } from "../core";
import { Area, formatArea, parseArea } from "./cells";
import { logSheetTarget } from "./own-sheets";
import {
  BrokenPackage,
  CONTENT_TYPE,
  REL_TYPE,
  RowEdit,
  TableInfo,
  XlsxPackage,
  addCellStyles,
  attrOf,
  cellsOfRow,
  childrenOf,
  editSheet,
  elementRe,
  holdsContent,
  namespaceOf,
  prefixFor,
  relsPathOf,
  sheetTokens,
  styleKey,
  stylesOf,
  tablesOf,
  nextTableId,
  tableXml,
  unescapeXml,
  valueCell,
  withAttr,
} from "./package";
import { formulaRefs } from "./refs";

/**
 * One row appended to the ReviewLog table, inside the table, moving nothing the user owns.
 * Without a totals row the row below the table must be free (no value, formula, merge or other
 * table in the table's columns). With a totals row, the new row takes the totals row's place and
 * the totals row moves one row down, into a free row, only when nothing refers to those cells by
 * address (a formula, a name, a chart), none is a shared or array formula, a merge, a comment or
 * a hyperlink. Otherwise the row goes into a log of our own on our own sheet, and the caller says so.
 */

/** Our own log table (src/core/record.ts), used when the user's ReviewLog cannot grow without touching their cells. */
export { OWN_LOG_TABLE };

export interface LogPlace {
  sheet: string;
  table: string;
  /** Why the usual ReviewLog table was not used (null when it was, or was created). */
  fallback: string | null;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const intersects = (a: Area, b: Area) => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/**
 * Where each of our log columns sits in a table, by header ignoring case (-1 for a column the
 * user's table does not have: that figure is left out); null when no header matches.
 */
function logColumns(t: TableInfo): number[] | null {
  const at = LOG_HEADERS.map((h) => t.columns.findIndex((c) => same(c.trim(), h)));
  return at.some((i) => i >= 0) ? at : null;
}

/** The rows of a sheet we need to look at, with the merges and the tail (one streaming pass). */
async function rowsOf(pkg: XlsxPackage, part: string, wanted: number[]): Promise<{ rows: Map<number, string>; tail: string; head: string; prefix: string }> {
  const rows = new Map<number, string>();
  let tail = "";
  let head = "";
  let prefix = "";
  for await (const t of sheetTokens(pkg.chunks(part))) {
    if (t.kind === "head") {
      head = t.text;
      prefix = t.prefix;
    } else if (t.kind === "row" && wanted.includes(t.row)) rows.set(t.row, t.text);
    else if (t.kind === "tail") tail = t.text;
  }
  return { rows, tail, head, prefix };
}

/** Reasons a row's cells in the table's columns cannot be written over or moved; empty when free. */
function rowProblems(text: string | undefined, row: number, prefix: string, left: number, right: number, moving: boolean): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const c of cellsOfRow(text, prefix, row)) {
    if (c.col < left || c.col > right) continue;
    if (!moving && holdsContent(c)) out.push(`${c.ref} holds your data`);
    if (moving && c.f && /\st\s*=\s*["'](shared|array)["']/.test(c.f.tag)) out.push(`${c.ref} is part of a shared or array formula`);
  }
  return out;
}

function mergesOf(tail: string, prefix: string): Area[] {
  const block = elementRe(prefix, "mergeCells").exec(tail)?.[1] ?? "";
  return childrenOf(block, prefix, "mergeCell").map((m) => parseArea(attrOf(m, "ref") ?? "")).filter((a): a is Area => a !== null);
}

function hyperlinkRefs(tail: string, prefix: string): Area[] {
  const block = elementRe(prefix, "hyperlinks").exec(tail)?.[1] ?? "";
  return childrenOf(block, prefix, "hyperlink").flatMap((h) => (attrOf(h, "ref") ?? "").split(/\s+/).map((r) => parseArea(r)).filter((a): a is Area => a !== null));
}

async function commentRefs(pkg: XlsxPackage, part: string): Promise<Area[]> {
  const out: Area[] = [];
  for (const kind of ["comments", "threadedComment"]) {
    for (const c of await pkg.related(part, kind)) {
      const xml = (await pkg.text(c.part)) ?? "";
      for (const m of xml.matchAll(/<(?:[\w.-]+:)?(?:comment|threadedComment)(?=[\s>])[^>]*>/g)) {
        const a = parseArea(attrOf(m[0], "ref") ?? "");
        if (a) out.push(a);
      }
    }
  }
  return out;
}

/**
 * Cells of the log sheet that something refers to by address, in the rows given: formulas in
 * every sheet, defined names, charts. Conservative: a shared formula counts for every cell it fills.
 */
async function referencedIn(pkg: XlsxPackage, logSheet: string, target: Area): Promise<string | null> {
  const hit = (formula: string, own: string, spread: { rows: number; cols: number } | null): boolean => formulaRefs(formula, own, spread).some((r) => same(r.sheet, logSheet) && intersects(r.area, target));
  for (const s of await pkg.sheets()) {
    if (!s.part) continue;
    const sharedSpread = new Map<string, Area>();
    for await (const t of sheetTokens(pkg.chunks(s.part))) {
      const text = t.text;
      if (t.kind === "row") {
        if (!/<(?:[\w.-]+:)?f[\s>]/.test(text)) continue;
        const prefix = /^<([\w.-]+:)?row/.exec(text)?.[1] ?? "";
        for (const c of cellsOfRow(text, prefix, t.row)) {
          if (!c.f) continue;
          const ref = attrOf(c.f.tag, "ref");
          const spread = attrOf(c.f.tag, "t") === "shared" && ref ? parseArea(ref) : null;
          if (spread) sharedSpread.set(attrOf(c.f.tag, "si") ?? "", spread);
          if (c.f.text && hit(c.f.text, s.name, spread ? { rows: spread.bottom - c.row, cols: spread.right - c.col } : null)) return `${s.name}!${c.ref}`;
        }
      } else {
        // Conditional formats and validations live outside the rows.
        for (const m of text.matchAll(/<(?:[\w.-]+:)?(?:formula|formula1|formula2|f)(?=[\s>])[^>]*>([^<]*)</g)) {
          if (hit(unescapeXml(m[1]), s.name, null)) return `a rule on ${s.name}`;
        }
      }
    }
  }
  const wb = (await pkg.text(pkg.workbookPart)) ?? "";
  for (const m of wb.matchAll(/<(?:[\w.-]+:)?definedName(?=[\s>])([^>]*)>([^<]*)</g)) {
    if (hit(unescapeXml(m[2]), "", null)) return `the name ${unescapeXml(attrOf(`<x${m[1]}>`, "name") ?? "")}`;
  }
  for (const name of pkg.partNames()) {
    if (!/^xl\/charts\/chart[^/]*\.xml$/i.test(name) && !/^xl\/pivotCache\//i.test(name)) continue;
    const xml = (await pkg.text(name)) ?? "";
    for (const m of xml.matchAll(/<(?:[\w.-]+:)?f(?=[\s>])[^>]*>([^<]*)</g)) if (hit(unescapeXml(m[1]), "", null)) return `the chart ${name}`;
    for (const m of xml.matchAll(/<(?:[\w.-]+:)?worksheetSource(?=[\s/>])[^>]*>/g)) {
      const ref = attrOf(m[0], "ref");
      const sheet = unescapeXml(attrOf(m[0], "sheet") ?? "");
      const a = ref ? parseArea(ref) : null;
      if (a && same(sheet, logSheet) && intersects(a, target)) return `the pivot cache ${name}`;
    }
  }
  return null;
}

/** The cells of a log row, in the table's columns (ours by header, any other left empty). */
function logCells(p: string, row: number, t: { area: Area; columns: number[] | null }, values: Cell[], xfs: number[]): Map<number, string | null> {
  const cells = new Map<number, string | null>();
  const width = t.area.right - t.area.left + 1;
  for (let i = 0; i < width; i++) cells.set(t.area.left + i, null);
  values.forEach((v, i) => {
    if (t.columns && t.columns[i] < 0) return;
    const col = t.area.left + (t.columns ? t.columns[i] : i);
    cells.set(col, v === null && xfs[i] === 0 ? null : valueCell(p, `${columnLetters(col)}${row}`, v, xfs[i]));
  });
  return cells;
}

/** The cell styles of a log row, appended to the styles part. */
async function logStyles(pkg: XlsxPackage): Promise<number[]> {
  const styles = await stylesOf(pkg);
  const keys = LOG_FORMATS.map((f) => styleKey(f, false));
  const { xml, xfOf } = addCellStyles(styles.xml, keys.filter((k) => k !== styleKey("General", false)));
  if (xml !== styles.xml) pkg.setText(styles.part, xml);
  return keys.map((k) => xfOf.get(k) ?? 0);
}

/** A dimension element grown to hold a row. */
function growDimension(head: string, row: number, right: number): string {
  return head.replace(/<((?:[\w.-]+:)?dimension)(?=[\s/>])[^>]*>/, (tag) => {
    const ref = attrOf(tag, "ref") ?? "";
    const a = parseArea(ref.includes(":") ? ref : `${ref}:${ref}`);
    if (!a || (a.bottom >= row && a.right >= right)) return tag;
    return withAttr(tag, "ref", formatArea({ ...a, bottom: Math.max(a.bottom, row), right: Math.max(a.right, right) }));
  });
}

/** Tries to grow a table by one row; returns why it cannot, having changed nothing. */
async function growTable(pkg: XlsxPackage, t: TableInfo, values: Cell[]): Promise<string | null> {
  if (t.headerRows === 0) return `table ${t.name} has no header row`;
  const columns = logColumns(t);
  if (!columns && t.columns.length !== LOG_HEADERS.length) return `table ${t.name} does not have the log's columns`;
  const below = t.area.bottom + 1;
  if (below > 1048576) return `table ${t.name} reaches the last row of the sheet`;
  const totals = t.totalsRows > 0 ? t.area.bottom : null;
  const belowArea: Area = { top: below, bottom: below, left: t.area.left, right: t.area.right };
  const { rows, tail, prefix } = await rowsOf(pkg, t.sheet.part, totals ? [totals, below] : [below]);
  const problems = rowProblems(rows.get(below), below, prefix, t.area.left, t.area.right, false);
  const rowArea = (r: number): Area => ({ top: r, bottom: r, left: t.area.left, right: t.area.right });
  if (mergesOf(tail, prefix).some((m) => intersects(m, belowArea) || (totals !== null && intersects(m, rowArea(totals))))) problems.push(`merged cells touch row ${below}`);
  const others = (await tablesOf(pkg)).filter((o) => o.part !== t.part && same(o.sheet.name, t.sheet.name));
  if (others.some((o) => intersects(o.area, belowArea))) problems.push(`another table starts in row ${below}`);
  if (totals !== null) {
    const moved = rowArea(totals);
    problems.push(...rowProblems(rows.get(totals), totals, prefix, t.area.left, t.area.right, true));
    if (hyperlinkRefs(tail, prefix).some((h) => intersects(h, moved))) problems.push(`a hyperlink sits in the totals row`);
    if ((await commentRefs(pkg, t.sheet.part)).some((c) => intersects(c, moved) || intersects(c, belowArea))) problems.push(`a comment sits in the totals row`);
    if (problems.length === 0) {
      const by = await referencedIn(pkg, t.sheet.name, { ...moved, bottom: below });
      if (by) problems.push(`${by} refers to the totals row's cells by address`);
    }
  }
  if (problems.length > 0) return `the row below table ${t.name} is not free (${problems[0]})`;

  const xfs = await logStyles(pkg);
  const p = prefix;
  const edits = new Map<number, RowEdit>();
  const dataRow = totals ?? below;
  edits.set(dataRow, { cells: logCells(p, dataRow, { area: t.area, columns }, values, xfs) });
  if (totals !== null) {
    // The totals row's cells move down unchanged but for their address: their formulas name the table, not rows.
    const moved = new Map<number, string | null>();
    const text = rows.get(totals);
    if (text) {
      for (const c of cellsOfRow(text, p, totals)) {
        if (c.col < t.area.left || c.col > t.area.right) continue;
        moved.set(c.col, text.slice(c.start, c.end).replace(/(\sr\s*=\s*)("[^"]*"|'[^']*')/, `$1"${columnLetters(c.col)}${below}"`));
      }
    }
    edits.set(below, { cells: moved, newRowTag: text ? /^<[^>]*>/.exec(text)![0] : undefined });
  }
  pkg.transform(t.sheet.part, (input) => editSheet(input, { rows: edits, head: (head) => growDimension(head, below, t.area.right) }));

  const grown: Area = { ...t.area, bottom: below };
  const tp = prefixFor(t.xml, "main") ?? "";
  let xml = t.xml.replace(/<(?!\?|!)[^>]*>/, (root) => withAttr(root, "ref", formatArea(grown)));
  xml = xml.replace(new RegExp(`<${tp.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}autoFilter(?=[\\s/>])[^>]*>`), (tag) => withAttr(tag, "ref", formatArea({ ...grown, bottom: below - (totals !== null ? 1 : 0) })));
  pkg.setText(t.part, xml);
  return null;
}

/** A new sheet holding a new log table with its first row. */
async function createLog(pkg: XlsxPackage, sheetName: string, tableName: string, values: Cell[]): Promise<void> {
  const xfs = await logStyles(pkg);
  const wbXml = (await pkg.text(pkg.workbookPart))!;
  const mainNs = namespaceOf(wbXml, "main");
  const relNs = namespaceOf(wbXml, "rel");
  const width = LOG_HEADERS.length;
  const ref = `A1:${columnLetters(width)}2`;
  const header = LOG_HEADERS.map((h, i) => valueCell("", `${columnLetters(i + 1)}1`, h, 0)).join("");
  const data = [...logCells("", 2, { area: { top: 2, bottom: 2, left: 1, right: width }, columns: null }, values, xfs).values()].filter((x) => x !== null).join("");
  const cols = LOG_HEADERS.map((_, i) => `<col min="${i + 1}" max="${i + 1}" width="${i === 8 ? 18 : 14}" customWidth="1"/>`).join("");
  const sheetXml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${mainNs}" xmlns:r="${relNs}"><dimension ref="${ref}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>` +
    `<sheetData><row r="1" spans="1:${width}">${header}</row><row r="2" spans="1:${width}">${data}</row></sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;
  const sheetPart = await pkg.appendWorksheet(sheetName, sheetXml);

  const id = await nextTableId(pkg);
  const folder = pkg.workbookPart.slice(0, pkg.workbookPart.lastIndexOf("/") + 1);
  const tablePart = pkg.freeName(`${folder}tables/`, "table");
  pkg.setText(tablePart, tableXml(mainNs, id, tableName, ref, LOG_HEADERS));
  pkg.remove(relsPathOf(sheetPart));
  const relId = await pkg.addRelationship(sheetPart, REL_TYPE.table, tablePart);
  if (relId !== "rId1") throw new BrokenPackage("could not relate the new log table to its sheet");
  await pkg.addOverride(tablePart, CONTENT_TYPE.table);
}

/** Names in use for tables and defined names (they share one namespace in Excel). */
async function usedNames(pkg: XlsxPackage, tables: TableInfo[]): Promise<string[]> {
  const wb = (await pkg.text(pkg.workbookPart)) ?? "";
  const names = [...wb.matchAll(/<(?:[\w.-]+:)?definedName(?=[\s>])[^>]*>/g)].map((m) => unescapeXml(attrOf(m[0], "name") ?? ""));
  return [...tables.map((t) => t.name), ...names];
}

/** A sheet name no sheet uses: the log sheet candidates first, then numbered ones. */
function freeSheetName(taken: string[]): string {
  const candidates = [...LOG_SHEET_CANDIDATES, ...Array.from({ length: 98 }, (_, i) => `AG Review Log ${i + 2}`)];
  const name = candidates.find((c) => !taken.some((t) => same(t, c)));
  if (!name) throw new BrokenPackage("every log sheet name is taken");
  return name;
}

/**
 * Appends the review's row to the ReviewLog table where it is, or creates the table on a new
 * sheet the first time; when the table cannot grow without touching the user's cells, the row
 * goes to a log of our own (AG_ReviewLog) on our own sheet and `fallback` says why.
 */
export async function appendLogRow(pkg: XlsxPackage, review: Review): Promise<LogPlace> {
  const values = logRow(review);
  const tables = await tablesOf(pkg);
  const log = tables.find((t) => same(t.name, LOG_TABLE));
  const sheetNames = (await pkg.sheets()).map((s) => s.name);
  if (!log) {
    const sheet = logSheetTarget(sheetNames);
    await createLog(pkg, sheet, LOG_TABLE, values);
    return { sheet, table: LOG_TABLE, fallback: null };
  }
  const why = await growTable(pkg, log, values);
  if (why === null) return { sheet: log.sheet.name, table: log.name, fallback: null };

  // Our own log: grown where it is when it can be, else a new one with a free name on a new sheet.
  const used = await usedNames(pkg, tables);
  for (let n = 1; n <= 99; n++) {
    const name = n === 1 ? OWN_LOG_TABLE : `${OWN_LOG_TABLE}${n}`;
    const own = tables.find((t) => same(t.name, name));
    if (own) {
      if ((await growTable(pkg, own, values)) === null) return { sheet: own.sheet.name, table: own.name, fallback: why };
      continue;
    }
    if (used.some((u) => same(u, name))) continue;
    const sheet = freeSheetName(sheetNames);
    await createLog(pkg, sheet, name, values);
    return { sheet, table: name, fallback: why };
  }
  throw new BrokenPackage("no free name for a log table");
}
