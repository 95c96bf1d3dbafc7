/**
 * Small helpers for reading and editing XML parts as text: edits splice new text between the
 * user's bytes instead of re-serialising a parsed document, so everything we do not write keeps
 * its exact spelling (attribute order, quotes, namespaces, whitespace).
 */

export interface Attr {
  name: string;
  value: string;
}

export const reEscape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The attributes of one start tag, in document order, values still XML-escaped. */
export function attrsOf(tag: string): Attr[] {
  const out: Attr[] = [];
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const body = tag.replace(/^<[^\s/>]+/, "");
  for (let m = re.exec(body); m; m = re.exec(body)) out.push({ name: m[1], value: m[2] ?? m[3] });
  return out;
}

export const attrOf = (tag: string, name: string): string | undefined => attrsOf(tag).find((a) => a.name === name)?.value;

/** A start tag with one attribute set (added at the end when absent), the others as they were. */
export function withAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${reEscape(name)}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, (_, head: string) => `${head}"${value}"`);
  return tag.replace(/\s*(\/?)>$/, (_, slash: string) => ` ${name}="${value}"${slash}>`);
}

/** A start tag without one attribute. */
export const withoutAttr = (tag: string, name: string): string => tag.replace(new RegExp(`\\s${reEscape(name)}\\s*=\\s*("[^"]*"|'[^']*')`), "");

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()];
  });
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The root element's start tag. */
export const rootTag = (xml: string): string => /<(?!\?|!)[^>]*>/.exec(xml)?.[0] ?? "";

const NS = {
  main: /spreadsheetml(?:\/2006)?\/main$/,
  rel: /officeDocument(?:\/2006)?\/relationships$/,
};

/**
 * The element prefix ("" or "x:") a part uses for a namespace, read from its root element.
 * The strict (ISO) variant of SpreadsheetML is accepted as the same namespace.
 */
export function prefixFor(xml: string, ns: "main" | "rel"): string | null {
  for (const a of attrsOf(rootTag(xml))) {
    if (a.name === "xmlns" && NS[ns].test(a.value)) return "";
    if (a.name.startsWith("xmlns:") && NS[ns].test(a.value)) return `${a.name.slice(6)}:`;
  }
  return null;
}

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The namespace URI a part binds for SpreadsheetML (transitional or strict) or its relationships. */
export function namespaceOf(xml: string, ns: "main" | "rel"): string {
  const found = attrsOf(rootTag(xml)).find((a) => /^xmlns(:|$)/.test(a.name) && NS[ns].test(a.value))?.value;
  return found ?? (ns === "main" ? MAIN_NS : REL_NS);
}

/** Matches a whole element (self-closing or with content) of a prefixed name; group 1 is its content. */
export function elementRe(p: string, tag: string, flags = ""): RegExp {
  const q = reEscape(p);
  return new RegExp(`<${q}${tag}(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${q}${tag}>)`, flags);
}

/** The child elements of a collection's content, as text. */
export const childrenOf = (block: string, p: string, tag: string): string[] => block.match(elementRe(p, tag, "g")) ?? [];

/** Excel's _xHHHH_ escapes in text decoded (they carry characters XML 1.0 cannot hold). */
export const decodeExcelEscapes = (s: string): string => s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Text for a cell: characters XML 1.0 cannot hold become Excel's _xHHHH_ escapes, then XML-escaped. */
export function cellText(s: string): string {
  const excel = s
    .replace(/_x[0-9A-Fa-f]{4}_/g, (m) => `_x005F${m}`)
    // eslint-disable-next-line no-control-regex -- XML 1.0 cannot hold these characters: they are written as Excel's _xHHHH_ escapes
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeXml(excel);
}
