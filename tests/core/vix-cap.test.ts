import { vixCap, vixCapFormula, checkHighVixCap, readInputs } from "../../src/core";

describe("The VIX cap table (non-negotiable)", () => {
  test.each([
    [0.01, 0.25],
    [15, 0.25],
    [15.99, 0.25],
    [16, 0.3],
    [20.5, 0.3],
    [20.99, 0.3],
    [21, 0.35],
    [25.99, 0.35],
    [26, 0.4],
    [30, 0.4],
    [30.01, 0.45],
    [82.69, 0.45],
  ])("VIX %p gives a cap of %p", (vix, cap) => {
    expect(vixCap(vix)).toEqual({ ok: true, value: cap });
  });

  test.each([[0], [-1], [NaN], [Infinity], [-Infinity]])("VIX %p is an error, never a cap", (vix) => {
    const r = vixCap(vix);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe("VIX must be a number above 0");
  });

  test("VIX given as text is an error", () => {
    expect(vixCap("abc" as unknown as number).ok).toBe(false);
    expect(vixCapFormula({ inputs: {} }, "abc")).toEqual({ ok: false, error: { kind: "value", message: "VIX must be a number above 0" } });
  });

  test("above 30 the user may set 45% to 50%; the high-VIX setting only matters above 30", () => {
    expect(vixCap(35, 0.5)).toEqual({ ok: true, value: 0.5 });
    expect(vixCap(35, 0.47)).toEqual({ ok: true, value: 0.47 });
    expect(vixCap(30, 0.5)).toEqual({ ok: true, value: 0.4 });
  });

  test("nothing may produce a cap above 50%: a setting above 50% is rejected with a message", () => {
    const r = checkHighVixCap(0.55);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/50% max deployment/);
    expect(vixCap(35, 0.51).ok).toBe(false);
    expect(vixCap(35, 0.44).ok).toBe(false);
    const stored = readInputs({ accountValue: 1, cash: 1, vix: 35, highVixCap: "55%" });
    expect(stored.inputs.highVixCap).toBeNull();
    expect(stored.errors.map((e) => e.input)).toContain("HighVixCap");
  });

  test("every cap the table can produce stays within 50%", () => {
    for (let vix = 0.01; vix < 100; vix += 0.37) {
      for (const high of [0.45, 0.475, 0.5]) {
        const r = vixCap(vix, high);
        expect(r.ok && r.value <= 0.5).toBe(true);
      }
    }
  });

  test("VIXCAP uses the stored high-VIX cap when the argument is omitted, and the argument overrides it", () => {
    expect(vixCapFormula({ inputs: { highVixCap: 0.48 } }, 31, null)).toEqual({ ok: true, value: 0.48 });
    expect(vixCapFormula({ inputs: { highVixCap: "48%" } }, 31, null)).toEqual({ ok: true, value: 0.48 });
    expect(vixCapFormula({ inputs: { highVixCap: 0.48 } }, 31, 0.5)).toEqual({ ok: true, value: 0.5 });
    expect(vixCapFormula({ inputs: {} }, 31, null)).toEqual({ ok: true, value: 0.45 });
    const bad = vixCapFormula({ inputs: {} }, 31, 0.6);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.kind).toBe("num");
  });
});
