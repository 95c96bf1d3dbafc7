import { Cell } from "../../src/core";
import {
  describePlace,
  findPositions,
  headerBlock,
  isHeaderRow,
  lastFilledRow,
  SheetOutline,
  TableOutline,
  tableParts,
  WorkbookOutline,
} from "../../src/core/find";

const sheet = (name: string, top: Cell[][], visible = true): SheetOutline => ({ name, visible, top });
const table = (name: string, sheetName: string, range: string, extra: Partial<TableOutline> = {}): TableOutline => ({
  name,
  sheet: sheetName,
  range,
  headerRowCount: 1,
  totalsRowCount: 0,
  columns: ["Symbol", "Strike", "Qty"],
  ...extra,
});
const putLog: Cell[][] = [
  ["Ticker", "Strike", "Contracts"],
  ["KO", 60, 1],
];
const reviewLogTop: Cell[][] = [["Date", "Account value", "Cash", "VIX", "Exposure"]];

function place(outline: WorkbookOutline, options = {}) {
  const r = findPositions(outline, options);
  if (!r.ok) throw new Error(r.message);
  return r.place;
}

describe("Finding the position table: the order of RULES.md", () => {
  const outline: WorkbookOutline = {
    sheets: [sheet("Trades", putLog), sheet("Other", putLog)],
    tables: [table("Puts", "Trades", "A1:C2"), table("Positions", "Other", "A1:C2"), table("Calls", "Other", "E1:G2")],
  };

  test("a table or range given for this review comes first", () => {
    expect(place(outline, { explicit: { kind: "table", name: "calls" }, stored: { kind: "table", name: "Puts" } })).toMatchObject({
      kind: "table",
      table: { name: "Calls" },
      how: "given",
    });
    expect(place(outline, { explicit: { kind: "range", sheet: "trades", address: "A1:C9" } })).toEqual({
      kind: "range",
      sheet: "Trades",
      area: { top: 1, left: 1, bottom: 9, right: 3 },
      open: false,
      how: "given",
    });
  });

  test("then the choice stored in the workbook", () => {
    expect(place(outline, { stored: { kind: "table", name: "Puts" } })).toMatchObject({ table: { name: "Puts" }, how: "stored" });
  });

  test("then the table named Positions", () => {
    expect(place(outline)).toMatchObject({ table: { name: "Positions" }, how: "named Positions" });
  });

  test("then the only table that is not the add-in's own", () => {
    const o: WorkbookOutline = { sheets: [sheet("Log", reviewLogTop), sheet("Trades", putLog)], tables: [table("ReviewLog", "Log", "A1:E5"), table("Puts", "Trades", "A1:C2")] };
    expect(place(o)).toMatchObject({ table: { name: "Puts" }, how: "only table" });
  });

  test("then the first visible sheet with a recognisable header row within its top 30 rows", () => {
    const top: Cell[][] = [["My put log"], [], ["Stock Symbol", "Call or Put", "Strike", "Contracts"], ["KO", "Put", 60, 1]];
    const o: WorkbookOutline = { sheets: [sheet("Notes", [["Shopping list"], ["milk"]]), sheet("Puts", top)], tables: [] };
    expect(place(o)).toEqual({ kind: "range", sheet: "Puts", area: { top: 3, bottom: 3, left: 1, right: 4 }, open: true, how: "header row" });
  });

  test("a header row found inside an Excel table gives that table", () => {
    const o: WorkbookOutline = {
      sheets: [sheet("A", putLog), sheet("B", putLog)],
      tables: [table("First", "A", "A1:C2"), table("Second", "B", "A1:C2")],
    };
    expect(place(o)).toMatchObject({ kind: "table", table: { name: "First" }, how: "header row" });
  });

  test("a stored table that no longer exists falls back to the usual order", () => {
    expect(place(outline, { stored: { kind: "table", name: "Gone" } })).toMatchObject({ table: { name: "Positions" } });
  });

  test("a given table that does not exist is refused, naming the tables there are", () => {
    const r = findPositions(outline, { explicit: { kind: "table", name: "Gone" } });
    expect(r).toEqual({ ok: false, message: "the given positions table 'Gone' does not exist (tables: 'Puts', 'Positions', 'Calls')" });
  });
});

describe("Finding the position table: the add-in's own tables and sheets are never candidates", () => {
  test("week two: with the positions on a plain range, the ReviewLog table is not 'the only table'", () => {
    const o: WorkbookOutline = {
      sheets: [sheet("Puts", putLog), sheet("Review Log", reviewLogTop)],
      tables: [table("ReviewLog", "Review Log", "A1:E3", { columns: ["Date", "Account value", "Cash", "VIX", "Exposure"] })],
    };
    expect(place(o)).toMatchObject({ kind: "range", sheet: "Puts", how: "header row" });
  });

  test("the CashFlows and BrokerLedger tables are not position tables either", () => {
    const o: WorkbookOutline = {
      sheets: [sheet("Flows", [["Date", "Amount", "Kind"]]), sheet("Puts", putLog)],
      tables: [table("CashFlows", "Flows", "A1:C4"), table("BrokerLedger", "Flows", "E1:G9"), table("Puts", "Puts", "A1:C2")],
    };
    expect(place(o)).toMatchObject({ table: { name: "Puts" }, how: "only table" });
  });

  test("the Weekly Review sheet (known by its A1 title) and the settings sheet are never searched", () => {
    const review = sheet("Weekly Review", [["Assignment Guard weekly review"], ["Symbol", "Strike", "Qty"]]);
    const settings = sheet("Assignment Guard", [["Symbol", "Strike", "Qty"]]);
    const r = findPositions({ sheets: [review, settings], tables: [] });
    expect(r.ok).toBe(false);
  });

  test("a table given by name that is the add-in's own is refused", () => {
    const o: WorkbookOutline = { sheets: [sheet("Log", reviewLogTop)], tables: [table("ReviewLog", "Log", "A1:E3")] };
    expect(findPositions(o, { explicit: { kind: "table", name: "reviewlog" } })).toEqual({
      ok: false,
      message: "'ReviewLog' is one of Assignment Guard's own tables, not a position table",
    });
  });
});

