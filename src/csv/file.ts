import * as fs from "fs";
import { UnusableInput } from "../xlsx/files";
import { CsvGrid, readCsv } from "./read";

/** A .csv file from disk, or the usual refusal naming it (exit 2) when it cannot be read. */
export function readCsvFile(file: string, shown = file): CsvGrid {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnusableInput(`cannot read ${shown}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : (e as Error).message}`);
  }
  return readCsv(bytes, file);
}
