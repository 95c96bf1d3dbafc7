import JSZip from "jszip";

/**
 * The .xlsx file as the zip of XML parts it is (Open Packaging Conventions), for edits that
 * must leave every other part byte for byte as Excel saved it. Parts are read and written as
 * text; nothing here re-serialises XML it did not build.
 */

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const WORKSHEET_TYPE = `${REL_NS}/worksheet`;
const WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

export interface Attr {
  name: string;
  value: string;
}

/** The attributes of one start tag, in document order, values still XML-escaped. */
export function attrsOf(tag: string): Attr[] {
  const out: Attr[] = [];
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const body = tag.replace(/^<[^\s/>]+/, "");
  for (let m = re.exec(body); m; m = re.exec(body)) out.push({ name: m[1], value: m[2] ?? m[3] });
  return out;
}

export const attrOf = (tag: string, name: string): string | undefined => attrsOf(tag).find((a) => a.name === name)?.value;

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()];
  });
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The element prefix ("" or "x:") a part uses for a namespace, read from its root element.
 * The strict (ISO) variant of SpreadsheetML is accepted as the same namespace.
 */
export function prefixFor(xml: string, ns: "main" | "rel"): string | null {
  const root = /<(?!\?|!)[^>]*>/.exec(xml)?.[0] ?? "";
  const wanted = ns === "main" ? /spreadsheetml(?:\/2006)?\/main$/ : /officeDocument(?:\/2006)?\/relationships$/;
  for (const a of attrsOf(root)) {
    if (a.name === "xmlns" && wanted.test(a.value)) return "";
    if (a.name.startsWith("xmlns:") && wanted.test(a.value)) return `${a.name.slice(6)}:`;
  }
  return null;
}

/** The namespace URI bound to the main prefix of a part's root (transitional or strict). */
export function mainNamespace(xml: string): string {
  const root = /<(?!\?|!)[^>]*>/.exec(xml)?.[0] ?? "";
  return attrsOf(root).find((a) => /^xmlns(:|$)/.test(a.name) && /spreadsheetml(?:\/2006)?\/main$/.test(a.value))?.value ?? MAIN_NS;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The element's text, to remove it exactly. */
  xml: string;
}

export function relationshipsOf(relsXml: string): Relationship[] {
  const out: Relationship[] = [];
  const re = /<(?:\w+:)?Relationship(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?Relationship>)/g;
  for (let m = re.exec(relsXml); m; m = re.exec(relsXml)) {
    const tag = m[0];
    out.push({ id: attrOf(tag, "Id") ?? "", type: attrOf(tag, "Type") ?? "", target: unescapeXml(attrOf(tag, "Target") ?? ""), external: attrOf(tag, "TargetMode") === "External", xml: tag });
  }
  return out;
}

