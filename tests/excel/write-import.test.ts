import * as fs from "fs";
import * as path from "path";
import {
  BrokerImport,
  BROKER_LEDGER_HEADERS,
  BROKER_POSITIONS_HEADERS,
  buildReview,
  IMPORT_TITLE,
  ImportRefused,
  NAMES,
  prepareImport,
  Review,
  reviewToJson,
  sameFigures,
  serialFromYmd,
  SETTINGS_SHEET,
} from "../../src/core";
import { readCsv } from "../../src/csv/read";
import { csvSnapshot } from "../../src/csv/host";
import { readSnapshot } from "../../src/excel/read";
import { writeImport } from "../../src/excel/write";
import { settingsRow } from "../../src/excel/write-settings";
import { ExcelWorkbookHost } from "../../src/excel/host";
import { SnapshotCache } from "../../src/excel/snapshot-cache";
import { reviewRequestOf } from "../../src/host/workbook-host";
import { readInput } from "../../src/cli/input";
import { ExcelModel, valuesAt, workbook, WorkbookState } from "../helpers/excel-model";
import { userWorkbook } from "./fixtures";

/**
 * The pane's "Import broker file" through Office.js (src/excel/write-import.ts) on the Excel
 * model: the tables the command line writes, in three round trips; the workbook then reviews as
 * the broker file does; a second import replaces the first and keeps its table; a refusal writes
 * nothing.
 */
const BROKERS = path.join(__dirname, "..", "fixtures", "real", "brokers");
const AS_OF = serialFromYmd(2026, 11, 27)!;
const INPUTS = { accountValue: 100000, cash: 40000, vix: 18 };

/** A broker .csv's checked import, as the pane prepares it (src/core/broker-import.ts prepareImport). */
function importOf(file: string): { review: Review; imp: BrokerImport } {
  const snap = csvSnapshot(readCsv(new Uint8Array(fs.readFileSync(path.join(BROKERS, file))), file), null);
  if (!snap.table) throw new Error(snap.message ?? "no table");
  return prepareImport(snap.table, snap.settings.overrides, AS_OF, file);
}

/** The user's workbook with their inputs as defined names on the settings sheet, as the pane creates them. */
function userBook(): WorkbookState {
  const wb = userWorkbook();
  const settings = workbook({ sheets: { [SETTINGS_SHEET]: valuesAt("A1", [["Account value", 100000], ["Cash", 40000], ["VIX", 18]]) } }).sheets[0];
  wb.sheets.push(settings);
  wb.names.push(
    { name: NAMES.accountValue, type: "Range", sheet: SETTINGS_SHEET, address: "B1" },
    { name: NAMES.cash, type: "Range", sheet: SETTINGS_SHEET, address: "B2" },
    { name: NAMES.vix, type: "Range", sheet: SETTINGS_SHEET, address: "B3" },
  );
  return wb;
}

/** The workbook's review as the pane makes it after the import. */
async function reviewOf(mock: ExcelModel): Promise<Review> {
  const snap = await readSnapshot(mock.context);
  if (!snap.table) throw new Error(snap.message ?? "no table");
  return buildReview(reviewRequestOf({ ...snap, table: snap.table }, AS_OF));
}

const sheetsExcept = (mock: ExcelModel, ...ours: string[]) => JSON.stringify(mock.state.sheets.filter((s) => !ours.includes(s.name)));

