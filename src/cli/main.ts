import * as fs from "fs";
import * as path from "path";
import { LOG_SHEET_CANDIDATES, REVIEW_SHEET_CANDIDATES, buildReview, reviewToJson, serialForLocalDay } from "../core";
import { XlsxWorkbookHost } from "../xlsx/host";
import { UnusableInput, loadXlsx, writeFileAtomic } from "../xlsx/files";
import { accountantCopy } from "../xlsx/accountant";
import { SheetsTaken } from "../xlsx/own-sheets";
import { USAGE, parseArgs } from "./args";
import { readCsv } from "../csv/read";
import { csvSnapshot } from "../csv/host";
import { humanReport } from "./report";
import { Progress } from "./progress";

/** The folder holding package.json, wherever this file was compiled to. */
export function packageRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "package.json")) || !fs.existsSync(path.join(dir, "samples"))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export const SAMPLE = "samples/sample-positions.xlsx";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Where progress lines of a slow review go; none when absent. */
  progress?: (text: string) => void;
}
const stdio: Io = {
  out: (t) => process.stdout.write(t + "\n"),
  err: (t) => process.stderr.write(t + "\n"),
  // Only a person at a terminal wants progress; a script reading stderr wants the warnings alone.
  progress: process.stderr.isTTY ? (t) => process.stderr.write(t + "\n") : undefined,
};

function checkWritable(target: string): void {
  const dir = path.dirname(path.resolve(target));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UnusableInput(`cannot write ${target}: no folder ${dir}`);
}

/**
 * Parts of an .xlsx that exceljs reads past and does not write back. Zip entry names are
 * stored as plain bytes, so counting them needs no unzip.
 */
export function partsExceljsDrops(data: Buffer): string[] {
  const text = data.toString("latin1");
  const count = (re: RegExp) => new Set(text.match(re) ?? []).size;
  const out: string[] = [];
  const charts = count(/xl\/charts\/chart\d+\.xml/g);
  const pivots = count(/xl\/pivotTables\/pivotTable\d+\.xml/g);
  if (charts > 0) out.push(`${charts} chart${charts > 1 ? "s" : ""}`);
  if (pivots > 0) out.push(`${pivots} pivot table${pivots > 1 ? "s" : ""}`);
  return out;
}

/** The bytes of a .csv, or the usual refusal naming the file when it cannot be read. */
function readCsvFile(file: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UnusableInput(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
  }
}

/** A copy that would need the user's own sheets cannot be made from this input: exit 2, naming the file. */
async function unlessSheetsTaken<T>(shown: string, make: () => Promise<T>): Promise<T> {
  try {
    return await make();
  } catch (e) {
    if (e instanceof SheetsTaken) throw new UnusableInput(`${shown}: ${e.message}`);
    throw e;
  }
}

/** A sheet a copy wrote to, saying so when it is a fallback name because the usual sheet is the user's. */
function sheetNote(used: string, candidates: readonly string[]): string {
  const fallback = candidates.slice(1).some((c) => c.toLowerCase() === used.toLowerCase());
  return fallback ? `'${used}' (your own '${candidates[0]}' sheet is left as it is)` : `'${used}'`;
}

// Reading takes about a second per MB here, in one stretch no timer interrupts: announce it up front.
const LARGE_FILE = 1_000_000;
const fileSize = (file: string) => {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
};

