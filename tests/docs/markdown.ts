import * as fs from "fs";
import * as path from "path";

/** Reading Markdown as GitHub does, for the documentation tests: links, heading anchors, what is wrong with a page's links. */

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
