import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Every relative link in README.md and docs/*.md resolves inside the repository: the file (or
 * folder) exists, and a #fragment names a heading of that file as GitHub makes its anchors.
 */
const ROOT = path.resolve(__dirname, "..", "..");
const pages = ["README.md", ...fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** Markdown links and images outside code: [text](target) and ![alt](target), reference definitions too. */
export function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  const inline = [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);
  const defined = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/gm)].map((m) => m[1]);
  return [...inline, ...defined];
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  const prose = markdown.replace(/```[\s\S]*?```/g, "");
  for (const m of prose.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]
      .replace(/`/g, "")
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const external = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/** What is wrong with the relative links of one page, for a repository at `root`. */
export function linkProblems(file: string, root: string): string[] {
  const problems: string[] = [];
  for (const link of linksOf(fs.readFileSync(file, "utf8"))) {
    if (external(link)) continue;
    const [target, fragment] = link.split("#");
    const resolved = target === "" ? file : path.resolve(path.dirname(file), decodeURI(target));
    if (!resolved.startsWith(root + path.sep)) problems.push(`${link}: outside the repository`);
    else if (!fs.existsSync(resolved)) problems.push(`${link}: no such file`);
    else if (fragment && resolved.endsWith(".md") && !anchorsOf(fs.readFileSync(resolved, "utf8")).has(fragment)) problems.push(`${link}: no heading #${fragment}`);
  }
  return problems;
}

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
