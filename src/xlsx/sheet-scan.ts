import { Cell } from "../core/types";
import { decodeExcelEscapes } from "./xml";

/**
 * Reads the cells of a worksheet part's <sheetData> from text pieces as they are inflated, and
 * stops as soon as the rows wanted are behind it. A dedicated scanner rather than a general XML
 * parser: on a 56 MB sheet it costs about a fifth of what saxes does (docs/xlsx-reader.md), which
 * is what keeps a 200,000-row review within three times the bare unzip-and-scan floor. It
 * understands only what a cell needs (row, c, v, is, t, rPh, f) by local name, so prefixed
 * (`x:c`) and strict-namespace sheets read the same, and rows or cells without an `r` take the
 * next position, as Excel itself reads them. Empty cells are never materialised: a stray cell at
 * XFD1048576 or a whole-column validation costs nothing.
 */

export interface CellContext {
  sharedStrings: readonly string[];
  /** Per cell format (cellXfs index): true when its number format shows a date or a time. */
  dateStyles: readonly boolean[];
  /** The workbook counts days from 1904: date serials are shifted to the 1900 system the core uses. */
  date1904: boolean;
  /** Per `vm` - 1: the text a linked data type cell shows, or null (package-model.ts). */
  richValues?: readonly (string | null)[];
}

export interface CellSink {
  /** The last sheet row wanted: scanning stops past it. */
  lastRow: number;
  /** Whether a cell is wanted, asked before its value is decoded. */
  wants(row: number, column: number): boolean;
  cell(row: number, column: number, value: Cell, isDate: boolean): void;
}

/** Days between the 1904 and the 1900 date systems. */
export const DAYS_1904 = 1462;
const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;

const enum CellType {
  Number,
  Shared,
  Inline,
  Str,
  Bool,
  Error,
  Date,
}

const enum Capture {
  None,
  Value,
  InlineText,
}

export class SheetScanner {
  private rest = "";
  private inData = false;
  private done = false;
  private row = 0;
  private column = 0;
  // The open cell.
  private inCell = false;
  private wanted = false;
  private type = CellType.Number;
  private style = 0;
  private value: string | null = null;
  private inline: string | null = null;
  private phonetic = 0;
  private capture = Capture.None;
  private text = "";
  // Where the r, t and s attribute values of the last tag read by attrs() are (start, end; -1 when absent).
  private rS = -1;
  private rE = -1;
  private tS = -1;
  private tE = -1;
  private sS = -1;
  private sE = -1;
  private vmS = -1;
  private vmE = -1;
  private richValue: string | null = null;

  constructor(
    private readonly ctx: CellContext,
    private readonly sink: CellSink,
  ) {}

  /** Takes the next piece of the part's text; returns false once nothing more is wanted. */
  feed(piece: string): boolean {
    if (this.done) return false;
    const buf = this.rest.length > 0 ? this.rest + piece : piece;
    this.rest = "";
    const n = buf.length;
    let pos = 0;
    while (pos < n) {
      const lt = buf.indexOf("<", pos);
      if (lt < 0) {
        if (this.capture !== Capture.None) this.text += buf.slice(pos);
        return true;
      }
      if (lt > pos && this.capture !== Capture.None) this.text += buf.slice(pos, lt);
      const c1 = buf.charCodeAt(lt + 1);
      if (lt + 1 >= n) {
        this.rest = buf.slice(lt);
        return true;
      }
      if (c1 === 33 /* ! */ || c1 === 63 /* ? */) {
        const end = this.special(buf, lt);
        if (end < 0) {
          this.rest = buf.slice(lt);
          return true;
        }
        pos = end;
        continue;
      }
      const gt = buf.indexOf(">", lt);
      if (gt < 0) {
        this.rest = buf.slice(lt);
        return true;
      }
      // The common cell, <c ...><v>...</v></c> unprefixed and whole in this piece, in one step
      // instead of four tags: most of a large sheet is exactly this.
      if (c1 === 99 && this.inData && buf.charCodeAt(lt + 2) === 32 && buf.charCodeAt(gt - 1) !== 47 && buf.startsWith("<v>", gt + 1)) {
        const vEnd = buf.indexOf("</v>", gt + 4);
        if (vEnd >= 0 && buf.startsWith("</c>", vEnd + 4)) {
          if (!this.startCell(buf, lt + 2, gt, false)) {
            this.done = true;
            return false;
          }
          if (this.wanted && !this.quickValue(buf, gt + 4, vEnd)) {
            this.value = buf.slice(gt + 4, vEnd);
            this.endCell();
          }
          this.inCell = false;
          pos = vEnd + 8;
          continue;
        }
      }
      pos = gt + 1;
      if (!this.tag(buf, lt, gt)) {
        this.done = true;
        return false;
      }
    }
    return true;
  }

