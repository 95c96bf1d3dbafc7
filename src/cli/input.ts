import * as path from "path";
import { TableChoice } from "../core";
import type { WorkbookSnapshot } from "../host/workbook-host";
import { UnusableInput, openWorkbookFile, unreadableMessage } from "../xlsx/files";
import { WorkbookUnreadable } from "../xlsx/errors";
import { readCsvFile } from "../csv/file";
import { csvSnapshot } from "../csv/host";

/** What a review needs of its input: the position table (or why there is none) and the stored settings. */
export type Snapshot = Pick<WorkbookSnapshot, "table" | "message" | "settings" | "cashFlows" | "reviewLogs" | "brokerLedger">;

export const isCsv = (file: string): boolean => /\.csv$/i.test(file);

/** The position table and settings of a saved workbook or a broker's .csv, or a one-line refusal naming it (and the part). */
export async function readInput(file: string, shown: string, table: TableChoice | null): Promise<Snapshot> {
  if (isCsv(file)) return csvSnapshot(readCsvFile(file, shown), table);
  const reader = await openWorkbookFile(file, shown);
  try {
    return (await reader.snapshot(table)).snapshot;
  } catch (e) {
    if (e instanceof WorkbookUnreadable) throw new UnusableInput(unreadableMessage(shown, e));
    throw e;
  }
}

/** A path as the user typed it: `npm run review` runs in the package folder, the user typed it where they were. */
export function userPath(p: string): string {
  const base = process.env.npm_lifecycle_event === "review" && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  return path.resolve(base, p);
}
