#!/usr/bin/env node
// npm start: sideload manifest.xml into desktop Excel (Windows/macOS) with the dev server.
"use strict";

const { desktopSupported, runDebugging, WEB_INSTRUCTIONS } = require("./desktop-debugging");

if (!desktopSupported()) {
  console.log(WEB_INSTRUCTIONS);
  process.exit(0);
}
process.exit(runDebugging("start", ["desktop", "--app", "excel"]));
