import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli, fixture, reviewJson, ROOT } from "./helpers";

jest.setTimeout(120_000);

describe("review --json: the worked example of RULES.md end to end", () => {
  test("every figure, row and the contract's shape", () => {
    const j = reviewJson(fixture("worked-example"));
    expect(j.table).toEqual({ sheet: "Positions", name: "Positions", range: "A1:H9" });
    expect(j.settings).toEqual({ accountValue: 100000, cash: 40000, vix: 18, highVixCap: 0.45, concentrationLimit: 0.1 });
    expect(j).toMatchObject({ capPct: 0.3, budget: 30000, exposure: 30700, headroom: -700, withinCap: false, backing: "cash-secured", cashShortfall: 0 });
    expect(j.underlyings[0]).toEqual({ underlying: "KO", exposure: 12200, pctOfAccount: 0.122, overLimit: true });
    expect(j.rows[0]).toMatchObject({ row: 2, status: "counted", underlying: "KO", assignmentValue: 6000, runningTotal: 6000, overBudget: false, overConcentration: true, expiredOpen: false });
    expect(j.rows.filter((r: any) => r.status === "counted").map((r: any) => r.runningTotal)).toEqual([6000, 16000, 24500, 30700]);
    expect(j.rows.find((r: any) => r.row === 6)).toMatchObject({ status: "excluded", reason: "closed" });
    expect(j.rows.find((r: any) => r.row === 7)).toMatchObject({ status: "error", column: "Strike", cell: "D7" });
    expect(j.rows.find((r: any) => r.row === 8)).toMatchObject({ status: "excluded", reason: "not a put" });
    expect(j.rows.find((r: any) => r.row === 9)).toMatchObject({ status: "excluded", reason: "long" });
    expect(j.overBudgetRows).toEqual([5]);
    expect(j.concentrationRows).toEqual([2, 5]);
    expect(j.inputErrors).toEqual([]);
  });

  test("flags override the workbook's inputs for one review", () => {
    const j = reviewJson(fixture("worked-example"), "--account", "200000", "--vix", "35", "--high-vix-cap", "0.5", "--concentration", "0.2");
    expect(j.settings).toMatchObject({ accountValue: 200000, vix: 35, highVixCap: 0.5, concentrationLimit: 0.2 });
    expect(j).toMatchObject({ capPct: 0.5, budget: 100000, withinCap: true, overBudgetRows: [] });
    expect(j.underlyings.every((u: any) => !u.overLimit)).toBe(true);
  });

  test("npm run --silent review -- FILE --json prints one JSON document and nothing else", () => {
    const { spawnSync } = require("child_process");
    const r = spawnSync("npm", ["run", "--silent", "review", "--", "tests/fixtures/worked-example.xlsx", "--json", "--as-of", "2026-02-10"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).exposure).toBe(30700);
  });

  test("--as-of decides expired-but-open", () => {
    expect(reviewJson(fixture("worked-example")).expiredOpenRows).toEqual([]);
    const later = cli(["review", fixture("worked-example"), "--json", "--as-of", "2026-03-21"]);
    expect(JSON.parse(later.stdout).expiredOpenRows).toEqual([2, 3, 4, 5]);
  });
});

