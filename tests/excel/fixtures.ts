import { buildReview, Cell, Review, TableData } from "../../src/core";
import { WORKED_AS_OF, WORKED_BODY, WORKED_HEADER } from "../helpers/worked-example";
import { CellState, WorkbookState, workbook } from "../helpers/excel-model";

/** RULES.md's worked example as the user's own sheet "Trades", A1:G5, with their formatting. */
export const HEADER: Cell[] = WORKED_HEADER;
export const BODY: Cell[][] = WORKED_BODY;
export const AS_OF = WORKED_AS_OF;

export function tableData(rows: Cell[][] = BODY, sheet = "Trades"): TableData {
  return {
    header: HEADER,
    rows,
    headerRow: 1,
    firstColumn: 1,
    source: { sheet, name: "Positions", range: `A1:G${rows.length + 1}` },
  };
}

export function review(rows: Cell[][] = BODY, inputs = { accountValue: 100000, cash: 40000, vix: 18 }, sheet = "Trades"): Review {
  return buildReview({ table: tableData(rows, sheet), inputs, asOf: AS_OF });
}

const letters = "ABCDEFG";

/** The user's sheet: values plus their own fills, fonts, borders and number formats on every cell. */
export function userWorkbook(rows: Cell[][] = BODY): WorkbookState {
  const cells: Record<string, Partial<CellState>> = {};
  [HEADER, ...rows].forEach((row, r) =>
    row.forEach((v, c) => {
      cells[`${letters[c]}${r + 1}`] = {
        value: v === null ? "" : v,
        fill: r === 0 ? "#1F4E78" : r % 2 ? "#DDEBF7" : null,
        fontColor: r === 0 ? "#FFFFFF" : "#000000",
        bold: r === 0,
        italic: c === 6,
        borders: "thin #8EA9DB",
        numberFormat: c === 3 ? "$#,##0.00" : c === 5 ? "yyyy-mm-dd" : "General",
      };
    }),
  );
  cells["J1"] = { value: "notes", italic: true };
  const wb = workbook({ sheets: { Trades: cells, Other: { A1: { value: "x" } } } });
  const trades = wb.sheets[0];
  // The user's own conditional formats: one custom, one cell-value rule.
  trades.cfs.push(
    { id: 901, address: `A2:G${rows.length + 1}`, type: "Custom", formula: "=$E2>3", fill: "#C6EFCE", priority: 0 },
    { id: 902, address: `D2:D${rows.length + 1}`, type: "CellValue", formula: ">50", fill: "#FFEB9C", priority: 1 },
  );
  wb.sheets[1].cfs.push({ id: 903, address: "A1:A1", type: "Custom", formula: '=N("not ours")=0', fill: "#000000", priority: 0 });
  return wb;
}
