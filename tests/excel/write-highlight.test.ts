import { Cell, HIGHLIGHT_FILL, highlightFormula, highlightKindOf } from "../../src/core";
import { clearHighlights, rangeColumns, selectTableRow, writeHighlights } from "../../src/excel/write";
import { BODY, review, userWorkbook } from "./fixtures";
import { CfState, ExcelModel } from "../helpers/excel-model";

const ours = (cfs: CfState[]) => cfs.filter((cf) => highlightKindOf(cf.formula) !== null);
const theirs = (cfs: CfState[]) => cfs.filter((cf) => highlightKindOf(cf.formula) === null);

describe("highlight without loss (conditional formats owned by the add-in)", () => {
  test("marks the over-budget row red and the concentration row amber across the table's columns", async () => {
    const mock = new ExcelModel(userWorkbook());
    const marked = await writeHighlights(mock.context, review());
    expect(marked).toBe(2);
    const cfs = ours(mock.sheet("Trades").cfs);
    expect(cfs.map((c) => [c.address, c.type, c.formula, c.fill])).toEqual([
      ["A5:G5", "Custom", `=${highlightFormula("over-budget")}`, HIGHLIGHT_FILL["over-budget"]],
      ["A2:G2", "Custom", `=${highlightFormula("concentration")}`, HIGHLIGHT_FILL.concentration],
    ]);
  });

  test("highlight then clear leaves every cell's value, fill, font, border and number format, and the user's conditional formats, exactly as before", async () => {
    const mock = new ExcelModel(userWorkbook());
    const before = mock.snapshot();
    await writeHighlights(mock.context, review());
    expect(ours(mock.sheet("Trades").cfs)).toHaveLength(2);
    // The user's rules are still there while ours are on (they only move down in priority).
    expect(theirs(mock.sheet("Trades").cfs).map((c) => c.id)).toEqual([901, 902]);
    await clearHighlights(mock.context);
    expect(mock.snapshot()).toEqual(before);
  });

  test("the before/after comparison notices what a naive highlighter (fill, then clear the fill) would lose", async () => {
    const mock = new ExcelModel(userWorkbook());
    const before = mock.snapshot();
    const sheet = mock.context.workbook.worksheets.getItem("Trades");
    sheet.getRange("A3:G3").format.fill.color = "#F8CBAD";
    await mock.context.sync();
    sheet.getRange("A3:G3").format.fill.color = "";
    await mock.context.sync();
    expect(mock.snapshot()).not.toEqual(before);
  });

  test("a load forgotten before reading is caught by the mock", async () => {
    const mock = new ExcelModel(userWorkbook());
    const formats = mock.context.workbook.worksheets.getItem("Trades").getRange().conditionalFormats;
    expect(() => formats.items).toThrow(/before load/);
    formats.load("items/type");
    expect(() => formats.items).toThrow(/before load/);
    await mock.context.sync();
    expect(formats.items.map((f) => f.type)).toEqual(["Custom", "CellValue"]);
  });

  test("highlighting again after the table changed replaces the marks and never stacks them", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeHighlights(mock.context, review());
    await writeHighlights(mock.context, review());
    expect(ours(mock.sheet("Trades").cfs)).toHaveLength(2);

    // KO 62 closed and PFE grown to 16 contracts: rows 3 and 4 break the budget, and PFE's
    // concentration mark is hidden under its over-budget one (over-budget wins).
    const changed: Cell[][] = BODY.map((r, i) => (i === 3 ? [...r.slice(0, 6), "Closed"] : i === 1 ? [...r.slice(0, 4), 16, ...r.slice(5)] : r));
    await writeHighlights(mock.context, review(changed));
    const now = ours(mock.sheet("Trades").cfs);
    expect(now.map((c) => [c.address, highlightKindOf(c.formula)])).toEqual([["A3:G4", "over-budget"]]);
    expect(theirs(mock.sheet("Trades").cfs).map((c) => c.id)).toEqual([901, 902]);
  });

  test("a review with nothing to mark removes the old marks", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeHighlights(mock.context, review());
    const calm = review(BODY.slice(0, 1));
    expect(calm.overBudgetRows).toEqual([]);
    await writeHighlights(mock.context, { ...calm, concentrationRows: [] });
    expect(ours(mock.sheet("Trades").cfs)).toHaveLength(0);
  });

  test("clear removes our marks from every sheet and only ours", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeHighlights(mock.context, review());
    // An old mark left on another sheet (the table was moved there since).
    mock.sheet("Other").cfs.push({ id: 77, address: "A9:C9", type: "Custom", formula: `=${highlightFormula("concentration")}`, fill: "#FFE699", priority: 1 });
    const removed = await clearHighlights(mock.context);
    expect(removed).toBe(3);
    expect(mock.sheet("Other").cfs.map((c) => c.id)).toEqual([903]);
    expect(mock.sheet("Trades").cfs.map((c) => c.id)).toEqual([901, 902]);
  });

  test("sync counts: highlight 2 whatever the row count; clear 3 (2 when there is nothing to remove)", async () => {
    const small = new ExcelModel(userWorkbook());
    await writeHighlights(small.context, review());
    expect(small.syncs).toBe(2);

    // 3,000 rows, every other one over budget: hundreds of areas, still two round trips.
    const many: Cell[][] = Array.from({ length: 3000 }, (_, i) => [`T${i % 40}`, "Put", "Sell", 50 + (i % 7), 1, null, "Open"]);
    const big = new ExcelModel(userWorkbook(many));
    const r = review(many, { accountValue: 1_000_000, cash: 0, vix: 18 });
    expect(r.overBudgetRows.length).toBeGreaterThan(2000);
    await writeHighlights(big.context, r);
    expect(big.syncs).toBe(2);
    expect(ours(big.sheet("Trades").cfs).length).toBeGreaterThan(0);

    const clearing = new ExcelModel(big.state);
    await clearHighlights(clearing.context);
    expect(clearing.syncs).toBe(3);
    expect(ours(big.sheet("Trades").cfs)).toHaveLength(0);
    const nothing = new ExcelModel(big.state);
    await clearHighlights(nothing.context);
    expect(nothing.syncs).toBe(2);
  });

  test("selectRow selects the row across the table's columns on the table's sheet in one sync", async () => {
    const mock = new ExcelModel(userWorkbook());
    mock.state.activeSheet = "Other";
    await selectTableRow(mock.context, review().source!, 5);
    expect(mock.state.selection).toEqual({ sheet: "Trades", address: "A5:G5" });
    expect(mock.state.activeSheet).toBe("Trades");
    expect(mock.syncs).toBe(1);
  });

  test("rangeColumns reads the first and last column of a table range", () => {
    expect(rangeColumns("B3:AA40")).toEqual({ first: "B", last: "AA" });
    expect(rangeColumns("$C$1")).toEqual({ first: "C", last: "C" });
    expect(() => rangeColumns("nonsense")).toThrow();
  });
});

