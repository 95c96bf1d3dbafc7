#!/usr/bin/env node
// npm run test:excel: the acceptance run in desktop Excel (tests/excel-e2e). Desktop Excel exists
// only on Windows and macOS; anywhere else this says so in one line and fails, since nothing ran.
"use strict";

const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");

if (process.platform !== "win32" && process.platform !== "darwin") {
  console.error(`npm run test:excel needs desktop Excel on Windows or macOS; this machine runs ${process.platform}, so nothing was run.`);
  process.exit(1);
}
const jest = require.resolve("jest/bin/jest.js", { paths: [ROOT] });
const run = spawnSync(process.execPath, [jest, "--config", path.join("tests", "excel-e2e", "jest.config.js"), "--runInBand"], { cwd: ROOT, stdio: "inherit" });
process.exit(run.status === null ? 1 : run.status);
