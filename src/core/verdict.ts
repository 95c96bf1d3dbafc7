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
  /** The sentence without its headline words, for a host that prints its own ("NOT CONFIRMED: " + reason). */
  reason: string;
}

const say = (state: VerdictState, headline: string, reason: string): Verdict => ({
  state,
  text: headline === "" ? reason : reason === "" ? headline : `${headline}: ${reason}`,
  reason,
});

export function verdict(review: Review): Verdict {
  // A table that cannot be read has no figures to judge: its own state, never "within" and never "0 counted".
  if (review.reading.problems.length > 0) {
    return say("unreadable", "The position table cannot be read", review.reading.problems[0]);
  }
  if (review.withinCap === false) return say("over", "Over budget", "");
  if (review.withinCap === null) {
    const first = review.inputErrors.find((e) => e.input === "AccountValue" || e.input === "VIX" || e.input === "HighVixCap");
    return say("no-budget", "", first ? first.message : "No budget: set AccountValue and VIX");
  }
  // RULES.md: the headline says "not confirmed", never "within the cap", while a row is unread.
  if (review.errorRowCount > 0) {
    const rows = review.errorRowCount === 1 ? "1 row could not be read and may be a short put" : `${review.errorRowCount} rows could not be read and may be short puts`;
    return say("unconfirmed", "Not confirmed", `${rows}: fix ${review.errorRowCount === 1 ? "it" : "them"} before trusting the figures`);
  }
  return say("within", "Within the VIX cap", "");
}
