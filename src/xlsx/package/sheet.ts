import { columnLetters } from "../../core";
import { attrOf, reEscape, unescapeXml } from "./xml";

/**
 * A worksheet part read and edited as a stream of rows: the text before `<sheetData>` (head),
 * one `<row>` at a time, and the text after it (tail). Memory stays one row deep whatever the
 * sheet's size, and every row nobody edits is passed on as the exact text it was.
 */

export type SheetToken =
  | { kind: "head"; text: string; prefix: string }
  | { kind: "row"; text: string; row: number }
  | { kind: "between"; text: string }
  | { kind: "tail"; text: string };

/** Splits a worksheet's text, arriving in pieces of any size, into head, rows and tail. */
export async function* sheetTokens(chunks: AsyncIterable<string>): AsyncGenerator<SheetToken> {
  let buf = "";
  let phase: "head" | "data" | "tail" = "head";
  let prefix = "";
  let row = 0;
  let rowOpen: RegExp | null = null;
  let rowClose = "";
  let dataClose = "";
  for await (const chunk of chunks) {
    buf += chunk;
    if (phase === "head") {
      const m = /<((?:[\w.-]+:)?)sheetData(?=[\s/>])[^>]*?(\/?)>/.exec(buf);
      if (!m) continue;
      prefix = m[1];
      const end = m.index + m[0].length;
      yield { kind: "head", text: buf.slice(0, end), prefix };
      buf = buf.slice(end);
      rowOpen = new RegExp(`^<${reEscape(prefix)}row(?=[\\s/>])[^>]*?(/?)>`);
      rowClose = `</${prefix}row>`;
      dataClose = `</${prefix}sheetData>`;
      phase = m[2] === "/" ? "tail" : "data";
    }
    if (phase === "data") {
      let at = 0;
      for (;;) {
        const lt = buf.indexOf("<", at);
        if (lt < 0) break;
        if (lt > at) yield { kind: "between", text: buf.slice(at, lt) };
        at = lt;
        if (buf.startsWith(dataClose, lt)) {
          phase = "tail";
          break;
        }
        const rest = buf.length - lt < 4096 ? buf.slice(lt) : buf.slice(lt, lt + 4096);
        const open = rowOpen!.exec(rest);
        if (open) {
          const close = open[1] === "/" ? lt + open[0].length : buf.indexOf(rowClose, lt);
          if (close < 0) break;
          const end = open[1] === "/" ? close : close + rowClose.length;
          const r = Number(attrOf(open[0], "r"));
          row = Number.isInteger(r) && r > 0 ? r : row + 1;
          yield { kind: "row", text: buf.slice(lt, end), row };
          at = end;
          continue;
        }
        // A comment or processing instruction between rows: passed on as it is.
        const gt = buf.indexOf(">", lt);
        if (gt < 0) break;
        yield { kind: "between", text: buf.slice(lt, gt + 1) };
        at = gt + 1;
      }
      buf = buf.slice(at);
    }
  }
  if (phase === "head") {
    // No sheetData at all (not a worksheet we can read): pass it on whole.
    yield { kind: "head", text: buf, prefix };
    return;
  }
  if (buf !== "") yield phase === "tail" ? { kind: "tail", text: buf } : { kind: "between", text: buf };
}

export interface SheetCell {
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

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

export function parseRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  return m ? { row: Number(m[2]), col: columnNumber(m[1]) } : null;
}

const cellRes = new Map<string, { cell: RegExp; f: RegExp; v: RegExp }>();
function resFor(p: string) {
  let r = cellRes.get(p);
  if (!r) {
    const q = reEscape(p);
    r = {
      cell: new RegExp(`<${q}c(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</${q}c>)`, "g"),
      f: new RegExp(`<${q}f(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${q}f>)`),
      v: new RegExp(`<${q}v(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${q}v>)`),
    };
    cellRes.set(p, r);
  }
  return r;
}

