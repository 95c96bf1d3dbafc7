import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { XMLParser } from "fast-xml-parser";
import { REVIEW_SHEET, REVIEW_SHEET_CANDIDATES, REVIEW_TITLE, Review, buildReview, reviewSheet, serialFromDate, serialFromYmd, sheetsTakenMessage } from "../../src/core";
import { accountantCopy, callsCsp, firstCellOf } from "../../src/xlsx/accountant";
import { XlsxWorkbookHost } from "../../src/xlsx/host";
import { reviewRequestOf } from "../../src/host/workbook-host";
import { SheetsTaken } from "../../src/xlsx/own-sheets";
import { XlsxPackage } from "../../src/xlsx/package";
import { cli, fixture } from "../cli/helpers";
import { readWorkbook, sheetContent, withUserSheets } from "./user-sheets";

jest.setTimeout(180_000);

const FIXTURE = fixture("csp-formulas");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "ag-acc-"));

/** Every zip entry's bytes by name. */
async function entries(file: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const out = new Map<string, Buffer>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async("nodebuffer"));
  return out;
}
const text = (parts: Map<string, Buffer>, name: string) => parts.get(name)!.toString("utf8");

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", preserveOrder: true, parseTagValue: false, trimValues: false });
type Node = Record<string, unknown>;
const tagOf = (n: Node) => Object.keys(n).find((k) => k !== ":@")!;

/** Sheet name -> worksheet part, read from workbook.xml and its relationships. */
function sheetParts(parts: Map<string, Buffer>): Map<string, string> {
  const rels = new Map([...text(parts, "xl/_rels/workbook.xml.rels").matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1], `xl/${m[2]}`]));
  return new Map([...text(parts, "xl/workbook.xml").matchAll(/<sheet name="([^"]+)"[^>]*?r:id="([^"]+)"|<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)].map((m) => [m[1] ?? m[3], rels.get(m[2] ?? m[4])!]));
}

/** Each `<c>` of a worksheet part, parsed (attributes and children), by address. */
function cellsOf(xml: string): Map<string, Node> {
  const doc = parser.parse(xml) as Node[];
  const ws = doc.find((n) => tagOf(n) === "worksheet")!.worksheet as Node[];
  const data = (ws.find((n) => tagOf(n) === "sheetData")?.sheetData ?? []) as Node[];
  const out = new Map<string, Node>();
  for (const row of data) for (const c of row.row as Node[]) out.set((c[":@"] as Record<string, string>).r, c);
  return out;
}
const attrs = (c: Node) => (c[":@"] ?? {}) as Record<string, string>;
const child = (c: Node, tag: string) => (c.c as Node[]).find((n) => tagOf(n) === tag);
const textOf = (n: Node | undefined): string | undefined => (n ? (((n[tagOf(n)] as Node[])[0]?.["#text"] as string | undefined) ?? "") : undefined);
/** A cell as a small record: type, style, formula, cached value, inline string. */
function summary(c: Node) {
  const is = child(c, "is");
  return {
    t: attrs(c).t,
    s: attrs(c).s,
    cm: attrs(c).cm,
    f: child(c, "f") ? (textOf(child(c, "f")) ?? "") : undefined,
    v: textOf(child(c, "v")),
    is: is ? textOf((is.is as Node[]).find((n) => tagOf(n) === "t")) : undefined,
  };
}

/** The review the CLI computed, recomputed here the same way. */
async function reviewOf(file: string): Promise<Review> {
  const asOf = serialFromYmd(2026, 2, 10)!;
  const snap = await (await XlsxWorkbookHost.fromBuffer(fs.readFileSync(file))).readSnapshot();
  return buildReview(reviewRequestOf({ ...snap, table: snap.table! }, asOf));
}

/** Cells whose CSP formula has a saved value (and the other cells of a CSP array). */
const FROZEN: Record<string, string[]> = {
  Dashboard: ["B2", "B3", "B5", "B6", "B7"],
  Calc: ["C2", "C3", "C4", "F2", "F3", "G2", "G3", "G4"],
};

