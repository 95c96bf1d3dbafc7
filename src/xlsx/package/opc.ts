import type { Reader } from "@zip.js/zip.js";
import { BrokenPackage, PartData, ZipArchive, ZipSink } from "./zip";
import { REL_NS, attrOf, escapeXml, prefixFor, reEscape, unescapeXml } from "./xml";

/**
 * The .xlsx file as the package of parts it is (Open Packaging Conventions): relationships,
 * content types, sheets, and edits to parts, written out by the zip layer with every part
 * nobody edited copied byte for byte.
 */

const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const REL_TYPE = {
  worksheet: `${REL_NS}/worksheet`,
  styles: `${REL_NS}/styles`,
  table: `${REL_NS}/table`,
};
export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
};

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

/** The target of a relationship from `fromPart` to `toPart`, relative to the source's folder. */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split("/").slice(0, -1);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
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
  /** The `<sheet>` element's text. */
  xml: string;
}

function overrideRe(part: string): RegExp {
  return new RegExp(`<(?:\\w+:)?Override(?=\\s)[^>]*PartName\\s*=\\s*["']/${reEscape(part)}["'][^>]*?(?:/>|>\\s*</(?:\\w+:)?Override>)`, "i");
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** Parts read whole are kept once read; larger ones are streamed each time. */
const CACHE_LIMIT = 4 << 20;

/** An opened .xlsx: its parts, where the workbook part is, and the edits made so far. */
export class XlsxPackage {
  private readonly edits = new Map<string, PartData>();
  private readonly removed = new Set<string>();
  private readonly added: string[] = [];
  private readonly cache = new Map<string, string>();
  private workbook = "xl/workbook.xml";

  private constructor(private readonly zip: ZipArchive) {}

  /** Opens a package; BrokenPackage when it is not a zip or has no workbook part. */
  static async open(source: Uint8Array | Reader<unknown>): Promise<XlsxPackage> {
    const pkg = new XlsxPackage(await ZipArchive.open(source));
    const rootRels = await pkg.text("_rels/.rels");
    const doc = rootRels ? relationshipsOf(rootRels).find((r) => /\/officeDocument$/.test(r.type) && !r.external) : undefined;
    const wanted = doc ? resolvePart("", doc.target) : "xl/workbook.xml";
    pkg.workbook = pkg.entryName(wanted) ?? wanted;
    const wb = await pkg.text(pkg.workbook);
    if (wb === null) throw new BrokenPackage("it has no workbook part (xl/workbook.xml)");
    if (!/<(?:\w+:)?sheets[\s>]/.test(wb)) throw new BrokenPackage(`its workbook part ${pkg.workbook} lists no sheets`);
    return pkg;
  }

  get workbookPart(): string {
    return this.workbook;
  }

  get workbookRelsPart(): string {
    return relsPathOf(this.workbook);
  }

  /** The package's own spelling of a part name (part names compare case-insensitively), or null. */
  entryName(part: string): string | null {
    const lower = part.toLowerCase();
    const added = this.added.find((n) => n.toLowerCase() === lower);
    if (added) return added;
    const stored = this.zip.find(part);
    return stored && !this.removed.has(stored) ? stored : null;
  }

  /** Uncompressed size of a part as stored (0 for a part added or replaced here). */
  storedSize(part: string): number {
    const name = this.entryName(part);
    return name && !this.edits.has(name) ? this.zip.size(name) : 0;
  }

  /** True when a part was replaced, added or removed by an edit. */
  isEdited(part: string): boolean {
    const name = this.entryName(part) ?? part;
    return this.edits.has(name) || this.removed.has(name);
  }

  async text(part: string): Promise<string | null> {
    const name = this.entryName(part);
    if (!name) return null;
    const edited = this.edits.get(name);
    if (typeof edited === "string") return edited;
    if (edited !== undefined) {
      let out = "";
      for await (const piece of this.chunks(name)) out += piece;
      return out;
    }
    const cached = this.cache.get(name);
    if (cached !== undefined) return cached;
    const text = await this.zip.text(name);
    if (text.length <= CACHE_LIMIT) this.cache.set(name, text);
    return text;
  }

  /** A part's text in pieces (its edited content when edited), for parts too large to hold whole. */
  async *chunks(part: string): AsyncGenerator<string> {
    const name = this.entryName(part);
    if (!name) return;
    const edited = this.edits.get(name);
    if (typeof edited === "string") yield edited;
    else if (edited instanceof Uint8Array) yield new TextDecoder().decode(edited);
    else if (edited) yield* edited();
    else if (this.cache.has(name)) yield this.cache.get(name)!;
    else yield* this.zip.textChunks(name);
  }

  /** Replaces a part's content (or adds the part); the zip keeps its order of entries. */
  setText(part: string, xml: string): void {
    this.put(part, xml);
  }

  /**
   * Replaces a part's content with text made piece by piece when the copy is written. The
   * producer may read the part's stored content (it is read from the original zip).
   */
  setStream(part: string, produce: () => AsyncIterable<string>): void {
    this.put(part, produce);
  }

  private put(part: string, data: PartData): void {
    const name = this.entryName(part);
    if (name) {
      this.edits.set(name, data);
      this.cache.delete(name);
      return;
    }
    const stored = this.zip.find(part);
    if (stored) this.removed.delete(stored);
    const fresh = stored ?? part;
    if (!stored) this.added.push(fresh);
    this.edits.set(fresh, data);
  }

  /**
   * Replaces a part's content with a transformation of its current content (stored or as an
   * earlier edit left it), run piece by piece when the copy is written.
   */
  transform(part: string, fn: (input: AsyncIterable<string>) => AsyncIterable<string>): void {
    const name = this.entryName(part);
    if (!name) throw new BrokenPackage(`no part ${part}`);
    const previous = this.edits.get(name);
    const cached = this.cache.get(name);
    const input = (): AsyncIterable<string> =>
      previous === undefined ? (cached !== undefined ? once(cached) : this.zip.textChunks(name)) : typeof previous === "string" ? once(previous) : previous instanceof Uint8Array ? once(new TextDecoder().decode(previous)) : previous();
    this.put(part, () => fn(input()));
  }

  remove(part: string): void {
    const name = this.entryName(part);
    if (!name) return;
    this.edits.delete(name);
    this.cache.delete(name);
    const i = this.added.indexOf(name);
    if (i >= 0) this.added.splice(i, 1);
    else this.removed.add(name);
  }

  /** Every part name of the package as it stands, in zip order. */
  partNames(): string[] {
    return [...this.zip.names.filter((n) => !this.removed.has(n)), ...this.added];
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
      const part = rel && /\/worksheet$/.test(rel.type) && !rel.external ? this.entryName(resolvePart(this.workbookPart, rel.target)) : null;
      out.push({ name: unescapeXml(attrOf(m[0], "name") ?? ""), sheetId: Number(attrOf(m[0], "sheetId")), index: out.length, relId, part, xml: m[0] });
    }
    return out;
  }

  /** The relationships of a part (from its .rels part). */
  async relationships(part: string): Promise<Relationship[]> {
    return relationshipsOf((await this.text(relsPathOf(part))) ?? "");
  }

  /** The parts a part points at with relationships of this type (tables of a sheet...). */
  async related(part: string, typeSuffix: string): Promise<{ rel: Relationship; part: string }[]> {
    const out: { rel: Relationship; part: string }[] = [];
    for (const rel of await this.relationships(part)) {
      if (rel.external || !rel.type.endsWith(`/${typeSuffix}`)) continue;
      const target = this.entryName(resolvePart(part, rel.target));
      if (target) out.push({ rel, part: target });
    }
    return out;
  }

  /** The part of a workbook relationship of this type (styles, calcChain...), or null. */
  async workbookRelated(typeSuffix: string): Promise<{ rel: Relationship; part: string } | null> {
    return (await this.related(this.workbookPart, typeSuffix))[0] ?? null;
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
    if (ct === null) throw new BrokenPackage("it has no [Content_Types].xml");
    this.setText("[Content_Types].xml", edit(ct));
  }

  /** The content type the package declares for a part by its override, or null. */
  async contentTypeOf(part: string): Promise<string | null> {
    const m = overrideRe(part).exec((await this.text("[Content_Types].xml")) ?? "");
    return m ? (attrOf(m[0], "ContentType") ?? null) : null;
  }

  /** Declares a new part's content type with an override. */
  async addOverride(part: string, contentType: string): Promise<void> {
    const override = `<Override PartName="/${escapeXml(part)}" ContentType="${escapeXml(contentType)}"/>`;
    await this.editContentTypes((x) => x.replace(/<\/(?:\w+:)?Types>/, (end) => override + end));
  }

  /** Adds a relationship from a part (creating its .rels part when it has none); returns the new id. */
  async addRelationship(fromPart: string, type: string, toPart: string): Promise<string> {
    const relsPart = relsPathOf(fromPart);
    const relsXml = (await this.text(relsPart)) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"></Relationships>`;
    const rels = relationshipsOf(relsXml);
    let k = rels.length + 1;
    while (rels.some((r) => r.id === `rId${k}`)) k++;
    const id = `rId${k}`;
    const rel = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(relativeTarget(fromPart, toPart))}"/>`;
    const closed = relsXml.replace(/<\/(?:\w+:)?Relationships>/, (end) => rel + end);
    // A rels part written as <Relationships .../> has no end tag to insert before.
    this.setText(relsPart, closed !== relsXml ? closed : relsXml.replace(/<((?:\w+:)?Relationships)([^>]*?)\s*\/>/, (_, tag: string, attrs: string) => `<${tag}${attrs}>${rel}</${tag}>`));
    return id;
  }

  /** A free part name in a folder: `${folder}${stem}${n}.xml` for the first unused n. */
  freeName(folder: string, stem: string): string {
    let n = 1;
    while (this.entryName(`${folder}${stem}${n}.xml`)) n++;
    return `${folder}${stem}${n}.xml`;
  }

  /**
   * Adds a worksheet part after the last sheet (so no localSheetId index shifts): the part,
   * its relationship, its `<sheet>` element and its content-type override. Returns the part name.
   */
  async appendWorksheet(name: string, xml: string): Promise<string> {
    const wbXml = (await this.text(this.workbookPart))!;
    const sheets = await this.sheets();
    const folder = this.workbookPart.slice(0, this.workbookPart.lastIndexOf("/") + 1);
    const part = this.freeName(`${folder}worksheets/`, "sheet");
    this.setText(part, xml);
    const existingType = relationshipsOf((await this.text(this.workbookRelsPart)) ?? "").find((r) => /\/worksheet$/.test(r.type))?.type ?? REL_TYPE.worksheet;
    const relId = await this.addRelationship(this.workbookPart, existingType, part);

    const sheetId = Math.max(0, ...sheets.map((s) => s.sheetId).filter(Number.isFinite)) + 1;
    const p = prefixFor(wbXml, "main") ?? "";
    const r = prefixFor(wbXml, "rel");
    const relAttr = r === null ? `xmlns:r="${REL_NS}" r:id="${relId}"` : `${r}id="${relId}"`;
    const sheetEl = `<${p}sheet name="${escapeXml(name)}" sheetId="${sheetId}" ${relAttr}/>`;
    const closing = new RegExp(`</${reEscape(p)}sheets>`);
    if (!closing.test(wbXml)) throw new BrokenPackage("its workbook part has no <sheets> element");
    this.setText(this.workbookPart, wbXml.replace(closing, (end) => sheetEl + end));

    let sheetCt: string | null = null;
    for (const s of sheets) if (!sheetCt && s.part) sheetCt = await this.contentTypeOf(s.part);
    await this.addOverride(part, sheetCt ?? CONTENT_TYPE.worksheet);
    return part;
  }

  /** Writes the package as it stands: to the sink, or as bytes when the sink is null. */
  async write(sink: ZipSink): Promise<Uint8Array | null> {
    const replaced = new Map<string, PartData>();
    for (const [name, data] of this.edits) if (!this.added.includes(name)) replaced.set(name, data);
    const added = this.added.map((n) => [n, this.edits.get(n)!] as const);
    return this.zip.write({ replaced, removed: this.removed, added }, sink);
  }

  async toBuffer(): Promise<Uint8Array> {
    return (await this.write(null))!;
  }

  async close(): Promise<void> {
    await this.zip.close();
  }
}
