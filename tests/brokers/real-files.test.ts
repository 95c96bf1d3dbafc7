import * as fs from "fs";
import * as path from "path";
import { cli, ROOT } from "../cli/helpers";
import { ExpectedFile, checkExpected } from "../helpers/expected-files";

/**
 * Every broker file in tests/fixtures/real/brokers/ runs through the real command line
 * (`review FILE --json ARGS`) and must give the figures its expected file holds, worked out by
 * hand. Only the keys present under `expect` are checked (tests/helpers/expected-files.ts).
 */
const DIR = path.join(ROOT, "tests", "fixtures", "real", "brokers");
const files = fs.readdirSync(DIR).filter((f) => /\.expected\.json$/.test(f)).sort();
jest.setTimeout(120_000);

describe("real broker files give the figures worked out by hand", () => {
  test("the corpus is there", () => {
    expect(files.length).toBeGreaterThanOrEqual(13);
  });

  test.each(files)("%s", (name) => {
    const expected = JSON.parse(fs.readFileSync(path.join(DIR, name), "utf8")) as ExpectedFile;
    expect(expected.source.length).toBeGreaterThan(10);
    expect(expected.worked.length).toBeGreaterThan(10);
    const data = fs.readdirSync(DIR).find((f) => f !== name && f.startsWith(name.replace(/\.expected\.json$/, ".")) && !f.endsWith(".json"));
    expect(data).toBeDefined();
    checkExpected(expected, cli(["review", path.join(DIR, data!), "--json", ...expected.args]));
  });
});
