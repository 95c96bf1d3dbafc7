import { Cell } from "../types";
import { isBlank } from "../cells";
import { hasHeaders, positionTable } from "./common";
import { SheetProfile } from "./types";

/**
 * Position exports below title lines: each profile recognises its format by the header row and
 * hands the core that row and every filled row under it; the core reads the broker's option
 * notation, asset class and summary rows (Account Total, Cash & Cash Investments) like any list.
 */

/** Rows from the header row down to the last non-blank row. */
function bodyRows(grid: readonly (readonly Cell[])[], headerAt: number): number[] {
  const rows: number[] = [];
  for (let i = headerAt + 1; i < grid.length; i++) if (!(grid[i] ?? []).every(isBlank)) rows.push(i);
  return rows;
}

function headerProfile(id: string, label: string, broker: string, signature: readonly string[]): SheetProfile {
  return {
    id,
    label,
    broker,
    claims: (top) => top.some((r) => hasHeaders(r, signature)),
    extract(grid, sheet) {
      const at = grid.findIndex((r) => hasHeaders(r, signature));
      return positionTable(grid, at, bodyRows(grid, at), sheet);
    },
  };
}

/**
 * Schwab positions (Accounts > Positions > Export): a title line "Positions for account ... as of
 * ...", then "Symbol","Description","Qty (Quantity)",... ("Quantity" before 2023), options written
 * "PANW 09/11/2026 327.50 P" with a negative quantity when short, and the rows
 * "Cash & Cash Investments" and "Account Total".
 */
export const schwabPositions = headerProfile(
  "schwab-positions",
  "Schwab positions export",
  "Charles Schwab",
  ["Symbol", "Description", "Price", "Mkt Val (Market Value)"]
);

/** The same export before 2023: "Quantity", "Market Value", "Security Type". */
export const schwabPositionsOld = headerProfile(
  "schwab-positions-2021",
  "Schwab positions export",
  "Charles Schwab",
  ["Symbol", "Description", "Quantity", "Price", "Market Value", "Security Type"]
);

/**
 * Fidelity positions (Portfolio_Positions_*.csv: Positions > Download): one row per holding and
 * account, options written " -KO260618P60" with a negative Quantity when short; the Type column
 * says Cash or Margin (the account type, not the option's), and a disclaimer follows the rows.
 */
export const fidelityPositions = headerProfile(
  "fidelity-positions",
  "Fidelity positions export",
  "Fidelity",
  ["Account Number", "Account Name", "Symbol", "Description", "Quantity", "Last Price"]
);

/**
 * E*TRADE PortfolioDownload.csv (Portfolios > Download): account lines above, then
 * "Symbol,Last Price $,Change $,Change %,Quantity,Price Paid $,..." ("Qty #" in some versions) with options written "KO Oct 16 '26 $60 Put", and CASH and
 * TOTAL rows below.
 */
export const etradePortfolio = headerProfile(
  "etrade-portfolio",
  "E*TRADE portfolio download",
  "E*TRADE",
  ["Symbol", "Last Price $", "Price Paid $"]
);
