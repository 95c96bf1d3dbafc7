import type { Workbook } from "exceljs";
import { Cell, Review, SettingKey, TableChoice, serialForLocalDay } from "../core";
import type { WorkbookHost, WorkbookSnapshot } from "../host/workbook-host";
import { XlsxReader } from "./reader";
import { clearHighlights, highlight, saveRecord, writeSettings } from "./write";

export interface XlsxHostOptions {
  /** Serial day of "today"; defaults to the local calendar day. */
  asOf?: number;
  /** A table chosen for this session only (the CLI's --table / --range), ahead of the stored one. */
  explicitTable?: TableChoice | null;
  /** Keep which cells are dates by their format (the preview shows them as dates). */
  keepDates?: boolean;
}

/**
 * The WorkbookHost over an .xlsx file held in memory: the CLI and the pane's browser preview.
 * Reading goes through XlsxReader (the package read directly, streaming). The writers still
 * edit an exceljs workbook, loaded only when something is written; after a write the next read
 * reads what exceljs would save. Nothing touches a file until save()/toBuffer().
 */
export class XlsxWorkbookHost implements WorkbookHost {
  /** The last row selectRow() asked for (a file has no selection to show). */
  selectedRow: number | null = null;
  /** The sheets the last saveWeeklyReview() wrote (another name when the usual one is the user's). */
  savedTo: { reviewSheet: string; logSheet: string } | null = null;
  /** Whether a cell of the last snapshot's table is a date by its number format. */
  isDate: (row: number, column: number) => boolean = () => false;

  private editable: Workbook | null = null;
  private edited = false;

  private constructor(
    private bytes: Uint8Array,
    private reader: XlsxReader,
    private readonly options: XlsxHostOptions = {},
  ) {}

  /** Opens an .xlsx held in memory; throws WorkbookUnreadable (src/xlsx/errors.ts) when it cannot be read. */
  static async fromBuffer(data: ArrayBuffer | Uint8Array, options?: XlsxHostOptions): Promise<XlsxWorkbookHost> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    return new XlsxWorkbookHost(bytes, await XlsxReader.open(bytes), options);
  }

  /** The reader over the workbook as it is now (after any edit). */
  async currentReader(): Promise<XlsxReader> {
    if (this.edited) {
      this.bytes = await this.toBuffer();
      this.reader = await XlsxReader.open(this.bytes);
      this.edited = false;
    }
    return this.reader;
  }

  async readSnapshot(): Promise<WorkbookSnapshot> {
    const read = await (await this.currentReader()).snapshot(this.options.explicitTable ?? null, this.options.keepDates ?? false);
    this.isDate = read.isDate;
    return read.snapshot;
  }

  /** An exceljs workbook as a host (tests and the exceljs writers' callers). */
  static async fromWorkbook(wb: Workbook, options?: XlsxHostOptions): Promise<XlsxWorkbookHost> {
    return XlsxWorkbookHost.fromBuffer(new Uint8Array(await wb.xlsx.writeBuffer()), options);
  }

  /**
   * The exceljs workbook the writers edit, loaded on first use. Whoever asks for it may change
   * it, so the next read reads it back.
   */
  async workbook(): Promise<Workbook> {
    this.edited = true;
    if (!this.editable) {
      const ExcelJS = (await import("exceljs")).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(this.bytes as unknown as ArrayBuffer);
      this.editable = wb;
    }
    return this.editable;
  }

  private async edit(change: (wb: Workbook) => void): Promise<void> {
    change(await this.workbook());
  }

  async writeSettings(values: Partial<Record<SettingKey, Cell>>): Promise<void> {
    await this.edit((wb) => writeSettings(wb, values));
  }

  async highlight(review: Review): Promise<void> {
    await this.edit((wb) => highlight(wb, review));
  }

  async clearHighlights(): Promise<void> {
    await this.edit((wb) => clearHighlights(wb));
  }

  /** Throws SheetsTaken, having written nothing, when every usable sheet name is the user's. */
  async saveWeeklyReview(review: Review): Promise<void> {
    await this.edit((wb) => {
      this.savedTo = saveRecord(wb, review);
    });
  }

  async selectRow(row: number): Promise<void> {
    this.selectedRow = row;
  }

  today(): number {
    return this.options.asOf ?? serialForLocalDay(new Date());
  }

  /** The workbook as .xlsx bytes: the file as opened until something is written. */
  async toBuffer(): Promise<Uint8Array> {
    if (!this.editable) return this.bytes;
    return new Uint8Array(await this.editable.xlsx.writeBuffer());
  }

  /** Writes the workbook to a file through a temporary file and a rename (Node only). */
  async save(path: string): Promise<void> {
    const { writeFileAtomic } = await import("./files");
    await writeFileAtomic(path, await this.toBuffer());
  }
}
