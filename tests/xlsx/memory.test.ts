import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Writable } from "stream";
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from "@zip.js/zip.js";
import { CLI, fixture } from "../cli/helpers";
import { tmp } from "./user-sheets";

jest.setTimeout(240_000);

/** The worked example plus an unused 1 GB picture of zeros: a 1 MB file. */
async function withHugePicture(file: string): Promise<void> {
  const src = new ZipReader(new Uint8ArrayReader(new Uint8Array(fs.readFileSync(fixture("worked-example")))));
  const out = fs.createWriteStream(file);
  const w = new ZipWriter(Writable.toWeb(out) as WritableStream<Uint8Array>, { level: 9 });
  for (const e of await src.getEntries()) if (!e.directory) await w.add(e.filename, new Uint8ArrayReader(await e.getData!(new Uint8ArrayWriter())));
  const chunk = new Uint8Array(1 << 20);
  let n = 0;
  await w.add("xl/media/image9.png", new ReadableStream<Uint8Array>({ pull: (c) => (n++ < 1024 ? c.enqueue(chunk) : c.close()) }));
  await w.close();
  await new Promise<void>((resolve) => (out.closed ? resolve() : out.on("close", () => resolve())));
}

/** Zip entries with what identifies their stored bytes, read from the central directory (nothing inflated). */
async function directory(file: string) {
  const r = new ZipReader(new Uint8ArrayReader(new Uint8Array(fs.readFileSync(file))));
  const out = new Map((await r.getEntries()).map((e) => [e.filename, { crc: e.crc32, size: e.uncompressedSize, packed: e.compressedSize, method: e.compressionMethod }]));
  await r.close();
  return out;
}

test("a 1 MB workbook holding an unused 1 GB picture: review and both copies in well under 1 GB, the picture copied as it was", async () => {
  const dir = tmp();
  const input = path.join(dir, "huge-picture.xlsx");
  await withHugePicture(input);
  expect(fs.statSync(input).size).toBeLessThan(2 << 20);
  // The peak resident memory of the whole run, read by the process itself as it exits.
  const probe = `process.on("exit", () => process.stderr.write("maxrss " + process.resourceUsage().maxRSS + "\\n")); require(${JSON.stringify(CLI)});`;
  const r = spawnSync(process.execPath, ["-e", probe, "--", "review", input, "--out", path.join(dir, "out.xlsx"), "--accountant", path.join(dir, "acc.xlsx"), "--as-of", "2026-02-10"], { encoding: "utf8" });
  expect(r.status).toBe(0);
  const mb = Number(/maxrss (\d+)/.exec(r.stderr)![1]) / 1024;
  expect(mb).toBeLessThan(400);
  const before = await directory(input);
  for (const copy of ["out.xlsx", "acc.xlsx"]) {
    const after = await directory(path.join(dir, copy));
    expect(after.get("xl/media/image9.png")).toEqual(before.get("xl/media/image9.png"));
  }
});