describe("broker headers and other tables", () => {
  test("IBKR: Symbol + UnderlyingSymbol, signed Quantity, Expiry yyyymmdd, Multiplier", () => {
    const j = reviewJson(fixture("ibkr"));
    expect(j.table).toEqual({ sheet: "Open Positions", name: "OpenPositions", range: "A1:G8" });
    expect(j.mapping.columns).toMatchObject({ symbol: "Symbol", underlying: "UnderlyingSymbol", type: "Put/Call", strike: "Strike", expiration: "Expiry", quantity: "Quantity", multiplier: "Multiplier" });
    // KO 60, PFE 25x4, T 17x5, KO 62 and the mini XSP 50 x10 multiplier.
    expect(j.exposure).toBe(31200);
    expect(j.rows.find((r: any) => r.row === 6)).toMatchObject({ status: "excluded", reason: "long" });
    expect(j.rows.find((r: any) => r.row === 7)).toMatchObject({ status: "excluded", reason: "not a put" });
    expect(j.rows.find((r: any) => r.row === 8)).toMatchObject({ status: "counted", multiplier: 10, assignmentValue: 500 });
  });

  test("tastytrade: Type is the instrument, Call/Put the right, Exp Date as text", () => {
    const j = reviewJson(fixture("tastytrade"));
    expect(j.mapping.columns).toMatchObject({ type: "Call/Put", strike: "Strike Price", expiration: "Exp Date", quantity: "Quantity" });
    expect(j).toMatchObject({ exposure: 30700, backing: "portfolio-backed", cashShortfall: 10700, overBudgetRows: [5] });
    expect(j.rows.find((r: any) => r.row === 6)).toMatchObject({ status: "excluded" });
  });

  test("a plain range under a title row: a total row does not end it, the rows below are read too", () => {
    const j = reviewJson(fixture("plain-range"));
    expect(j.table).toEqual({ sheet: "Put log", name: null, range: "A4:F13" });
    expect(j.exposure).toBe(30700);
    expect(j.overBudgetRows).toEqual([9]);
    expect(j.rows.map((r: any) => r.row)).toEqual([5, 6, 8, 9, 11, 13]);
  });

  test("two tables and none named Positions: the first visible sheet with a recognisable header row", () => {
    const r = cli(["review", fixture("two-tables"), "--account", "100000", "--vix", "18"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Puts2025");
    expect(r.stdout).toContain("the first visible sheet with a recognisable header row");
  });

  test("--range and --table pick the table explicitly", () => {
    expect(reviewJson(fixture("plain-range"), "--range", "'Put log'!A4:F6").exposure).toBe(16000);
    expect(reviewJson(fixture("two-tables"), "--table", "Puts2026", "--account", "100000", "--vix", "18").exposure).toBe(14700);
  });

  test("numbers typed as text read like numbers", () => {
    const j = reviewJson(fixture("text-numbers"));
    expect(j.settings.accountValue).toBe(100000);
    expect(j.exposure).toBe(30700);
    expect(j.rows.every((r: any) => r.status === "counted")).toBe(true);
  });

  test("bad cells become error rows with their cell, never zero; a bad date still counts", () => {
    const j = reviewJson(fixture("bad-cells"));
    const errors = j.rows.filter((r: any) => r.status === "error").map((r: any) => [r.row, r.cell]);
    expect(errors).toEqual([[3, "D3"], [4, "E4"], [5, "E5"], [6, "D6"], [7, "D7"]]);
    expect(j.rows.find((r: any) => r.row === 7).message).toContain("#N/A");
    const bac = j.rows.find((r: any) => r.row === 8);
    expect(bac).toMatchObject({ status: "counted", assignmentValue: 4000 });
    expect(bac.problems[0]).toMatchObject({ cell: "F8", column: "Expiration" });
    // Rich text, a formula's cached result and a hyperlink read as their values.
    expect(j.rows.find((r: any) => r.row === 9)).toMatchObject({ underlying: "DIS", strike: 100 });
    expect(j.rows.find((r: any) => r.row === 10)).toMatchObject({ underlying: "MSFT", expiredOpen: true });
  });

  test("missing inputs: null figures explained in inputErrors, exposure still shown", () => {
    const j = reviewJson(fixture("two-tables"), "--table", "Puts2025");
    expect(j).toMatchObject({ budget: null, headroom: null, withinCap: null, capPct: null, exposure: 16000, backing: "unknown" });
    expect(j.inputErrors.map((e: any) => e.input)).toEqual(["AccountValue", "Cash", "VIX"]);
  });
});

describe("exit status 2 with one line on stderr for unusable input", () => {
  const cases: [string, string[], RegExp][] = [
    ["no such file", [path.join(ROOT, "tests", "fixtures", "nope.xlsx")], /no such file/],
    ["not an .xlsx", [fixture("not-a-workbook")], /not an \.xlsx/],
    ["no position table", [fixture("no-table")], /no position table/],
    ["a table the rules cannot read", [fixture("no-quantity")], /No quantity column/],
    ["--table naming no table", [fixture("worked-example"), "--table", "Nope"], /positions table 'Nope' does not exist \(tables: 'Positions'\)/],
    ["--range on a missing sheet", [fixture("worked-example"), "--range", "Nope!A1:B2"], /on sheet 'Nope', which does not exist/],
    ["--high-vix-cap above 50%", [fixture("worked-example"), "--high-vix-cap", "0.6"], /50% max deployment/],
    ["--high-vix-cap below 45%", [fixture("worked-example"), "--high-vix-cap", "0.4"], /below 45%/],
    ["--concentration out of range", [fixture("worked-example"), "--concentration", "1.5"], /concentration limit/],
    ["--account not a number", [fixture("worked-example"), "--account", "lots"], /not a number/],
    ["--account 0", [fixture("worked-example"), "--account", "0"], /at least \$1/],
    ["--account under $1", [fixture("worked-example"), "--account", "0.004"], /--account must be at least \$1, not 0.004/],
    ["--cash below 0", [fixture("worked-example"), "--cash", "-1"], /0 or more/],
    ["--vix 0", [fixture("worked-example"), "--vix", "0"], /above 0/],
    ["--as-of not a date", [fixture("worked-example"), "--as-of", "tomorrow"], /not a date/],
    ["an unknown option", [fixture("worked-example"), "--frobnicate"], /unknown option/],
    ["a flag without its value", [fixture("worked-example"), "--vix"], /needs a value/],
    ["--out into a missing folder", [fixture("worked-example"), "--out", "/nonexistent/dir/x.xlsx"], /no folder/],
  ];
  test.each(cases)("%s", (_name, args, message) => {
    const r = cli(["review", ...args, "--json"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe("the bundled sample", () => {
  test("`review` with no file reviews samples/sample-positions.xlsx: over budget with a concentration breach", () => {
    const r = cli(["review", "--as-of", "2026-11-23"], os.tmpdir());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("samples/sample-positions.xlsx");
    expect(r.stdout).toContain("OVER BUDGET by $14,300.00");
    expect(r.stdout).toMatch(/NVDA .* OVER LIMIT/);
    expect(r.stdout).toMatch(/row 19 +F19 \(Strike\): '4O' is not a number/);
    const j = JSON.parse(cli(["review", "--json", "--as-of", "2026-11-23"]).stdout);
    expect(j).toMatchObject({ exposure: 101800, budget: 87500, withinCap: false, backing: "portfolio-backed", overBudgetRows: [20, 22, 23], expiredOpenRows: [23] });
    expect(j.rows.length).toBeGreaterThanOrEqual(20);
    expect(j.rows.length).toBeLessThanOrEqual(40);
  });

  test("--help prints the usage", () => {
    const r = cli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("usage: assignment-guard review");
  });

  test("a failed write leaves no file and no temporary file behind", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-"));
    const target = path.join(dir, "sub");
    fs.mkdirSync(target); // a folder where the file should go: the rename fails
    const r = cli(["review", fixture("worked-example"), "--out", target]);
    expect(r.status).not.toBe(0);
    expect(fs.readdirSync(dir)).toEqual(["sub"]);
    expect(fs.readdirSync(target)).toEqual([]);
  });
});