/** Every `<c>` of one row's text, with its place in that text. */
export function cellsOfRow(rowText: string, p: string, row: number): SheetCell[] {
  const { cell, f: fRe, v: vRe } = resFor(p);
  const out: SheetCell[] = [];
  let col = 0;
  cell.lastIndex = 0;
  for (let m = cell.exec(rowText); m; m = cell.exec(rowText)) {
    const startTag = /^<[^>]*>/.exec(m[0])![0];
    const at = parseRef(attrOf(startTag, "r") ?? "");
    col = at ? at.col : col + 1;
    const inner = m[2] ?? "";
    const f = inner.includes("f") ? fRe.exec(inner) : null;
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

/** The start tag of a row's text and its content (between the tags), "" for `<row/>`. */
export function splitRow(rowText: string): { tag: string; content: string; close: string } {
  const tag = /^<[^>]*>/.exec(rowText)![0];
  if (tag.endsWith("/>")) return { tag, content: "", close: "" };
  const close = /<\/[^>]*>$/.exec(rowText)![0];
  return { tag, content: rowText.slice(tag.length, rowText.length - close.length), close };
}

/** A cell to write: its full XML (with its r attribute), or null to remove the cell there. */
export type CellEdit = string | null;

export interface RowEdit {
  cells: ReadonlyMap<number, CellEdit>;
  /** The start tag for the row when it does not exist yet (its r is set here). */
  newRowTag?: string;
}

export interface SheetEdits {
  /** Edits of rows by sheet row number. */
  rows?: ReadonlyMap<number, RowEdit>;
  /** Rewrites the head (everything up to and including the `<sheetData>` start tag). */
  head?: (head: string, prefix: string) => string;
  /** Rewrites the tail (from `</sheetData>` to the end). */
  tail?: (tail: string, prefix: string) => string;
}

/** The row's text with some cells set or removed; the others keep their exact text and order. */
export function editRow(rowText: string, p: string, row: number, edit: RowEdit): string {
  const { tag, content } = splitRow(rowText);
  const cells = cellsOfRow(content, p, row);
  const pieces: { col: number; xml: string }[] = [];
  let last = 0;
  let lead = "";
  for (const c of cells) {
    // Text between cells (whitespace) stays with the cell after it.
    const before = content.slice(last, c.start);
    last = c.end;
    if (edit.cells.has(c.col)) {
      lead += before;
      continue;
    }
    pieces.push({ col: c.col, xml: lead + before + content.slice(c.start, c.end) });
    lead = "";
  }
  const trailing = lead + content.slice(last);
  for (const [col, xml] of edit.cells) if (xml !== null) pieces.push({ col, xml });
  pieces.sort((a, b) => a.col - b.col);
  const cols = pieces.map((x) => x.col);
  const open = spansCover(tag.replace(/\s*\/>$/, ">"), cols);
  const closeTag = `</${/^<([^\s/>]+)/.exec(tag)![1]}>`;
  return `${open}${pieces.map((x) => x.xml).join("")}${trailing}${closeTag}`;
}

/** A row start tag whose optional spans hint covers the given columns. */
function spansCover(tag: string, cols: number[]): string {
  const spans = attrOf(tag, "spans");
  if (!spans || cols.length === 0) return tag;
  const [a, b] = spans.split(":").map(Number);
  const lo = Math.min(a, ...cols);
  const hi = Math.max(b, ...cols);
  return lo === a && hi === b ? tag : tag.replace(/(\sspans\s*=\s*)("[^"]*"|'[^']*')/, `$1"${lo}:${hi}"`);
}

function newRow(p: string, row: number, edit: RowEdit): string {
  const cells = [...edit.cells].filter(([, xml]) => xml !== null).sort((a, b) => a[0] - b[0]);
  if (cells.length === 0) return "";
  const tag = (edit.newRowTag ?? `<${p}row>`).replace(/\s+r\s*=\s*("[^"]*"|'[^']*')/, "").replace(/\s+spans\s*=\s*("[^"]*"|'[^']*')/, "");
  const open = tag.replace(/^<([^\s/>]+)/, (m) => `${m} r="${row}"`).replace(/\s*\/>$/, ">");
  return `${open}${cells.map(([, xml]) => xml).join("")}</${p}row>`;
}

/**
 * The sheet with only its tail rewritten: its rows pass through as they arrive, without being
 * parsed, and only the text from `</sheetData>` on is held (conditional formats live there).
 */
async function* editTail(chunks: AsyncIterable<string>, tail: (tail: string, prefix: string) => string): AsyncGenerator<string> {
  let carry = "";
  let held: string | null = null;
  let prefix = "";
  let found: RegExpExecArray | null = null;
  for await (const piece of chunks) {
    if (held !== null) {
      held += piece;
      continue;
    }
    const text = carry + piece;
    found = /<\/([\w.-]+:)?sheetData>|<([\w.-]+:)?sheetData(?=[\s/>])[^>]*\/>/.exec(text);
    if (found) {
      prefix = found[1] ?? found[2] ?? "";
      // A self-closing <sheetData/> stays with the text before it: the tail starts after it.
      const at = found[0].endsWith("/>") ? found.index + found[0].length : found.index;
      yield text.slice(0, at);
      held = text.slice(at);
      continue;
    }
    // Keep enough to find a closing tag split between two pieces.
    const keep = Math.min(text.length, 64);
    if (text.length > keep) yield text.slice(0, text.length - keep);
    carry = text.slice(text.length - keep);
  }
  if (held === null) {
    yield carry;
    return;
  }
  yield tail(held, prefix);
}

/** The sheet's text with the edits applied, streamed: rows nobody edits pass through as they were. */
export async function* editSheet(chunks: AsyncIterable<string>, edits: SheetEdits): AsyncGenerator<string> {
  if (!edits.head && !(edits.rows && edits.rows.size > 0)) {
    if (edits.tail) yield* editTail(chunks, edits.tail);
    else yield* chunks;
    return;
  }
  const pending = [...(edits.rows ?? new Map<number, RowEdit>())].sort((a, b) => a[0] - b[0]);
  let prefix = "";
  let next = 0;
  const flushBefore = function* (row: number) {
    while (next < pending.length && pending[next][0] < row) {
      yield newRow(prefix, pending[next][0], pending[next][1]);
      next++;
    }
  };
  let batch = "";
  for await (const t of sheetTokens(chunks)) {
    if (t.kind === "head") {
      prefix = t.prefix;
      let head = edits.head ? edits.head(t.text, prefix) : t.text;
      if (/<(?:[\w.-]+:)?sheetData(?=[\s/>])[^>]*\/>$/.test(head) && pending.length > 0) {
        // <sheetData/>: opened, filled with the new rows and closed.
        head = head.replace(/\s*\/>$/, ">");
        yield head;
        yield* flushBefore(Infinity);
        yield `</${prefix}sheetData>`;
        continue;
      }
      yield head;
    } else if (t.kind === "row") {
      for (const x of flushBefore(t.row)) batch += x;
      if (next < pending.length && pending[next][0] === t.row) {
        batch += editRow(t.text, prefix, t.row, pending[next][1]);
        next++;
      } else batch += t.text;
      if (batch.length > 1 << 16) {
        yield batch;
        batch = "";
      }
    } else if (t.kind === "between") batch += t.text;
    else {
      for (const x of flushBefore(Infinity)) batch += x;
      yield batch;
      batch = "";
      yield edits.tail ? edits.tail(t.text, prefix) : t.text;
    }
  }
  if (batch !== "") yield batch;
}

/** Runs through a sheet's rows, handing each to `visit` with its cells parsed lazily. */
export async function forEachRow(chunks: AsyncIterable<string>, visit: (row: number, text: string, prefix: string) => void | "stop"): Promise<{ head: string; tail: string; prefix: string }> {
  let head = "";
  let tail = "";
  let prefix = "";
  for await (const t of sheetTokens(chunks)) {
    if (t.kind === "head") {
      head = t.text;
      prefix = t.prefix;
    } else if (t.kind === "row") {
      if (visit(t.row, t.text, prefix) === "stop") break;
    } else if (t.kind === "tail") tail = t.text;
  }
  return { head, tail, prefix };
}
