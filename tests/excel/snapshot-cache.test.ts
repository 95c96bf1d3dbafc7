import { installCustomFunctionsStub, FakeInvocation, settle } from "../helpers/custom-functions-stub";
installCustomFunctionsStub();

import { SnapshotCache, watchWorkbook } from "../../src/excel/snapshot-cache";
import { ExcelSnapshot, readSnapshot } from "../../src/excel/read";
import { affects, parseA1 } from "../../src/excel/watch";
import { canSellPutFn, headroomFn } from "../../src/functions/functions";
import { installFormulaSource, LiveFormulas } from "../../src/functions/live";
import { ExcelModel, positionRows, valuesAt, workbook } from "../helpers/excel-model";
import { Cell } from "../../src/core/types";
import { WORKED_BODY, WORKED_HEADER } from "../helpers/worked-example";

const header = WORKED_HEADER;
const body = WORKED_BODY;

function logWorkbook(rows: Cell[][] = body): ExcelModel {
  return new ExcelModel(workbook({
    tables: [{ name: "Positions", sheet: "Log", header, rows, headerRow: 3, firstColumn: 2 }],
    names: {
      AccountValue: { sheet: "Assignment Guard", cell: "B2", value: 100000 },
      Cash: { sheet: "Assignment Guard", cell: "B3", value: 40000 },
      VIX: { sheet: "Inputs", cell: "A1", value: 18 },
    },
    sheets: { Notes: valuesAt("A1", [["anything"]]) },
  }));
}

/** The cache as the add-in wires it: reads through Excel.run, invalidated by Excel's events. */
async function liveCache(mock: ExcelModel): Promise<SnapshotCache> {
  const cache = new SnapshotCache(() => mock.run((context) => readSnapshot(context)));
  await watchWorkbook(mock.run, cache);
  return cache;
}

describe("one read per recalculation wave", () => {
  test("concurrent calls while the read is in flight share one promise and one read", async () => {
    const mock = logWorkbook();
    const cache = new SnapshotCache(() => mock.run((c) => readSnapshot(c)));
    const all = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(all[0]).toBe(all[1]);
    expect(all[1]).toBe(all[2]);
    expect(cache.reads).toBe(1);
    expect(mock.syncs).toBe(2);
    await cache.get();
    expect(cache.reads).toBe(1);
  });

  test("1,000 CANSELLPUT calls without a range argument in one wave read the table once", async () => {
    const mock = new ExcelModel(workbook({
      tables: [{ name: "Positions", sheet: "Log", ...positionRows(10_000) }],
      names: { AccountValue: { sheet: "S", cell: "A1", value: 10_000_000 }, VIX: { sheet: "S", cell: "A2", value: 18 } },
    }));
    const cache = await liveCache(mock);
    const registration = mock.syncs;
    installFormulaSource(() => new LiveFormulas(cache, () => 46000));
    const calls = Array.from({ length: 1000 }, (_, i) => {
      const inv = new FakeInvocation<boolean>();
      canSellPutFn(10 + (i % 90), 1 + (i % 5), null as never, null as never, null as never, inv.asInvocation());
      return inv;
    });
    await settle();
    expect(cache.reads).toBe(1);
    expect(mock.syncs - registration).toBe(2);
    expect(calls.every((c) => typeof c.last === "boolean")).toBe(true);
  });

  test("a failed read is not kept: the next call reads again", async () => {
    let fail = true;
    const cache = new SnapshotCache(async () => {
      if (fail) throw new Error("busy");
      return { watch: null } as unknown as ExcelSnapshot;
    });
    await expect(cache.get()).rejects.toThrow("busy");
    fail = false;
    await expect(cache.get()).resolves.toBeDefined();
    expect(cache.reads).toBe(2);
  });

  test("a read that throws at once (no Excel global at all) is a pending read, retried, never an uncaught exception", async () => {
    let retried = 0;
    const cache = new SnapshotCache(
      () => {
        throw new ReferenceError("Excel is not defined");
      },
      { timer: () => (retried++, () => undefined) },
    );
    await expect(cache.get()).rejects.toMatchObject({ name: "ReadPending", cellEdit: false });
    expect(retried).toBe(1);
  });

  test("a read that was invalidated while in flight is not kept", async () => {
    let n = 0;
    const cache = new SnapshotCache(async () => ({ n: ++n, watch: [] }) as unknown as ExcelSnapshot, () => undefined);
    const first = cache.get();
    cache.invalidate();
    await first;
    const second = await cache.get();
    expect((second as unknown as { n: number }).n).toBe(2);
  });

  test("a burst of invalidations reads once and tells the listeners once, when the data changed", async () => {
    const mock = logWorkbook();
    const cache = new SnapshotCache(() => mock.run((c) => readSnapshot(c)));
    await cache.get();
    let told = 0;
    cache.onInvalidate(() => told++);
    mock.cell("Inputs", "A1").value = 20;
    cache.invalidate();
    cache.invalidate();
    cache.invalidate();
    await settle();
    expect(told).toBe(1);
    expect(cache.reads).toBe(2);
  });

  test("an invalidation whose re-read finds the same data tells nobody: our own results cannot loop", async () => {
    const mock = logWorkbook();
    const cache = new SnapshotCache(() => mock.run((c) => readSnapshot(c)));
    await cache.get();
    let told = 0;
    cache.onInvalidate(() => told++);
    cache.invalidate();
    await settle();
    expect(cache.reads).toBe(2);
    expect(told).toBe(0);
  });
});

