import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { decodeCsv, parseCsvText, readCsv } from "../../src/csv/read";
import { locateCsvPositions } from "../../src/csv/host";
import { cli } from "../cli/helpers";

const enc = (s: string) => new TextEncoder().encode(s);

describe("reading a .csv as a one-sheet grid", () => {
  test("UTF-8 with a byte-order mark: the mark is not part of the first header", () => {
    const csv = readCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...enc("Symbol,Qty,Strike\nKO,-1,60\n")]), "book.csv");
    expect(csv.encoding).toBe("utf-8");
    expect(csv.grid[0]).toEqual(["Symbol", "Qty", "Strike"]);
  });

  test("UTF-16 little-endian with its mark (Excel's 'Unicode text')", () => {
    const text = "Symbol,Qty,Strike\r\nKO,-1,60\r\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    const csv = readCsv(bytes, "book.csv");
    expect(csv.encoding).toBe("utf-16le");
    expect(csv.grid).toEqual([["Symbol", "Qty", "Strike"], ["KO", "-1", "60"]]);
  });

  test("bytes that are not UTF-8 are read as Windows-1252", () => {
    const { text, encoding } = decodeCsv(new Uint8Array([0x43, 0x61, 0x66, 0xe9])); // "Café" in Windows-1252
    expect(encoding).toBe("windows-1252");
    expect(text).toBe("Café");
  });

  test("quoted fields keep commas and embedded newlines; numbers stay text as written", () => {
    const grid = parseCsvText('"Description","Amount"\n"Micro E-mini S&P 500, Mar-22\nCUSIP: 1","($1,234.50)"\n');
    expect(grid).toEqual([["Description", "Amount"], ["Micro E-mini S&P 500, Mar-22\nCUSIP: 1", "($1,234.50)"]]);
  });

  test("blank cells are null and trailing blank lines are dropped", () => {
    expect(parseCsvText("a,b\n1,\n\n\n")).toEqual([["a", "b"], ["1", null]]);
  });

  test("a semicolon-separated export is split on semicolons", () => {
    expect(parseCsvText("Symbol;Qty;Strike\nKO;-1;60\n")).toEqual([["Symbol", "Qty", "Strike"], ["KO", "-1", "60"]]);
  });

  test("title lines above the header and summary lines below it: the table starts at its header row", () => {
    const csv = readCsv(enc("My puts\nexported today\n\nTicker,Type,Strike,Qty\nKO,Put,60,1\nPFE,Put,25,4\nTotal,,,5\n"), "log.csv");
    const located = locateCsvPositions(csv);
    expect(located.ok && located.table.headerRow).toBe(4);
    expect(located.ok && located.table.rows.length).toBe(3);
  });

  test("a file that is no broker format and no position list is refused with the headers it found", () => {
    const located = locateCsvPositions(readCsv(enc("Posted Date,Payee,Amount\n05/01/2026,Shop,-4.10\n"), "bank.csv"));
    expect(located).toEqual({ ok: false, message: expect.stringContaining("its first header row has: Posted Date, Payee, Amount") });
  });
});

describe("the command line reviews a .csv as it reviews an .xlsx", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-csv-"));
  const file = path.join(dir, "log.csv");
  fs.writeFileSync(file, "Ticker,Type,Strike,Qty,Open Date\nKO,Put,60,1,2026-01-02\nPFE,Put,25,4,2026-01-03\nT,Put,17,5,2026-01-04\nKO,Put,62,1,2026-01-05\n");

  test("review FILE.csv gives RULES.md's worked example", () => {
    const r = cli(["review", file, "--json", "--account", "100000", "--cash", "40000", "--vix", "18", "--as-of", "2026-11-27"]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect([j.exposure, j.headroom, j.overBudgetRows, j.verdict.state]).toEqual([30700, -700, [5], "over"]);
    expect(j.table).toEqual({ sheet: "log", name: null, range: "A1:E5" });
  });

  test("--out on a .csv is refused: there is no workbook to copy", () => {
    const r = cli(["review", file, "--out", path.join(dir, "copy.xlsx")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("a .csv is only reviewed");
    expect(fs.existsSync(path.join(dir, "copy.xlsx"))).toBe(false);
  });

  test("a missing .csv is one line naming it, no stack trace", () => {
    const r = cli(["review", path.join(dir, "nope.csv")]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringContaining("nope.csv: no such file")]);
  });
});
