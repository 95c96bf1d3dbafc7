import * as fs from "fs";
import * as path from "path";
import { LOG_SHEET_CANDIDATES, REVIEW_SHEET_CANDIDATES, Review, buildReview, reviewToJson, serialForLocalDay } from "../core";
import { CopyJob, Target, UnusableInput, checkTargets, writeCopies } from "../xlsx/files";
import { reviewRequestOf } from "../host/workbook-host";
import { AccountantResult, buildAccountantCopy } from "../xlsx/accountant";
import { ReviewedResult, buildReviewedCopy } from "../xlsx/reviewed";
import { USAGE, parseArgs } from "./args";
import { isCsv, readInput, userPath } from "./input";
import { runImport } from "./import";
import { humanReport } from "./report";
import { visible } from "./terminal";
import { jsonPieces } from "./json-out";
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
  /** Writes text as it is (no newline added): long output goes out in pieces. Without it, pieces are joined for out(). */
  write?: (text: string) => void;
  err: (text: string) => void;
  /** Where progress lines of a slow review go; none when absent. */
  progress?: (text: string) => void;
}
const stdio: Io = {
  out: (t) => process.stdout.write(t + "\n"),
  write: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t + "\n"),
  // Only a person at a terminal wants progress; a script reading stderr wants the warnings alone.
  progress: process.stderr.isTTY ? (t) => process.stderr.write(t + "\n") : undefined,
};

/** The review as JSON, in pieces where the host can take them (a 200,000-row review is 47 MB of text). */
function writeJson(io: Io, doc: ReturnType<typeof reviewToJson>): void {
  if (io.write) {
    for (const piece of jsonPieces(doc)) io.write(piece);
    return;
  }
  io.out([...jsonPieces(doc)].join("").replace(/\n$/, ""));
}

/** A sheet a copy wrote to, saying so when it is a fallback name because the usual sheet is the user's. */
function sheetNote(used: string, candidates: readonly string[]): string {
  const fallback = candidates.slice(1).some((c) => c.toLowerCase() === used.toLowerCase());
  return fallback ? `'${used}' (your own '${candidates[0]}' sheet is left as it is)` : `'${used}'`;
}

type Made = { kind: "reviewed"; result: ReviewedResult } | { kind: "accountant"; result: AccountantResult & { reviewSheet: string } };

/** The copies asked for, as jobs on the input package. */
function copyJobs(review: Review, out: string | null, accountant: string | null): CopyJob<Made>[] {
  const jobs: CopyJob<Made>[] = [];
  if (out) jobs.push({ target: { flag: "--out", path: out }, build: async (pkg) => ({ kind: "reviewed", result: await buildReviewedCopy(pkg, review) }) });
  if (accountant) jobs.push({ target: { flag: "--accountant", path: accountant }, build: async (pkg) => ({ kind: "accountant", result: await buildAccountantCopy(pkg, review) }) });
  return jobs;
}

