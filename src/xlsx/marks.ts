import { HighlightKind, highlightKindOf } from "../core";
import { XlsxReader } from "./reader";
import { decodeEntities } from "./sheet-scan";

/**
 * The sheet rows our highlight rules mark (conditional formats whose formula carries our marker,
 * src/core/record.ts), read from the worksheet part after its cell data: what the preview shows
 * as Excel would fill those rows. Over-budget wins over concentration on a row.
 */
export async function highlightMarks(reader: XlsxReader, sheet: string): Promise<Map<number, HighlightKind>> {
  const marks = new Map<number, HighlightKind>();
  const tail = await reader.sheetTail(sheet);
  const block = /<(?:[\w.-]+:)?conditionalFormatting\b([^>]*)>([\s\S]*?)<\/(?:[\w.-]+:)?conditionalFormatting>/g;
  for (let m = block.exec(tail); m; m = block.exec(tail)) {
    const sqref = /\bsqref\s*=\s*["']([^"']*)["']/.exec(m[1])?.[1] ?? /<(?:[\w.-]+:)?sqref>([^<]*)</.exec(m[2])?.[1] ?? "";
    const formulas = [...m[2].matchAll(/<(?:[\w.-]+:)?f(?:ormula)?>([^<]*)<\//g)].map((f) => decodeEntities(f[1]));
    for (const formula of formulas) {
      const kind = highlightKindOf(formula);
      if (!kind) continue;
      for (const area of sqref.split(/\s+/).filter(Boolean)) {
        const a = /^\$?[A-Z]+\$?(\d+)(?::\$?[A-Z]+\$?(\d+))?$/i.exec(area);
        if (!a) continue;
        const last = Number(a[2] ?? a[1]);
        for (let row = Number(a[1]); row <= last; row++) if (!marks.has(row) || kind === "over-budget") marks.set(row, kind);
      }
    }
  }
  return marks;
}