/** Runs `review`; returns the exit status. */
export async function run(argv: readonly string[], io: Io = stdio): Promise<number> {
  const progress = new Progress(io.progress);
  try {
    const o = parseArgs(argv);
    if (o.help) {
      io.out(USAGE);
      return 0;
    }
    // `npm run review` runs in the package folder; paths the user typed are relative to where they typed them.
    const base = process.env.npm_lifecycle_event === "review" && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
    const here = (p: string) => path.resolve(base, p);
    if (o.out) o.out = here(o.out);
    if (o.accountant) o.accountant = here(o.accountant);
    const file = o.file ? here(o.file) : path.join(packageRoot(), SAMPLE);
    const shown = o.file ?? SAMPLE;
    if (o.out) checkWritable(o.out);
    if (o.accountant) checkWritable(o.accountant);
    const asOf = o.asOf ?? serialForLocalDay(new Date());

    // A broker's .csv is reviewed as it is; the copies need a workbook.
    const csv = /\.csv$/i.test(file);
    if (csv && (o.out || o.accountant)) throw new UnusableInput(`${shown}: --out and --accountant copy a workbook; a .csv is only reviewed`);
    const bytes = fileSize(file);
    progress.stage(`reading ${shown}${bytes >= LARGE_FILE ? ` (${(bytes / 1e6).toFixed(1)} MB)` : ""}`, bytes >= LARGE_FILE);
    const host = csv ? null : new XlsxWorkbookHost(await loadXlsx(file), { asOf, explicitTable: o.table });
    const lost = o.out ? partsExceljsDrops(fs.readFileSync(file)) : [];
    const snap = host ? await host.readSnapshot() : csvSnapshot(readCsv(readCsvFile(file), file), o.table);
    if (!snap.table) throw new UnusableInput(`${shown}: ${snap.message ?? "no position table"} (or pass --table NAME or --range 'Sheet!A1:H40')`);
    progress.stage(`reviewing ${snap.table.rows.length} rows`);
    const review = buildReview({
      table: snap.table,
      inputs: { ...snap.settings.inputs, ...o.inputs },
      overrides: snap.settings.overrides,
      asOf,
    });
    if (review.reading.problems.length > 0) {
      const where = snap.table.source ? `${snap.table.source.sheet}!${snap.table.source.range}` : "the table";
      throw new UnusableInput(`${shown}: ${where} cannot be read as positions: ${review.reading.problems.join("; ")}`);
    }
    // Both copies are built in memory before anything is printed or written, so a copy that
    // cannot be made stops the run with one line and no file.
    if (o.accountant || o.out) progress.stage("building the copies");
    const frozen = o.accountant ? await unlessSheetsTaken(shown, () => accountantCopy(fs.readFileSync(file), review)) : null;
    let reviewed: Uint8Array | null = null;
    if (o.out && host) {
      await host.highlight(review);
      await unlessSheetsTaken(shown, () => host.saveWeeklyReview(review));
      reviewed = await host.toBuffer();
    }

    const warnings = [...snap.settings.errors];
    const say = o.json ? io.err : io.out;

    if (o.json) io.out(JSON.stringify(reviewToJson(review), null, 2));
    else io.out(humanReport(review, shown, warnings));
    if (o.json) for (const w of warnings) io.err(`warning: ${w}`);

    // The accountant copy is edited part by part and keeps them; only the reviewed copy goes through exceljs.
    if (lost.length > 0) io.err(`warning: ${shown} holds ${lost.join(" and ")}, which exceljs cannot carry over: the reviewed copy (--out) lacks them`);
    if (o.accountant && frozen) {
      await writeFileAtomic(o.accountant, frozen.data);
      say(`Accountant copy: ${o.accountant} (${frozen.replaced.length} CSP formula cells replaced by their saved values), review on ${sheetNote(frozen.reviewSheet, REVIEW_SHEET_CANDIDATES)}`);
      if (frozen.missing.length > 0) {
        io.err(`warning: ${frozen.missing.length} CSP formula cells have no saved value and were left as formulas: ${frozen.missing.join(", ")}`);
      }
      if (frozen.keptWithGroup.length > 0) {
        io.err(
          `warning: ${frozen.keptWithGroup.length} CSP formula cells share their formula with a cell that has no saved value and were left as formulas too: ${frozen.keptWithGroup.join(", ")}`,
        );
      }
    }
    if (o.out && reviewed && host?.savedTo) {
      await writeFileAtomic(o.out, reviewed);
      const { reviewSheet, logSheet } = host.savedTo;
      say(`Reviewed copy: ${o.out} (highlights, review on ${sheetNote(reviewSheet, REVIEW_SHEET_CANDIDATES)}, a row added to the ReviewLog table on ${sheetNote(logSheet, LOG_SHEET_CANDIDATES)})`);
    }
    progress.done();
    return 0;
  } catch (e) {
    if (e instanceof UnusableInput) {
      io.err(`assignment-guard: ${e.message}`);
      return 2;
    }
    io.err(`assignment-guard: unexpected error: ${(e as Error).stack ?? String(e)}`);
    return 1;
  } finally {
    progress.stop();
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
