import { Review } from "../core";
import { Attr, RowEdit, SheetCell, XlsxPackage, attrOf, attrsOf, cellsOfRow, editSheet, parseRef, reEscape, sheetTokens, typeOf, unescapeXml } from "./package";
import { writeReviewSheet } from "./review-sheet";

export { firstCellOf } from "./package";

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

/** What one cell contributes to the decision, kept small: sheets can hold a million formulas. */
interface Seen {
  ref: string;
  row: number;
  col: number;
  cached: boolean;
  frozen: string;
}

/** Quick look for the letters of a CSP call anywhere in a part, before parsing any cell. */
async function mentionsCsp(chunks: AsyncIterable<string>): Promise<boolean> {
  let tail = "";
  for await (const piece of chunks) {
    const text = tail + piece;
    if (/csp[._]/i.test(text)) return true;
    tail = text.slice(-4);
  }
  return false;
}

/**
 * Decides which CSP formula cells of one worksheet become their saved values (first pass, a
 * stream of rows): a normal formula when it has a value, a shared formula only as a whole group
 * when every cell of it has one, an array formula when every cell of its range has one.
 */
async function planFreeze(chunks: AsyncIterable<string>, sheet: string): Promise<AccountantResult & { edits: Map<number, Map<number, string>> }> {
  const result = { replaced: [] as string[], missing: [] as string[], keptWithGroup: [] as string[], edits: new Map<number, Map<number, string>>() };
  const order: ({ kind: "cell"; cell: Seen; csp: boolean } | { kind: "shared"; si: string } | { kind: "array"; index: number })[] = [];
  const shared = new Map<string, { master: string | null; cells: Seen[] }>();
  const arrays: { master: Seen; top: number; left: number; bottom: number; right: number; members: Map<string, Seen> }[] = [];
  let prefix = "";
  for await (const t of sheetTokens(chunks)) {
    if (t.kind === "head") prefix = t.prefix;
    if (t.kind !== "row") continue;
    const inArray = arrays.some((a) => t.row >= a.top && t.row <= a.bottom);
    if (!inArray && !t.text.includes(`<${prefix}f`)) continue;
    for (const c of cellsOfRow(t.text, prefix, t.row)) {
      const seen = (): Seen => ({ ref: c.ref, row: c.row, col: c.col, cached: hasCachedValue(c, prefix), frozen: frozenCell(c, prefix) });
      for (const a of arrays) if (c.row >= a.top && c.row <= a.bottom && c.col >= a.left && c.col <= a.right) a.members.set(`${c.row},${c.col}`, seen());
      if (!c.f) continue;
      const kind = attrOf(c.f.tag, "t") ?? "normal";
      if (kind === "shared") {
        const si = attrOf(c.f.tag, "si") ?? "";
        let group = shared.get(si);
        if (!group) {
          group = { master: null, cells: [] };
          shared.set(si, group);
          order.push({ kind: "shared", si });
        }
        // The formula text lives on the group's first cell only; the others are written as <f t="shared" si="n"/>.
        if (group.master === null && c.f.text.trim() !== "") group.master = c.f.text;
        if (group.master === null || callsCsp(group.master)) group.cells.push(seen());
        continue;
      }
      if (!callsCsp(c.f.text)) continue;
      if (kind === "array") {
        // An array formula's result fills its ref; the other cells hold values only.
        const [a, b] = (attrOf(c.f.tag, "ref") ?? c.ref).split(":").map(parseRef);
        const master = seen();
        if (!a) {
          result.missing.push(`${sheet}!${c.ref}`);
          continue;
        }
        const end = b ?? a;
        const area = { master, top: Math.min(a.row, end.row), bottom: Math.max(a.row, end.row), left: Math.min(a.col, end.col), right: Math.max(a.col, end.col), members: new Map<string, Seen>() };
        area.members.set(`${c.row},${c.col}`, master);
        arrays.push(area);
        order.push({ kind: "array", index: arrays.length - 1 });
        continue;
      }
      order.push({ kind: "cell", cell: seen(), csp: true });
    }
  }
  const name = (c: Seen) => `${sheet}!${c.ref}`;
  const freeze = (c: Seen) => {
    if (!result.edits.has(c.row)) result.edits.set(c.row, new Map());
    result.edits.get(c.row)!.set(c.col, c.frozen);
  };
  for (const o of order) {
    if (o.kind === "cell") {
      if (o.cell.cached) {
        freeze(o.cell);
        result.replaced.push(name(o.cell));
      } else result.missing.push(name(o.cell));
    } else if (o.kind === "shared") {
      const group = shared.get(o.si)!;
      if (!group.master || !callsCsp(group.master)) continue;
      const without = group.cells.filter((g) => !g.cached);
      if (without.length === 0) {
        group.cells.forEach(freeze);
        result.replaced.push(...group.cells.map(name));
      } else {
        result.missing.push(...without.map(name));
        result.keptWithGroup.push(...group.cells.filter((g) => g.cached).map(name));
      }
    } else {
      const a = arrays[o.index];
      const members: (Seen | undefined)[] = [];
      for (let r = a.top; r <= a.bottom; r++) for (let k = a.left; k <= a.right; k++) members.push(a.members.get(`${r},${k}`));
      if (members.every((m) => m && m.cached)) {
        for (const m of members as Seen[]) if (m === a.master || /\st\s*=\s*["']inlineStr/.test(m.frozen)) freeze(m);
        result.replaced.push(name(a.master));
      } else result.missing.push(name(a.master));
    }
  }
  return result;
}

/**
 * Replaces the CSP formulas of every worksheet (but `skip`) by their cached values, streaming
 * each sheet twice (decide, then rewrite) so no sheet is held whole. Sheets that never mention
 * CSP are left untouched, copied compressed.
 */
export async function freezeCspFormulas(pkg: XlsxPackage, skip: string | null): Promise<AccountantResult> {
  const result: AccountantResult = { replaced: [], missing: [], keptWithGroup: [] };
  for (const s of await pkg.sheets()) {
    if (!s.part || s.part === skip) continue;
    const part = s.part;
    if (!(await mentionsCsp(pkg.chunks(part)))) continue;
    const plan = await planFreeze(pkg.chunks(part), s.name);
    result.replaced.push(...plan.replaced);
    result.missing.push(...plan.missing);
    result.keptWithGroup.push(...plan.keptWithGroup);
    if (plan.edits.size === 0) continue;
    const rows = new Map<number, RowEdit>([...plan.edits].map(([row, cells]) => [row, { cells }]));
    pkg.transform(part, (input) => editSheet(input, { rows }));
  }
  if (result.replaced.length > 0) await pkg.removeWorkbookPart("calcChain");
  return result;
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
export async function buildAccountantCopy(pkg: XlsxPackage, review: Review): Promise<AccountantResult & { reviewSheet: string }> {
  const placed = await writeReviewSheet(pkg, review);
  const result = await freezeCspFormulas(pkg, placed.part);
  return { ...result, reviewSheet: placed.name };
}

/** The accountant copy of a workbook held in memory, as bytes. */
export async function accountantCopy(data: Uint8Array, review: Review): Promise<AccountantResult & { data: Uint8Array; reviewSheet: string }> {
  const pkg = await XlsxPackage.open(data);
  try {
    const result = await buildAccountantCopy(pkg, review);
    return { ...result, data: await pkg.toBuffer() };
  } finally {
    await pkg.close();
  }
}
