import * as fs from "fs";
import * as path from "path";
import { BrokerImport, Review, brokerImport, buildReview, checkImport, serialForLocalDay, toDollars, UNREADABLE_TYPE } from "../core";
import { Target, UnusableInput, checkTargets, sameFile, writeCopies } from "../xlsx/files";
import { ImportRefused, ImportResult, importIntoPackage } from "../xlsx/import";
import { parseImportArgs } from "./args";
import { readInput, userPath } from "./input";
import { Progress } from "./progress";
import { terminalJson, visible } from "./terminal";
import type { Io } from "./main";

/**
 * `assignment-guard import BROKER.csv --into BOOK.xlsx [--out COPY.xlsx]`: reviews the broker
 * file as `review` would, checks that the tables it writes review the same, then writes them into
 * the workbook (in place, through a temporary file renamed over it once everything succeeded; or
 * into the copy --out names).
 */

const money = (cents: number) => `$${toDollars(cents).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** What the import did, in the lines the user reads. */
function importLines(review: Review, imp: BrokerImport, done: ImportResult, shownFile: string, shownBook: string): { lines: string[]; warnings: string[] } {
  const p = done.positions;
  const lines = [
    `Imported ${shownFile} into ${shownBook}: ${review.countedRowCount} open short put${review.countedRowCount === 1 ? "" : "s"}, exposure ${money(review.exposureCents)}, ` +
      `in table ${p.table} on sheet '${p.sheet}'${p.replaced ? " (the previous import replaced)" : " (a new sheet)"}`,
  ];
  if (done.ledger) lines.push(`Ledger: ${done.ledger.rows} option cash amount${done.ledger.rows === 1 ? "" : "s"} in table ${done.ledger.table} on sheet '${done.ledger.sheet}'${done.ledger.replaced ? " (the previous import replaced)" : ""}`);
  else lines.push("Ledger: a position list has no cash ledger; BrokerLedger was not written");
  const left = Object.entries(imp.leftOut).map(([why, n]) => `${n} ${why}`);
  if (left.length > 0) lines.push(`Not imported (open, but not short puts): ${left.join(", ")}`);
  lines.push(done.setting.message);
  const warnings: string[] = [];
  if (review.errorRowCount > 0) {
    warnings.push(`${review.errorRowCount} row${review.errorRowCount === 1 ? "" : "s"} of ${shownFile} could not be read; imported as unreadable rows (Type '${UNREADABLE_TYPE}'), so the review stays not confirmed until the broker file is fixed and imported again`);
  }
  if (!done.setting.written && !/already names/.test(done.setting.message)) warnings.push(done.setting.message);
  return { lines, warnings };
}

export async function runImport(argv: readonly string[], ctx: { io: Io; err: (t: string) => void; progress: Progress }): Promise<number> {
  const { io, err, progress } = ctx;
  const o = parseImportArgs(argv);
  const file = userPath(o.file);
  const book = userPath(o.into);
  if (!fs.existsSync(book)) throw new UnusableInput(`--into ${o.into}: no such workbook (the import writes into an existing .xlsx)`);
  if (sameFile(file, book)) throw new UnusableInput(`${o.file} is both the broker file and the workbook to import into: name the workbook with --into`);
  // In place: the file the user named (a symbolic link's target) is replaced once the new one is complete.
  const target: Target = o.out ? { flag: "--out", path: userPath(o.out) } : { flag: "--into", path: fs.realpathSync(book) };
  if (o.out) checkTargets(book, [target]);
  if (o.out && sameFile(file, target.path)) throw new UnusableInput(`--out ${o.out} is the broker file: name another file (nothing was written)`);

  progress.stage(`reading ${o.file}`);
  const snap = await readInput(file, o.file, o.table);
  if (!snap.table) throw new UnusableInput(`${o.file}: ${snap.message ?? "no position table"} (or pass --table NAME or --range 'Sheet!A1:H40')`);
  const review = buildReview({ table: snap.table, inputs: {}, overrides: snap.settings.overrides, asOf: o.asOf ?? serialForLocalDay(new Date()) });
  if (review.reading.problems.length > 0) throw new UnusableInput(`${o.file}: cannot be read as positions: ${review.reading.problems.join("; ")} (nothing was written)`);
  const imp = brokerImport(review, { file: path.basename(o.file), format: review.reading.history?.format ?? "position list" });
  try {
    checkImport(review, imp);
  } catch (e) {
    throw new UnusableInput(`${o.file}: ${(e as Error).message} (nothing was written)`);
  }

  progress.stage(`writing ${o.out ?? o.into}`);
  let done: ImportResult;
  try {
    [done] = await writeCopies(book, [{ target, build: (pkg) => importIntoPackage(pkg, imp) }]);
  } catch (e) {
    if (e instanceof ImportRefused) throw new UnusableInput(`${o.into}: ${e.message} (nothing was written)`);
    throw e;
  }
  const shownBook = o.out ?? o.into;
  const { lines, warnings } = importLines(review, imp, done, path.basename(o.file), shownBook);
  if (o.json) {
    io.out(terminalJson(JSON.stringify({ imported: done, leftOut: imp.leftOut, exposure: toDollars(review.exposureCents), countedRows: review.countedRowCount, errorRows: review.errorRowCount }, null, 2)));
    for (const l of lines) err(l);
  } else for (const l of lines) io.out(visible(l));
  for (const w of warnings) err(`warning: ${w}`);
  progress.done();
  return 0;
}
