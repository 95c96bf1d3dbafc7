import { installCustomFunctionsStub, CustomFunctionsError, FakeInvocation, settle } from "../helpers/custom-functions-stub";
installCustomFunctionsStub();

import { SnapshotCache, watchUntilRegistered, watchWorkbook } from "../../src/excel/snapshot-cache";
import { readSnapshot } from "../../src/excel/read";
import { canSellPutFn, headroomFn, vixCapFn } from "../../src/functions/functions";
import { installFormulaSource, LiveFormulas } from "../../src/functions/live";
import { ExcelModel, valuesAt, workbook } from "../helpers/excel-model";
import { WORKED_BODY, WORKED_HEADER } from "../helpers/worked-example";

/**
 * "Live means right" (issue 10): a formula without a range argument answers from a snapshot never
 * older than the last calculation that could have changed its inputs. The workbook is RULES.md's
 * worked example (exposure 30,700; account 100,000) with VIX as a formula on another sheet.
 */
function marketWorkbook(): ExcelModel {
  return new ExcelModel(
    workbook({
      tables: [{ name: "Positions", sheet: "Log", header: WORKED_HEADER, rows: WORKED_BODY }],
      sheets: { Market: valuesAt("A1", [["VIX feed"], [18]]) },
      names: {
        AccountValue: { sheet: "Inputs", cell: "B1", value: 100000 },
        Cash: { sheet: "Inputs", cell: "B2", value: 40000 },
        // =Market!A2: its value changes only by recalculation.
        VIX: { sheet: "Inputs", cell: "B3", value: 18 },
      },
    }),
  );
}

/** A retry timer the test fires by hand. */
function manualTimer() {
  const tasks: (() => void)[] = [];
  return {
    timer: (task: () => void) => (tasks.push(task), () => void tasks.splice(tasks.indexOf(task), 1)),
    fire: () => tasks.splice(0).forEach((t) => t()),
    get pending() {
      return tasks.length;
    },
  };
}

async function wired(mock: ExcelModel, run = mock.run, timer = manualTimer()): Promise<SnapshotCache> {
  const cache = new SnapshotCache(() => run((c) => readSnapshot(c)), { timer: timer.timer });
  await watchWorkbook(mock.run, cache);
  installFormulaSource(() => new LiveFormulas(cache, () => 46000));
  return cache;
}

function headroom(): FakeInvocation<number> {
  const inv = new FakeInvocation<number>();
  headroomFn(null as never, null as never, null as never, inv.asInvocation());
  return inv;
}

describe("a value that changes by recalculation", () => {
  test("VIX =Market!A2 recalculated to 26: onCalculated re-reads and every live formula answers again, without F9", async () => {
    const mock = marketWorkbook();
    const cache = await wired(mock);
    const room = headroom();
    const can = new FakeInvocation<boolean>();
    canSellPutFn(17, 1, null as never, null as never, null as never, can.asInvocation());
    await settle(10);
    expect(room.results).toEqual([-700]);
    expect(can.results).toEqual([false]);

    // No onChanged for Inputs!B3 (office-js#3899): only the calculated event says it changed.
    await mock.recalculate("Inputs", "B3", 26);
    await settle(10);
    expect(room.results).toEqual([-700, 9300]);
    expect(can.results).toEqual([false, true]);
    expect(cache.reads).toBe(2);
  });

  test("a recalculation that did not touch what the snapshot read (our own result cells) reads nothing", async () => {
    const mock = marketWorkbook();
    const cache = await wired(mock);
    headroom();
    await settle(10);
    await mock.fireCalculated({ worksheetId: mock.sheetId("Market"), address: "C1:C9" });
    await mock.fireCalculated({ worksheetId: mock.sheetId("Inputs"), address: "F1" });
    await settle(10);
    expect(cache.reads).toBe(1);
  });

  test("without the recalculated address (before ExcelApi 1.11) a watched sheet's recalculation re-reads once and, the data being the same, tells no formula: no loop", async () => {
    const mock = marketWorkbook();
    const cache = await wired(mock);
    const room = headroom();
    await settle(10);
    for (let i = 0; i < 3; i++) {
      await mock.fireCalculated({ worksheetId: mock.sheetId("Inputs") });
      await settle(10);
    }
    expect(cache.reads).toBe(4);
    expect(room.results).toEqual([-700]);
  });

  test("F9 without any event: the new invocation reads afresh, and the formulas already live follow", async () => {
    const mock = marketWorkbook();
    // A host without onCalculated: nothing tells the session.
    const cache = new SnapshotCache(() => mock.run((c) => readSnapshot(c)));
    installFormulaSource(() => new LiveFormulas(cache, () => 46000));
    const old = headroom();
    await settle(10);
    expect(old.last).toBe(-700);
    mock.cell("Inputs", "B3").value = 26;
    // F9: Excel calls the function again.
    const again = headroom();
    await settle(10);
    expect(again.last).toBe(9300);
    expect(old.last).toBe(9300);
  });

  test("1,000 new invocations in one recalculation wave share one fresh read", async () => {
    const mock = marketWorkbook();
    const cache = await wired(mock);
    const calls = Array.from({ length: 1000 }, () => headroom());
    await settle(10);
    expect(cache.reads).toBe(1);
    expect(calls.every((c) => c.last === -700)).toBe(true);
  });
});

