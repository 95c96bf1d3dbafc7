/**
 * @jest-environment jsdom
 */
import { PaneController, inputCell, inputProblem } from "../../src/taskpane/controller";
import { FakeHost, flush, loadPane, snapshot } from "./pane-fixture";

const click = (id: string) => document.getElementById(id)!.click();
const text = (sel: string) => document.querySelector(sel)?.textContent ?? "";
const noFrame = () => Promise.resolve();

async function started(host = new FakeHost(snapshot())) {
  loadPane();
  const controller = new PaneController(host, document, { nextFrame: noFrame, debounceMs: 5 });
  await controller.start();
  return { host, controller };
}

describe("the pane's controller: host in, Review to the view, actions back to the host", () => {
  test("start reads once and renders the review with a status summary", async () => {
    const { host } = await started();
    expect(host.calls).toEqual(["read"]);
    expect(text("#verdict")).toBe("Over budget by $700");
    expect(text("#status")).toBe("Over budget.");
    expect(document.getElementById("status")!.className).toBe("status status-error");
    expect(document.getElementById("progress")!.hidden).toBe(true);
    expect(document.getElementById("review")!.getAttribute("aria-busy")).toBe("false");
  });

  test("Highlight reviews afresh then asks the host to mark; Clear asks the host to clear", async () => {
    const { host } = await started();
    click("do-highlight");
    await flush();
    expect(host.calls).toEqual(["read", "read", "highlight"]);
    expect(host.highlighted[0].overBudgetRows).toEqual([5]);
    expect(text("#status")).toBe("Highlighted 1 over-budget row red and 1 concentration row amber. Over budget.");
    expect(document.getElementById("status")!.className).not.toContain("success");
    click("do-clear");
    await flush();
    expect(host.calls.at(-1)).toBe("clear");
  });

  test("Save weekly review hands the fresh review to the host", async () => {
    const { host } = await started();
    click("do-save");
    await flush();
    expect(host.saved).toHaveLength(1);
    expect(host.saved[0].exposureCents).toBe(3_070_000);
    expect(text("#status")).toContain("Weekly Review sheet");
  });

  test("buttons are disabled while an action runs, and a failure is shown, not thrown", async () => {
    const { host } = await started();
    let release!: () => void;
    host.highlight = () => new Promise<void>((r) => (release = r));
    click("do-highlight");
    await flush();
    expect((document.getElementById("do-save") as HTMLButtonElement).disabled).toBe(true);
    release();
    await flush();
    expect((document.getElementById("do-save") as HTMLButtonElement).disabled).toBe(false);
    host.clearHighlights = async () => {
      throw new Error("The workbook is protected");
    };
    click("do-clear");
    await flush();
    expect(text("#status")).toBe("The workbook is protected");
    expect(document.getElementById("status")!.className).toContain("status-error");
  });

  test("a listed row's click selects it through the host", async () => {
    const { host } = await started();
    document.querySelector<HTMLButtonElement>("#list-over-budget .row-link")!.click();
    await flush();
    expect(host.selected).toEqual([5]);
  });

  test("an edit reported by the host re-reviews once after a quiet moment", async () => {
    const host = new FakeHost(snapshot());
    (host as FakeHost & { onChange: (cb: () => void) => Promise<void> }).onChange = async (cb) => {
      host.changeCallback = cb;
    };
    await started(host);
    host.snap.settings.inputs.accountValue = 200000;
    host.changeCallback!();
    host.changeCallback!();
    host.changeCallback!();
    await new Promise((r) => setTimeout(r, 30));
    expect(host.calls.filter((c) => c === "read")).toHaveLength(2);
    expect(text("#verdict")).toBe("Within the VIX cap $29,300 of headroom");
  });

  test("no table: the reason is shown and the table picker offers the workbook's tables", async () => {
    const snap = { ...snapshot(), table: null, choice: null, message: "no position table: 2 tables and none named Positions" };
    await started(new FakeHost(snap));
    expect(text("#verdict-reason")).toContain("no position table");
    const options = [...document.querySelectorAll<HTMLOptionElement>("#table-form option")].map((o) => o.textContent);
    expect(options).toEqual(["Positions", "Old", "A range with a header row…"]);
    expect(text("#mapping-form")).toContain("Pick a position table first");
  });
});