describe("the broker import through Office.js", () => {
  test("a transaction history: both tables, their sheets' title and caption, CSP_PositionsTable created; three round trips", async () => {
    const { imp } = importOf("tastytrade-history-2021-01.csv");
    const mock = new ExcelModel(userBook());
    const before = sheetsExcept(mock);
    const done = await writeImport(mock.context, imp);
    expect(mock.syncs).toBe(3);
    expect(done).toEqual({
      positions: { table: "BrokerPositions", sheet: "Broker Positions", replaced: false, rows: imp.positions.rows.length },
      ledger: { table: "BrokerLedger", sheet: "Broker Ledger", replaced: false, rows: imp.ledger!.rows.length },
      setting: { written: true, message: "CSP_PositionsTable created: the review reads BrokerPositions" },
    });
    const n = imp.positions.rows.length;
    expect(mock.state.tables.find((t) => t.name === "BrokerPositions")).toMatchObject({ sheet: "Broker Positions", headerRow: 4, firstColumn: 1, width: 10, bodyRows: n });
    expect(mock.values("Broker Positions", "A1:A2")).toEqual([[IMPORT_TITLE.positions], [imp.positions.caption]]);
    expect(mock.values("Broker Positions", "A4:J4")).toEqual([[...BROKER_POSITIONS_HEADERS]]);
    expect(mock.values("Broker Positions", `A5:J${4 + n}`)).toEqual(imp.positions.rows.map((r) => r.map((c) => c ?? "")));
    expect(mock.cell("Broker Positions", "G5").numberFormat).toBe(imp.positions.formats[6]);
    const m = imp.ledger!.rows.length;
    expect(mock.values("Broker Ledger", "A4:C4")).toEqual([[...BROKER_LEDGER_HEADERS]]);
    expect(mock.values("Broker Ledger", `A5:C${4 + m}`)).toEqual(imp.ledger!.rows);
    expect(mock.cell("Broker Ledger", "B5").numberFormat).toBe(imp.ledger!.formats[1]);
    // Nothing else in the workbook changed but the settings sheet's new row.
    expect(sheetsExcept(mock, "Broker Positions", "Broker Ledger", SETTINGS_SHEET)).toBe(JSON.stringify(JSON.parse(before).filter((s: { name: string }) => s.name !== SETTINGS_SHEET)));
    expect(mock.cell(SETTINGS_SHEET, `B${settingsRow("positionsTable")}`).value).toBe("BrokerPositions");
    expect(mock.values(SETTINGS_SHEET, "A1:B3")).toEqual([["Account value", 100000], ["Cash", 40000], ["VIX", 18]]);
  });

  const importable = fs
    .readdirSync(BROKERS)
    .filter((f) => f.endsWith(".csv") && JSON.parse(fs.readFileSync(path.join(BROKERS, f.replace(/\.csv$/, ".expected.json")), "utf8")).expect.exitCode === 0);

  test.each(importable)("%s imported, then the workbook reviewed: the broker file's figures", async (file) => {
    const { review: broker, imp } = importOf(file);
    const mock = new ExcelModel(userBook());
    await writeImport(mock.context, imp);
    const imported = await reviewOf(mock);
    expect(imported.source?.name).toBe("BrokerPositions");
    // The command line's review of the broker file, with the same inputs.
    const cli = await readInput(path.join(BROKERS, file), file, null);
    const fromFile = buildReview(reviewRequestOf({ ...cli, table: cli.table! }, AS_OF, INPUTS));
    expect(sameFigures(fromFile, imported)).toBeNull();
    const j = reviewToJson(imported);
    const k = reviewToJson(fromFile);
    expect([j.verdict.state, j.exposure, j.headroom, j.overBudgetRows.length, j.concentrationRows.length, j.underlyings]).toEqual([k.verdict.state, k.exposure, k.headroom, k.overBudgetRows.length, k.concentrationRows.length, k.underlyings]);
    // The income figures read the imported ledger as the broker file's review reads its history
    // (a position list's premium columns are not imported, by the core's design: src/core/broker-import.ts).
    expect(imported.income.sources.ledger).toBe(broker.reading.history ? "BrokerLedger" : null);
    const income = (r: Review) => ({ ...reviewToJson(r).income, sources: null });
    if (broker.reading.history) expect(income(imported)).toEqual(income(fromFile));
  });

  test("importing again replaces each table in place (same table, new rows; formulas naming it keep working) and nothing else", async () => {
    const big = importOf("tastytrade-history-2018-2024.csv").imp;
    const small = importOf("tastytrade-history-2021-01.csv").imp;
    const mock = new ExcelModel(userBook());
    await writeImport(mock.context, big);
    const positions = mock.state.tables.find((t) => t.name === "BrokerPositions")!;
    const ledger = mock.state.tables.find((t) => t.name === "BrokerLedger")!;
    mock.cell("Broker Ledger", "E20").value = "a note the user typed on our sheet";
    const user = sheetsExcept(mock, "Broker Positions", "Broker Ledger");

    for (const [imp, label] of [[small, "shorter"], [big, "longer"]] as const) {
      const start = mock.syncs;
      const done = await writeImport(mock.context, imp);
      expect(mock.syncs - start).toBe(3);
      expect(done.positions.replaced && done.ledger!.replaced).toBe(true);
      expect(done.setting).toEqual({ written: false, message: "CSP_PositionsTable already names BrokerPositions" });
      expect(mock.state.tables.filter((t) => /^Broker/.test(t.name))).toHaveLength(2);
      // The very tables of the first import, resized.
      expect(mock.state.tables).toContain(positions);
      expect(mock.state.tables).toContain(ledger);
      expect(ledger.bodyRows).toBe(imp.ledger!.rows.length);
      expect(positions.bodyRows).toBe(Math.max(1, imp.positions.rows.length));
      const m = imp.ledger!.rows.length;
      expect(mock.values("Broker Ledger", `A5:C${4 + m}`)).toEqual(imp.ledger!.rows);
      // Below and beside the table, the sheet is empty: the previous import's longer rows and the note are gone.
      expect(mock.sheet("Broker Ledger").cells.usedBox({ row: 1, column: 1, rows: 1_048_576, columns: 16_384 })).toEqual({ row: 1, column: 1, rows: 4 + m, columns: 3 });
      expect(mock.values("Broker Ledger", "A2:A2")).toEqual([[imp.ledger!.caption]]);
      expect({ label, user: sheetsExcept(mock, "Broker Positions", "Broker Ledger") }).toEqual({ label, user });
    }
  });

  test("a position list replaces BrokerPositions and leaves an earlier BrokerLedger as it is", async () => {
    const mock = new ExcelModel(userBook());
    await writeImport(mock.context, importOf("tastytrade-history-2021-01.csv").imp);
    const ledger = JSON.stringify(mock.sheet("Broker Ledger"));
    const list = importOf("schwab-positions-options-rebuilt.csv").imp;
    expect(list.ledger).toBeNull();
    const done = await writeImport(mock.context, list);
    expect(done.ledger).toBeNull();
    expect(JSON.stringify(mock.sheet("Broker Ledger"))).toBe(ledger);
    expect(mock.values("Broker Positions", `A5:J${4 + list.positions.rows.length}`)).toEqual(list.positions.rows.map((r) => r.map((c) => c ?? "")));
  });

  test("an import with no open short put keeps one blank row in the table, as Excel does, and reviews as zero exposure", async () => {
    const { imp } = importOf("ibkr-activity-statement-stocks.csv");
    expect(imp.positions.rows).toHaveLength(0);
    const mock = new ExcelModel(userBook());
    const done = await writeImport(mock.context, imp);
    expect(done.positions.rows).toBe(0);
    expect(mock.state.tables.find((t) => t.name === "BrokerPositions")).toMatchObject({ bodyRows: 1 });
    expect((await reviewOf(mock)).exposureCents).toBe(0);
  });

  test("a broker file's text is written as text: a cell starting with = is never a formula", async () => {
    const { imp } = importOf("schwab-positions-options-rebuilt.csv");
    imp.positions.rows[0][0] = '=HYPERLINK("http://example.invalid","x")';
    imp.positions.caption = "=1+1";
    const mock = new ExcelModel(userBook());
    await writeImport(mock.context, imp);
    expect(mock.cell("Broker Positions", "A5")).toMatchObject({ value: '=HYPERLINK("http://example.invalid","x")', formula: null });
    expect(mock.cell("Broker Positions", "A2")).toMatchObject({ value: "=1+1", formula: null });
  });

  test("a previous import's table whose shape the user changed (a column added) is replaced by a new one", async () => {
    const { imp } = importOf("schwab-positions-options-rebuilt.csv");
    const mock = new ExcelModel(userBook());
    await writeImport(mock.context, imp);
    const t = mock.state.tables.find((x) => x.name === "BrokerPositions")!;
    t.width = 11;
    mock.cell("Broker Positions", "K4").value = "My column";
    await writeImport(mock.context, imp);
    const now = mock.state.tables.filter((x) => x.name === "BrokerPositions");
    expect(now).toHaveLength(1);
    expect(now[0]).toMatchObject({ width: 10, headerRow: 4, bodyRows: imp.positions.rows.length });
    expect(mock.cell("Broker Positions", "K4").value).toBe("");
  });

  test("a long ledger is written in row chunks, each request within the limit, one sync each", async () => {
    const { imp } = importOf("tastytrade-history-2018-2024.csv");
    const m = imp.ledger!.rows.length;
    expect(m).toBeGreaterThan(100);
    const mock = new ExcelModel(userBook());
    const limit = 150;
    await writeImport(mock.context, imp, { maxCellsPerWrite: limit });
    const chunks = Math.ceil(m / (limit / 3));
    expect(mock.syncs).toBe(3 + chunks - 1);
    // Values and formats of at most `limit` cells, plus the block above the first chunk and the setting.
    for (const written of mock.writtenPerSync) expect(written).toBeLessThanOrEqual(2 * limit + 2 * 4 * 10 + 10);
    expect(mock.values("Broker Ledger", `A5:C${4 + m}`)).toEqual(imp.ledger!.rows);
    expect((await readSnapshot(mock.context)).brokerLedger?.rows).toHaveLength(m);
  });
});

