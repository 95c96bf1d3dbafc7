import { Cell, RawInputs, Review, TableData } from "../core/types";
import { SettingKey, StoredSettings, TableChoice } from "../core/settings";
import type { ReviewRequest } from "../core/review";

/**
 * What the task pane needs from a workbook, whoever holds it: Excel through Office.js
 * (src/excel) or an .xlsx file through exceljs (src/xlsx, the pane's preview and the CLI).
 * The pane talks only to this interface; the rules stay in src/core.
 */
export interface WorkbookSnapshot {
  /** Names of every Excel table in the workbook, for the table picker. */
  tableNames: string[];
  /** The table in use, or null with `message` saying what to do. */
  choice: TableChoice | null;
  table: TableData | null;
  message: string | null;
  /** Inputs and settings as stored in the workbook's defined names. */
  settings: StoredSettings;
  /** Which inputs/settings exist as defined names (the pane offers to create the missing ones). */
  definedNames: SettingKey[];
  /**
   * The tables income reads beside the positions (src/core/find.ts ownTables): the CashFlows
   * table, the Review Log tables (ReviewLog, AG_ReviewLog) and an imported BrokerLedger. Absent
   * when the host does not read them; read only when the position table was.
   */
  cashFlows?: TableData | null;
  reviewLogs?: TableData[];
  brokerLedger?: TableData | null;
}

/**
 * The review request of a snapshot whose position table was read: its table, inputs (with any
 * given for this one review over the stored ones), column overrides and the income tables.
 */
export function reviewRequestOf(
  snapshot: Pick<WorkbookSnapshot, "settings" | "cashFlows" | "reviewLogs" | "brokerLedger"> & { table: TableData },
  asOf: number,
  inputs: Partial<RawInputs> = {},
): ReviewRequest {
  return {
    table: snapshot.table,
    inputs: { ...snapshot.settings.inputs, ...inputs },
    overrides: snapshot.settings.overrides,
    asOf,
    cashFlows: snapshot.cashFlows ?? null,
    reviewLogs: snapshot.reviewLogs ?? [],
    brokerLedger: snapshot.brokerLedger ?? null,
  };
}

export interface WorkbookHost {
  /** Reads the position table and every stored input and setting. */
  readSnapshot(): Promise<WorkbookSnapshot>;
  /**
   * Writes inputs/settings into their defined names' cells; a missing name is created on the
   * settings sheet (RULES.md "Where the inputs come from"). null clears a setting.
   */
  writeSettings(values: Partial<Record<SettingKey, Cell>>): Promise<void>;
  /** Marks over-budget (red) and concentration (amber) rows, replacing earlier marks. */
  highlight(review: Review): Promise<void>;
  /** Removes exactly the marks highlight() added. */
  clearHighlights(): Promise<void>;
  /** Writes the Weekly Review sheet and appends to the Review Log (with its chart). */
  saveWeeklyReview(review: Review): Promise<void>;
  /** Selects a sheet row of the position table so the user sees it. */
  selectRow(row: number): Promise<void>;
  /** The serial day of "today" for the review. */
  today(): number;

  // Optional: what only a live Excel can do. The pane hides the matching controls without them.
  /** Calls back (debounced by the caller) after the user edits the workbook while the pane is open. */
  onChange?(callback: () => void): Promise<void>;
  /** The user's selected range, for "use the selected range" as the position table. */
  selectedRange?(): Promise<{ sheet: string; address: string }>;
  /** Names the user's selected cell as an input (AccountValue, Cash, VIX...). Returns its address. */
  nameSelectedCell?(key: SettingKey): Promise<string>;
}
