import { Cell } from "../../src/core";
import { detectTable, isHeaderRow, isTotalRow } from "../../src/core/detect";

describe("detecting a header row in a plain sheet", () => {
  const grid: Cell[][] = [
    ["My put log", null, null, null],
    ["updated Fridays", null, null, null],
    [null, null, null, null],
    ["Stock", "Strike", "Contracts", "Status"],
    ["KO", 60, 1, "open"],
    [null, null, null, null],
    ["PFE", 25, 4, "open"],
    ["Total", null, 5, null],
    ["KO", 99, 9, "after the total: not a position"],
  ];

  test("skips title rows above, keeps blank rows inside, stops at the total row", () => {
    expect(detectTable(grid)).toEqual({ headerIndex: 3, firstColumn: 0, lastColumn: 3, lastRow: 6 });
  });

  test("a header needs a quantity and a strike or a symbol, like the rules", () => {
    expect(isHeaderRow(["Stock", "Strike", "Contracts"])).toBe(true);
    expect(isHeaderRow(["Symbol", "Quantity"])).toBe(true);
    expect(isHeaderRow(["Name", "Price"])).toBe(false);
    expect(isHeaderRow(["My put log"])).toBe(false);
    expect(isHeaderRow(["KO", 60, 1])).toBe(false);
  });

  test("total rows: Total, Totals, Grand total, Sum", () => {
    for (const t of ["Total", "TOTALS", "Grand Total", "Subtotal", "Sum"]) expect(isTotalRow([null, t, 5])).toBe(true);
    expect(isTotalRow(["KO", 60])).toBe(false);
    expect(isTotalRow(["Totally normal ticker"])).toBe(false);
  });

  test("a header block ends at a gap of two blank cells; a note beside the table is not a column", () => {
    const g: Cell[][] = [[null, "Ticker", "Strike", "Qty", null, null, "note"], [null, "KO", 60, 1, null, null, null]];
    expect(detectTable(g)).toEqual({ headerIndex: 0, firstColumn: 1, lastColumn: 3, lastRow: 1 });
  });

  test("no header row: null", () => {
    expect(detectTable([["Shopping list"], ["milk"]])).toBeNull();
  });
});