describe("CSP_PositionsTable: the import points it at BrokerPositions unless the user chose another table", () => {
  const { imp } = importOf("schwab-positions-options-rebuilt.csv");

  test("a cell naming another table stays; the message says the review reads that", async () => {
    const wb = userBook();
    wb.names.push({ name: NAMES.positionsTable, type: "Range", sheet: "Other", address: "B5" });
    const mock = new ExcelModel(wb);
    mock.cell("Other", "B5").value = "MyPuts";
    const done = await writeImport(mock.context, imp);
    expect(done.setting.written).toBe(false);
    expect(done.setting.message).toMatch(/names 'MyPuts', your choice/);
    expect(mock.cell("Other", "B5").value).toBe("MyPuts");
  });

  test("a blank named cell is filled in place; a constant name stays a constant", async () => {
    const wb = userBook();
    wb.names.push({ name: NAMES.positionsTable, type: "Range", sheet: "Other", address: "B5" });
    const mock = new ExcelModel(wb);
    expect((await writeImport(mock.context, imp)).setting.written).toBe(true);
    expect(mock.cell("Other", "B5").value).toBe("BrokerPositions");

    const wb2 = userBook();
    wb2.names.push({ name: NAMES.positionsTable, type: "String", value: "" });
    const mock2 = new ExcelModel(wb2);
    await writeImport(mock2.context, imp);
    expect(mock2.state.names.find((n) => n.name === NAMES.positionsTable)).toEqual({ name: NAMES.positionsTable, type: "String", value: "BrokerPositions" });
  });

  test("a name that is neither one cell nor a value (#REF!) is left as it is, and the message says so", async () => {
    const wb = userBook();
    wb.names.push({ name: NAMES.positionsTable, type: "Error", sheet: "Gone", address: "A1" });
    const mock = new ExcelModel(wb);
    const done = await writeImport(mock.context, imp);
    expect(done.setting).toEqual({ written: false, message: expect.stringMatching(/refers to .*not a cell or a text: left as it is/) });
    expect(mock.state.names.find((n) => n.name === NAMES.positionsTable)).toMatchObject({ type: "Error" });
  });
});