/** What each copy did, as lines for the user (stdout, or stderr beside --json) and warnings. */
function copyLines(made: Made[], out: string | null, accountant: string | null): { lines: string[]; warnings: string[] } {
  const lines: string[] = [];
  const warnings: string[] = [];
  for (const m of made) {
    if (m.kind === "accountant") {
      const r = m.result;
      lines.push(`Accountant copy: ${accountant} (${r.replaced.length} CSP formula cells replaced by their saved values), review on ${sheetNote(r.reviewSheet, REVIEW_SHEET_CANDIDATES)}`);
      if (r.missing.length > 0) warnings.push(`${r.missing.length} CSP formula cells have no saved value and were left as formulas: ${r.missing.join(", ")}`);
      if (r.keptWithGroup.length > 0) {
        warnings.push(`${r.keptWithGroup.length} CSP formula cells share their formula with a cell that has no saved value and were left as formulas too: ${r.keptWithGroup.join(", ")}`);
      }
    } else {
      const r = m.result;
      lines.push(`Reviewed copy: ${out} (highlights, review on ${sheetNote(r.reviewSheet, REVIEW_SHEET_CANDIDATES)}, a row added to the ${r.log.table} table on ${sheetNote(r.log.sheet, LOG_SHEET_CANDIDATES)})`);
      if (r.log.fallback) warnings.push(`${r.log.fallback}: the log row went to table ${r.log.table} on sheet '${r.log.sheet}' instead, so none of your cells moved`);
    }
  }
  return { lines, warnings };
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

/** Runs `review` or `import`; returns the exit status. */
export async function run(argv: readonly string[], io: Io = stdio): Promise<number> {
  // Everything that reaches a terminal is one line per message, control characters made visible.
  const err = (t: string) => io.err(visible(t));
  const debug = argv.includes("--debug");
  if (io === stdio) guardProcess(debug);
  const progress = new Progress(io.progress ? (t) => io.progress!(visible(t)) : undefined);
  try {
    if (argv[0] === "import" && !argv.includes("--help") && !argv.includes("-h")) return await runImport(argv, { io, err, progress });
    const o = parseArgs(argv);
    if (o.help) {
      io.out(USAGE);
      return 0;
    }
    const here = userPath;
    const file = o.file ? here(o.file) : path.join(packageRoot(), SAMPLE);
    const shown = o.file ?? SAMPLE;
    const targets: Target[] = [];
    if (o.out) targets.push({ flag: "--out", path: here(o.out) });
    if (o.accountant) targets.push({ flag: "--accountant", path: here(o.accountant) });
    // Before reading or writing anything: no output may be the input or the other output.
    if (fs.existsSync(file)) checkTargets(file, targets);
    const asOf = o.asOf ?? serialForLocalDay(new Date());

    // A broker's .csv is reviewed as it is; the copies need a workbook.
    const csv = isCsv(file);
    if (csv && targets.length > 0) throw new UnusableInput(`${shown}: --out and --accountant copy a workbook; a .csv is only reviewed`);
    const bytes = fileSize(file);
    progress.stage(`reading ${shown}${bytes >= LARGE_FILE ? ` (${(bytes / 1e6).toFixed(1)} MB)` : ""}`, bytes >= LARGE_FILE);
    const snap = await readInput(file, shown, o.table);
    if (!snap.table) throw new UnusableInput(`${shown}: ${snap.message ?? "no position table"} (or pass --table NAME or --range 'Sheet!A1:H40')`);
    progress.stage(`reviewing ${snap.table.rows.length} rows`);
    const review = buildReview(reviewRequestOf({ ...snap, table: snap.table }, asOf, o.inputs));
    if (review.reading.problems.length > 0) {
      const where = snap.table.source ? `${snap.table.source.sheet}!${snap.table.source.range}` : "the table";
      throw new UnusableInput(`${shown}: ${where} cannot be read as positions: ${review.reading.problems.join("; ")}`);
    }
    // Both copies are written to temporary files and renamed into place before anything is
    // printed, so a copy that cannot be made stops the run with one line and no file.
    const outPath = o.out ? here(o.out) : null;
    const accPath = o.accountant ? here(o.accountant) : null;
    if (targets.length > 0) progress.stage("writing the copies");
    const made = targets.length > 0 ? await writeCopies(file, copyJobs(review, outPath, accPath)) : [];

    const warnings = [...snap.settings.errors];
    if (o.json) writeJson(io, reviewToJson(review));
    else io.out(humanReport(review, shown, warnings));
    if (o.json) for (const w of warnings) err(`warning: ${w}`);
    const copies = copyLines(made, outPath, accPath);
    for (const line of copies.lines) (o.json ? err : (t: string) => io.out(visible(t)))(line);
    for (const w of copies.warnings) err(`warning: ${w}`);
    progress.done();
    return 0;
  } catch (e) {
    if (e instanceof UnusableInput) {
      err(`assignment-guard: ${e.message}`);
      return 2;
    }
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    err(`assignment-guard: unexpected error: ${message}${debug ? "" : " (rerun with --debug to see where it happened)"}`);
    if (debug && e instanceof Error && e.stack) io.err(e.stack);
    return 1;
  } finally {
    progress.stop();
  }
}

let guarded = false;
/** A failure outside the review's own promise chain is still one line, never a stack trace. */
function guardProcess(debug: boolean): void {
  if (guarded) return;
  guarded = true;
  const last = (e: unknown) => {
    process.stderr.write(visible(`assignment-guard: unexpected error: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}${debug ? "" : " (rerun with --debug to see where it happened)"}`) + "\n");
    if (debug && e instanceof Error && e.stack) process.stderr.write(e.stack + "\n");
    process.exit(1);
  };
  process.on("uncaughtException", last);
  process.on("unhandledRejection", last);
  // A promise that never settles must not end the process silently with status 0.
  process.on("beforeExit", () => {
    if (process.exitCode === undefined) last(new Error("the review stopped before it finished"));
  });
}

if (require.main === module) {
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
