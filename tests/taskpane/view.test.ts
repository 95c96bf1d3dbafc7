/**
 * @jest-environment jsdom
 */
import { buildReview, Cell, verdict } from "../../src/core";
import { BAR_PREVIEW, gauge, LIST_PREVIEW, renderReview, verdictAmount, verdictOf } from "../../src/taskpane/view";
import { rowDigits } from "../../src/taskpane/lists";
import { money } from "../../src/taskpane/format";
import { AS_OF, BODY } from "../excel/fixtures";
import { loadPane, table } from "./pane-fixture";

const inputs = { accountValue: 100000, cash: 40000, vix: 18 };
const review = (rows = BODY, i: Record<string, unknown> = inputs) => buildReview({ table: table(rows), inputs: i as never, asOf: AS_OF });
const text = (sel: string) => document.querySelector(sel)?.textContent ?? "";
const rows = (sel: string) => [...document.querySelectorAll<HTMLElement>(`${sel} .row-link`)].map((b) => Number(b.dataset.row));
const closedKo62 = BODY.map((r, i) => (i === 3 ? [...r.slice(0, 6), "Closed"] : r));
const key = (target: Element, k: string) => target.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));

beforeEach(loadPane);

describe("the first screen is the answer: the verdict with its dollar amount, exposure against budget", () => {
  test("over budget: the verdict's words and the shortfall from the Review's headroom", () => {
    const r = review();
    renderReview(document, r, () => undefined);
    expect(verdict(r).text).toBe("Over budget");
    expect(r.headroomCents).toBe(-70_000);
    expect(text("#verdict")).toBe("Over budget by $700");
    expect(text("#verdict .verdict-words")).toBe(verdict(r).text);
    expect(text("#exposure-line")).toBe("Exposure $30,700 of $30,000 budget");
    expect(text("#gauge-caption")).toContain("102.3% of budget");
    expect(text("#gauge-caption")).toContain("30% cap at VIX 18");
    expect(document.getElementById("headline")!.className).toContain("verdict-card-danger");
  });

  test("within: the verdict's words and the headroom in dollars, green", () => {
    const r = review(closedKo62);
    renderReview(document, r, () => undefined);
    expect(r.headroomCents).toBe(3_000_000 - 2_450_000);
    expect(text("#verdict")).toBe("Within the VIX cap $5,500 of headroom");
    expect(document.getElementById("verdict")!.className).toBe("verdict verdict-ok");
    expect(document.querySelector(".gauge")!.classList.contains("gauge-ok")).toBe(true);
  });

  test("only over and within carry an amount: not confirmed and no budget show no reassuring figure", () => {
    const unread = review([...closedKo62, ["XOM", "Put", "Sell", "abc", 1, "2026-01-03", "Open"]]);
    expect(verdictOf(unread).state).toBe("unconfirmed");
    expect(verdictAmount(unread, "unconfirmed")).toBeNull();
    renderReview(document, unread, () => undefined);
    expect(text("#verdict")).toBe("Not confirmed");
    expect(text("#verdict-reason")).toBe(verdict(unread).reason);
    expect(text("#headline")).not.toContain("headroom");
    // The way to the unread row is on the first screen.
    document.getElementById("show-unread")!.click();
    expect((document.getElementById("list-errors") as HTMLDetailsElement).open).toBe(true);
    expect(document.activeElement).toBe(document.querySelector("#list-errors .row-link"));

    const none = review(BODY, { vix: 18 });
    renderReview(document, none, () => undefined);
    expect(text("#verdict")).toBe("set AccountValue: the account value is missing");
    expect(text("#exposure-line")).toBe("Exposure $30,700 · no budget yet");
    // No budget, no meter: an empty bar would read as "nothing used".
    expect(document.querySelector(".gauge")).toBeNull();
  });

  test("one primary action: Save weekly review, except when the fix comes first", () => {
    renderReview(document, review(), () => undefined);
    expect([...document.querySelectorAll("nav .button.primary")].map((b) => b.id)).toEqual(["do-save"]);
    for (const id of ["do-review", "do-highlight", "do-clear"]) expect(document.getElementById(id)!.className).toContain("small");
    renderReview(document, review(BODY, { vix: 18 }), () => undefined);
    expect(document.querySelector("nav .button.primary")).toBeNull();
  });

  test("no title repeating Office's own: the page's h1 is for screen readers only", () => {
    const h1 = document.querySelectorAll("h1");
    expect(h1).toHaveLength(1);
    expect(h1[0].className).toBe("sr-only");
    expect(document.querySelector(".pane-header")).toBeNull();
  });

  test("the table that cannot be read: no figures, and the fixes one press away", () => {
    const t = { ...table([["KO", "Put", 50]]), header: ["Ticker", "Type", "Strike"] };
    const r = buildReview({ table: t, inputs, asOf: AS_OF });
    renderReview(document, r, () => undefined);
    expect(text("#verdict")).toBe("The position table cannot be read");
    expect(document.getElementById("figures")).toBeNull();
    expect(document.querySelector(".gauge")).toBeNull();
    expect(text("#headline")).not.toMatch(/\$/);
    for (const id of ["figures-card", "lists", "underlyings", "income", "discipline"]) expect(document.getElementById(id)!.hidden).toBe(true);
    document.getElementById("fix-mapping")!.click();
    expect((document.getElementById("mapping-panel") as HTMLDetailsElement).open).toBe(true);
  });

  test("after a readable review, one that cannot be read leaves none of the earlier figures or rows in the page", () => {
    renderReview(document, review(), () => undefined);
    expect(document.getElementById("figures")).not.toBeNull();
    const t = { ...table([["KO", "Put", 50]]), header: ["Ticker", "Type", "Strike"] };
    renderReview(document, buildReview({ table: t, inputs, asOf: AS_OF }), () => undefined);
    expect(document.getElementById("figures")).toBeNull();
    expect(document.querySelector(".row-link, .bar-row")).toBeNull();
    expect(document.getElementById("review")!.textContent).not.toMatch(/\$\d/);
  });
});

