/**
 * Builds the workbooks of tests/fixtures/real/ that are not downloaded files:
 *   npm run fixtures:real
 * - excel-desktop/: packages assembled from the parts of two workbooks Excel saved
 *   (tests/fixtures/real/parts/*, each with its SOURCE.md): every part keeps Excel's own markup,
 *   and our cells, names and table ranges go where the original had its own.
 * - libreoffice/: a workbook or CSV we write, opened and saved by LibreOffice headless
 *   (`soffice --convert-to xlsx`), so the file is LibreOffice's own writing.
 * Each workbook has an expected file beside it, worked out by hand (never generated here).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Cell } from "../src/core/types";
import { excelLikePackage, sheetRows } from "./bench-workbooks";
import { PKG_REL_NS, REL_NS, XML_DECL, escapeXml, letters, zipParts } from "./package-parts";

const ROOT = path.resolve(process.argv[2] ?? ".");
const REAL = path.join(ROOT, "tests", "fixtures", "real");
const PARTS = path.join(REAL, "parts");
const part = (source: string, name: string) => fs.readFileSync(path.join(PARTS, source, name), "utf8");

const MAC = "excel-mac-2011-pros-cons";
const WIN = "excel-win-2016-resetanalytics";

// ------------------------------------------------------------------ data (RULES.md's worked example)

const HEADER = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Expiration", "Status"];
const day = (iso: string) => Math.round((Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) - Date.UTC(1899, 11, 30)) / 86_400_000);
/** KO 60 x1, PFE 25 x4, T 17 x5, KO 62 x1 in the order opened, and a closed MSFT put. */
function workedRows(type = "Put"): Cell[][] {
  return [
    ["KO", type, "Sell", 60, 1, day("2026-01-05"), day("2026-02-20"), "Open"],
    ["PFE", type, "Sell", 25, 4, day("2026-01-07"), day("2026-02-20"), "Open"],
    ["T", type, "Sell", 17, 5, day("2026-01-09"), day("2026-03-20"), "Open"],
    ["KO", type, "Sell", 62, 1, day("2026-01-12"), day("2026-03-20"), "Open"],
    ["MSFT", type, "Sell", 400, 1, day("2026-01-02"), day("2026-01-16"), "Closed"],
  ];
}
const DATE_COLUMNS = new Set([5, 6]);

// ------------------------------------------------------------------ Excel-saved parts, our cells

interface ExcelSheet {
  name: string;
  state?: "hidden";
  /** Rows from `firstRow`, column A first. */
  grid: Cell[][];
  firstRow?: number;
  /** Formula cells: address -> [formula, cached value]. */
  formulas?: Record<string, [string, Cell]>;
  merges?: string[];
  validations?: string[];
  /** A cell far out, as some files carry one. */
  stray?: [string, string];
  tables?: { name: string; ref: string; columns: string[]; totals?: { label: string; functions: Record<string, string> }; source: "mac" | "win" }[];
}

/** The source sheet's markup before and after its cell data, without the parts our copy does not carry. */
function sheetFrame(source: string, dimension: string): { head: string; tail: (extra: { merges: string; validations: string; tableParts: string }) => string; dy: string } {
  const xml = part(source, "sheet1.xml");
  const open = xml.indexOf("<sheetData>");
  const close = xml.indexOf("</sheetData>") + "</sheetData>".length;
  const head = xml.slice(0, open).replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${dimension}"/>`);
  const after = xml.slice(close);
  const keep = (re: RegExp) => re.exec(after)?.[0] ?? "";
  const phonetic = keep(/<phoneticPr[^>]*\/>/);
  const margins = keep(/<pageMargins[^>]*\/>/);
  const ext = keep(/<extLst>[\s\S]*<\/extLst>/);
  const dy = /x14ac:dyDescent="([^"]*)"/.exec(head)?.[1] ?? "0.25";
  return { head, dy, tail: (x) => x.merges + phonetic + x.validations + margins + x.tableParts + ext + "</worksheet>" };
}