  /** Called after the last piece: a part that ends inside its sheet data is broken. */
  end(): void {
    if (!this.done && (this.inData || this.rest.trim() !== "")) throw new Error("the sheet data ends before its closing tag");
  }

  /** Comments, processing instructions and CDATA; returns the position after it, or -1 when incomplete. */
  private special(buf: string, lt: number): number {
    if (buf.startsWith("<!--", lt)) {
      const e = buf.indexOf("-->", lt + 4);
      return e < 0 ? -1 : e + 3;
    }
    if (buf.startsWith("<![CDATA[", lt)) {
      const e = buf.indexOf("]]>", lt + 9);
      if (e < 0) return -1;
      // Kept escaped, so the one entity decoding at the end of the value leaves it as written.
      if (this.capture !== Capture.None) this.text += buf.slice(lt + 9, e).replace(/&/g, "&amp;").replace(/</g, "&lt;");
      return e + 3;
    }
    if (buf.charCodeAt(lt + 1) === 63) {
      const e = buf.indexOf("?>", lt + 2);
      return e < 0 ? -1 : e + 2;
    }
    // A DOCTYPE or other declaration: up to its '>'.
    const e = buf.indexOf(">", lt);
    return e < 0 ? -1 : e + 1;
  }

  /** Handles one tag between '<' at lt and '>' at gt; false stops the scan. */
  private tag(buf: string, lt: number, gt: number): boolean {
    const closing = buf.charCodeAt(lt + 1) === 47; /* / */
    let s = closing ? lt + 2 : lt + 1;
    let e = s;
    while (e < gt) {
      const ch = buf.charCodeAt(e);
      if (ch === 32 || ch === 47 || ch === 9 || ch === 10 || ch === 13) break;
      if (ch === 58 /* : */) s = e + 1;
      e++;
    }
    const len = e - s;
    const selfClosing = !closing && buf.charCodeAt(gt - 1) === 47;
    const c0 = buf.charCodeAt(s);
    if (!this.inData) {
      if (len === 9 && buf.startsWith("sheetData", s)) {
        if (closing) return false;
        if (selfClosing) return false;
        this.inData = true;
      }
      return true;
    }
    if (len === 1) {
      if (c0 === 99 /* c */) return closing ? this.endCell() : this.startCell(buf, e, gt, selfClosing);
      if (c0 === 118 /* v */ && this.inCell) {
        if (closing) {
          this.value = this.text;
          this.capture = Capture.None;
        } else if (selfClosing) this.value = "";
        else if (this.wanted) {
          this.capture = Capture.Value;
          this.text = "";
        }
        return true;
      }
      if (c0 === 116 /* t */ && this.inline !== null) {
        if (closing) {
          if (this.capture === Capture.InlineText) this.inline += this.text;
          this.capture = Capture.None;
        } else if (!selfClosing && this.phonetic === 0 && this.wanted) {
          this.capture = Capture.InlineText;
          this.text = "";
        }
        return true;
      }
      if (c0 === 102 /* f */) {
        // A formula's text is not its value; its cached result is in <v>.
        this.capture = Capture.None;
        return true;
      }
      return true;
    }
    if (len === 3 && buf.startsWith("row", s)) {
      if (closing) return true;
      this.attrs(buf, e, gt);
      const r = this.rS < 0 ? this.row + 1 : digits(buf, this.rS, this.rE);
      if (!(r >= 1 && r <= MAX_ROW)) throw new Error(`row number '${this.rS < 0 ? "" : buf.slice(this.rS, this.rE)}' is not a row`);
      this.row = r;
      this.column = 0;
      return r <= this.sink.lastRow;
    }
    if (len === 2 && c0 === 105 /* i */ && buf.charCodeAt(s + 1) === 115 /* s */ && this.inCell) {
      if (!closing && !selfClosing) this.inline = "";
      return true;
    }
    if (len === 3 && buf.startsWith("rPh", s)) {
      if (!selfClosing) this.phonetic += closing ? -1 : 1;
      return true;
    }
    if (len === 9 && closing && buf.startsWith("sheetData", s)) {
      this.inData = false;
      return false;
    }
    return true;
  }

