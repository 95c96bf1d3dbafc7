import fs from "fs";
import path from "path";
import type { Review } from "../src/core/types";
import { writeCopies } from "../src/xlsx/files";
import { buildReviewedCopy } from "../src/xlsx/reviewed";
import { buildAccountantCopy } from "../src/xlsx/accountant";

/**
 * One run of both copies in a process of its own, so its peak memory is the copies' alone:
 * `node copies-child.js INPUT.xlsx REVIEW.json OUTDIR` prints {"ms", "peakMb"} on stdout.
 */
async function main(): Promise<void> {
  const [input, reviewFile, outDir] = process.argv.slice(2);
  const review = JSON.parse(fs.readFileSync(reviewFile, "utf8")) as Review;
  const start = process.hrtime.bigint();
  await writeCopies<unknown>(input, [
    { target: { flag: "--out", path: path.join(outDir, "reviewed.xlsx") }, build: (pkg) => buildReviewedCopy(pkg, review) },
    { target: { flag: "--accountant", path: path.join(outDir, "accountant.xlsx") }, build: (pkg) => buildAccountantCopy(pkg, review) },
  ]);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms, peakMb: process.resourceUsage().maxRSS / 1024 }) + "\n");
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