describe("a read refused while the user edits a cell (office-js#625, #3019)", () => {
  test("the refused read is retried with back-off; the formula keeps its last good value meanwhile, then answers", async () => {
    const mock = marketWorkbook();
    const timer = manualTimer();
    const cache = await wired(mock, mock.run, timer);
    const room = headroom();
    await settle(10);
    expect(room.results).toEqual([-700]);

    mock.editing = true;
    mock.cell("Inputs", "B3").value = 26;
    await mock.fireChanged({ worksheetId: mock.sheetId("Inputs"), address: "B3" });
    await settle(10);
    // Refused: no error in the cell, the old value stays, a retry is pending.
    expect(room.results).toEqual([-700]);
    expect(timer.pending).toBe(1);
    timer.fire();
    await settle(10);
    expect(room.results).toEqual([-700]);
    expect(timer.pending).toBe(1);

    mock.endCellEdit();
    timer.fire();
    await settle(10);
    expect(room.results).toEqual([-700, 9300]);
    expect(timer.pending).toBe(0);
    expect(cache.reads).toBe(4);
  });

  test("a new formula entered while the read is refused shows no error: it waits (#BUSY!) and answers after the retry", async () => {
    const mock = marketWorkbook();
    const timer = manualTimer();
    await wired(mock, mock.run, timer);
    mock.editing = true;
    const room = headroom();
    await settle(10);
    expect(room.results).toEqual([]);
    mock.endCellEdit();
    timer.fire();
    await settle(10);
    expect(room.results).toEqual([-700]);
  });

  test("with delayForCellEdit the read waits for the edit to end instead of failing", async () => {
    const mock = marketWorkbook();
    const timer = manualTimer();
    const cache = await wired(mock, ((batch) => mock.runWith({ delayForCellEdit: true }, batch)) as typeof mock.run, timer);
    mock.editing = true;
    const room = headroom();
    await settle(10);
    expect(room.results).toEqual([]);
    mock.endCellEdit();
    await settle(10);
    expect(room.results).toEqual([-700]);
    expect(cache.reads).toBe(1);
    expect(timer.pending).toBe(0);
  });
});

describe("functions that need no workbook data never wait for it", () => {
  test("VIXCAP(18, 0.45) and VIXCAP(35, 0.5) answer at once, with no workbook and no read", () => {
    installFormulaSource(() => {
      throw new Error("no workbook here");
    });
    const a = new FakeInvocation<number>();
    const b = new FakeInvocation<number>();
    vixCapFn(18, 0.45, a.asInvocation());
    vixCapFn(35, 0.5, b.asInvocation());
    expect(a.results).toEqual([0.3]);
    expect(b.results).toEqual([0.5]);
  });

  test("VIXCAP(0, 0.5) answers #VALUE! with its message at once", () => {
    const inv = new FakeInvocation<number>();
    vixCapFn(0, 0.5, inv.asInvocation());
    expect(inv.last).toBeInstanceOf(CustomFunctionsError);
    expect((inv.last as CustomFunctionsError).code).toBe("#VALUE!");
    expect((inv.last as CustomFunctionsError).message).toBe("VIX must be a number above 0");
  });
});

describe("the one-time event registration", () => {
  test("a refused registration is tried again until every event is registered, each once", async () => {
    const mock = marketWorkbook();
    const cache = new SnapshotCache(() => mock.run((c) => readSnapshot(c)));
    mock.failEventRegistrations = 2;
    const timer = manualTimer();
    const done = watchUntilRegistered(mock.run, cache, timer.timer);
    await settle(10);
    expect(mock.handlers.changed.length + mock.handlers.calculated.length).toBeLessThan(2);
    timer.fire();
    await settle(10);
    timer.fire();
    await done;
    expect([mock.handlers.changed, mock.handlers.calculated, mock.handlers.tableAdded, mock.handlers.tableDeleted].map((h) => h.length)).toEqual([1, 1, 1, 1]);
  });
});
