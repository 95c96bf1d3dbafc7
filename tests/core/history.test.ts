import { buildReview } from "../../src/core/review";
import { mapColumns } from "../../src/core/columns";
import { reduceHistory } from "../../src/core/history";
import { isTransactionHistory as isHistory } from "../../src/core/history-detect";
import { serialFromYmd } from "../../src/core/cells";
import { Cell, TableData } from "../../src/core/types";

/** RULES.md "Transaction histories", rule by rule, on small tables. */
const HEADER = ["Date", "Symbol", "Type", "Strike", "Expiration", "Qty", "Action", "Amount"];
type Row = [string, string, string, number, string, number, string, number?];

function table(rows: Row[], rowNumbers?: number[]): TableData {
  return { header: HEADER, rows: rows.map((r) => [...r].map((c) => (c === undefined ? null : c)) as Cell[]), headerRow: 1, firstColumn: 1, rowNumbers };
}
const reduce = (t: TableData) => reduceHistory(t, mapColumns(t.header));
const counted = (t: TableData) => reduce(t).rows.filter((r) => r.status === "counted") as Extract<ReturnType<typeof reduce>["rows"][number], { status: "counted" }>[];
const day = (iso: string) => serialFromYmd(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));

describe("transaction histories are reduced to open lots (RULES.md)", () => {
  test("a table whose action cells use closing words is a transaction history", () => {
    const t = table([["2026-01-02", "KO", "Put", 60, "2026-02-20", 1, "Sell to Open"], ["2026-01-09", "KO", "Put", 60, "2026-02-20", 1, "Buy to Close"]]);
    expect(isHistory(t, mapColumns(t.header))).toBe(true);
  });

  test("a plain position list (no closing words, no open/close column) is not a history", () => {
    const t = table([["2026-01-02", "KO", "Put", 60, "2026-02-20", 1, "Sell"]]);
    expect(isHistory(t, mapColumns(t.header))).toBe(false);
  });

  test("an Open/Close column makes a table a history", () => {
    const t: TableData = { header: ["Symbol", "Put/Call", "Strike", "Expiry", "Quantity", "Open/Close"], rows: [["KO", "P", 60, "2026-02-20", -1, "O"]], headerRow: 1, firstColumn: 1 };
    const reading = reduce(t);
    expect(isHistory(t, mapColumns(t.header))).toBe(true);
    expect(reading.rows).toMatchObject([{ status: "counted", strike: 60, contracts: 1 }]);
  });

  test("an opening sell adds a short lot dated by its trade date", () => {
    const [lot] = counted(table([["2026-01-02", "KO", "Put", 60, "2026-02-20", 2, "Sell to Open"]]));
    expect(lot).toMatchObject({ row: 2, contracts: 2, openDate: day("2026-01-02"), assignmentValueCents: 1_200_000 });
  });

  test("FIFO: a buy to close removes the oldest short lot first", () => {
    const rows = counted(
      table([
        ["2026-01-02", "KO", "Put", 60, "2026-02-20", 1, "Sell to Open"],
        ["2026-01-05", "KO", "Put", 60, "2026-02-20", 1, "Sell to Open"],
        ["2026-01-09", "KO", "Put", 60, "2026-02-20", 1, "Buy to Close"],
      ]),
    );
    expect(rows.map((r) => [r.row, r.openDate])).toEqual([[3, day("2026-01-05")]]);
  });

  test("a partial close keeps the rest of the lot with its opening row and date", () => {
    const rows = counted(
      table([
        ["2026-01-02", "T", "Put", 17, "2026-02-20", 5, "Sell to Open"],
        ["2026-01-09", "T", "Put", 17, "2026-02-20", 2, "Buy to Close"],
      ]),
    );
    expect(rows).toMatchObject([{ row: 2, contracts: 3, openDate: day("2026-01-02"), assignmentValueCents: 510_000 }]);
  });

  test("expiration closes a lot", () => {
    const t = table([["2026-01-02", "KO", "Put", 60, "2026-02-20", 1, "Sell to Open"], ["2026-02-20", "KO", "Put", 60, "2026-02-20", 1, "Expired"]]);
    expect(reduce(t)).toMatchObject({ trades: 2, openLots: 0, rows: [] });
  });

  test("assignment closes a lot", () => {
    const t = table([["2026-01-02", "KO", "Put", 60, "2026-02-20", 2, "Sell to Open"], ["2026-02-20", "KO", "Put", 60, "2026-02-20", 2, "Assigned"]]);
    expect(reduce(t).openLots).toBe(0);
  });

  test("exercise closes a long lot", () => {
    const t = table([["2026-01-02", "KO", "Call", 60, "2026-02-20", 1, "Buy to Open"], ["2026-02-20", "KO", "Call", 60, "2026-02-20", 1, "Exercised"]]);
    expect(reduce(t).openLots).toBe(0);
  });

  test("a close with no open lot removes nothing and is a note", () => {
    const reading = reduce(
      table([
        ["2026-01-02", "KO", "Put", 60, "2026-02-20", 1, "Buy to Close"],
        ["2026-01-05", "KO", "Put", 60, "2026-02-20", 1, "Sell to Open"],
      ]),
    );
    expect(reading.openLots).toBe(1);
    expect(reading.notes).toEqual(["Read as a transaction history: 2 trades, 1 open lot", expect.stringMatching(/^row 2: buy to close of 1 KO 2026-02-20 60 put with no open lot/)]);
  });

  test("sell to close removes long contracts, never short ones", () => {
    const reading = reduce(
      table([
        ["2026-01-02", "KO", "Put", 60, "2026-02-20", 1, "Sell to Open"],
        ["2026-01-05", "KO", "Put", 60, "2026-02-20", 1, "Sell to Close"],
      ]),
    );
    expect(reading.rows).toMatchObject([{ status: "counted", row: 2 }]);
    expect(reading.notes).toEqual(["Read as a transaction history: 2 trades, 1 open lot", expect.stringMatching(/^row 3: sell to close of 1 KO/)]);
  });

  test("contracts are grouped by underlying, expiration, strike and put/call: a close of another strike closes nothing", () => {
    const rows = counted(
      table([
        ["2026-01-02", "KO", "Put", 60, "2026-02-20", 1, "Sell to Open"],
        ["2026-01-05", "KO", "Put", 62, "2026-02-20", 1, "Buy to Close"],
        ["2026-01-06", "KO", "Put", 60, "2026-03-20", 1, "Buy to Close"],
        ["2026-01-07", "KO", "Call", 60, "2026-02-20", 1, "Buy to Close"],
      ]),
    );
    expect(rows.map((r) => r.row)).toEqual([2]);
  });

  test("open long lots and short calls are left out with the reason", () => {
    const rows = reduce(
      table([
        ["2026-01-02", "KO", "Put", 55, "2026-02-20", 1, "Buy to Open"],
        ["2026-01-02", "KO", "Call", 70, "2026-02-20", 1, "Sell to Open"],
      ]),
    ).rows;
    expect(rows).toMatchObject([
      { status: "excluded", reason: "long", row: 2 },
      { status: "excluded", reason: "not a put", row: 3 },
    ]);
  });

  test("each open lot is traced to the sheet row of its opening trade (rows under a section keep their sheet rows)", () => {
    const t = table([["2026-01-02", "KO", "Put", 60, "2026-02-20", 1, "Sell to Open"], ["2026-01-05", "PFE", "Put", 25, "2026-02-20", 4, "Sell to Open"]], [40, 47]);
    expect(counted(t).map((r) => r.row)).toEqual([40, 47]);
  });

  test("the ledger holds every option trade's net cash by trade date: credits +, debits -", () => {
    const reading = reduce(
      table([
        ["2026-01-02", "KO", "Put", 60, "2026-02-20", 1, "Sell to Open", 108.95],
        ["2026-01-09", "KO", "Put", 60, "2026-02-20", 1, "Buy to Close", -20.66],
      ]),
    );
    expect(reading.ledger).toEqual([
      { date: day("2026-01-02"), cents: 10895, row: 2 },
      { date: day("2026-01-09"), cents: -2066, row: 3 },
    ]);
  });

  test("the review says it read a history and how many trades and open lots it found", () => {
    const review = buildReview({
      table: table([
        ["2026-01-02", "KO", "Put", 60, "2026-02-20", 2, "Sell to Open"],
        ["2026-01-05", "PFE", "Put", 25, "2026-02-20", 4, "Sell to Open"],
        ["2026-01-09", "KO", "Put", 60, "2026-02-20", 2, "Buy to Close"],
      ]),
      inputs: { accountValue: 100000, cash: 40000, vix: 18 },
      asOf: day("2026-01-10")!,
    });
    expect(review.reading.notes[0]).toBe("Read as a transaction history: 3 trades, 1 open lot");
    expect(review.reading).toMatchObject({ layout: "history", history: { format: "transaction history", trades: 3, openLots: 1 } });
    expect(review.exposureCents).toBe(1_000_000);
  });

  test("an option row whose contract cannot be read is an error row, never skipped", () => {
    const t: TableData = { header: ["Date", "Symbol", "Qty", "Action"], rows: [["2026-01-02", "KO SOMETHING PUT", 1, "Sell to Open"]], headerRow: 1, firstColumn: 1 };
    const rows = reduce(t).rows;
    expect(rows).toMatchObject([{ status: "error", row: 2, problems: [{ column: "Symbol", cell: "B2" }] }]);
  });

  test("a side word that is no trade word is an error row", () => {
    const t = table([["2026-01-02", "KO", "Put", 60, "2026-02-20", 1, "Sell to Open"], ["2026-01-03", "KO", "Put", 60, "2026-02-20", 1, "Rolled?"], ["2026-01-04", "KO", "Put", 60, "2026-02-20", 1, "BTC"]]);
    expect(reduce(t).rows.map((r) => [r.row, r.status])).toEqual([[3, "error"]]);
  });
});

