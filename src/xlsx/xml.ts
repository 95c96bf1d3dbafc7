import { SaxesParser } from "saxes";
import type { SaxesTagNS } from "saxes";

/**
 * The small XML parts of a package (workbook, relationships, styles, tables, shared strings)
 * through saxes, a conforming streaming parser. Elements are known by their local name, so the
 * transitional and strict (ISO) namespaces and any prefix (`x:sheet`) read alike. The sheets'
 * cell data goes through sheet-scan.ts instead, which is measured faster (docs/xlsx-reader.md).
 */

export interface XmlElement {
  /** Local name, without prefix: "sheet" for <x:sheet>. */
  name: string;
  /**
   * Attributes by local name; a prefixed attribute bound to the relationships namespace is
   * "r:local" whatever its prefix (r:id), other prefixed ones "prefix:local".
   */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (character data directly inside it). */
  text: string;
}

const REL_URI = /officeDocument\/(?:2006\/)?relationships$/;

function attrsOf(tag: SaxesTagNS): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of Object.values(tag.attributes)) {
    if (a.prefix === "xmlns" || a.name === "xmlns") continue;
    if (!a.prefix) out[a.local] = a.value;
    else out[REL_URI.test(a.uri) ? `r:${a.local}` : `${a.prefix}:${a.local}`] = a.value;
  }
  return out;
}

/** A parser that knows namespaces and reports errors by throwing, with the part's name. */
export function xmlParser(part: string): SaxesParser<{ xmlns: true; position: false }> {
  const p = new SaxesParser({ xmlns: true, position: false, fileName: part });
  p.on("error", (e) => {
    throw new Error(`not well-formed XML (${e.message})`);
  });
  return p;
}

/** The whole of a small part as a tree. */
export function parseXml(text: string, part: string): XmlElement {
  const p = xmlParser(part);
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  p.on("opentag", (tag) => {
    const el: XmlElement = { name: tag.local, attrs: attrsOf(tag), children: [], text: "" };
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  p.on("closetag", () => void stack.pop());
  p.on("text", (t) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  });
  p.on("cdata", (t) => {
    if (stack.length > 0) stack[stack.length - 1].text += t;
  });
  p.write(text).close();
  if (!root) throw new Error("no root element");
  return root;
}

/** The first child of this name, or undefined. */
export const child = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);
export const childrenNamed = (el: XmlElement | undefined, name: string): XmlElement[] => el?.children.filter((c) => c.name === name) ?? [];

/**
 * Excel's escape for characters XML cannot hold (`_x000D_` for a carriage return, `_x005F_`
 * for a literal underscore before such a pattern), decoded in one pass so an escaped escape stays
 * literal.
 */
export function decodeExcelEscapes(text: string): string {
  if (text.indexOf("_x") < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Shared strings, streamed: the text of each <si>, rich-text runs joined, phonetic guides
 * (<rPh>, the reading of East Asian text) left out, as Excel shows the cell.
 */
export function sharedStringsParser(part: string): { parser: SaxesParser<{ xmlns: true; position: false }>; strings: string[] } {
  const p = xmlParser(part);
  const strings: string[] = [];
  let inSi = false;
  let phonetic = 0;
  let inT = false;
  let current = "";
  p.on("opentag", (tag) => {
    const n = tag.local;
    if (n === "si") {
      inSi = true;
      current = "";
    } else if (n === "rPh") phonetic++;
    else if (n === "t" && inSi && phonetic === 0) inT = true;
  });
  p.on("closetag", (tag) => {
    const n = tag.local;
    if (n === "si") {
      strings.push(decodeExcelEscapes(current));
      inSi = false;
    } else if (n === "rPh") phonetic--;
    else if (n === "t") inT = false;
  });
  p.on("text", (t) => {
    if (inT) current += t;
  });
  p.on("cdata", (t) => {
    if (inT) current += t;
  });
  return { parser: p, strings };
}
