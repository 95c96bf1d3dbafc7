import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import {
  HIGHLIGHT_FILL,
  LOG_HEADERS,
  LOG_TABLE,
  NAMES,
  REVIEW_SHEET,
  SETTINGS_SHEET,
  buildReview,
  highlightKindOf,
  serialFromYmd,
} from "../../src/core";
import { XlsxWorkbookHost } from "../../src/xlsx/host";

const FIX = path.join(__dirname, "..", "fixtures");
const SAMPLE = path.join(__dirname, "..", "..", "samples", "sample-positions.xlsx");
const asOf = serialFromYmd(2026, 2, 10)!;
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "ag-xlsx-"));

async function open(file: string): Promise<XlsxWorkbookHost> {
  return XlsxWorkbookHost.fromBuffer(fs.readFileSync(file), { asOf });
}
async function review(host: XlsxWorkbookHost) {
  const s = await host.readSnapshot();
  return buildReview({ table: s.table!, inputs: s.settings.inputs, overrides: s.settings.overrides, asOf: host.today() });
}
/** The host's bytes as an independent reader (exceljs, a test-only dependency) sees them. */
async function reread(host: XlsxWorkbookHost): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await host.toBuffer()) as unknown as ArrayBuffer);
  return wb;
}
async function reopen(host: XlsxWorkbookHost): Promise<ExcelJS.Workbook> {
  const file = path.join(tmp(), "out.xlsx");
  await host.save(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}
type Cf = { ref: string; rules: { type: string; priority?: number; formulae?: string[]; style?: any }[] };
const cfs = (ws: ExcelJS.Worksheet) => (ws as unknown as { conditionalFormattings: Cf[] }).conditionalFormattings;

describe("XlsxWorkbookHost reads a workbook as the pane needs it", () => {
  test("snapshot: table, names, settings", async () => {
    const host = await open(path.join(FIX, "worked-example.xlsx"));
    const s = await host.readSnapshot();
    expect(s.tableNames).toEqual(["Positions"]);
    expect(s.choice).toEqual({ kind: "table", name: "Positions" });
    expect(s.table!.source).toEqual({
      sheet: "Positions",
      name: "Positions",
      range: "A1:H9",
      found: "Positions: table Positions (A1:H9) on sheet 'Positions', the table named Positions",
    });
    expect(s.table!.rows).toHaveLength(8);
    expect(s.definedNames.sort()).toEqual(["accountValue", "cash", "vix"]);
    expect(s.settings.inputs).toMatchObject({ accountValue: 100000, cash: 40000, vix: 18 });
    expect(s.message).toBeNull();
  });

  test("a stored CSP_PositionsTable range wins over detection", async () => {
    const host = await open(path.join(FIX, "plain-range.xlsx"));
    await host.writeSettings({ positionsTable: "'Put log'!A4:F6" });
    expect((await host.readSnapshot()).table!.source!.range).toBe("A4:F6");
  });

  test("no table: the message names the sheets looked at and what to do", async () => {
    const s = await (await open(path.join(FIX, "no-table.xlsx"))).readSnapshot();
    expect(s.table).toBeNull();
    expect(s.message).toMatch(/no position table found\. sheets looked at: '/);
    expect(s.message).toMatch(/name the position table Positions or pick it/);
  });
});

describe("writing: settings, highlights, weekly review and log", () => {
  test("missing names are created on the settings sheet; existing ones are written in place", async () => {
    const host = await open(path.join(FIX, "worked-example.xlsx"));
    await host.writeSettings({ vix: 31, highVixCap: 0.5, columnOverrides: '{"strike":"Strike"}' });
    const wb = await reopen(host);
    const names = Object.fromEntries(wb.definedNames.model.map((d) => [d.name, d.ranges[0]]));
    expect(names[NAMES.vix]).toBe("Inputs!$B$3");
    expect(wb.getWorksheet("Inputs")!.getCell("B3").value).toBe(31);
    expect(names[NAMES.highVixCap]).toBe(`'${SETTINGS_SHEET}'!$B$4`);
    expect(wb.getWorksheet(SETTINGS_SHEET)!.getCell("B4").value).toBe(0.5);
    expect(wb.getWorksheet(SETTINGS_SHEET)!.getCell("A4").value).toMatch(/High-VIX cap/);
    const again = await XlsxWorkbookHost.fromBuffer(await (await XlsxWorkbookHost.fromBuffer(await host.toBuffer())).toBuffer());
    expect((await again.readSnapshot()).settings.overrides).toEqual({ strike: "Strike" });
  });

  test("highlights are our marked conditional formats; the user's own rule stays and Clear removes only ours", async () => {
    const host = await open(SAMPLE);
    const before = cfs((await reread(host)).getWorksheet("Positions")!).map((c) => JSON.stringify(c.rules.map((r) => r.formulae)));
    const r = await review(host);
    await host.highlight(r);
    await host.highlight(r); // re-highlighting replaces, never stacks
    let wb = await reopen(host);
    const blocks = cfs(wb.getWorksheet("Positions")!);
    const ours = blocks.filter((b) => b.rules.some((x) => highlightKindOf(x.formulae?.[0]) !== null));
    expect(ours.map((b) => [highlightKindOf(b.rules[0].formulae![0]), b.ref])).toEqual([
      ["over-budget", "A20:N20 A22:N23"],
      ["concentration", "A15:N15"],
    ]);
    expect(ours[0].rules[0].style.fill.bgColor.argb).toBe(`FF${HIGHLIGHT_FILL["over-budget"].slice(1)}`);
    expect(ours[0].rules[0].priority).toBe(1);
    const theirs = blocks.filter((b) => !ours.includes(b));
    expect(theirs.map((c) => JSON.stringify(c.rules.map((x) => x.formulae)))).toEqual(before);
    expect(theirs[0].rules[0].priority).toBeGreaterThan(2);

    const h2 = await XlsxWorkbookHost.fromBuffer(await host.toBuffer());
    await h2.clearHighlights();
    wb = await reopen(h2);
    const left = cfs(wb.getWorksheet("Positions")!);
    expect(left.map((c) => JSON.stringify(c.rules.map((x) => x.formulae)))).toEqual(before);
    expect(wb.getWorksheet("Positions")!.getCell("A1").fill).toMatchObject({ fgColor: { argb: "FF1F4E78" } });
  });

  test("Weekly Review sheet and Review Log: one row per save, formats from the core", async () => {
    const host = await open(path.join(FIX, "worked-example.xlsx"));
    const r = await review(host);
    await host.saveWeeklyReview(r);
    await host.saveWeeklyReview(r);
    const h2 = await XlsxWorkbookHost.fromBuffer(await host.toBuffer(), { asOf });
    await h2.saveWeeklyReview(r); // appending to a table read back from a file
    const wb = await reopen(h2);
    const ws = wb.getWorksheet(REVIEW_SHEET)!;
    expect(ws.getCell("A1").value).toBe("Assignment Guard weekly review");
    expect(ws.getCell("A1").font).toMatchObject({ bold: true });
    expect(wb.worksheets.filter((w) => w.name === REVIEW_SHEET)).toHaveLength(1);
    const log = wb.getWorksheet("Review Log")!;
    const t = (log as any).tables[LOG_TABLE].table;
    expect(t.tableRef).toBe("A1:V4");
    expect((log.getRow(1).values as unknown[]).slice(1)).toEqual([...LOG_HEADERS]);
    for (const row of [2, 3, 4]) {
      expect(log.getRow(row).getCell(7).value).toBe(30700);
      expect(log.getRow(row).getCell(7).numFmt).toBe("$#,##0.00");
      expect(log.getRow(row).getCell(10).value).toBe(1);
    }
  });
});

describe("the preview writes through the package editor, as the command line does", () => {
  test("a chart in the input survives highlight and save byte for byte", async () => {
    const JSZip = require("jszip");
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(FIX, "worked-example.xlsx")));
    const chart = '<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>';
    zip.file("xl/charts/chart1.xml", chart);
    const withChart = path.join(tmp(), "chart.xlsx");
    fs.writeFileSync(withChart, await zip.generateAsync({ type: "nodebuffer" }));
    const host = await open(withChart);
    const r = await review(host);
    await host.highlight(r);
    await host.saveWeeklyReview(r);
    const written = await JSZip.loadAsync(Buffer.from(await host.toBuffer()));
    expect(await written.file("xl/charts/chart1.xml").async("string")).toBe(chart);
  });
});
