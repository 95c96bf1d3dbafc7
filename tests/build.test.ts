// Runs the production build once, for a hosted address, and checks what Office will fetch from it.
// It builds into tests/output/build rather than dist/ so that it never races another suite,
// or a developer, reading dist/ while this runs; the webpack config is the same.
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { CustomFunctionsError, ErrorCode, FakeInvocation, settle } from "./helpers/custom-functions-stub";
import { ExcelModel, workbook } from "./helpers/excel-model";
import { WORKED_BODY, WORKED_HEADER } from "./helpers/worked-example";
import { checkManifest } from "./helpers/manifest-check";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "tests", "output", "build");
const FUNCTIONS_SOURCE = path.join(ROOT, "src", "functions", "functions.ts");
const ADDIN_URL = "https://addin.example.org/guard";
const BASE = `${ADDIN_URL}/`;
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const XSD = path.resolve(ROOT, "..", "shared", "office-xsd", "OfficeAppManifestV1_1.xsd");
const MAX_BYTES = 5 * 1024 * 1024;

let buildLog = "";

beforeAll(() => {
  fs.rmSync(OUT, { recursive: true, force: true });
  buildLog = execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production", "--output-path", OUT],
    { cwd: ROOT, encoding: "utf8", timeout: 110_000, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ADDIN_URL } }
  );
}, 120_000);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [path.relative(OUT, full).split(path.sep).join("/")];
  });
}

const read = (file: string) => fs.readFileSync(path.join(OUT, file), "utf8");

/** Ids custom-functions-metadata derives from the JSDoc: `@customfunction [id [name]]`, else the upper-cased function name. */
function declaredFunctionIds(source: string): string[] {
  const ids: string[] = [];
  const docThenFunction = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*(?:export\s+)?(?:async\s+)?function\s+(\w+)/g;
  for (const [, doc, functionName] of source.matchAll(docThenFunction)) {
    const tag = /@customfunction\b[ \t]*([^\s*]*)/.exec(doc);
    if (tag) ids.push((tag[1] || functionName).toUpperCase());
  }
  return ids;
}

