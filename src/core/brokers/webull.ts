import { squash } from "../cells";
import { contracts, moneyCents, trade, tradeDate } from "./common";
import { HistoryProfile } from "./types";

/**
 * Webull options order records (Orders > Options > Export): an order list, newest first, with
 * Side Buy/Sell and no open/close words: a sell adds to the short contracts, a buy closes them
 * first (RULES.md). Only what filled is a trade: Cancelled, Rejected or Failed orders with a
 * Filled count of 0 are none; an order cancelled after part of it filled trades that part. No fees are given: the ledger is Avg Price x Filled x 100, signed by side.
 */
export const webullOrders: HistoryProfile = {
  kind: "history",
  id: "webull-orders",
  label: "Webull order records",
  broker: "Webull",
  signature: ["Name", "Side", "Status", "Filled", "Total Qty"],
  columns: {
    name: ["Name"],
    symbol: ["Symbol"],
    side: ["Side"],
    status: ["Status"],
    filled: ["Filled"],
    total: ["Total Qty"],
    price: ["Avg Price"],
    date: ["Filled Time"],
    placed: ["Placed Time"],
  },
  required: ["symbol", "side", "status", "filled"],
  order: "newest-first",
  amountIncludesFees: false,
  read(r) {
    const status = squash(r.cell("status"));
    const looksOption = /\d{6}[CP]\d/i.test(r.text("symbol")) || /\b(put|call)\b/i.test(r.text("symbol")) || /\b(put|call)\b/i.test(r.text("name"));
    if (!looksOption) return { kind: "skip" };
    // What filled is the trade: an order that filled nothing (Cancelled, Rejected, Failed, Filled 0) is
    // none, and one cancelled after part of it filled is a trade of the part that filled.
    const filled = contracts(r.cell("filled"));
    if (filled === null && (/^0*(\.0*)?$/.test(r.text("filled")) || status !== "filled")) return { kind: "skip" };
    const side = squash(r.cell("side"));
    if (side !== "buy" && side !== "sell") return { kind: "error", problems: [r.problem("side", `'${r.text("side")}' is not Buy or Sell`)] };
    const price = moneyCents(r.text("price").replace(/^@/, ""));
    const cents = price === null || filled === null ? null : (side === "sell" ? 1 : -1) * price * filled * 100;
    return trade(r, side, ["symbol", "name"], { quantityRole: "filled", date: tradeDate(r.cell("date")) ?? tradeDate(r.cell("placed")), cents });
  },
};
