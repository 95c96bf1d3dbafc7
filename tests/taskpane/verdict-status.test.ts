/**
 * @jest-environment jsdom
 */
import { buildReview, Cell, verdict } from "../../src/core";
import { PaneController, inputProblem } from "../../src/taskpane/controller";
import { verdictTone } from "../../src/taskpane/view";
import { AS_OF, BODY, HEADER } from "../excel/fixtures";
import { FakeHost, flush, loadPane, snapshot } from "./pane-fixture";

/**
 * One verdict everywhere (issue 10): the status line, its colour, the live-region text and the
 * headline all come from verdict(); no state but "within" is green or shows a reassuring figure.
 */
const text = (sel: string) => document.querySelector(sel)?.textContent ?? "";
const statusClass = () => document.getElementById("status")!.className;
const noFrame = () => Promise.resolve();

async function pane(rows: Cell[][] = BODY, inputs: Record<string, Cell> = { accountValue: 100000, cash: 40000, vix: 18 }, header?: Cell[]) {
  loadPane();
  const snap = snapshot(rows, inputs);
  if (header) snap.table!.header = header;
  const host = new FakeHost(snap);
  const controller = new PaneController(host, document, { nextFrame: noFrame, debounceMs: 5 });
  await controller.start();
  return { host, controller };
}

const closedKo62 = BODY.map((r, i) => (i === 3 ? [...r.slice(0, 6), "Closed"] : r));

describe("the status line per verdict state: text from verdict(), green only for within", () => {
  test("within: green status and headline, the verdict's own words", async () => {
    await pane(closedKo62);
    expect(text("#status")).toBe("Within the VIX cap.");
    expect(statusClass()).toBe("status status-success");
    expect(document.getElementById("verdict")!.className).toBe("verdict verdict-ok");
    // The status is the polite live region screen readers announce.
    expect(document.getElementById("status")!.getAttribute("aria-live")).toBe("polite");
  });

  test("over: red status, never green, headroom shown as a shortfall", async () => {
    await pane();
    expect(text("#status")).toBe("Over budget.");
    expect(statusClass()).toBe("status status-error");
    expect(document.getElementById("verdict")!.className).toBe("verdict verdict-danger");
    expect(document.querySelector(".gauge")!.classList.contains("gauge-danger")).toBe(true);
    expect(document.querySelector(".tone-ok")).toBeNull();
  });

  test("no-budget: warning status naming what to set, nothing green", async () => {
    await pane(BODY, { cash: 40000, vix: 18 });
    expect(text("#status")).toBe("set AccountValue: the account value is missing.");
    expect(statusClass()).toBe("status status-warning");
    expect(document.getElementById("verdict")!.className).toBe("verdict verdict-unknown");
    expect(document.querySelector(".tone-ok, .verdict-ok, .status-success, .gauge-ok")).toBeNull();
  });

  test("unconfirmed (a row cannot be read): warning, not 'Within the cap', and the headroom is not green", async () => {
    await pane([...closedKo62, ["KO", "Put", "Sell", "abc", 1, "2026-02-03", "Open"]]);
    expect(text("#status")).toMatch(/^Not confirmed: 1 row could not be read and may be a short put: fix it before trusting the figures\.$/);
    expect(statusClass()).toBe("status status-warning");
    expect(document.getElementById("verdict")!.className).toBe("verdict verdict-unknown");
    expect(document.querySelector(".tone-ok, .verdict-ok, .status-success, .gauge-ok")).toBeNull();
  });

  test("unreadable (the table's columns cannot be read): its own state, red, no figures and no '0 counted'", async () => {
    await pane([["KO", "Put", 50]], undefined, ["Ticker", "Type", "Strike"]);
    expect(text("#status")).toMatch(/^The position table cannot be read: .*quantity/i);
    expect(statusClass()).toBe("status status-error");
    expect(document.getElementById("verdict")!.className).toBe("verdict verdict-danger");
    expect(document.getElementById("figures")).toBeNull();
    expect(document.querySelector(".gauge")).toBeNull();
    expect(text("#headline")).not.toMatch(/counted/);
    expect(document.getElementById("underlyings")!.hidden).toBe(true);
  });

  test("no table at all: 'cannot be read' with the finder's reasons, red", async () => {
    loadPane();
    const snap = { ...snapshot(), table: null, choice: null, message: "no position table found. sheets looked at: 'Notes' (empty at the top)" };
    await new PaneController(new FakeHost(snap), document, { nextFrame: noFrame }).start();
    expect(text("#status")).toBe("The position table cannot be read: no position table found. sheets looked at: 'Notes' (empty at the top)");
    expect(statusClass()).toBe("status status-error");
    expect(document.getElementById("verdict")!.className).toBe("verdict verdict-danger");
  });

  test("after Highlight or Save of an over-budget review the status is still not green", async () => {
    await pane();
    document.getElementById("do-save")!.click();
    await flush();
    expect(text("#status")).toBe("Saved: the Weekly Review sheet and one more row in the Review Log. Over budget.");
    expect(statusClass()).toBe("status status-error");
  });

  test("a verdict state the core adds later is not green", () => {
    for (const state of ["unreadable", "something-new", "", "unconfirmed", "no-budget", "over"]) expect(verdictTone(state)).not.toBe("ok");
    expect(verdictTone("within")).toBe("ok");
  });

  test("the pane's status says what the core's verdict says, for the same review", () => {
    const r = buildReview({ table: { header: HEADER, rows: BODY, headerRow: 1, firstColumn: 1 }, inputs: { accountValue: 100000, vix: 18 }, asOf: AS_OF });
    expect(verdict(r).text).toBe("Over budget");
  });
});

