/**
 * The income workbooks of issue 12's "Done when" (tests/fixtures/income/, built by
 * scripts/build-fixtures.ts): each `<name>.expected.json`, in the team's expected-file format, is
 * reviewed through the command line (`review FILE --json ARGS`) and only the keys under `expect`
 * are compared, by the one comparison of every expected-file runner (tests/helpers/expected-files.ts).
 * Every figure was worked out by hand from INCOME.md (the file's `worked` says how).
 */
import * as fs from "fs";
import * as path from "path";
import { cli, FIXTURES } from "./helpers";
import { actualFor, checkKey, ExpectedFile as Expected } from "../helpers/expected-files";

const DIR = path.join(FIXTURES, "income");

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
  let run: ReturnType<typeof cli> | null = null;
  const review = () => (run ??= cli(["review", path.join(DIR, `${name}.xlsx`), "--json", ...e.args]));
  for (const [key, want] of Object.entries(e.expect)) {
    test(key, () => {
      const r = review();
      if (key !== "exitCode" && key !== "verdict" && r.status !== 0) throw new Error(`exit ${r.status}: ${r.stderr}`);
      checkKey(key, actualFor(key, r, r.status === 0 ? JSON.parse(r.stdout) : null), want);
    });
  }
});
