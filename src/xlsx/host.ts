import { BrokerImport, Cell, ImportResult, Review, SettingKey, TableChoice, serialForLocalDay } from "../core";
import type { WorkbookHost, WorkbookSnapshot } from "../host/workbook-host";
import { clearHighlightRules, writeHighlights } from "./highlights";
import { importIntoPackage } from "./import";
import { appendLogRow } from "./log";
import { XlsxPackage } from "./package";
import { XlsxReader } from "./reader";
import { writeSettingCells } from "./reviewed";
import { writeReviewSheet } from "./review-sheet";

export interface XlsxHostOptions {
  /** Serial day of "today"; defaults to the local calendar day. */
  asOf?: number;
  /** A table chosen for this session only (the CLI's --table / --range), ahead of the stored one. */
  explicitTable?: TableChoice | null;
  /** Keep which cells are dates by their number format (the preview shows them as dates). */
  keepDates?: boolean;
}

/**
 * The WorkbookHost over an .xlsx file held in memory: the pane's browser preview (and tests).
 * The file's bytes are the state: every write edits the package surgically (src/xlsx/package),
 * exactly as the command line's copies do, and the reader (src/xlsx/reader.ts, the command
 * line's) reads the result for the next snapshot. Nothing touches a file until save().
 */
export class XlsxWorkbookHost implements WorkbookHost {
  /** The last row selectRow() asked for (a file has no selection to show). */
  selectedRow: number | null = null;
  /** The sheets the last saveWeeklyReview() wrote (another name when the usual one is the user's). */
  savedTo: { reviewSheet: string; logSheet: string; fallback: string | null } | null = null;
  /** Whether a cell of the last snapshot's table is a date by its number format. */
  isDate: (row: number, column: number) => boolean = () => false;

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

  /** The reader over the workbook as last written. */
  currentReader(): XlsxReader {
    return this.reader;
  }

  /** Edits the package; the new bytes become the state only when every edit succeeded. */
  private async edit<T>(fn: (pkg: XlsxPackage) => Promise<T>): Promise<T> {
    const pkg = await XlsxPackage.open(this.bytes);
    try {
      const result = await fn(pkg);
      const bytes = await pkg.toBuffer();
      this.reader = await XlsxReader.open(bytes);
      this.bytes = bytes;
      return result;
    } finally {
      await pkg.close();
    }
  }

  async readSnapshot(): Promise<WorkbookSnapshot> {
    const read = await this.reader.snapshot(this.options.explicitTable ?? null, this.options.keepDates ?? false);
    this.isDate = read.isDate;
    return read.snapshot;
  }

  async writeSettings(values: Partial<Record<SettingKey, Cell>>): Promise<void> {
    await this.edit((pkg) => writeSettingCells(pkg, values));
  }

  async highlight(review: Review): Promise<void> {
    await this.edit((pkg) => writeHighlights(pkg, review));
  }

  async clearHighlights(): Promise<void> {
    await this.edit((pkg) => clearHighlightRules(pkg));
  }

  /** Throws SheetsTaken, having written nothing, when every usable sheet name is the user's. */
  async saveWeeklyReview(review: Review): Promise<void> {
    this.savedTo = await this.edit(async (pkg) => {
      const sheet = await writeReviewSheet(pkg, review);
      const log = await appendLogRow(pkg, review);
      return { reviewSheet: sheet.name, logSheet: log.sheet, fallback: log.fallback };
    });
  }

  /** The command line's import (src/xlsx/import.ts) into the workbook held here; ImportRefused leaves it as it was. */
  async importBroker(imp: BrokerImport): Promise<ImportResult> {
    return this.edit((pkg) => importIntoPackage(pkg, imp));
  }

  async selectRow(row: number): Promise<void> {
    this.selectedRow = row;
  }

  today(): number {
    return this.options.asOf ?? serialForLocalDay(new Date());
  }

  /** The workbook as .xlsx bytes: the user's file with our edits, every other part as it was. */
  async toBuffer(): Promise<Uint8Array> {
    return this.bytes;
  }

  /** Writes the workbook to a file through a temporary file and a rename (Node only). */
  async save(path: string): Promise<void> {
    const { writeFileAtomic } = await import("./files");
    await writeFileAtomic(path, this.bytes);
  }
}
