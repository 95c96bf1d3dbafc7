import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildReview, highlightPlan, serialFromYmd } from "../../src/core";
import { XlsxWorkbookHost } from "../../src/xlsx/host";
import { highlightMarks } from "../../src/xlsx/marks";
import { cli, fixture } from "../cli/helpers";
import { buildPackage, row } from "./parts";

jest.setTimeout(60_000);
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "ag-read-"));

describe("the command line names the file and the part it cannot read, exit 2, one line, no stack", () => {
  test.each([
    ["a CSV saved with an .xlsx name", () => new TextEncoder().encode("Ticker,Strike,Qty\nKO,60,1\n"), /^assignment-guard: .*book\.xlsx is not an \.xlsx workbook \(not a zip archive\)$/],
    ["a zip without a workbook", async () => (await import("../../scripts/package-parts")).zipParts({ "readme.txt": "hello" }), /book\.xlsx is not an \.xlsx workbook \(it has no workbook part xl\/workbook\.xml\)$/],
    [
      "a sheet whose cell points at a shared string that is not there",
      () => buildPackage({ sheets: [{ name: "S", data: row(1, ["Ticker", "Strike", "Qty"]) + '<row r="2"><c r="A2" t="s"><v>7</v></c></row>' }], shared: ["x"] }),
      /book\.xlsx: part xl\/worksheets\/sheet1\.xml cannot be read: cell A2 refers to shared string 7, which does not exist$/,
    ],
  ])("%s", async (_what, make, message) => {
    const file = path.join(tmp(), "book.xlsx");
    fs.writeFileSync(file, await make());
    const r = cli(["review", file, "--json"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("the preview's marks are read back from the package the writers changed", () => {
  test("after Highlight, the rows our rules mark are the rows the core planned; after Clear, none", async () => {
    const host = await XlsxWorkbookHost.fromBuffer(fs.readFileSync(fixture("worked-example")), { asOf: serialFromYmd(2026, 2, 10)! });
    const s = await host.readSnapshot();
    const review = buildReview({ table: s.table!, inputs: s.settings.inputs, asOf: host.today() });
    await host.highlight(review);
    const marks = await highlightMarks(await host.currentReader(), "Positions");
    expect([...marks].sort((a, b) => a[0] - b[0])).toEqual(highlightPlan(review).map((m) => [m.row, m.kind]).sort((a, b) => (a[0] as number) - (b[0] as number)));
    expect(marks.size).toBeGreaterThan(0);
    await host.clearHighlights();
    expect((await highlightMarks(await host.currentReader(), "Positions")).size).toBe(0);
  });
});
