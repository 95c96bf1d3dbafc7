import { spawnSync } from "child_process";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const FIXTURES = path.join(ROOT, "tests", "fixtures");
export const fixture = (name: string) => path.join(FIXTURES, `${name}.xlsx`);

/** Runs the real command line (bin/assignment-guard.js) and returns its output and status. */
export function cli(args: string[], cwd = ROOT): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, "bin", "assignment-guard.js"), ...args], { cwd, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The review as JSON, asserting that stdout held exactly one JSON document. */
export function reviewJson(file: string, ...extra: string[]): any {
  const r = cli(["review", file, "--json", "--as-of", "2026-02-10", ...extra]);
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
