import * as fs from "fs";
import * as path from "path";
import { linksOf } from "./markdown";

/** Issue 13 item 4: the README is for the trader first, short, and leads a developer to every page of docs/. */
const ROOT = path.resolve(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

describe("README.md", () => {
  test("is under 200 lines", () => {
    expect(readme.split("\n").length).toBeLessThan(200);
  });

  test("starts with what it does, then the two commands, which exist as npm scripts", () => {
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections[0]).toBe("The two commands");
    expect(readme).toContain("npm ci && npm run review      # install, then review the bundled sample workbook\nnpm test ");
    for (const script of ["review", "test"]) expect(scripts[script]).toBeDefined();
  });

  test("the trader's sections come before the developer's", () => {
    const at = (heading: string) => readme.indexOf(`\n## ${heading}`);
    for (const heading of ["Install it in Excel", "The weekly review, step by step", "Formulas", "Where the settings live"]) {
      expect([heading, at(heading) > 0 && at(heading) < at("For developers")]).toEqual([heading, true]);
    }
    expect(readme).toMatch(/!\[[^\]]*\]\(docs\/taskpane-350x380\.png\)/);
  });

  test("links every page of docs/", () => {
    const linked = new Set(linksOf(readme).map((l) => l.split("#")[0]));
    const pages = fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md"));
    expect(pages.filter((p) => !linked.has(`docs/${p}`))).toEqual([]);
  });

  test("lists every dependency of package.json in its Dependencies section", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const section = readme.slice(readme.indexOf("\n## Dependencies"));
    const missing = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)].filter((name) => !section.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
