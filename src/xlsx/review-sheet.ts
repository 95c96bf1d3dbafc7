import { Cell, Review, SheetContent, columnLetters, reviewSheet } from "../core";
import { isReviewCandidate, reviewSheetTarget } from "./own-sheets";
import { StyleKey, XlsxPackage, addCellStyles, firstCellOf, namespaceOf, relsPathOf, styleKey, stylesOf, valueCell } from "./package";

/** The Weekly Review sheet as a worksheet part, written the same way into both copies. */

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

/** The worksheet part of the review sheet: values only (numbers as numbers, text inline), no formulas. */
export function reviewSheetXml(content: SheetContent, xfOf: ReadonlyMap<StyleKey, number>, mainNs: string, relNs: string): string {
  const last = columnLetters(content.width);
  const rows = content.values.map((cells, r) => {
    const bold = content.headingRows.includes(r);
    const rowStyle = bold ? ` s="${xfOf.get(styleKey("General", true))}" customFormat="1"` : "";
    const body = cells
      .map((v: Cell, c) => {
        if (v === null && !bold) return "";
        return valueCell("", `${columnLetters(c + 1)}${r + 1}`, v, xfOf.get(styleKey(content.formats[r][c] ?? "General", bold)) ?? 0);
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

/**
 * Writes the Weekly Review sheet: replaces our earlier one (recognised by its A1) or appends a
 * new sheet after the last one; a user's sheet of that name stays byte for byte and the review
 * goes on the next candidate name. Throws SheetsTaken, having changed nothing, when every
 * candidate is the user's. Its styles are appended to the styles part.
 */
export async function writeReviewSheet(pkg: XlsxPackage, review: Review): Promise<{ name: string; part: string }> {
  const sheets = await pkg.sheets();
  const candidates: { name: string; a1: Cell }[] = [];
  // A candidate without a worksheet part (a chart sheet) is someone else's.
  for (const s of sheets) if (isReviewCandidate(s.name)) candidates.push({ name: s.name, a1: s.part ? await firstCellOf(pkg, s.part) : null });
  const target = reviewSheetTarget(candidates);
  const ours = target.exists ? sheets.find((s) => s.name.toLowerCase() === target.name.toLowerCase() && s.part) : undefined;

  const content = reviewSheet(review);
  const styles = await stylesOf(pkg);
  const { xml: newStyles, xfOf } = addCellStyles(styles.xml, reviewStyleKeys(content));
  pkg.setText(styles.part, newStyles);
  const wbXml = (await pkg.text(pkg.workbookPart))!;
  const sheetXml = reviewSheetXml(content, xfOf, namespaceOf(wbXml, "main"), namespaceOf(wbXml, "rel"));
  if (ours?.part) {
    pkg.setText(ours.part, sheetXml);
    // The old content's drawings or comments are no longer referenced by the new content.
    pkg.remove(relsPathOf(ours.part));
    return { name: ours.name, part: ours.part };
  }
  return { name: target.name, part: await pkg.appendWorksheet(target.name, sheetXml) };
}
