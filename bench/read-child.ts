import fs from "fs";
import { ZipArchive } from "../src/xlsx/package/zip";
import { XlsxReader } from "../src/xlsx/reader";

/**
 * `node read-child.js floor|reader FILE`: the median of three reads after one warm-up, in ms, on
 * stdout; `floor-once FILE` reads once and exits (the parent times the whole process). The floor is the least any .xlsx reader must do: open the zip, inflate the sheet part
 * with Node's native zlib, decode it as UTF-8 and pass once over it extracting every cell's value
 * (a number parsed, a shared string looked up); no table, no rules, no output. The reader is
 * XlsxReader's whole snapshot: outline, names, the table's rows.
 */

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function floor(data: Uint8Array): Promise<void> {
  const zip = await ZipArchive.open(data);
  const shared: string[] = [];
  for (const m of (await zip.text("xl/sharedStrings.xml")).matchAll(/<t[^>]*>([^<]*)<\/t>/g)) shared.push(m[1]);
  let cells = 0;
  let sum = 0;
  let rest = "";
  const cell = /<c r="[A-Z]+\d+"([^>]*)>(?:<f[^>]*\/>|<f[^>]*>[^<]*<\/f>)?<v>([^<]*)<\/v><\/c>/g;
  await zip.streamText("xl/worksheets/sheet1.xml", (text) => {
    const buf = rest + text;
    const cut = buf.lastIndexOf("<c ");
    cell.lastIndex = 0;
    for (let m = cell.exec(buf); m && m.index < cut; m = cell.exec(buf)) {
      const v = m[1].includes('t="s"') ? shared[Number(m[2])] : Number(m[2]);
      if (typeof v === "number") sum += v;
      cells++;
    }
    rest = buf.slice(cut);
  });
  if (cells < 1_000_000 || !Number.isFinite(sum)) throw new Error(`the floor read only ${cells} cells`);
}

async function reader(data: Uint8Array): Promise<void> {
  const read = await (await XlsxReader.open(data)).snapshot();
  if ((read.snapshot.table?.rows.length ?? 0) < 100_000) throw new Error("the reader lost rows");
}

async function main(): Promise<void> {
  const [kind, file] = process.argv.slice(2);
  if (kind === "floor-once") {
    // The floor of a command: a fresh process reads the file and makes one pass, as the CLI must.
    await floor(new Uint8Array(fs.readFileSync(file)));
    return;
  }
  const data = new Uint8Array(fs.readFileSync(file));
  const read = kind === "floor" ? floor : reader;
  await read(data);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    await read(data);
    times.push(ms(start));
  }
  times.sort((a, b) => a - b);
  process.stdout.write(`${Math.round(times[1])}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
