import { contracts, moneyCents, trade, tradeDate } from "./common";
import { HistoryProfile, TradeEvent } from "./types";

/**
 * Fidelity account history (Accounts_History.csv: Activity & Orders > History > Download): a
 * sentence for an action ("YOU SOLD OPENING TRANSACTION PUT (MU) ..."), the option in Fidelity's
 * own symbol (" -MU250926P150"), a signed Quantity and an Amount ($) net of commission and fees.
 * Blank lines above the header and a disclaimer below it.
 */
const PHRASES: [RegExp, TradeEvent][] = [
  [/\bSOLD OPENING TRANSACTION\b/i, "sto"],
  [/\bBOUGHT OPENING TRANSACTION\b/i, "bto"],
  [/\bBOUGHT CLOSING TRANSACTION\b/i, "btc"],
  [/\bSOLD CLOSING TRANSACTION\b/i, "stc"],
  [/^\s*EXPIRED\b|\bPUT EXPIRED\b|\bCALL EXPIRED\b/i, "expire"],
  [/^\s*ASSIGNED\b/i, "assign"],
  [/^\s*EXERCISED\b/i, "exercise"],
];

export const fidelityHistory: HistoryProfile = {
  kind: "history",
  id: "fidelity-history",
  label: "Fidelity account history",
  broker: "Fidelity",
  signature: ["Run Date", "Action"],
  columns: {
    date: ["Run Date"],
    action: ["Action"],
    symbol: ["Symbol"],
    description: ["Description", "Security Description"],
    quantity: ["Quantity"],
    amount: ["Amount ($)", "Amount"],
  },
  required: ["date", "action", "symbol", "quantity"],
  order: "newest-first",
  amountIncludesFees: true,
  read(r) {
    const action = r.text("action");
    const found = PHRASES.find(([re]) => re.test(action));
    if (!found) {
      return /\b(PUT|CALL)\b/i.test(action) && /OPENING|CLOSING|EXPIRED|ASSIGNED|EXERCISED/i.test(action)
        ? { kind: "error", problems: [r.problem("action", `'${action}' is not an option action this reader knows`)] }
        : { kind: "skip" };
    }
    const event = found[1];
    const date = tradeDate(r.cell("date"));
    // Fidelity leaves Quantity blank (or 0) on an expiration or assignment: it ends the whole position.
    if (contracts(r.cell("quantity")) === null && /^0*(\.0*)?$/.test(r.text("quantity")) && (event === "expire" || event === "assign" || event === "exercise")) {
      const t = trade(r, event, ["symbol", "description", "action"], { quantityRole: "one", date, cents: moneyCents(r.cell("amount")) });
      return t.kind === "trade" ? { ...t, quantity: 0, wholePosition: true } : t;
    }
    return trade(r, event, ["symbol", "description", "action"], { date, cents: moneyCents(r.cell("amount")) });
  },
};