describe("Finding the position table: hidden sheets are never searched", () => {
  test("a hidden sheet with a header row is passed over, and the refusal says so", () => {
    const o: WorkbookOutline = {
      sheets: [sheet("Positions sheet", [["Name", "Price", "Date"], ["Coca-Cola", 60, 46000]]), sheet("Old", putLog, false)],
      tables: [],
    };
    const r = findPositions(o);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain("sheets looked at: 'Positions sheet' (row 1 has Name, Price, Date but no quantity and no strike or symbol column)");
    expect(r.message).toContain("hidden sheets are not searched: 'Old'");
  });

  test("a table on a hidden sheet is not 'the only table'", () => {
    const o: WorkbookOutline = { sheets: [sheet("Lists", putLog, false), sheet("Puts", putLog)], tables: [table("Lookup", "Lists", "A1:C2")] };
    expect(place(o)).toMatchObject({ kind: "range", sheet: "Puts" });
  });
});

describe("Finding the position table: the refusal names each visible sheet and what it lacked", () => {
  test("every sheet is named with its closest header row", () => {
    const o: WorkbookOutline = {
      sheets: [sheet("Trades", [["Ticker", "Premium", "Date"]]), sheet("Blank", []), sheet("Notes", [["just a note"]])],
      tables: [],
    };
    const r = findPositions(o);
    expect(r).toEqual({
      ok: false,
      message:
        "no position table found. sheets looked at: 'Trades' (row 1 has Ticker, Premium, Date but no quantity column); 'Blank' (empty at the top); 'Notes' (no header row in its top 30 rows). name the position table Positions or pick it (task pane, --table or --range)",
    });
  });

  test("several tables and none named Positions are named", () => {
    const o: WorkbookOutline = {
      sheets: [sheet("A", [["x", "y"]]), sheet("B", [["x", "y"]])],
      tables: [table("T1", "A", "A1:B2", { columns: ["x", "y"] }), table("T2", "B", "A1:B2", { columns: ["x", "y"] })],
    };
    const r = findPositions(o);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("2 tables: 'T1', 'T2' and none named Positions");
  });
});

describe("Finding the position table: a format a broker profile claims", () => {
  test("a claimer recognises a sheet from its top rows before the header search", () => {
    const ibkr = { id: "ibkr-activity", label: "IBKR Activity Statement", claims: (top: readonly (readonly Cell[])[]) => top[0]?.[0] === "Statement" };
    const o: WorkbookOutline = { sheets: [sheet("U1234", [["Statement", "Header", "Field Name", "Field Value"]])], tables: [] };
    expect(place(o, { claimers: [ibkr] })).toMatchObject({ kind: "claimed", sheet: "U1234", claimer: { id: "ibkr-activity" } });
  });
});

describe("Finding the position table: helpers the hosts use", () => {
  test("a table without a header row has a virtual header row just above its body", () => {
    expect(tableParts(table("T", "S", "B3:D9", { headerRowCount: 0 }))).toEqual({
      headerRow: 2,
      area: { top: 3, left: 2, bottom: 9, right: 4 },
      body: { top: 3, left: 2, bottom: 9, right: 4 },
    });
  });

  test("a totals row is not part of the body", () => {
    expect(tableParts(table("T", "S", "A1:C5", { totalsRowCount: 1 }))?.body).toEqual({ top: 2, left: 1, bottom: 4, right: 3 });
    expect(tableParts(table("T", "S", "A1:C2", { totalsRowCount: 1 }))?.body).toBeNull();
  });

  test("a header block ends at a gap of two blank cells: a note beside the table is not a column", () => {
    expect(headerBlock([null, "Ticker", "Strike", null, "Qty", null, null, "note"])).toEqual({ first: 1, last: 4 });
  });

  test("an open range runs to the last row with anything in its columns; summary and blank rows do not end it", () => {
    const grid: Cell[][] = [["Ticker", "Strike", "Qty"], ["KO", 60, 1], ["Subtotal January", null, 1], [null, null, null], ["SUM", 10, 1], [null, null, null, "x"]];
    expect(lastFilledRow(grid, 0, 0, 2)).toBe(4);
  });

  test("a header needs a quantity and a strike or a symbol, as the rules do", () => {
    expect(isHeaderRow(["Stock", "Strike", "Contracts"])).toBe(true);
    expect(isHeaderRow(["Symbol", "Quantity"])).toBe(true);
    expect(isHeaderRow(["Name", "Price"])).toBe(false);
    expect(isHeaderRow(["KO", 60, 1])).toBe(false);
  });

  test("the review says how the table was found", () => {
    expect(describePlace(place({ sheets: [sheet("PutsCalls", putLog)], tables: [] }), "A1:C9")).toBe(
      "Positions: range A1:C9 on sheet 'PutsCalls', the first visible sheet with a recognisable header row",
    );
  });
});
