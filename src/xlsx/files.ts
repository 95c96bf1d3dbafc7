import { promises as fs } from "fs";
import * as path from "path";
import { WorkbookUnreadable } from "./errors";

/** An input the CLI cannot use: exit status 2 with this one-line message. */
export class UnusableInput extends Error {}

/** The bytes of an input file, or UnusableInput saying why it cannot be read. */
export async function readInputFile(file: string): Promise<Uint8Array> {
  try {
    const data = await fs.readFile(file);
    return new Uint8Array(data.buffer, data.byteOffset, data.length);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnusableInput(code === "ENOENT" ? `no such file: ${file}` : code === "EISDIR" ? `${file} is a folder, not an .xlsx file` : `cannot read ${file}: ${(e as Error).message}`);
  }
}

/** The one line for a workbook the reader cannot read, naming the file (and the part, in the reader's message). */
export function unreadableMessage(shown: string, e: WorkbookUnreadable): string {
  if (!e.notXlsx) return `${shown}: ${e.message}`;
  return `${shown} is not an .xlsx workbook (${e.message})${/\.(xls|csv|ods)$/i.test(shown) ? ": save it as .xlsx first" : ""}`;
}

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