describe("refusals write nothing and name what is in the way", () => {
  const history = importOf("tastytrade-history-2021-01.csv").imp;

  async function refused(wb: WorkbookState, pattern: RegExp): Promise<void> {
    const mock = new ExcelModel(wb);
    const before = mock.snapshot();
    const error = await writeImport(mock.context, history).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRefused);
    expect((error as Error).message).toMatch(pattern);
    expect(mock.snapshot()).toEqual(before);
    expect(mock.writtenPerSync.every((n) => n === 0)).toBe(true);
    expect(mock.syncs).toBe(2);
  }

  test("a table named BrokerPositions on a sheet the import did not write", async () => {
    const wb = userBook();
    const other = workbook({ tables: [{ name: "BrokerPositions", sheet: "Mine", header: ["Ticker", "Strike"], rows: [["KO", 60]] }] });
    wb.sheets.push(...other.sheets);
    wb.tables.push(...other.tables);
    await refused(wb, /a table named BrokerPositions is on sheet 'Mine', which the import did not write/);
  });

  test("a workbook name BrokerLedger, and a sheet-scoped name BrokerPositions", async () => {
    const wb = userBook();
    wb.names.push({ name: "BrokerLedger", type: "Range", sheet: "Other", address: "A1" });
    await refused(wb, /defines the name BrokerLedger/);
    const wb2 = userBook();
    wb2.sheets[1].names = [{ name: "BrokerPositions", type: "Range", sheet: "Other", address: "A1" }];
    await refused(wb2, /defines the name BrokerPositions/);
  });

  test("both sheet names the import may use are the user's", async () => {
    const wb = userBook();
    const other = workbook({ sheets: { "Broker Ledger": { A1: { value: "my ledger" } }, "AG Broker Ledger": { A1: { value: "mine too" } } } });
    wb.sheets.push(...other.sheets);
    await refused(wb, /sheets named 'Broker Ledger' and 'AG Broker Ledger' already exist/);
  });

  test("a sheet of the user's called Broker Positions sends the import to AG Broker Positions and stays as it was", async () => {
    const wb = userBook();
    wb.sheets.push(...workbook({ sheets: { "Broker Positions": { A1: { value: "my notes" } } } }).sheets);
    const mock = new ExcelModel(wb);
    const mine = JSON.stringify(mock.sheet("Broker Positions"));
    const done = await writeImport(mock.context, history);
    expect(done.positions.sheet).toBe("AG Broker Positions");
    expect(JSON.stringify(mock.sheet("Broker Positions"))).toBe(mine);
  });
});

