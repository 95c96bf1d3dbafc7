import { spawnSync } from "child_process";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Progress } from "../../src/cli/progress";
import { CLI, cli } from "./helpers";

describe("Progress: lines only for a review that takes more than a second", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test("a quick review prints nothing", () => {
    const lines: string[] = [];
    const p = new Progress((l) => lines.push(l));
    p.stage("reading a.xlsx");
    jest.advanceTimersByTime(400);
    p.stage("reviewing 24 rows");
    jest.advanceTimersByTime(400);
    p.done();
    jest.advanceTimersByTime(5000);
    expect(lines).toEqual([]);
  });

  test("after a second the current stage shows, later stages show as they start, and the end is said", () => {
    const lines: string[] = [];
    const p = new Progress((l) => lines.push(l));
    p.stage("reading big.xlsx");
    jest.advanceTimersByTime(999);
    expect(lines).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(lines).toEqual(["assignment-guard: reading big.xlsx..."]);
    jest.advanceTimersByTime(500);
    p.stage("reviewing 80000 rows");
    p.done();
    expect(lines).toEqual(["assignment-guard: reading big.xlsx...", "assignment-guard: reviewing 80000 rows...", "assignment-guard: done in 1.5 s"]);
  });

  test("a stage known to be slow shows at once", () => {
    const lines: string[] = [];
    new Progress((l) => lines.push(l)).stage("reading big.xlsx (1.9 MB)", true);
    expect(lines).toEqual(["assignment-guard: reading big.xlsx (1.9 MB)..."]);
  });

  test("with nowhere to write (stderr not a terminal) nothing is scheduled", () => {
    const p = new Progress(undefined);
    p.stage("reading big.xlsx", true);
    expect(jest.getTimerCount()).toBe(0);
    p.done();
  });
});

describe("the command line on a large workbook", () => {
  jest.setTimeout(90_000);
  let dir: string;
  let big: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-progress-"));
    big = path.join(dir, "big.xlsx");
    const wb = new ExcelJS.Workbook();
    const header = ["Ticker", "Type", "Strike", "Qty", "Expiry", "Side", "Status"];
    const rows = Array.from({ length: 50_000 }, (_, i) => [`T${i % 997}`, "Put", 10 + (i % 90), 1, "2027-01-15", "Short", "Open"]);
    wb.addWorksheet("Log").addTable({ name: "Positions", ref: "A1", headerRow: true, columns: header.map((name) => ({ name })), rows });
    await wb.xlsx.writeFile(big);
    expect(fs.statSync(big).size).toBeGreaterThan(1_000_000);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const args = () => ["review", big, "--json", "--account", "10m", "--cash", "2m", "--vix", "18", "--as-of", "2026-03-01"];

  test("at a terminal, progress goes to stderr while stdout holds exactly the JSON review", () => {
    // script(1) gives the command a terminal; stdout goes to a file, so what the terminal shows is stderr.
    const out = path.join(dir, "review.json");
    const command = [process.execPath, CLI, ...args()].map((a) => `'${a}'`).join(" ") + ` > '${out}'`;
    const run = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", timeout: 80_000 });
    expect(run.status).toBe(0);
    const terminal = run.stdout.replace(/\r/g, "").trim().split("\n");
    expect(terminal[0]).toMatch(/^assignment-guard: reading .*big\.xlsx \(1\.\d MB\)\.\.\.$/);
    expect(terminal).toContainEqual(expect.stringMatching(/^assignment-guard: done in \d+\.\d s$/));
    expect(JSON.parse(fs.readFileSync(out, "utf8")).rows).toHaveLength(50_000);
  });

  test("with stderr not a terminal (a script, a pipe), no progress at all", () => {
    const r = cli(args());
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    const review = JSON.parse(r.stdout);
    expect(review.rows).toHaveLength(50_000);
    // One contract each at strikes 10..99 in turn: 555 full turns of 90 (sum 4,905) and 50 more (10..59, sum 1,725).
    expect(review.exposure).toBe((555 * 4905 + 1725) * 100);
  });
});
