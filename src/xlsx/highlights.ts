import { HIGHLIGHT_FILL, HighlightKind, Review, columnLetters, highlightAreas, highlightFormula, highlightKindOf, highlightPlan } from "../core";
import { parseArea } from "./cells";
import { XlsxPackage, addFillDxf, editSheet, elementRe, reEscape, stylesOf, unescapeXml, withAttr } from "./package";

/**
 * Highlights as conditional formats in the worksheet part: ours are recognised by their marker
 * formula, removed before new ones are added, and take the top priorities; the user's rules keep
 * their order below ours (their priority numbers move by the count of ours, nothing else).
 */

/** Elements that follow <conditionalFormatting> in a worksheet (CT_Worksheet order). */
const AFTER_CF = [
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** Our rules as conditional-format elements, priorities 1..n. */
function ourBlocks(p: string, groups: { kind: HighlightKind; addresses: string[] }[], dxfOf: Map<HighlightKind, number>): string {
  return groups
    .map(
      (g, i) =>
        `<${p}conditionalFormatting sqref="${g.addresses.join(" ")}"><${p}cfRule type="expression" dxfId="${dxfOf.get(g.kind)}" priority="${i + 1}">` +
        `<${p}formula>${highlightFormula(g.kind).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</${p}formula></${p}cfRule></${p}conditionalFormatting>`,
    )
    .join("");
}

/**
 * The tail of a worksheet (from </sheetData>) without our rules and with `added` rules put
 * before the user's; the user's rules (in the main part and in x14 extensions) keep their order,
 * their priorities moved so ours come first.
 */
export function replaceOurRules(tail: string, p: string, added: string, addedCount: number): string {
  const q = reEscape(p);
  const removedPriorities: number[] = [];
  const blockRe = elementRe(p, "conditionalFormatting", "g");
  const ruleRe = new RegExp(`<${q}cfRule(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${q}cfRule>)`, "g");
  const formulaRe = new RegExp(`<${q}formula(?=[\\s>])[^>]*>([\\s\\S]*?)</${q}formula>`);
  let firstAt = -1;
  let out = tail.replace(blockRe, (block: string, _inner: string, offset: number) => {
    let kept = 0;
    let removed = 0;
    const edited = block.replace(ruleRe, (rule) => {
      const f = formulaRe.exec(rule);
      if (f && highlightKindOf(unescapeXml(f[1])) !== null) {
        removed++;
        const pr = Number(/\spriority\s*=\s*["'](-?\d+)["']/.exec(rule)?.[1]);
        if (Number.isFinite(pr)) removedPriorities.push(pr);
        return "";
      }
      kept++;
      return rule;
    });
    const result = removed > 0 && kept === 0 ? "" : edited;
    if (result !== "" && firstAt < 0) firstAt = offset;
    return result;
  });
  // Every remaining rule (x14 ones too) moves so that ours come first and theirs keep their order.
  out = out.replace(/<((?:[\w.-]+:)?cfRule)(?=[\s/>])[^>]*>/g, (tag) => {
    const m = /\spriority\s*=\s*["'](-?\d+)["']/.exec(tag);
    if (!m) return tag;
    const old = Number(m[1]);
    const shifted = old - removedPriorities.filter((x) => x < old).length + addedCount;
    return shifted === old ? tag : withAttr(tag, "priority", String(shifted));
  });
  if (added === "") return out;
  // Ours go before the first remaining rule block, else where the schema puts them.
  const first = elementRe(p, "conditionalFormatting").exec(out);
  if (first) return out.slice(0, first.index) + added + out.slice(first.index);
  const after = new RegExp(`<${q}(?:${AFTER_CF.join("|")})(?=[\\s/>])|</${q}worksheet>`).exec(out);
  if (!after) return out + added;
  return out.slice(0, after.index) + added + out.slice(after.index);
}

/** The sheet part of a sheet name (Excel compares names case-insensitively). */
async function partOfSheet(pkg: XlsxPackage, name: string): Promise<string | null> {
  return (await pkg.sheets()).find((s) => s.name.toLowerCase() === name.toLowerCase())?.part ?? null;
}

/** Marks the review's over-budget and concentration rows on the positions sheet, replacing our earlier marks. */
export async function writeHighlights(pkg: XlsxPackage, review: Review): Promise<number> {
  const src = review.source;
  const area = src ? parseArea(src.range) : null;
  const part = src ? await partOfSheet(pkg, src.sheet) : null;
  if (!part || !area) return 0;
  const groups = highlightAreas(highlightPlan(review), columnLetters(area.left), columnLetters(area.right));
  const dxfOf = new Map<HighlightKind, number>();
  if (groups.length > 0) {
    const styles = await stylesOf(pkg);
    let xml = styles.xml;
    for (const kind of new Set(groups.map((g) => g.kind))) {
      const added = addFillDxf(xml, `FF${HIGHLIGHT_FILL[kind].replace("#", "").toUpperCase()}`);
      xml = added.xml;
      dxfOf.set(kind, added.dxfId);
    }
    if (xml !== styles.xml) pkg.setText(styles.part, xml);
  }
  pkg.transform(part, (input) => editSheet(input, { tail: (tail, p) => replaceOurRules(tail, p, ourBlocks(p, groups, dxfOf), groups.length) }));
  return groups.length;
}

/** Removes our highlight rules from every sheet; anyone else's rules stay, their order too. */
export async function clearHighlightRules(pkg: XlsxPackage): Promise<void> {
  for (const s of await pkg.sheets()) {
    if (!s.part) continue;
    const tail = await sheetTail(pkg, s.part);
    if (!/AssignmentGuard:/.test(tail)) continue;
    pkg.transform(s.part, (input) => editSheet(input, { tail: (t, p) => replaceOurRules(t, p, "", 0) }));
  }
}

/** The text after a sheet's rows (where conditional formats live), read without holding the rows. */
async function sheetTail(pkg: XlsxPackage, part: string): Promise<string> {
  let carry = "";
  let tail: string | null = null;
  for await (const piece of pkg.chunks(part)) {
    if (tail !== null) {
      tail += piece;
      continue;
    }
    const text = carry + piece;
    const at = text.search(/<\/(?:[\w.-]+:)?sheetData>|<(?:[\w.-]+:)?sheetData(?=[\s/>])[^>]*\/>/);
    if (at >= 0) tail = text.slice(at);
    else carry = text.slice(-256);
  }
  return tail ?? "";
}