describe("ExcelWorkbookHost.importBroker", () => {
  test("every import invalidates the one workbook session, written or refused", async () => {
    const mock = new ExcelModel(userBook());
    const cache = new SnapshotCache(() => mock.run((context) => readSnapshot(context)));
    let invalidated = 0;
    const counting = { get: () => cache.get(), fresh: () => cache.fresh(), onInvalidate: (l: () => void) => cache.onInvalidate(l), invalidate: () => (invalidated++, cache.invalidate()) };
    const host = new ExcelWorkbookHost(counting, mock.run);
    expect((await cache.get()).table?.source?.sheet).toBe("Trades");
    const { imp } = importOf("schwab-positions-options-rebuilt.csv");
    const done = await host.importBroker(imp);
    expect(done.positions.table).toBe("BrokerPositions");
    expect(invalidated).toBe(1);
    expect((await cache.get()).table?.source?.name).toBe("BrokerPositions");
    mock.state.tables.find((t) => t.name === "BrokerPositions")!.name = "Renamed";
    mock.cell("Broker Positions", "A1").value = "not ours any more";
    mock.state.tables.find((t) => t.name === "Renamed")!.name = "BrokerPositions";
    await expect(host.importBroker(imp)).rejects.toBeInstanceOf(ImportRefused);
    expect(invalidated).toBe(2);
  });
});
