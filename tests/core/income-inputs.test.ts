import { assignmentCashCents, backingOf, readIncomeInputs, shareOfCents } from "../../src/core/income-inputs";

describe("INCOME.md Inputs", () => {
  test("defaults: Withdrawal 0, Reserve 0, CSP_ReserveMonths 12, CSP_ReserveInAccount TRUE, CSP_PayoutRatio 0.75, CSP_MaxRaise 0.10, CSP_PremiumPerShare TRUE", () => {
    const { settings, errors } = readIncomeInputs({});
    expect(settings).toEqual({
      incomeTargetCents: null,
      withdrawalCents: 0,
      reserveCents: 0,
      reserveMonths: 12,
      reserveInAccount: true,
      payoutRatio: 0.75,
      maxRaise: 0.1,
      premiumPerShare: true,
    });
    // IncomeTarget has no default: coverage asks for it.
    expect(errors).toEqual([{ input: "IncomeTarget", message: expect.stringMatching(/^set IncomeTarget/) }]);
  });

  test("values as people type them: $3,000, 75%, yes/no, FALSE", () => {
    const { settings, errors } = readIncomeInputs({
      incomeTarget: "$3,000",
      withdrawal: 2000,
      reserve: "20000.50",
      reserveMonths: 6,
      reserveInAccount: "no",
      payoutRatio: "60%",
      maxRaise: 0.05,
      premiumPerShare: false,
    });
    expect(errors).toEqual([]);
    expect(settings).toEqual({
      incomeTargetCents: 300_000,
      withdrawalCents: 200_000,
      reserveCents: 2_000_050,
      reserveMonths: 6,
      reserveInAccount: false,
      payoutRatio: 0.6,
      maxRaise: 0.05,
      premiumPerShare: false,
    });
  });

  test.each([
    ["incomeTarget", 0, "IncomeTarget", /set IncomeTarget .*above 0/],
    ["incomeTarget", "abc", "IncomeTarget", /set IncomeTarget .*'abc' is not a number/],
    ["withdrawal", -5, "Withdrawal", /set Withdrawal .*0 or more/],
    ["reserve", "lots", "Reserve", /set Reserve .*not a number/],
    ["reserveMonths", 61, "CSP_ReserveMonths", /set CSP_ReserveMonths to a number from 0 to 60/],
    ["reserveMonths", -1, "CSP_ReserveMonths", /from 0 to 60/],
    ["payoutRatio", 1.5, "CSP_PayoutRatio", /set CSP_PayoutRatio to a number from 0 to 1/],
    ["payoutRatio", "80 %x", "CSP_PayoutRatio", /from 0 to 1/],
    ["maxRaise", -0.1, "CSP_MaxRaise", /set CSP_MaxRaise to a number from 0 to 1/],
    ["reserveInAccount", "maybe", "CSP_ReserveInAccount", /set CSP_ReserveInAccount to TRUE or FALSE/],
    ["premiumPerShare", 2, "CSP_PremiumPerShare", /set CSP_PremiumPerShare to TRUE or FALSE/],
  ] as const)("%s = %p is an error naming %s, and the figure is null, never NaN", (key, value, name, message) => {
    const { settings, errors } = readIncomeInputs({ incomeTarget: 3000, [key]: value });
    const error = errors.find((e) => e.input === name);
    expect(error?.message).toMatch(message);
    for (const v of Object.values(settings)) expect(Number.isNaN(v)).toBe(false);
    const field = { incomeTarget: "incomeTargetCents", withdrawal: "withdrawalCents", reserve: "reserveCents" }[key as string] ?? key;
    expect(settings[field as keyof typeof settings]).toBeNull();
  });

  test("the range ends are allowed: 0 and 60 months, payout 0 and 1, raise 0 and 1", () => {
    for (const raw of [
      { reserveMonths: 0, payoutRatio: 0, maxRaise: 0 },
      { reserveMonths: 60, payoutRatio: 1, maxRaise: 1 },
    ]) {
      expect(readIncomeInputs({ incomeTarget: 1, ...raw }).errors).toEqual([]);
    }
  });
});

describe("Assignment cash (RULES.md check 3 with INCOME.md's reserve)", () => {
  const base = readIncomeInputs({ incomeTarget: 3000, reserve: 20000 }).settings;
  test("assignment cash is Cash - Reserve when the reserve is in the account", () => {
    expect(assignmentCashCents(4_000_000, base)).toBe(2_000_000);
  });
  test("assignment cash is never below 0", () => {
    expect(assignmentCashCents(1_500_000, base)).toBe(0);
  });
  test("assignment cash is Cash when CSP_ReserveInAccount is FALSE", () => {
    expect(assignmentCashCents(4_000_000, { ...base, reserveInAccount: false })).toBe(4_000_000);
  });
  test("unknown Cash, or a reserve that cannot be read, gives no assignment cash (backing unknown, never cash-secured)", () => {
    expect(assignmentCashCents(null, base)).toBeNull();
    expect(assignmentCashCents(4_000_000, { ...base, reserveCents: null })).toBeNull();
    expect(assignmentCashCents(4_000_000, { ...base, reserveInAccount: null })).toBeNull();
    expect(backingOf(null, 100)).toEqual({ backing: "unknown", shortfallCents: null });
  });
  test("cash-secured when assignment cash covers exposure exactly; portfolio-backed one cent short", () => {
    expect(backingOf(3_070_000, 3_070_000)).toEqual({ backing: "cash-secured", shortfallCents: 0 });
    expect(backingOf(3_069_999, 3_070_000)).toEqual({ backing: "portfolio-backed", shortfallCents: 1 });
  });
});

describe("shares of money round down to the cent", () => {
  test("0.75 x 2,916.66 = 2,187.49 (2,187.495 rounded down)", () => {
    expect(shareOfCents(291_666, 0.75)).toBe(218_749);
  });
  test("a negative amount rounds down too, away from 0", () => {
    expect(shareOfCents(-3, 0.5)).toBe(-2);
  });
});
