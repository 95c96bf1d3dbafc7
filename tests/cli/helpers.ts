import { spawnSync } from "child_process";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const FIXTURES = path.join(ROOT, "tests", "fixtures");
export const fixture = (name: string) => path.join(FIXTURES, `${name}.xlsx`);

/** The command line as `npm run build:cli` builds it (package.json "bin"); Jest's global setup builds it first. */
export const CLI = path.join(ROOT, "build", "cli", "src", "cli", "bin.js");

/** Runs the real command line and returns its output and status. */
export function cli(args: string[], cwd = ROOT, env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The review as JSON, asserting that stdout held exactly one JSON document. */
export function reviewJson(file: string, ...extra: string[]): any {
  const r = cli(["review", file, "--json", "--as-of", "2026-02-10", ...extra]);
  if (r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
