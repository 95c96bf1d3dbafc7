import ExcelJS from "exceljs";
import type { Workbook } from "exceljs";
import { Cell, Review, SettingKey, TableChoice, serialForLocalDay } from "../core";
import type { WorkbookHost, WorkbookSnapshot } from "../host/workbook-host";
import { clearHighlightRules, writeHighlights } from "./highlights";
import { appendLogRow } from "./log";
import { XlsxPackage } from "./package";
import { listTables, locatePositions, readSettings } from "./read";
import { writeSettingCells } from "./reviewed";
import { writeReviewSheet } from "./review-sheet";

export interface XlsxHostOptions {
  /** Serial day of "today"; defaults to the local calendar day. */
  asOf?: number;
  /** A table chosen for this session only (the CLI's --table / --range), ahead of the stored one. */
  explicitTable?: TableChoice | null;
}

/**
 * The WorkbookHost over an .xlsx file held in memory: the pane's browser preview (and tests).
 * The file's bytes are the state: every write edits the package surgically (src/xlsx/package),
 * exactly as the command line's copies do, and exceljs only reads the result back for the
 * next snapshot. Nothing touches a file until save().
 */
export class XlsxWorkbookHost implements WorkbookHost {
  /** The last row selectRow() asked for (a file has no selection to show). */
  selectedRow: number | null = null;
  /** The sheets the last saveWeeklyReview() wrote (another name when the usual one is the user's). */
  savedTo: { reviewSheet: string; logSheet: string; fallback: string | null } | null = null;

  private constructor(
    private bytes: Uint8Array,
    private book: Workbook,
    private readonly options: XlsxHostOptions = {},
  ) {}

  static async fromBuffer(data: ArrayBuffer | Uint8Array, options?: XlsxHostOptions): Promise<XlsxWorkbookHost> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    return new XlsxWorkbookHost(bytes, await readBook(bytes), options);
  }

  /** The workbook as last written, read by exceljs (read only: writes go through the package). */
  get workbook(): Workbook {
    return this.book;
  }

  /** Edits the package; the new bytes become the state only when every edit succeeded. */
  private async edit<T>(fn: (pkg: XlsxPackage) => Promise<T>): Promise<T> {
    const pkg = await XlsxPackage.open(this.bytes);
    try {
      const result = await fn(pkg);
      const bytes = await pkg.toBuffer();
      this.book = await readBook(bytes);
      this.bytes = bytes;
      return result;
    } finally {
      await pkg.close();
    }
  }

  async readSnapshot(): Promise<WorkbookSnapshot> {
    return snapshotOf(this.book, this.options.explicitTable ?? null);
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

/** What the pane and the command line read from a workbook: its tables, settings and the position table. */
export function snapshotOf(book: Workbook, explicit: TableChoice | null): WorkbookSnapshot {
  const { settings, defined } = readSettings(book);
  const located = locatePositions(book, settings.table, explicit);
  return {
    tableNames: listTables(book).map((t) => t.model.name),
    choice: located.ok ? located.choice : null,
    table: located.ok ? located.table : null,
    message: located.ok ? null : located.message,
    settings,
    definedNames: defined,
  };
}

async function readBook(bytes: Uint8Array): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
