// Jest global setup: the command-line tests run the CLI as it ships, compiled by the project's
// normal build step (npm run build:cli), so build it once before any suite starts.
const { spawnSync } = require("child_process");
const path = require("path");

module.exports = function buildCli() {
  const root = path.resolve(__dirname, "..", "..");
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.cli.json")], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run build:cli failed:\n${r.stdout}${r.stderr}`);
};
