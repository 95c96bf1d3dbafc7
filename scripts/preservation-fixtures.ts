/**
 * Test packages for "never damage the user's workbook": the parts of real workbooks in
 * scripts/fixture-parts/ (their sources are in SOURCES.md) assembled around a position table, a
 * ReviewLog table with a totals row and the user's cells below it, and formulas pointing at
 * those cells. Deterministic: the same bytes on every run. LibreOffice-saved variants are made
 * from these by LibreOffice headless at test time (tests/xlsx/preservation.test.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from "@zip.js/zip.js";

const PARTS = path.join(__dirname, "fixture-parts");
const part = (rel: string) => new Uint8Array(fs.readFileSync(path.join(PARTS, rel)));

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const DECL = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n`;

type V = string | number | { f: string; v?: number | string } | null;

/** A sheet's rows as cells: text through the shared strings, numbers, formulas with a cached value. */
class Strings {
  readonly list: string[] = [];
  index(s: string): number {
    const i = this.list.indexOf(s);
    if (i >= 0) return i;
    this.list.push(s);
    return this.list.length - 1;
  }
  xml(): string {
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return `${DECL}<sst xmlns="${MAIN}" count="${this.list.length}" uniqueCount="${this.list.length}">${this.list.map((s) => `<si><t>${esc(s)}</t></si>`).join("")}</sst>`;
  }
}