describe("the numbers card", () => {
  test("exposure, budget, headroom, backing, account, rows, and where the table came from", () => {
    renderReview(document, review(), () => undefined);
    const figures = text("#figures");
    for (const s of ["$30,700", "$30,000", "-$700", "30% cap at VIX 18", "Cash-secured", "30.7% of account", "4 counted"]) expect(figures).toContain(s);
    expect(text("#source")).toBe("Positions on Trades!A1:G5");
  });

  test("how the table was found and the review's reading notes are shown", () => {
    const t = { ...table(), source: { sheet: "Trades", name: "Positions", range: "A1:G5", found: "Positions: table Positions (A1:G5) on sheet 'Trades', the table named Positions" } };
    const r = buildReview({ table: t, inputs, asOf: AS_OF });
    expect(r.reading.notes.length).toBeGreaterThan(0);
    renderReview(document, r, () => undefined);
    expect(text("#source")).toBe(t.source.found);
    expect([...document.querySelectorAll("#reading-notes li")].map((li) => li.textContent)).toEqual(r.reading.notes);
  });

  test("missing inputs: exposure still shown, the missing names said", () => {
    renderReview(document, review(BODY, { vix: 18 }), () => undefined);
    expect(text("#figures")).toContain("$30,700");
    expect(text("#figures")).toContain("Unknown: set Cash");
    expect(text("#figures-card")).toContain("set Cash to see whether the book is cash-secured");
    expect(text("#underlyings")).toContain("Set AccountValue");
  });
});

describe("per underlying", () => {
  test("bars mark the concentration limit and flag what the review flags", () => {
    renderReview(document, review(), () => undefined);
    const bars = [...document.querySelectorAll("#bars .bar-row")];
    expect(bars.map((b) => b.querySelector(".bar-name")!.firstChild!.textContent)).toEqual(["KO", "PFE", "T"]);
    expect(bars.map((b) => b.classList.contains("over"))).toEqual([true, false, false]);
    expect(document.querySelectorAll("#bars .bar-limit")).toHaveLength(3);
    expect(text("#underlyings")).toContain("Concentration limit 10% of the account");
  });

  test(`more than ${BAR_PREVIEW} underlyings: the largest first, the rest behind Show all`, () => {
    const many = Array.from({ length: BAR_PREVIEW + 4 }, (_, i) => [`T${String(i).padStart(2, "0")}`, "Put", "Sell", 10 + i, 1, "2026-01-05", "Open"]);
    const r = review(many, { accountValue: 1_000_000, cash: 1_000_000, vix: 18 });
    renderReview(document, r, () => undefined);
    expect(document.querySelectorAll("#bars .bar-row")).toHaveLength(BAR_PREVIEW);
    const more = document.querySelector<HTMLButtonElement>("#underlyings .show-all")!;
    expect(more.textContent).toBe(`Show all ${BAR_PREVIEW + 4}`);
    more.click();
    expect(document.querySelectorAll("#bars .bar-row")).toHaveLength(BAR_PREVIEW + 4);
    expect(document.querySelector("#underlyings .show-all")).toBeNull();
  });
});

