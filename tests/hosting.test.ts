import * as fs from "fs";
import * as path from "path";
import { checkManifest } from "./helpers/manifest-check";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEV_BASE, addinBase, manifestFor } = require("../scripts/hosting.js") as {
  DEV_BASE: string;
  addinBase: (value: string | undefined) => string;
  manifestFor: (xml: string, base: string) => string;
};

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const OPTIONS = { assetsDir: path.join(ROOT, "assets"), namespace: "CSP" };

describe("ADDIN_URL: where the built add-in is served from", () => {
  test("unset or blank, the build is for the dev server and the manifest is copied unchanged", () => {
    expect(addinBase(undefined)).toBe("https://localhost:3000/");
    expect(addinBase("  ")).toBe(DEV_BASE);
    expect(manifestFor(MANIFEST, addinBase(undefined))).toBe(MANIFEST);
  });

  test.each([
    ["https://addin.example.org/guard", "https://addin.example.org/guard/"],
    ["https://addin.example.org/guard/", "https://addin.example.org/guard/"],
    ["https://Trader.GitHub.io", "https://trader.github.io/"],
    ["https://example.org:8443/a/b", "https://example.org:8443/a/b/"],
  ])("%s is the base %s", (value, base) => {
    expect(addinBase(value)).toBe(base);
  });

  test.each([
    ["http://addin.example.org/guard", /must start with https:\/\//],
    ["addin.example.org/guard", /not an absolute URL/],
    ["https://addin.example.org/guard?v=2", /query/],
    ["https://addin.example.org/guard#x", /fragment/],
    ["https://me:secret@addin.example.org/", /user name or password/],
  ])("%s is refused, saying why", (value, message) => {
    expect(() => addinBase(value)).toThrow(message);
  });

  test("every manifest URL moves to the base, and the moved manifest is consistent with itself", () => {
    const moved = manifestFor(MANIFEST, "https://addin.example.org/guard/");
    expect(moved).not.toMatch(/localhost/);
    expect(moved.match(/https:\/\/addin\.example\.org\/guard\//g)?.length).toBe(MANIFEST.match(/https:\/\/localhost:3000\//g)?.length);
    expect(checkManifest(moved, OPTIONS)).toEqual([]);
  });

  test("a localhost URL the base does not cover stops the build", () => {
    const stray = MANIFEST.replace("https://localhost:3000/functions.json", "https://localhost:3001/functions.json");
    expect(() => manifestFor(stray, "https://addin.example.org/guard/")).toThrow(/localhost/);
  });
});