/** Resolves a relationship target against the folder of the part that holds it (zip names have no leading "/"). */
export function resolvePart(fromPart: string, target: string): string {
  const segments = target.startsWith("/") ? [] : fromPart.split("/").slice(0, -1);
  for (const s of target.replace(/^\//, "").split("/")) {
    if (s === "..") segments.pop();
    else if (s !== "." && s !== "") segments.push(s);
  }
  return segments.join("/");
}

export const relsPathOf = (part: string): string => {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

export interface SheetEntry {
  name: string;
  sheetId: number;
  /** Position among the workbook's sheets (what localSheetId counts). */
  index: number;
  relId: string;
  /** Zip entry name of the part, or null for a chart sheet or a missing target. */
  part: string | null;
}

/** An opened .xlsx: its zip, where the workbook part is, and its sheets. */
export class XlsxPackage {
  private constructor(
    readonly zip: JSZip,
    readonly workbookPart: string,
  ) {}

  static async open(data: Uint8Array): Promise<XlsxPackage> {
    const zip = await JSZip.loadAsync(data);
    const pkg = new XlsxPackage(zip, "");
    const rootRels = await pkg.text("_rels/.rels");
    const doc = rootRels ? relationshipsOf(rootRels).find((r) => /\/officeDocument$/.test(r.type)) : undefined;
    const workbookPart = doc ? resolvePart("", doc.target) : "xl/workbook.xml";
    const opened = new XlsxPackage(zip, pkg.entryName(workbookPart) ?? workbookPart);
    if ((await opened.text(opened.workbookPart)) === null) throw new Error("no workbook part");
    return opened;
  }

  get workbookRelsPart(): string {
    return relsPathOf(this.workbookPart);
  }

  /** The zip's own spelling of a part name (part names compare case-insensitively). */
  entryName(part: string): string | null {
    if (this.zip.files[part] && !this.zip.files[part].dir) return part;
    const lower = part.toLowerCase();
    return Object.keys(this.zip.files).find((n) => n.toLowerCase() === lower && !this.zip.files[n].dir) ?? null;
  }

  async text(part: string): Promise<string | null> {
    const name = this.entryName(part);
    return name ? this.zip.files[name].async("string") : null;
  }

  /** Replaces a part's content in place (the zip keeps its order of entries). */
  setText(part: string, xml: string): void {
    // No folder entries: a file Excel saved has none, and the copy should not gain any.
    this.zip.file(this.entryName(part) ?? part, xml, { createFolders: false });
  }

  remove(part: string): void {
    const name = this.entryName(part);
    if (name) this.zip.remove(name);
  }

  async sheets(): Promise<SheetEntry[]> {
    const wb = (await this.text(this.workbookPart))!;
    const rels = relationshipsOf((await this.text(this.workbookRelsPart)) ?? "");
    const r = prefixFor(wb, "rel") ?? "r:";
    const out: SheetEntry[] = [];
    const re = /<(?:\w+:)?sheet(?=[\s/>])[^>]*>/g;
    const block = /<(?:\w+:)?sheets(?=[\s>])[\s\S]*?<\/(?:\w+:)?sheets>/.exec(wb)?.[0] ?? "";
    for (let m = re.exec(block); m; m = re.exec(block)) {
      const relId = attrOf(m[0], `${r}id`) ?? "";
      const rel = rels.find((x) => x.id === relId);
      const part = rel && /\/worksheet$/.test(rel.type) ? this.entryName(resolvePart(this.workbookPart, rel.target)) : null;
      out.push({ name: unescapeXml(attrOf(m[0], "name") ?? ""), sheetId: Number(attrOf(m[0], "sheetId")), index: out.length, relId, part });
    }
    return out;
  }

  /** The part of a workbook relationship of this type (styles, calcChain...), or null. */
  async workbookRelated(typeSuffix: string): Promise<{ rel: Relationship; part: string } | null> {
    const rel = relationshipsOf((await this.text(this.workbookRelsPart)) ?? "").find((x) => x.type.endsWith(`/${typeSuffix}`) && !x.external);
    return rel ? { rel, part: this.entryName(resolvePart(this.workbookPart, rel.target)) ?? resolvePart(this.workbookPart, rel.target) } : null;
  }

  /** Removes a workbook-level part together with its relationship and its content-type override. */
  async removeWorkbookPart(typeSuffix: string): Promise<boolean> {
    const found = await this.workbookRelated(typeSuffix);
    if (!found) return false;
    this.remove(found.part);
    this.remove(relsPathOf(found.part));
    const rels = (await this.text(this.workbookRelsPart))!;
    this.setText(this.workbookRelsPart, rels.replace(found.rel.xml, () => ""));
    await this.editContentTypes((ct) => ct.replace(overrideRe(found.part), ""));
    return true;
  }

  private async editContentTypes(edit: (xml: string) => string): Promise<void> {
    const ct = await this.text("[Content_Types].xml");
    if (ct !== null) this.setText("[Content_Types].xml", edit(ct));
  }

  /**
   * Adds a worksheet part after the last sheet (so no localSheetId index shifts): the part,
   * its relationship, its `<sheet>` element and its content-type override. Returns the part name.
   */
  async appendWorksheet(name: string, xml: string): Promise<string> {
    const wbXml = (await this.text(this.workbookPart))!;
    const relsXml = (await this.text(this.workbookRelsPart)) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const rels = relationshipsOf(relsXml);
    const sheets = await this.sheets();

    const folder = this.workbookPart.slice(0, this.workbookPart.lastIndexOf("/") + 1);
    let n = 1;
    while (this.entryName(`${folder}worksheets/sheet${n}.xml`)) n++;
    const part = `${folder}worksheets/sheet${n}.xml`;
    this.setText(part, xml);

    let k = rels.length + 1;
    while (rels.some((r) => r.id === `rId${k}`)) k++;
    const relId = `rId${k}`;
    const sheetType = rels.find((r) => /\/worksheet$/.test(r.type))?.type ?? WORKSHEET_TYPE;
    const rel = `<Relationship Id="${relId}" Type="${escapeXml(sheetType)}" Target="worksheets/sheet${n}.xml"/>`;
    this.setText(this.workbookRelsPart, relsXml.replace(/<\/(?:\w+:)?Relationships>/, (end) => rel + end));

    const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId).filter(Number.isFinite)) + 1;
    const p = prefixFor(wbXml, "main") ?? "";
    const r = prefixFor(wbXml, "rel");
    const relAttr = r === null ? `xmlns:r="${REL_NS}" r:id="${relId}"` : `${r}id="${relId}"`;
    const sheetEl = `<${p}sheet name="${escapeXml(name)}" sheetId="${sheetId}" ${relAttr}/>`;
    const closing = new RegExp(`</${p}sheets>`);
    if (!closing.test(wbXml)) throw new Error("workbook part has no <sheets> element");
    this.setText(this.workbookPart, wbXml.replace(closing, (end) => sheetEl + end));

    const ct = (await this.text("[Content_Types].xml")) ?? "";
    const sheetCt = sheets.map((s) => s.part && contentTypeOf(ct, s.part)).find((x) => x) ?? WORKSHEET_CONTENT_TYPE;
    const override = `<Override PartName="/${escapeXml(part)}" ContentType="${escapeXml(sheetCt)}"/>`;
    await this.editContentTypes((x) => x.replace(/<\/(?:\w+:)?Types>/, (end) => override + end));
    return part;
  }

  async toBuffer(): Promise<Uint8Array> {
    return this.zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
  }
}

const reEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function overrideRe(part: string): RegExp {
  return new RegExp(`<(?:\\w+:)?Override(?=\\s)[^>]*PartName\\s*=\\s*["']/${reEscape(part)}["'][^>]*?(?:/>|>\\s*</(?:\\w+:)?Override>)`, "i");
}

function contentTypeOf(ct: string, part: string): string | null {
  const m = overrideRe(part).exec(ct);
  return m ? (attrOf(m[0], "ContentType") ?? null) : null;
}
