import { squash } from "../cells";
import { isOptionText, moneyCents, trade, tradeDate } from "./common";
import { HistoryProfile, TradeEvent } from "./types";

/**
 * E*TRADE transaction history download (Accounts > Transactions > Download): "For Account:"
 * lines above the header; SecurityType OPTN for options, whose Symbol is written
 * "COF Mar 21 '25 $210 Call"; TransactionType "Sold Short" (sell to open), "Bought To Cover",
 * "Bought To Open", "Sold To Close", "Option Expired", "Option Assigned", "Option Exercised".
 * Amount is net of Commission.
 */
const TYPES: Record<string, TradeEvent> = {
  soldshort: "sto",
  selltoopen: "sto",
  soldtoopen: "sto",
  boughttoopen: "bto",
  buytoopen: "bto",
  boughttocover: "btc",
  buytoclose: "btc",
  boughttoclose: "btc",
  soldtoclose: "stc",
  selltoclose: "stc",
  optionexpired: "expire",
  expired: "expire",
  optionassigned: "assign",
  assigned: "assign",
  optionexercised: "exercise",
  exercised: "exercise",
};

export const etradeTransactions: HistoryProfile = {
  kind: "history",
  id: "etrade-transactions",
  label: "E*TRADE transaction history",
  broker: "E*TRADE",
  signature: ["TransactionDate", "TransactionType", "SecurityType"],
  columns: {
    date: ["TransactionDate"],
    type: ["TransactionType"],
    security: ["SecurityType"],
    symbol: ["Symbol"],
    quantity: ["Quantity"],
    amount: ["Amount"],
    description: ["Description"],
  },
  required: ["date", "type", "symbol", "quantity"],
  order: "newest-first",
  amountIncludesFees: true,
  read(r) {
    const option = squash(r.cell("security")) === "optn" || isOptionText(r.cell("symbol"));
    if (!option) return { kind: "skip" };
    const event = TYPES[squash(r.cell("type"))];
    if (event === undefined) return { kind: "error", problems: [r.problem("type", `'${r.text("type")}' is not an option transaction this reader knows`)] };
    return trade(r, event, ["symbol", "description"], { date: tradeDate(r.cell("date")), cents: moneyCents(r.cell("amount")) });
  },
};
