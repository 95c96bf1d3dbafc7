/**
 * The task pane in Debian's Chromium at Excel's task-pane size (350 px wide, 380 px high at
 * first), as a user outside Excel sees it: the preview build (`npm run build:preview`) served on
 * 127.0.0.1, the preview over the bundled sample workbook, then workbooks picked by hand.
 */
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { Browser, chromium, Page } from "playwright-core";
import { buildReview, Cell, highlightPlan, prepareImport, Review, serialForLocalDay, verdict } from "../../src/core";
import { csvSnapshot } from "../../src/csv/host";
import { readCsv } from "../../src/csv/read";
import { money } from "../../src/taskpane/format";
import { reviewRequestOf } from "../../src/host/workbook-host";
import { XlsxWorkbookHost } from "../../src/xlsx/host";
import { serve } from "./serve";

const ROOT = path.resolve(__dirname, "..", "..");
const OUT = path.join(ROOT, "tests", "output");
const BUILD = path.join(OUT, "browser-build");
const CHROMIUM = "/usr/bin/chromium";
const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run installs the chromium package`);
const describeInBrowser = haveChromium ? describe : describe.skip;
if (!haveChromium) console.warn(`browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium)`);
jest.setTimeout(60_000);

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let page: Page;
let sample: Review;
const dialogs: string[] = [];

/** Excel's task pane: about 350 px wide, 380 px high when it opens. */
const PANE = { width: 350, height: 380 };
const TALL = { width: 350, height: 900 };

async function sampleReview(): Promise<Review> {
  const host = await XlsxWorkbookHost.fromBuffer(fs.readFileSync(path.join(ROOT, "samples", "sample-positions.xlsx")));
  const snap = await host.readSnapshot();
  return buildReview(reviewRequestOf({ ...snap, table: snap.table! }, host.today()));
}

async function openPane(viewport = TALL, file?: string): Promise<Page> {
  const p = await browser.newPage({ viewport });
  // Nothing leaves the machine: Microsoft's hosted office.js fails and the page falls back to the local copy.
  await p.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  p.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await p.goto(`${server.url}/taskpane.html`);
  await p.waitForSelector("#verdict", { timeout: 30_000 });
  if (file) {
    await p.setInputFiles("#preview-open", file);
    await p.waitForFunction((name) => document.querySelector("#preview-file")?.textContent === name, path.basename(file));
    await p.waitForFunction(() => document.querySelector("#review")?.getAttribute("aria-busy") === "false" && !!document.querySelector("#verdict"));
  }
  return p;
}

/** A workbook with a Positions table on Trades and the inputs as defined names on Inputs. */
async function workbookFile(name: string, header: string[], rows: Cell[][], names: Record<string, number>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Trades").addTable({ name: "Positions", ref: "A1", headerRow: true, columns: header.map((n) => ({ name: n })), rows });
  const inputs = wb.addWorksheet("Inputs");
  Object.entries(names).forEach(([key, value], i) => {
    inputs.getCell(`B${i + 1}`).value = value;
    wb.definedNames.add(`Inputs!$B$${i + 1}`, key);
  });
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const HEADER = ["Ticker", "Type", "Side", "Strike", "Qty", "Opened", "Status"];
const BOOK: Cell[][] = [
  ["KO", "Put", "Sell", 60, 1, 46296, "Open"],
  ["PFE", "Put", "Sell", 25, 4, 46300, "Open"],
  ["T", "Put", "Sell", 18, 2, 46304, "Open"],
];
const INPUTS = { AccountValue: 100000, Cash: 40000, VIX: 18 };

/** The element's box lies inside the first screen. */
async function onFirstScreen(p: Page, selector: string): Promise<boolean> {
  const box = await p.locator(selector).first().boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= PANE.height;
}

/** Presses Tab from the top until focus comes round again: every stop, in order. */
async function tabStops(p: Page, limit = 400): Promise<string[]> {
  await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const stops: string[] = [];
  for (let i = 0; i < limit; i++) {
    await p.keyboard.press("Tab");
    const id = await p.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      if (!a || a === document.body) return null;
      if (!a.dataset.stop) a.dataset.stop = String(document.querySelectorAll("[data-stop]").length + 1);
      return `${a.dataset.stop}:${a.id || a.className || a.tagName}`;
    });
    if (id === null || stops.includes(id)) break;
    stops.push(id);
  }
  return stops;
}

const rowsOf = (p: Page, selector: string) => p.$$eval(selector, (nodes) => nodes.map((n) => Number((n as HTMLElement).dataset.row)));

describeInBrowser("task pane preview in Chromium at Excel's task-pane size (350 px)", () => {
  beforeAll(async () => {
    fs.rmSync(BUILD, { recursive: true, force: true });
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production", "--env", "preview", "--output-path", BUILD], {
      cwd: ROOT,
      stdio: "pipe",
      timeout: 170_000,
    });
    server = await serve(BUILD);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      // playwright gives every launch a fresh temporary profile (user data dir) of its own.
    });
    sample = await sampleReview();
    page = await openPane();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("the first screen (350 x 380) is the answer: the verdict with its dollar amount, exposure against budget, one primary action", async () => {
    const p = await openPane(PANE);
    const v = verdict(sample);
    expect(v.state).toBe("over");
    expect(await p.textContent("#verdict")).toBe(`${v.text} by ${money(-sample.headroomCents!)}`);
    expect(await p.textContent("#exposure-line")).toBe(`Exposure ${money(sample.exposureCents)} of ${money(sample.budgetCents)} budget`);
    for (const selector of ["#verdict", "#exposure-line", ".gauge", "#gauge-caption", "#do-save", "#do-review", "#do-highlight", "#do-clear"]) {
      expect([selector, await onFirstScreen(p, selector)]).toEqual([selector, true]);
    }
    // One primary action; the others are smaller.
    expect(await p.$$eval(".toolbar .button.primary", (b) => b.map((x) => x.id))).toEqual(["do-save"]);
    const height = (id: string) => p.$eval(id, (b) => b.getBoundingClientRect().height);
    expect(await height("#do-review")).toBeLessThan(await height("#do-save"));
    // Office shows the add-in's name above the pane: no visible title repeats it.
    expect(await p.$eval("h1", (h) => h.getBoundingClientRect().height <= 1)).toBe(true);
    await p.close();
  });

  test("the numbers card and the lists show the core's figures and rows for the bundled sample", async () => {
    const figures = await page.textContent("#figures");
    expect(figures).toContain(money(sample.exposureCents));
    expect(figures).toContain(money(sample.budgetCents));
    expect(figures).toContain(money(sample.headroomCents));
    expect(await page.getAttribute(".gauge", "aria-label")).toContain(money(sample.exposureCents));
    expect(await page.textContent("#source")).toBe(sample.source!.found);
    expect(await page.$$eval("#reading-notes li", (li) => li.map((x) => x.textContent))).toEqual(sample.reading.notes);
    expect(sample.overBudgetRows.length).toBeGreaterThan(0);
    expect((await rowsOf(page, "#list-over-budget .row-link")).sort((a, b) => a - b)).toEqual(sample.overBudgetRows);
    expect((await rowsOf(page, "#list-concentration .row-link")).sort((a, b) => a - b)).toEqual(sample.concentrationRows);
    for (const id of ["list-expired", "list-errors", "list-left-out"]) expect(await page.$(`#${id}`)).not.toBeNull();
    expect(await page.$$eval("#bars .bar-row", (n) => n.length)).toBe(Math.min(8, sample.underlyings.length));
  });

  test("the preview on the bundled sample shows Income and Discipline, drawn from the review", async () => {
    const f = sample.income;
    expect(f.inUse).toBe(true);
    expect(await page.isVisible("#income")).toBe(true);
    expect(await page.isVisible("#discipline")).toBe(true);
    expect(await page.textContent("#income-headline")).toBe(`${money(f.averageMonthCents)} average month · ${money(f.t12Cents)} last 12 months`);
    expect(await page.$$eval("#income-chart rect.month-bar", (n) => n.length)).toBe(12);
    expect(await page.$$eval("#income-chart rect.month-bar title", (n) => n.map((t) => t.textContent!.split(": ")[1]))).toEqual(f.months.map((m) => money(m.cents)));
    if (f.ceilingCents !== null) expect(await page.textContent("#income")).toContain(`Sustainable ${money(f.ceilingCents)}`);
    expect(await page.textContent("#streak")).toMatch(new RegExp(`^${sample.discipline.streakWeeks}week`));
    expect(await page.$$eval("#flags .flag", (n) => n.map((x) => (x as HTMLElement).dataset.kind))).toEqual(sample.discipline.flags.slice(0, 5).map((x) => x.kind));
    // Nothing in these two sections is green: only the cap verdict's "within" may be.
    const green = await page.$$eval("#income *, #discipline *", (n) => n.filter((x) => getComputedStyle(x).color === "rgb(14, 112, 14)").length);
    expect(green).toBe(0);
    for (const id of ["income", "discipline"]) {
      await page.locator(`#${id}`).screenshot({ path: path.join(OUT, `taskpane-${id}.png`) });
      if (process.env.UPDATE_DOCS === "1") await page.locator(`#${id}`).screenshot({ path: path.join(ROOT, "docs", `taskpane-${id}.png`) });
    }
  });

  test("Highlight fills the preview grid's rows as the workbook's rules do; Clear removes them", async () => {
    const marked = async (kind: string) => rowsOf(page, `#grid tr[data-mark="${kind}"]`);
    expect(await marked("over-budget")).toEqual([]);
    await page.click("#do-highlight");
    await page.waitForSelector('#grid tr[data-mark="over-budget"]');
    const plan = highlightPlan(sample);
    expect(await marked("over-budget")).toEqual(plan.filter((m) => m.kind === "over-budget").map((m) => m.row));
    expect(await marked("concentration")).toEqual(plan.filter((m) => m.kind === "concentration").map((m) => m.row));
    const fillOf = await page.$eval('#grid tr[data-mark="over-budget"] td', (td) => getComputedStyle(td).backgroundColor);
    expect(fillOf).toBe("rgb(248, 203, 173)");
    // Highlighting twice never stacks: the grid reads the rules back from the workbook.
    await page.click("#do-highlight");
    await page.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("Highlighted"));
    expect(await marked("over-budget")).toEqual(plan.filter((m) => m.kind === "over-budget").map((m) => m.row));
    await page.click("#do-clear");
    await page.waitForFunction(() => document.querySelectorAll("#grid tr[data-mark]:not([data-mark=''])").length === 0);
    expect(await page.textContent("#status")).toContain("Removed the highlights");
  });

  test("the keyboard: the primary action first, then the others, each list one stop; Enter on a listed row selects it", async () => {
    const p = await openPane();
    const stops = await tabStops(p);
    expect(stops.slice(0, 5).map((s) => s.split(":")[1])).toEqual(["do-save", "do-review", "do-highlight", "do-clear", "SUMMARY"]);
    // The fifth stop is the over-budget list's summary, then one stop for its rows.
    const order = await p.evaluate(() => {
      const at = (el: Element | null) => (el as HTMLElement | null)?.dataset.stop ?? null;
      return { summary: at(document.querySelector("#list-over-budget summary")), firstRow: at(document.querySelector("#list-over-budget .row-link")), secondRow: at(document.querySelectorAll("#list-over-budget .row-link")[1]) };
    });
    expect(order.summary).toBe("5");
    expect(order.firstRow).toBe("6");
    expect(order.secondRow).toBeNull();
    await p.focus("#list-over-budget .row-link");
    await p.keyboard.press("ArrowDown");
    expect(await p.evaluate(() => (document.activeElement as HTMLElement).dataset.row)).toBe(String(sample.overBudgetRows[1] ?? sample.overBudgetRows[0]));
    await p.keyboard.press("Enter");
    await p.waitForTimeout(100);
    expect(await p.textContent("#status")).not.toMatch(/error|could not/i);
    await p.close();
  });

  test("every verdict state keeps its tone: green only for within, no figure under 'cannot be read', missing inputs as boxes on the first screen", async () => {
    const green = "rgb(14, 112, 14)";
    const cases: [string, Cell[][], Record<string, number>, string[], string][] = [
      ["within", BOOK, INPUTS, HEADER, "verdict-ok"],
      ["no-budget", BOOK, { Cash: 40000 }, HEADER, "verdict-unknown"],
      ["unconfirmed", [...BOOK, ["XOM", "Put", "Sell", "abc", 1, 46306, "Open"]], INPUTS, HEADER, "verdict-unknown"],
      ["unreadable", [["KO", "Put", 50]], INPUTS, ["Ticker", "Type", "Strike"], "verdict-danger"],
    ];
    for (const [state, rows, names, header, tone] of cases) {
      const p = await openPane(PANE, await workbookFile(`state-${state}.xlsx`, header, rows, names));
      expect([state, await p.getAttribute("#verdict", "class")]).toEqual([state, `verdict ${tone}`]);
      const colours = await p.$$eval("#headline *, #status", (nodes) => nodes.map((n) => getComputedStyle(n).color));
      expect([state, colours.includes(green)]).toEqual([state, state === "within"]);
      if (state === "within") expect(await p.textContent("#verdict")).toBe("Within the VIX cap $10,400 of headroom");
      if (state === "unreadable") {
        expect(await p.$("#figures")).toBeNull();
        expect(await p.textContent("#headline")).not.toMatch(/\$\d/);
        expect(await onFirstScreen(p, "#fix-mapping")).toBe(true);
      }
      if (state === "unconfirmed") expect(await p.textContent("#headline")).not.toContain("headroom");
      await p.screenshot({ path: path.join(OUT, `taskpane-${state}-350x380.png`) });
      if (state === "no-budget") {
        // The boxes that fix it are right there, not a message pointing to the settings below.
        expect(await onFirstScreen(p, "#inline-inputs input[name=accountValue]")).toBe(true);
        await p.fill("#inline-inputs input[name=accountValue]", "100000");
        await p.fill("#inline-inputs input[name=vix]", "18");
        await p.click("#save-inline-inputs");
        await p.waitForFunction(() => document.querySelector("#verdict")?.className === "verdict verdict-ok");
        expect(await p.textContent("#verdict")).toBe("Within the VIX cap $10,400 of headroom");
        expect(await p.isHidden("#inline-inputs")).toBe(true);
      }
      await p.close();
    }
  });

  test("a 2,000-row workbook: the page keeps its height and its tab stops, four-digit row numbers line up", async () => {
    const tickers = ["KO", "PFE", "T", "INTC", "F", "VZ", "SOFI", "NVDA", "AAPL", "MSFT", "XOM", "CVX"];
    const rows: Cell[][] = Array.from({ length: 2000 }, (_, i) => {
      const t = tickers[i % tickers.length];
      if (i % 7 === 3) return [t, "Call", "Sell", 50, 1, 46023 + (i % 300), "Open"];
      if (i % 11 === 5) return [t, "Put", "Sell", 40, 1, 46023 + (i % 300), "Closed"];
      if (i === 1500) return [t, "Put", "Sell", "4O", 1, 46023 + (i % 300), "Open"];
      return [t, "Put", "Sell", 20 + (i % 30), 1, 46023 + (i % 300), "Open"];
    });
    const p = await openPane(TALL, await workbookFile("two-thousand-rows.xlsx", HEADER, rows, { AccountValue: 2000000, Cash: 900000, VIX: 18 }));
    const over = Number(await p.textContent("#list-over-budget .count"));
    expect(over).toBeGreaterThan(1000);
    expect(await p.$$eval("#list-over-budget .row-link", (n) => n.length)).toBe(5);
    expect(await p.textContent("#list-over-budget .show-all")).toBe(`Show all ${over}`);
    const height = await p.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThan(3500);
    const stops = await tabStops(p);
    expect(stops.length).toBeLessThan(40);
    // Every row number has the same box, right edges in one line: 36, 336 and 1235 align.
    const boxes = await p.$$eval("#lists details[open] .row-number", (n) => n.map((x) => ({ text: x.textContent!, right: x.getBoundingClientRect().right, width: x.getBoundingClientRect().width, height: x.getBoundingClientRect().height })));
    const digits = new Set(boxes.map((b) => b.text.length));
    expect(digits.has(4) && digits.size >= 3).toBe(true);
    expect(new Set(boxes.map((b) => b.right.toFixed(1))).size).toBe(1);
    expect(new Set(boxes.map((b) => b.width.toFixed(1))).size).toBe(1);
    expect(Math.max(...boxes.map((b) => b.height))).toBeLessThan(20);
    // Show all: every row, in a box that scrolls, and the page grows by that box only.
    await p.click("#list-over-budget .show-all");
    expect(await p.$$eval("#list-over-budget .row-link", (n) => n.length)).toBe(over);
    expect(await p.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(height + 320);
    expect((await tabStops(p)).length).toBeLessThan(40);
    await p.screenshot({ path: path.join(OUT, "taskpane-2000-rows-350x900.png") });
    await p.close();
  });

  test("a ticker of HTML from a workbook picked by hand shows as text and runs nothing", async () => {
    const evil = "<img src=x onerror=alert(1)>";
    const file = await workbookFile("xss-ticker.xlsx", ["Ticker", "Type", "Side", "Strike", "Qty"], [
      [evil, "Put", "Sell", 50, 1],
      ["KO", "Put", "Sell", 60, 1],
    ], { AccountValue: 10000, Cash: 20000, VIX: 18 });
    const p = await openPane(TALL, file);
    // The core names underlyings in capitals; the grid shows the cell as typed.
    const named = evil.toUpperCase();
    await p.waitForFunction((t) => document.querySelector("#bars")?.textContent?.includes(t), named);
    expect(await p.$$eval("img", (n) => n.length)).toBe(0);
    expect(await p.textContent("#bars")).toContain(named);
    expect(await p.textContent("#list-concentration")).toContain(named);
    expect(await p.textContent("#grid")).toContain(evil);
    expect(dialogs).toEqual([]);
    await p.close();
  });

  test("the preview reads and writes the workbook without exceljs, and shows dates as dates", async () => {
    const requested: string[] = [];
    const p = await browser.newPage({ viewport: { width: 320, height: 900 } });
    await p.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    p.on("request", (r) => requested.push(r.url()));
    await p.goto(`${server.url}/taskpane.html`);
    await p.waitForSelector("#verdict", { timeout: 30_000 });
    await p.waitForSelector("#grid tr[data-row]");
    expect(requested.some((u) => /\/preview\..*chunk\.js$/.test(u))).toBe(true);
    expect(requested.some((u) => /\/xlsx\..*chunk\.js$/.test(u))).toBe(true);
    // Dates show as dates in the grid: the reader keeps which cells are date-formatted.
    expect(await p.textContent("#grid")).toMatch(/20\d\d-\d\d-\d\d/);
    await p.click("#do-highlight");
    await p.waitForSelector('#grid tr[data-mark="over-budget"]');
    expect(requested.filter((u) => /exceljs/i.test(u))).toEqual([]);
    await p.close();
  });

  test("Settings > Import broker file: a tastytrade .csv into the sample; the pane reviews the import as the package writer's import does, and the downloaded copy holds it", async () => {
    const name = "tastytrade-history-2021-01.csv";
    const file = path.join(ROOT, "tests", "fixtures", "real", "brokers", name);
    // The same import in Node: the CLI's package writer into the same sample, then its review.
    const node = await XlsxWorkbookHost.fromBuffer(fs.readFileSync(path.join(ROOT, "samples", "sample-positions.xlsx")));
    const csv = csvSnapshot(readCsv(new Uint8Array(fs.readFileSync(file)), name), null);
    const { review: broker, imp } = prepareImport(csv.table!, csv.settings.overrides, node.today(), name);
    await node.importBroker(imp);
    const snap = await node.readSnapshot();
    const want = buildReview(reviewRequestOf({ ...snap, table: snap.table! }, node.today()));
    expect(want.source?.name).toBe("BrokerPositions");
    expect(want.exposureCents).toBe(broker.exposureCents);

    const p = await openPane(TALL);
    expect(await p.isVisible("#import-panel")).toBe(true);
    await p.click("#import-panel summary");
    await p.setInputFiles("#import-file", file);
    await p.click("#do-import");
    await p.waitForFunction(() => /^(Imported|Not imported)/.test(document.querySelector("#status")?.textContent ?? ""), undefined, { timeout: 30_000 });
    expect(await p.textContent("#status")).toContain(`Imported ${name}: ${broker.countedRowCount} open short put`);
    expect(await p.textContent("#source")).toBe(want.source!.found);
    const figures = await p.textContent("#figures");
    for (const cents of [want.exposureCents, want.budgetCents, want.headroomCents]) expect(figures).toContain(money(cents));
    expect(await p.textContent("#verdict")).toContain(verdict(want).text);
    // The grid now shows the imported table, its rows from row 5 of the import's sheet.
    expect((await rowsOf(p, "#grid tbody tr"))[0]).toBe(5);

    const [download] = await Promise.all([p.waitForEvent("download"), p.click("#preview-download")]);
    const copy = path.join(OUT, "sample-with-import.xlsx");
    await download.saveAs(copy);
    const back = await XlsxWorkbookHost.fromBuffer(fs.readFileSync(copy));
    expect(back.currentReader().tableNames).toEqual(expect.arrayContaining(["BrokerPositions", "BrokerLedger"]));
    const again = await back.readSnapshot();
    expect(buildReview(reviewRequestOf({ ...again, table: again.table! }, node.today())).exposureCents).toBe(want.exposureCents);
    await p.close();
  });

  test("a broker .csv opened in the preview is reviewed as the command line reviews it, read-only, saying why", async () => {
    const name = "ibkr-activity-statement-options-rebuilt.csv";
    const file = path.join(ROOT, "tests", "fixtures", "real", "brokers", name);
    const p = await openPane(TALL, file);
    for (const id of ["#do-save", "#do-highlight", "#do-clear", "#preview-download"]) expect([id, await p.isDisabled(id)]).toEqual([id, true]);
    expect(await p.isVisible("#readonly-note")).toBe(true);
    expect(await p.textContent("#readonly-note")).toContain("A .csv is reviewed as it is");
    expect(await p.getAttribute("#do-save", "aria-describedby")).toBe("readonly-note");
    expect(await p.isHidden("#import-panel")).toBe(true);
    expect(await p.textContent("#source")).toMatch(/read as IBKR Activity Statement/);
    // The inputs a .csv cannot hold, typed where the verdict asks for them: this session only.
    await p.fill("#inline-inputs input[name=accountValue]", "100000");
    await p.fill("#inline-inputs input[name=vix]", "18");
    await p.click("#save-inline-inputs");
    await p.waitForFunction(() => !document.querySelector("#verdict")?.className.includes("unknown") || document.querySelector("#inline-inputs")?.hasAttribute("hidden"));
    const csv = csvSnapshot(readCsv(new Uint8Array(fs.readFileSync(file)), name), null);
    const want = buildReview(reviewRequestOf({ ...csv, table: csv.table! }, serialForLocalDay(new Date()), { accountValue: 100000, vix: 18 }));
    const figures = await p.textContent("#figures");
    for (const cents of [want.exposureCents, want.budgetCents]) expect(figures).toContain(money(cents));
    expect(await p.textContent("#verdict")).toContain(verdict(want).text);
    // The grid's rows are the file's own rows (the Open Positions section), as the over-budget rows name them.
    expect(await rowsOf(p, "#grid tbody tr")).toEqual(csv.table!.rowNumbers);
    expect(dialogs).toEqual([]);
    await p.close();
  });

  test("what Excel loads for the pane stays small: the reader and the preview are separate chunks", () => {
    const gz = (file: string) => gzipSync(fs.readFileSync(path.join(BUILD, file))).length;
    const loaded = gz("taskpane.js") + gz("functions.js") + gz("taskpane.css") + gz("taskpane.html");
    expect(loaded).toBeLessThan(150 * 1024);
    const pane = fs.readFileSync(path.join(BUILD, "taskpane.js"), "utf8");
    expect(pane).not.toMatch(/conditionalFormattings|xlsx\.load/);
    expect(fs.readdirSync(BUILD).some((f) => /^xlsx\..*chunk\.js$/.test(f))).toBe(true);
    expect(fs.readdirSync(BUILD).filter((f) => f.endsWith(".js")).some((f) => /exceljs/i.test(f) || /ExcelJS/.test(fs.readFileSync(path.join(BUILD, f), "latin1")))).toBe(false);
    expect(fs.readdirSync(BUILD).some((f) => /^preview\..*chunk\.js$/.test(f))).toBe(true);
    // The reader (zip.js, saxes, the sheet scanner) is never in what Excel loads.
    expect(pane + fs.readFileSync(path.join(BUILD, "functions.js"), "utf8")).not.toMatch(/sheetData|DecompressionStream/);
  });

  test("screenshots at 350 x 380 and 350 x 900 for tests/output and docs/", async () => {
    fs.mkdirSync(OUT, { recursive: true });
    for (const size of [PANE, TALL]) {
      const p = await openPane(size);
      const name = `taskpane-${size.width}x${size.height}.png`;
      await p.screenshot({ path: path.join(OUT, name) });
      expect(fs.statSync(path.join(OUT, name)).size).toBeGreaterThan(10_000);
      // The README's pictures change only when asked (UPDATE_DOCS=1), so a test run leaves the tree clean.
      if (process.env.UPDATE_DOCS === "1") await p.screenshot({ path: path.join(ROOT, "docs", name) });
      await p.close();
    }
  });
});

describe("the screenshots kept in docs/", () => {
  /** Width and height from a PNG's IHDR chunk. */
  const size = (file: string) => {
    const bytes = fs.readFileSync(file);
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  };
  test.each([
    ["taskpane-350x380.png", 350, 380],
    ["taskpane-350x900.png", 350, 900],
  ])("docs/%s is the pane at %i x %i", (name, width, height) => {
    expect(size(path.join(ROOT, "docs", name))).toEqual({ width, height });
  });
});
