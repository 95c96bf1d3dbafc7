#!/usr/bin/env node
// The installed command (package.json "bin"): `assignment-guard review [FILE] [options]`.
import { run } from "./main";

run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
