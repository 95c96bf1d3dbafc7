/**
 * The command line as a package: `npm pack`, installed into an empty folder with no network,
 * reviews the bundled sample through `npx assignment-guard`, with no TypeScript anywhere there.
 *
 * Offline, npm cannot resolve version ranges (that needs the registry's package documents), so
 * the empty folder gets a package-lock.json for the tarball and the dependency tree its
 * package.json asks for, copied from the project's own lock (versions and integrity hashes).
 * `npm ci --offline` then takes every tarball from npm's local cache, where the project's
 * `npm ci` left them, and checks each against its integrity hash.
 */
import { spawnSync, SpawnSyncReturns } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./helpers";

jest.setTimeout(120_000);

type LockEntry = { version?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; dev?: boolean; devOptional?: boolean; peer?: boolean; [key: string]: unknown };

let dir: string;
let tarball: string;
const timings: Record<string, number> = {};

/** npm's own variables from `npm test` would steer the child npm (its lifecycle, its project). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) || /^npm_config_cache$/i.test(key)) env[key] = value;
  }
  delete env.INIT_CWD;
  return env;
}

function run(label: string, command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const started = Date.now();
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: cleanEnv(), timeout: 100_000, maxBuffer: 64 * 1024 * 1024 });
  timings[label] = Date.now() - started;
  if (r.status !== 0) throw new Error(`${label} (${command} ${args.join(" ")}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The lock entries (path -> entry) of `names` and everything they need, resolved as Node resolves. */
function dependencyTree(lock: Record<string, LockEntry>, names: string[]): Map<string, LockEntry> {
  const found = new Map<string, LockEntry>();
  const resolve = (from: string, name: string): string => {
    for (let at = from; ; ) {
      const candidate = `${at ? `${at}/` : ""}node_modules/${name}`;
      if (lock[candidate]) return candidate;
      if (!at) throw new Error(`the project's package-lock.json has no ${name} for ${from || "the root"}`);
      const cut = at.lastIndexOf("/node_modules/");
      at = cut < 0 ? "" : at.slice(0, cut);
    }
  };
  const visit = (at: string) => {
    if (found.has(at)) return;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock[at];
    found.set(at, entry);
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) visit(resolve(at, name));
  };
  for (const name of names) visit(resolve("", name));
  return found;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-package-"));
  fs.mkdirSync(path.join(dir, "pack"));
  fs.mkdirSync(path.join(dir, "empty"));
  // Jest's global setup ran `npm run build:cli`, which is all `prepare` does; running it again here
  // would rewrite build/cli under suites that are running the command line at the same time.
  run("npm pack", "npm", ["pack", "--ignore-scripts", "--pack-destination", path.join(dir, "pack")], ROOT);
  const packed = fs.readdirSync(path.join(dir, "pack")).filter((f) => f.endsWith(".tgz"));
  expect(packed).toHaveLength(1);
  tarball = path.join(dir, "pack", packed[0]);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the tarball holds built JavaScript, the bundled sample, and no TypeScript", () => {
  const files = run("tar list", "tar", ["-tzf", tarball], dir).stdout.trim().split("\n");
  const manifest = JSON.parse(run("tar package.json", "tar", ["-xzOf", tarball, "package/package.json"], dir).stdout);
  expect(files).toContain(`package/${manifest.bin["assignment-guard"]}`);
  expect(files).toContain("package/samples/sample-positions.xlsx");
  expect(files.filter((f) => /\.ts$|\.map$|tsconfig|^package\/(tests|scripts|bench)\//.test(f))).toEqual([]);
  expect(fs.statSync(tarball).size).toBeLessThan(200 * 1024);
});

test("installs into an empty folder offline and reviews the bundled sample with `npx assignment-guard review`", () => {
  const empty = path.join(dir, "empty");
  const manifest = JSON.parse(run("tar package.json", "tar", ["-xzOf", tarball, "package/package.json"], dir).stdout);
  const projectLock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")).packages as Record<string, LockEntry>;
  const spec = `file:${path.relative(empty, tarball)}`;
  const packages: Record<string, unknown> = {
    "": { dependencies: { [manifest.name]: spec } },
    [`node_modules/${manifest.name}`]: { version: manifest.version, resolved: spec, dependencies: manifest.dependencies, bin: manifest.bin },
  };
  for (const [at, entry] of dependencyTree(projectLock, Object.keys(manifest.dependencies ?? {}))) packages[at] = entry;
  fs.writeFileSync(path.join(empty, "package.json"), JSON.stringify({ name: "trader", private: true, dependencies: { [manifest.name]: spec } }, null, 2));
  fs.writeFileSync(path.join(empty, "package-lock.json"), JSON.stringify({ name: "trader", lockfileVersion: 3, requires: true, packages }, null, 2));

  run("npm ci --offline", "npm", ["ci", "--offline", "--no-audit", "--no-fund"], empty);
  expect(fs.existsSync(path.join(empty, "node_modules", "typescript"))).toBe(false);
  expect(fs.existsSync(path.join(empty, "node_modules", "ts-node"))).toBe(false);

  const human = run("npx review", "npx", ["--offline", "assignment-guard", "review", "--as-of", "2026-11-23"], empty);
  expect(human.stdout).toContain("samples/sample-positions.xlsx");
  expect(human.stdout).toContain("OVER BUDGET by $14,300.00");

  const json = run("npx review --json", "npx", ["--offline", "assignment-guard", "review", "--json", "--as-of", "2026-11-23", "--account", "250k"], empty);
  expect(JSON.parse(json.stdout)).toMatchObject({ exposure: 101800, budget: 87500, withinCap: false });
  expect(timings["npm ci --offline"] + timings["npx review"]).toBeLessThan(60_000);
});
