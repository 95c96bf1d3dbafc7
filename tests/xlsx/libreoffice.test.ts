import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cli, fixture } from "../cli/helpers";

jest.setTimeout(180_000);

const soffice = ["soffice", "libreoffice"].find((bin) => spawnSync("sh", ["-c", `command -v ${bin}`]).status === 0);
// In CI (.ci/run installs libreoffice-calc-nogui) this must run; elsewhere it may skip, saying so.
const run = soffice || process.env.CI ? test : test.skip;
if (!soffice && !process.env.CI) {
  console.log("LibreOffice (soffice) is not installed: skipping the check that another program reads our files. apt-get install -y libreoffice-calc-nogui to run it.");
}

run("LibreOffice headless opens a reviewed copy and reads its cells, review sheet and log", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-lo-"));
  const out = path.join(dir, "reviewed.xlsx");
  expect(cli(["review", fixture("worked-example"), "--out", out, "--as-of", "2026-02-10"]).status).toBe(0);
  // A private profile: parallel runs and a user's own LibreOffice never collide.
  const profile = `file://${path.join(dir, "profile")}`;
  // Filter option 12 = -1: one CSV per sheet, named reviewed-<sheet>.csv (LibreOffice 7.2 and later).
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
  execFileSync(soffice ?? "soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", filter, "--outdir", dir, out], {
    stdio: "pipe",
    timeout: 150_000,
  });
  const sheet = (name: string) => fs.readFileSync(path.join(dir, `reviewed-${name}.csv`), "utf8").trim().split(/\r?\n/);
  const csv = sheet("Positions");
  expect(csv[0]).toBe("Ticker,Type,Side,Strike,Qty,Open Date,Expiration,Status");
  expect(csv[4]).toMatch(/^KO,Put,Sell,62,1,/);
  expect(csv).toHaveLength(9);
  const log = sheet("Review Log");
  expect(log[0]).toBe("Date,Account value,Cash,VIX,Cap %,Budget,Exposure,Headroom,Backing,Over-budget rows,Exposure % of account,Utilization,Within cap,High-VIX cap,Concentration limit,Underlyings,Strategies,Withdrawal,Reserve,Net flows,T12 income,Error rows");
  // The fixture's 4 open puts (3 underlyings) over budget, its long put and short call, 1 error row, no premium column;
  // LibreOffice's CSV writes percentages unrounded, as it writes Cap %.
  expect(log[1]).toMatch(/^2026-02-10,100000,40000,18,30%,30000,30700,-700,cash-secured,1,30\.7%,102\.3\d*%,no,45%,10%,3,"long put, short call, short put",0,0,,0,1$/);
  expect(sheet("Weekly Review")[0]).toMatch(/^Assignment Guard weekly review/);
});
