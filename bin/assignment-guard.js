#!/usr/bin/env node
"use strict";
// assignment-guard review [FILE.xlsx] [options]: see `assignment-guard --help`.
const path = require("path");
const { ensureBuilt, OUT } = require("./build-cli");

ensureBuilt();
require(path.join(OUT, "src", "cli", "main.js"))
  .run(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
