import { Cell, TableData } from "../types";
import { cellText, squash } from "../cells";
import { findColumn, moneyCents, sign, sumCents, trade, positionTable, tradeDate } from "./common";
import { HistoryProfile, SheetProfile, TradeEvent, TradeReading, RowReader } from "./types";

/**
 * Interactive Brokers. Three files: the Flex Query "Open Positions" (one header row with
 * UnderlyingSymbol, Put/Call, Strike, Expiry, Position: the generic reader reads it as it is),
 * the Flex Query "Trades" (a history: Buy/Sell, Open/CloseIndicator, Notes/Codes), and the default
 * Activity Statement, a CSV of sections where every line starts with the section name and
 * Header / Data / SubTotal / Total.
 */

/** Open and close from IBKR's codes: O opens, C closes; A, Ep and Ex close by assignment, expiry, exercise. */
function eventOf(codes: string, quantitySign: number): TradeEvent | undefined {
  const set = new Set(codes.split(/[;,\s]+/).map((c) => c.trim().toUpperCase()).filter(Boolean));
  if (quantitySign === 0) return undefined;
  if (set.has("O") && !set.has("C")) return quantitySign < 0 ? "sto" : "bto";
  if (set.has("C")) return quantitySign < 0 ? "stc" : "btc";
  return undefined;
}

export const ibkrFlexTrades: HistoryProfile = {
  kind: "history",
  id: "ibkr-flex-trades",
  label: "IBKR Flex Query trades",
  broker: "Interactive Brokers",
  signature: ["AssetClass", "Open/CloseIndicator"],
  columns: {
    asset: ["AssetClass"],
    symbol: ["Symbol"],
    description: ["Description"],
    underlying: ["UnderlyingSymbol"],
    strike: ["Strike"],
    expiration: ["Expiry"],
    right: ["Put/Call"],
    multiplier: ["Multiplier"],
    quantity: ["Quantity"],
    side: ["Buy/Sell"],
    openClose: ["Open/CloseIndicator"],
    codes: ["Notes/Codes", "Code"],
    date: ["TradeDate", "DateTime", "Date/Time"],
    netCash: ["NetCash"],
    proceeds: ["Proceeds"],
    commission: ["IBCommission"],
    detail: ["LevelOfDetail"],
  },
  required: ["asset", "quantity", "openClose"],
  order: "oldest-first",
  amountIncludesFees: true,
  read(r) {
    if (squash(r.cell("asset")) !== "opt" && squash(r.cell("asset")) !== "fop") return { kind: "skip" };
    // Closed lots repeat a closing trade lot by lot; an ORDER row sums its EXECUTION rows.
    const detail = squash(r.cell("detail"));
    if (detail === "closedlot" || detail === "execution") return { kind: "skip" };
    const q = sign(r.cell("quantity"));
    const side = squash(r.cell("side"));
    const s = side === "sell" ? -1 : side === "buy" ? 1 : q;
    const event = eventOf(r.text("openClose"), s);
    if (event === undefined) return { kind: "error", problems: [r.problem("openClose", `'${r.text("openClose")}' is neither O nor C`)] };
    const cents = r.has("netCash") ? moneyCents(r.cell("netCash")) : sumCents(r, ["proceeds", "commission"]);
    return trade(r, event, ["symbol", "description"], { date: tradeDate(r.cell("date")), cents });
  },
};

/** The Trades section of an Activity Statement, as the statement profile hands it over (section columns stripped). */
export const ibkrStatementTrades: HistoryProfile = {
  kind: "history",
  id: "ibkr-statement-trades",
  label: "IBKR Activity Statement trades",
  broker: "Interactive Brokers",
  signature: ["DataDiscriminator", "Asset Category", "Date/Time"],
  columns: {
    discriminator: ["DataDiscriminator"],
    asset: ["Asset Category"],
    symbol: ["Symbol"],
    date: ["Date/Time"],
    quantity: ["Quantity"],
    proceeds: ["Proceeds"],
    commission: ["Comm/Fee", "Comm in USD"],
    codes: ["Code"],
  },
  required: ["discriminator", "asset", "symbol", "quantity", "codes"],
  order: "oldest-first",
  amountIncludesFees: false,
  read(r: RowReader): TradeReading {
    if (!/option/i.test(r.text("asset"))) return { kind: "skip" };
    // Trade rows are the executions of the Order row above them; ClosedLot rows say which lots a close took.
    if (squash(r.cell("discriminator")) !== "order") return { kind: "skip" };
    const event = eventOf(r.text("codes"), sign(r.cell("quantity")));
    if (event === undefined) return { kind: "error", problems: [r.problem("codes", `Code '${r.text("codes")}' says neither O (open) nor C (close)`)] };
    return trade(r, event, ["symbol"], { date: tradeDate(r.cell("date")), cents: sumCents(r, ["proceeds", "commission"]) });
  },
};