describe("order lists without open/close words (RULES.md)", () => {
  const HEAD = ["Name", "Symbol", "Side", "Status", "Filled", "Total Qty", "Price", "Avg Price", "Time-in-Force", "Placed Time", "Filled Time"];
  const order = (side: string, status: string, filled: number, symbol = "KO260220P00060000", time = "01/02/2026 10:00:00 EST"): Cell[] => [symbol, symbol, side, status, filled, filled || 1, "@1.00", "1.00", "DAY", time, filled ? time : null];
  const webull = (rows: Cell[][]): TableData => ({ header: HEAD, rows: [...rows].reverse(), headerRow: 1, firstColumn: 1 });

  test("a sell adds to the short contracts, a buy closes them first", () => {
    const t = webull([order("Sell", "Filled", 3, undefined, "01/02/2026 10:00:00 EST"), order("Buy", "Filled", 1, undefined, "01/05/2026 10:00:00 EST")]);
    const reading = reduce(t);
    expect(reading.rows).toMatchObject([{ status: "counted", contracts: 2 }]);
  });

  test("a buy with no short open opens a long lot", () => {
    const reading = reduce(webull([order("Buy", "Filled", 2)]));
    expect(reading.rows).toMatchObject([{ status: "excluded", reason: "long" }]);
  });

  test("a cancelled order is no trade", () => {
    const reading = reduce(webull([order("Sell", "Cancelled", 0)]));
    expect(reading).toMatchObject({ trades: 0, openLots: 0 });
  });

  test("a rejected order is no trade", () => {
    const reading = reduce(webull([order("Sell", "Rejected", 0)]));
    expect(reading.trades).toBe(0);
  });

  test("an order cancelled after part of it filled trades the part that filled", () => {
    const reading = reduce(webull([order("Sell", "Cancelled", 2)]));
    expect(reading.rows).toMatchObject([{ status: "counted", contracts: 2 }]);
  });
});
