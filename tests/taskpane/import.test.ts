/**
 * @jest-environment jsdom
 */
import * as fs from "fs";
import * as path from "path";
import { TextDecoder } from "util";
import { setImmediate } from "timers";
import { buildReview, NAMES, serialFromYmd, SETTINGS_SHEET, verdict } from "../../src/core";
import { readCsv } from "../../src/csv/read";
import { CSV_READ_ONLY, CsvWorkbookHost, csvSnapshot } from "../../src/csv/host";
import { ExcelWorkbookHost } from "../../src/excel/host";
import { readSnapshot } from "../../src/excel/read";
import { SnapshotCache } from "../../src/excel/snapshot-cache";
import { reviewRequestOf } from "../../src/host/workbook-host";
import { PaneController } from "../../src/taskpane/controller";
import { money } from "../../src/taskpane/format";
import { ExcelModel, valuesAt, workbook, WorkbookState } from "../helpers/excel-model";
import { userWorkbook } from "../excel/fixtures";
import { FakeHost, flush, loadPane, snapshot } from "./pane-fixture";

/**
 * Settings > Import broker file, and a .csv reviewed read-only, through the pane's controller in
 * jsdom. The Excel side runs for real on the Excel model (ExcelWorkbookHost, the one workbook
 * session, src/excel/write-import.ts); the broker files are the real ones of the corpus.
 */

// jsdom has no TextDecoder (the .csv reader decodes with it, as browsers do) and the Excel model
// hands loaded values over with setImmediate: both from Node, for this file only.
Object.assign(globalThis, { TextDecoder, setImmediate });

const BROKERS = path.join(__dirname, "..", "fixtures", "real", "brokers");
const AS_OF = serialFromYmd(2026, 11, 27)!;
const bytesOf = (name: string) => new Uint8Array(fs.readFileSync(path.join(BROKERS, name)));
const text = (sel: string) => document.querySelector(sel)?.textContent ?? "";
const statusClass = () => document.getElementById("status")!.className;
const noFrame = () => Promise.resolve();
/** Until no action runs (the pane's buttons are on again), a bounded wait. */
async function settled(): Promise<void> {
  await new Promise((r) => setTimeout(r, 20));
  for (let i = 0; i < 100 && (document.getElementById("do-review") as HTMLButtonElement).disabled; i++) await new Promise((r) => setTimeout(r, 5));
}

/** The user's workbook (the worked example on sheet Trades) with their inputs named on the settings sheet. */
function userBook(): WorkbookState {
  const wb = userWorkbook();
  wb.sheets.push(workbook({ sheets: { [SETTINGS_SHEET]: valuesAt("A1", [["Account value", 100000], ["Cash", 40000], ["VIX", 18]]) } }).sheets[0]);
  wb.names.push(
    { name: NAMES.accountValue, type: "Range", sheet: SETTINGS_SHEET, address: "B1" },
    { name: NAMES.cash, type: "Range", sheet: SETTINGS_SHEET, address: "B2" },
    { name: NAMES.vix, type: "Range", sheet: SETTINGS_SHEET, address: "B3" },
  );
  return wb;
}

/** The pane inside Excel (the model): the host the add-in makes, over the one workbook session. */
async function inExcel(wb: WorkbookState = userBook()) {
  loadPane();
  const mock = new ExcelModel(wb);
  const session = new SnapshotCache(() => mock.run((context) => readSnapshot(context)));
  const host = new ExcelWorkbookHost(session, mock.run, () => new Date(2026, 10, 27, 12));
  const controller = new PaneController(host, document, { nextFrame: noFrame, debounceMs: 5 });
  await controller.start();
  return { mock, host, controller };
}

/** The broker file's own review with the workbook's inputs: what the pane must show after the import. */
function brokerReview(name: string) {
  const snap = csvSnapshot(readCsv(bytesOf(name), name), null);
  return buildReview(reviewRequestOf({ ...snap, table: snap.table! }, AS_OF, { accountValue: 100000, cash: 40000, vix: 18 }));
}