describe("rows to look at", () => {
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

  test(`a long list shows its first ${LIST_PREVIEW} rows, then Show all N shows every row in a scrolling box`, () => {
    const many: Cell[][] = Array.from({ length: 250 }, () => ["IBM", "Call", "Sell", 100, 1, null, "Open"]);
    renderReview(document, review(many), () => undefined);
    expect(rows("#list-left-out")).toEqual([2, 3, 4, 5, 6]);
    const more = document.querySelector<HTMLButtonElement>("#list-left-out .show-all")!;
    expect(more.textContent).toBe("Show all 250");
    expect(more.getAttribute("aria-label")).toBe("Show all 250 left out rows");
    more.click();
    expect(rows("#list-left-out")).toHaveLength(250);
    expect(document.querySelector("#list-left-out ul")!.classList.contains("rows-all")).toBe(true);
    // The keyboard lands on the first row it just revealed.
    expect((document.activeElement as HTMLElement).dataset.row).toBe("7");
  });

  test("each list is one tab stop whatever its length; the arrow keys, Home and End move within it", () => {
    const many: Cell[][] = Array.from({ length: 40 }, () => ["IBM", "Call", "Sell", 100, 1, null, "Open"]);
    renderReview(document, review(many), () => undefined);
    document.querySelector<HTMLButtonElement>("#list-left-out .show-all")!.click();
    const buttons = [...document.querySelectorAll<HTMLButtonElement>("#list-left-out .row-link")];
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    buttons[0].focus();
    key(buttons[0], "ArrowDown");
    expect(document.activeElement).toBe(buttons[1]);
    expect(buttons.filter((b) => b.tabIndex === 0)).toEqual([buttons[1]]);
    key(buttons[1], "End");
    expect(document.activeElement).toBe(buttons[39]);
    key(buttons[39], "ArrowDown");
    expect(document.activeElement).toBe(buttons[39]);
    key(buttons[39], "Home");
    expect(document.activeElement).toBe(buttons[0]);
    key(buttons[0], "ArrowUp");
    expect(document.activeElement).toBe(buttons[0]);
  });

  test("row numbers share one width per review, wide enough for the largest (four-digit rows included)", () => {
    expect(rowDigits([{ row: 2 }, { row: 9 }])).toBe(2);
    expect(rowDigits([{ row: 2 }, { row: 1204 }])).toBe(4);
    const t = { ...table(), rowNumbers: [5, 1204, 1205, 1206] };
    const r = buildReview({ table: t, inputs, asOf: AS_OF });
    renderReview(document, r, () => undefined);
    expect(document.getElementById("lists")!.getAttribute("style")).toBe("--row-digits:4");
    const numbers = [...document.querySelectorAll("#lists .row-number")].map((n) => n.textContent);
    expect(numbers).toContain("1206");
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
    expect(text("#verdict")).toBe("Not confirmed");
    expect(text("#verdict-reason")).toBe("1 row could not be read and may be a short put: fix it before trusting the figures");
  });

  test("every list button has an accessible name starting with its row; the visible number is not read twice", () => {
    renderReview(document, review(), () => undefined);
    for (const b of document.querySelectorAll(".row-link")) {
      expect(b.getAttribute("aria-label")).toMatch(/^Row \d+: /);
      expect(b.querySelector(".row-number")!.getAttribute("aria-hidden")).toBe("true");
    }
  });
});

describe("the gauge", () => {
  test("a picture with a text alternative, filled to exposure / budget, 100% marked", () => {
    const g = gauge(review());
    expect(g.getAttribute("role")).toBe("img");
    expect(g.getAttribute("aria-label")).toBe("Exposure $30,700 is 102.3% of the $30,000 budget");
    expect(g.classList.contains("gauge-danger")).toBe(true);
    expect(g.querySelector<HTMLElement>(".gauge-value")!.getAttribute("style")).toBe(`width:${((3070000 / 3000000 / 1.25) * 100).toFixed(2)}%`);
    expect(g.querySelector<HTMLElement>(".gauge-tick")!.getAttribute("style")).toBe("left:80.00%");
  });
});

describe("money as a trader reads it", () => {
  test("whole dollars without cents, cents always with two digits", () => {
    expect(money(3_070_000)).toBe("$30,700");
    expect(money(335_380)).toBe("$3,353.80");
    expect(money(-70_000)).toBe("-$700");
    expect(money(291_666)).toBe("$2,916.66");
    expect(money(null)).toBe("—");
  });
});
