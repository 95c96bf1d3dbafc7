import * as fs from "fs";
import * as path from "path";
import { run } from "../../src/cli/main";
import { fixture, ROOT } from "./helpers";
import { tmp } from "../xlsx/user-sheets";

/**
 * INCOME.md "Where income comes from", a transaction history: each option trade's net cash in the
 * month of its trade date. Reviewed as the broker file, the income is the history's ledger; after
 * `import` into a workbook, the BrokerLedger table the import wrote gives the same months.
 */
jest.setTimeout(120_000);
const HISTORY = path.join(ROOT, "tests", "fixtures", "real", "brokers", "tastytrade-history-2021-01.csv");
const ARGS = ["--json", "--account", "100000", "--cash", "40000", "--vix", "18", "--as-of", "2021-02-15"];

async function inProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await run(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { status, stdout: out.join("\n"), stderr: err.join("\n") };
}

test("a broker history's ledger is the income, and the imported BrokerLedger gives the same months", async () => {
  const direct = await inProcess(["review", HISTORY, ...ARGS]);
  expect(direct.status).toBe(0);
  const history = JSON.parse(direct.stdout);
  const ledger = history.reading.history.ledger as { date: string; amount: number }[];
  // January 2021's trades, summed straight from the ledger the reduction gave, in cents.
  const january = ledger.filter((e) => e.date.startsWith("2021-01")).reduce((s, e) => s + Math.round(e.amount * 100), 0) / 100;
  expect(january).not.toBe(0);
  expect(history.income.months[11]).toEqual({ month: "2021-01", income: january });
  expect(history.income.t12).toBe(january);

  const book = path.join(tmp(), "book.xlsx");
  fs.copyFileSync(fixture("worked-example"), book);
  const imported = await inProcess(["import", HISTORY, "--into", book, "--as-of", "2021-02-15"]);
  expect(imported.status).toBe(0);
  const after = await inProcess(["review", book, ...ARGS]);
  expect(after.status).toBe(0);
  const workbook = JSON.parse(after.stdout);
  expect(workbook.table.name).toBe("BrokerPositions");
  expect(workbook.income.months).toEqual(history.income.months);
  expect(workbook.income.incomeProblems).toEqual([]);
});
