import { Cell, RawInputs, serialFromYmd } from "../../src/core";

/** RULES.md "Worked example": the four open short puts in the order opened, and the inputs. */
export const WORKED_HEADER: Cell[] = ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Status"];
export const WORKED_BODY: Cell[][] = [
  ["KO", "Put", "Sell", 60, 1, "2026-01-05", "Open"],
  ["PFE", "Put", "Sell", 25, 4, "2026-01-12", "Open"],
  ["T", "Put", "Sell", 17, 5, "2026-01-20", "Open"],
  ["KO", "Put", "Sell", 62, 1, "2026-02-02", "Open"],
];
/** Account 100,000; cash 40,000; VIX 18 -> cap 30%, budget 30,000. */
export const WORKED_INPUTS: RawInputs = { accountValue: 100000, cash: 40000, vix: 18 };
export const WORKED_AS_OF = serialFromYmd(2026, 2, 10)!;
