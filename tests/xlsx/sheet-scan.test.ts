import { Cell } from "../../src/core/types";
import { SheetScanner, serialFromIso } from "../../src/xlsx/sheet-scan";

const ctx = { sharedStrings: ["Ticker", "KO", "a & b"], dateStyles: [false, true], date1904: false };

/** Every cell the scanner hands over, feeding the text in pieces of `size` characters. */
function scan(xml: string, size: number, lastRow = Infinity): [number, number, Cell, boolean][] {
  const out: [number, number, Cell, boolean][] = [];
  const s = new SheetScanner(ctx, { lastRow, wants: () => true, cell: (r, c, v, d) => void out.push([r, c, v, d]) });
  for (let i = 0; i < xml.length; i += size) if (!s.feed(xml.slice(i, i + size))) return out;
  s.end();
  return out;
}

const SHEET =
  '<?xml version="1.0"?><worksheet xmlns="x"><dimension ref="A1:XFD1048576"/><sheetData>' +
  '<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t xml:space="preserve"> Strike </t></is></c><c r="C1" s="1"><v>46038</v></c></row>' +
  "<!-- a comment <c> -->" +
  '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>62.5</v></c><c r="C2" t="str"><f>A1&amp;"x"</f><v><![CDATA[1<2 & 3]]></v></c><c r="D2" t=\'e\'><v>#N/A</v></c>' +
  '<c r = "E2"\n t="b"><v>1</v></c><c r="F2" t="s"><v>2</v></c><c r="G2"><v>-3</v></c><c r="H2" s="1"/></row>' +
  '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><r><t>x</t></r><r><t>y</t></r><rPh><t>phonetic</t></rPh></is></c></row>' +
  "</sheetData><dataValidations><dataValidation sqref=\"A:A\"/></dataValidations></worksheet>";

const EXPECTED: [number, number, Cell, boolean][] = [
  [1, 1, "Ticker", false],
  [1, 2, " Strike ", false],
  [1, 3, 46038, true],
  [2, 1, "KO", false],
  [2, 2, 62.5, false],
  [2, 3, "1<2 & 3", false],
  [2, 4, "#N/A", false],
  [2, 5, true, false],
  [2, 6, "a & b", false],
  [2, 7, -3, false],
  [1048576, 16384, "xy", false],
];

describe("the sheet scanner", () => {
  test.each([1, 2, 3, 7, 64, 100_000])("reads the same cells whatever the size of the pieces it is fed (%i characters)", (size) => {
    expect(scan(SHEET, size)).toEqual(EXPECTED);
  });

  test("stops at the first row past the last one wanted, even in the middle of a piece", () => {
    expect(scan(SHEET, 100_000, 1)).toEqual(EXPECTED.slice(0, 3));
    expect(scan(SHEET, 5, 2)).toEqual(EXPECTED.slice(0, 10));
  });

  test("a part that ends inside its cell data is broken", () => {
    expect(() => scan(SHEET.slice(0, SHEET.indexOf('<row r="2"') + 20), 50)).toThrow(/ends before its closing tag/);
  });

  test("ISO dates of t=\"d\" cells are serials in the 1900 system", () => {
    expect(serialFromIso("2026-01-16")).toBe(46038);
    expect(serialFromIso("2026-01-16T12:00:00Z")).toBe(46038.5);
    expect(serialFromIso("1/16/2026")).toBeNull();
  });
});
