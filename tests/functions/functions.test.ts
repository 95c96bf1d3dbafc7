import { installCustomFunctionsStub, CustomFunctionsError, FakeInvocation, settle } from "../helpers/custom-functions-stub";
installCustomFunctionsStub();

import { assignmentExposureFn, canSellPutFn, headroomFn, maxContractsFn, vixCapFn } from "../../src/functions/functions";
import { installFormulaSource, LiveFormulas, liveFormulas, toExcelResult } from "../../src/functions/live";
import { SnapshotCache } from "../../src/excel/snapshot-cache";
import { ExcelSnapshot } from "../../src/excel/read";
import { Cell, readStoredSettings, SettingKey, serialFromYmd, NO_TABLE_MESSAGE } from "../../src/core";
import { WORKED_BODY, WORKED_HEADER } from "../helpers/worked-example";

// RULES.md "Worked example": account 100,000; cash 40,000; VIX 18.
const header = WORKED_HEADER;
const body = WORKED_BODY;
const inputs: Partial<Record<SettingKey, Cell>> = { accountValue: 100000, cash: 40000, vix: 18 };
const asOf = serialFromYmd(2026, 2, 10)!;

function snapshot(rows: Cell[][] | null, values: Partial<Record<SettingKey, Cell>> = inputs, message: string | null = null, head = header): ExcelSnapshot {
  return {
    tableNames: rows ? ["Positions"] : [],
    choice: rows ? { kind: "table", name: "Positions" } : null,
    table: rows ? { header: head, rows, headerRow: 1, firstColumn: 1 } : null,
    message: rows ? null : message,
    settings: readStoredSettings(values),
    definedNames: Object.keys(values) as SettingKey[],
    watch: null,
  };
}

let current: ExcelSnapshot;
let cache: SnapshotCache;
function useWorkbook(s: ExcelSnapshot) {
  current = s;
  cache = new SnapshotCache(async () => current);
  installFormulaSource(() => new LiveFormulas(cache, () => asOf));
}

/** Calls a CSP function the way Excel does: null for omitted arguments, the invocation last. */
async function call<T>(fn: (...args: never[]) => void, ...args: unknown[]): Promise<T | CustomFunctionsError | undefined> {
  const inv = new FakeInvocation<T>();
  (fn as unknown as (...a: unknown[]) => void)(...args, inv.asInvocation());
  await settle();
  return inv.last;
}

function expectError(result: unknown, code: string, message: RegExp | string) {
  expect(result).toBeInstanceOf(CustomFunctionsError);
  const e = result as CustomFunctionsError;
  expect(e.code).toBe(code);
  if (typeof message === "string") expect(e.message).toBe(message);
  else expect(e.message).toMatch(message);
}

const range = [header, ...body];

beforeEach(() => useWorkbook(snapshot(body)));

describe("the worked example of RULES.md through the CSP functions", () => {
  test("exposure 30,700; headroom -700; CANSELLPUT(17,1) FALSE; MAXCONTRACTS 0; VIXCAP(18) 0.3", async () => {
    expect(await call(assignmentExposureFn, null)).toBe(30700);
    expect(await call(headroomFn, null, null, null)).toBe(-700);
    expect(await call(canSellPutFn, 17, 1, null, null, null)).toBe(false);
    expect(await call(maxContractsFn, 17, null, null, null)).toBe(0);
    expect(await call(vixCapFn, 18, null)).toBe(0.3);
  });

  test("with KO 62 closed: CANSELLPUT(55,1) TRUE (equality passes), CANSELLPUT(55.01,1) FALSE", async () => {
    useWorkbook(snapshot(body.map((r, i) => (i === 3 ? [...r.slice(0, 6), "Closed"] : r))));
    expect(await call(assignmentExposureFn, null)).toBe(24500);
    expect(await call(canSellPutFn, 55, 1, null, null, null)).toBe(true);
    expect(await call(canSellPutFn, 55.01, 1, null, null, null)).toBe(false);
    expect(await call(maxContractsFn, 55, null, null, null)).toBe(1);
    expect(await call(headroomFn, null, null, null)).toBe(5500);
  });

  test("a range argument (header row included, as Excel passes Positions[#All]) gives the same figures", async () => {
    useWorkbook(snapshot(null, inputs, NO_TABLE_MESSAGE));
    expect(await call(assignmentExposureFn, range)).toBe(30700);
    expect(await call(headroomFn, null, null, range)).toBe(-700);
    expect(await call(canSellPutFn, 17, 1, null, null, range)).toBe(false);
    expect(await call(maxContractsFn, 5, null, null, range)).toBe(0);
  });

  test("arguments override the workbook's inputs for that call", async () => {
    expect(await call(headroomFn, 200000, null, null)).toBe(60000 - 30700);
    expect(await call(headroomFn, null, 35, null)).toBe(45000 - 30700);
    expect(await call(canSellPutFn, 17, 1, 200000, null, null)).toBe(true);
    expect(await call(maxContractsFn, 50, 200000, 12, null)).toBe(Math.floor((50000 - 30700) / 5000));
    expect(await call(vixCapFn, 31, 0.5)).toBe(0.5);
    expect(await call(vixCapFn, 31, null)).toBe(0.45);
  });

  test("the stored high-VIX cap is used when VIXCAP's second argument is omitted", async () => {
    useWorkbook(snapshot(body, { ...inputs, highVixCap: "48%" }));
    expect(await call(vixCapFn, 40, null)).toBe(0.48);
  });
});

