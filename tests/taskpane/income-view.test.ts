/**
 * @jest-environment jsdom
 */
import { disciplineOf, incomeChart, incomeOf, renderDiscipline, renderIncome } from "../../src/taskpane/income-view";
import { renderReview } from "../../src/taskpane/view";
import { buildReview, FLAG_TITLES, IncomeFigures } from "../../src/core";
import { AS_OF } from "../excel/fixtures";
import { incomeReview } from "./income-fixture";
import { loadPane, table } from "./pane-fixture";

/**
 * Issue 12 item 5: the pane's Income and Discipline sections, rendered from the review's income
 * half only (INCOME.md's worked example through the core, with a Review Log and CashFlows).
 */
const text = (sel: string) => document.querySelector(sel)?.textContent ?? "";
const section = (id: string) => document.getElementById(id)!;
const sections = (r = incomeReview()): IncomeFigures => incomeOf(r)!;
const NOT_GREEN = ".tone-ok, .verdict-ok, .gauge-ok, .status-success";

beforeEach(loadPane);

describe("Income: 12 monthly bars with the target and the ceiling, coverage, withdrawal beside the sustainable, reserve runway", () => {
  test("the worked example's figures, as the core computed them", () => {
    const data = sections();
    renderIncome(section("income"), data);
    expect(section("income").hidden).toBe(false);
    expect(text("#income-headline")).toBe("$2,916.66 average month · $35,000 last 12 months");
    expect(text("#income-coverage")).toBe("Coverage 97.2% of the $3,000 target");
    expect(text("#income-predictable")).toBe("Income is fragile: 1 losing month");
    expect(text("#income")).toContain("Planned$2,000 a month");
    expect(text("#income")).toContain("Sustainable$2,187.49 a month");
    expect(text("#withdrawal-over")).toContain("within the sustainable amount");
    expect(text("#income-replaced")).toBe("Of the target the withdrawal replaces 66.7%; the system can sustain 72.9%");
    expect(text("#income")).toContain("Runway10 months of 12");
    expect(text("#reserve-short")).toBe("Short by $4,000");
    expect(text("#income")).toContain("Cash for assignments $20,000 (cash less the reserve)");
    expect(text("#income")).toContain("Capital unknown");
    expect(section("income").querySelector(NOT_GREEN)).toBeNull();
  });

  test("the chart: one bar a month, the losing month below the zero line, the target above the ceiling", () => {
    const data = sections();
    const chart = incomeChart(data);
    const bars = [...chart.querySelectorAll("rect.month-bar")];
    expect(bars).toHaveLength(12);
    expect(bars.map((b) => b.classList.contains("month-loss"))).toEqual(data.months.map((m) => m.cents < 0));
    expect(bars[5].querySelector("title")!.textContent).toBe("Apr 2026: -$400");
    expect([...chart.querySelectorAll("text.month-label")].map((t) => t.textContent).join("")).toBe("NDJFMAMJJASO");
    const y = (sel: string) => Number(chart.querySelector(sel)!.getAttribute("y1"));
    const zero = y(".chart-zero");
    // SVG y grows downwards: the target ($3,000) is above the ceiling ($2,187.49), both above zero.
    expect(y(".chart-target")).toBeLessThan(y(".chart-ceiling"));
    expect(y(".chart-ceiling")).toBeLessThan(zero);
    // The loss hangs from the zero line; the other bars stand on it.
    expect(Number(bars[5].getAttribute("y"))).toBeCloseTo(zero, 0);
    expect(Number(bars[0].getAttribute("y")) + Number(bars[0].getAttribute("height"))).toBeCloseTo(zero, 0);
    // A $3,600 month is taller than a $3,000 one.
    expect(Number(bars[11].getAttribute("height"))).toBeGreaterThan(Number(bars[0].getAttribute("height")));
    expect(chart.getAttribute("role")).toBe("img");
    expect(chart.getAttribute("aria-label")).toBe("Income by month, Nov 2025 to Oct 2026; target $3,000 a month; sustainable withdrawal $2,187.49 a month");
  });

  test("the twelve months as a table too, for anyone who cannot see the bars", () => {
    renderIncome(section("income"), sections());
    const rows = [...document.querySelectorAll("#income-months tr")].map((tr) => tr.textContent);
    expect(rows).toHaveLength(13);
    expect(rows[0]).toBe("Nov 2025$3,000");
    expect(rows[5]).toBe("Apr 2026-$400");
    expect(rows[12]).toBe("This month so far$520");
  });

  test("a planned withdrawal over the ceiling: red, with the amount over and what to lower it to", () => {
    renderIncome(section("income"), sections(incomeReview({ inputs: { withdrawal: 2500 } })));
    expect(text("#withdrawal-over")).toBe("Over by $312.51 a month: lower Withdrawal to $2,187.49");
    expect(section("withdrawal-over").className).toContain("tone-danger");
    expect(section("income").querySelector(".meter-danger")).not.toBeNull();
  });

  test("no IncomeTarget: coverage asks for it and the chart has no target line", () => {
    renderIncome(section("income"), sections(incomeReview({ inputs: { incomeTarget: null } })));
    expect(text("#income-coverage")).toBe("Coverage set IncomeTarget to compare income with the paycheck it replaces");
    expect(document.querySelector("#income-chart .chart-target")).toBeNull();
    expect(document.querySelector("#income-chart .chart-ceiling")).not.toBeNull();
  });

  test("no withdrawal planned: no runway to measure, never 'short'", () => {
    renderIncome(section("income"), sections(incomeReview({ inputs: { withdrawal: 0 } })));
    expect(text("#income")).toContain("Runway no withdrawal planned");
    expect(document.getElementById("reserve-short")).toBeNull();
  });

  test("unplanned withdrawals from CashFlows are listed", () => {
    renderIncome(section("income"), sections(incomeReview({ withLog: true })));
    expect(text("#income")).toContain("Unplanned: $1,500, CashFlows row 2");
    expect(text("#withdrawn-t12")).toBe("Withdrawn, last 12 months $1,500");
  });

  test("without an income half the sections stay hidden", () => {
    renderIncome(section("income"), null);
    renderDiscipline(section("discipline"), null);
    expect(section("income").hidden).toBe(true);
    expect(section("discipline").hidden).toBe(true);
  });
});