/** A table part with the source table's own attributes and style, our name, range and columns. */
function tablePart(source: "mac" | "win", id: number, t: NonNullable<ExcelSheet["tables"]>[number]): string {
  const xml = part(source === "mac" ? MAC : WIN, "table1.xml");
  const open = /<table [^>]*>/.exec(xml)![0];
  let attrs = open
    .replace(/ id="\d+"/, ` id="${id}"`)
    .replace(/ name="[^"]*"/, ` name="${t.name}"`)
    .replace(/ displayName="[^"]*"/, ` displayName="${t.name}"`)
    .replace(/ ref="[^"]*"/, ` ref="${t.ref}"`)
    // Formats of the original's cells: our copy has no such differential formats.
    .replace(/ (?:headerRowDxfId|dataDxfId|totalsRowDxfId)="\d+"/g, "");
  if (!t.totals) attrs = attrs.replace(/ totalsRowCount="\d+"/, "");
  const [a, b] = t.ref.split(":");
  const filterRef = t.totals ? `${a}:${b.replace(/\d+$/, (n) => String(Number(n) - 1))}` : t.ref;
  const cols = t.columns
    .map((c, i) => {
      const label = t.totals && i === 0 ? ` totalsRowLabel="${escapeXml(t.totals.label)}"` : "";
      const fn = t.totals?.functions[c] ? ` totalsRowFunction="${t.totals.functions[c]}"` : "";
      return `<tableColumn id="${i + 1}" name="${escapeXml(c)}"${label}${fn}/>`;
    })
    .join("");
  const style = /<tableStyleInfo[^>]*\/>/.exec(xml)![0];
  return `${XML_DECL}${attrs}<autoFilter ref="${filterRef}"/><tableColumns count="${t.columns.length}">${cols}</tableColumns>${style}</table>`;
}

