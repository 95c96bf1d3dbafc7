import { ROOT } from "./stubs";
import fs from "fs";
import os from "os";
import path from "path";
import zlib from "zlib";
import { spawnSync } from "child_process";
import { buildReview } from "../src/core/review";
import { Cell } from "../src/core/types";
import { positionTable } from "./data";

/**
 * `npm run bench`: one JSON line per figure on stdout, {"name","value","unit"}, nothing else
 * (progress goes to stderr). The figures are described in README.md "Performance".
 */

function emit(name: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ name, value, unit })}\n`);
}
const note = (text: string) => process.stderr.write(`bench: ${text}\n`);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

const INPUTS = { accountValue: 10_000_000, cash: 2_000_000, vix: 18 };
const AS_OF = 46_100;

function coreReview(rows: number, runs: number): number {
  const table = positionTable(rows);
  for (let i = 0; i < 3; i++) buildReview({ table, inputs: INPUTS, asOf: AS_OF });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    buildReview({ table, inputs: INPUTS, asOf: AS_OF });
    times.push(ms(start));
  }
  return round(median(times), 2);
}

async function syncsReview100k(): Promise<number> {
  const { ExcelModel, workbook } = await import("../tests/helpers/excel-model");
  const { readSnapshot } = await import("../src/excel/read");
  const t = positionTable(100_000);
  const mock = new ExcelModel(
    workbook({
      tables: [{ name: "Positions", sheet: "Log", header: t.header, rows: t.rows }],
      names: { AccountValue: { sheet: "Log", cell: "J1", value: 1e7 }, VIX: { sheet: "Log", cell: "J2", value: 18 } },
    }),
  );
  const snapshot = await readSnapshot(mock.context);
  if (snapshot.table?.rows.length !== 100_000) throw new Error("the reader lost rows");
  return mock.syncs;
}

async function syncsHighlight100k(): Promise<number> {
  const { ExcelModel } = await import("../tests/helpers/excel-model");
  const { userWorkbook } = await import("../tests/excel/fixtures");
  const { writeHighlights } = await import("../src/excel/write");
  const rows: Cell[][] = positionTable(100_000).rows;
  const mock = new ExcelModel(userWorkbook(rows));
  const review = buildReview({
    table: { header: ["Ticker", "Type", "Side", "Strike", "Qty", "Open Date", "Status"], rows, headerRow: 1, firstColumn: 1, source: { sheet: "Trades", name: null, range: `A1:G${rows.length + 1}` } },
    inputs: { accountValue: 1_000_000, cash: 0, vix: 18 },
    asOf: AS_OF,
  });
  note(`highlighting ${review.overBudgetRows.length} over-budget and ${review.concentrationRows.length} concentration rows`);
  await writeHighlights(mock.context, review);
  return mock.syncs;
}

async function tableReads1000Formulas(): Promise<number> {
  const { installCustomFunctionsStub, FakeInvocation, settle } = await import("../tests/helpers/custom-functions-stub");
  installCustomFunctionsStub();
  const { ExcelModel, workbook } = await import("../tests/helpers/excel-model");
  const { SnapshotCache, watchWorkbook } = await import("../src/excel/snapshot-cache");
  const { readSnapshot } = await import("../src/excel/read");
  const { canSellPutFn } = await import("../src/functions/functions");
  const { installFormulaSource, LiveFormulas } = await import("../src/functions/live");
  const t = positionTable(10_000);
  const mock = new ExcelModel(
    workbook({
      tables: [{ name: "Positions", sheet: "Log", header: t.header, rows: t.rows }],
      names: { AccountValue: { sheet: "Log", cell: "J1", value: 1e7 }, VIX: { sheet: "Log", cell: "J2", value: 18 } },
    }),
  );
  const cache = new SnapshotCache(() => mock.run((context) => readSnapshot(context)));
  await watchWorkbook(mock.run, cache);
  installFormulaSource(() => new LiveFormulas(cache, () => AS_OF));
  const calls = Array.from({ length: 1000 }, (_, i) => {
    const invocation = new FakeInvocation<boolean>();
    canSellPutFn(10 + (i % 90), 1 + (i % 5), undefined, undefined, undefined, invocation.asInvocation());
    return invocation;
  });
  await settle(5);
  if (!calls.every((c) => typeof c.last === "boolean")) throw new Error("a formula did not answer");
  return cache.reads;
}

function bundleGzipKb(): number {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "ag-bench-dist-"));
  try {
    const build = spawnSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], {
      cwd: ROOT,
      stdio: ["ignore", process.stderr, process.stderr],
    });
    if (build.status !== 0) throw new Error("the production build failed");
    // What Excel loads for the functions and the pane: the scripts their pages name. Lazy chunks
    // (the offline preview, exceljs) load only on demand; office.js comes from Microsoft's CDN.
    const scripts = new Set<string>();
    for (const page of ["functions.html", "taskpane.html"]) {
      const html = fs.readFileSync(path.join(out, page), "utf8");
      for (const m of html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)) {
        if (!/^(https?:)?\/\//.test(m[1]) && !m[1].startsWith("office-js/")) scripts.add(m[1].replace(/^\.?\//, ""));
      }
    }
    note(`bundle: ${[...scripts].join(", ")}`);
    const bytes = [...scripts].reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(out, f)), { level: 9 }).length, 0);
    return round(bytes / 1024, 1);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

async function cliReviewMs10k(): Promise<number | null> {
  const cli = path.join(ROOT, "build", "cli", "src", "cli", "bin.js");
  if (!fs.existsSync(cli)) return null;
  const ExcelJS = (await import("exceljs")).default;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-bench-cli-"));
  try {
    const t = positionTable(10_000);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Log");
    ws.addTable({
      name: "Positions",
      ref: "A1",
      headerRow: true,
      columns: t.header.map((h) => ({ name: String(h) })),
      rows: t.rows.map((r) => r.map((c) => (c === null ? "" : c))),
    });
    const file = path.join(dir, "positions-10k.xlsx");
    await wb.xlsx.writeFile(file);
    const args = [cli, "review", file, "--json", "--account", "10000000", "--cash", "2000000", "--vix", "18", "--as-of", "2026-03-01"];
    const run = () => {
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
      const elapsed = ms(start);
      if (r.status !== 0) throw new Error(`the CLI failed: ${r.stderr}`);
      return elapsed;
    };
    run(); // a first run warms the file cache
    return round(median([run(), run(), run()]), 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One CLI review in a child process: wall time and the child's peak resident memory (its own maxRSS). */
function cliRun(file: string, extra: string[] = ["--json"]): { ms: number; peakMb: number } {
  const cli = path.join(ROOT, "build", "cli", "src", "cli", "bin.js");
  // The child reports its own peak RSS as it exits; stdout goes to /dev/null as `> out.json` would.
  // VmHWM belongs to the process image (getrusage's maxRSS keeps the forking parent's peak on Linux).
  const peak = `(()=>{try{return Number(/VmHWM:\\s*(\\d+)/.exec(require("fs").readFileSync("/proc/self/status","utf8"))[1])}catch{return process.resourceUsage().maxRSS}})()`;
  const launcher = `process.on("exit",()=>process.stderr.write("\\nmaxrss:"+${peak}+"\\n"));process.argv=[process.argv[0],${JSON.stringify(cli)},...${JSON.stringify(["review", file, "--as-of", "2026-03-01", ...extra])}];require(${JSON.stringify(cli)});`;
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["-e", launcher], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const elapsed = ms(start);
  const rss = /maxrss:(\d+)/.exec(r.stderr ?? "");
  if (r.status !== 0 || !rss) throw new Error(`the CLI failed on ${file}: ${r.stderr}`);
  return { ms: elapsed, peakMb: Number(rss[1]) / 1024 };
}

/** Median time and the largest peak of three runs, after one that warms the file cache. */
function cliFigures(file: string, extra?: string[]): { ms: number; peakMb: number } {
  cliRun(file, extra);
  const runs = [cliRun(file, extra), cliRun(file, extra), cliRun(file, extra)];
  return { ms: round(median(runs.map((r) => r.ms)), 0), peakMb: round(Math.max(...runs.map((r) => r.peakMb)), 0) };
}

/** The floor of any command that reviews the file: a fresh process that unzips it and passes once over the sheet. */
function floorProcessMs(file: string): number {
  const once = () => {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [path.join(__dirname, "read-child.js"), "floor-once", file], { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`the floor read failed: ${r.stderr}`);
    return ms(start);
  };
  once();
  return round(median([once(), once(), once()]), 0);
}

/** A read measured in a fresh child process (bench/read-child.ts), so neither shares this process's heap. */
function childReadMs(kind: "floor" | "reader", file: string): number {
  const r = spawnSync(process.execPath, [path.join(__dirname, "read-child.js"), kind, file], { cwd: ROOT, encoding: "utf8" });
  const m = /^(\d+(?:\.\d+)?)$/m.exec(r.stdout ?? "");
  if (r.status !== 0 || !m) throw new Error(`the ${kind} read failed: ${r.stderr}`);
  return Number(m[1]);
}

async function largeFileFigures(): Promise<void> {
  const { largePositions } = await import("../scripts/bench-workbooks");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-bench-200k-"));
  try {
    const t = positionTable(200_000);
    const data = await largePositions(t.header as string[], t.rows);
    const file = path.join(dir, "positions-200k.xlsx");
    fs.writeFileSync(file, data);
    note(`200k rows: ${round(data.length / 1e6, 1)} MB file`);
    // The command's floor and the command measured alike: a fresh process each, median of three after a warm-up.
    emit("read_floor_ms_200k", floorProcessMs(file), "ms");
    const cli = cliFigures(file, []);
    const json = cliFigures(file, ["--json"]);
    emit("cli_review_ms_200k", cli.ms, "ms");
    emit("cli_review_json_ms_200k", json.ms, "ms");
    emit("cli_peak_mb_200k", Math.max(cli.peakMb, json.peakMb), "MB");
    // The reader alone, in one warm process, beside the same floor measured in that process.
    emit("read_floor_warm_ms_200k", childReadMs("floor", file), "ms");
    emit("reader_ms_200k", childReadMs("reader", file), "ms");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Both copies (--out and --accountant) of a 7-column, 200,000-row workbook in a child process
 * of their own: wall time and peak resident memory. The review they carry is computed here,
 * so the figure is the copies' alone (reading the file is the reader's figure).
 */
async function cliCopies(rows: number): Promise<{ ms: number; peakMb: number }> {
  const { writePositionsXlsx } = await import("./xlsx-data");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-bench-copies-"));
  try {
    const file = path.join(dir, `positions-${rows}.xlsx`);
    await writePositionsXlsx(file, rows);
    const table = { ...positionTable(rows), source: { sheet: "Log", name: "Positions", range: `A1:G${rows + 1}` } };
    const review = buildReview({ table, inputs: INPUTS, asOf: AS_OF });
    fs.writeFileSync(path.join(dir, "review.json"), JSON.stringify(review));
    const child = path.join(__dirname, "copies-child.js");
    const r = spawnSync(process.execPath, [child, file, path.join(dir, "review.json"), dir], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`the copies failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout) as { ms: number; peakMb: number };
    note(`copies of ${rows} rows: input ${round(fs.statSync(file).size / 1e6, 1)} MB, reviewed ${round(fs.statSync(path.join(dir, "reviewed.xlsx")).size / 1e6, 1)} MB`);
    return { ms: round(out.ms, 0), peakMb: round(out.peakMb, 0) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The tiny real files that exceljs could not read in time: a stray far cell, whole-column validations. */
function tinyFileFigures(): void {
  const real = path.join(ROOT, "tests", "fixtures", "real", "excel-desktop");
  for (const [name, file] of [
    ["stray_cell", "stray-cell-xfd1048576.xlsx"],
    ["validations_2", "validations-2.xlsx"],
    ["validations_10", "validations-10.xlsx"],
  ]) {
    const r = cliFigures(path.join(real, file));
    emit(`cli_review_ms_${name}`, r.ms, "ms");
    emit(`cli_peak_mb_${name}`, r.peakMb, "MB");
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === "copies") {
    // `node build/bench/bench/run.js copies 1000000`: the copies alone at another size (not part of npm run bench).
    const rows = Number(process.argv[3] ?? 200_000);
    const c = await cliCopies(rows);
    emit(`cli_copies_ms_${rows}`, c.ms, "ms");
    emit(`cli_copies_peak_mb_${rows}`, c.peakMb, "MB");
    return;
  }
  const started = process.hrtime.bigint();
  emit("core_review_ms_1k", coreReview(1_000, 41), "ms");
  emit("core_review_ms_10k", coreReview(10_000, 21), "ms");
  emit("core_review_ms_100k", coreReview(100_000, 11), "ms");
  emit("syncs_review_100k", await syncsReview100k(), "syncs");
  emit("syncs_highlight_100k", await syncsHighlight100k(), "syncs");
  emit("table_reads_1000_formulas", await tableReads1000Formulas(), "reads");
  emit("bundle_gzip_kb", bundleGzipKb(), "KB");
  const cli = await cliReviewMs10k();
  if (cli === null) note("cli_review_ms_10k: build/cli/src/cli/bin.js is missing (npm run build:cli), figure skipped");
  else emit("cli_review_ms_10k", cli, "ms");
  await largeFileFigures();
  tinyFileFigures();
  const copies = await cliCopies(200_000);
  emit("cli_copies_ms_200k", copies.ms, "ms");
  emit("cli_copies_peak_mb_200k", copies.peakMb, "MB");
  note(`done in ${round(ms(started) / 1000, 1)} s`);
}

main().catch((error: unknown) => {
  note(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
