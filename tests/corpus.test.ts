/**
 * The real-file corpus (tests/fixtures/real/): every `<name>.expected.json` is reviewed through the
 * command line, `review FILE --json ARGS`, and only the keys present under `expect` are compared,
 * one test per key, the way every runner compares (tests/helpers/expected-files.ts).
 * Expected figures are worked out by hand from RULES.md (the file's `worked` says how), never taken
 * from this program's output.
 */
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { CLI } from "./cli/helpers";
import type { ReviewJson } from "../src/core/json";
import { ExpectedFile as Expected, Run, actualFor, checkKey } from "./helpers/expected-files";

const ROOT = path.resolve(__dirname, "..");
const REAL = path.join(ROOT, "tests", "fixtures", "real");

/**
 * Expectations the core does not meet yet, per file and key, each run as a test.failing so it
 * turns red the day it passes and the entry must go. Empty since core-reading's rules were
 * merged. Never make an expected file agree with a wrong answer instead.
 */
const PENDING: Record<string, { keys: string[]; reason: string }> = {};

function expectedFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "parts" ? [] : expectedFiles(p);
    return e.name.endsWith(".expected.json") ? [p] : [];
  });
}

const files = expectedFiles(REAL).sort();
jest.setTimeout(120_000);

test("the corpus has files from Excel, LibreOffice and rebuilt shapes, each with a worked expectation", () => {
  const origins = new Set(files.map((f) => (JSON.parse(fs.readFileSync(f, "utf8")) as Expected).origin));
  expect([...origins].sort()).toEqual(expect.arrayContaining(["excel-desktop", "libreoffice", "rebuilt"]));
  for (const f of files) {
    const e = JSON.parse(fs.readFileSync(f, "utf8")) as Expected;
    expect([f, typeof e.source, typeof e.worked, e.worked.length > 40]).toEqual([f, "string", "string", true]);
    expect(fs.existsSync(f.replace(/\.expected\.json$/, ".xlsx")) || fs.existsSync(f.replace(/\.expected\.json$/, ".csv"))).toBe(true);
  }
});

describe.each(files.map((f) => [path.relative(REAL, f).replace(/\.expected\.json$/, ""), f]))("%s", (name, file) => {
  const e = JSON.parse(fs.readFileSync(file, "utf8")) as Expected;
  const workbook = fs.existsSync(file.replace(/\.expected\.json$/, ".xlsx")) ? file.replace(/\.expected\.json$/, ".xlsx") : file.replace(/\.expected\.json$/, ".csv");
  let run: { run: Run; json: ReviewJson | null } | null = null;
  const review = () => {
    if (!run) {
      const r = spawnSync(process.execPath, [CLI, "review", workbook, "--json", ...e.args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
      const result: Run = { status: r.status, stdout: r.stdout, stderr: r.stderr };
      run = { run: result, json: r.status === 0 ? (JSON.parse(r.stdout) as ReviewJson) : null };
      // A refusal is one line naming what it looked at, never a stack trace.
      if (r.status === 2) expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    return run;
  };
  const pending = PENDING[name];
  for (const [key, want] of Object.entries(e.expect)) {
    const check = () => {
      const r = review();
      const needsJson = key !== "exitCode" && key !== "stderr" && !(key === "verdict" && r.run.status === 2);
      if (needsJson && r.json === null) throw new Error(`${key}: exit ${r.run.status}: ${r.run.stderr}`);
      checkKey(key, actualFor(key, r.run, r.json as ReviewJson), want);
    };
    if (pending?.keys.includes(key)) test.failing(`${key} (${pending.reason})`, check);
    else test(key, check);
  }
});