describe("callsCsp recognises our functions as Excel saves them", () => {
  test.each([
    ["_xldudf_CSP_EXPOSURE()", true],
    ["CSP.CANSELLPUT(17,1)", true],
    ["_xll.CSP.VIXCAP(18)", true],
    ['IF(_xldudf_CSP_EXPOSURE()>1,"a","b")', true],
    ["_xldudf_csp_vixcap(18)*1", true],
    ["SUM(A1:A3)", false],
    ["MYCSP.X(1)", false],
    ['"CSP.X("', true],
  ])("%s -> %s", (f, expected) => expect(callsCsp(f)).toBe(expected));
});

describe("--accountant edits the package: CSP formulas become their saved values, every other part stays byte for byte", () => {
  let out: string;
  let stdout: string;
  let stderr: string;
  let before: Map<string, Buffer>;
  let after: Map<string, Buffer>;
  let sheetsBefore: Map<string, string>;
  let sheetsAfter: Map<string, string>;
  beforeAll(async () => {
    out = path.join(tmp(), "accountant.xlsx");
    const r = cli(["review", FIXTURE, "--accountant", out, "--as-of", "2026-02-10"]);
    expect(r.stderr).not.toMatch(/unexpected/);
    expect(r.status).toBe(0);
    ({ stdout, stderr } = r);
    before = await entries(FIXTURE);
    after = await entries(out);
    sheetsBefore = sheetParts(before);
    sheetsAfter = sheetParts(after);
  });

  test("the fixture holds what exceljs would drop: a chart with its drawing, a calc chain, dynamic-array metadata, a constant name", () => {
    for (const part of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/calcChain.xml", "xl/metadata.xml"]) {
      expect([part, before.has(part)]).toEqual([part, true]);
    }
    expect(text(before, "xl/workbook.xml")).toContain('<definedName name="TaxRate">0.25</definedName>');
    expect(text(before, "xl/workbook.xml")).toContain('localSheetId="2"');
  });

  test("every part other than the touched sheets, workbook, its relationships, content types and styles is byte-identical", () => {
    const touched = new Set([
      sheetsBefore.get("Dashboard")!,
      sheetsBefore.get("Calc")!,
      "xl/workbook.xml",
      "xl/_rels/workbook.xml.rels",
      "[Content_Types].xml",
      "xl/styles.xml",
    ]);
    const added = sheetsAfter.get(REVIEW_SHEET)!;
    expect([...after.keys()].sort()).toEqual([...before.keys()].filter((n) => n !== "xl/calcChain.xml").concat(added).sort());
    for (const [name, bytes] of before) {
      if (touched.has(name) || name === "xl/calcChain.xml") continue;
      expect([name, after.get(name)!.equals(bytes)]).toEqual([name, true]);
    }
    // Sheets without a CSP formula (Positions, Inputs, Review Log with its chart) are among them.
    for (const s of ["Positions", "Inputs", "Review Log"]) expect(touched.has(sheetsBefore.get(s)!)).toBe(false);
  });

  test("in the touched sheets every other cell, row and element is unchanged", () => {
    for (const sheet of ["Dashboard", "Calc"]) {
      const a = text(before, sheetsBefore.get(sheet)!);
      const b = text(after, sheetsAfter.get(sheet)!);
      const ca = cellsOf(a);
      const cb = cellsOf(b);
      expect([...cb.keys()]).toEqual([...ca.keys()]);
      for (const [ref, cell] of ca) if (!FROZEN[sheet].includes(ref)) expect([sheet, ref, cb.get(ref)]).toEqual([sheet, ref, cell]);
      // Everything but the cells themselves (rows, cols, merges, rules, drawings...) is the same text.
      const withoutCells = (x: string) => x.replace(/<c [^>]*?(?:\/>|>[\s\S]*?<\/c>)/g, "<c/>");
      expect(withoutCells(b)).toBe(withoutCells(a));
    }
  });

  test("CSP cells hold their saved number, text, boolean or error and no formula; styles stay", () => {
    const dash = cellsOf(text(after, sheetsAfter.get("Dashboard")!));
    const calc = cellsOf(text(after, sheetsAfter.get("Calc")!));
    const plain = { t: undefined, s: undefined, cm: undefined, f: undefined, v: undefined, is: undefined };
    expect(summary(dash.get("B2")!)).toEqual({ ...plain, s: "5", v: "30700" });
    expect(summary(dash.get("B3")!)).toEqual({ ...plain, s: "6", v: "0.3" });
    expect(summary(dash.get("B5")!)).toEqual({ ...plain, s: "8", t: "b", v: "0" });
    expect(summary(dash.get("B6")!)).toEqual({ ...plain, s: "8", v: "0" });
    expect(summary(dash.get("B7")!)).toEqual({ ...plain, s: "8", t: "inlineStr", is: "over" });
    expect(summary(calc.get("G2")!)).toEqual({ ...plain, t: "e", v: "#VALUE!" });
    expect(summary(calc.get("G3")!)).toEqual({ ...plain, t: "inlineStr", is: " a & b <c> $1 " });
    expect(text(after, sheetsAfter.get("Calc")!)).toContain('<t xml:space="preserve"> a &amp; b &lt;c&gt; $1 </t>');
    expect(summary(calc.get("G4")!)).toEqual({ ...plain, v: "0.3" });
    // A dynamic array: its result cells become plain values, its cell metadata goes with the formula.
    expect(summary(calc.get("F2")!)).toEqual({ ...plain, t: "inlineStr", is: "KO" });
    expect(summary(calc.get("F3")!)).toEqual({ ...plain, t: "inlineStr", is: "PFE" });
    // No cell anywhere holds t="str" without a formula.
    for (const c of [...dash.values(), ...calc.values()]) if (attrs(c).t === "str") expect(child(c, "f")).toBeDefined();
  });

  test("shared formulas: a CSP group with every value saved goes whole; one with a missing value stays whole; others stay", () => {
    const a = cellsOf(text(before, sheetsBefore.get("Calc")!));
    const b = cellsOf(text(after, sheetsAfter.get("Calc")!));
    expect(["C2", "C3", "C4"].map((r) => summary(b.get(r)!))).toEqual([
      { t: undefined, s: "3", cm: undefined, f: undefined, v: "6000", is: undefined },
      { t: undefined, s: "3", cm: undefined, f: undefined, v: "10000", is: undefined },
      { t: undefined, s: "3", cm: undefined, f: undefined, v: "8500", is: undefined },
    ]);
    for (const r of ["D2", "D3", "D4", "E2", "E3", "E4", "H2"]) expect([r, b.get(r)]).toEqual([r, a.get(r)]);
    expect(summary(b.get("D2")!).f).toBe("_xldudf_CSP_CANSELLPUT(A2,B2)");
    expect(summary(b.get("D3")!)).toMatchObject({ f: "", v: undefined });
  });

  test("the CLI reports the count and lists every CSP cell left as a formula", () => {
    expect(stdout).toContain(`Accountant copy: ${out} (12 CSP formula cells replaced by their saved values)`);
    expect(stderr).toContain("warning: 3 CSP formula cells have no saved value and were left as formulas: Dashboard!B4, Calc!D3, Calc!H2");
    expect(stderr).toContain("warning: 2 CSP formula cells share their formula with a cell that has no saved value and were left as formulas too: Calc!D2, Calc!D4");
    expect(summary(cellsOf(text(after, sheetsAfter.get("Dashboard")!)).get("B4")!).f).toBe("_xldudf_CSP_HEADROOM()");
    // The copy keeps the chart: no warning about parts exceljs drops.
    expect(stderr).not.toMatch(/cannot carry over/);
  });

  test("the stale calculation chain goes with its relationship and content type", () => {
    expect(after.has("xl/calcChain.xml")).toBe(false);
    expect(text(after, "xl/_rels/workbook.xml.rels")).not.toMatch(/calcChain/);
    expect(text(after, "[Content_Types].xml")).not.toMatch(/calcChain/);
    // What else the relationships and content types held is still there.
    expect(text(after, "xl/_rels/workbook.xml.rels")).toContain('Id="rIdMeta"');
    expect(text(after, "[Content_Types].xml")).toContain('PartName="/xl/charts/chart1.xml"');
  });

  test("workbook.xml gains one <sheet>, last, and nothing else: defined names and their localSheetId stay right", () => {
    const b = text(after, "xl/workbook.xml");
    const added = /<sheet name="Weekly Review" sheetId="(\d+)" r:id="(rId\d+)"\/>/.exec(b)!;
    expect(added).not.toBeNull();
    expect(b.replace(added[0], "")).toBe(text(before, "xl/workbook.xml"));
    expect(b).toContain(`${added[0]}</sheets>`);
    expect(Number(added[1])).toBe(6);
    expect(text(after, "xl/_rels/workbook.xml.rels")).toContain(`<Relationship Id="${added[2]}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet6.xml"/>`);
    expect(text(after, "[Content_Types].xml")).toContain('<Override PartName="/xl/worksheets/sheet6.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>');
  });

  test("styles.xml: every existing format, font and cell style keeps its index; only entries are appended", () => {
    const list = (xml: string, block: string, tag: string) =>
      (new RegExp(`<${block}[^>]*>([\\s\\S]*?)</${block}>`).exec(xml)?.[1] ?? "").match(new RegExp(`<${tag}[ />][\\s\\S]*?(?:/>|</${tag}>)`, "g")) ?? [];
    const a = text(before, "xl/styles.xml");
    const b = text(after, "xl/styles.xml");
    for (const [block, tag] of [["numFmts", "numFmt"], ["fonts", "font"], ["cellXfs", "xf"]]) {
      const la = list(a, block, tag);
      const lb = list(b, block, tag);
      expect(lb.slice(0, la.length)).toEqual(la);
      expect(b).toContain(`<${block} count="${lb.length}"`);
    }
    for (const block of ["fills", "borders", "cellStyleXfs", "cellStyles", "dxfs", "extLst"]) {
      const re = new RegExp(`<${block}[ >][\\s\\S]*?</${block}>`);
      expect(re.exec(b)![0]).toBe(re.exec(a)![0]);
    }
  });

  test("the copy re-opens in exceljs: the Weekly Review sheet holds reviewSheet()'s values, formats and bold headings", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const original = new ExcelJS.Workbook();
    await original.xlsx.readFile(FIXTURE);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...original.worksheets.map((w) => w.name), REVIEW_SHEET]);
    expect(wb.definedNames.model).toEqual(original.definedNames.model);
    expect(wb.getWorksheet("Dashboard")!.getCell("B2").value).toBe(30700);
    expect(wb.getWorksheet("Dashboard")!.getCell("B7").value).toBe("over");
    expect(wb.getWorksheet("Dashboard")!.getCell("B2").numFmt).toBe("$#,##0.00");
    expect(wb.getWorksheet("Calc")!.getCell("G3").value).toBe(" a & b <c> $1 ");

    const content = reviewSheet(await reviewOf(FIXTURE));
    const ws = wb.getWorksheet(REVIEW_SHEET)!;
    content.values.forEach((row, r) =>
      row.forEach((value, c) => {
        const cell = ws.getRow(r + 1).getCell(c + 1);
        // exceljs hands a date-formatted number over as a Date.
        const read = cell.value instanceof Date ? serialFromDate(cell.value) : cell.value;
        expect([cell.address, read]).toEqual([cell.address, value]);
        if (value !== null) expect([cell.address, cell.numFmt ?? "General"]).toEqual([cell.address, content.formats[r][c]]);
        if (value !== null) expect([cell.address, !!cell.font?.bold]).toEqual([cell.address, content.headingRows.includes(r)]);
      }),
    );
    expect(ws.rowCount).toBe(content.values.length);
  });

  test("a copy made from a copy replaces the Weekly Review sheet instead of adding a second one", async () => {
    const again = path.join(tmp(), "again.xlsx");
    const r = cli(["review", out, "--accountant", again, "--as-of", "2026-02-11"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("(0 CSP formula cells replaced by their saved values)");
    const parts = await entries(again);
    expect([...parts.keys()].sort()).toEqual([...after.keys()].sort());
    expect(text(parts, "xl/workbook.xml")).toBe(text(after, "xl/workbook.xml"));
    // Its own styles are found again, not appended twice.
    expect(text(parts, "xl/styles.xml")).toBe(text(after, "xl/styles.xml"));
    const review = sheetsAfter.get(REVIEW_SHEET)!;
    for (const [name, bytes] of after) if (name !== review) expect([name, parts.get(name)!.equals(bytes)]).toEqual([name, true]);
    expect(text(parts, review)).toContain("<v>46064</v>");
  });

  test("a zip without folder entries (as Excel saves it) gains none", async () => {
    const src = await JSZip.loadAsync(fs.readFileSync(FIXTURE));
    const bare = new JSZip();
    for (const f of Object.values(src.files)) if (!f.dir) bare.file(f.name, await f.async("uint8array"), { createFolders: false });
    const dir = tmp();
    fs.writeFileSync(path.join(dir, "bare.xlsx"), await bare.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    expect(cli(["review", path.join(dir, "bare.xlsx"), "--accountant", path.join(dir, "acc.xlsx"), "--as-of", "2026-02-10"]).status).toBe(0);
    const copy = await JSZip.loadAsync(fs.readFileSync(path.join(dir, "acc.xlsx")));
    expect(Object.values(copy.files).filter((f) => f.dir).map((f) => f.name)).toEqual([]);
    expect(Object.keys(copy.files)[0]).toBe("[Content_Types].xml");
  });

  test("--out is written by the same package editor: the chart and its drawing stay byte for byte", async () => {
    const reviewed = path.join(tmp(), "reviewed.xlsx");
    const r = cli(["review", FIXTURE, "--out", reviewed, "--as-of", "2026-02-10"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const copy = await entries(reviewed);
    for (const part of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels", "xl/calcChain.xml", "xl/metadata.xml"]) {
      expect([part, copy.get(part)?.equals(before.get(part)!)]).toEqual([part, true]);
    }
  });
});

const soffice = ["soffice", "libreoffice"].find((bin) => spawnSync("sh", ["-c", `command -v ${bin}`]).status === 0);
// In CI (.ci/run installs libreoffice-calc-nogui) this must run; elsewhere it may skip, saying so.
const withSoffice = soffice || process.env.CI ? test : test.skip;

withSoffice("LibreOffice headless opens the accountant copy: saved values, the review sheet, the log beside its chart", () => {
  const dir = tmp();
  const out = path.join(dir, "acc.xlsx");
  expect(cli(["review", FIXTURE, "--accountant", out, "--as-of", "2026-02-10"]).status).toBe(0);
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
  execFileSync(soffice ?? "soffice", [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--convert-to", filter, "--outdir", dir, out], {
    stdio: "pipe",
    timeout: 150_000,
  });
  const sheet = (name: string) => fs.readFileSync(path.join(dir, `acc-${name}.csv`), "utf8").trim().split(/\r?\n/);
  const dash = sheet("Dashboard");
  expect(dash[1]).toBe("Exposure,30700,check weekly");
  expect(dash[2]).toBe("Cap,30%,");
  expect(dash[4]).toBe("Can sell T 17,FALSE,");
  expect(dash[5]).toBe("Max KO 55,0,");
  expect(dash[6]).toBe("Status,over,");
  expect(dash[7]).toBe("Account x2,200000,");
  const calc = sheet("Calc").map((l) => l.split(","));
  expect(calc.slice(1).map((r) => [r[2], r[4], r[5]])).toEqual([
    ["6000", "6000", "KO"],
    ["10000", "10000", "PFE"],
    ["8500", "8500", ""],
  ]);
  expect(calc[1][6]).toBe("#VALUE!");
  expect(sheet("Calc")[2]).toContain(", a & b <c> $1 ,");
  expect(sheet("Review Log")).toEqual(["Date,Budget,Exposure", "2026-02-02,30000,24500", "2026-02-09,30000,30700"]);
  const review = sheet("Weekly Review");
  expect(review[0]).toMatch(/^Assignment Guard weekly review/);
  expect(review[1]).toBe("Date,2026-02-10,,,");
  expect(review).toContain("Exposure (reserved capital),30700,,,");
});
if (!soffice && !process.env.CI) {
  console.log("LibreOffice (soffice) is not installed: skipping the check that another program reads the accountant copy.");
}

describe("the accountant copy never replaces the user's own Weekly Review sheet", () => {
  const USER = ["Weekly Review", "Review Log"];
  let input: string;
  let before: Map<string, Buffer>;
  let copy: Awaited<ReturnType<typeof accountantCopy>>;
  let after: Map<string, Buffer>;
  beforeAll(async () => {
    input = await withUserSheets(USER);
    before = await entries(input);
    copy = await accountantCopy(fs.readFileSync(input), await reviewOf(input));
    after = await entries(await saved(copy.data));
  });
  const saved = async (data: Uint8Array) => {
    const file = path.join(tmp(), "copy.xlsx");
    fs.writeFileSync(file, data);
    return file;
  };

  test("their sheets keep their parts byte for byte and read the same cell for cell; ours is 'AG Weekly Review', appended", async () => {
    expect(copy.reviewSheet).toBe("AG Weekly Review");
    const partsBefore = sheetParts(before);
    const partsAfter = sheetParts(after);
    const ours = partsAfter.get("AG Weekly Review")!;
    expect([...after.keys()].sort()).toEqual([...before.keys(), ours].sort());
    const touched = new Set(["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"]);
    for (const [name, bytes] of before) if (!touched.has(name)) expect([name, after.get(name)!.equals(bytes)]).toEqual([name, true]);
    for (const name of USER) expect(partsAfter.get(name)).toBe(partsBefore.get(name));
    expect(text(after, "xl/workbook.xml")).toMatch(/<sheet name="AG Weekly Review" sheetId="\d+" r:id="rId\d+"\/><\/sheets>/);

    const wbBefore = await readWorkbook(input);
    const wbAfter = await readWorkbook(await saved(copy.data));
    for (const name of USER) expect([name, sheetContent(wbAfter.getWorksheet(name)!)]).toEqual([name, sheetContent(wbBefore.getWorksheet(name)!)]);
    expect(wbAfter.getWorksheet("AG Weekly Review")!.getCell("A1").value).toBe(REVIEW_TITLE);
  });

  test("a copy of the copy finds ours again by its A1 (an inline string) and replaces it", async () => {
    const file = await saved(copy.data);
    const again = await accountantCopy(copy.data, await reviewOf(file));
    expect(again.reviewSheet).toBe("AG Weekly Review");
    const parts = await entries(await saved(again.data));
    expect([...parts.keys()].sort()).toEqual([...after.keys()].sort());
    expect(text(parts, "xl/workbook.xml")).toBe(text(after, "xl/workbook.xml"));
    const ours = sheetParts(after).get("AG Weekly Review")!;
    expect(text(after, ours)).toMatch(/<c r="A1"[^>]*t="inlineStr"/);
    for (const [name, bytes] of after) if (name !== ours) expect([name, parts.get(name)!.equals(bytes)]).toEqual([name, true]);
  });

  test("a copy of an older reviewed copy (written by exceljs, A1 a shared string) finds our sheet and replaces it", async () => {
    const wb = await readWorkbook(input);
    wb.addWorksheet("AG Weekly Review").getCell("A1").value = REVIEW_TITLE;
    const reviewed = await saved(new Uint8Array(await wb.xlsx.writeBuffer()));
    const parts = await entries(reviewed);
    const ours = sheetParts(parts).get("AG Weekly Review")!;
    expect(text(parts, ours)).toMatch(/<c r="A1"[^>]*t="s"/);
    const acc = await accountantCopy(fs.readFileSync(reviewed), await reviewOf(reviewed));
    expect(acc.reviewSheet).toBe("AG Weekly Review");
    const out = await entries(await saved(acc.data));
    expect(text(out, "xl/workbook.xml")).toBe(text(parts, "xl/workbook.xml"));
    expect(text(out, ours)).toContain(`<t>${REVIEW_TITLE}</t>`);
  });

  test("A1 is read as Excel shows it: rich-text runs joined", async () => {
    const wb = await readWorkbook(input);
    wb.getWorksheet("Weekly Review")!.getCell("A1").value = { richText: [{ text: "Assignment Guard " }, { text: "weekly review", font: { bold: true } }] };
    const data = new Uint8Array(await wb.xlsx.writeBuffer());
    const pkg = await XlsxPackage.open(data);
    const part = (await pkg.sheets()).find((s) => s.name === "Weekly Review")!.part!;
    expect(await firstCellOf(pkg, part)).toBe(REVIEW_TITLE);
    expect(await firstCellOf(pkg, (await pkg.sheets()).find((s) => s.name === "Review Log")!.part!)).toBe("My review log");
  });

  test("when 'Weekly Review' and 'AG Weekly Review' are both the user's, no copy is made", async () => {
    const file = await withUserSheets(["Weekly Review", "AG Weekly Review"]);
    await expect(accountantCopy(fs.readFileSync(file), await reviewOf(file))).rejects.toThrow(new SheetsTaken(REVIEW_SHEET_CANDIDATES));
    await expect(accountantCopy(fs.readFileSync(file), await reviewOf(file))).rejects.toThrow(sheetsTakenMessage(REVIEW_SHEET_CANDIDATES));
  });
});