const col = (n: number) => {
  let s = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

function rowsXml(sst: Strings, rows: Record<number, V[]>, styles: Record<string, number> = {}, from = 1): string {
  return Object.entries(rows)
    .map(([r, cells]) => {
      const body = cells
        .map((v, i) => {
          const ref = `${col(from + i)}${r}`;
          const s = styles[ref] ? ` s="${styles[ref]}"` : "";
          if (v === null) return "";
          if (typeof v === "number") return `<c r="${ref}"${s}><v>${v}</v></c>`;
          if (typeof v === "string") return `<c r="${ref}"${s} t="s"><v>${sst.index(v)}</v></c>`;
          const cached = v.v === undefined ? "" : typeof v.v === "number" ? `<v>${v.v}</v>` : `<v>${v.v}</v>`;
          return `<c r="${ref}"${s}${typeof v.v === "string" ? ' t="str"' : ""}><f>${v.f.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</f>${cached}</c>`;
        })
        .join("");
      return `<row r="${r}">${body}</row>`;
    })
    .join("");
}

const HEADER = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Expiration", "Status"];
/** RULES.md's worked example with dates as serials (46027 = 2026-01-05). */
const POSITIONS: V[][] = [
  ["KO", "Put", "Sell", 60, 1, 46027, 46101, "Open"],
  ["PFE", "Put", "Sell", 25, 4, 46034, 46101, "Open"],
  ["T", "Put", "Sell", 17, 5, 46042, 46101, "Open"],
  ["KO", "Put", "Sell", 62, 1, 46055, 46101, "Open"],
  ["MSFT", "Put", "Sell", 380, 1, 46028, 46073, "Closed"],
  ["PFE", "Put", "Sell", "abc", 1, 46029, 46101, "Open"],
  ["KO", "Call", "Sell", 65, 1, 46030, 46101, "Open"],
  ["SPY", "Put", "Buy", 500, 1, 46031, 46101, "Open"],
];
const LOG_HEADER = ["Date", "Account value", "Cash", "VIX", "Cap %", "Budget", "Exposure", "Headroom", "Backing", "Over-budget rows"];

/** The parts of the assembled Excel workbook, in the order Excel writes them. */
function excelParts(): [string, Uint8Array | string][] {
  const sst = new Strings();
  const positionRows: Record<number, V[]> = { 1: [...HEADER, null, "Account value", 100000] };
  POSITIONS.forEach((r, i) => (positionRows[i + 2] = [...r]));
  positionRows[2].push(null, "Cash", 40000);
  positionRows[3].push(null, "VIX", 18);
  // A formula through the external link, with the value Excel saved for it.
  positionRows[5].push(null, "Rates (linked)", { f: "[1]Sheet1!$A$1", v: 1 });
  positionRows[11] = ["Notes merged across the table's width"];
  const dateStyles: Record<string, number> = {};
  for (let r = 2; r <= 9; r++) {
    dateStyles[`F${r}`] = 1;
    dateStyles[`G${r}`] = 1;
    dateStyles[`D${r}`] = 7;
  }
  const positions =
    `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:K11"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="8" width="12" customWidth="1"/><col min="10" max="10" width="16" customWidth="1"/></cols>` +
    `<sheetData>${rowsXml(sst, positionRows, dateStyles)}</sheetData>` +
    `<mergeCells count="1"><mergeCell ref="A11:H11"/></mergeCells>` +
    `<conditionalFormatting sqref="E2:E9"><cfRule type="cellIs" dxfId="2" priority="1" operator="greaterThan"><formula>3</formula></cfRule></conditionalFormatting>` +
    `<dataValidations count="1"><dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="H2:H9"><formula1>"Open,Closed,Expired,Assigned"</formula1></dataValidation></dataValidations>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;

  // The log: A1:J4, row 4 the totals row; the user's cells beside the row below and further down.
  const logRows: Record<number, V[]> = {
    1: [...LOG_HEADER],
    2: [46000, 100000, 40000, 18, 0.3, 30000, 25000, 5000, "cash-secured", 0],
    3: [46007, 100000, 40000, 19, 0.3, 30000, 27000, 3000, "cash-secured", 0],
    4: ["Total", null, null, null, null, null, { f: "SUBTOTAL(109,ReviewLog[Exposure])", v: 52000 }],
    5: [null, null, null, null, null, null, null, null, null, null, null, null, 77],
    7: ["my note", null, null, null, null, null, 123],
    8: [null, null, null, null, null, null, { f: "G7*2", v: 246 }],
  };
  const log =
    `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:M8"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    `<sheetData>${rowsXml(sst, logRows, { A2: 1, A3: 1 })}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;

  const summary =
    `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="A1:A4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    `<sheetData>${rowsXml(sst, { 1: [{ f: "'My Log'!M5", v: 77 }], 2: [{ f: "'My Log'!G7", v: 123 }], 3: [{ f: "'My Log'!G8", v: 246 }], 4: [{ f: "SUM(ReviewLog[Exposure])", v: 52000 }] })}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;

  // The threaded comments sit on P7..P14 of this sheet, as in the workbook they come from; the chart beside them.
  const noteRows: Record<number, V[]> = {};
  for (const r of [7, 8, 9, 11, 13, 14]) noteRows[r] = [`setting ${r}`];
  const notes =
    `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${R}"><dimension ref="P7:P14"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    `<sheetData>${rowsXml(sst, noteRows, {}, 16)}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId2"/><legacyDrawing r:id="rId1"/></worksheet>`;

  const posTable =
    `${DECL}<table xmlns="${MAIN}" id="1" name="Positions" displayName="Positions" ref="A1:H9" totalsRowShown="0"><autoFilter ref="A1:H9"/><tableColumns count="8">` +
    HEADER.map((h, i) => `<tableColumn id="${i + 1}" name="${h}"/>`).join("") +
    `</tableColumns><tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;
  const logTable =
    `${DECL}<table xmlns="${MAIN}" id="2" name="ReviewLog" displayName="ReviewLog" ref="A1:J4" totalsRowCount="1"><autoFilter ref="A1:J3"/><tableColumns count="10">` +
    LOG_HEADER.map((h, i) => (i === 0 ? `<tableColumn id="1" name="${h}" totalsRowLabel="Total"/>` : i === 6 ? `<tableColumn id="7" name="${h}" totalsRowFunction="sum"/>` : `<tableColumn id="${i + 1}" name="${h}"/>`)).join("") +
    `</tableColumns><tableStyleInfo name="TableStyleLight9" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`;

  const workbook =
    `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${R}"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="21328"/><workbookPr defaultThemeVersion="166925"/>` +
    `<bookViews><workbookView xWindow="-98" yWindow="-98" windowWidth="28996" windowHeight="15796"/></bookViews>` +
    `<sheets><sheet name="Positions" sheetId="1" r:id="rId1"/><sheet name="My Log" sheetId="2" r:id="rId2"/><sheet name="Summary" sheetId="3" r:id="rId3"/><sheet name="Notes" sheetId="4" r:id="rId4"/></sheets>` +
    `<externalReferences><externalReference r:id="rId9"/></externalReferences>` +
    `<definedNames><definedName name="AccountValue">Positions!$K$1</definedName><definedName name="Cash">Positions!$K$2</definedName><definedName name="LinkedRate">[1]Sheet1!$A$1</definedName><definedName name="VIX">Positions!$K$3</definedName></definedNames>` +
    `<calcPr calcId="191029"/></workbook>`;
  const workbookRels =
    `${DECL}<Relationships xmlns="${PKG}">` +
    ["worksheets/sheet1.xml", "worksheets/sheet2.xml", "worksheets/sheet3.xml", "worksheets/sheet4.xml"].map((t, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="${t}"/>`).join("") +
    `<Relationship Id="rId5" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId6" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>` +
    `<Relationship Id="rId7" Type="${R}/connections" Target="connections.xml"/><Relationship Id="rId8" Type="http://schemas.microsoft.com/office/2017/10/relationships/person" Target="persons/person.xml"/>` +
    `<Relationship Id="rId9" Type="${R}/externalLink" Target="externalLinks/externalLink1.xml"/><Relationship Id="rId10" Type="${R}/customXml" Target="../customXml/item1.xml"/></Relationships>`;
  const drawing =
    `${DECL}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
    `<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${R}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
  const ov = (p: string, t: string) => `<Override PartName="/${p}" ContentType="application/vnd.${t}"/>`;
  const types =
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>` +
    ov("xl/workbook.xml", "openxmlformats-officedocument.spreadsheetml.sheet.main+xml") +
    [1, 2, 3, 4].map((n) => ov(`xl/worksheets/sheet${n}.xml`, "openxmlformats-officedocument.spreadsheetml.worksheet+xml")).join("") +
    ov("xl/styles.xml", "openxmlformats-officedocument.spreadsheetml.styles+xml") +
    ov("xl/sharedStrings.xml", "openxmlformats-officedocument.spreadsheetml.sharedStrings+xml") +
    ov("xl/connections.xml", "openxmlformats-officedocument.spreadsheetml.connections+xml") +
    ov("xl/externalLinks/externalLink1.xml", "openxmlformats-officedocument.spreadsheetml.externalLink+xml") +
    ov("xl/tables/table1.xml", "openxmlformats-officedocument.spreadsheetml.table+xml") +
    ov("xl/tables/table2.xml", "openxmlformats-officedocument.spreadsheetml.table+xml") +
    ov("xl/comments1.xml", "openxmlformats-officedocument.spreadsheetml.comments+xml") +
    ov("xl/threadedComments/threadedComment1.xml", "ms-excel.threadedcomments+xml") +
    ov("xl/persons/person.xml", "ms-excel.person+xml") +
    ov("xl/drawings/drawing1.xml", "openxmlformats-officedocument.drawing+xml") +
    ov("xl/charts/chart1.xml", "openxmlformats-officedocument.drawingml.chart+xml") +
    ov("customXml/itemProps1.xml", "openxmlformats-officedocument.customXmlProperties+xml") +
    `</Types>`;
  const rels = (items: [string, string, string?][]) =>
    `${DECL}<Relationships xmlns="${PKG}">${items.map(([type, target, mode], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"${mode ? ` TargetMode="${mode}"` : ""}/>`).join("")}</Relationships>`;

  return [
    ["[Content_Types].xml", types],
    ["_rels/.rels", rels([[`${R}/officeDocument`, "xl/workbook.xml"]])],
    ["xl/workbook.xml", workbook],
    ["xl/_rels/workbook.xml.rels", workbookRels],
    ["xl/worksheets/sheet1.xml", positions],
    ["xl/worksheets/sheet2.xml", log],
    ["xl/worksheets/sheet3.xml", summary],
    ["xl/worksheets/sheet4.xml", notes],
    ["xl/worksheets/_rels/sheet1.xml.rels", rels([[`${R}/table`, "../tables/table1.xml"]])],
    ["xl/worksheets/_rels/sheet2.xml.rels", rels([[`${R}/table`, "../tables/table2.xml"]])],
    [
      "xl/worksheets/_rels/sheet4.xml.rels",
      rels([
        [`${R}/vmlDrawing`, "../drawings/vmlDrawing1.vml"],
        [`${R}/drawing`, "../drawings/drawing1.xml"],
        [`${R}/comments`, "../comments1.xml"],
        ["http://schemas.microsoft.com/office/2017/10/relationships/threadedComment", "../threadedComments/threadedComment1.xml"],
      ]),
    ],
    ["xl/tables/table1.xml", posTable],
    ["xl/tables/table2.xml", logTable],
    ["xl/styles.xml", part("excel/styles.xml")],
    ["xl/sharedStrings.xml", sst.xml()],
    ["xl/connections.xml", part("excel/connections.xml")],
    ["xl/persons/person.xml", part("excel/person.xml")],
    ["xl/comments1.xml", part("excel/comments1.xml")],
    ["xl/threadedComments/threadedComment1.xml", part("excel/threadedComment1.xml")],
    ["xl/drawings/vmlDrawing1.vml", part("excel/vmlDrawing1.vml")],
    ["xl/drawings/drawing1.xml", drawing],
    ["xl/drawings/_rels/drawing1.xml.rels", rels([[`${R}/chart`, "../charts/chart1.xml"]])],
    ["xl/charts/chart1.xml", part("other/chart1.xml")],
    ["xl/externalLinks/externalLink1.xml", part("other/externalLink1.xml")],
    ["xl/externalLinks/_rels/externalLink1.xml.rels", rels([[`${R}/externalLinkPath`, "Rates.xlsx", "External"]])],
    ["customXml/item1.xml", part("excel/item1.xml")],
    ["customXml/itemProps1.xml", part("excel/itemProps1.xml")],
    ["customXml/_rels/item1.xml.rels", rels([[`${R}/customXmlProps`, "itemProps1.xml"]])],
  ];
}

async function zip(parts: [string, Uint8Array | string][]): Promise<Uint8Array> {
  // A fixed date: the same bytes on every run.
  const writer = new ZipWriter(new Uint8ArrayWriter(), { lastModDate: new Date(Date.UTC(2026, 0, 1)), extendedTimestamp: false, level: 6 });
  for (const [name, data] of parts) await writer.add(name, typeof data === "string" ? new TextReader(data) : new Uint8ArrayReader(data));
  return writer.close();
}

/** The workbook assembled from Excel-saved parts (see scripts/fixture-parts/SOURCES.md). */
export async function excelAssembled(): Promise<Uint8Array> {
  return zip(excelParts());
}

/**
 * A flat ODS holding a small table and a DataPilot over it: LibreOffice converts it to an
 * .xlsx with a pivot table, pivot cache and records of its own.
 */
export const PIVOT_FODS = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet>
<table:table table:name="Positions">
${[HEADER, ...POSITIONS.slice(0, 4)]
  .map(
    (r) =>
      `<table:table-row>${r
        .map((v) => (typeof v === "number" ? `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>` : `<table:table-cell office:value-type="string"><text:p>${v}</text:p></table:table-cell>`))
        .join("")}</table:table-row>`,
  )
  .join("\n")}
</table:table>
<table:table table:name="By ticker"><table:table-row><table:table-cell/></table:table-row></table:table>
<table:data-pilot-tables>
<table:data-pilot-table table:name="ByTicker" table:target-range-address="'By ticker'.A1:'By ticker'.B6" table:buttons="'By ticker'.A1">
<table:source-cell-range table:cell-range-address="Positions.A1:Positions.H5"/>
<table:data-pilot-field table:source-field-name="Ticker" table:orientation="row" table:used-hierarchy="-1"/>
<table:data-pilot-field table:source-field-name="Strike" table:orientation="data" table:function="sum" table:used-hierarchy="-1"/>
</table:data-pilot-table>
</table:data-pilot-tables>
</office:spreadsheet></office:body></office:document>
`;

if (require.main === module) {
  const out = process.argv[2] ?? ".";
  excelAssembled().then((bytes) => {
    fs.writeFileSync(path.join(out, "excel-assembled.xlsx"), bytes);
    fs.writeFileSync(path.join(out, "pivot.fods"), PIVOT_FODS);
  });
}
