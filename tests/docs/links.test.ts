import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { anchorsOf, linkProblems, linksOf } from "./markdown";

/**
 * Every relative link in README.md and docs/*.md resolves inside the repository: the file (or
 * folder) exists, and a #fragment names a heading of that file as GitHub makes its anchors.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const pages = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

describe("links in README.md and docs/ resolve inside the repository", () => {
  test("the link reader finds links and images, not code, and makes GitHub's anchors", () => {
    expect(linksOf("see [a](docs/a.md#x) and ![p](docs/p.png) but not `[b](c.md)`\n```\n[d](e.md)\n```\n[r]: docs/r.md")).toEqual(["docs/a.md#x", "docs/p.png", "docs/r.md"]);
    expect([...anchorsOf("# Host it\n## Requirement sets\n## The `Review` (JSON)\n## Host it")]).toEqual(["host-it", "requirement-sets", "the-review-json", "host-it-1"]);
  });

  test("a missing file, a missing heading and a link out of the repository are each reported", () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), "links-"));
    fs.mkdirSync(path.join(repo, "docs"));
    fs.writeFileSync(path.join(repo, "docs", "a.md"), "# A\n## Good part\n");
    fs.writeFileSync(path.join(repo, "README.md"), "[ok](docs/a.md#good-part) [gone](docs/b.md) [part](docs/a.md#bad-part) [out](../shared/RULES.md) [web](https://example.org/x)");
    expect(linkProblems(path.join(repo, "README.md"), repo)).toEqual(["docs/b.md: no such file", "docs/a.md#bad-part: no heading #bad-part", "../shared/RULES.md: outside the repository"]);
    fs.rmSync(repo, { recursive: true, force: true });
  });

  test.each(pages)("%s", (page) => {
    expect(linkProblems(path.join(ROOT, page), ROOT)).toEqual([]);
  });
});