/** The workbook part of a source with our sheets and defined names in place of its own. */
function workbookPart(source: string, sheets: ExcelSheet[], names: Record<string, string>): string {
  const xml = part(source, "workbook.xml");
  const sheetEls = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`).join("");
  const nameEls = Object.entries(names)
    .map(([n, ref]) => `<definedName name="${n}">${escapeXml(ref)}</definedName>`)
    .join("");
  return xml
    .replace(/<sheets>[\s\S]*<\/sheets>/, `<sheets>${sheetEls}</sheets>`)
    .replace(/<definedNames>[\s\S]*<\/definedNames>/, nameEls ? `<definedNames>${nameEls}</definedNames>` : "")
    .replace(/ activeTab="\d+"/, "");
}

/** Options of a whole package: `date1904` stores dates as days from 1904, as old Excel for Mac workbooks do. */
interface PackageOptions {
  date1904?: boolean;
}

async function excelPackage(source: string, sheets: ExcelSheet[], names: Record<string, string>, options: PackageOptions = {}): Promise<Uint8Array> {
  const strings = new Map<string, number>();
  const parts: Record<string, string> = {};
  const overrides: string[] = [];
  let tableId = 0;
  const sheetParts: Record<string, string> = {};
  sheets.forEach((s, i) => {
    const first = s.firstRow ?? 1;
    const width = Math.max(1, ...s.grid.map((r) => r.length));
    const last = first + s.grid.length - 1;
    const frame = sheetFrame(source, `A${first}:${letters(width)}${Math.max(first, last)}`);
    const grid = options.date1904 ? s.grid.map((r) => r.map((c, k) => (DATE_COLUMNS.has(k) && typeof c === "number" ? c - 1462 : c))) : s.grid;
    let rows = sheetRows(grid, strings, DATE_COLUMNS, first).replace(/x14ac:dyDescent="0.25"/g, `x14ac:dyDescent="${frame.dy}"`);
    for (const [address, [formula, cached]] of Object.entries(s.formulas ?? {})) {
      const value = typeof cached === "number" ? `<v>${cached}</v>` : cached === null ? "" : `<v>${escapeXml(String(cached))}</v>`;
      const cell = `<c r="${address}"${typeof cached === "string" ? ' t="str"' : ""}><f>${escapeXml(formula)}</f>${value}</c>`;
      const r = Number(/\d+$/.exec(address)![0]);
      const at = rows.indexOf(`<row r="${r}" `);
      if (at < 0) throw new Error(`no row ${r} for the formula in ${address}`);
      const end = rows.indexOf("</row>", at);
      rows = rows.slice(0, end) + cell + rows.slice(end);
    }
    if (s.stray) {
      const [address, text] = s.stray;
      rows += `<row r="${/\d+$/.exec(address)![0]}" spans="16384:16384" x14ac:dyDescent="${frame.dy}"><c r="${address}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c></row>`;
    }
    const rels: string[] = [];
    const tableParts: string[] = [];
    for (const t of s.tables ?? []) {
      tableId++;
      parts[`xl/tables/table${tableId}.xml`] = tablePart(t.source, tableId, t);
      overrides.push(`<Override PartName="/xl/tables/table${tableId}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`);
      rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${REL_NS}/table" Target="../tables/table${tableId}.xml"/>`);
      tableParts.push(`<tablePart r:id="rId${rels.length}"/>`);
    }
    if (rels.length) sheetParts[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = XML_DECL + `<Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`;
    const merges = s.merges?.length ? `<mergeCells count="${s.merges.length}">${s.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "";
    const validations = s.validations?.length ? `<dataValidations count="${s.validations.length}">${s.validations.join("")}</dataValidations>` : "";
    const tp = tableParts.length ? `<tableParts count="${tableParts.length}">${tableParts.join("")}</tableParts>` : "";
    sheetParts[`xl/worksheets/sheet${i + 1}.xml`] = frame.head + `<sheetData>${rows}</sheetData>` + frame.tail({ merges, validations, tableParts: tp });
    overrides.push(`<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
  });
  // The content types, relationships and styles are the plain ones Excel writes for a new workbook.
  parts["[Content_Types].xml"] =
    XML_DECL +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides.join("")}` +
    `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
  parts["_rels/.rels"] = XML_DECL + `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  parts["xl/workbook.xml"] = workbookPart(source, sheets, names);
  if (options.date1904) parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(/<workbookPr /, '<workbookPr date1904="1" ');
  const n = sheets.length;
  parts["xl/_rels/workbook.xml.rels"] =
    XML_DECL +
    `<Relationships xmlns="${PKG_REL_NS}">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("")}` +
    `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  parts["xl/styles.xml"] = EXCEL_STYLES;
  parts["xl/sharedStrings.xml"] = XML_DECL + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">${[...strings.keys()].map((s) => `<si><t>${escapeXml(s)}</t></si>`).join("")}</sst>`;
  Object.assign(parts, sheetParts);
  return zipParts(parts);
}

/** Excel's styles for a new workbook, with the short-date format (numFmtId 14) as cell format 1. */
const EXCEL_STYLES =
  XML_DECL +
  `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">` +
  `<fonts count="1" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

const INPUT_NAMES = { AccountValue: "Settings!$B$1", Cash: "Settings!$B$2", VIX: "Settings!$B$3" };
const settingsSheet = (): ExcelSheet => ({ name: "Settings", grid: [["Account value", 100000], ["Cash", 40000], ["VIX", 18]] });

/** The worked example as a ListObject below a merged title, as in the Windows workbook. */
function putsBelowTitle(extra: Partial<ExcelSheet> = {}): ExcelSheet {
  return {
    name: "Positions",
    grid: [["My cash-secured puts 2026"], [], [], HEADER, ...workedRows()],
    merges: ["A1:H1"],
    tables: [{ name: "T_PUTS", ref: "A4:H9", columns: HEADER, source: "win" }],
    ...extra,
  };
}

const wholeColumn = (column: string, i: number) =>
  i % 2 === 0
    ? `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${column}:${column}"><formula1>"Open,Closed,Expired,Assigned"</formula1></dataValidation>`
    : `<dataValidation type="decimal" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${column}1:${column}1048576"><formula1>0</formula1></dataValidation>`;

