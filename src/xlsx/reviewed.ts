import { Cell, NAMES, Review, SETTINGS_SHEET, SETTING_KEYS, SETTING_LABELS, SettingKey, columnLetters } from "../core";
import { absoluteRef, parseArea, splitSheetAddress } from "./cells";
import { writeHighlights } from "./highlights";
import { LogPlace, appendLogRow } from "./log";
import { RowEdit, XlsxPackage, addDefinedName, attrOf, cellsOfRow, editSheet, namespaceOf, sheetTokens, unescapeXml, valueCell } from "./package";
import { writeReviewSheet } from "./review-sheet";

/**
 * The reviewed copy (--out, and the pane preview's Save/Download): the review's highlights as
 * our conditional formats on the positions sheet, the Weekly Review sheet, one row in the
 * ReviewLog table. Everything else stays as the user saved it.
 */

export interface ReviewedResult {
  reviewSheet: string;
  log: LogPlace;
  /** Conditional-format rules written on the positions sheet. */
  highlightRules: number;
}

export async function buildReviewedCopy(pkg: XlsxPackage, review: Review): Promise<ReviewedResult> {
  const placed = await writeReviewSheet(pkg, review);
  const log = await appendLogRow(pkg, review);
  const highlightRules = await writeHighlights(pkg, review);
  return { reviewSheet: placed.name, log, highlightRules };
}

/** A defined name's target when it is one cell of the workbook (workbook scope). */
export async function namedCell(pkg: XlsxPackage, name: string): Promise<{ sheet: string; row: number; col: number } | null> {
  const wb = (await pkg.text(pkg.workbookPart)) ?? "";
  for (const m of wb.matchAll(/<(?:[\w.-]+:)?definedName(?=[\s>])([^>]*)>([^<]*)</g)) {
    const tag = `<x${m[1]}>`;
    if ((attrOf(tag, "name") ?? "").toLowerCase() !== name.toLowerCase() || attrOf(tag, "localSheetId") !== undefined) continue;
    const split = splitSheetAddress(unescapeXml(m[2]).trim());
    const area = split ? parseArea(split.address) : null;
    return split && area ? { sheet: split.sheet, row: area.top, col: area.left } : null;
  }
  return null;
}

/** Sets one cell of a sheet, keeping its style; the row and cell are created when absent. */
async function setCell(pkg: XlsxPackage, part: string, row: number, col: number, value: Cell): Promise<void> {
  let style = 0;
  let prefix = "";
  for await (const t of sheetTokens(pkg.chunks(part))) {
    if (t.kind === "head") prefix = t.prefix;
    if (t.kind !== "row" || t.row !== row) continue;
    const c = cellsOfRow(t.text, prefix, row).find((x) => x.col === col);
    style = Number(c ? (attrOf(c.startTag, "s") ?? 0) : 0);
    break;
  }
  const ref = `${columnLetters(col)}${row}`;
  pkg.transform(part, (input) => editSheet(input, { rows: new Map<number, RowEdit>([[row, { cells: new Map([[col, valueCell(prefix, ref, value, style)]]) }]]) }));
}

/**
 * Writes inputs and settings into their defined names' cells; a missing name is created on the
 * settings sheet, label in column A and value in column B.
 */
export async function writeSettingCells(pkg: XlsxPackage, values: Partial<Record<SettingKey, Cell>>): Promise<void> {
  for (const key of SETTING_KEYS) {
    if (!(key in values)) continue;
    const value = values[key] ?? null;
    let at = await namedCell(pkg, NAMES[key]);
    let part = at ? ((await pkg.sheets()).find((s) => s.name.toLowerCase() === at!.sheet.toLowerCase())?.part ?? null) : null;
    if (!at || !part) {
      let sheet = (await pkg.sheets()).find((s) => s.name.toLowerCase() === SETTINGS_SHEET.toLowerCase());
      if (!sheet?.part) {
        const wb = (await pkg.text(pkg.workbookPart))!;
        const xml =
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${namespaceOf(wb, "main")}" xmlns:r="${namespaceOf(wb, "rel")}">` +
          `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
          `<cols><col min="1" max="1" width="44" customWidth="1"/><col min="2" max="2" width="18" customWidth="1"/></cols><sheetData/>` +
          `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
        await pkg.appendWorksheet(SETTINGS_SHEET, xml);
        sheet = (await pkg.sheets()).find((s) => s.name === SETTINGS_SHEET)!;
      }
      part = sheet.part!;
      // The key's own row when free, so a settings sheet built in one go reads in the usual order.
      const used = new Map<number, string>();
      let lastRow = 0;
      for await (const t of sheetTokens(pkg.chunks(part))) {
        if (t.kind !== "row") continue;
        lastRow = Math.max(lastRow, t.row);
        const prefix = /^<([\w.-]+:)?row/.exec(t.text)?.[1] ?? "";
        if (cellsOfRow(t.text, prefix, t.row).some((c) => c.col <= 2 && /<(?:[\w.-]+:)?(?:v|is|f)[\s>]/.test(c.inner))) used.set(t.row, t.text);
      }
      let row = SETTING_KEYS.indexOf(key) + 1;
      if (used.has(row)) row = lastRow + 1;
      await setCell(pkg, part, row, 1, SETTING_LABELS[key]);
      await addDefinedName(pkg, NAMES[key], absoluteRef(sheet.name, row, 2));
      at = { sheet: sheet.name, row, col: 2 };
    }
    await setCell(pkg, part, at.row, at.col, value);
  }
}
