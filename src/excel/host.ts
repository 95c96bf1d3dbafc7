import { Cell, Review, serialForLocalDay, SettingKey, TableSource } from "../core";
import type { WorkbookHost, WorkbookSnapshot } from "../host/workbook-host";
import {
  clearHighlights,
  nameSelectedCell,
  selectedRange,
  selectTableRow,
  writeHighlights,
  writeSettings,
  writeWeeklyReview,
} from "./write";
import { readSnapshot } from "./read";
import { workbookSnapshots } from "./snapshot-cache";

/** Reads the position table and settings in one Excel.run (src/excel/read.ts). */
export type SnapshotReader = (context: Excel.RequestContext) => Promise<WorkbookSnapshot>;
/** Excel.run, injectable so tests drive the host with a counting mock context. */
export type BatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const excelRun: BatchRunner = (batch) => Excel.run(batch);

/**
 * The task pane's WorkbookHost inside Excel: the reader's snapshot plus the writers of
 * src/excel/write*.ts, each call one Excel.run.
 */
export class ExcelWorkbookHost implements WorkbookHost {
  /** Where the table was at the last read: selectRow needs its sheet and columns. */
  private source: TableSource | null = null;

  constructor(
    private readonly read: SnapshotReader = (context) => readSnapshot(context),
    private readonly run: BatchRunner = excelRun,
    private readonly now: () => Date = () => new Date(),
    // Creating a defined name fires no change event: tell the formulas' shared snapshot itself.
    private readonly settingsWritten: () => void = () => workbookSnapshots().invalidate(),
  ) {}

  async readSnapshot(): Promise<WorkbookSnapshot> {
    const snapshot = await this.run((context) => this.read(context));
    this.source = snapshot.table?.source ?? null;
    return snapshot;
  }

  async writeSettings(values: Partial<Record<SettingKey, Cell>>): Promise<void> {
    await this.run((context) => writeSettings(context, values));
    this.settingsWritten();
  }

  async highlight(review: Review): Promise<void> {
    await this.run((context) => writeHighlights(context, review));
  }

  async clearHighlights(): Promise<void> {
    await this.run((context) => clearHighlights(context));
  }

  async saveWeeklyReview(review: Review): Promise<void> {
    await this.run((context) => writeWeeklyReview(context, review));
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
   * Any edit on any sheet: the table, an input cell on another sheet, or a named cell on the
   * settings sheet. A review only reads, so a recompute after our own writes cannot loop.
   */
  async onChange(callback: () => void): Promise<void> {
    await this.run(async (context) => {
      context.workbook.worksheets.onChanged.add(async () => callback());
      await context.sync();
    });
  }

  selectedRange(): Promise<{ sheet: string; address: string }> {
    return this.run((context) => selectedRange(context));
  }

  async nameSelectedCell(key: SettingKey): Promise<string> {
    const address = await this.run((context) => nameSelectedCell(context, key));
    this.settingsWritten();
    return address;
  }
}
