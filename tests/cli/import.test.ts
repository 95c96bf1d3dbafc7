import * as fs from "fs";
import * as path from "path";
import { run } from "../../src/cli/main";
import { cli, fixture, ROOT } from "./helpers";
import { excelAssembled } from "../../scripts/preservation-fixtures";
import { zipParts } from "../helpers/zip";
import { recalculatedSheets, withSoffice } from "../helpers/libreoffice";
import { tmp } from "../xlsx/user-sheets";
import { ExpectedFile } from "../helpers/expected-files";
import { XlsxPackage } from "../../src/xlsx/package";
import { writeSettingCells } from "../../src/xlsx/reviewed";

/**
 * Issue 11 item 5, `assignment-guard import BROKER --into BOOK.xlsx`: the workbook then reviews
 * as the broker file does; importing twice leaves one copy of each table; every part of the
 * workbook the import does not own stays byte for byte; LibreOffice opens the result.
 */
jest.setTimeout(300_000);

const BROKERS = path.join(ROOT, "tests", "fixtures", "real", "brokers");
const ARGS = ["--account", "100000", "--cash", "40000", "--vix", "18", "--as-of", "2026-11-27"];
const broker = (name: string) => path.join(BROKERS, name);

/** The command line in this process (the same `run` the installed command calls). */
async function inProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { status, stdout: out.join("\n"), stderr: err.join("\n") };
}

