import { sendTestResults } from "office-addin-test-helpers";
import { clearHighlights, writeHighlights, writeImport, writeSettings } from "../../src/excel/write";
import { readSnapshot } from "../../src/excel/read";
import { workbookSnapshots } from "../../src/excel/snapshot-cache";
import { buildReview, highlightKindOf, prepareImport } from "../../src/core";
import { csvSnapshot } from "../../src/csv/host";
import { parseCsvText } from "../../src/csv/read";
import { WORKED_BODY, WORKED_HEADER } from "../helpers/worked-example";

/**
 * Runs inside desktop Excel, in the add-in's shared runtime (tests/excel-e2e/excel-e2e.html, which
 * loads functions.js first, as taskpane.html does). It fills a new sheet set, lets the CSP
 * formulas and the pane's actions run, and posts what Excel did to the test server, where
 * tests/excel-e2e/excel.e2e.ts compares it with what our workbook model (tests/helpers/excel-model.ts)
 * assumes. Nothing here asserts: real Excel reports, the driver judges.
 */

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Result = { name: string; value: unknown };
const results: Result[] = [];
const report = (name: string, value: unknown) => results.push({ name, value });

/** Reads a cell's value until it stops being #BUSY! (a streaming formula not answered yet). */
async function settled(address: string, timeoutMs = 20_000): Promise<unknown> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem("E2E").getRange(address);
      range.load("values");
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- polling a formula until Excel has answered it is the point
      await context.sync();
      return range.values[0][0];
    });
    if (value !== "#BUSY!" && value !== "#GETTING_DATA" && value !== "" && value !== 0) return value;
    if (Date.now() > end) return value;
    await wait(250);
  }
}

async function fillWorkbook(): Promise<void> {
  await Excel.run(async (context) => {
    const wb = context.workbook;
    const sheet = wb.worksheets.add("E2E");
    const market = wb.worksheets.add("E2E Market");
    market.getRange("A1:A2").values = [["VIX feed"], [18]];
    sheet.getRange("A1:G5").values = [WORKED_HEADER, ...WORKED_BODY].map((r) => r.map((c) => (c === null ? "" : c)));
    wb.tables.add("E2E!A1:G5", true).name = "Positions";
    sheet.getRange("J1:J2").values = [[100000], [40000]];
    wb.names.add("AccountValue", sheet.getRange("J1"));
    wb.names.add("Cash", sheet.getRange("J2"));
    // VIX is a formula: its value changes only by recalculation (office-js#3899).
    sheet.getRange("J3").formulas = [["='E2E Market'!A2"]];
    wb.names.add("VIX", sheet.getRange("J3"));
    // A setting name holding a constant, as a user types it in Name Manager.
    wb.names.addFormulaLocal("CSP_HighVixCap", "=0.47");
    // The user's own conditional formats on the table's cells.
    const mine = sheet.getRange("A2:G5").conditionalFormats.add("Custom");
    mine.custom.rule.formula = "=$E2>3";
    mine.custom.format.fill.color = "#C6EFCE";
    const mine2 = sheet.getRange("D2:D5").conditionalFormats.add("Custom");
    mine2.custom.rule.formula = "=$D2>50";
    mine2.custom.format.fill.color = "#FFEB9C";
    sheet.getRange("L1:L3").formulas = [["=CSP.HEADROOM()"], ["=CSP.VIXCAP(18, 0.45)"], ["=CSP.CANSELLPUT(17, 1)"]];
    await context.sync();
  });
}