  private startCell(buf: string, from: number, gt: number, selfClosing: boolean): boolean {
    this.attrs(buf, from, gt);
    let column = this.column + 1;
    if (this.rS >= 0) {
      let c = 0;
      let i = this.rS;
      for (; i < this.rE; i++) {
        const ch = buf.charCodeAt(i) | 32;
        if (ch < 97 || ch > 122) break;
        c = c * 26 + (ch - 96);
      }
      if (i > this.rS) column = c;
      if (i < this.rE) {
        const r = digits(buf, i, this.rE);
        if (r >= 1 && r !== this.row) {
          if (r > this.sink.lastRow) return false;
          this.row = r;
        }
      }
    }
    if (!(column >= 1 && column <= MAX_COLUMN) || this.row < 1) throw new Error(`cell reference '${this.rS < 0 ? "" : buf.slice(this.rS, this.rE)}' is not a cell`);
    this.column = column;
    this.type = this.tS < 0 ? CellType.Number : typeOf(buf, this.tS, this.tE);
    this.style = this.sS < 0 ? 0 : digits(buf, this.sS, this.sE) || 0;
    this.wanted = this.sink.wants(this.row, column);
    this.richValue = this.vmS < 0 || !this.ctx.richValues ? null : (this.ctx.richValues[digits(buf, this.vmS, this.vmE) - 1] ?? null);
    this.value = null;
    this.inline = null;
    this.phonetic = 0;
    this.capture = Capture.None;
    // A self-closing cell has a format and no value: nothing to hand over.
    this.inCell = !selfClosing;
    return true;
  }

  /**
   * A shared string or a whole number read straight from the text, without a string for the
   * value: most cells of a large sheet. False when the cell needs the general path.
   */
  private quickValue(buf: string, start: number, end: number): boolean {
    if ((this.type !== CellType.Shared && this.type !== CellType.Number) || this.richValue !== null) return false;
    const n = digits(buf, start, end);
    if (!(n === n) || end - start > 15) return false;
    if (this.type === CellType.Shared) {
      const str = this.ctx.sharedStrings[n];
      if (str === undefined) return false;
      this.sink.cell(this.row, this.column, str, false);
      return true;
    }
    const isDate = this.ctx.dateStyles[this.style] === true;
    this.sink.cell(this.row, this.column, isDate && this.ctx.date1904 ? n + DAYS_1904 : n, isDate);
    return true;
  }

  private endCell(): boolean {
    this.inCell = false;
    this.capture = Capture.None;
    if (!this.wanted) return true;
    const ctx = this.ctx;
    const v = this.value;
    const t = this.type;
    let out: Cell = null;
    let isDate = false;
    if (this.richValue !== null) {
      // A linked data type: what Excel shows, not the #VALUE! it stores for older readers.
      out = this.richValue;
    } else if (t === CellType.Shared) {
      if (v !== null && v !== "") {
        const k = parseInt(v, 10);
        const str = ctx.sharedStrings[k];
        if (str === undefined) throw new Error(`cell ${this.where()} refers to shared string ${v}, which does not exist`);
        out = str;
      }
    } else if (t === CellType.Inline) {
      const raw = this.inline ?? v;
      if (raw !== null) out = decodeExcelEscapes(decodeEntities(raw));
    } else if (t === CellType.Str) {
      out = v === null ? null : decodeExcelEscapes(decodeEntities(v));
    } else if (t === CellType.Bool) {
      if (v !== null && v !== "") out = v.trim() === "1" || v.trim().toLowerCase() === "true";
    } else if (t === CellType.Error) {
      if (v !== null) out = decodeEntities(v).trim();
    } else if (t === CellType.Date) {
      if (v !== null && v !== "") {
        const serial = serialFromIso(v.trim());
        out = serial ?? decodeEntities(v);
        isDate = serial !== null;
      }
    } else if (v !== null && v.length > 0) {
      const num = Number(v);
      if (Number.isFinite(num) && (v.charCodeAt(0) > 32 || v.trim() !== "")) {
        isDate = ctx.dateStyles[this.style] === true;
        out = isDate && ctx.date1904 ? num + DAYS_1904 : num;
      } else {
        // Not a number where the file says number: hand the text over, so the cell is reported, not zeroed.
        out = decodeEntities(v);
      }
    }
    if (out !== null) this.sink.cell(this.row, this.column, out, isDate);
    return true;
  }

