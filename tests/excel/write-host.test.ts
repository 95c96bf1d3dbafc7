import { ExcelWorkbookHost } from "../../src/excel/host";
import type { WorkbookSnapshot } from "../../src/host/workbook-host";
import { HIGHLIGHT_FILL, serialFromYmd } from "../../src/core";
import { review, tableData, userWorkbook } from "./fixtures";
import { ExcelModel } from "../helpers/excel-model";

function snapshot(): WorkbookSnapshot {
  return {
    tableNames: ["Positions"],
    choice: { kind: "table", name: "Positions" },
    table: tableData(),
    message: null,
    settings: { inputs: {}, table: null, overrides: {}, errors: [] },
    definedNames: [],
  };
}

describe("ExcelWorkbookHost: the reader's snapshot plus the writers, one Excel.run each", () => {
  test("selectRow uses the table's sheet and columns from the last read", async () => {
    const mock = new ExcelModel(userWorkbook());
    const host = new ExcelWorkbookHost(async () => snapshot(), mock.run);
    await expect(host.selectRow(3)).rejects.toThrow(/read the workbook first/);
    await host.readSnapshot();
    await host.selectRow(3);
    expect(mock.state.selection).toEqual({ sheet: "Trades", address: "A3:G3" });
  });

  test("highlight, clear, settings and the weekly review go through the writers", async () => {
    const mock = new ExcelModel(userWorkbook());
    let settingsWritten = 0;
    const host = new ExcelWorkbookHost(async () => snapshot(), mock.run, () => new Date(), () => settingsWritten++);
    await host.highlight(review());
    expect(mock.sheet("Trades").cfs.filter((c) => c.fill === HIGHLIGHT_FILL["over-budget"])).toHaveLength(1);
    await host.clearHighlights();
    expect(mock.sheet("Trades").cfs.map((c) => c.id)).toEqual([901, 902]);
    expect(settingsWritten).toBe(0);
    await host.writeSettings({ vix: 25 });
    expect(mock.state.names.map((n) => n.name)).toEqual(["VIX"]);
    // The formulas' shared snapshot is told, since a new defined name fires no change event.
    expect(settingsWritten).toBe(1);
    await host.saveWeeklyReview(review());
    expect(mock.state.sheets.map((s) => s.name)).toEqual(["Trades", "Other", "Assignment Guard", "Weekly Review", "Review Log"]);
  });

  test("today is the local calendar day of the host's clock; onChange registers one workbook-wide handler", async () => {
    const mock = new ExcelModel(userWorkbook());
    const host = new ExcelWorkbookHost(async () => snapshot(), mock.run, () => new Date(2026, 1, 10, 23, 59));
    expect(host.today()).toBe(serialFromYmd(2026, 2, 10));
    let calls = 0;
    await host.onChange(() => calls++);
    expect(mock.handlers.changed).toHaveLength(1);
    await mock.fireChanged({ worksheetId: mock.sheetId("Trades"), address: "A1" });
    expect(calls).toBe(1);
  });
});