async function scenarios(): Promise<void> {
  await fillWorkbook();
  report("headroom at VIX 18", await settled("L1"));
  report("vixcap with its arguments", await settled("L2"));

  // A recalculated VIX: the formula's input changes on another sheet.
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem("E2E Market").getRange("A2").values = [[26]];
    await context.sync();
  });
  await wait(3000);
  report("headroom after the VIX feed moved to 26 (no F9)", await settled("L1"));

  // The model's assumptions, as real Excel answers them.
  const assumptions = await Excel.run(async (context) => {
    const wb = context.workbook;
    const name = wb.names.getItem("CSP_HighVixCap");
    name.load("type,value,formula");
    const range = name.getRangeOrNullObject();
    const table = wb.tables.getItem("Positions");
    table.load("showHeaders,showTotals");
    const used = wb.worksheets.getItem("E2E").getRange("A1:CV30").getUsedRangeOrNullObject(true);
    used.load("address");
    await context.sync();
    return { nameType: name.type, nameValue: name.value, nameFormula: name.formula, constantHasRange: !range.isNullObject, showHeaders: table.showHeaders, usedTop: used.isNullObject ? null : used.address };
  });
  report("constant name: type, value, formula, getRangeOrNullObject is null", assumptions);

  // NamedItem.getRange() on a constant name fails at sync (the model's assumption).
  report(
    "getRange() on a constant name fails",
    await Excel.run(async (context) => {
      context.workbook.names.getItem("CSP_HighVixCap").getRange().load("address");
      try {
        await context.sync();
        return "no error";
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      }
    }),
  );

  // The pane's actions: save a constant setting, highlight, clear.
  await Excel.run((context) => writeSettings(context, { highVixCap: 0.48 }));
  const after = await Excel.run(async (context) => {
    const name = context.workbook.names.getItem("CSP_HighVixCap");
    name.load("type,value");
    await context.sync();
    return { type: name.type, value: name.value };
  });
  report("constant setting saved as a constant", after);

  const snapshot = await Excel.run((context) => readSnapshot(context));
  report("snapshot found", snapshot.table?.source?.found ?? snapshot.message);
  report("snapshot inputs", snapshot.settings.inputs);
  const review = buildReview({ table: snapshot.table!, inputs: snapshot.settings.inputs, asOf: 46100 });
  await Excel.run((context) => writeHighlights(context, review));
  await Excel.run((context) => writeHighlights(context, review));
  const rules = async () =>
    Excel.run(async (context) => {
      const formats = context.workbook.worksheets.getItem("E2E").getRange().conditionalFormats;
      formats.load("items/type,items/customOrNullObject/rule/formula");
      await context.sync();
      return formats.items.map((f) => ({ type: f.type, ours: highlightKindOf(f.customOrNullObject.rule.formula) !== null }));
    });
  report("rules after highlighting twice", await rules());
  await Excel.run((context) => clearHighlights(context));
  report("rules after clear", await rules());

  // A cell edit during a read: only a person can type in a cell, so this step waits for one.
  report("session reads so far", workbookSnapshots().reads);

  await importThreeTimes();
}

/** A broker position list as the pane imports it, `rows` open short puts. */
function brokerList(rows: number) {
  const lines = ["Symbol,Type,Side,Strike,Quantity,Expiration", ...["KO", "PFE", "T"].slice(0, rows).map((t, i) => `${t},Put,Sell,${20 + i},-1,2027-01-15`)];
  const snap = csvSnapshot({ sheet: "e2e-broker", grid: parseCsvText(lines.join("\n")), encoding: "utf-8" }, null);
  return prepareImport(snap.table!, {}, 46100, "e2e-broker.csv").imp;
}

/** The import three times (3 rows, 1, 3): the same table, shrunk by deleting table rows and grown by adding them. */
async function importThreeTimes(): Promise<void> {
  const address = () =>
    Excel.run(async (context) => {
      const range = context.workbook.tables.getItem("BrokerPositions").getRange();
      range.load("address");
      const tables = context.workbook.tables;
      tables.load("items/name");
      await context.sync();
      return { address: range.address, tables: tables.items.filter((t) => t.name === "BrokerPositions").length };
    });
  for (const [label, rows] of [["first", 3], ["shorter", 1], ["longer", 3]] as const) {
    const done = await Excel.run((context) => writeImport(context, brokerList(rows)));
    report(`import ${label}: result`, { sheet: done.positions.sheet, rows: done.positions.rows, replaced: done.positions.replaced });
    report(`import ${label}: table`, await address());
  }
}

async function run(): Promise<void> {
  try {
    await scenarios();
  } catch (error) {
    report("error", error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  }
  await sendTestResults(results);
}

Office.onReady(() => void run());
