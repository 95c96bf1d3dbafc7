import { squash } from "../cells";
import { sumCents, trade, tradeDate } from "./common";
import { HistoryProfile, TradeEvent } from "./types";

/**
 * tastytrade transaction history (History > Transactions > CSV), the format since 2023: one row
 * per transaction, newest first; Action SELL_TO_OPEN / BUY_TO_CLOSE ...; expirations, assignments
 * and exercises are "Receive Deliver" rows whose Sub Type says which (Action may be blank).
 * Value is the premium (credit +); Commissions and Fees are separate negative numbers ("--" for none).
 */
const ACTIONS: Record<string, TradeEvent> = {
  selltoopen: "sto",
  buytoopen: "bto",
  buytoclose: "btc",
  selltoclose: "stc",
};
const SUB_TYPES: Record<string, TradeEvent> = {
  expiration: "expire",
  assignment: "assign",
  cashsettledassignment: "assign",
  exercise: "exercise",
  cashsettledexercise: "exercise",
};

export const tastytrade: HistoryProfile = {
  kind: "history",
  id: "tastytrade",
  label: "tastytrade transaction history",
  broker: "tastytrade",
  signature: ["Date", "Sub Type", "Action", "Instrument Type"],
  columns: {
    date: ["Date"],
    type: ["Type"],
    subType: ["Sub Type"],
    action: ["Action"],
    symbol: ["Symbol"],
    instrument: ["Instrument Type"],
    value: ["Value"],
    quantity: ["Quantity"],
    commissions: ["Commissions"],
    fees: ["Fees"],
    multiplier: ["Multiplier"],
    underlying: ["Underlying Symbol"],
    expiration: ["Expiration Date"],
    strike: ["Strike Price"],
    right: ["Call or Put"],
  },
  required: ["date", "action", "instrument", "quantity", "value"],
  order: "newest-first",
  amountIncludesFees: false,
  read(r) {
    if (!/option/i.test(r.text("instrument"))) return { kind: "skip" };
    const event = ACTIONS[squash(r.cell("action"))] ?? (r.text("action") === "" ? SUB_TYPES[squash(r.cell("subType"))] : undefined);
    if (event === undefined) return { kind: "error", problems: [r.problem("action", `'${r.text("action")}' (${r.text("subType")}) is not an option trade this reader knows`)] };
    return trade(r, event, ["symbol"], { date: tradeDate(r.cell("date")), cents: sumCents(r, ["value", "commissions", "fees"]) });
  },
};

/**
 * tastyworks' original transaction history (before 2023): Date/Time, Transaction Code, Buy/Sell,
 * Open/Close; Amount is the premium (credit +) and Fees a positive cost beside it.
 */
export const tastyworksLegacy: HistoryProfile = {
  kind: "history",
  id: "tastyworks-legacy",
  label: "tastyworks transaction history (legacy format)",
  broker: "tastytrade",
  signature: ["Date/Time", "Transaction Code", "Transaction Subcode"],
  columns: {
    date: ["Date/Time"],
    code: ["Transaction Code"],
    subcode: ["Transaction Subcode"],
    underlying: ["Symbol"],
    side: ["Buy/Sell"],
    openClose: ["Open/Close"],
    quantity: ["Quantity"],
    expiration: ["Expiration Date"],
    strike: ["Strike"],
    right: ["Call/Put"],
    amount: ["Amount"],
    fees: ["Fees"],
    description: ["Description"],
  },
  required: ["date", "side", "openClose", "quantity", "right", "strike"],
  order: "newest-first",
  amountIncludesFees: false,
  read(r) {
    if (r.text("right") === "") return { kind: "skip" };
    const side = squash(r.cell("side"));
    const oc = squash(r.cell("openClose"));
    let event: TradeEvent | undefined;
    if (side && oc) event = side === "sell" ? (oc === "open" ? "sto" : "stc") : oc === "open" ? "bto" : "btc";
    else event = SUB_TYPES[squash(r.cell("subcode"))];
    if (event === undefined) return { kind: "error", problems: [r.problem("subcode", `'${r.text("subcode")}' is not an option trade this reader knows`)] };
    const amount = sumCents(r, ["amount"]);
    const fees = sumCents(r, ["fees"]);
    return trade(r, event, ["description"], { date: tradeDate(r.cell("date")), cents: amount === null || fees === null ? null : amount - Math.abs(fees) });
  },
};
