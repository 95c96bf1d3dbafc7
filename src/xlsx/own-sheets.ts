import { Cell, LOG_SHEET_CANDIDATES, REVIEW_SHEET_CANDIDATES, chooseLogSheet, chooseReviewSheet, sheetsTakenMessage } from "../core";

/**
 * Every sheet name the file writers could use already belongs to the user: nothing was written.
 * The CLI reports it as unusable input (exit 2).
 */
export class SheetsTaken extends Error {
  constructor(candidates: readonly string[]) {
    super(sheetsTakenMessage(candidates));
    this.name = "SheetsTaken";
  }
}

/** Where the Weekly Review goes (an existing sheet only when it is ours), or SheetsTaken. */
export function reviewSheetTarget(existing: readonly { name: string; a1: Cell }[]): { name: string; exists: boolean } {
  const chosen = chooseReviewSheet(existing);
  if (!chosen) throw new SheetsTaken(REVIEW_SHEET_CANDIDATES);
  return chosen;
}

/** The new sheet for a Review Log table the workbook does not have yet, or SheetsTaken. */
export function logSheetTarget(sheetNames: readonly string[]): string {
  const chosen = chooseLogSheet(sheetNames);
  if (chosen === null) throw new SheetsTaken(LOG_SHEET_CANDIDATES);
  return chosen;
}

/** True when a sheet name is one of the review-sheet candidates (Excel compares names case-insensitively). */
export const isReviewCandidate = (name: string): boolean => REVIEW_SHEET_CANDIDATES.some((c) => c.toLowerCase() === name.toLowerCase());
