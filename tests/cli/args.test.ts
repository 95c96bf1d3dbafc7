import { parseArgs, parseMoneyArg, USAGE } from "../../src/cli/args";
import { cli, fixture } from "./helpers";

describe("money flags (--account, --cash) take amounts as people type them", () => {
  test.each([
    ["100000", 100000],
    ["100,000", 100000],
    ["$100,000", 100000],
    ["100k", 100000],
    ["100K", 100000],
    ["1.5m", 1500000],
    ["1.5M", 1500000],
    ["$1.5m", 1500000],
    ["1.1k", 1100],
    ["87,500.25", 87500.25],
    ["0", 0],
    ["0.5k", 500],
  ])("%s is %d dollars", (text, dollars) => {
    expect(parseMoneyArg("--cash", text)).toBe(dollars);
  });

  test("both flags use it", () => {
    expect(parseArgs(["review", "--account", "250k", "--cash", "$60,000"]).inputs).toEqual({ accountValue: 250000, cash: 60000 });
  });

  test.each(["lots", "k", "1.5b", "100,00", "1,5m", "m100"])("%s is refused as not a number", (text) => {
    expect(() => parseMoneyArg("--account", text)).toThrow(/--account: '.*' is not a number \(amounts: 100000, 100,000, 100k, 1\.5m\)/);
  });

  // What the shell leaves of an unquoted dollar amount: $1 (an empty positional parameter) is cut.
  test.each([
    ["$100,000", "00,000"],
    ["$100000", "00000"],
    ["$10,000", "0,000"],
    ["$1,000,000", ",000,000"],
  ])("unquoted %s arrives as %s and is refused, saying to quote it", (_typed, arrived) => {
    expect(() => parseMoneyArg("--account", arrived)).toThrow(/looks like a \$ amount the shell cut short; quote it: --account '\$100,000'/);
  });

  test("--help says how to write amounts and to quote a dollar sign", () => {
    expect(USAGE).toContain("100000, 100,000, 100k, 1.5m");
    expect(USAGE).toContain("--account '$100,000'");
    expect(USAGE).toMatch(/unquoted, the shell turns it into 00,000/);
  });

  test("--vix is a level, not an amount: 18k is refused", () => {
    expect(parseArgs(["--vix", "18.5"]).inputs.vix).toBe(18.5);
    expect(() => parseArgs(["--vix", "18k"])).toThrow(/--vix: '18k' is not a number/);
  });

  test("the command line refuses what the shell left of $100,000 with exit 2 and one line, and takes 1.5m", () => {
    const refused = cli(["review", fixture("worked-example"), "--json", "--cash", "00,000"]);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr.trim().split("\n")).toEqual([expect.stringContaining("quote it: --cash '$100,000'")]);

    const taken = cli(["review", fixture("worked-example"), "--json", "--as-of", "2026-02-10", "--account", "1.5m", "--cash", "$250,000"]);
    expect(taken.status).toBe(0);
    expect(JSON.parse(taken.stdout).settings).toMatchObject({ accountValue: 1500000, cash: 250000 });
  });
});
