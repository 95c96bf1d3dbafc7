import { squash } from "../cells";
import { isOptionText, moneyCents, trade, tradeDate } from "./common";
import { HistoryProfile, TradeEvent } from "./types";

/**
 * Charles Schwab transaction history (Accounts > History > Export; also former TD Ameritrade
 * accounts moved to Schwab): newest first; Action "Sell to Open", "Buy to Close", "Expired",
 * "Assigned", "Exchange or Exercise"; Symbol "KO 11/15/2024 66.00 P"; Amount net of "Fees & Comm".
 * Older files start with a title line and end with "Transactions Total".
 */
const ACTIONS: Record<string, TradeEvent> = {
  selltoopen: "sto",
  buytoopen: "bto",
  buytoclose: "btc",
  selltoclose: "stc",
  expired: "expire",
  assigned: "assign",
  exchangeorexercise: "exercise",
  exercise: "exercise",
};

export const schwabTransactions: HistoryProfile = {
  kind: "history",
  id: "schwab-transactions",
  label: "Schwab transaction history",
  broker: "Charles Schwab",
  signature: ["Date", "Action", "Symbol", "Fees & Comm"],
  columns: {
    date: ["Date"],
    action: ["Action"],
    symbol: ["Symbol"],
    description: ["Description"],
    quantity: ["Quantity"],
    amount: ["Amount"],
  },
  required: ["date", "action", "symbol", "quantity"],
  order: "newest-first",
  amountIncludesFees: true,
  read(r) {
    const event = ACTIONS[squash(r.cell("action"))];
    if (event === undefined) {
      return isOptionText(r.cell("symbol")) && /open|close|expir|assign|exercis/i.test(r.text("action"))
        ? { kind: "error", problems: [r.problem("action", `'${r.text("action")}' is not an option action this reader knows`)] }
        : { kind: "skip" };
    }
    return trade(r, event, ["symbol", "description"], { date: tradeDate(r.cell("date")), cents: moneyCents(r.cell("amount")) });
  },
};
