import { BrokerImport, ColumnOverrides, Review, TableData, prepareImport } from "../core";
import { csvSnapshot } from "../csv/host";
import { readCsv } from "../csv/read";

/**
 * A broker file the user picked in the pane, read in the browser as the command line reads it
 * (src/cli/input.ts): a .csv by src/csv, an .xlsx by the package reader. Loaded with import()
 * only when the user imports, so the bundle Excel loads never carries the readers; the package
 * reader (zip.js and the sheet scanner) only for an .xlsx.
 */

export interface BrokerFileRead {
  table: TableData | null;
  /** Why there is no position table, naming what was looked at. */
  message: string | null;
  overrides: ColumnOverrides;
}

export async function readBrokerFile(bytes: Uint8Array, name: string): Promise<BrokerFileRead> {
  if (/\.csv$/i.test(name)) {
    const snap = csvSnapshot(readCsv(bytes, name), null);
    return { table: snap.table, message: snap.message, overrides: snap.settings.overrides };
  }
  if (/\.xlsx$/i.test(name)) {
    const { XlsxReader } = await import(/* webpackChunkName: "xlsx-reader" */ "../xlsx/reader");
    // Throws WorkbookUnreadable, whose message says what is wrong with the file.
    const read = await (await XlsxReader.open(bytes)).snapshot(null);
    return { table: read.snapshot.table, message: read.snapshot.message, overrides: read.snapshot.settings.overrides };
  }
  return { table: null, message: "it is neither a .csv nor an .xlsx file (pick the broker's export as downloaded)", overrides: {} };
}

/**
 * The broker file's review and its checked import (the core's prepareImport), or an Error saying
 * why the file cannot be imported. Here rather than in the controller, so the import's core code
 * loads with the readers.
 */
export async function brokerFileImport(bytes: Uint8Array, name: string, asOf: number): Promise<{ review: Review; imp: BrokerImport }> {
  const read = await readBrokerFile(bytes, name);
  if (!read.table) throw new Error(read.message ?? "no position table");
  return prepareImport(read.table, read.overrides, asOf, name);
}