  private where(): string {
    let s = "";
    for (let n = this.column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return `${s}${this.row}`;
  }

  /** Finds the r, t and s attribute values of a tag (any quoting, white space around "=" too). */
  private attrs(buf: string, from: number, gt: number): void {
    this.rS = this.tS = this.sS = this.vmS = -1;
    let i = from;
    for (;;) {
      const eq = buf.indexOf("=", i);
      if (eq < 0 || eq > gt) return;
      let nameEnd = eq;
      while (isSpace(buf.charCodeAt(nameEnd - 1))) nameEnd--;
      let q = eq + 1;
      while (isSpace(buf.charCodeAt(q))) q++;
      const quote = buf.charCodeAt(q);
      if (quote !== 34 && quote !== 39) return;
      const close = buf.indexOf(quote === 34 ? '"' : "'", q + 1);
      if (close < 0 || close > gt) return;
      if (nameEnd - 3 >= 0 && isSpace(buf.charCodeAt(nameEnd - 3)) && buf.charCodeAt(nameEnd - 2) === 118 /* v */ && buf.charCodeAt(nameEnd - 1) === 109 /* m */) {
        this.vmS = q + 1;
        this.vmE = close;
      }
      // A one-letter attribute name: white space before it.
      if (isSpace(buf.charCodeAt(nameEnd - 2))) {
        const a = buf.charCodeAt(nameEnd - 1);
        if (a === 114 /* r */) {
          this.rS = q + 1;
          this.rE = close;
        } else if (a === 116 /* t */) {
          this.tS = q + 1;
          this.tE = close;
        } else if (a === 115 /* s */) {
          this.sS = q + 1;
          this.sE = close;
        }
      }
      i = close + 1;
    }
  }
}

const isSpace = (ch: number) => ch === 32 || ch === 9 || ch === 10 || ch === 13;

/** The whole number written at buf[start, end), or NaN. */
function digits(buf: string, start: number, end: number): number {
  if (start >= end) return NaN;
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = buf.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** A cell's t attribute; an unknown type reads as a number, as Excel treats it. */
function typeOf(buf: string, start: number, end: number): CellType {
  const len = end - start;
  const c = buf.charCodeAt(start);
  if (len === 1) {
    if (c === 115) return CellType.Shared;
    if (c === 98) return CellType.Bool;
    if (c === 101) return CellType.Error;
    if (c === 100) return CellType.Date;
    return CellType.Number;
  }
  if (len === 3 && buf.startsWith("str", start)) return CellType.Str;
  if (len === 9 && buf.startsWith("inlineStr", start)) return CellType.Inline;
  return CellType.Number;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[e] ?? whole;
  });
}

/** An ISO 8601 date or date-time (a `t="d"` cell) as an Excel serial in the 1900 system. */
export function serialFromIso(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (m) {
    const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (Number.isNaN(day)) return null;
    const serial = Math.round((day - Date.UTC(1899, 11, 30)) / 86_400_000);
    const seconds = (Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) * 60 + Number(m[6] ?? 0);
    return seconds === 0 ? serial : serial + seconds / 86_400;
  }
  // A time alone (T10:30:00) is a fraction of a day.
  const t = /^T?(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(text);
  return t ? ((Number(t[1]) * 60 + Number(t[2])) * 60 + Number(t[3] ?? 0)) / 86_400 : null;
}