describe("Settings > Import broker file", () => {
  test("is offered where the host can import (Excel), not where it cannot", async () => {
    await inExcel();
    expect(document.getElementById("import-panel")!.hidden).toBe(false);
    loadPane();
    await new PaneController(new FakeHost(snapshot()), document, { nextFrame: noFrame }).start();
    expect(document.getElementById("import-panel")!.hidden).toBe(true);
  });

  test("a tastytrade history into Excel: both tables written, the pane reviews BrokerPositions and shows the broker file's figures", async () => {
    const { mock, controller } = await inExcel();
    const name = "tastytrade-history-2021-01.csv";
    const done = await controller.importBrokerFile({ name, bytes: bytesOf(name) });
    expect(done?.positions).toMatchObject({ table: "BrokerPositions", sheet: "Broker Positions", replaced: false });
    expect(mock.state.tables.map((t) => t.name).sort()).toEqual(["BrokerLedger", "BrokerPositions"]);
    const want = brokerReview(name);
    expect(controller.review?.source?.name).toBe("BrokerPositions");
    expect(controller.review?.exposureCents).toBe(want.exposureCents);
    expect(controller.review?.overBudgetRows.length).toBe(want.overBudgetRows.length);
    expect(text("#status")).toContain(`Imported ${name}: ${want.countedRowCount} open short put${want.countedRowCount === 1 ? "" : "s"}, exposure ${money(want.exposureCents)}, in BrokerPositions on sheet 'Broker Positions'.`);
    expect(text("#status")).toContain("CSP_PositionsTable created: the review reads BrokerPositions.");
    expect(text("#status")).toContain(`${verdict(want).text}.`);
    expect(text("#figures-card")).toContain(money(want.exposureCents));
  });

  test("importing again replaces the previous import and says so", async () => {
    const { mock, controller } = await inExcel();
    const name = "schwab-positions-options-rebuilt.csv";
    await controller.importBrokerFile({ name, bytes: bytesOf(name) });
    await controller.importBrokerFile({ name, bytes: bytesOf(name) });
    expect(mock.state.tables.filter((t) => t.name === "BrokerPositions")).toHaveLength(1);
    expect(text("#status")).toContain("(the previous import replaced)");
    expect(text("#status")).toContain("A position list has no cash ledger: BrokerLedger was not written.");
    expect(text("#status")).toContain("CSP_PositionsTable already names BrokerPositions.");
  });

  test("a table of the user's named BrokerPositions: refused, named, nothing written", async () => {
    const wb = userBook();
    const theirs = workbook({ tables: [{ name: "BrokerPositions", sheet: "Mine", header: ["Ticker", "Strike"], rows: [["KO", 60]] }] });
    wb.sheets.push(...theirs.sheets);
    wb.tables.push(...theirs.tables);
    const { mock, controller } = await inExcel(wb);
    const before = mock.snapshot();
    const name = "tastytrade-history-2021-01.csv";
    expect(await controller.importBrokerFile({ name, bytes: bytesOf(name) })).toBeNull();
    expect(text("#status")).toBe(
      "Not imported: a table named BrokerPositions is on sheet 'Mine', which the import did not write (its A1 is not 'Assignment Guard broker import: open short puts'): rename that table so the import can write its own (nothing was written).",
    );
    expect(statusClass()).toBe("status status-error");
    expect(mock.snapshot()).toEqual(before);
  });

  test("a file that is no broker format is refused naming its headers; the workbook is not touched", async () => {
    const { mock, controller } = await inExcel();
    const before = mock.snapshot();
    const syncs = mock.syncs;
    const name = "not-a-broker-file.csv";
    await controller.importBrokerFile({ name, bytes: bytesOf(name) });
    expect(text("#status")).toMatch(/^not-a-broker-file\.csv: no position table found.*Posted Date, Reference Number, Payee, Address, Amount.*\(nothing was written\)$/);
    expect(statusClass()).toBe("status status-error");
    expect(mock.syncs).toBe(syncs);
    expect(mock.snapshot()).toEqual(before);
  });

  test("when the user chose another table, the import says the review reads that one, never in green", async () => {
    const wb = userBook();
    wb.names.push({ name: NAMES.positionsTable, type: "String", value: "Trades!A1:G5" });
    const { controller } = await inExcel(wb);
    const name = "schwab-positions-options-rebuilt.csv";
    await controller.importBrokerFile({ name, bytes: bytesOf(name) });
    expect(text("#status")).toContain("CSP_PositionsTable names 'Trades!A1:G5', your choice, so the review reads that and not BrokerPositions");
    expect(controller.review?.source?.sheet).toBe("Trades");
    expect(statusClass()).not.toBe("status status-success");
  });

  test("the form: no file chosen asks for one; a chosen file is imported", async () => {
    const { mock } = await inExcel();
    // The session's first notification schedules one more review (debounced): let it finish, or the buttons are still off.
    await settled();
    document.getElementById("do-import")!.click();
    await flush();
    expect(text("#status")).toBe("Choose the broker's file first (a .csv as downloaded, or one saved as .xlsx).");
    const name = "schwab-positions-options-rebuilt.csv";
    const input = document.getElementById("import-file") as HTMLInputElement;
    // jsdom's File has no arrayBuffer() (every browser the pane runs in has it).
    const file = Object.assign(new File([bytesOf(name)], name), { arrayBuffer: async () => bytesOf(name).buffer });
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    document.getElementById("do-import")!.click();
    for (let i = 0; i < 100 && !text("#status").startsWith("Imported"); i++) await new Promise((r) => setTimeout(r, 5));
    expect(text("#status")).toContain(`Imported ${name}`);
    expect(mock.state.tables.some((t) => t.name === "BrokerPositions")).toBe(true);
  });
});

describe("a .csv in the pane is reviewed as it is", () => {
  test("Highlight, Clear and Save are off and say why; the review is the command line's; inputs last for the session", async () => {
    loadPane();
    const name = "ibkr-activity-statement-options-rebuilt.csv";
    const host = new CsvWorkbookHost(readCsv(bytesOf(name), name), AS_OF);
    const controller = new PaneController(host, document, { nextFrame: noFrame });
    await controller.start();
    for (const id of ["do-highlight", "do-clear", "do-save"]) {
      const button = document.getElementById(id) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(button.getAttribute("aria-describedby")).toBe("readonly-note");
    }
    expect((document.getElementById("do-review") as HTMLButtonElement).disabled).toBe(false);
    expect(document.getElementById("readonly-note")!.hidden).toBe(false);
    expect(text("#readonly-note")).toBe(CSV_READ_ONLY);
    expect(document.getElementById("import-panel")!.hidden).toBe(true);
    expect(controller.review?.source?.found).toMatch(/read as IBKR Activity Statement/);
    // The inputs a .csv cannot hold: saved for this session, and the review follows them.
    await controller.saveInputs({ accountValue: "100000", cash: "40000", vix: "18" });
    const want = brokerReview(name);
    expect(controller.review?.budgetCents).toBe(want.budgetCents);
    expect(controller.review?.exposureCents).toBe(want.exposureCents);
    expect(verdict(controller.review!).state).toBe(verdict(want).state);
    // Still off after an action ran (the busy state gives the buttons back).
    expect((document.getElementById("do-save") as HTMLButtonElement).disabled).toBe(true);
    await expect(host.saveWeeklyReview(controller.review!)).rejects.toThrow(CSV_READ_ONLY);
  });
});