describe("Discipline: the streak, the missed and over-budget weeks, each flag in plain words with what to do", () => {
  test("streak, missed weeks and over-budget weeks from the Review Log", () => {
    const data = incomeReview({ withLog: true });
    renderDiscipline(section("discipline"), disciplineOf(data));
    expect(data.discipline.streakWeeks).toBe(4);
    expect(text("#streak")).toBe("4weeks in a row with a review, this week's included. Save the weekly review to keep it.");
    expect(text("#missed-weeks")).toBe("Missed 2 weeks: 2026-W42, 2026-W44");
    expect(text("#over-budget-weeks")).toBe("Over budget in 2026-W43");
  });

  test("every flag the core raised, with its heading and the core's own message", () => {
    const data = incomeReview({ withLog: true, newStrategy: "short call", inputs: { highVixCap: 0.5 } });
    renderDiscipline(section("discipline"), disciplineOf(data));
    const items = [...document.querySelectorAll<HTMLElement>("#flags .flag")];
    expect(items.map((i) => i.dataset.kind)).toEqual(["risk-after-loss", "limits-raised-after-loss", "new-strategy", "reserve-short", "unplanned-withdrawal"]);
    items.forEach((item, i) => {
      const flag = data.discipline.flags[i];
      expect(item.querySelector(".flag-title")!.textContent).toBe(FLAG_TITLES[flag.kind]);
      expect(item.querySelector(".flag-message")!.textContent).toBe(flag.message);
    });
    // What to do is in the words: "bring exposure back to 19.04% or below".
    expect(items[0].textContent).toContain("bring exposure back to");
    expect(items[0].className).toContain("flag-danger");
    expect(items[3].className).toContain("flag-warn");
    expect(section("discipline").querySelector(NOT_GREEN)).toBeNull();
  });

  test("many flags: the first five, then Show all N", () => {
    const data = incomeReview({ withLog: true, newStrategy: "short call", inputs: { highVixCap: 0.5, withdrawal: 2500 } });
    expect(data.discipline.flags.length).toBeGreaterThan(5);
    renderDiscipline(section("discipline"), disciplineOf(data));
    expect(document.querySelectorAll("#flags .flag")).toHaveLength(5);
    const more = document.querySelector<HTMLButtonElement>("#discipline .show-all")!;
    expect(more.textContent).toBe(`Show all ${data.discipline.flags.length}`);
    more.click();
    expect([...document.querySelectorAll<HTMLElement>("#flags .flag")].map((f) => f.dataset.kind)).toEqual(data.discipline.flags.map((f) => f.kind));
    expect(document.activeElement).toBe(document.querySelectorAll("#flags .flag")[5]);
  });

  test("no flag: says so, in neutral words", () => {
    // A period that made money, a full reserve, no unplanned withdrawal: nothing to flag.
    renderDiscipline(section("discipline"), disciplineOf(incomeReview({ withLog: true, withFlows: false, inputs: { reserve: 40000, accountValue: 110000 } })));
    expect(text("#flags")).toBe("No discipline flag: the same process and the same risk as the weeks before.");
    expect(text("#missed-weeks")).toBe("Missed 2 weeks: 2026-W42, 2026-W44");
  });

  test("a log without a gap says no week was missed", () => {
    const r = incomeReview({ withLog: true });
    renderDiscipline(section("discipline"), { discipline: { ...r.discipline, missedWeeks: [] }, logRows: 6 });
    expect(text("#missed-weeks")).toBe("No week missed in the last 12.");
  });

  test("a strategy name of HTML from the workbook shows as text and creates no element", () => {
    const evil = "<img src=x onerror=alert(1)>";
    renderDiscipline(section("discipline"), disciplineOf(incomeReview({ withLog: true, newStrategy: evil })));
    expect(document.querySelectorAll("img")).toHaveLength(0);
    expect(text("#flags")).toContain(evil);
  });
});

describe("the review's income half reaches the pane", () => {
  test("renderReview draws both sections from review.income and review.discipline", () => {
    const r = incomeReview({ withLog: true });
    expect(r.income.inUse).toBe(true);
    renderReview(document, r, () => undefined);
    expect(section("income").hidden).toBe(false);
    expect(section("discipline").hidden).toBe(false);
    expect(text("#income-headline")).toBe("$2,916.66 average month · $35,000 last 12 months");
    expect(text("#streak")).toMatch(/^4weeks/);
    // The reserve held in Cash is not cash for assignments: the numbers card says what the backing used.
    expect(text("#figures")).toContain("cash $40,000, $20,000 after the reserve");
    expect(text("#figures")).toContain("Portfolio-backed, short $10,700");
  });

  test("a workbook that tracks no income: the Income section folds away, Discipline says how the log starts", () => {
    const r = buildReview({ table: table(), inputs: { accountValue: 100000, cash: 40000, vix: 18 }, asOf: AS_OF });
    expect(r.income.inUse).toBe(false);
    renderReview(document, r, () => undefined);
    expect(section("income").hidden).toBe(true);
    expect(section("discipline").hidden).toBe(false);
    expect(text("#missed-weeks")).toBe("No Review Log yet: Save weekly review starts it, and the streak, missed weeks and flags follow from it.");
  });
});
