import { Cell } from "../types";
import { squash } from "../cells";
import { isOptionText, moneyCents, trade, tradeDate, withCell } from "./common";
import { HistoryProfile, TradeEvent } from "./types";

/**
 * Robinhood account activity report (Account > Reports and statements > Reports): newest first,
 * one row per activity; options carry Trans Code STO / BTC / BTO / STC, OEXP (expired), OASGN
 * (assigned), OEXCS (exercised), and a description "QQQ 1/24/2026 Put $398.00". Amount is net of
 * fees, debits in parentheses. The file ends with a disclaimer line. Expirations and assignments
 * put a sentence before the description: "Option Expiration for PFE 11/13/2026 Put $25.00".
 */
const SENTENCE = /^\s*option\s+(?:expiration\s+for|assigned|assignment\s+for|exercised?(?:\s+for)?)\s+/i;
const bareDescription = (cell: Cell): Cell => (typeof cell === "string" ? cell.replace(SENTENCE, "") : cell);

const CODES: Record<string, TradeEvent> = {
  sto: "sto",
  bto: "bto",
  btc: "btc",
  stc: "stc",
  oexp: "expire",
  oasgn: "assign",
  oexcs: "exercise",
};

export const robinhood: HistoryProfile = {
  kind: "history",
  id: "robinhood",
  label: "Robinhood activity report",
  broker: "Robinhood",
  signature: ["Activity Date", "Trans Code"],
  columns: {
    date: ["Activity Date"],
    underlying: ["Instrument"],
    description: ["Description"],
    code: ["Trans Code"],
    quantity: ["Quantity"],
    amount: ["Amount"],
  },
  required: ["date", "description", "code", "quantity"],
  order: "newest-first",
  amountIncludesFees: true,
  read(r) {
    const event = CODES[squash(r.cell("code"))];
    if (event === undefined) {
      // A stock, cash or unknown code: an option description under an unknown code is an error, never skipped.
      return isOptionText(r.cell("description")) && r.text("code") !== ""
        ? { kind: "error", problems: [r.problem("code", `Trans Code '${r.text("code")}' on an option row is not one this reader knows`)] }
        : { kind: "skip" };
    }
    return trade(withCell(r, "description", bareDescription), event, ["description"], { date: tradeDate(r.cell("date")), cents: moneyCents(r.cell("amount")) });
  },
};
