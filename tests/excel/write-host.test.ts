import { ExcelWorkbookHost } from "../../src/excel/host";
import { readSnapshot } from "../../src/excel/read";
import { SnapshotCache, watchWorkbook } from "../../src/excel/snapshot-cache";
import { HIGHLIGHT_FILL, serialFromYmd } from "../../src/core";
import { review, userWorkbook } from "./fixtures";
import { ExcelModel } from "../helpers/excel-model";
import { settle } from "../helpers/custom-functions-stub";

/** Waits (a bounded time) until a condition holds: reads take several syncs, each a turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await settle(1);
}

/** The session as the add-in wires it, over the model: the pane's host and the formulas share it. */
function session(mock: ExcelModel): SnapshotCache {
  return new SnapshotCache(() => mock.run((context) => readSnapshot(context)));
}

describe("ExcelWorkbookHost: the workbook session plus the writers, one Excel.run each", () => {
  test("selectRow uses the table's sheet and columns from the last read", async () => {
    const mock = new ExcelModel(userWorkbook());
    const host = new ExcelWorkbookHost(session(mock), mock.run);
    await expect(host.selectRow(3)).rejects.toThrow(/read the workbook first/);
    const snap = await host.readSnapshot();
    expect(snap.table?.source?.sheet).toBe("Trades");
    await host.selectRow(3);
    expect(mock.state.selection).toEqual({ sheet: "Trades", address: "A3:G3" });
  });

  test("highlight, clear, settings and the weekly review go through the writers, and every write invalidates the one session", async () => {
    const mock = new ExcelModel(userWorkbook());
    const cache = session(mock);
    let invalidated = 0;
    const counting = { get: () => cache.get(), fresh: () => cache.fresh(), onInvalidate: (l: () => void) => cache.onInvalidate(l), invalidate: () => (invalidated++, cache.invalidate()) };
    const host = new ExcelWorkbookHost(counting, mock.run, () => new Date());
    await host.highlight(review());
    expect(mock.sheet("Trades").cfs.filter((c) => c.fill === HIGHLIGHT_FILL["over-budget"])).toHaveLength(1);
    await host.clearHighlights();
    expect(mock.sheet("Trades").cfs.map((c) => c.id)).toEqual([901, 902]);
    expect(invalidated).toBe(2);
    await host.writeSettings({ vix: 25 });
    expect(mock.state.names.map((n) => n.name)).toEqual(["VIX"]);
    // A new defined name fires no change event: the host tells the session itself.
    expect(invalidated).toBe(3);
    await host.saveWeeklyReview(review());
    expect(mock.state.sheets.map((s) => s.name)).toEqual(["Trades", "Other", "Assignment Guard", "Weekly Review", "Review Log"]);
    expect(invalidated).toBe(4);
  });

  test("the pane's settings write reaches the formulas' snapshot: the next read sees it", async () => {
    const mock = new ExcelModel(userWorkbook());
    const cache = session(mock);
    const host = new ExcelWorkbookHost(cache, mock.run);
    expect((await cache.get()).settings.inputs.vix).toBeNull();
    await host.writeSettings({ vix: 25 });
    expect((await cache.get()).settings.inputs.vix).toBe(25);
  });

  test("today is the local calendar day of the host's clock", () => {
    const mock = new ExcelModel(userWorkbook());
    const host = new ExcelWorkbookHost(session(mock), mock.run, () => new Date(2026, 1, 10, 23, 59));
    expect(host.today()).toBe(serialFromYmd(2026, 2, 10));
  });

  test("onChange registers no handler of its own: the session's one filtered subscription calls the pane back when the data changed", async () => {
    const mock = new ExcelModel(userWorkbook());
    const cache = session(mock);
    await watchWorkbook(mock.run, cache);
    const handlers = mock.handlers.changed.length;
    const host = new ExcelWorkbookHost(cache, mock.run);
    let calls = 0;
    await host.onChange(() => calls++);
    expect(mock.handlers.changed).toHaveLength(handlers);
    await host.readSnapshot();
    // An edit outside the table: filtered out, no read, no call.
    await mock.fireChanged({ worksheetId: mock.sheetId("Other"), address: "Z9" });
    await settle();
    expect(calls).toBe(0);
    // An edit inside the table that changes a value: one read, one call.
    mock.cell("Trades", "E2").value = 9;
    await mock.fireChanged({ worksheetId: mock.sheetId("Trades"), address: "E2" });
    await until(() => calls > 0);
    await settle();
    expect(calls).toBe(1);
    const reads = cache.reads;
    // The pane's review after the call uses the snapshot the session just read.
    expect((await host.readSnapshot()).table?.rows[0][4]).toBe(9);
    expect(cache.reads).toBe(reads);
  });
});
