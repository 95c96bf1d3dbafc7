import { BrokerImport, Cell, ImportResult, Review, serialForLocalDay, SettingKey, TableSource } from "../core";
import type { WorkbookHost, WorkbookSnapshot } from "../host/workbook-host";
import {
  clearHighlights,
  nameSelectedCell,
  selectedRange,
  selectTableRow,
  writeHighlights,
  writeImport,
  writeSettings,
  writeWeeklyReview,
} from "./write";
import { BatchRunner, excelRun, SnapshotCache, workbookSnapshots } from "./snapshot-cache";

export type { BatchRunner } from "./snapshot-cache";

/** What the pane needs of the workbook session (src/excel/snapshot-cache.ts). */
export type WorkbookSession = Pick<SnapshotCache, "get" | "fresh" | "invalidate" | "onInvalidate">;

/**
 * The task pane's WorkbookHost inside Excel: the workbook session the formulas use (one reader,
 * one event subscription, one snapshot) plus the writers of src/excel/write*.ts, each call one
 * Excel.run. Every write invalidates the session, so the formulas and the pane see it alike.
 */
export class ExcelWorkbookHost implements WorkbookHost {
  /** Where the table was at the last read: selectRow needs its sheet and columns. */
  private source: TableSource | null = null;
  /** The session told us the data changed: the next read may take the snapshot it just read. */
  private changed = false;

  constructor(
    private readonly session: WorkbookSession = workbookSnapshots(),
    private readonly run: BatchRunner = excelRun,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async readSnapshot(): Promise<WorkbookSnapshot> {
    const snapshot = this.changed ? await this.session.get() : await this.session.fresh();
    this.changed = false;
    this.source = snapshot.table?.source ?? null;
    return snapshot;
  }

  /** Runs one writer and, whatever happened, tells the session the workbook may have changed. */
  private async write<T>(writer: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await this.run(writer);
    } finally {
      // A defined name has no change event, and a failed batch may have written part of itself.
      this.session.invalidate();
    }
  }

  async writeSettings(values: Partial<Record<SettingKey, Cell>>): Promise<void> {
    await this.write((context) => writeSettings(context, values));
  }

  async highlight(review: Review): Promise<void> {
    await this.write((context) => writeHighlights(context, review));
  }

  async clearHighlights(): Promise<void> {
    await this.write((context) => clearHighlights(context));
  }

  async saveWeeklyReview(review: Review): Promise<void> {
    await this.write((context) => writeWeeklyReview(context, review));
  }

  /** Writes a broker file's import (src/excel/write-import.ts); ImportRefused, having written nothing, when names are in the way. */
  async importBroker(imp: BrokerImport): Promise<ImportResult> {
    return this.write((context) => writeImport(context, imp));
  }

  async selectRow(row: number): Promise<void> {
    const source = this.source;
    if (!source) throw new Error("read the workbook first: no table to select a row in");
    await this.run((context) => selectTableRow(context, source, row));
  }

  today(): number {
    return serialForLocalDay(this.now());
  }

  /**
   * Called when the session's data changed: an edit of the table or a named cell, a
   * recalculation that changed them, a table added or deleted. The pane registers no handler of
   * its own: one subscription, filtered to what the snapshot read, serves the formulas and the pane.
   */
  async onChange(callback: () => void): Promise<void> {
    this.session.onInvalidate(() => {
      this.changed = true;
      callback();
    });
  }

  selectedRange(): Promise<{ sheet: string; address: string }> {
    return this.run((context) => selectedRange(context));
  }

  async nameSelectedCell(key: SettingKey): Promise<string> {
    return this.write((context) => nameSelectedCell(context, key));
  }
}
