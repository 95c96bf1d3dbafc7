import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { Workbook } from "exceljs";

/** An input the CLI cannot use: exit status 2 with this one-line message. */
export class UnusableInput extends Error {}

/** Opens an .xlsx file, or throws UnusableInput saying why it cannot. */
export async function loadXlsx(file: string): Promise<Workbook> {
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnusableInput(code === "ENOENT" ? `no such file: ${file}` : code === "EISDIR" ? `${file} is a folder, not an .xlsx file` : `cannot read ${file}: ${(e as Error).message}`);
  }
  // Every .xlsx is a zip archive: "PK\x03\x04".
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) {
    throw new UnusableInput(`${file} is not an .xlsx workbook${/\.(xls|csv|ods)$/i.test(file) ? " (save it as .xlsx first)" : ""}`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    throw new UnusableInput(`${file} is not a readable .xlsx workbook (${firstLine((e as Error).message)})`);
  }
  if (wb.worksheets.length === 0) throw new UnusableInput(`${file} is not an .xlsx workbook (no worksheets)`);
  return wb;
}

const firstLine = (s: string) => s.split("\n")[0].slice(0, 120);

/**
 * Writes bytes next to the target under a temporary name, then renames it over the target,
 * so a failed or interrupted write never leaves a half-written workbook behind.
 */
export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
