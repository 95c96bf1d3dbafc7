import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const SCHEMAS = path.resolve(ROOT, "..", "shared", "office-xsd");
const node = (script: string, env: Record<string, string> = {}) =>
  // AG_MANIFEST_ONLINE=0: no network in tests; the online step is checked by hand where one exists.
  spawnSync(process.execPath, [path.join(ROOT, "scripts", script)], { cwd: ROOT, encoding: "utf8", env: { ...process.env, AG_MANIFEST_ONLINE: "0", ...env } });

describe("npm run test:excel", () => {
  if (process.platform !== "win32" && process.platform !== "darwin") {
    test("says plainly, in one line, that it needs desktop Excel, and fails since nothing ran", () => {
      const run = node("test-excel.js");
      expect(run.status).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toEqual([`npm run test:excel needs desktop Excel on Windows or macOS; this machine runs ${process.platform}, so nothing was run.`]);
    });
  } else {
    test.skip("runs in desktop Excel here: see tests/excel-e2e", () => undefined);
  }

  test("is not part of npm test: jest's own config never matches the acceptance files", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require("../jest.config.js") as { testMatch: string[] };
    expect(config.testMatch).toEqual(["**/*.test.ts"]);
    expect(fs.readdirSync(path.join(ROOT, "tests", "excel-e2e")).filter((f) => f.endsWith(".test.ts"))).toEqual([]);
  });
});

describe("npm run validate: manifest.xml against Microsoft's schemas", () => {
  const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;
  const haveSchemas = fs.existsSync(path.join(SCHEMAS, "OfficeAppManifestV1_1.xsd"));
  const ci = process.env.CI === "true";

  if ((hasXmllint && haveSchemas) || ci) {
    test("manifest.xml validates with xmllint against ../shared/office-xsd", () => {
      const run = node("validate-manifest.js");
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("manifest.xml is valid against Microsoft's schemas");
    });

    test("a manifest the schema refuses fails the script", () => {
      const dir = fs.mkdtempSync(path.join(ROOT, "build-validate-"));
      try {
        fs.mkdirSync(path.join(dir, "scripts"));
        fs.copyFileSync(path.join(ROOT, "scripts", "validate-manifest.js"), path.join(dir, "scripts", "validate-manifest.js"));
        fs.writeFileSync(path.join(dir, "manifest.xml"), fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8").replace("<ProviderName>", "<Provider>").replace("</ProviderName>", "</Provider>"));
        const run = spawnSync(process.execPath, [path.join(dir, "scripts", "validate-manifest.js")], { encoding: "utf8", env: { ...process.env, AG_MANIFEST_ONLINE: "0", OFFICE_XSD_DIR: SCHEMAS } });
        expect(run.status).toBe(1);
        expect(run.stderr).toContain("does not validate");
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  } else {
    test.skip("xmllint or ../shared/office-xsd is missing here (both required under CI=true)", () => undefined);
  }

  test("under CI=true, missing schemas are a failure with one clear line, never a silent pass", () => {
    const run = node("validate-manifest.js", { CI: "true", OFFICE_XSD_DIR: path.join(ROOT, "no-such-folder") });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^validate: CI must check manifest.xml against Microsoft's schemas, but the schemas .* missing\.$/);
  });

  test("outside CI, missing schemas are said and skipped", () => {
    const run = node("validate-manifest.js", { CI: "", OFFICE_XSD_DIR: path.join(ROOT, "no-such-folder") });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/schema check skipped/);
  });
});