describe("live values: Excel's change events drop the snapshot and the formulas answer again", () => {
  test("the cache subscribes to worksheet changes, recalculations and table additions/deletions", async () => {
    const mock = logWorkbook();
    await liveCache(mock);
    expect([mock.handlers.changed, mock.handlers.calculated, mock.handlers.tableAdded, mock.handlers.tableDeleted].map((h) => h.length)).toEqual([1, 1, 1, 1]);
  });

  test("an edit to the VIX cell updates CANSELLPUT and HEADROOM without F9, with one new read", async () => {
    const mock = logWorkbook();
    const cache = await liveCache(mock);
    installFormulaSource(() => new LiveFormulas(cache, () => 46000));
    const can = new FakeInvocation<boolean>();
    const room = new FakeInvocation<number>();
    canSellPutFn(17, 1, null as never, null as never, null as never, can.asInvocation());
    headroomFn(null as never, null as never, null as never, room.asInvocation());
    await settle();
    expect(can.results).toEqual([false]);
    expect(room.results).toEqual([-700]);

    mock.cell("Inputs", "A1").value = 26; // VIX 26 -> cap 40%, budget 40,000
    await mock.fireChanged({ worksheetId: mock.sheetId("Inputs"), address: "A1" });
    await settle();
    expect(can.results).toEqual([false, true]);
    expect(room.results).toEqual([-700, 9300]);
    expect(cache.reads).toBe(2);
  });

  test("an edit inside the table (closing a row) re-reads; an edit elsewhere does not", async () => {
    const mock = logWorkbook();
    const cache = await liveCache(mock);
    installFormulaSource(() => new LiveFormulas(cache, () => 46000));
    const room = new FakeInvocation<number>();
    headroomFn(null as never, null as never, null as never, room.asInvocation());
    await settle();

    await mock.fireChanged({ worksheetId: mock.sheetId("Notes"), address: "A1" });
    await mock.fireChanged({ worksheetId: mock.sheetId("Log"), address: "Z1" });
    await settle();
    expect(cache.reads).toBe(1);

    mock.cell("Log", "H7").value = "Closed"; // sheet row 7 = the KO 62 row; column H = Status
    await mock.fireChanged({ worksheetId: mock.sheetId("Log"), address: "H7" });
    await settle();
    expect(cache.reads).toBe(2);
    expect(room.results).toEqual([-700, 5500]);
  });

  test("a row typed just below the table counts (Excel extends the table)", async () => {
    const mock = logWorkbook();
    const cache = await liveCache(mock);
    await cache.get();
    expect(cache.noticeChange({ worksheetId: mock.sheetId("Log"), address: "B8:H8" })).toBe(true);
  });

  test("a named setting cell (AccountValue on the settings sheet) counts", async () => {
    const mock = logWorkbook();
    const cache = await liveCache(mock);
    await cache.get();
    expect(cache.noticeChange({ worksheetId: mock.sheetId("Assignment Guard"), address: "C9" })).toBe(false);
    expect(cache.noticeChange({ worksheetId: mock.sheetId("Assignment Guard"), address: "B2" })).toBe(true);
  });

  test("inserted or deleted rows on a watched sheet count wherever they are", async () => {
    const mock = logWorkbook();
    const cache = await liveCache(mock);
    await cache.get();
    expect(cache.noticeChange({ worksheetId: mock.sheetId("Log"), address: "1:1", changeType: "RowInserted" })).toBe(true);
  });

  test("without a table yet, any edit may make one: every change re-reads", async () => {
    const mock = new ExcelModel(workbook({ sheets: { S: valuesAt("A1", [["x"]]) } }));
    const cache = await liveCache(mock);
    await cache.get();
    expect(cache.noticeChange({ worksheetId: mock.sheetId("S"), address: "A1" })).toBe(true);
  });

  test("a table added to the workbook re-reads", async () => {
    const mock = logWorkbook();
    const cache = await liveCache(mock);
    await cache.get();
    let told = 0;
    cache.onInvalidate(() => told++);
    mock.state.tables.push({ name: "Other", sheet: "Notes", headerRow: 5, firstColumn: 1, width: 1, bodyRows: 1 });
    await mock.fireTableAdded();
    await settle();
    expect(told).toBe(1);
  });
});

describe("change filter", () => {
  const watch = [{ sheetId: "s1", firstRow: 3, lastRow: 8, firstColumn: 2, lastColumn: 9 }];
  test.each([
    ["s1", "B3", true],
    ["s1", "A1:B3", true],
    ["s1", "J10", false],
    ["s1", "A:A", false],
    ["s1", "C:C", true],
    ["s1", "5:5", true],
    ["s2", "B3", false],
    ["s1", "not an address", true],
  ])("sheet %s, %s -> %s", (sheetId, address, expected) => {
    expect(affects(watch, { worksheetId: sheetId, address })).toBe(expected);
  });
  test("parseA1 reads sheet-qualified, quoted and $ addresses", () => {
    expect(parseA1("'My ''Log'''!$B$2:$C$4")).toEqual({ sheet: "My 'Log'", firstRow: 2, lastRow: 4, firstColumn: 2, lastColumn: 3 });
    expect(parseA1("Sheet1!B2")).toEqual({ sheet: "Sheet1", firstRow: 2, lastRow: 2, firstColumn: 2, lastColumn: 2 });
    expect(parseA1("")).toBeNull();
  });
});
