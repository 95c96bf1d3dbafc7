import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const ESLINT = path.join(ROOT, "node_modules", "eslint", "bin", "eslint.js");
const BAD = "var x: any = 1;\nexport default x;\n";

/** Exit status of lint over BAD text as if it were this file (no file is written). */
function lint(file: string): number | null {
  const r = spawnSync(process.execPath, [ESLINT, "--no-warn-ignored", "--stdin", "--stdin-filename", file], { cwd: ROOT, input: BAD, encoding: "utf8" });
  return r.status;
}

// Build output (npm run build:preview writes dist-preview/ with office.js's own .d.ts) must never
// make `npm test` fail: every folder git ignores is ignored by lint too.
test("lint ignores every folder .gitignore names, and still reads the sources", () => {
  const folders = fs
    .readFileSync(path.join(ROOT, ".gitignore"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.endsWith("/"));
  expect(folders).toContain("dist-preview/");
  for (const folder of folders) expect([folder, lint(`${folder}office-js/office.d.ts`)]).toEqual([folder, 0]);
  expect(lint("src/core/probe.ts")).toBe(1);
}, 60_000);