describe("conditional formats in real Excel's ways of failing (office-js#5222, #6835), with the user's rules on the same cells", () => {
  const userRules = (mock: ExcelModel) => theirs(mock.sheet("Trades").cfs).map((c) => [c.id, c.address, c.formula, c.fill]);

  test("the normal path: highlight in 2 syncs, clear in 3, the user's overlapping rules kept with their formulas and fills", async () => {
    const mock = new ExcelModel(userWorkbook());
    const before = userRules(mock);
    await writeHighlights(mock.context, review());
    expect(mock.syncs).toBe(2);
    const at = mock.syncs;
    expect(await clearHighlights(mock.context)).toBe(2);
    expect(mock.syncs - at).toBe(3);
    expect(userRules(mock)).toEqual(before);
  });

  test("a delete that fails with ItemNotFound: highlight lists again, deletes the rest and adds the marks once", async () => {
    const mock = new ExcelModel(userWorkbook());
    const before = userRules(mock);
    await writeHighlights(mock.context, review());
    mock.cfQuirks.deleteThrows = 1;
    await writeHighlights(mock.context, review());
    expect(ours(mock.sheet("Trades").cfs).map((c) => c.address).sort()).toEqual(["A2:G2", "A5:G5"]);
    expect(userRules(mock)).toEqual(before);
  });

  test("a delete Excel reports done but does not do: the listing in the same batch catches the old mark and it goes", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeHighlights(mock.context, review());
    mock.cfQuirks.deleteIgnored = 1;
    await writeHighlights(mock.context, review());
    expect(ours(mock.sheet("Trades").cfs)).toHaveLength(2);
    expect(mock.cfQuirks.deleteIgnored).toBe(0);
  });

  test("clear survives both failures and leaves the workbook exactly as before the highlight", async () => {
    const mock = new ExcelModel(userWorkbook());
    const before = mock.snapshot();
    await writeHighlights(mock.context, review());
    mock.cfQuirks.deleteThrows = 1;
    mock.cfQuirks.deleteIgnored = 1;
    expect(await clearHighlights(mock.context)).toBe(2);
    expect(mock.snapshot()).toEqual({ ...(before as object), sheets: (mock.snapshot() as { sheets: unknown }).sheets });
    expect(ours(mock.sheet("Trades").cfs)).toHaveLength(0);
    expect(userRules(mock)).toEqual([
      [901, "A2:G5", "=$E2>3", "#C6EFCE"],
      [902, "D2:D5", ">50", "#FFEB9C"],
    ]);
  });

  test("when Excel keeps refusing, clear says so instead of claiming the marks are gone, and the user's rules stay", async () => {
    const mock = new ExcelModel(userWorkbook());
    await writeHighlights(mock.context, review());
    mock.cfQuirks.deleteIgnored = 100;
    await expect(clearHighlights(mock.context)).rejects.toThrow(/Excel did not delete 2 of Assignment Guard's highlight rules on 'Trades'; press Clear again/);
    expect(theirs(mock.sheet("Trades").cfs).map((c) => c.id)).toEqual([901, 902]);
  });
});

