import * as path from "path";
import { TableChoice } from "../core";
import { snapshotOf } from "../xlsx/host";
import { UnusableInput, loadXlsx } from "../xlsx/files";
import { readCsvFile } from "../csv/file";
import { csvSnapshot } from "../csv/host";

/** What a review needs of its input: the position table (or why there is none) and the stored settings. */
export type Snapshot = Pick<ReturnType<typeof snapshotOf>, "table" | "message" | "settings">;

export const isCsv = (file: string): boolean => /\.csv$/i.test(file);

/** The position table and settings of a saved workbook or a broker's .csv, or a one-line refusal naming it. */
export async function readInput(file: string, shown: string, table: TableChoice | null): Promise<Snapshot> {
  if (isCsv(file)) return csvSnapshot(readCsvFile(file, shown), table);
  const book = await loadXlsx(file);
  try {
    return snapshotOf(book, table);
  } catch (e) {
    throw new UnusableInput(`${shown} is not a readable .xlsx workbook (${(e as Error).message.split("\n")[0]})`);
  }
}

/** A path as the user typed it: `npm run review` runs in the package folder, the user typed it where they were. */
export function userPath(p: string): string {
  const base = process.env.npm_lifecycle_event === "review" && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  return path.resolve(base, p);
}
