import { Review } from "./types";

/**
 * The headline of a review, the same in every host. "Within the cap" is said only when every
 * row could be read: a row that cannot be read might be a short put, so a clean verdict over the
 * rest would reassure where it should not (the formulas answer #VALUE! for the same reason).
 */
export type VerdictState = "within" | "over" | "no-budget" | "unconfirmed" | "unreadable";

export interface Verdict {
  state: VerdictState;
  /** One sentence; hosts add the figures in their own format. */
  text: string;
}

export function verdict(review: Review): Verdict {
  // A table that cannot be read has no figures to judge: its own state, never "within" and never "0 counted".
  if (review.reading.problems.length > 0) {
    return { state: "unreadable", text: `The position table cannot be read: ${review.reading.problems[0]}` };
  }
  if (review.withinCap === false) return { state: "over", text: "Over budget" };
  if (review.withinCap === null) {
    const first = review.inputErrors.find((e) => e.input === "AccountValue" || e.input === "VIX" || e.input === "HighVixCap");
    return { state: "no-budget", text: first ? first.message : "No budget: set AccountValue and VIX" };
  }
  if (review.errorRowCount > 0) {
    const rows = review.errorRowCount === 1 ? "1 row" : `${review.errorRowCount} rows`;
    return { state: "unconfirmed", text: `Within the cap on the rows read, but ${rows} could not be read: fix them before trusting this` };
  }
  return { state: "within", text: "Within the VIX cap" };
}
