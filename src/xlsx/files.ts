import * as fs from "fs";
import * as path from "path";
import { Writable } from "stream";
import { BlobReader } from "@zip.js/zip.js";
import { BrokenPackage, XlsxPackage } from "./package";
import { WorkbookUnreadable } from "./errors";
import { XlsxReader } from "./reader";
import { SheetsTaken } from "./own-sheets";

/** An input the CLI cannot use: exit status 2 with this one-line message. */
export class UnusableInput extends Error {}

const firstLine = (s: string) => s.split("\n")[0].slice(0, 160);

/**
 * Opens an .xlsx file for reading, piece by piece (src/xlsx/reader.ts): only the parts the review
 * reads come into memory, so a workbook holding a huge picture costs nothing to review. Throws
 * UnusableInput, naming the file (and the part), when it cannot be read.
 */
export async function openWorkbookFile(file: string, shown: string = file): Promise<XlsxReader> {
  let head: Buffer;
  let blob: Blob;
  try {
    const fd = fs.openSync(file, "r");
    try {
      head = Buffer.alloc(8);
      fs.readSync(fd, head, 0, 8, 0);
    } finally {
      fs.closeSync(fd);
    }
    blob = await fs.openAsBlob(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UnusableInput(code === "ENOENT" ? `no such file: ${file}` : code === "EISDIR" ? `${file} is a folder, not an .xlsx file` : `cannot read ${file}: ${firstLine((e as Error).message)}`);
  }
  try {
    return await XlsxReader.open(new BlobReader(blob), head);
  } catch (e) {
    if (e instanceof WorkbookUnreadable) throw new UnusableInput(unreadableMessage(shown, e));
    throw e;
  }
}

/** The one line for a workbook the reader cannot read, naming the file (and the part, in the reader's message). */
export function unreadableMessage(shown: string, e: WorkbookUnreadable): string {
  if (!e.notXlsx) return `${shown}: ${e.message}`;
  return `${shown} is not an .xlsx workbook (${e.message})${/\.(xls|csv|ods)$/i.test(shown) ? ": save it as .xlsx first" : ""}`;
}

/** A package read from a file piece by piece: nothing but the parts asked for is read into memory. */
export async function openPackageFile(file: string): Promise<XlsxPackage> {
  return XlsxPackage.open(new BlobReader(await fs.openAsBlob(file)));
}

// ---------------------------------------------------------------- where copies may go

/** Why a write failed, in words, from Node's error code. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "not permitted",
    EROFS: "read-only file system",
    ENOSPC: "no space left on the device",
    EDQUOT: "disk quota exceeded",
    EISDIR: "it is a folder",
    ENOTDIR: "a part of the path is not a folder",
    ENOENT: "no such file or folder",
    ENAMETOOLONG: "the name is too long",
    EEXIST: "a file of that name appeared meanwhile",
    EBUSY: "the file is busy (open in another program?)",
    EXDEV: "the temporary file and the target are on different devices",
  };
  return (code && words[code]) || firstLine((e as Error).message ?? String(e));
}

/** The path with its folder's symbolic links resolved (the file itself too when it exists). */
function resolved(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    const dir = path.dirname(p);
    try {
      return path.join(fs.realpathSync(dir), path.basename(p));
    } catch {
      return path.resolve(p);
    }
  }
}

const swapCase = (s: string) => [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join("");

/**
 * Whether names in a folder compare ignoring case, found by probing: an entry (or the folder
 * itself) looked up under its name in the other case is the same file. When nothing can be
 * probed, the folder is taken as case-insensitive (refusing a harmless pair of names is safe).
 */
export function ignoresCase(dir: string, stat: (p: string) => fs.Stats = fs.statSync): boolean {
  const probe = (p: string): boolean | null => {
    const base = path.basename(p);
    const other = path.join(path.dirname(p), swapCase(base));
    if (other === p) return null;
    try {
      const a = stat(p);
      try {
        const b = stat(other);
        return a.ino === b.ino && a.dev === b.dev;
      } catch {
        return false;
      }
    } catch {
      return null;
    }
  };
  try {
    for (const name of fs.readdirSync(dir).slice(0, 50)) {
      const found = probe(path.join(dir, name));
      if (found !== null) return found;
    }
  } catch {
    // An unreadable folder is probed through its own name below.
  }
  return probe(dir) ?? true;
}

/** True when two paths name the same file, existing or not (`stat` is replaceable for tests). */
export function sameFile(a: string, b: string, stat: (p: string) => fs.Stats = fs.statSync): boolean {
  try {
    const sa = stat(a);
    const sb = stat(b);
    if (sa.ino === sb.ino && sa.dev === sb.dev) return true;
  } catch {
    // One of them does not exist yet: compare the names.
  }
  const ra = resolved(a);
  const rb = resolved(b);
  if (ra === rb) return true;
  if (path.dirname(ra) === path.dirname(rb) && ra.toLowerCase() === rb.toLowerCase()) return ignoresCase(path.dirname(ra), stat);
  return false;
}

export interface Target {
  /** The flag that named it, for messages. */
  flag: string;
  path: string;
}

/**
 * Refuses, before anything is written, an output that is the input (after `.`/`..`, symbolic
 * and hard links, and case on a folder that ignores it), an output named twice, a folder, or a
 * folder that does not exist.
 */
export function checkTargets(input: string, targets: readonly Target[]): void {
  targets.forEach((t, i) => {
    const dir = path.dirname(path.resolve(t.path));
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new UnusableInput(`cannot write ${t.path}: no folder ${dir}`);
    if (fs.existsSync(t.path) && fs.statSync(t.path).isDirectory()) throw new UnusableInput(`cannot write ${t.path}: it is a folder`);
    if (sameFile(input, t.path)) throw new UnusableInput(`${t.flag} ${t.path} is the workbook being reviewed: a copy never replaces it; name another file (nothing was written)`);
    for (const other of targets.slice(0, i)) {
      if (sameFile(other.path, t.path)) throw new UnusableInput(`${other.flag} and ${t.flag} name the same file (${t.path}): name two files (nothing was written)`);
    }
  });
}

// ---------------------------------------------------------------- writing copies

export interface CopyJob<T> {
  target: Target;
  /** Edits the package opened from the input; what it returns is handed back. */
  build: (pkg: XlsxPackage) => Promise<T>;
}

const tempFor = (target: string) => path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);

