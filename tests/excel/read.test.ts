import { chunkRows, DEFAULT_MAX_CELLS_PER_READ, readSnapshot, toCell } from "../../src/excel/read";
import { writeSettings } from "../../src/excel/write";
import { ExcelModel, positionRows, valuesAt, workbook, WorkbookSpec } from "../helpers/excel-model";
import { Cell } from "../../src/core/types";

const header: Cell[] = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Status"];
const body: Cell[][] = [
  ["KO", "Put", "Sell", 60, 1, "2026-01-05", "Open"],
  ["PFE", "Put", "Sell", 25, 4, "2026-01-12", "Open"],
];
const inputs: WorkbookSpec["names"] = {
  AccountValue: { sheet: "Assignment Guard", cell: "B2", value: 100000 },
  Cash: { sheet: "Assignment Guard", cell: "B3", value: 40000 },
  VIX: { sheet: "Inputs", cell: "A1", value: 18 },
};

describe("readSnapshot: the position table and the settings through Office.js", () => {
  test("reads the table named Positions, its place on the sheet and the named inputs in 2 syncs", async () => {
    const mock = new ExcelModel(workbook({
      tables: [
        { name: "Other", sheet: "Sheet2", header: ["a"], rows: [[1]] },
        { name: "Positions", sheet: "Log", header, rows: body, headerRow: 3, firstColumn: 2 },
      ],
      names: inputs,
    }));
    const snap = await readSnapshot(mock.context);
    expect(mock.syncs).toBe(2);
    expect(snap.tableNames).toEqual(["Other", "Positions"]);
    expect(snap.choice).toEqual({ kind: "table", name: "Positions" });
    expect(snap.message).toBeNull();
    expect(snap.table).toEqual({
      header,
      rows: body,
      headerRow: 3,
      firstColumn: 2,
      source: { sheet: "Log", name: "Positions", range: "B3:H5", found: "Positions: table Positions (B3:H5) on sheet 'Log', the table named Positions" },
    });
    expect(snap.settings.inputs).toMatchObject({ accountValue: 100000, cash: 40000, vix: 18, highVixCap: null });
    expect(snap.definedNames.sort()).toEqual(["accountValue", "cash", "vix"]);
  });

  test("the only table is used when none is named Positions", async () => {
    const mock = new ExcelModel(workbook({ tables: [{ name: "Trades", sheet: "S", header, rows: body }] }));
    const snap = await readSnapshot(mock.context);
    expect(snap.choice).toEqual({ kind: "table", name: "Trades" });
    expect(snap.table?.rows).toHaveLength(2);
  });

  test("the stored table choice wins over Positions", async () => {
    const mock = new ExcelModel(workbook({
      tables: [
        { name: "Positions", sheet: "A", header, rows: body },
        { name: "Mine", sheet: "B", header, rows: [body[0]] },
      ],
      names: { CSP_PositionsTable: { sheet: "Assignment Guard", cell: "B7", value: "Mine" } },
    }));
    const snap = await readSnapshot(mock.context);
    expect(snap.choice).toEqual({ kind: "table", name: "Mine" });
    expect(snap.table?.rows).toEqual([body[0]]);
    expect(mock.syncs).toBe(2);
  });

  test("a stored plain range is read with its header row, in 2 syncs", async () => {
    const mock = new ExcelModel(workbook({
      sheets: { "My Log": valuesAt("B3", [header, ...body]) },
      names: { CSP_PositionsTable: { constant: "'My Log'!B3:H5" } },
    }));
    const snap = await readSnapshot(mock.context);
    expect(mock.syncs).toBe(2);
    expect(snap.choice).toEqual({ kind: "range", sheet: "My Log", address: "B3:H5" });
    expect(snap.table).toEqual({
      header,
      rows: body,
      headerRow: 3,
      firstColumn: 2,
      source: { sheet: "My Log", name: null, range: "B3:H5", found: "Positions: range B3:H5 on sheet 'My Log', the stored choice" },
    });
    expect(snap.definedNames).toEqual(["positionsTable"]);
  });

  test("a stored range on a sheet that no longer exists gives a message, not a crash", async () => {
    const mock = new ExcelModel(workbook({ names: { CSP_PositionsTable: { constant: "Gone!A1:C4" } } }));
    const snap = await readSnapshot(mock.context);
    expect(snap.table).toBeNull();
    expect(snap.message).toMatch(/Gone/);
  });

  test("no table: two syncs (the outline, then every visible sheet's top rows), and the refusal names each sheet and what it lacked", async () => {
    const mock = new ExcelModel(workbook({ names: inputs, sheets: { Notes: valuesAt("A1", [["Ticker", "Comment"]]) } }));
    const snap = await readSnapshot(mock.context);
    expect(mock.syncs).toBe(2);
    expect(snap.table).toBeNull();
    expect(snap.message).toMatch(/^no position table found/);
    expect(snap.message).toMatch(/'Notes' \(row 1 has Ticker, Comment but no quantity column\)/);
    expect(snap.message).toMatch(/'Inputs' \(/);
    expect(snap.settings.inputs.vix).toBe(18);
  });

  test("two tables and none named Positions: the first visible sheet whose header row is a position header wins (RULES.md order)", async () => {
    const mock = new ExcelModel(workbook({
      tables: [
        { name: "A", sheet: "S", header, rows: body },
        { name: "B", sheet: "T", header, rows: body },
      ],
    }));
    const snap = await readSnapshot(mock.context);
    expect(snap.choice).toEqual({ kind: "table", name: "A" });
    expect(snap.table?.source?.found).toBe("Positions: table A (A1:G3) on sheet 'S', the first visible sheet with a recognisable header row");
  });

  test("two tables whose headers are not position headers: the refusal names both tables and each sheet", async () => {
    const mock = new ExcelModel(workbook({
      tables: [
        { name: "A", sheet: "S", header: ["Name", "Note"], rows: [["x", "y"]] },
        { name: "B", sheet: "T", header: ["Name", "Note"], rows: [["x", "y"]] },
      ],
    }));
    const snap = await readSnapshot(mock.context);
    expect(snap.choice).toBeNull();
    expect(snap.message).toMatch(/2 tables: 'A', 'B' and none named Positions/);
  });

  test("settings stored as constants and unreadable override JSON are reported, not fatal", async () => {
    const mock = new ExcelModel(workbook({
      tables: [{ name: "Positions", sheet: "S", header, rows: body }],
      names: { CSP_HighVixCap: { constant: 0.5 }, CSP_ColumnOverrides: { sheet: "Assignment Guard", cell: "B8", value: "{bad" } },
    }));
    const snap = await readSnapshot(mock.context);
    expect(snap.settings.inputs.highVixCap).toBe(0.5);
    expect(snap.settings.errors).toEqual(["CSP_ColumnOverrides is not valid JSON"]);
  });

  test("an empty Excel table (one blank body row) reads as that row; the core skips it", async () => {
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "S", header, rows: [] }] }));
    const snap = await readSnapshot(mock.context);
    expect(snap.table?.rows).toEqual([["", "", "", "", "", "", ""]]);
  });

  test.each([10, 10_000, 100_000])("a full read of %i rows takes at most 2 syncs", async (n) => {
    const t = positionRows(n);
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "S", ...t }], names: inputs }));
    const snap = await readSnapshot(mock.context);
    expect(mock.syncs).toBeLessThanOrEqual(2);
    expect(snap.table?.rows).toHaveLength(n);
    expect(snap.table?.rows[n - 1]).toEqual(t.rows[n - 1]);
    // Every response stays within the payload budget.
    for (const cells of mock.cellsPerSync) expect(cells).toBeLessThanOrEqual(DEFAULT_MAX_CELLS_PER_READ + 20);
  });

  test("past the payload limit the body is read in chunks = ceil(size / limit), one sync each", async () => {
    const t = positionRows(200_000); // 1.2 million cells
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "S", ...t, headerRow: 4, firstColumn: 3 }] }));
    const snap = await readSnapshot(mock.context);
    const chunks = Math.ceil((200_000 * 6) / DEFAULT_MAX_CELLS_PER_READ);
    expect(chunks).toBe(2);
    expect(mock.syncs).toBe(1 + chunks);
    expect(snap.table?.rows).toHaveLength(200_000);
    expect(snap.table?.rows[150_000]).toEqual(t.rows[150_000]);
    expect(snap.table?.source?.range).toBe("C4:H200004");
  });

  test.each([
    [1000, 6, 60, 100],
    [1000, 6, 600, 10],
    [1000, 6, 6000, 1],
    [1001, 6, 600, 11],
  ])("with %i rows x %i columns and a limit of %i cells: %i chunks", async (rows, cols, limit, chunks) => {
    expect(chunkRows(rows, cols, limit)).toHaveLength(chunks);
    const t = positionRows(rows);
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "S", ...t }] }));
    const snap = await readSnapshot(mock.context, { maxCellsPerRead: limit });
    expect(mock.syncs).toBe(1 + chunks);
    expect(snap.table?.rows).toEqual(t.rows);
    for (const loads of mock.valueLoads) for (const cells of loads) expect(cells).toBeLessThanOrEqual(Math.max(limit, cols));
  });

  test("a plain range past the limit is chunked the same way", async () => {
    const t = positionRows(250);
    const mock = new ExcelModel(workbook({ sheets: { Log: valuesAt("A1", [t.header, ...t.rows]) }, names: { CSP_PositionsTable: { constant: "Log!A1:F251" } } }));
    const snap = await readSnapshot(mock.context, { maxCellsPerRead: 600 });
    expect(mock.syncs).toBe(1 + Math.ceil(250 / 100));
    expect(snap.table?.rows).toEqual(t.rows);
  });

  test("when Excel refuses a response as too large anyway, the read retries with half-size chunks", async () => {
    const t = positionRows(2000);
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "S", ...t }] }), { serverMaxCells: 5000 });
    const snap = await readSnapshot(mock.context, { maxCellsPerRead: 12_000 });
    expect(snap.table?.rows).toEqual(t.rows);
    expect(Math.max(...mock.cellsPerSync)).toBeLessThanOrEqual(5000);
  });

  test("the reader reads back what the writers wrote: settings created by writeSettings are the snapshot's inputs", async () => {
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "Log", header, rows: body }] }));
    await writeSettings(mock.context, { accountValue: 100000, cash: 40000, vix: 18 });
    const snap = await readSnapshot(mock.context);
    expect(snap.settings.inputs).toMatchObject({ accountValue: 100000, cash: 40000, vix: 18 });
    expect(snap.definedNames.sort()).toEqual(["accountValue", "cash", "vix"]);
    expect(snap.table?.rows).toEqual(body);
  });

  test("other errors are not swallowed", async () => {
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "S", header, rows: body }] }));
    const context = mock.context as unknown as { sync: () => Promise<void> };
    context.sync = async () => {
      throw Object.assign(new Error("boom"), { code: "GeneralException" });
    };
    await expect(readSnapshot(mock.context)).rejects.toThrow("boom");
  });
});

