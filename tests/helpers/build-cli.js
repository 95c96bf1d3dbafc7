// Jest global setup: the command-line tests run the CLI as it ships, compiled by the project's
// normal build step (npm run build:cli), so build it once before any suite starts.
module.exports = require("../../scripts/build-cli.js");
