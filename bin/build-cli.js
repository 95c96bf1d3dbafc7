#!/usr/bin/env node
"use strict";
// Compiles the command line (src/cli, src/xlsx, src/csv, src/core, scripts/build-fixtures.ts) into
// build/cli with the project's own TypeScript when any source is newer than the last build,
// so a fresh clone needs no build step and a built one starts in plain Node.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "build", "cli");
const STAMP = path.join(OUT, ".stamp");
const LOCK = path.join(ROOT, "build", ".cli-build.lock");
const SOURCES = ["src/core", "src/host", "src/xlsx", "src/csv", "src/cli", "scripts/build-fixtures.ts", "tsconfig.json", "tsconfig.cli.json"];

function newestSource() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const s of SOURCES) visit(path.join(ROOT, s));
  return newest;
}

function fresh() {
  try {
    return fs.statSync(STAMP).mtimeMs >= newestSource();
  } catch {
    return false;
  }
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function compile() {
  const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  if (!fs.existsSync(tsc)) {
    process.stderr.write("assignment-guard: TypeScript is not installed: run npm install first\n");
    process.exit(2);
  }
  const started = Date.now();
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.cli.json")], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) {
    // tsc reports on stdout; stdout belongs to the review (--json), so pass it to stderr.
    process.stderr.write(`assignment-guard: TypeScript reported errors building the command line:\n${r.stdout}${r.stderr}`);
    // tsc still emits on type errors; run that output rather than nothing, and rebuild next time.
    if (!fs.existsSync(path.join(OUT, "src", "cli", "main.js"))) process.exit(1);
    return;
  }
  fs.writeFileSync(path.join(ROOT, "build", ".gitignore"), "*\n");
  fs.writeFileSync(STAMP, String(started));
  // The stamp must not be newer than a source edited during the build.
  const t = new Date(started);
  fs.utimesSync(STAMP, t, t);
}

/** Builds when stale; concurrent callers (parallel tests) wait for one build. */
function ensureBuilt() {
  if (fresh()) return;
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    let fd;
    try {
      fd = fs.openSync(LOCK, "wx");
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      // A lock older than two minutes is left over from a killed build.
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > 120000) fs.rmSync(LOCK, { force: true });
      } catch {}
      sleep(100);
      if (fresh()) return;
      continue;
    }
    try {
      if (!fresh()) compile();
    } finally {
      fs.closeSync(fd);
      fs.rmSync(LOCK, { force: true });
    }
    return;
  }
}

module.exports = { ensureBuilt, OUT };
if (require.main === module) ensureBuilt();