describe("production build", () => {
  it("compiles without errors", () => {
    expect(buildLog).toMatch(/compiled successfully/);
  });

  it.each(["taskpane.html", "functions.html", "taskpane.js", "functions.js", "functions.json", "manifest.xml", "taskpane.css"])(
    "emits %s",
    (file) => {
      expect(fs.existsSync(path.join(OUT, file))).toBe(true);
    }
  );

  it.each(["icon-16.png", "icon-32.png", "icon-64.png", "icon-80.png"])("copies assets/%s", (icon) => {
    expect(fs.existsSync(path.join(OUT, "assets", icon))).toBe(true);
  });

  it("writes functions.json with one entry per @customfunction in functions.ts", () => {
    const declared = declaredFunctionIds(fs.readFileSync(FUNCTIONS_SOURCE, "utf8"));
    const text = read("functions.json");
    // With no @customfunction at all the plugin writes an empty file.
    const metadata = text.trim() === "" ? { functions: [] } : JSON.parse(text);
    const ids = (metadata.functions as Array<{ id: string }>).map((f) => f.id).sort();
    expect(ids).toEqual([...declared].sort());
  });

  it("loads office.js from Microsoft's CDN, then functions.js before taskpane.js on the shared-runtime page", () => {
    const scripts = [...read("taskpane.html").matchAll(/<script[^>]*\ssrc="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual([OFFICE_JS_CDN, "functions.js", "taskpane.js"]);
  });

  it("keeps exceljs out of the bundles loaded at start", () => {
    for (const file of ["functions.js", "taskpane.js"]) expect(read(file)).not.toContain("ExcelJS");
  });

  /** Loads the built functions.js as Excel's runtime does, with `Excel` present or not. */
  function loadFunctions(excel: unknown): Map<string, (...args: unknown[]) => void> {
    const associated = new Map<string, (...args: unknown[]) => void>();
    const calls: string[] = [];
    const CustomFunctions = {
      Error: CustomFunctionsError,
      ErrorCode,
      associate: (id: string | Record<string, (...args: unknown[]) => void>, fn?: (...args: unknown[]) => void) => {
        const entries = typeof id === "string" ? [[id, fn!] as const] : Object.entries(id);
        for (const [name, f] of entries) {
          calls.push(name);
          associated.set(name, f);
        }
      },
    };
    const sandbox: Record<string, unknown> = { CustomFunctions, setTimeout, clearTimeout, console, Promise };
    if (excel) sandbox.Excel = excel;
    // webpack's runtime finds its public path from the script tag that loaded it.
    sandbox.document = { currentScript: { tagName: "SCRIPT", src: "https://localhost:3000/functions.js" }, getElementsByTagName: () => [] };
    sandbox.globalThis = sandbox;
    sandbox.self = sandbox;
    sandbox.window = sandbox;
    vm.runInNewContext(read("functions.js"), sandbox);
    // Every function once, no more: the plugin registers them and the source adds no associate call.
    expect([...calls].sort()).toEqual([...new Set(calls)].sort());
    return associated;
  }

  const ARGS: Record<string, unknown[]> = {
    ASSIGNMENTEXPOSURE: [null],
    VIXCAP: [18, null],
    CANSELLPUT: [17, 1, null, null, null],
    HEADROOM: [null, null, null],
    MAXCONTRACTS: [17, null, null, null],
    INCOME: [null],
    INCOMECOVERAGE: [],
    WITHDRAWALCEILING: [],
    RESERVEMONTHS: [],
    CANWITHDRAW: [100],
  };

  it("functions.js registers every function once, and no call throws without a workbook", async () => {
    const functions = loadFunctions(null);
    expect([...functions.keys()].sort()).toEqual(Object.keys(ARGS).sort());
    const results: unknown[] = [];
    for (const [id, args] of Object.entries(ARGS)) {
      const inv = new FakeInvocation<unknown>();
      expect(() => functions.get(id)!(...args, inv.asInvocation())).not.toThrow();
      await settle();
      results.push(inv.last);
    }
    // Without Excel every workbook formula says it waits for Excel; none is left without an answer.
    for (const r of results) expect(r).toBeInstanceOf(CustomFunctionsError);
    expect((results[2] as CustomFunctionsError).code).toBe("#N/A");
  });

  it("functions.js answers from a workbook: the worked example through the built bundle", async () => {
    const model = new ExcelModel(
      workbook({
        tables: [{ name: "Positions", sheet: "Log", header: WORKED_HEADER, rows: WORKED_BODY }],
        names: { AccountValue: { sheet: "S", cell: "A1", value: 100000 }, VIX: { sheet: "S", cell: "A2", value: 18 } },
      }),
    );
    const functions = loadFunctions({ run: (options: object, batch: (c: unknown) => Promise<unknown>) => model.runWith(options, batch as never) });
    const answers: Record<string, unknown> = {};
    for (const [id, args] of Object.entries(ARGS)) {
      const inv = new FakeInvocation<unknown>();
      expect(() => functions.get(id)!(...args, inv.asInvocation())).not.toThrow();
      await settle(6);
      answers[id] = inv.last;
    }
    // The worked example has no premium column, IncomeTarget or Withdrawal: no income, a ceiling of 0, and the two
    // figures that need a setting say which one.
    const { INCOMECOVERAGE, RESERVEMONTHS, ...figures } = answers;
    expect(figures).toEqual({ ASSIGNMENTEXPOSURE: 30700, VIXCAP: 0.3, CANSELLPUT: false, HEADROOM: -700, MAXCONTRACTS: 0, INCOME: 0, WITHDRAWALCEILING: 0, CANWITHDRAW: false });
    expect([INCOMECOVERAGE, RESERVEMONTHS].map((e) => [(e as CustomFunctionsError).code, (e as CustomFunctionsError).message])).toEqual([
      ["#N/A", expect.stringMatching(/^set IncomeTarget/)],
      ["#N/A", expect.stringMatching(/set Withdrawal/)],
    ]);
  });
});

describe(`the add-in built for ADDIN_URL=${ADDIN_URL}`, () => {
  const manifest = () => read("manifest.xml");

  it("names that base in every manifest URL, and each is a file the build wrote", () => {
    const urls = [...manifest().matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(9);
    for (const url of urls) {
      expect(url.startsWith(BASE) ? url : `off base: ${url}`).toBe(url);
      expect([url, fs.existsSync(path.join(OUT, url.slice(BASE.length)))]).toEqual([url, true]);
    }
  });

  it("leaves localhost nowhere in the output", () => {
    const mentions = filesUnder(OUT).filter((file) => /localhost/i.test(fs.readFileSync(path.join(OUT, file), "latin1")));
    expect(mentions).toEqual([]);
  });

  it("writes a manifest consistent with itself (one origin and folder, resids that resolve, icons of their size)", () => {
    expect(checkManifest(manifest(), { assetsDir: path.join(OUT, "assets"), namespace: "CSP" })).toEqual([]);
  });

  it("writes a manifest valid against Microsoft's schemas (xmllint, ../shared/office-xsd)", () => {
    if (!fs.existsSync(XSD)) throw new Error(`${XSD} is missing: the schemas live in the project's ../shared/office-xsd`);
    const run = spawnSync("xmllint", ["--noout", "--schema", XSD, path.join(OUT, "manifest.xml")], { encoding: "utf8" });
    if (run.error) throw new Error(`xmllint could not run (${run.error.message}): apt-get install -y libxml2-utils`);
    expect({ status: run.status, stderr: run.stderr.trim() }).toEqual({ status: 0, stderr: `${path.join(OUT, "manifest.xml")} validates` });
  });

  it("refers, in every page, only to files it holds and to office.js on Microsoft's CDN", () => {
    for (const page of filesUnder(OUT).filter((file) => file.endsWith(".html"))) {
      const refs = [...read(page).matchAll(/\s(?:src|href)="?([^"\s>]+)/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        const ok = ref === OFFICE_JS_CDN || (!/^[a-z]+:|^\/\//i.test(ref) && fs.existsSync(path.join(OUT, path.dirname(page), ref)));
        expect([page, ref, ok]).toEqual([page, ref, true]);
      }
    }
  });

  it("holds only what the add-in serves: no source maps, no office.js copy, no workbook, no lazy preview chunks", () => {
    const files = filesUnder(OUT);
    expect(files.filter((file) => /\.map$|^office-js\/|\.xlsx$/.test(file))).toEqual([]);
    // The only lazy chunks are the broker file readers Settings > Import broker file loads on demand.
    const chunks = files.filter((file) => file.endsWith(".chunk.js"));
    expect(chunks.filter((file) => !/^(broker-file|xlsx-reader|xlsx)\.[0-9a-f]+\.chunk\.js$/.test(file))).toEqual([]);
    expect(chunks.some((file) => file.startsWith("broker-file."))).toBe(true);
  });

  it("is under 5 MB", () => {
    const bytes = filesUnder(OUT).reduce((sum, file) => sum + fs.statSync(path.join(OUT, file)).size, 0);
    expect(bytes).toBeLessThan(MAX_BYTES);
  });
});