const isStatementRow = (row: readonly Cell[]) => {
  const kind = cellText(row[1] ?? null);
  return typeof row[0] === "string" && row[0].trim() !== "" && (kind === "header" || kind === "data");
};

/** The Activity Statement: its Open Positions section when it has one (the broker's own list), else its Trades sections as a history. */
export const ibkrActivityStatement: SheetProfile = {
  id: "ibkr-activity-statement",
  label: "IBKR Activity Statement",
  broker: "Interactive Brokers",
  claims(top) {
    const first = top.find((r) => r.some((c) => c !== null && String(c).trim() !== ""));
    if (!first || !isStatementRow(first)) return false;
    const name = cellText(first[0]).replace(/^\ufeff/, "");
    return name === "statement" || top.some((r) => ["open positions", "trades"].includes(cellText(r[0] ?? null)) && cellText(r[1] ?? null) === "header");
  },
  extract(grid, sheet) {
    const section = (name: string) => grid.map((r, i) => ({ r, i })).filter(({ r }) => cellText(r[0] ?? null) === name);
    const positions = section("open positions");
    if (positions.some(({ r }) => cellText(r[1] ?? null) === "header")) return openPositions(grid, positions, sheet);
    const trades = section("trades");
    if (trades.some(({ r }) => cellText(r[1] ?? null) === "header")) return tradesTable(trades, sheet);
    return { error: "an IBKR Activity Statement with neither an Open Positions nor a Trades section" };
  },
};

function openPositions(grid: readonly (readonly Cell[])[], lines: { r: readonly Cell[]; i: number }[], sheet: string): TableData {
  const headerAt = lines.find(({ r }) => cellText(r[1] ?? null) === "header")!.i;
  // Total and SubTotal lines add the Data lines up; Lot lines detail the Summary line above them,
  // which the core leaves out as detail rows once it knows DataDiscriminator is the level of detail.
  const rows = lines.filter(({ r, i }) => i > headerAt && cellText(r[1] ?? null) === "data").map(({ i }) => i);
  const hasDiscriminator = findColumn(grid[headerAt].slice(2), ["DataDiscriminator"]) >= 0;
  return positionTable(grid, headerAt, rows, sheet, hasDiscriminator ? { hints: { levelOfDetail: "DataDiscriminator" } } : {}, 3);
}

/** Every Trades section as one table under the first section header; later headers' columns are placed by name. */
function tradesTable(lines: { r: readonly Cell[]; i: number }[], sheet: string): TableData {
  const header: Cell[] = [];
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  let place: number[] = [];
  for (const { r, i } of lines) {
    const kind = cellText(r[1] ?? null);
    const cells = r.slice(2);
    if (kind === "header") {
      place = cells.map((name) => {
        let at = header.findIndex((h) => cellText(h) === cellText(name));
        if (at < 0) at = header.push(name) - 1;
        return at;
      });
    } else if (kind === "data") {
      const row: Cell[] = new Array(header.length).fill(null);
      cells.forEach((c, k) => {
        if (place[k] !== undefined) row[place[k]] = c;
      });
      rows.push(row);
      rowNumbers.push(i + 1);
    }
  }
  for (const row of rows) while (row.length < header.length) row.push(null);
  return { header, rows, headerRow: lines[0].i + 1, firstColumn: 3, rowNumbers, source: { sheet, name: null, range: "" } };
}