const EXCEL: Record<string, () => Promise<Uint8Array>> = {
  "listobject-below-title": () => excelPackage(WIN, [putsBelowTitle(), settingsSheet(), { name: "CALC", state: "hidden", grid: [["scratch"]] }], INPUT_NAMES),
  "listobject-totals-row": () =>
    excelPackage(
      MAC,
      [
        {
          name: "Puts",
          firstRow: 4,
          grid: [HEADER, ...workedRows(), ["Total"]],
          formulas: { E10: ["SUBTOTAL(109,PutsTable[Qty])", 12] },
          tables: [{ name: "PutsTable", ref: "A4:H10", columns: HEADER, totals: { label: "Total", functions: { Qty: "sum" } }, source: "mac" }],
        },
      ],
      {},
    ),
  // Dates counted from 1904: read as the same days, the two February expirations are past on March 1.
  "date1904-expired": () =>
    excelPackage(
      MAC,
      [{ name: "Puts", firstRow: 4, grid: [HEADER, ...workedRows()], tables: [{ name: "PutsTable", ref: "A4:H9", columns: HEADER, source: "mac" }] }],
      {},
      { date1904: true },
    ),
  "reviewed-twice": () =>
    excelPackage(
      WIN,
      [
        putsBelowTitle(),
        settingsSheet(),
        { name: "Weekly Review", grid: [["Assignment Guard weekly review"], ["Exposure", 30700]] },
        {
          name: "Review Log",
          grid: [
            ["Date", "Account value", "Cash", "VIX", "Cap", "Budget", "Exposure", "Headroom", "Backing", "Over-budget rows"],
            [day("2026-02-03"), 100000, 40000, 18, 0.3, 30000, 30700, -700, "cash-secured", 1],
            [day("2026-02-10"), 100000, 40000, 18, 0.3, 30000, 30700, -700, "cash-secured", 1],
          ],
          tables: [{ name: "ReviewLog", ref: "A1:J3", columns: ["Date", "Account value", "Cash", "VIX", "Cap", "Budget", "Exposure", "Headroom", "Backing", "Over-budget rows"], source: "win" }],
        },
      ],
      INPUT_NAMES,
    ),
  "validations-2": () => excelPackage(WIN, [putsBelowTitle({ validations: ["H", "D"].map(wholeColumn) }), settingsSheet()], INPUT_NAMES),
  "validations-10": () => excelPackage(WIN, [putsBelowTitle({ validations: ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"].map(wholeColumn) }), settingsSheet()], INPUT_NAMES),
  "stray-cell-xfd1048576": () => excelPackage(WIN, [putsBelowTitle({ stray: ["XFD1048576", "x"] }), settingsSheet()], INPUT_NAMES),
};

// ------------------------------------------------------------------ LibreOffice saves

const csv = (rows: Cell[][]) => rows.map((r) => r.map((c) => (c === null ? "" : typeof c === "string" && /[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : String(c))).join(",")).join("\n") + "\n";
const iso = (serial: Cell) => (typeof serial === "number" ? new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10) : serial);
const asText = (rows: Cell[][]) => rows.map((r) => r.map((c, i) => (DATE_COLUMNS.has(i) ? iso(c) : c)));

const LIBREOFFICE: Record<string, () => Promise<{ ext: "csv" | "xlsx"; data: string | Uint8Array }>> = {
  "worked-example-csp": async () => ({ ext: "csv", data: csv([HEADER, ...asText(workedRows("CSP"))]) }),
  "put-log-closed-call": async () => ({
    ext: "csv",
    data: csv([
      ["Ticker", "Type", "Strike", "Qty", "Open Date", "Status"],
      ["KO", "Put", 60, 1, "2026-01-05", "Open"],
      ["PFE", "Put", 25, 4, "2026-01-07", "Open"],
      ["AAPL", "Call", 250, -1, "2026-01-08", "Closed"],
      ["T", "Put", 17, 5, "2026-01-09", "Open"],
      ["KO", "Put", 62, 1, "2026-01-12", "Open"],
    ]),
  }),
  // Excel's ListObject with a totals row opened and saved by LibreOffice, which writes its own table part.
  "listobject-totals-row-resaved": async () => ({ ext: "xlsx", data: await EXCEL["listobject-totals-row"]() }),
  "type-typo": async () => {
    const rows = asText(workedRows());
    rows[1][1] = "Put Option?";
    return { ext: "csv", data: csv([HEADER, ...rows]) };
  },
  "sum-ticker": async () => {
    const rows = asText(workedRows());
    rows[2][0] = "SUM";
    return { ext: "csv", data: csv([HEADER, ...rows]) };
  },
  "subtotal-january": async () => {
    const rows = asText(workedRows());
    return { ext: "csv", data: csv([HEADER, rows[0], rows[1], ["Subtotal January", null, null, null, 5, null, null, null], rows[2], rows[3], rows[4]]) };
  },
  "wheel-template": async () => ({
    ext: "csv",
    data: csv([
      ["Date Opened", "Stock Symbol", "Call or Put", "B/S", "Strike Price", "# Contracts", "Expiration Date", "Status"],
      ...asText(workedRows()).map((r) => [r[5], r[0], r[1], r[2] === "Sell" ? "S" : "B", r[3], r[4], r[6], r[7]]),
    ]),
  }),
  "hidden-sheet-has-headers": async () => {
    const strings = new Map<string, number>();
    const book = sheetRows([["Stock", "Px", "#", "When"], ["KO", 60, 1, "Jan 5"], ["PFE", 25, 4, "Jan 7"]], strings);
    const data = sheetRows([HEADER, ...workedRows()], strings, DATE_COLUMNS);
    return {
      ext: "xlsx",
      data: await excelLikePackageWithStates([
        { name: "Book", rows: book },
        { name: "Data", rows: data, state: "hidden" },
      ], strings),
    };
  },
};

async function excelLikePackageWithStates(sheets: { name: string; rows: string; state?: string }[], strings: Map<string, number>): Promise<Uint8Array> {
  const bytes = await excelLikePackage(sheets.map((s) => ({ name: s.name, xml: { rows: s.rows } })), [...strings.keys()], {});
  // The hidden state is the one thing the bench's writer does not say: set it on the workbook part.
  const { ZipArchive } = await import("../src/xlsx/package/zip");
  const zip = await ZipArchive.open(bytes);
  const parts: Record<string, string> = {};
  for (const name of zip.names) parts[name] = await zip.text(name);
  for (const s of sheets) if (s.state) parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(`<sheet name="${s.name}"`, `<sheet name="${s.name}" state="${s.state}"`);
  return zipParts(parts);
}

function libreOfficeSave(input: string, outDir: string): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "ag-lo-profile-"));
  try {
    execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, input], { stdio: "pipe", timeout: 120_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const out = path.join(outDir, path.basename(input).replace(/\.(csv|xlsx)$/, ".xlsx"));
  if (!fs.existsSync(out)) throw new Error(`LibreOffice did not write ${out}`);
  return out;
}

// ------------------------------------------------------------------ the shape of a Google Sheets export

/**
 * A workbook in the shape Google Sheets exports (no verbatim export was found in a repository that
 * can be cited, so this is rebuilt from its traits as public test code quotes them): sheets listed
 * with state first and the relationships after theme, styles and shared strings (rId4...), empty
 * definedNames and calcPr, an Arial "Sheets" theme, sheetPr/outlinePr summaryBelow="0", a default
 * row height of 15.75, every cell styled, no table parts, dates in a custom format.
 */
async function googleSheetsShape(grid: Cell[][]): Promise<Uint8Array> {
  const strings = new Map<string, number>();
  const rows = grid
    .map((cells, i) => {
      const r = i + 1;
      const out = cells
        .map((v, c) => {
          if (v === null) return "";
          const ref = `${letters(c + 1)}${r}`;
          if (typeof v === "number") return `<c r="${ref}" s="${i > 0 && DATE_COLUMNS.has(c) ? 2 : 1}"><v>${v}</v></c>`;
          let k = strings.get(String(v));
          if (k === undefined) strings.set(String(v), (k = strings.size));
          return `<c r="${ref}" s="1" t="s"><v>${k}</v></c>`;
        })
        .join("");
      return `<row r="${r}">${out}</row>`;
    })
    .join("");
  const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_NS}" xmlns:mx="http://schemas.microsoft.com/office/mac/excel/2008/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"`;
  return zipParts({
    "_rels/.rels": XML_DECL + `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/_rels/workbook.xml.rels":
      XML_DECL +
      `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/theme" Target="theme/theme1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/><Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    "xl/theme/theme1.xml":
      XML_DECL +
      `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL_NS}" name="Sheets"><a:themeElements><a:clrScheme name="Sheets"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="000000"/></a:dk2><a:lt2><a:srgbClr val="FFFFFF"/></a:lt2><a:accent1><a:srgbClr val="4285F4"/></a:accent1><a:accent2><a:srgbClr val="EA4335"/></a:accent2><a:accent3><a:srgbClr val="FBBC04"/></a:accent3><a:accent4><a:srgbClr val="34A853"/></a:accent4><a:accent5><a:srgbClr val="FF6D01"/></a:accent5><a:accent6><a:srgbClr val="46BDC6"/></a:accent6><a:hlink><a:srgbClr val="1155CC"/></a:hlink><a:folHlink><a:srgbClr val="1155CC"/></a:folHlink></a:clrScheme><a:fontScheme name="Sheets"><a:majorFont><a:latin typeface="Arial"/><a:ea typeface="Arial"/><a:cs typeface="Arial"/></a:majorFont><a:minorFont><a:latin typeface="Arial"/><a:ea typeface="Arial"/><a:cs typeface="Arial"/></a:minorFont></a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>`,
    "xl/worksheets/sheet1.xml":
      XML_DECL +
      `<worksheet ${NS}><sheetPr><outlinePr summaryBelow="0" summaryRight="0"/></sheetPr><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr customHeight="1" defaultColWidth="12.63" defaultRowHeight="15.75"/><sheetData>${rows}</sheetData><drawing r:id="rId1"/></worksheet>`,
    "xl/worksheets/_rels/sheet1.xml.rels": XML_DECL + `<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/drawing" Target="../drawings/drawing1.xml"/></Relationships>`,
    "xl/drawings/drawing1.xml": XML_DECL + `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL_NS}" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:cx="http://schemas.microsoft.com/office/drawing/2014/chartex" xmlns:cx1="http://schemas.microsoft.com/office/drawing/2015/9/8/chartex" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:x3Unk="http://schemas.microsoft.com/office/drawing/2010/slicer" xmlns:sle15="http://schemas.microsoft.com/office/drawing/2012/slicer"/>`,
    "xl/sharedStrings.xml": XML_DECL + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">${[...strings.keys()].map((t) => `<si><t>${escapeXml(t)}</t></si>`).join("")}</sst>`,
    "xl/styles.xml":
      XML_DECL +
      `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><numFmts count="1"><numFmt numFmtId="164" formatCode="m/d/yyyy"/></numFmts>` +
      `<fonts count="2"><font><sz val="10.0"/><color rgb="FF000000"/><name val="Arial"/><scheme val="minor"/></font><font><color theme="1"/><name val="Arial"/><scheme val="minor"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="lightGray"/></fill></fills><borders count="1"><border/></borders>` +
      `<cellStyleXfs count="1"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" applyAlignment="1" applyFont="1"/></cellStyleXfs>` +
      `<cellXfs count="3"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" xfId="0" applyAlignment="1" applyFont="1"><alignment readingOrder="0" shrinkToFit="0" vertical="bottom" wrapText="0"/></xf><xf borderId="0" fillId="0" fontId="1" numFmtId="0" xfId="0" applyAlignment="1" applyFont="1"><alignment readingOrder="0"/></xf><xf borderId="0" fillId="0" fontId="1" numFmtId="164" xfId="0" applyAlignment="1" applyFont="1" applyNumberFormat="1"><alignment readingOrder="0"/></xf></cellXfs>` +
      `<cellStyles count="1"><cellStyle xfId="0" name="Normal" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>`,
    "xl/workbook.xml":
      XML_DECL +
      `<workbook ${NS}><workbookPr/><sheets><sheet state="visible" name="Puts" sheetId="1" r:id="rId4"/></sheets><definedNames/><calcPr/></workbook>`,
    "[Content_Types].xml":
      XML_DECL +
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default ContentType="application/xml" Extension="xml"/><Default ContentType="application/vnd.openxmlformats-package.relationships+xml" Extension="rels"/><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" PartName="/xl/worksheets/sheet1.xml"/><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" PartName="/xl/sharedStrings.xml"/><Override ContentType="application/vnd.openxmlformats-officedocument.drawing+xml" PartName="/xl/drawings/drawing1.xml"/><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" PartName="/xl/styles.xml"/><Override ContentType="application/vnd.openxmlformats-officedocument.theme+xml" PartName="/xl/theme/theme1.xml"/><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" PartName="/xl/workbook.xml"/></Types>`,
  });
}

const GOOGLE: Record<string, () => Promise<Uint8Array>> = {
  // A put log typed as people type it in Sheets: no side column, the strategy in the Type column.
  "put-log": () => googleSheetsShape([["Ticker", "Type", "Strike", "Qty", "Open Date", "Expiration", "Status"], ...workedRows("Put").map((r) => [r[0], r[1], r[3], r[4], r[5], r[6], r[7]])]),
};

async function main(): Promise<void> {
  fs.mkdirSync(path.join(REAL, "excel-desktop"), { recursive: true });
  fs.mkdirSync(path.join(REAL, "libreoffice"), { recursive: true });
  // LibreOffice stamps each save with the time: rebuild one of its files by naming it (npm run fixtures:real -- NAME).
  const only = process.argv.slice(3);
  const wanted = (name: string) => only.length === 0 || only.includes(name);
  for (const [name, build] of Object.entries(EXCEL)) {
    fs.writeFileSync(path.join(REAL, "excel-desktop", `${name}.xlsx`), await build());
    process.stdout.write(`excel-desktop/${name}.xlsx\n`);
  }
  fs.mkdirSync(path.join(REAL, "rebuilt"), { recursive: true });
  for (const [name, build] of Object.entries(GOOGLE)) {
    fs.writeFileSync(path.join(REAL, "rebuilt", `google-sheets-shape-${name}.xlsx`), await build());
    process.stdout.write(`rebuilt/google-sheets-shape-${name}.xlsx\n`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "ag-real-"));
  try {
    for (const [name, build] of Object.entries(LIBREOFFICE)) {
      if (!wanted(name)) continue;
      const { ext, data } = await build();
      const inDir = path.join(work, "in");
      const outDir = path.join(work, "out");
      fs.mkdirSync(inDir, { recursive: true });
      fs.mkdirSync(outDir, { recursive: true });
      const input = path.join(inDir, `${name}.${ext}`);
      fs.writeFileSync(input, data);
      fs.copyFileSync(libreOfficeSave(input, outDir), path.join(REAL, "libreoffice", `${name}.xlsx`));
      process.stdout.write(`libreoffice/${name}.xlsx\n`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