describe("editors save into the workbook through writeSettings", () => {
  test("inputs: only the changed ones are written, as numbers where they read as numbers", async () => {
    const { host } = await started();
    const vix = document.querySelector<HTMLInputElement>('#inputs-form input[name="vix"]')!;
    const cap = document.querySelector<HTMLInputElement>('#inputs-form input[name="highVixCap"]')!;
    vix.value = "31.5";
    cap.value = "50%";
    document.getElementById("save-inputs")!.click();
    await flush();
    expect(host.written).toEqual([{ vix: 31.5, highVixCap: 0.5 }]);
    expect(host.calls.slice(-2)).toEqual(["writeSettings", "read"]);
    expect(text("#figures")).toContain("50% cap at VIX 31.5");
  });

  test("income inputs: fractions, TRUE/FALSE words and dollars are stored as the core reads them", () => {
    expect(inputCell("payoutRatio", "75%")).toBeCloseTo(0.75, 10);
    expect(inputCell("maxRaise", "0.1")).toBeCloseTo(0.1, 10);
    expect(inputCell("reserveInAccount", "yes")).toBe(true);
    expect(inputCell("premiumPerShare", "FALSE")).toBe(false);
    expect(inputCell("premiumPerShare", "perhaps")).toBe("perhaps");
    expect(inputCell("withdrawal", "$2,000")).toBe(2000);
    expect(inputProblem("payoutRatio", "2")).toMatch(/CSP_PayoutRatio/);
    expect(inputProblem("reserveMonths", "70")).toMatch(/CSP_ReserveMonths/);
    expect(inputProblem("withdrawal", "-5")).toMatch(/Withdrawal/);
    expect(inputProblem("premiumPerShare", "perhaps")).toMatch(/TRUE or FALSE/);
    expect(inputProblem("incomeTarget", "3000")).toBeNull();
    expect(inputProblem("incomeTarget", "")).toBeNull();
  });

  test("inputs: a value that is not a number is stored as typed so the review names the problem", () => {
    expect(inputCell("accountValue", " $100,000 ")).toBe(100000);
    expect(inputCell("accountValue", "lots")).toBe("lots");
    expect(inputCell("cash", "")).toBeNull();
    expect(inputCell("concentrationLimit", "12%")).toBeCloseTo(0.12, 10);
  });

  test("inputs missing as names are announced; saving one creates it (through the host)", async () => {
    const snap = { ...snapshot(), definedNames: [] as never[] };
    const { host } = await started(new FakeHost(snap));
    expect(text("#inputs-missing")).toContain("AccountValue, Cash, VIX");
    expect(text("#inputs-missing")).toContain("Assignment Guard");
    // Without a live Excel there is no selection to name.
    expect(text("#inputs-form")).not.toContain("Name the selected cell");
    const cash = document.querySelector<HTMLInputElement>('#inputs-form input[name="cash"]')!;
    cash.value = "5000";
    document.getElementById("save-inputs")!.click();
    await flush();
    expect(host.written).toEqual([{ cash: 5000 }]);
  });

  test("missing inputs get their boxes right under the verdict; saving there writes them and reviews again", async () => {
    const snap = snapshot(undefined, { cash: 40000 });
    snap.definedNames = ["cash"];
    const { host } = await started(new FakeHost(snap));
    const inline = document.getElementById("inline-inputs") as HTMLFormElement;
    expect(inline.hidden).toBe(false);
    expect(inline.closest("#headline")).not.toBeNull();
    expect([...inline.querySelectorAll("input")].map((i) => i.name)).toEqual(["accountValue", "vix"]);
    for (const input of inline.querySelectorAll("input")) expect(inline.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    expect(text("#inline-inputs")).toContain("Saving creates AccountValue, VIX");
    const box = (name: string) => inline.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    // A refused value is marked at its inline box, and nothing is written.
    box("accountValue").value = "100k";
    box("vix").value = "18";
    document.getElementById("save-inline-inputs")!.click();
    await flush();
    expect(host.written).toEqual([]);
    expect(box("accountValue").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(box("accountValue"));
    box("accountValue").value = "100000";
    document.getElementById("save-inline-inputs")!.click();
    await flush();
    expect(host.written).toEqual([{ accountValue: 100000, vix: 18 }]);
    expect(text("#verdict")).toBe("Over budget by $700");
    expect((document.getElementById("inline-inputs") as HTMLFormElement).hidden).toBe(true);
  });

  test("income inputs the review is missing get their boxes in the Income section; saving them reviews again", async () => {
    const { host } = await started(new FakeHost(snapshot(undefined, { accountValue: 100000, cash: 40000, vix: 18, withdrawal: 2000, reserve: 10000 })));
    expect(document.getElementById("income")!.hidden).toBe(false);
    expect(text("#income-coverage")).toContain("set IncomeTarget");
    const form = document.getElementById("income-inputs") as HTMLFormElement;
    expect(form.hidden).toBe(false);
    expect(form.closest("#income")).not.toBeNull();
    expect([...form.querySelectorAll("input")].map((i) => i.name)).toEqual(["incomeTarget"]);
    // The capital inputs are all there: nothing under the verdict.
    expect((document.getElementById("inline-inputs") as HTMLFormElement).hidden).toBe(true);
    form.querySelector<HTMLInputElement>("input[name=incomeTarget]")!.value = "$3,000";
    document.getElementById("save-income-inputs")!.click();
    await flush();
    expect(host.written).toEqual([{ incomeTarget: 3000 }]);
    expect(text("#income-coverage")).toMatch(/^Coverage \d+(\.\d)?% of the \$3,000 target$/);
    expect((document.getElementById("income-inputs") as HTMLFormElement).hidden).toBe(true);
  });

  test("the Settings form edits the income names too, checked by the core before anything is written", async () => {
    const { host } = await started();
    const box = (name: string) => document.querySelector<HTMLInputElement>(`#inputs-form input[name="${name}"]`)!;
    expect(box("incomeTarget")).not.toBeNull();
    box("payoutRatio").value = "2";
    box("reserveInAccount").value = "maybe";
    box("withdrawal").value = "1500";
    document.getElementById("save-inputs")!.click();
    await flush();
    expect(host.written).toEqual([]);
    expect(box("payoutRatio").getAttribute("aria-invalid")).toBe("true");
    expect(box("reserveInAccount").getAttribute("aria-invalid")).toBe("true");
    expect((document.getElementById("inputs-panel") as HTMLDetailsElement).open).toBe(true);
    box("payoutRatio").value = "60%";
    box("reserveInAccount").value = "no";
    document.getElementById("save-inputs")!.click();
    await flush();
    expect(host.written).toEqual([{ withdrawal: 1500, reserveInAccount: false, payoutRatio: 0.6 }]);
  });

  test("where the host can name cells, each missing input offers to name the selected cell", async () => {
    const host = new FakeHost({ ...snapshot(), definedNames: ["accountValue"] });
    const named: string[] = [];
    (host as FakeHost & { nameSelectedCell: (k: string) => Promise<string> }).nameSelectedCell = async (k) => {
      named.push(k);
      return "Sheet1!B2";
    };
    await started(host);
    const buttons = [...document.querySelectorAll<HTMLButtonElement>("#inputs-form button")].filter((b) => b.textContent!.startsWith("Name the selected cell"));
    expect(buttons.map((b) => b.textContent)).toEqual(["Name the selected cell Cash", "Name the selected cell VIX"]);
    buttons[1].click();
    await flush();
    expect(named).toEqual(["vix"]);
    expect(text("#status")).toBe("Sheet1!B2 is now named VIX. Over budget.");
  });

  test("table picker: another table, or a range; marks on the old table are cleared first", async () => {
    const { host } = await started();
    click("do-highlight");
    await flush();
    const select = document.querySelector<HTMLSelectElement>("#table-form select")!;
    select.value = "Old";
    document.getElementById("save-table")!.click();
    await flush();
    expect(host.calls.slice(-3)).toEqual(["clear", "writeSettings", "read"]);
    expect(host.written.at(-1)).toEqual({ positionsTable: "Old" });

    // The editors are drawn again after every review.
    const again = document.querySelector<HTMLSelectElement>("#table-form select")!;
    again.value = "__range__";
    again.dispatchEvent(new Event("change"));
    const range = document.querySelector<HTMLInputElement>('#table-form input[name="range"]')!;
    range.value = "My Trades!A3:H40";
    document.getElementById("save-table")!.click();
    await flush();
    expect(host.written.at(-1)).toEqual({ positionsTable: "'My Trades'!A3:H40" });

    const picker = document.querySelector<HTMLSelectElement>("#table-form select")!;
    picker.value = "__range__";
    document.querySelector<HTMLInputElement>('#table-form input[name="range"]')!.value = "not a range";
    document.getElementById("save-table")!.click();
    await flush();
    expect(text("#status")).toContain("Give a table name, or a range");
  });

  test("table picker: 'use the selected range' fills the range from the host's selection", async () => {
    const host = new FakeHost(snapshot());
    (host as FakeHost & { selectedRange: () => Promise<{ sheet: string; address: string }> }).selectedRange = async () => ({ sheet: "Trades", address: "A1:G5" });
    await started(host);
    const use = [...document.querySelectorAll<HTMLButtonElement>("#table-form button")].find((b) => b.textContent === "Use the selected range")!;
    use.click();
    await flush();
    expect(document.querySelector<HTMLInputElement>('#table-form input[name="range"]')!.value).toBe("Trades!A1:G5");
    expect(document.querySelector<HTMLSelectElement>("#table-form select")!.value).toBe("__range__");
  });

  test("column mapping: the detected column is shown; a correction is saved as overrides JSON", async () => {
    const { host } = await started();
    const strike = document.querySelector<HTMLSelectElement>('#mapping-form select[name="strike"]')!;
    expect(strike.options[0].textContent).toBe("Automatic: Strike");
    const status = document.querySelector<HTMLSelectElement>('#mapping-form select[name="status"]')!;
    status.value = "__none__";
    const qty = document.querySelector<HTMLSelectElement>('#mapping-form select[name="quantity"]')!;
    qty.value = "Qty";
    document.getElementById("save-mapping")!.click();
    await flush();
    expect(host.written.at(-1)).toEqual({ columnOverrides: '{"quantity":"Qty","status":null}' });
    // Every select has a label the screen reader reads.
    for (const s of document.querySelectorAll("#mapping-form select")) expect(document.querySelector(`label[for="${s.id}"]`)).not.toBeNull();
  });

  test("column mapping: reset to automatic clears the stored overrides", async () => {
    const { host } = await started();
    const reset = [...document.querySelectorAll<HTMLButtonElement>("#mapping-form button")].find((b) => b.textContent === "Reset to automatic")!;
    reset.click();
    await flush();
    expect(host.written.at(-1)).toEqual({ columnOverrides: null });
  });
});
