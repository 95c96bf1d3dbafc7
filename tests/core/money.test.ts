import { buildReview, Cell, RawInputs, Review, reviewToJson, serialFromYmd, TableData, verdict } from "../../src/core";

// RULES.md "Where the inputs come from": amounts, and "all sums are exact in whole cents".
const asOf = serialFromYmd(2026, 3, 1)!;
const inputs: RawInputs = { accountValue: 100000, cash: 40000, vix: 18 };
const header: Cell[] = ["Ticker", "Type", "Strike", "Qty"];
function review(rows: Cell[][], raw: RawInputs = inputs): Review {
  const table: TableData = { header, rows, headerRow: 1, firstColumn: 1 };
  return buildReview({ table, inputs: raw, asOf });
}

/** Every number anywhere in a JSON value, with its path. */
function numbers(value: unknown, path = "$"): [string, number][] {
  if (typeof value === "number") return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

describe("Money bounds", () => {
  test("Money: a single assignment value above $1,000,000,000,000 is rejected as a typing mistake", () => {
    const r = review([["BIG", "Put", 1_000_000_000, 20], ["KO", "Put", 60, 1]]);
    expect(r.rows[0]).toMatchObject({ status: "error", problems: [{ column: "Qty", message: "strike x multiplier x quantity is above $1,000,000,000,000: a typing mistake" }] });
    expect(r.exposureCents).toBe(600_000);
    expect(verdict(r).state).toBe("unconfirmed");
  });
  test("Money: $1,000,000,000,000 exactly is accepted", () => {
    const r = review([["BIG", "Put", 1_000_000_000, 10]], { ...inputs, accountValue: 1e12 });
    expect(r.exposureCents).toBe(1e14);
    expect(r.reading.problems).toEqual([]);
  });
  test("Money: a total above $1,000,000,000,000 is rejected: the table cannot be read as it stands", () => {
    const r = review([["A", "Put", 600_000_000, 10], ["B", "Put", 600_000_000, 10]]);
    expect(r.reading.problems).toEqual(["the total exposure is above $1,000,000,000,000: a strike, quantity or multiplier is mistyped"]);
    expect(verdict(r).state).toBe("unreadable");
  });
  test("Money: AccountValue below $1 gives no budget and asks to set AccountValue; no Infinity or NaN anywhere", () => {
    for (const accountValue of [0.5, 0.001, 0, "$0.99"]) {
      const r = review([["KO", "Put", 60, 1]], { ...inputs, accountValue } as RawInputs);
      expect(r.inputErrors[0]).toEqual({ input: "AccountValue", message: "set AccountValue: it must be at least $1" });
      expect(r.budgetCents).toBeNull();
      expect(r.exposurePctOfAccount).toBeNull();
      expect(r.exposureCents).toBe(600_000);
      expect(verdict(r)).toMatchObject({ state: "no-budget", text: "set AccountValue: it must be at least $1" });
      const json = reviewToJson(r);
      for (const [path, n] of numbers(json)) expect([path, Number.isFinite(n)]).toEqual([path, true]);
      expect(JSON.stringify(json)).not.toMatch(/Infinity|NaN/);
    }
    const one = review([["KO", "Put", 60, 1]], { ...inputs, accountValue: 1 });
    expect(one.budgetCents).toBe(30);
    expect(Number.isFinite(one.exposurePctOfAccount!)).toBe(true);
  });
  test("Money: sums are exact in whole cents", () => {
    const rows: Cell[][] = [];
    for (let i = 0; i < 3000; i++) rows.push(["X", "Put", [17.35, 327.5, 0.07, 2.49][i % 4], 1 + (i % 3)]);
    const r = review(rows);
    let cents = 0;
    for (let i = 0; i < 3000; i++) cents += [1735, 32750, 7, 249][i % 4] * 100 * (1 + (i % 3));
    expect(r.exposureCents).toBe(cents);
    expect(Number.isInteger(r.exposureCents)).toBe(true);
    expect(reviewToJson(r).exposure).toBe(cents / 100);
  });
});
