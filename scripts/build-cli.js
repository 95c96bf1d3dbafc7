// npm run build:cli: compiles the command line with tsc into build/cli. The folder is emptied
// first: a source file that was moved or deleted (src/xlsx/package.ts became a folder) must not
// leave its old .js behind, where Node's resolution would prefer it to the new one.
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

function buildCli() {
  const root = path.resolve(__dirname, "..");
  fs.rmSync(path.join(root, "build", "cli"), { recursive: true, force: true });
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.cli.json")], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run build:cli failed:\n${r.stdout}${r.stderr}`);
}

module.exports = buildCli;
if (require.main === module) {
  try {
    buildCli();
  } catch (e) {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  }
}