/** Writes one package to a new file through a stream (never held whole in memory). */
async function writePackageFile(pkg: XlsxPackage, file: string): Promise<void> {
  const stream = fs.createWriteStream(file, { flags: "wx" });
  let failure: unknown = null;
  stream.on("error", (e) => (failure ??= e));
  await new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", reject);
  });
  try {
    await pkg.write(Writable.toWeb(stream) as WritableStream<Uint8Array>);
  } catch (e) {
    throw failure ?? e;
  }
  if (failure) throw failure;
}

/** A failure while making a copy, as the one line the user sees; unexpected errors pass through. */
function asUnusable(e: unknown, input: string, target: Target): unknown {
  if (e instanceof UnusableInput) return e;
  if (e instanceof SheetsTaken) return new UnusableInput(`${input}: ${e.message}`);
  if (e instanceof BrokenPackage) return new UnusableInput(`${input} is not a readable .xlsx workbook (${e.message})`);
  if ((e as NodeJS.ErrnoException)?.code) return new UnusableInput(`cannot write ${target.path}: ${reason(e)} (nothing was written)`);
  return e;
}

/**
 * Makes every copy from the input file into a temporary file beside its target, then renames
 * them all into place; when any copy or rename fails, no copy is left behind (a target that
 * existed before is put back) and one UnusableInput names the path and the reason.
 */
export async function writeCopies<T>(input: string, jobs: readonly CopyJob<T>[]): Promise<T[]> {
  const temps: string[] = [];
  const results: T[] = [];
  try {
    for (const job of jobs) {
      const tmp = tempFor(job.target.path);
      let pkg: XlsxPackage;
      try {
        pkg = await openPackageFile(input);
      } catch (e) {
        throw asUnusable(e, input, job.target);
      }
      try {
        results.push(await job.build(pkg));
        temps.push(tmp);
        await writePackageFile(pkg, tmp);
      } catch (e) {
        throw asUnusable(e, input, job.target);
      } finally {
        await pkg.close();
      }
    }
    commit(jobs.map((j, i) => ({ tmp: temps[i], target: j.target })));
    return results;
  } finally {
    for (const t of temps) fs.rmSync(t, { force: true });
  }
}

/** Renames every temporary file over its target; on a failure the ones done are undone. */
function commit(moves: { tmp: string; target: Target }[]): void {
  const done: { target: string; backup: string | null }[] = [];
  try {
    for (const m of moves) {
      let backup: string | null = null;
      if (fs.existsSync(m.target.path)) {
        backup = `${m.tmp}.old`;
        try {
          fs.linkSync(m.target.path, backup);
        } catch {
          backup = null;
        }
      }
      try {
        fs.renameSync(m.tmp, m.target.path);
      } catch (e) {
        if (backup) fs.rmSync(backup, { force: true });
        throw new UnusableInput(`cannot write ${m.target.path}: ${reason(e)} (nothing was written)`);
      }
      done.push({ target: m.target.path, backup });
    }
  } catch (e) {
    for (const d of done.reverse()) {
      if (d.backup) fs.renameSync(d.backup, d.target);
      else fs.rmSync(d.target, { force: true });
    }
    throw e;
  }
  for (const d of done) if (d.backup) fs.rmSync(d.backup, { force: true });
}

/**
 * Writes bytes next to the target under a temporary name, then renames it over the target,
 * so a failed or interrupted write never leaves a half-written workbook behind.
 */
export async function writeFileAtomic(target: string, data: Uint8Array): Promise<void> {
  const tmp = tempFor(target);
  try {
    await fs.promises.writeFile(tmp, data, { flag: "wx" });
    await fs.promises.rename(tmp, target);
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}
