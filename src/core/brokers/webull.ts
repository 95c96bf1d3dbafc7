import { squash } from "../cells";
import { contracts, moneyCents, trade } from "./common";
import { readTradeDate } from "./notation";
import { HistoryProfile } from "./types";

/**
 * Webull options order records (Orders > Options > Export): an order list, newest first, with
 * Side Buy/Sell and no open/close words: a sell adds to the short contracts, a buy closes them
 * first (RULES.md). Only filled orders are trades; Cancelled, Rejected, Failed or a Filled count
 * of 0 are none. No fees are given: the ledger is Avg Price x Filled x 100, signed by side.
 */
export const webullOrders: HistoryProfile = {
  kind: "history",
  id: "webull-orders",
  label: "Webull order records",
  broker: "Webull",
  signature: ["Name", "Symbol", "Side", "Status", "Filled", "Total Qty", "Avg Price", "Filled Time"],
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
    const option = trade(r, "sell", ["symbol", "name"], { quantityRole: "filled", date: null, cents: null });
    const isOption = option.kind === "trade" || /\d{6}[CP]\d/i.test(r.text("symbol")) || /\b(put|call)\b/i.test(r.text("name"));
    if (!isOption) return { kind: "skip" };
    if (status !== "filled" && status !== "partiallyfilled") return { kind: "skip" };
    if (contracts(r.cell("filled")) === null && /^0*$/.test(r.text("filled"))) return { kind: "skip" };
    const side = squash(r.cell("side"));
    if (side !== "buy" && side !== "sell") return { kind: "error", problems: [r.problem("side", `'${r.text("side")}' is not Buy or Sell`)] };
    const price = moneyCents(r.text("price").replace(/^@/, ""));
    const filled = contracts(r.cell("filled"));
    const cents = price === null || filled === null ? null : (side === "sell" ? 1 : -1) * price * filled * 100;
    return trade(r, side, ["symbol", "name"], { quantityRole: "filled", date: readTradeDate(r.cell("date")) ?? readTradeDate(r.cell("placed")), cents });
  },
};