describe("reader helpers", () => {
  test("cells from Excel keep their type; error values and odd numbers become text", () => {
    expect([toCell("x"), toCell(3), toCell(true), toCell(null), toCell(undefined), toCell(NaN), toCell({ a: 1 })]).toEqual([
      "x",
      3,
      true,
      null,
      null,
      "NaN",
      "#VALUE!",
    ]);
    // Data types as valuesAsJson and custom-function arguments give them: what the cell shows.
    expect(toCell({ type: "LinkedEntity", text: "Microsoft Corp", basicValue: "#VALUE!" })).toBe("Microsoft Corp");
    expect(toCell({ type: "FormattedNumber", basicValue: 415.5, numberFormat: "$0.00" })).toBe(415.5);
  });
});

describe("plain ranges and the RULES.md order in Excel (src/core/find.ts, as every host)", () => {
  const log = [header, ...body];

  test("no Excel table: the first visible sheet with a header row, title rows skipped, down to its last filled row; 3 syncs", async () => {
    const mock = new ExcelModel(workbook({
      sheets: {
        Cover: valuesAt("A1", [["My trading workbook"]]),
        Trades: { ...valuesAt("A1", [["Put log 2026"], [null]]), ...valuesAt("B3", log), ...valuesAt("B8", [[null, null, null, null, null, null, "note"]]), ...valuesAt("L1", [["far note"]]) },
      },
      names: inputs,
    }));
    const snap = await readSnapshot(mock.context);
    expect(mock.syncs).toBe(3);
    expect(snap.choice).toEqual({ kind: "range", sheet: "Trades", address: "B3:H8" });
    expect(snap.table?.header).toEqual(header);
    const blank = ["", "", "", "", "", "", ""];
    expect(snap.table?.rows).toEqual([...body, blank, blank, ["", "", "", "", "", "", "note"]]);
    expect(snap.table?.headerRow).toBe(3);
    expect(snap.table?.source?.found).toBe("Positions: range B3:H8 on sheet 'Trades', the first visible sheet with a recognisable header row");
  });

  test("a hidden sheet is never searched, and the refusal says so", async () => {
    const state = workbook({ sheets: { Secret: valuesAt("A1", log), Visible: valuesAt("A1", [["Name", "Note"]]) } });
    state.sheets[0].visibility = "Hidden";
    const snap = await readSnapshot(new ExcelModel(state).context);
    expect(snap.table).toBeNull();
    expect(snap.message).toMatch(/hidden sheets are not searched: 'Secret'/);
  });

  test("week two: the add-in's own ReviewLog table and Weekly Review sheet are never the positions", async () => {
    const mock = new ExcelModel(workbook({
      sheets: { "Weekly Review": valuesAt("A1", [["Assignment Guard weekly review"], ["Ticker", "Qty", "Strike"]]), Trades: valuesAt("A1", log) },
      tables: [{ name: "ReviewLog", sheet: "Review Log", header: ["Date", "Exposure", "Qty", "Strike"], rows: [[46000, 1, 1, 1]] }],
    }));
    const snap = await readSnapshot(mock.context);
    expect(snap.choice).toEqual({ kind: "range", sheet: "Trades", address: "A1:G3" });
    expect(snap.table?.rows).toEqual(body);
  });

  test("an Excel table with a totals row: the totals row is not a position", async () => {
    const mock = new ExcelModel(workbook({ tables: [{ name: "Puts", sheet: "S", header, rows: body, totals: ["Total", null, null, null, 5, null, null] }] }));
    const snap = await readSnapshot(mock.context);
    expect(snap.table?.rows).toEqual(body);
    expect(snap.table?.source?.range).toBe("A1:G4");
  });

  test("a table without a header row: its column names are the header, the body starts at once", async () => {
    const mock = new ExcelModel(workbook({ tables: [{ name: "Puts", sheet: "S", header, rows: body, showHeaders: false, headerRow: 4 }] }));
    const snap = await readSnapshot(mock.context);
    expect(snap.table?.header).toEqual(header);
    expect(snap.table?.headerRow).toBe(4);
    expect(snap.table?.rows).toEqual(body);
  });

  test("Stocks data-type cells read as what they show, never [object Object]; a real #VALUE! stays an error", async () => {
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "S", header, rows: body }] }));
    Object.assign(mock.cell("S", "A2"), { value: "#VALUE!", display: "Coca-Cola Co" });
    mock.cell("S", "D3").value = "#VALUE!";
    const snap = await readSnapshot(mock.context);
    expect(snap.table?.rows[0][0]).toBe("Coca-Cola Co");
    expect(snap.table?.rows[1][3]).toBe("#VALUE!");
    expect(mock.syncs).toBe(3);
  });

  test("a named input whose cell holds a data type reads as what the cell shows", async () => {
    const mock = new ExcelModel(workbook({ tables: [{ name: "Positions", sheet: "S", header, rows: body }], names: inputs }));
    Object.assign(mock.cell("Inputs", "A1"), { value: "#VALUE!", display: "19.5" });
    const snap = await readSnapshot(mock.context);
    expect(snap.settings.inputs.vix).toBe("19.5");
  });
});
