/**
 * The income workbooks of issue 12's "Done when" (tests/fixtures/income/, built by
 * scripts/build-fixtures.ts): each `<name>.expected.json`, in the team's expected-file format, is
 * reviewed through the command line (`review FILE --json ARGS`) and only the keys under `expect`
 * are compared; objects and lists of objects as subsets, as the real-file corpus compares them.
 * Every figure was worked out by hand from INCOME.md (the file's `worked` says how).
 */
import * as fs from "fs";
import * as path from "path";
import { cli, FIXTURES } from "./helpers";

const DIR = path.join(FIXTURES, "income");

interface Expected {
  source: string;
  origin: string;
  args: string[];
  expect: Record<string, unknown>;
  worked: string;
}

/** What the review says for one expected key (the corpus runner's names). */
function actual(key: string, exit: number | null, json: any): unknown {
  switch (key) {
    case "exitCode":
      return exit;
    case "verdict":
      return exit === 2 ? "unreadable" : json.verdict.state;
    case "countedRows":
      return json.rows.filter((r: any) => r.status === "counted").length;
    case "errorRows":
      return json.rows.filter((r: any) => r.status === "error").map((r: any) => r.row);
    default:
      return json[key];
  }
}

const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".expected.json")).sort();
jest.setTimeout(60_000);

test("the three income workbooks of issue 12 are here, each with a hand-worked expectation", () => {
  expect(files).toEqual(["credit-debit-cash-flows.expected.json", "per-share-premium-log.expected.json", "weekly-log-discipline.expected.json"]);
  for (const f of files) {
    const e = JSON.parse(fs.readFileSync(path.join(DIR, f), "utf8")) as Expected;
    expect([f, typeof e.source, e.origin, e.worked.length > 200, Array.isArray(e.args)]).toEqual([f, "string", "rebuilt", true, true]);
    expect(fs.existsSync(path.join(DIR, f.replace(/\.expected\.json$/, ".xlsx")))).toBe(true);
  }
});

describe.each(files.map((f) => [f.replace(/\.expected\.json$/, "")]))("%s", (name) => {
  const e = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.expected.json`), "utf8")) as Expected;
  let run: { status: number | null; json: any; stderr: string } | null = null;
  const review = () => {
    if (!run) {
      const r = cli(["review", path.join(DIR, `${name}.xlsx`), "--json", ...e.args]);
      run = { status: r.status, json: r.status === 0 ? JSON.parse(r.stdout) : null, stderr: r.stderr };
    }
    return run;
  };
  for (const [key, want] of Object.entries(e.expect)) {
    test(key, () => {
      const r = review();
      if (key !== "exitCode" && key !== "verdict" && r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
      const got = actual(key, r.status, r.json);
      if (want !== null && typeof want === "object" && !Array.isArray(want)) expect(got).toMatchObject(want as object);
      else expect(got).toEqual(want);
    });
  }
});
