import * as fs from "fs";
import * as path from "path";
import { cli, ROOT } from "../cli/helpers";

/**
 * Every broker file in tests/fixtures/real/brokers/ runs through the real command line
 * (`review FILE --json ARGS`) and must give the figures its expected file holds, worked out by
 * hand. Only the keys present under `expect` are checked.
 */
const DIR = path.join(ROOT, "tests", "fixtures", "real", "brokers");

interface Expected {
  source: string;
  origin: string;
  args: string[];
  expect: {
    exitCode?: number;
    verdict?: string;
    exposure?: number;
    countedRows?: number;
    errorRows?: number[];
    overBudgetRows?: number[];
    trades?: number;
    openLots?: number;
    stderr?: string;
    ledgerTotal?: number;
  };
  worked: string;
}

const files = fs.readdirSync(DIR).filter((f) => /\.expected\.json$/.test(f)).sort();

describe("real broker files give the figures worked out by hand", () => {
  test("the corpus is there", () => {
    expect(files.length).toBeGreaterThanOrEqual(13);
  });

  test.each(files)("%s", (name) => {
    const expected = JSON.parse(fs.readFileSync(path.join(DIR, name), "utf8")) as Expected;
    expect(expected.source.length).toBeGreaterThan(10);
    expect(expected.worked.length).toBeGreaterThan(10);
    const data = fs.readdirSync(DIR).find((f) => f !== name && f.startsWith(name.replace(/\.expected\.json$/, ".")) && !f.endsWith(".json"));
    expect(data).toBeDefined();
    const r = cli(["review", path.join(DIR, data!), "--json", ...expected.args]);
    const e = expected.expect;
    if (e.exitCode !== undefined) expect({ exit: r.status, stderr: r.stderr }).toEqual({ exit: e.exitCode, stderr: expect.any(String) });
    if (e.stderr !== undefined) expect(r.stderr).toContain(e.stderr);
    if (r.status !== 0) return;
    const j = JSON.parse(r.stdout);
    const rows = j.rows as { row: number; status: string }[];
    if (e.verdict !== undefined) expect(j.verdict).toBe(e.verdict);
    if (e.exposure !== undefined) expect(j.exposure).toBe(e.exposure);
    if (e.countedRows !== undefined) expect(rows.filter((x) => x.status === "counted").length).toBe(e.countedRows);
    if (e.errorRows !== undefined) expect(rows.filter((x) => x.status === "error").map((x) => x.row)).toEqual(e.errorRows);
    if (e.overBudgetRows !== undefined) expect(j.overBudgetRows).toEqual(e.overBudgetRows);
    if (e.trades !== undefined) expect(j.history?.trades).toBe(e.trades);
    if (e.openLots !== undefined) expect(j.history?.openLots).toBe(e.openLots);
    if (e.ledgerTotal !== undefined) {
      const cents = (j.history.ledger as { amount: number }[]).reduce((s, x) => s + Math.round(x.amount * 100), 0);
      expect(cents / 100).toBe(e.ledgerTotal);
    }
  });
});
