/**
 * The task pane in Debian's Chromium, as a user outside Excel sees it: the preview build
 * (`npm run build:preview`) served on 127.0.0.1, the preview over the bundled sample workbook, then a file picked by hand.
 */
import { execFileSync } from "child_process";
import ExcelJS from "exceljs";
import * as fs from "fs";
import * as path from "path";
import { gzipSync } from "zlib";
import { Browser, chromium, Page } from "playwright-core";
import { buildReview, highlightPlan, Review } from "../../src/core";
import { money } from "../../src/taskpane/format";
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

async function sampleReview(): Promise<Review> {
  const host = await XlsxWorkbookHost.fromBuffer(fs.readFileSync(path.join(ROOT, "samples", "sample-positions.xlsx")));
  const snap = await host.readSnapshot();
  return buildReview({ table: snap.table!, inputs: snap.settings.inputs, overrides: snap.settings.overrides, asOf: host.today() });
}

async function openPane(): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 320, height: 900 } });
  // Nothing leaves the machine: Microsoft's hosted office.js fails and the page falls back to the local copy.
  await p.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  p.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await p.goto(`${server.url}/taskpane.html`);
  await p.waitForSelector("#verdict", { timeout: 30_000 });
  return p;
}

const rowsOf = (p: Page, selector: string) => p.$$eval(selector, (nodes) => nodes.map((n) => Number((n as HTMLElement).dataset.row)));

describeInBrowser("task pane preview in Chromium (320 px)", () => {
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

  test("the headline shows the core's figures for the bundled sample", async () => {
    const figures = await page.textContent("#figures");
    expect(figures).toContain(money(sample.exposureCents));
    expect(figures).toContain(money(sample.budgetCents));
    expect(figures).toContain(money(sample.headroomCents));
    const verdict = await page.textContent("#verdict");
    expect(verdict).toBe(sample.withinCap ? "Within the VIX cap" : "Over budget");
    const gauge = await page.getAttribute("svg.gauge", "aria-label");
    expect(gauge).toContain(money(sample.exposureCents));
  });

  test("the over-budget list names the rows the core found, and the other lists are there", async () => {
    expect(sample.overBudgetRows.length).toBeGreaterThan(0);
    expect((await rowsOf(page, "#list-over-budget .row-link")).sort((a, b) => a - b)).toEqual(sample.overBudgetRows);
    expect((await rowsOf(page, "#list-concentration .row-link")).sort((a, b) => a - b)).toEqual(sample.concentrationRows);
    for (const id of ["list-expired", "list-errors", "list-left-out"]) expect(await page.$(`#${id}`)).not.toBeNull();
    expect(await page.$$eval("#bars .bar-row", (n) => n.length)).toBe(sample.underlyings.length);
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

  test("the keyboard reaches the actions in order, and Enter on a listed row selects it", async () => {
    const p = await openPane();
    const order: string[] = [];
    for (let i = 0; i < 7; i++) {
      await p.keyboard.press("Tab");
      order.push(await p.evaluate(() => document.activeElement?.id || document.activeElement?.className || ""));
    }
    expect(order.slice(0, 6)).toEqual(["preview-open-button", "preview-download", "do-review", "do-highlight", "do-clear", "do-save"]);
    await p.focus("#list-over-budget .row-link");
    await p.keyboard.press("Enter");
    await p.waitForTimeout(100);
    expect(await p.textContent("#status")).not.toMatch(/error|could not/i);
    await p.close();
  });

  test("a ticker of HTML from a workbook picked by hand shows as text and runs nothing", async () => {
    const evil = "<img src=x onerror=alert(1)>";
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Trades");
    ws.addTable({
      name: "Positions",
      ref: "A1",
      headerRow: true,
      columns: ["Ticker", "Type", "Side", "Strike", "Qty"].map((name) => ({ name })),
      rows: [
        [evil, "Put", "Sell", 50, 1],
        ["KO", "Put", "Sell", 60, 1],
      ],
    });
    const inputs = wb.addWorksheet("Inputs");
    inputs.getCell("B1").value = 10000;
    inputs.getCell("B2").value = 20000;
    inputs.getCell("B3").value = 18;
    wb.definedNames.add("Inputs!$B$1", "AccountValue");
    wb.definedNames.add("Inputs!$B$2", "Cash");
    wb.definedNames.add("Inputs!$B$3", "VIX");
    const file = path.join(OUT, "xss-ticker.xlsx");
    fs.mkdirSync(OUT, { recursive: true });
    await wb.xlsx.writeFile(file);

    const p = await openPane();
    await p.setInputFiles("#preview-open", file);
    await p.waitForFunction(() => document.querySelector("#preview-file")?.textContent === "xss-ticker.xlsx");
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

  test("screenshot at 320 px for tests/output and the README", async () => {
    const p = await openPane();
    await p.click("#do-highlight");
    await p.waitForFunction(() => document.querySelector("#status")?.textContent?.startsWith("Highlighted"));
    fs.mkdirSync(OUT, { recursive: true });
    const shot = path.join(OUT, "taskpane-320.png");
    await p.screenshot({ path: shot, fullPage: true });
    expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
    // The README's picture changes only when asked (UPDATE_DOCS=1), so a test run leaves the tree clean.
    if (process.env.UPDATE_DOCS === "1") {
      fs.mkdirSync(path.join(ROOT, "docs"), { recursive: true });
      await p.screenshot({ path: path.join(ROOT, "docs", "taskpane.png"), clip: { x: 0, y: 0, width: 320, height: 900 } });
    }
    await p.close();
  });
});
