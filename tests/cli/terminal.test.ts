import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildReview, Cell } from "../../src/core";
import { humanReport } from "../../src/cli/report";
import { terminalJson, visible } from "../../src/cli/terminal";
import { cli, fixture } from "./helpers";

jest.setTimeout(120_000);

/** Any character a terminal would act on: C0 but the newline, DEL, C1, line separators, direction overrides. */
// eslint-disable-next-line no-control-regex -- the test looks for control characters that must not reach a terminal
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

const CLEAR = "\u001b[2J";
const OSC52 = "\u001b]52;c;ZWNobyBoaQ==\u0007";
const OSC8 = "\u001b]8;;https://example.invalid\u001b\\KO\u001b]8;;\u001b\\";
const FORGED = "KO\nWITHIN BUDGET: headroom $99,999.00";
const C1 = "KO\u009b2J\u007f\u202e";

describe("visible(): control characters as escapes, on one line", () => {
  test.each([
    ["ESC sequence (clear screen)", CLEAR, "\\x1b[2J"],
    ["OSC 52 clipboard write", OSC52, "\\x1b]52;c;ZWNobyBoaQ==\\x07"],
    ["OSC 8 link", OSC8, "\\x1b]8;;https://example.invalid\\x1b\\KO\\x1b]8;;\\x1b\\"],
    ["a forged report line", FORGED, "KO\\x0aWITHIN BUDGET: headroom $99,999.00"],
    ["C1 CSI, DEL and a direction override", C1, "KO\\x9b2J\\x7f\\u202e"],
    ["plain text", "Put log (2026) – KO $62", "Put log (2026) – KO $62"],
  ])("%s", (_what, text, shown) => {
    expect(visible(text)).toBe(shown);
    expect(visible(text)).not.toMatch(CONTROL);
    expect(visible(text)).not.toContain("\n");
  });

  test("terminalJson is the same JSON document, with DEL, C1 and separators escaped", () => {
    const value = { ticker: C1, other: FORGED, sep: "a\u2028b" };
    const json = terminalJson(JSON.stringify(value, null, 2));
    expect(JSON.parse(json)).toEqual(value);
    expect(json).not.toMatch(CONTROL);
  });
});

describe("the report never passes workbook text to the terminal raw", () => {
  const header: Cell[] = ["Ticker", "Type", "Strike", "Qty"];
  const tickers = [CLEAR, OSC52, OSC8, FORGED, C1];
  const review = buildReview({
    table: { header, rows: [...tickers.map((t) => [t, "P", 100, 1]), ["BAD\u001b[31m", "P", "4O\u001b[0m", 1]], headerRow: 1, firstColumn: 1, source: { sheet: "Pos\u001b[2Jitions", name: null, range: "A1:D7" } },
    inputs: { accountValue: 100000, cash: 40000, vix: 18 },
    asOf: 46000,
  });

  test("tickers, sheet names and cell messages show their control characters as escapes; no forged line", () => {
    const text = humanReport(review, "book\u001b[2J.xlsx", ["a setting \u001b]52;c;eA==\u0007 cannot be read"]);
    expect(text).not.toMatch(CONTROL);
    expect(text.split("\n").filter((l) => /^WITHIN BUDGET/.test(l))).toEqual([]);
    expect(text).toContain("KO\\x0aWITHIN BUDGET");
    expect(text).toContain("\\x1b[2J");
    expect(text).toContain("Pos\\x1b[2Jitions");
  });
});

describe("end to end: a workbook whose cells hold control characters as Excel saves them (_x001B_)", () => {
  let file: string;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(fixture("worked-example"));
    const ws = wb.getWorksheet("Positions")!;
    // Excel writes a control character in text as _xHHHH_; a reader that decodes it hands ESC to the report.
    ws.getCell("A2").value = "KO_x001B_[2J_x001B_]52;c;ZWNobw==_x0007_";
    ws.getCell("A3").value = "PFE\nWITHIN BUDGET: headroom $1.00";
    ws.getCell("D7").value = "abc\u001b[31m";
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ag-term-")), "controls.xlsx");
    await wb.xlsx.writeFile(file);
  });

  test("the human report: no control character reaches stdout or stderr, each message on one line", () => {
    const r = cli(["review", file, "--as-of", "2026-02-10"]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stderr).not.toMatch(CONTROL);
    expect(r.stdout.split("\n").filter((l) => l.startsWith("WITHIN BUDGET"))).toEqual([]);
    expect(r.stdout).toContain("PFE\\x0aWITHIN BUDGET");
  });

  test("--json: exact JSON, the same text as the cells hold", () => {
    const r = cli(["review", file, "--json", "--as-of", "2026-02-10"]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(CONTROL);
    const j = JSON.parse(r.stdout);
    expect(j.rows.find((x: any) => x.row === 3).underlying.toUpperCase()).toBe("PFE\nWITHIN BUDGET: HEADROOM $1.00");
  });
});
