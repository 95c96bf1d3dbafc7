import * as fs from "fs";
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from "@zip.js/zip.js";

/** Every file entry of a zip (folders left out), by name, in zip order. */
export async function zipParts(data: Uint8Array | string): Promise<Map<string, Buffer>> {
  const bytes = typeof data === "string" ? new Uint8Array(fs.readFileSync(data)) : data;
  const reader = new ZipReader(new Uint8ArrayReader(bytes));
  const out = new Map<string, Buffer>();
  for (const e of await reader.getEntries()) if (!e.directory) out.set(e.filename, Buffer.from(await e.getData!(new Uint8ArrayWriter())));
  await reader.close();
  return out;
}

/** A zip of these parts, in this order, deflated. */
export async function makeZip(parts: Iterable<[string, Uint8Array | string]>): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter());
  for (const [name, data] of parts) await writer.add(name, typeof data === "string" ? new TextReader(data) : new Uint8ArrayReader(data));
  return writer.close();
}
