import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const soffice = ["soffice", "libreoffice"].find((bin) => spawnSync("sh", ["-c", `command -v ${bin}`]).status === 0) ?? null;
/** In CI (.ci/run installs libreoffice-calc-nogui) LibreOffice tests must run; elsewhere they may skip. */
export const withSoffice = soffice || process.env.CI ? test : test.skip;

/**
 * Every sheet of a workbook as CSV rows, after LibreOffice headless opened it and recalculated
 * every formula (a private profile sets "recalculate on load: always" for Excel files, so no
 * cached value is taken on trust).
 */
export function recalculatedSheets(file: string, dir: string): (sheet: string) => string[] {
  const profile = path.join(dir, `lo-profile-${process.pid}-${Date.now()}`);
  fs.mkdirSync(path.join(profile, "user"), { recursive: true });
  fs.writeFileSync(
    path.join(profile, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>\n`,
  );
  const outDir = path.join(dir, `csv-${path.basename(file, ".xlsx")}`);
  fs.mkdirSync(outDir, { recursive: true });
  // Filter option 12 = -1: one CSV per sheet, named <file>-<sheet>.csv (LibreOffice 7.2 and later).
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
  execFileSync(soffice ?? "soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", filter, "--outdir", outDir, file], { stdio: "pipe", timeout: 150_000 });
  return (sheet) => fs.readFileSync(path.join(outDir, `${path.basename(file, ".xlsx")}-${sheet}.csv`), "utf8").replace(/\r?\n$/, "").split(/\r?\n/);
}
