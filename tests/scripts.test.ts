import { spawnSync } from "child_process";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { exitCodeFor, runDebugging, desktopSupported } = require("../scripts/desktop-debugging.js") as {
  exitCodeFor: (status: number | null, output: string) => number;
  runDebugging: (verb: string, args: string[]) => number;
  desktopSupported: () => boolean;
};

const ROOT = path.resolve(__dirname, "..");

describe("npm start / npm stop never report a success that is not one", () => {
  test("Office's CLI exiting 0 while printing an error counts as a failure", () => {
    expect(exitCodeFor(0, "Debugging started.\n")).toBe(0);
    expect(exitCodeFor(0, "Error: Unable to start debugging.\nError: The current platform is not supported: linux")).toBe(1);
    expect(exitCodeFor(3, "")).toBe(3);
    expect(exitCodeFor(null, "")).toBe(1);
  });

  if (!desktopSupported()) {
    test("on this platform the real office-addin-debugging fails, and we say so with exit 1", () => {
      const quiet = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
      const quietErr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
      const quietLog = jest.spyOn(console, "error").mockImplementation(() => undefined);
      try {
        expect(runDebugging("start", ["desktop", "--app", "excel"])).toBe(1);
      } finally {
        quiet.mockRestore();
        quietErr.mockRestore();
        quietLog.mockRestore();
      }
    }, 60_000);

    test("npm start explains Excel on the web instead of sideloading, and claims no success", () => {
      const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "start.js")], { encoding: "utf8" });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("nothing was sideloaded");
      expect(run.stdout).toContain("Upload My Add-in");
      expect(run.stdout).toContain(path.join(ROOT, "manifest.xml"));
      expect(run.stdout).not.toMatch(/success/i);
    });
  }
});
