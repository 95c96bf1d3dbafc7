import { Cell, TableData } from "../types";
import { cellText, isBlank, squash } from "../cells";
import { findColumn, hasHeaders, moneyCents, positionTable, trade, tradeDate } from "./common";
import { parseOptionSymbol } from "../options";
import { HistoryProfile, SheetProfile, TradeEvent } from "./types";

/**
 * thinkorswim (TD Ameritrade, now Schwab). The position statement (Monitor > Activity and
 * Positions > Position Statement > Export to File) groups options under a row naming their
 * underlying ("SPX", then "100 (Weeklys) 31 MAY 22 4650 PUT"); the account statement
 * (Monitor > Account Statement > Export) is a file of sections whose "Account Trade History"
 * lists fills with Side, Qty and Pos Effect (TO OPEN / TO CLOSE).
 */
const POSITION_HEADER = ["Instrument", "Qty", "Trade Price", "Mark"];

export const thinkorswimPositions: SheetProfile = {
  id: "thinkorswim-positions",
  label: "thinkorswim position statement",
  broker: "thinkorswim",
  claims: (top) => top.some((r) => hasHeaders(r, POSITION_HEADER)),
  extract(grid, sheet) {
    const headerAt = grid.findIndex((r) => hasHeaders(r, POSITION_HEADER));
    const qty = findColumn(grid[headerAt], ["Qty"]);
    const instrument = findColumn(grid[headerAt], ["Instrument"]);
    const rows: number[] = [];
    const groupOf = new Map<number, string | null>();
    let group: string | null = null;
    for (let i = headerAt + 1; i < grid.length; i++) {
      const r = grid[i] ?? [];
      if (r.every(isBlank)) break; // the account summary below the positions starts after a blank line
      const name = r[instrument];
      // A group row names the underlying: a ticker with no quantity (or a future's root such as /MES).
      if (typeof name === "string" && /^\/?[A-Z][A-Z0-9./]{0,9}$/.test(name.trim()) && (isBlank(r[qty] ?? null) || name.trim().startsWith("/"))) {
        group = name.trim();
        if (isBlank(r[qty] ?? null)) continue;
      }
      groupOf.set(i, parseOptionSymbol(name) ? group : null);
      rows.push(i);
    }
    return positionTable(grid, headerAt, rows, sheet, { groupOf: (i) => groupOf.get(i) ?? null });
  },
};

const TRADE_HEADER = ["Exec Time", "Spread", "Side", "Qty", "Pos Effect", "Symbol", "Exp", "Strike", "Type"];

export const thinkorswimStatement: SheetProfile = {
  id: "thinkorswim-account-statement",
  label: "thinkorswim account statement",
  broker: "thinkorswim",
  claims: (top) => top.some((r) => /^account statement\b/.test(cellText(r[0] ?? null))) || top.some((r) => hasHeaders(r, TRADE_HEADER)),
  extract(grid, sheet): TableData | { error: string } {
    const headerAt = grid.findIndex((r) => hasHeaders(r, TRADE_HEADER));
    if (headerAt < 0) return { error: "a thinkorswim account statement without an 'Account Trade History' section (export it with the trade history shown)" };
    const rows: Cell[][] = [];
    const rowNumbers: number[] = [];
    for (let i = headerAt + 1; i < grid.length && !(grid[i] ?? []).every(isBlank); i++) {
      rows.push([...grid[i]]);
      rowNumbers.push(i + 1);
    }
    return { header: [...grid[headerAt]], rows, headerRow: headerAt + 1, firstColumn: 1, rowNumbers, source: { sheet, name: null, range: "" } };
  },
};

const EFFECT: Record<string, Record<string, TradeEvent>> = {
  sell: { toopen: "sto", toclose: "stc" },
  buy: { toopen: "bto", toclose: "btc" },
};

/** The Account Trade History section: legs of a spread follow their order's first row with a blank Exec Time. */
export const thinkorswimTrades: HistoryProfile = {
  kind: "history",
  id: "thinkorswim-trades",
  label: "thinkorswim account trade history",
  broker: "thinkorswim",
  signature: ["Exec Time", "Spread", "Pos Effect"],
  columns: {
    date: ["Exec Time"],
    side: ["Side"],
    quantity: ["Qty"],
    effect: ["Pos Effect"],
    underlying: ["Symbol"],
    expiration: ["Exp"],
    strike: ["Strike"],
    right: ["Type"],
    price: ["Price"],
  },
  required: ["side", "quantity", "effect", "underlying", "strike", "right"],
  // Real statements list the newest fill first.
  order: "newest-first",
  amountIncludesFees: false,
  legsInheritDate: true,
  read(r) {
    const d = tradeDate(r.cell("date"));
    const right = squash(r.cell("right"));
    if (right !== "put" && right !== "call") return { kind: "skip" };
    const event = EFFECT[squash(r.cell("side"))]?.[squash(r.cell("effect"))];
    if (event === undefined) return { kind: "error", problems: [r.problem("effect", `'${r.text("side")} ${r.text("effect")}' is not BUY/SELL TO OPEN/TO CLOSE`)] };
    const price = moneyCents(r.cell("price"));
    const qty = Math.abs(Number(r.text("quantity").replace(/^\+/, "")));
    const cents = price === null || !Number.isFinite(qty) ? null : (event === "sto" || event === "stc" ? 1 : -1) * price * qty * 100;
    return trade(r, event, ["underlying"], { date: d, cents });
  },
};
