// Shared by start.js and stop.js: desktop sideloading through office-addin-debugging, which
// exists only on Windows and macOS and, like Office's other CLIs, exits 0 when it fails.
"use strict";

const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = "manifest.xml";
const FAILURE = /\b(error|unable to|failed|not supported|cannot)\b/i;

const WEB_INSTRUCTIONS = [
  "Desktop Excel is not available on this platform (" + process.platform + "): nothing was sideloaded.",
  "",
  "To try the add-in in Excel on the web instead:",
  "  1. Serve it: npm run dev-server   (keep it running; it serves https://localhost:3000 once",
  "     ~/.office-addin-dev-certs holds valid certificates and your browser trusts their CA:",
  "     see below)",
  "  2. Open a workbook in Excel on the web.",
  "  3. Home > Add-ins > More Settings > Upload My Add-in (older ribbons: Insert > Office Add-ins >",
  "     My Add-ins > Manage My Add-ins > Upload My Add-in).",
  "  4. Browse to " + path.join(ROOT, MANIFEST) + " and select Upload.",
  "  5. Home tab > Assignment Guard > Weekly review opens the pane; the CSP.* formulas load too.",
  "",
  "To remove it, clear the browser's cache for Excel on the web.",
].join("\n");

function desktopSupported() {
  return process.platform === "win32" || process.platform === "darwin";
}

/** Runs `office-addin-debugging <verb> manifest.xml ...` and returns an exit code that tells the truth. */
function runDebugging(verb, extraArgs) {
  const cli = require.resolve("office-addin-debugging/cli.js", { paths: [ROOT] });
  const result = spawnSync(process.execPath, [cli, verb, MANIFEST, ...extraArgs], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["inherit", "pipe", "pipe"],
  });
  process.stdout.write(result.stdout || "");
  process.stderr.write(result.stderr || "");
  const output = `${result.stdout || ""}\n${result.stderr || ""}`;
  if (result.error) {
    console.error(`office-addin-debugging ${verb} could not run: ${result.error.message}`);
    return 1;
  }
  const code = exitCodeFor(result.status, output);
  if (code !== 0) console.error(`office-addin-debugging ${verb} failed (exit status ${result.status}); see its output above.`);
  return code;
}

/** The exit code a run deserves: its own when non-zero, 1 when it exited 0 but reported a failure. */
function exitCodeFor(status, output) {
  if (status !== 0 && status !== null) return status;
  if (status === null || FAILURE.test(output)) return 1;
  return 0;
}

module.exports = { desktopSupported, runDebugging, exitCodeFor, WEB_INSTRUCTIONS, FAILURE };
