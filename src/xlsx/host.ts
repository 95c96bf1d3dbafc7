import ExcelJS from "exceljs";
import type { Workbook } from "exceljs";
import { Cell, Review, SettingKey, TableChoice, serialForLocalDay } from "../core";
import type { WorkbookHost, WorkbookSnapshot } from "../host/workbook-host";
import { listTables, locatePositions, readSettings } from "./read";
import { clearHighlights, highlight, saveRecord, writeSettings } from "./write";

export interface XlsxHostOptions {
  /** Serial day of "today"; defaults to the local calendar day. */
  asOf?: number;
  /** A table chosen for this session only (the CLI's --table / --range), ahead of the stored one. */
  explicitTable?: TableChoice | null;
}

/**
 * The WorkbookHost over an .xlsx file held in memory by exceljs: the CLI and the pane's
 * browser preview. Nothing touches a file until save()/toBuffer().
 */
export class XlsxWorkbookHost implements WorkbookHost {
  /** The last row selectRow() asked for (a file has no selection to show). */
  selectedRow: number | null = null;
  /** The sheets the last saveWeeklyReview() wrote (another name when the usual one is the user's). */
  savedTo: { reviewSheet: string; logSheet: string } | null = null;

  constructor(
    readonly workbook: Workbook,
    private readonly options: XlsxHostOptions = {},
  ) {}

  static async fromBuffer(data: ArrayBuffer | Uint8Array, options?: XlsxHostOptions): Promise<XlsxWorkbookHost> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as ArrayBuffer);
    return new XlsxWorkbookHost(wb, options);
  }

  async readSnapshot(): Promise<WorkbookSnapshot> {
    const { settings, defined } = readSettings(this.workbook);
    const located = locatePositions(this.workbook, settings.table, this.options.explicitTable ?? null);
    return {
      tableNames: listTables(this.workbook).map((t) => t.model.name),
      choice: located.ok ? located.choice : null,
      table: located.ok ? located.table : null,
      message: located.ok ? null : located.message,
      settings,
      definedNames: defined,
    };
  }

  async writeSettings(values: Partial<Record<SettingKey, Cell>>): Promise<void> {
    writeSettings(this.workbook, values);
  }

  async highlight(review: Review): Promise<void> {
    highlight(this.workbook, review);
  }

  async clearHighlights(): Promise<void> {
    clearHighlights(this.workbook);
  }

  /** Throws SheetsTaken, having written nothing, when every usable sheet name is the user's. */
  async saveWeeklyReview(review: Review): Promise<void> {
    this.savedTo = saveRecord(this.workbook, review);
  }

  async selectRow(row: number): Promise<void> {
    this.selectedRow = row;
  }

  today(): number {
    return this.options.asOf ?? serialForLocalDay(new Date());
  }

  /** The workbook as .xlsx bytes. */
  async toBuffer(): Promise<Uint8Array> {
    return new Uint8Array(await this.workbook.xlsx.writeBuffer());
  }

  /** Writes the workbook to a file through a temporary file and a rename (Node only). */
  async save(path: string): Promise<void> {
    const { writeFileAtomic } = await import("./files");
    await writeFileAtomic(path, await this.toBuffer());
  }
}
