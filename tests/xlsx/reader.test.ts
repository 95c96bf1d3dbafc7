import { XlsxReader } from "../../src/xlsx/reader";
import { WorkbookUnreadable } from "../../src/xlsx/errors";
import { isDateFormat } from "../../src/xlsx/package-model";
import { zipParts } from "../../scripts/package-parts";
import { buildPackage, row, PackageSpec } from "./parts";

const HEADER = ["Ticker", "Type", "Strike", "Qty"];
const NAMES = `<definedName name="AccountValue">Inputs!$B$1</definedName><definedName name="VIX">18</definedName>`;
const inputs = { name: "Inputs", data: row(1, ["Account", 100000]) };

async function snap(spec: PackageSpec, explicit: Parameters<XlsxReader["snapshot"]>[0] = null) {
  const reader = await XlsxReader.open(await buildPackage(spec));
  return reader.snapshot(explicit, true);
}

describe("the .xlsx reader reads what Excel, LibreOffice and Google Sheets write", () => {
  test("a table without headerRowCount has one header row (the format's default)", async () => {
    const s = await snap({
      sheets: [{ name: "Puts", data: row(1, HEADER) + row(2, ["KO", "Put", 60, 1]), tables: ['<table name="Puts" displayName="Puts" ref="A1:D2"><tableColumns count="4"><tableColumn id="1" name="Ticker"/><tableColumn id="2" name="Type"/><tableColumn id="3" name="Strike"/><tableColumn id="4" name="Qty"/></tableColumns></table>'] }],
    });
    expect(s.snapshot.table).toMatchObject({ header: HEADER, rows: [["KO", "Put", 60, 1]], headerRow: 1 });
    expect(s.snapshot.table!.source!.found).toMatch(/table Puts \(A1:D2\)/);
  });

  test("a table with a totals row leaves it out; headerRowCount=0 takes the names from the definition", async () => {
    const cols = '<tableColumns count="4"><tableColumn id="1" name="Ticker"/><tableColumn id="2" name="Type"/><tableColumn id="3" name="Strike"/><tableColumn id="4" name="Qty"/></tableColumns>';
    const totals = await snap({
      sheets: [{ name: "S", data: row(1, HEADER) + row(2, ["KO", "Put", 60, 1]) + row(3, ["Total", null, null, 1]), tables: [`<table name="T" displayName="T" ref="A1:D3" totalsRowCount="1">${cols}</table>`] }],
    });
    expect(totals.snapshot.table!.rows).toEqual([["KO", "Put", 60, 1]]);
    const headless = await snap({
      sheets: [{ name: "S", data: row(5, ["KO", "Put", 60, 1]) + row(6, ["T", "Put", 17, 5]), tables: [`<table name="T" displayName="T" ref="A5:D6" headerRowCount="0">${cols}</table>`] }],
    });
    expect(headless.snapshot.table).toMatchObject({ header: HEADER, headerRow: 4, rows: [["KO", "Put", 60, 1], ["T", "Put", 17, 5]] });
  });

  test("shared strings: rich text runs joined, phonetic guides left out, _xHHHH_ escapes decoded", async () => {
    const shared = `<si><t>Ticker</t></si><si><r><t>K</t></r><r><rPr><b/></rPr><t>O</t></r><rPh sb="0" eb="1"><t>ケーオー</t></rPh></si><si><t>Put_x000D__x000A_Option</t></si><si><t>_x005F_x0041_</t></si><si><t>Qty</t></si><si><t>Strike</t></si>`;
    const data = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>5</v></c><c r="C1" t="s"><v>4</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>60</v></c><c r="C2"><v>1</v></c><c r="D2" t="s"><v>2</v></c><c r="E2" t="s"><v>3</v></c></row>`;
    const s = await snap({ sheets: [{ name: "S", data }], shared }, { kind: "range", sheet: "S", address: "A1:E2" });
    expect(s.snapshot.table!.rows[0]).toEqual(["KO", 60, 1, "Put\r\nOption", "_x0041_"]);
  });

  test("inline strings, rich inline strings, cached formula results (str, b, e) and a formula without a saved value", async () => {
    const data =
      row(1, ["Ticker", "Strike", "Qty", "Note", "Flag"]) +
      `<row r="2"><c r="A2" t="inlineStr"><is><r><t>P</t></r><r><t>FE</t></r></is></c><c r="B2"><f>20+5</f><v>25</v></c><c r="C2" t="e"><f>NA()</f><v>#N/A</v></c><c r="D2" t="str"><f>"a"&amp;"&lt;b"</f><v>a&lt;b</v></c><c r="E2" t="b"><f>TRUE()</f><v>1</v></c></row>` +
      `<row r="3"><c r="A3" t="str"><f>"KO"</f><v>KO</v></c><c r="B3"><f>A1*2</f></c><c r="C3"><v>2</v></c></row>`;
    const s = await snap({ sheets: [{ name: "S", data }] });
    expect(s.snapshot.table!.rows).toEqual([
      ["PFE", 25, "#N/A", "a<b", true],
      ["KO", null, 2, null, null],
    ]);
  });

  test("dates by number format: built-in 14, a custom d/m/y format, ISO t=\"d\", and the 1904 date system", async () => {
    const styles =
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/><numFmt numFmtId="165" formatCode="&quot;$&quot;#,##0.00"/></numFmts>' +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>';
    const data = row(1, ["Ticker", "Strike", "Qty", "Expiration", "Opened", "Closed"]) + `<row r="2"><c r="A2" t="inlineStr"><is><t>KO</t></is></c><c r="B2" s="3"><v>60</v></c><c r="C2"><v>1</v></c><c r="D2" s="1"><v>46038</v></c><c r="E2" s="2"><v>46000</v></c><c r="F2" t="d"><v>2026-01-16T00:00:00</v></c></row>`;
    const s = await snap({ sheets: [{ name: "S", data }], styles });
    expect(s.snapshot.table!.rows[0]).toEqual(["KO", 60, 1, 46038, 46000, 46038]);
    expect([2, 4, 5, 6].map((c) => s.isDate(2, c))).toEqual([false, true, true, true]);
    const old = await snap({ sheets: [{ name: "S", data }], styles, workbookPr: '<workbookPr date1904="1"/>' });
    // 1904 serial 44576 is 2026-01-16, which the core knows as 46038.
    expect(old.snapshot.table!.rows[0].slice(3, 5)).toEqual([46038 + 1462, 46000 + 1462]);
    expect(isDateFormat("[$-409]mmm d, yyyy")).toBe(true);
    expect(isDateFormat("h:mm AM/PM")).toBe(true);
    expect(isDateFormat('#,##0.00 "days"')).toBe(false);
    expect(isDateFormat("[Red]0.00")).toBe(false);
    expect(isDateFormat("General")).toBe(false);
  });

  test("a linked data type (Excel's Stocks) reads as the text Excel shows, not the #VALUE! it stores", async () => {
    const RICH = "http://schemas.microsoft.com/office/spreadsheetml/2017/richdata";
    const extra = [
      {
        path: "xl/metadata.xml",
        type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata",
        xml:
          `<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xlrd="${RICH}"><metadataTypes count="2"><metadataType name="XLDAPR"/><metadataType name="XLRICHVALUE"/></metadataTypes>` +
          `<futureMetadata name="XLRICHVALUE" count="2"><bk><extLst><ext uri="{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}"><xlrd:rvb i="1"/></ext></extLst></bk><bk><extLst><ext uri="{3e2802c4-a4d2-4d8b-9148-e3be6c30e623}"><xlrd:rvb i="0"/></ext></extLst></bk></futureMetadata>` +
          `<valueMetadata count="2"><bk><rc t="2" v="0"/></bk><bk><rc t="2" v="1"/></bk></valueMetadata></metadata>`,
      },
      {
        path: "xl/richData/rdrichvaluestructure.xml",
        type: "http://schemas.microsoft.com/office/2017/06/relationships/rdRichValueStructure",
        xml: `<rvStructures xmlns="${RICH}" count="2"><s t="_linkedentity2"><k n="%EntityServiceId" t="i"/><k n="_DisplayString" t="s"/><k n="%EntityId" t="s"/></s><s t="_localImage"><k n="CalcOrigin" t="i"/><k n="_rvRel:LocalImageIdentifier" t="i"/></s></rvStructures>`,
      },
      {
        path: "xl/richData/rdrichvalue.xml",
        type: "http://schemas.microsoft.com/office/2017/06/relationships/rdRichValue",
        xml: `<rvData xmlns="${RICH}" count="2"><rv s="1"><v>5</v><v>0</v></rv><rv s="0"><fb>KO</fb><v>268435456</v><v>Coca-Cola Co</v><v>https://id</v></rv></rvData>`,
      },
    ];
    const data = row(1, HEADER) + '<row r="2"><c r="A2" t="e" vm="1"><v>#VALUE!</v></c>' + row(2, [null, "Put", 60, 1]).slice(10, -6) + "</row>" + '<row r="3"><c r="A3" t="e" vm="2"><v>#VALUE!</v></c></row>';
    const s = await snap({ sheets: [{ name: "S", data }], extra }, { kind: "range", sheet: "S", address: "A1:D3" });
    // vm 1 -> rich value 1 (a linked entity: its _DisplayString); vm 2 -> rich value 0 (an image: no text, the stored error stays).
    expect(s.snapshot.table!.rows).toEqual([["Coca-Cola Co", "Put", 60, 1], ["#VALUE!", null, null, null]]);
  });

  test("strict (ISO) namespaces and x:-prefixed elements read like transitional ones", async () => {
    const data = row(1, HEADER) + row(2, ["KO", "Put", 60, 1]);
    for (const spec of [{ strict: true }, { prefixed: true }, { strict: true, prefixed: true }]) {
      const s = await snap({ ...spec, sheets: [{ name: "S", data }, inputs], names: NAMES });
      expect(s.snapshot.table!.rows).toEqual([["KO", "Put", 60, 1]]);
      expect(s.snapshot.settings.inputs).toMatchObject({ accountValue: 100000, vix: 18 });
    }
  });

  test("rows and cells without r attributes take the next position", async () => {
    const data = `<row><c t="inlineStr"><is><t>Ticker</t></is></c><c t="inlineStr"><is><t>Strike</t></is></c><c t="inlineStr"><is><t>Qty</t></is></c></row><row><c t="inlineStr"><is><t>KO</t></is></c><c><v>60</v></c><c><v>1</v></c></row><row r="5"><c><v>7</v></c><c r="C5"><v>3</v></c></row>`;
    const s = await snap({ sheets: [{ name: "S", data }] }, { kind: "range", sheet: "S", address: "A1:C5" });
    expect(s.snapshot.table!.rows).toEqual([["KO", 60, 1], [null, null, null], [null, null, null], [7, null, 3]]);
  });

  test("defined names: cells and constants, workbook scope first, a sheet-scoped one when it is the only one", async () => {
    const names =
      '<definedName name="AccountValue" localSheetId="0">Inputs!$B$1</definedName><definedName name="AccountValue">\'My Inputs\'!$B$2</definedName>' +
      '<definedName name="Cash" localSheetId="1">Inputs!$B$1</definedName><definedName name="VIX">17.5</definedName><definedName name="CSP_PositionsTable">"Puts"</definedName>' +
      '<definedName name="CSP_HighVixCap">#REF!</definedName><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">Inputs!$A$1:$B$1</definedName>';
    const s = await snap({ sheets: [inputs, { name: "My Inputs", data: row(2, ["Account", 250000]) }], names });
    expect(s.snapshot.settings.inputs).toMatchObject({ accountValue: 250000, cash: 100000, vix: 17.5, highVixCap: "#REF!" });
    expect(s.snapshot.settings.table).toEqual({ kind: "table", name: "Puts" });
    expect(s.snapshot.definedNames.sort()).toEqual(["accountValue", "cash", "highVixCap", "positionsTable", "vix"]);
  });

  test("a name scoped to two sheets at two places is not guessed: the setting is missing and a warning says why", async () => {
    const names = '<definedName name="AccountValue" localSheetId="0">Inputs!$B$1</definedName><definedName name="AccountValue" localSheetId="1">Other!$B$1</definedName>';
    const s = await snap({ sheets: [inputs, { name: "Other", data: row(1, ["x", 5]) }], names });
    expect(s.snapshot.settings.inputs.accountValue).toBeNull();
    expect(s.snapshot.settings.errors.join()).toMatch(/AccountValue is defined separately on sheets 'Inputs', 'Other'/);
  });

  test("hidden and very hidden sheets are never searched; a merged title above the header is read as Excel shows it", async () => {
    const puts = row(1, HEADER) + row(2, ["KO", "Put", 60, 1]);
    const s = await snap({
      sheets: [
        { name: "Hidden", state: "hidden", data: puts },
        { name: "VeryHidden", state: "veryHidden", data: puts },
        { name: "Shown", data: row(1, ["My puts 2026"]) + row(3, HEADER) + row(4, ["T", "Put", 17, 5]), after: '<mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells>' },
      ],
    });
    expect(s.snapshot.table!.source).toMatchObject({ sheet: "Shown", range: "A3:D4" });
    expect(s.snapshot.table!.rows).toEqual([["T", "Put", 17, 5]]);
  });

  test("an open range runs to its last non-blank row; a stray cell far away and whole-column validations cost nothing", async () => {
    const validations = `<dataValidations count="2"><dataValidation type="list" sqref="B1:B1048576"><formula1>"Put,Call"</formula1></dataValidation><dataValidation type="whole" sqref="D:D"><formula1>1</formula1></dataValidation></dataValidations>`;
    const data = row(1, HEADER) + row(2, ["KO", "Put", 60, 1]) + row(4, ["T", "Put", 17, 5]) + `<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>`;
    const s = await snap({ sheets: [{ name: "S", data, after: validations }] });
    expect(s.snapshot.table!.source!.range).toBe("A1:D4");
    expect(s.snapshot.table!.rows).toEqual([["KO", "Put", 60, 1], [null, null, null, null], ["T", "Put", 17, 5]]);
  });

  test("a table read stops at its last row: a broken part below it is never reached", async () => {
    // Below the 30 rows searched for a header, garbage that a full parse would reject.
    let data = row(1, HEADER) + row(2, ["KO", "Put", 60, 1]);
    for (let r = 3; r <= 31; r++) data += row(r, [`note ${r}`]);
    data += '<row r="32"><c r="A32" t="s"><v>999</v></c></row><row r="33"><c r="';
    const zipped = await buildPackage({
      sheets: [{ name: "S", data, tables: ['<table name="Positions" displayName="Positions" ref="A1:D2"><tableColumns count="4"><tableColumn id="1" name="Ticker"/><tableColumn id="2" name="Type"/><tableColumn id="3" name="Strike"/><tableColumn id="4" name="Qty"/></tableColumns></table>'] }],
    });
    const s = await (await XlsxReader.open(zipped)).snapshot();
    expect(s.snapshot.table!.rows).toEqual([["KO", "Put", 60, 1]]);
  });

  test("read errors name the part: not a zip, no workbook, broken XML, a missing shared string", async () => {
    const fail = async (data: Uint8Array) => {
      try {
        await (await XlsxReader.open(data)).snapshot();
      } catch (e) {
        expect(e).toBeInstanceOf(WorkbookUnreadable);
        return e as WorkbookUnreadable;
      }
      throw new Error("read without an error");
    };
    expect((await fail(new TextEncoder().encode("Ticker,Strike\nKO,60\n"))).message).toBe("not a zip archive");
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await fail(ole)).toMatchObject({ notXlsx: true, message: "a password-protected workbook or an old .xls file: save it as .xlsx without a password" });
    const xlsb = await zipParts({
      "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>',
      "xl/workbook.bin": "\u0083\u0001",
    });
    expect(await fail(xlsb)).toMatchObject({ notXlsx: true, message: "an .xlsb (binary) workbook: save it as .xlsx" });
    const noWorkbook = await fail(await zipParts({ "hello.txt": "hi" }));
    expect(noWorkbook).toMatchObject({ notXlsx: true, message: "it has no workbook part xl/workbook.xml" });
    const badRow = await fail(await buildPackage({ sheets: [{ name: "S", data: '<row r="0"><c r="A1"><v>1</v></c></row>' }] }));
    expect(badRow.message).toBe("part xl/worksheets/sheet1.xml cannot be read: row number '0' is not a row");
    const damaged = await buildPackage({ sheets: [{ name: "S", data: row(1, HEADER) + row(2, ["KO", "Put", 60, 1]) }] });
    const at = Buffer.from(damaged).indexOf("xl/worksheets/sheet1.xml") + "xl/worksheets/sheet1.xml".length + 20;
    damaged[at] ^= 0xff;
    expect((await fail(damaged)).message).toMatch(/^part xl\/worksheets\/sheet1\.xml cannot be unzipped \((broken compressed data|CRC-32 mismatch)/);
    const noString = await fail(await buildPackage({ sheets: [{ name: "S", data: '<row r="1"><c r="A1" t="s"><v>3</v></c></row>' }], shared: ["a"] }));
    expect(noString.message).toBe("part xl/worksheets/sheet1.xml cannot be read: cell A1 refers to shared string 3, which does not exist");
    const badXml = await fail(await buildPackage({ sheets: [{ name: "S", data: "" }], shared: "<si><t>a</si>" }));
    expect(badXml.message).toMatch(/^part xl\/sharedStrings\.xml cannot be read: not well-formed XML/);
  });
});
