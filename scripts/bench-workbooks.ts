import { Cell } from "../src/core/types";
import { MAIN_NS, PKG_REL_NS, REL_NS, XML_DECL, escapeXml, letters, zipParts } from "./package-parts";

/**
 * Workbooks for the benchmark, written the way Excel writes them (shared strings, a ListObject
 * without headerRowCount, x14ac row attributes, the inputs as defined names), so the figures
 * measure what a user's file costs, not what a friendlier writer would produce.
 */

const CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

export interface SheetSpec {
  name: string;
  /** The <sheetData> element's content and what goes after it (tableParts, dataValidations...). */
  xml: { head?: string; rows: string; tail?: string };
  table?: { name: string; ref: string; columns: string[] };
}

const WORKSHEET_OPEN =
  `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
  `mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" ` +
  `xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" ` +
  `xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" xr:uid="{00000000-0001-0000-0000-000000000000}">`;

/** An Excel-like package: sheets, one styles part with a date format, shared strings, tables, defined names. */
export async function excelLikePackage(sheets: SheetSpec[], sharedStrings: string[], names: Record<string, string>): Promise<Uint8Array> {
  const parts: Record<string, string> = {};
  const overrides: string[] = [];
  const tableCount = sheets.filter((s) => s.table).length;
  sheets.forEach((_, i) => overrides.push(`<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT_SHEET}"/>`));
  for (let t = 1; t <= tableCount; t++) overrides.push(`<Override PartName="/xl/tables/table${t}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`);
  parts["[Content_Types].xml"] =
    XML_DECL +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join("")}` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
  parts["_rels/.rels"] = XML_DECL + `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const sheetEls = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const nameEls = Object.entries(names)
    .map(([n, ref]) => `<definedName name="${n}">${escapeXml(ref)}</definedName>`)
    .join("");
  parts["xl/workbook.xml"] =
    XML_DECL +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/>` +
    `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"/></bookViews><sheets>${sheetEls}</sheets>` +
    (nameEls ? `<definedNames>${nameEls}</definedNames>` : "") +
    `<calcPr calcId="191029"/></workbook>`;
  const n = sheets.length;
  parts["xl/_rels/workbook.xml.rels"] =
    XML_DECL +
    `<Relationships xmlns="${PKG_REL_NS}">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}` +
    `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  parts["xl/styles.xml"] =
    XML_DECL +
    `<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;
  parts["xl/sharedStrings.xml"] =
    XML_DECL + `<sst xmlns="${MAIN_NS}" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join("")}</sst>`;
  let t = 0;
  sheets.forEach((s, i) => {
    let tail = s.xml.tail ?? "";
    if (s.table) {
      t++;
      const cols = s.table.columns.map((c, k) => `<tableColumn id="${k + 1}" name="${escapeXml(c)}"/>`).join("");
      parts[`xl/tables/table${t}.xml`] =
        XML_DECL +
        `<table xmlns="${MAIN_NS}" id="${t}" name="${s.table.name}" displayName="${s.table.name}" ref="${s.table.ref}"><autoFilter ref="${s.table.ref}"/>` +
        `<tableColumns count="${s.table.columns.length}">${cols}</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;
      parts[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = XML_DECL + `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/table" Target="../tables/table${t}.xml"/></Relationships>`;
      tail = `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${tail}<tableParts count="1"><tablePart r:id="rId1"/></tableParts>`;
    } else {
      tail = `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${tail}`;
    }
    parts[`xl/worksheets/sheet${i + 1}.xml`] =
      XML_DECL + WORKSHEET_OPEN + (s.xml.head ?? `<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>`) + `<sheetData>${s.xml.rows}</sheetData>` + tail + `</worksheet>`;
  });
  return zipParts(parts);
}

/** Sheet rows as Excel writes them: r and spans on rows, r on cells, text through shared strings. */
export function sheetRows(grid: readonly (readonly Cell[])[], strings: Map<string, number>, dateColumns: ReadonlySet<number> = new Set(), firstRow = 1): string {
  const out: string[] = [];
  grid.forEach((cells, i) => {
    const r = firstRow + i;
    let row = `<row r="${r}" spans="1:${cells.length}" x14ac:dyDescent="0.25">`;
    cells.forEach((v, c) => {
      if (v === null) return;
      const ref = `${letters(c + 1)}${r}`;
      if (typeof v === "number") row += `<c r="${ref}"${dateColumns.has(c) ? ' s="1"' : ""}><v>${v}</v></c>`;
      else if (typeof v === "boolean") row += `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
      else {
        let k = strings.get(v);
        if (k === undefined) strings.set(v, (k = strings.size));
        row += `<c r="${ref}" t="s"><v>${k}</v></c>`;
      }
    });
    out.push(row + "</row>");
  });
  return out.join("");
}

/** The benchmark's put log: a table Positions of `rows` rows over 7 columns, inputs as defined names. */
export async function largePositions(header: readonly string[], body: readonly (readonly Cell[])[]): Promise<Uint8Array> {
  const strings = new Map<string, number>();
  const rows = sheetRows([header, ...body], strings, new Set([5]));
  const ref = `A1:${letters(header.length)}${body.length + 1}`;
  const inputs = sheetRows(
    [
      ["Account value", 10_000_000],
      ["Cash", 2_000_000],
      ["VIX", 18],
    ],
    strings,
  );
  return excelLikePackage(
    [
      { name: "Log", xml: { head: `<dimension ref="${ref}"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>`, rows }, table: { name: "Positions", ref, columns: header.map(String) } },
      { name: "Inputs", xml: { rows: inputs } },
    ],
    [...strings.keys()],
    { AccountValue: "Inputs!$B$1", Cash: "Inputs!$B$2", VIX: "Inputs!$B$3" },
  );
}