async function reviewJson(file: string): Promise<any> {
  const r = await inProcess(["review", file, "--json", ...ARGS]);
  if (r.status !== 0) throw new Error(`review ${file}: exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** The figures a trader reads; sheet row numbers differ by nature (the file's rows, the table's rows). */
function figures(j: any) {
  const rows = j.rows as { status: string }[];
  return {
    verdict: j.verdict.state,
    exposure: j.exposure,
    headroom: j.headroom,
    backing: j.backing,
    counted: rows.filter((r) => r.status === "counted").length,
    errors: rows.filter((r) => r.status === "error").length,
    overBudget: j.overBudgetRows.length,
    concentration: j.concentrationRows.length,
    expiredOpen: j.expiredOpenRows.length,
    underlyings: j.underlyings,
  };
}

/** Broker files the review reads (their expected exit is 0), with their data file. */
const importable = fs
  .readdirSync(BROKERS)
  .filter((f) => f.endsWith(".expected.json"))
  .map((f) => ({ name: f.replace(/\.expected\.json$/, ""), expected: JSON.parse(fs.readFileSync(path.join(BROKERS, f), "utf8")) as ExpectedFile }))
  .filter((e) => (e.expected.expect.exitCode ?? 0) === 0)
  .map((e) => ({ ...e, file: fs.readdirSync(BROKERS).find((f) => f.startsWith(`${e.name}.`) && !f.endsWith(".json"))! }));

describe("import, then review of the workbook, gives the broker file's figures", () => {
  const dir = tmp();
  test("there are broker files of every kind to import", () => {
    expect(importable.length).toBeGreaterThanOrEqual(30);
  });
  test.each(importable.map((e) => [e.file]))("%s", async (file) => {
    const book = path.join(dir, `${file}.xlsx`);
    fs.copyFileSync(fixture("worked-example"), book);
    const imported = await inProcess(["import", broker(file), "--into", book, "--as-of", "2026-11-27"]);
    expect(imported.stderr.split("\n").filter((l) => !l.startsWith("warning:") && l !== "")).toEqual([]);
    expect(imported.status).toBe(0);
    const fromBroker = await reviewJson(broker(file));
    const fromBook = await reviewJson(book);
    expect(fromBook.table).toMatchObject({ sheet: "Broker Positions", name: "BrokerPositions" });
    expect(figures(fromBook)).toEqual(figures(fromBroker));
  });
});

describe("importing into a workbook saved by Excel", () => {
  const dir = tmp();
  let original: Map<string, Buffer>;
  let once: Map<string, Buffer>;
  const book = path.join(dir, "book.xlsx");
  const onceFile = path.join(dir, "once.xlsx");
  const originalFile = path.join(dir, "original.xlsx");
  const EDITED = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml"];

  beforeAll(async () => {
    fs.writeFileSync(book, await excelAssembled());
    fs.copyFileSync(book, originalFile);
    original = await zipParts(book);
    const r = await inProcess(["import", broker("tastytrade-history-2021-01.csv"), "--into", book, "--as-of", "2026-11-27"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    once = await zipParts(book);
    fs.copyFileSync(book, onceFile);
  });

  test("every part the import does not own is byte for byte the same", () => {
    for (const [name, bytes] of original) {
      if (EDITED.includes(name)) continue;
      expect([name, once.get(name)?.equals(bytes)]).toEqual([name, true]);
    }
  });

  test("the workbook, relationships and content types only gain entries for the new parts and CSP_PositionsTable", () => {
    const text = (m: Map<string, Buffer>, n: string) => m.get(n)!.toString("utf8");
    const wb = text(once, "xl/workbook.xml")
      .replace(/<sheet name="Broker (Positions|Ledger)" sheetId="\d+" r:id="rId\d+"\/>/g, "")
      .replace(/<sheet name="Assignment Guard" sheetId="\d+" r:id="rId\d+"\/>/, "")
      .replace(/<definedName name="CSP_PositionsTable">[^<]*<\/definedName>/, "");
    expect(wb).toBe(text(original, "xl/workbook.xml"));
    const added = [...once.keys()].filter((n) => !original.has(n));
    const rels = text(once, "xl/_rels/workbook.xml.rels").replace(/<Relationship Id="rId\d+" Type="[^"]*\/worksheet" Target="worksheets\/sheet\d+\.xml"\/>/g, (m) =>
      added.some((a) => m.includes(`Target="${a.replace(/^xl\//, "")}"`)) ? "" : m,
    );
    expect(rels).toBe(text(original, "xl/_rels/workbook.xml.rels"));
    const ct = text(once, "[Content_Types].xml").replace(/<Override PartName="\/([^"]+)" ContentType="[^"]*"\/>/g, (m, part: string) => (added.includes(part) ? "" : m));
    expect(ct).toBe(text(original, "[Content_Types].xml"));
    // Styles are only appended: every cell format the user's cells use keeps its index.
    const xfs = (m: Map<string, Buffer>) => /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(text(m, "xl/styles.xml"))![1].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;
    expect(xfs(once).slice(0, xfs(original).length)).toEqual(xfs(original));
  });

  test("importing again, from another broker file, leaves one copy of each table and changes only the import's own parts", async () => {
    const r = await inProcess(["import", broker("schwab-transactions-options-rebuilt.csv"), "--into", book, "--as-of", "2026-11-27"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\(the previous import replaced\)/);
    const twice = await zipParts(book);
    expect([...twice.keys()].sort()).toEqual([...once.keys()].sort());
    const tables = [...twice.entries()].filter(([n]) => /^xl\/tables\//.test(n)).map(([, b]) => /displayName="([^"]+)"/.exec(b.toString("utf8"))![1]);
    expect(tables.filter((t) => t === "BrokerPositions")).toHaveLength(1);
    expect(tables.filter((t) => t === "BrokerLedger")).toHaveLength(1);
    const added = new Set([...once.keys()].filter((n) => !original.has(n)));
    for (const [name, bytes] of once) if (!added.has(name)) expect([name, twice.get(name)?.equals(bytes)]).toEqual([name, true]);
    const j = await reviewJson(book);
    expect(figures(j)).toEqual(figures(await reviewJson(broker("schwab-transactions-options-rebuilt.csv"))));
  });

  test("a position list has no ledger: the earlier import's BrokerLedger is left as it is", async () => {
    const before = await zipParts(book);
    const r = await inProcess(["import", broker("schwab-positions-options-rebuilt.csv"), "--into", book, "--as-of", "2026-11-27"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/a position list has no cash ledger/);
    const after = await zipParts(book);
    const ledgerParts = [...before.entries()].filter(([, b]) => b.toString("utf8").includes("BrokerLedger") || b.toString("utf8").includes("option cash ledger"));
    expect(ledgerParts.length).toBeGreaterThan(0);
    for (const [name, bytes] of ledgerParts) if (name !== "xl/workbook.xml") expect([name, after.get(name)?.equals(bytes)]).toEqual([name, true]);
  });

  withSoffice("LibreOffice opens the imported workbook and reads both tables", () => {
    const sheets = recalculatedSheets(onceFile, dir);
    // LibreOffice writes every row as wide as the sheet's used range.
    const positions = sheets("Broker Positions").map((line) => line.replace(/,+$/, ""));
    expect(positions[0]).toBe("Assignment Guard broker import: open short puts");
    expect(positions[3]).toBe("Underlying,Type,Side,Strike,Contracts,Multiplier,Expiration,Open Date,Broker Row,Note");
    // tastytrade-history-2021-01.expected.json: GME 40 P x1 (row 4), BB 16 P x1 three times (rows 16-18).
    expect(positions.slice(4)).toEqual(["GME,Put,Sell,40,1,100,2021-03-19,2021-01-29,4", "BB,Put,Sell,16,1,100,2021-03-19,2021-01-21,16", "BB,Put,Sell,16,1,100,2021-03-19,2021-01-21,17", "BB,Put,Sell,16,1,100,2021-03-19,2021-01-21,18"]);
    expect(sheets("Broker Ledger")[3]).toBe("Date,Amount,Broker Row");
    // The user's sheets recalculate to what they did before the import.
    const before = recalculatedSheets(originalFile, dir);
    for (const name of ["Positions", "My Log", "Summary", "Notes"]) expect([name, sheets(name)]).toEqual([name, before(name)]);
  });
});

describe("import: what it refuses, and the user's choices it keeps", () => {
  const dir = tmp();
  const fresh = (name: string) => {
    const book = path.join(dir, name);
    fs.copyFileSync(fixture("worked-example"), book);
    return book;
  };
  const unchanged = (book: string, run: () => Promise<{ status: number; stderr: string }>) => async () => {
    const before = fs.readFileSync(book);
    const r = await run();
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(fs.readFileSync(book).equals(before)).toBe(true);
    return r;
  };

  test("--out writes the import into a copy and leaves the workbook as it was", async () => {
    const book = fresh("out-src.xlsx");
    const before = fs.readFileSync(book);
    const copy = path.join(dir, "out-copy.xlsx");
    const r = await inProcess(["import", broker("robinhood-options-rebuilt.csv"), "--into", book, "--out", copy, "--as-of", "2026-11-27"]);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(book).equals(before)).toBe(true);
    expect(figures(await reviewJson(copy))).toEqual(figures(await reviewJson(broker("robinhood-options-rebuilt.csv"))));
  });

  test("a file that is no broker format is refused naming its headers, and nothing is written", async () => {
    const book = fresh("refuse-1.xlsx");
    const r = await unchanged(book, () => inProcess(["import", broker("not-a-broker-file.csv"), "--into", book]))();
    expect(r.stderr).toMatch(/Posted Date, Reference Number/);
  });

  test("a table named BrokerPositions that the import did not write is never written over", async () => {
    const book = fresh("refuse-2.xlsx");
    const first = path.join(dir, "refuse-2-first.xlsx");
    expect((await inProcess(["import", broker("robinhood-options-rebuilt.csv"), "--into", book, "--out", first])).status).toBe(0);
    // The user re-titles the import's sheet: it is theirs now.
    const pkg = await XlsxPackage.open(new Uint8Array(fs.readFileSync(first)));
    const sheet = (await pkg.sheets()).find((s) => s.name === "Broker Positions")!;
    pkg.setText(sheet.part!, (await pkg.text(sheet.part!))!.replace("Assignment Guard broker import: open short puts", "My own puts"));
    fs.writeFileSync(first, await pkg.toBuffer());
    const r = await unchanged(first, () => inProcess(["import", broker("robinhood-options-rebuilt.csv"), "--into", first]))();
    expect(r.stderr).toMatch(/a table named BrokerPositions is on sheet 'Broker Positions', which the import did not write/);
  });

  test("options of review, a missing --into and a missing workbook are refused with one line", async () => {
    const book = fresh("refuse-3.xlsx");
    await unchanged(book, () => inProcess(["import", broker("robinhood-options-rebuilt.csv"), "--into", book, "--account", "100000"]))();
    const r = await inProcess(["import", broker("robinhood-options-rebuilt.csv")]);
    expect([r.status, r.stderr]).toEqual([2, "assignment-guard: import needs --into BOOK.xlsx, the workbook to import into"]);
    const missing = await inProcess(["import", broker("robinhood-options-rebuilt.csv"), "--into", path.join(dir, "none.xlsx")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no such workbook/);
  });

  test("CSP_PositionsTable naming the user's own table stays, and the import says the review reads that table", async () => {
    const book = fresh("choice.xlsx");
    const pkg = await XlsxPackage.open(new Uint8Array(fs.readFileSync(book)));
    await writeSettingCells(pkg, { positionsTable: "Positions" });
    fs.writeFileSync(book, await pkg.toBuffer());
    const r = await inProcess(["import", broker("robinhood-options-rebuilt.csv"), "--into", book, "--as-of", "2026-11-27"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^warning: CSP_PositionsTable names 'Positions', your choice, so the review reads that and not BrokerPositions/);
    expect((await reviewJson(book)).table).toMatchObject({ name: "Positions" });
  });

  test("a broker row that cannot be read is imported as a row that cannot be read: the workbook's headline stays not confirmed", async () => {
    const csv = path.join(dir, "schwab-unreadable.csv");
    fs.writeFileSync(
      csv,
      [
        '"Positions for account Individual ...123 as of 09:15 PM ET, 2026/11/26"',
        "",
        '"Symbol","Description","Qty (Quantity)","Price","Mkt Val (Market Value)","Asset Type"',
        '"KO 12/18/2026 60.00 P","PUT COCA COLA","-1","1.05","-$105.00","Option"',
        '"KO DEC 2026 SIXTY PUT","PUT COCA COLA","-1","1.05","-$105.00","Option"',
        '"Account Total","","","","$10,000.00",""',
      ].join("\r\n"),
    );
    const book = fresh("unreadable.xlsx");
    const r = await inProcess(["import", csv, "--into", book, "--as-of", "2026-11-27"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^warning: 1 row of schwab-unreadable\.csv could not be read; imported as unreadable rows/);
    const fromBook = await reviewJson(book);
    expect(figures(fromBook)).toEqual(figures(await reviewJson(csv)));
    expect([fromBook.verdict.state, fromBook.exposure]).toEqual(["unconfirmed", 6000]);
    expect(fromBook.rows.find((x: { status: string }) => x.status === "error")).toMatchObject({ row: 6, column: "Type", cell: "B6" });
  });

  test("the installed command imports and reviews end to end", () => {
    const book = fresh("e2e.xlsx");
    const r = cli(["import", broker("ibkr-flex-trades-rebuilt.csv"), "--into", book, "--as-of", "2026-11-27"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Imported ibkr-flex-trades-rebuilt\.csv into .*e2e\.xlsx: 4 open short puts, exposure \$64,850\.00, in table BrokerPositions on sheet 'Broker Positions' \(a new sheet\)$/m);
    const j = JSON.parse(cli(["review", book, "--json", ...ARGS]).stdout);
    expect([j.verdict.state, j.exposure, j.overBudgetRows.length]).toEqual(["over", 64850, 4]);
  });
});