describe("inputs are checked before anything is written, and the problem is shown at its box", () => {
  test.each([
    ["accountValue", "100k", /AccountValue/],
    ["vix", "0", /VIX must be a number above 0/],
    ["highVixCap", "55%", /50%/],
    ["cash", "-5", /Cash cannot be below 0/],
  ] as const)("%s = %s is refused: %s", (key, value, message) => {
    expect(inputProblem(key, value)).toMatch(message);
  });

  test("valid values and an emptied box pass", () => {
    expect(inputProblem("accountValue", "$100,000")).toBeNull();
    expect(inputProblem("highVixCap", "47%")).toBeNull();
    expect(inputProblem("vix", "")).toBeNull();
  });

  test("an invalid box is marked (aria-invalid, its message in aria-describedby) and nothing is saved, not even the valid boxes", async () => {
    const { host } = await pane();
    const box = (name: string) => document.querySelector<HTMLInputElement>(`#inputs-form input[name="${name}"]`)!;
    box("accountValue").value = "100k";
    box("vix").value = "0";
    box("cash").value = "50000";
    box("highVixCap").value = "55%";
    document.getElementById("save-inputs")!.click();
    await flush();
    expect(host.written).toEqual([]);
    expect(host.calls).not.toContain("writeSettings");
    expect(text("#status")).toBe("Nothing was saved: 3 boxes need a correction (marked above).");
    expect(statusClass()).toBe("status status-error");
    for (const name of ["accountValue", "vix", "highVixCap"]) {
      const input = box(name);
      expect(input.getAttribute("aria-invalid")).toBe("true");
      const [errorId, hintId] = input.getAttribute("aria-describedby")!.split(" ");
      expect(document.getElementById(errorId)!.textContent).not.toBe("");
      expect(document.getElementById(hintId)!.className).toBe("hint");
    }
    expect(box("cash").hasAttribute("aria-invalid")).toBe(false);
    expect(document.activeElement).toBe(box("accountValue"));

    // Corrected: the marks go and the values are saved.
    box("accountValue").value = "100000";
    box("vix").value = "20";
    box("highVixCap").value = "";
    document.getElementById("save-inputs")!.click();
    await flush();
    expect(host.written).toEqual([{ vix: 20, cash: 50000 }]);
    expect(document.querySelector('[aria-invalid="true"]')).toBeNull();
    expect(document.querySelector(".field-error")).toBeNull();
  });
});
