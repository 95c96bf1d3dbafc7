import { MAIN_NS, PKG_REL_NS, REL_NS, XML_DECL, escapeXml, zipParts } from "../../scripts/package-parts";

/** Small hand-written packages for the reader's tests: each case states the XML it reads. */
export interface SheetPart {
  name: string;
  state?: "hidden" | "veryHidden";
  /** The content of <sheetData>. */
  data: string;
  /** What follows <sheetData> (mergeCells, dataValidations, conditionalFormatting...). */
  after?: string;
  tables?: string[];
}

export interface PackageSpec {
  sheets: SheetPart[];
  names?: string;
  shared?: string[] | string;
  styles?: string;
  workbookPr?: string;
  /** Strict (ISO 29500) namespaces and relationship types. */
  strict?: boolean;
  /** Prefix every SpreadsheetML element with x: */
  prefixed?: boolean;
  /** More parts, each with its workbook relationship type (or none). */
  extra?: { path: string; xml: string; type?: string }[];
}

const STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main";
const STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships";

export async function buildPackage(spec: PackageSpec): Promise<Uint8Array> {
  const main = spec.strict ? STRICT_MAIN : MAIN_NS;
  const rel = spec.strict ? STRICT_REL : REL_NS;
  const p = spec.prefixed ? "x:" : "";
  const ns = spec.prefixed ? `xmlns:x="${main}" xmlns:r="${rel}"` : `xmlns="${main}" xmlns:r="${rel}"`;
  const prefix = (xml: string) => (spec.prefixed ? xml.replace(/<(\/?)([a-zA-Z])/g, "<$1x:$2") : xml);
  const parts: Record<string, string> = {};
  parts["[Content_Types].xml"] = XML_DECL + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`;
  parts["_rels/.rels"] = XML_DECL + `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const sheets = spec.sheets.map((s, i) => `<${p}sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`).join("");
  parts["xl/workbook.xml"] =
    XML_DECL + `<${p}workbook ${ns}>${spec.workbookPr ? prefix(spec.workbookPr) : ""}<${p}sheets>${sheets}</${p}sheets>${spec.names ? prefix(`<definedNames>${spec.names}</definedNames>`) : ""}</${p}workbook>`;
  const n = spec.sheets.length;
  let rels = spec.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("");
  if (spec.styles) {
    rels += `<Relationship Id="rId${n + 1}" Type="${rel}/styles" Target="styles.xml"/>`;
    parts["xl/styles.xml"] = XML_DECL + `<${p}styleSheet ${ns}>${prefix(spec.styles)}</${p}styleSheet>`;
  }
  if (spec.shared !== undefined) {
    rels += `<Relationship Id="rId${n + 2}" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>`;
    const body = typeof spec.shared === "string" ? spec.shared : spec.shared.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join("");
    parts["xl/sharedStrings.xml"] = XML_DECL + `<${p}sst ${ns}>${prefix(body)}</${p}sst>`;
  }
  (spec.extra ?? []).forEach((x, i) => {
    parts[x.path] = XML_DECL + x.xml;
    if (x.type) rels += `<Relationship Id="rIdX${i}" Type="${x.type}" Target="${x.path.replace(/^xl\//, "")}"/>`;
  });
  parts["xl/_rels/workbook.xml.rels"] = XML_DECL + `<Relationships xmlns="${PKG_REL_NS}">${rels}</Relationships>`;
  let t = 0;
  spec.sheets.forEach((s, i) => {
    const tableRels: string[] = [];
    for (const table of s.tables ?? []) {
      t++;
      parts[`xl/tables/table${t}.xml`] = XML_DECL + table.replace("<table ", `<table xmlns="${main}" id="${t}" `);
      tableRels.push(`<Relationship Id="rId${tableRels.length + 1}" Type="${rel}/table" Target="../tables/table${t}.xml"/>`);
    }
    if (tableRels.length) parts[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = XML_DECL + `<Relationships xmlns="${PKG_REL_NS}">${tableRels.join("")}</Relationships>`;
    parts[`xl/worksheets/sheet${i + 1}.xml`] = XML_DECL + `<${p}worksheet ${ns}>${prefix(`<sheetData>${s.data}</sheetData>${s.after ?? ""}`)}</${p}worksheet>`;
  });
  return zipParts(parts);
}

/** A row of inline-string and number cells from A, the way LibreOffice and openpyxl write small sheets. */
export function row(r: number, cells: (string | number | null)[]): string {
  const out = cells
    .map((v, c) => {
      if (v === null) return "";
      const ref = `${String.fromCharCode(65 + c)}${r}`;
      return typeof v === "number" ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`;
    })
    .join("");
  return `<row r="${r}">${out}</row>`;
}
