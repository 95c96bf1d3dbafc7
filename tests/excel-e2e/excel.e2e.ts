import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawn, spawnSync, ChildProcess } from "child_process";
import { TestServer } from "office-addin-test-server";

/**
 * The acceptance run in real desktop Excel (`npm run test:excel`, Windows or macOS), in the
 * generator templates' style: a test server receives what the add-in saw inside Excel
 * (tests/excel-e2e/in-excel.ts), and this file checks it against the workbook model's
 * assumptions (tests/helpers/excel-model.ts, listed in docs/excel.md).
 */
const ROOT = path.resolve(__dirname, "..", "..");
const PORT = 4201;
let server: TestServer;
let devServer: ChildProcess | null = null;
let manifest = "";
let results: Record<string, unknown> = {};

function debugging(verb: "start" | "stop"): void {
  const cli = require.resolve("office-addin-debugging/cli.js", { paths: [ROOT] });
  const extra = verb === "start" ? ["desktop", "--app", "excel", "--no-debug", "--dev-server-port", "3000"] : [];
  const run = spawnSync(process.execPath, [cli, verb, manifest, ...extra], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0 || /\b(error|unable to|failed)\b/i.test(`${run.stdout}${run.stderr}`)) {
    throw new Error(`office-addin-debugging ${verb} failed:\n${run.stdout}\n${run.stderr}`);
  }
}

beforeAll(async () => {
  // The add-in's manifest with the acceptance page as its shared runtime.
  manifest = path.join(os.tmpdir(), "assignment-guard-e2e-manifest.xml");
  fs.writeFileSync(manifest, fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8").replace(/taskpane\.html/g, "excel-e2e.html"));
  server = new TestServer(PORT);
  await server.startTestServer(true);
  const webpackCli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  devServer = spawn(process.execPath, [webpackCli, "serve", "--mode", "development", "--config", path.join(__dirname, "webpack.e2e.js")], { cwd: ROOT, stdio: "inherit" });
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  debugging("start");
  const raw = (await server.getTestResults()) as unknown as { name: string; value: unknown }[];
  results = Object.fromEntries(raw.map((r) => [r.name, r.value]));
});

afterAll(async () => {
  try {
    debugging("stop");
  } finally {
    devServer?.kill();
    await server?.stopTestServer();
  }
});

describe("real Excel against the workbook model's assumptions", () => {
  test("nothing failed inside Excel", () => expect(results.error).toBeUndefined());

  test("the worked example through the formulas: headroom -700 at VIX 18; VIXCAP with its arguments answers", () => {
    expect(results["headroom at VIX 18"]).toBe(-700);
    expect(results["vixcap with its arguments"]).toBe(0.3);
  });

  test("a VIX that changes by recalculation reaches the formulas without F9 (onCalculated)", () => {
    expect(results["headroom after the VIX feed moved to 26 (no F9)"]).toBe(9300);
  });

  test("a constant name: type Double, getRangeOrNullObject null, getRange fails; saved back as a constant", () => {
    expect(results["constant name: type, value, formula, getRangeOrNullObject is null"]).toMatchObject({ nameType: "Double", nameValue: 0.47, constantHasRange: false, showHeaders: true });
    expect(results["getRange() on a constant name fails"]).not.toBe("no error");
    expect(results["constant setting saved as a constant"]).toEqual({ type: "Double", value: 0.48 });
  });

  test("the reader finds the table and the inputs as the model does", () => {
    expect(results["snapshot found"]).toMatch(/^Positions: table Positions \(A1:G5\) on sheet 'E2E'/);
    expect(results["snapshot inputs"]).toMatchObject({ accountValue: 100000, cash: 40000, vix: 26, highVixCap: 0.48 });
  });

  test("highlight twice, then clear: our rules replace each other and go; the user's two rules stay", () => {
    const twice = results["rules after highlighting twice"] as { ours: boolean }[];
    expect(twice.filter((r) => r.ours)).toHaveLength(2);
    expect(twice.filter((r) => !r.ours)).toHaveLength(2);
    expect(results["rules after clear"]).toEqual([
      { type: "Custom", ours: false },
      { type: "Custom", ours: false },
    ]);
  });

  test("the broker import: one table, shrunk by deleting table rows and grown by adding them, in place", () => {
    expect(results["import first: result"]).toEqual({ sheet: "Broker Positions", rows: 3, replaced: false });
    expect(results["import first: table"]).toEqual({ address: "'Broker Positions'!$A$4:$J$7", tables: 1 });
    expect(results["import shorter: result"]).toEqual({ sheet: "Broker Positions", rows: 1, replaced: true });
    expect(results["import shorter: table"]).toEqual({ address: "'Broker Positions'!$A$4:$J$5", tables: 1 });
    expect(results["import longer: table"]).toEqual({ address: "'Broker Positions'!$A$4:$J$7", tables: 1 });
  });
});
