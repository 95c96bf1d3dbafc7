/**
 * @jest-environment jsdom
 */
import { buildReview } from "../../src/core";
import { renderReview, verdictOf, gauge, LIST_LIMIT } from "../../src/taskpane/view";
import { AS_OF, BODY } from "../excel/fixtures";
import { loadPane, table } from "./pane-fixture";

const inputs = { accountValue: 100000, cash: 40000, vix: 18 };
const review = (rows = BODY, i: Record<string, unknown> = inputs) => buildReview({ table: table(rows), inputs: i as never, asOf: AS_OF });
const text = (sel: string) => document.querySelector(sel)?.textContent ?? "";
const rows = (sel: string) => [...document.querySelectorAll<HTMLElement>(`${sel} .row-link`)].map((b) => Number(b.dataset.row));

beforeEach(loadPane);

describe("the review view renders the Review and nothing else", () => {
  test("headline of the worked example: over budget, exposure, budget, headroom, cap, backing", () => {
    renderReview(document, review(), () => undefined);
    expect(text("#verdict")).toBe("Over budget");
    const figures = text("#figures");
    for (const s of ["$30,700", "$30,000", "-$700", "30% cap at VIX 18", "Cash-secured", "30.7% of account"]) expect(figures).toContain(s);
    expect(text("#source")).toBe("Positions on Trades!A1:G5");
  });

  test("the gauge is a picture with a text alternative, filled to exposure / budget", () => {
    const g = gauge(review());
    expect(g.getAttribute("role")).toBe("img");
    expect(g.getAttribute("aria-label")).toBe("Exposure $30,700 is 102.3% of the $30,000 budget");
    expect(g.classList.contains("gauge-danger")).toBe(true);
    const value = g.querySelector(".gauge-value")!.getAttribute("stroke-dasharray");
    expect(value).toBe(`${((3070000 / 3000000 / 1.25) * 100).toFixed(2)} 100`);
  });

  test("per-underlying bars mark the concentration limit and flag what the review flags", () => {
    renderReview(document, review(), () => undefined);
    const bars = [...document.querySelectorAll("#bars .bar-row")];
    expect(bars.map((b) => b.querySelector(".bar-name")!.textContent)).toEqual(["KO", "PFE", "T"]);
    expect(bars.map((b) => b.classList.contains("over"))).toEqual([true, false, false]);
    expect(document.querySelectorAll("#bars .bar-limit")).toHaveLength(3);
    expect(text("#underlyings")).toContain("Concentration limit 10% of the account");
  });

  test("lists: over-budget, concentration, expired-but-open, errors with cell and message, left out with reasons", () => {
    const body = [
      ...BODY,
      ["XOM", "Put", "Sell", "abc", 1, "2026-01-03", "Open"],
      ["IBM", "Call", "Sell", 100, 1, "2026-01-03", "Open"],
      ["F", "Put", "Sell", 10, 1, "2025-12-01", "Closed"],
    ];
    const r = review(body);
    renderReview(document, r, () => undefined);
    expect(rows("#list-over-budget")).toEqual(r.overBudgetRows);
    expect(rows("#list-concentration")).toEqual([2, 5]);
    expect(rows("#list-errors")).toEqual([6]);
    expect(text("#list-errors")).toContain("D6 (Strike)");
    expect(rows("#list-left-out")).toEqual([7, 8]);
    expect(text("#list-left-out")).toContain("not a put");
    expect(text("#list-left-out")).toContain("closed");
  });

  test("expired-but-open rows are listed with their expiration", () => {
    const header = ["Ticker", "Type", "Side", "Strike", "Qty", "Expiration"];
    const t = { ...table(), header, rows: [["KO", "Put", "Sell", 60, 1, "2026-01-16"]] };
    const r = buildReview({ table: t, inputs, asOf: AS_OF });
    renderReview(document, r, () => undefined);
    expect(rows("#list-expired")).toEqual([2]);
    expect(text("#list-expired")).toContain("expired 2026-01-16, still open");
  });

  test("clicking a listed row asks to select that sheet row", () => {
    const picked: number[] = [];
    renderReview(document, review(), (row) => picked.push(row));
    document.querySelector<HTMLButtonElement>("#list-over-budget .row-link")!.click();
    expect(picked).toEqual([5]);
  });

  test("a ticker of HTML shows literally and creates no element", () => {
    const evil = "<img src=x onerror=alert(1)>";
    const r = review([[evil, "Put", "Sell", 600, 1, "2026-01-05", "Open"]]);
    renderReview(document, r, () => undefined);
    expect(document.querySelectorAll("img")).toHaveLength(0);
    expect(text("#bars")).toContain(evil.toUpperCase());
    expect(text("#list-concentration")).toContain(evil.toUpperCase());
  });

  test("within the cap on the rows read, but an unreadable row: the verdict is not the green one", () => {
    const r = review([["KO", "Put", "Sell", 60, 1, "2026-01-05", "Open"], ["PFE", "Put", "Sell", "n/a", 4, "2026-01-12", "Open"]]);
    expect(r.withinCap).toBe(true);
    renderReview(document, r, () => undefined);
    expect(document.querySelector("#verdict")!.className).toContain("verdict-unknown");
    expect(text("#verdict")).toBe("Not confirmed: 1 row could not be read and may be a short put: fix it before trusting the figures");
  });

  test("missing inputs: no budget, a message naming what to set, exposure still shown", () => {
    const r = review(BODY, { vix: 18 });
    expect(verdictOf(r)).toEqual({ tone: "unknown", state: "no-budget", text: "set AccountValue: the account value is missing" });
    renderReview(document, r, () => undefined);
    expect(text("#figures")).toContain("$30,700");
    expect(text("#figures")).toContain("Unknown: set Cash");
    expect(text("#headline")).toContain("set Cash to see whether the book is cash-secured");
    expect(text("#underlyings")).toContain("Set AccountValue");
  });

  test(`a long list stops at ${LIST_LIMIT} rows and says how many more`, () => {
    const many = Array.from({ length: LIST_LIMIT + 50 }, () => ["IBM", "Call", "Sell", 100, 1, null, "Open"]);
    renderReview(document, review(many), () => undefined);
    expect(document.querySelectorAll("#list-left-out .row-link")).toHaveLength(LIST_LIMIT);
    expect(text("#list-left-out")).toContain("and 50 more");
  });

  test("every list button has an accessible name starting with its row", () => {
    renderReview(document, review(), () => undefined);
    for (const b of document.querySelectorAll(".row-link")) expect(b.getAttribute("aria-label")).toMatch(/^Row \d+: /);
  });
});
