import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { REVIEW_SHEET } from "../../src/core";
import { callsCsp } from "../../src/xlsx/accountant";
import { cli, fixture } from "../cli/helpers";

jest.setTimeout(60_000);

async function load(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell of a sheet: value (with cached results), style, formula type. */
function cells(ws: ExcelJS.Worksheet): Map<string, { value: string; result: string; style: string }> {
  const out = new Map<string, { value: string; result: string; style: string }>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (c) => {
      out.set(c.address, { value: JSON.stringify(c.value), result: JSON.stringify(c.result), style: JSON.stringify(c.style) });
    }),
  );
  return out;
}

describe("callsCsp recognises our functions as Excel saves them", () => {
  test.each([
    ["_xldudf_CSP_EXPOSURE()", true],
    ["CSP.CANSELLPUT(17,1)", true],
    ["_xll.CSP.VIXCAP(18)", true],
    ['IF(_xldudf_CSP_EXPOSURE()>1,"a","b")', true],
    ["SUM(A1:A3)", false],
    ["MYCSP.X(1)", false],
    ['"CSP.X("', true],
  ])("%s -> %s", (f, expected) => expect(callsCsp(f)).toBe(expected));
});

describe("--accountant: CSP formulas become their saved values, everything else unchanged", () => {
  let original: ExcelJS.Workbook;
  let copy: ExcelJS.Workbook;
  let stderr: string;
  beforeAll(async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ag-acc-")), "accountant.xlsx");
    const r = cli(["review", fixture("csp-formulas"), "--accountant", out, "--as-of", "2026-02-10"]);
    expect(r.status).toBe(0);
    stderr = r.stderr;
    original = await load(fixture("csp-formulas"));
    copy = await load(out);
  });

  test("CSP cells hold the cached value, including 0 and FALSE; a CSP cell without one stays and is listed", () => {
    const d = copy.getWorksheet("Dashboard")!;
    expect(d.getCell("B2").value).toBe(30700);
    expect(d.getCell("B3").value).toBe(0.3);
    expect(d.getCell("B5").value).toBe(false);
    expect(d.getCell("B6").value).toBe(0);
    expect(d.getCell("B7").value).toBe("over");
    expect(d.getCell("B4").formula).toBe("_xldudf_CSP_HEADROOM()");
    expect(stderr).toMatch(/1 CSP formula cells have no saved value .*Dashboard!B4/);
  });

  test("every other cell keeps its value and style; styles of CSP cells too", () => {
    const changed = new Set(["Dashboard!B2", "Dashboard!B3", "Dashboard!B5", "Dashboard!B6", "Dashboard!B7"]);
    for (const ws of original.worksheets) {
      const a = cells(ws);
      const b = cells(copy.getWorksheet(ws.name)!);
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [addr, before] of a) {
        const after = b.get(addr)!;
        expect([addr, after.style]).toEqual([addr, before.style]);
        if (changed.has(`${ws.name}!${addr}`)) expect(after.value).toBe(before.result);
        else expect([addr, after.value, after.result]).toEqual([addr, before.value, before.result]);
      }
      expect(copy.getWorksheet(ws.name)!.model.merges).toEqual(ws.model.merges);
      expect(JSON.stringify((copy.getWorksheet(ws.name)! as any).conditionalFormattings)).toBe(JSON.stringify((ws as any).conditionalFormattings));
      expect(copy.getWorksheet(ws.name)!.columns?.map((c) => c.width)).toEqual(ws.columns?.map((c) => c.width));
      expect(JSON.stringify(copy.getWorksheet(ws.name)!.properties)).toBe(JSON.stringify(ws.properties));
      expect(JSON.stringify((copy.getWorksheet(ws.name)! as any).dataValidations.model)).toBe(JSON.stringify((ws as any).dataValidations.model));
    }
  });

  test("tables and names survive; the review sheet is added and nothing else", () => {
    const tables = (wb: ExcelJS.Workbook) => wb.worksheets.flatMap((ws) => Object.values((ws as any).tables).map((t: any) => JSON.stringify(t.table)));
    expect(tables(copy)).toEqual(tables(original));
    expect(copy.definedNames.model).toEqual(original.definedNames.model);
    expect(copy.worksheets.map((w) => w.name)).toEqual([...original.worksheets.map((w) => w.name), REVIEW_SHEET]);
    expect(copy.getWorksheet("Dashboard")!.getCell("C2").note).toEqual(original.getWorksheet("Dashboard")!.getCell("C2").note);
  });
});