describe("every error path: an Excel error value with a message, never a crash", () => {
  test.each([
    ["VIXCAP(omitted)", () => call(vixCapFn, null, null), "#VALUE!", "VIX must be a number above 0"],
    ["VIXCAP(\"abc\")", () => call(vixCapFn, "abc", null), "#VALUE!", "VIX must be a number above 0"],
    ["VIXCAP(0)", () => call(vixCapFn, 0, null), "#VALUE!", "VIX must be a number above 0"],
    ["VIXCAP(-1)", () => call(vixCapFn, -1, null), "#VALUE!", "VIX must be a number above 0"],
    ["VIXCAP(NaN)", () => call(vixCapFn, NaN, null), "#VALUE!", "VIX must be a number above 0"],
    ["VIXCAP(Infinity)", () => call(vixCapFn, Infinity, null), "#VALUE!", "VIX must be a number above 0"],
    ["VIXCAP(35, 0.6)", () => call(vixCapFn, 35, 0.6), "#VALUE!", /50%/],
    ["VIXCAP(35, 0.4)", () => call(vixCapFn, 35, 0.4), "#VALUE!", /45%/],
    ["VIXCAP(35, \"x\")", () => call(vixCapFn, 35, "x"), "#VALUE!", "highVixCap must be a fraction from 0.45 to 0.50"],
    ["CANSELLPUT(omitted, 1)", () => call(canSellPutFn, null, 1, null, null, null), "#VALUE!", "strike is required"],
    ["CANSELLPUT(\"abc\", 1)", () => call(canSellPutFn, "abc", 1, null, null, null), "#VALUE!", "strike must be a number"],
    ["CANSELLPUT(0, 1)", () => call(canSellPutFn, 0, 1, null, null, null), "#VALUE!", "strike must be a price above 0"],
    ["CANSELLPUT(Infinity, 1)", () => call(canSellPutFn, Infinity, 1, null, null, null), "#VALUE!", "strike must be a finite number"],
    ["CANSELLPUT(50, omitted)", () => call(canSellPutFn, 50, null, null, null, null), "#VALUE!", "qty is required"],
    ["CANSELLPUT(50, \"two\")", () => call(canSellPutFn, 50, "two", null, null, null), "#VALUE!", "qty must be a number"],
    ["CANSELLPUT(50, 1.5)", () => call(canSellPutFn, 50, 1.5, null, null, null), "#VALUE!", /whole number/],
    ["CANSELLPUT(50, 0)", () => call(canSellPutFn, 50, 0, null, null, null), "#VALUE!", /whole number/],
    ["CANSELLPUT(50, -1)", () => call(canSellPutFn, 50, -1, null, null, null), "#VALUE!", /whole number/],
    ["CANSELLPUT(50, 1, \"big\")", () => call(canSellPutFn, 50, 1, "big", null, null), "#VALUE!", "accountValue must be a number"],
    ["CANSELLPUT(50, 1, 0)", () => call(canSellPutFn, 50, 1, 0, null, null), "#VALUE!", "accountValue must be above 0"],
    ["CANSELLPUT(50, 1, , 0)", () => call(canSellPutFn, 50, 1, null, 0, null), "#VALUE!", "VIX must be a number above 0"],
    ["CANSELLPUT(50, 1, , \"hi\")", () => call(canSellPutFn, 50, 1, null, "hi", null), "#VALUE!", "VIX must be a number above 0"],
    ["HEADROOM(-5)", () => call(headroomFn, -5, null, null), "#VALUE!", "accountValue must be above 0"],
    ["HEADROOM(, NaN)", () => call(headroomFn, null, NaN, null), "#VALUE!", "VIX must be a number above 0"],
    ["MAXCONTRACTS(omitted)", () => call(maxContractsFn, null, null, null, null), "#VALUE!", "strike is required"],
    ["MAXCONTRACTS(-3)", () => call(maxContractsFn, -3, null, null, null), "#VALUE!", "strike must be a price above 0"],
    ["MAXCONTRACTS(TRUE)", () => call(maxContractsFn, true, null, null, null), "#VALUE!", "strike must be a number"],
    ["MAXCONTRACTS(50, 0)", () => call(maxContractsFn, 50, 0, null, null), "#VALUE!", "accountValue must be above 0"],
  ])("%s", async (_name, run, code, message) => {
    expectError(await run(), code, message);
  });

  test.each([
    ["AccountValue missing", { cash: 1, vix: 18 }, /set AccountValue/],
    ["AccountValue not a number", { accountValue: "lots", cash: 1, vix: 18 }, /set AccountValue/],
    ["AccountValue 0", { accountValue: 0, cash: 1, vix: 18 }, /set AccountValue/],
    ["VIX missing", { accountValue: 100000, cash: 1 }, /set VIX/],
    ["VIX 0", { accountValue: 100000, cash: 1, vix: 0 }, /set VIX/],
  ])("%s: HEADROOM, CANSELLPUT and MAXCONTRACTS give #N/A saying what to set", async (_name, values, message) => {
    useWorkbook(snapshot(body, values as Partial<Record<SettingKey, Cell>>));
    expectError(await call(headroomFn, null, null, null), "#N/A", message);
    expectError(await call(canSellPutFn, 10, 1, null, null, null), "#N/A", message);
    expectError(await call(maxContractsFn, 10, null, null, null), "#N/A", message);
    // Exposure needs no budget: still computed.
    expect(await call(assignmentExposureFn, null)).toBe(30700);
  });

  test("a stored high-VIX cap above 50% is #NUM! with the rule's message", async () => {
    useWorkbook(snapshot(body, { ...inputs, vix: 35, highVixCap: 0.55 }));
    expectError(await call(headroomFn, null, null, null), "#VALUE!", /50%/);
    expectError(await call(vixCapFn, 35, null), "#VALUE!", /50%/);
  });

  test("a stored high-VIX cap that is not a number: VIXCAP is #NUM!", async () => {
    useWorkbook(snapshot(body, { ...inputs, highVixCap: "high" }));
    expectError(await call(vixCapFn, 35, null), "#VALUE!", "The stored high-VIX cap is not a number: use 0.45 to 0.50");
  });

  test("no position table: #N/A with the reader's message", async () => {
    useWorkbook(snapshot(null, inputs, NO_TABLE_MESSAGE));
    expectError(await call(assignmentExposureFn, null), "#N/A", NO_TABLE_MESSAGE);
    useWorkbook(snapshot(null, inputs, "no position table: 2 tables and none named Positions; name one Positions or pick one in the task pane"));
    expectError(await call(canSellPutFn, 10, 1, null, null, null), "#N/A", /2 tables and none named Positions/);
    expectError(await call(headroomFn, null, null, null), "#N/A", /2 tables/);
    expectError(await call(maxContractsFn, 10, null, null, null), "#N/A", /2 tables/);
  });

  test("a table the rules cannot read (no quantity column): #N/A naming the problem", async () => {
    useWorkbook(snapshot([["KO", "Put", 50]], inputs, null, ["Ticker", "Type", "Strike"]));
    expectError(await call(assignmentExposureFn, null), "#N/A", /No quantity column/);
    expectError(await call(headroomFn, null, null, null), "#N/A", /No quantity column/);
  });

  test("an unreadable strike: #VALUE! naming the sheet row and the column, never treated as zero", async () => {
    useWorkbook(snapshot([...body, ["KO", "Put", "Sell", "abc", 1, "2026-02-03", "Open"]]));
    expectError(await call(assignmentExposureFn, null), "#VALUE!", /^row 6, Strike: /);
    expectError(await call(canSellPutFn, 10, 1, null, null, null), "#VALUE!", /row 6/);
  });

  test("a positions argument that is not a table range: #VALUE!", async () => {
    expectError(await call(assignmentExposureFn, []), "#VALUE!", /Positions\[#All\]/);
    expectError(await call(assignmentExposureFn, [[1], 2]), "#VALUE!", /range with a header row/);
  });

  test("a bad cell inside a positions range names the row of the range", async () => {
    expectError(await call(assignmentExposureFn, [header, ["KO", "Put", "Sell", 60, "x", "", "Open"]]), "#VALUE!", /row 2 of the positions range/);
  });

  test("the workbook cannot be read: #N/A saying it retries by itself, never an unhandled rejection nor a permanent error", async () => {
    let fail = true;
    cache = new SnapshotCache(
      async () => {
        if (fail) throw new Error("GeneralException: the workbook is busy");
        return snapshot(body);
      },
      { timer: (task) => ((retry = task), () => undefined) },
    );
    let retry: (() => void) | null = null;
    installFormulaSource(() => new LiveFormulas(cache, () => asOf));
    const inv = new FakeInvocation<number>();
    headroomFn(null as never, null as never, null as never, inv.asInvocation());
    await settle();
    expectError(inv.last, "#N/A", /the workbook is busy.*tries again by itself/);
    fail = false;
    retry!();
    await settle();
    expect(inv.last).toBe(-700);
  });

  test("an exception inside a formula becomes #VALUE! with its message", async () => {
    const inv = new FakeInvocation<number>();
    liveFormulas().stream(inv.asInvocation(), () => {
      throw new TypeError("unexpected shape");
    });
    await settle();
    expectError(inv.last, "#VALUE!", /unexpected shape/);
  });

  test("NaN or Infinity never reach a cell: #NUM!, the one error that carries no message", () => {
    expect(toExcelResult({ ok: true, value: NaN })).toMatchObject({ code: "#NUM!", message: "" });
    expect(toExcelResult({ ok: true, value: Infinity })).toMatchObject({ code: "#NUM!", message: "" });
    expect(toExcelResult({ ok: true, value: 3 })).toBe(3);
  });

  test("no message is ever attached to a #NUM! (Excel drops it, office-js#2885): every core error with a message is #VALUE! or #N/A", () => {
    for (const kind of ["value", "num", "na"] as const) {
      const e = toExcelResult({ ok: false, error: { kind, message: "why" } }) as unknown as CustomFunctionsError;
      expect(e.code).not.toBe("#NUM!");
      expect(e.message).toBe("why");
    }
  });

  test("without an installed workbook source the functions say so instead of crashing", async () => {
    jest.isolateModules(() => {
      // A fresh copy of the module, without the factory the suite installed: only require() gives one here.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const live = require("../../src/functions/live") as typeof import("../../src/functions/live");
      expect(() => live.liveFormulas()).toThrow(/open this workbook in Excel/);
    });
  });

  test("a call without an invocation (not from Excel) does nothing", () => {
    expect(() => canSellPutFn(10, 1)).not.toThrow();
  });
});

describe("live values", () => {
  test("a formula answers again when the workbook changes, until Excel cancels it", async () => {
    const inv = new FakeInvocation<number>();
    headroomFn(null as never, null as never, null as never, inv.asInvocation());
    await settle();
    expect(inv.results).toEqual([-700]);
    current = snapshot(body, { ...inputs, vix: 35 });
    cache.invalidate();
    await settle();
    expect(inv.results).toEqual([-700, 45000 - 30700]);
    inv.cancel();
    expect(cache.listenerCount).toBe(0);
    current = snapshot(body, { ...inputs, vix: 12 });
    cache.invalidate();
    await settle();
    expect(inv.results).toHaveLength(2);
  });
});
