#!/usr/bin/env node
// npm stop: unload the sideloaded add-in from desktop Excel and stop the dev server it started.
"use strict";

const { desktopSupported, runDebugging } = require("./desktop-debugging");

if (!desktopSupported()) {
  console.log(
    "Desktop Excel is not available on this platform (" + process.platform + "): nothing was sideloaded, so nothing\n" +
      "was stopped. If you started `npm run dev-server`, stop it with Ctrl+C; to remove the add-in from\n" +
      "Excel on the web, clear the browser's cache for Excel on the web."
  );
  process.exit(0);
}
process.exit(runDebugging("stop", ["desktop"]));
