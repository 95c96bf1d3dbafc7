import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ignoresCase, sameFile } from "../../src/xlsx/files";
import { CLI, cli, fixture } from "./helpers";

jest.setTimeout(120_000);

const hash = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "ag-paths-"));

/** A folder holding a copy of the worked example as book.xlsx. */
function workspace(): { dir: string; book: string; digest: string } {
  const dir = tmp();
  const book = path.join(dir, "book.xlsx");
  fs.copyFileSync(fixture("worked-example"), book);
  return { dir, book, digest: hash(book) };
}

/** Exit 2, one line naming the problem, the input untouched, and no file other than `keep` in the folder. */
function refused(r: ReturnType<typeof cli>, message: RegExp, w: { dir: string; book: string; digest: string }, keep: string[] = ["book.xlsx"]) {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(hash(w.book)).toBe(w.digest);
  expect(fs.readdirSync(w.dir).sort()).toEqual(keep.sort());
}

describe("an output that is the input, or the other output, is refused before anything is written", () => {
  test("--out the input itself", () => {
    const w = workspace();
    refused(cli(["review", w.book, "--out", w.book]), /--out .*book\.xlsx is the workbook being reviewed/, w);
  });

  test("--accountant the input, spelled with . and ..", () => {
    const w = workspace();
    fs.mkdirSync(path.join(w.dir, "sub"));
    refused(cli(["review", "book.xlsx", "--accountant", "./sub/../book.xlsx"], w.dir), /--accountant .* is the workbook being reviewed/, w, ["book.xlsx", "sub"]);
  });

  test("--out a symbolic link to the input", () => {
    const w = workspace();
    fs.symlinkSync(w.book, path.join(w.dir, "link.xlsx"));
    refused(cli(["review", w.book, "--out", path.join(w.dir, "link.xlsx")]), /is the workbook being reviewed/, w, ["book.xlsx", "link.xlsx"]);
  });

  test("--out through a symbolic link to the input's folder", () => {
    const w = workspace();
    const alias = path.join(tmp(), "alias");
    fs.symlinkSync(w.dir, alias);
    refused(cli(["review", w.book, "--out", path.join(alias, "book.xlsx")]), /is the workbook being reviewed/, w);
  });

  test("--out a hard link to the input", () => {
    const w = workspace();
    fs.linkSync(w.book, path.join(w.dir, "hard.xlsx"));
    refused(cli(["review", w.book, "--out", path.join(w.dir, "hard.xlsx")]), /is the workbook being reviewed/, w, ["book.xlsx", "hard.xlsx"]);
  });

  test("--out and --accountant naming the same file", () => {
    const w = workspace();
    refused(cli(["review", w.book, "--out", path.join(w.dir, "copy.xlsx"), "--accountant", "copy.xlsx"], w.dir), /--out and --accountant name the same file/, w);
  });

  test("names differing only in case: this folder is probed (case-sensitive here), so both copies are written", () => {
    const w = workspace();
    expect(ignoresCase(w.dir)).toBe(false);
    const r = cli(["review", w.book, "--out", path.join(w.dir, "Copy.xlsx"), "--accountant", path.join(w.dir, "copy.xlsx"), "--as-of", "2026-02-10"]);
    expect(r.status).toBe(0);
    expect(fs.readdirSync(w.dir).sort()).toEqual(["Copy.xlsx", "book.xlsx", "copy.xlsx"]);
    expect(hash(w.book)).toBe(w.digest);
  });

  test("on a folder that ignores case (simulated: the other spelling finds the same file), such names are the same file", () => {
    const w = workspace();
    // What a case-insensitive file system answers: any spelling of a name finds the same entry.
    const folded = (p: string) => fs.statSync(path.join(path.dirname(p), path.basename(p).toLowerCase()));
    expect(ignoresCase(w.dir, folded)).toBe(true);
    expect(sameFile(w.book, path.join(w.dir, "BOOK.xlsx"), folded)).toBe(true);
    expect(sameFile(path.join(w.dir, "a.xlsx"), path.join(w.dir, "A.XLSX"), folded)).toBe(true);
    expect(sameFile(path.join(w.dir, "a.xlsx"), path.join(w.dir, "A.XLSX"))).toBe(false);
  });
});

describe("a copy that cannot be written: exit 2, one line naming the path and why, no file left", () => {
  test("--out a folder", () => {
    const w = workspace();
    fs.mkdirSync(path.join(w.dir, "folder.xlsx"));
    refused(cli(["review", w.book, "--out", path.join(w.dir, "folder.xlsx")]), /cannot write .*folder\.xlsx: it is a folder/, w, ["book.xlsx", "folder.xlsx"]);
    expect(fs.readdirSync(path.join(w.dir, "folder.xlsx"))).toEqual([]);
  });

  test("--out in a folder that does not exist", () => {
    const w = workspace();
    refused(cli(["review", w.book, "--out", path.join(w.dir, "nope", "x.xlsx")]), /cannot write .*x\.xlsx: no folder/, w);
  });

  test("--out under /sys (the system refuses the file): the accountant copy asked for too is not left behind", () => {
    const w = workspace();
    refused(cli(["review", w.book, "--accountant", path.join(w.dir, "acc.xlsx"), "--out", "/sys/reviewed.xlsx"]), /cannot write \/sys\/reviewed\.xlsx: /, w);
  });

  test("a target that already exists stays as it was when the other copy fails", () => {
    const w = workspace();
    const acc = path.join(w.dir, "acc.xlsx");
    fs.writeFileSync(acc, "the accountant's older copy");
    refused(cli(["review", w.book, "--accountant", acc, "--out", "/sys/reviewed.xlsx"]), /cannot write/, w, ["book.xlsx", "acc.xlsx"]);
    expect(fs.readFileSync(acc, "utf8")).toBe("the accountant's older copy");
  });

  test("a target that exists is replaced whole when both copies succeed", () => {
    const w = workspace();
    const out = path.join(w.dir, "out.xlsx");
    fs.writeFileSync(out, "old");
    const r = cli(["review", w.book, "--out", out, "--accountant", path.join(w.dir, "acc.xlsx"), "--as-of", "2026-02-10"]);
    expect(r.status).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    expect(fs.readdirSync(w.dir).sort()).toEqual(["acc.xlsx", "book.xlsx", "out.xlsx"]);
  });
});

describe("no stack trace reaches the user", () => {
  test("an unexpected error is one line with a hint; --debug adds where it happened", () => {
    const w = workspace();
    // A module that throws on load stands in for a bug: NODE_OPTIONS preloads it.
    const bug = path.join(w.dir, "bug.js");
    fs.writeFileSync(bug, "const z = require('" + require.resolve("@zip.js/zip.js").replace(/\\/g, "/") + "'); const o = z.ZipWriter.prototype.close; z.ZipWriter.prototype.close = function () { throw new Error('simulated failure\\nsecond line'); };");
    const { spawnSync } = require("child_process");
    const run = (extra: string[]) =>
      spawnSync(process.execPath, ["-r", bug, CLI, "review", w.book, "--out", path.join(w.dir, "o.xlsx"), ...extra], { encoding: "utf8" });
    const plain = run([]);
    expect(plain.status).toBe(1);
    expect(plain.stderr.trimEnd().split("\n")).toEqual(["assignment-guard: unexpected error: simulated failure (rerun with --debug to see where it happened)"]);
    const debug = run(["--debug"]);
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
    expect(fs.readdirSync(w.dir).sort()).toEqual(["book.xlsx", "bug.js"]);
  });
});
