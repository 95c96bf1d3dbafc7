import { Cell, TableData } from "../types";
import { SheetClaimer, describePlace, formatArea } from "../find";
import { hasHeaders } from "./common";
import { HistoryProfile, SheetProfile } from "./types";
import { tastytrade, tastyworksLegacy } from "./tastytrade";
import { robinhood } from "./robinhood";
import { schwabTransactions } from "./schwab";
import { fidelityHistory } from "./fidelity";
import { etradeTransactions } from "./etrade";
import { webullOrders } from "./webull";
import { ibkrActivityStatement, ibkrFlexTrades, ibkrStatementTrades } from "./ibkr";
import { thinkorswimPositions, thinkorswimStatement, thinkorswimTrades } from "./thinkorswim";
import { etradePortfolio, fidelityPositions, schwabPositions, schwabPositionsOld } from "./positions";

/**
 * Every broker format in one list. Adding a broker is one profile here, one fixture and one
 * expected file (tests/fixtures/real/brokers/).
 */
export const HISTORY_PROFILES: readonly HistoryProfile[] = [
  tastytrade,
  tastyworksLegacy,
  robinhood,
  schwabTransactions,
  fidelityHistory,
  etradeTransactions,
  webullOrders,
  ibkrFlexTrades,
  ibkrStatementTrades,
  thinkorswimTrades,
];

/** Formats read from the whole sheet: sections, group rows, or an option notation the generic reader does not read. */
export const SHEET_PROFILES: readonly SheetProfile[] = [
  ibkrActivityStatement,
  thinkorswimStatement,
  thinkorswimPositions,
  schwabPositions,
  schwabPositionsOld,
  fidelityPositions,
  etradePortfolio,
];

/** The history format whose signature a header row carries, if any. */
export function historyProfileFor(header: readonly Cell[]): HistoryProfile | null {
  return HISTORY_PROFILES.find((p) => hasHeaders(header, p.signature)) ?? null;
}

/** A history whose header row is not the first row (title lines above it) is claimed so it is found at all. */
function historyClaimer(p: HistoryProfile): SheetProfile {
  return {
    id: p.id,
    label: p.label,
    broker: p.broker,
    claims: (top) => top.some((r) => hasHeaders(r, p.signature)),
    extract(grid, sheet) {
      const at = grid.findIndex((r) => hasHeaders(r, p.signature));
      const header = [...grid[at]];
      const rows = grid.slice(at + 1).map((r) => [...r]);
      while (rows.length > 0 && rows[rows.length - 1].every((c) => c === null || String(c).trim() === "")) rows.pop();
      return { header, rows, headerRow: at + 1, firstColumn: 1, source: { sheet, name: null, range: "" } };
    },
  };
}

/** Every format recognised from a sheet's top rows, sheet formats first. */
export const ALL_SHEET_PROFILES: readonly SheetProfile[] = [...SHEET_PROFILES, ...HISTORY_PROFILES.filter((p) => p.id !== "ibkr-statement-trades" && p.id !== "thinkorswim-trades").map(historyClaimer)];

/** The claimers find.ts consults before looking for a plain header row. */
export const BROKER_CLAIMERS: readonly SheetClaimer[] = ALL_SHEET_PROFILES.map((p) => ({ id: p.id, label: p.label, claims: (top) => p.claims(top) }));

export function sheetProfile(id: string): SheetProfile | undefined {
  return ALL_SHEET_PROFILES.find((p) => p.id === id);
}


/**
 * The table of a sheet a broker format claimed (findPositions' "claimed" place), from the sheet's
 * whole grid: what every host does with such a place.
 */
export function claimedTable(
  place: { sheet: string; claimer: SheetClaimer },
  grid: readonly (readonly Cell[])[],
): { ok: true; table: TableData } | { ok: false; message: string } {
  const profile = sheetProfile(place.claimer.id);
  if (!profile) return { ok: false, message: `sheet '${place.sheet}' looks like ${place.claimer.label}, which has no reader` };
  const table = profile.extract(grid, place.sheet);
  if ("error" in table) return { ok: false, message: `sheet '${place.sheet}' looks like ${profile.label}, but ${table.error}` };
  const lastRow = table.rowNumbers?.length ? table.rowNumbers[table.rowNumbers.length - 1] : table.headerRow + table.rows.length;
  const width = Math.max(table.header.length, ...table.rows.map((r) => r.length), 1);
  const range = formatArea({ top: table.headerRow, left: table.firstColumn, bottom: Math.max(lastRow, table.headerRow), right: table.firstColumn + width - 1 });
  table.source = { sheet: place.sheet, name: null, range, found: describePlace({ kind: "claimed", sheet: place.sheet, claimer: place.claimer, how: "claimed" }, range) };
  return { ok: true, table };
}
