/**
 * The dev-certificate check behind `npm start` and the dev server, on throwaway certificates
 * made here with openssl (no network), each with its own expiry.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

type Found = { state: string; dir: string; expires: Date | null; daysLeft: number | null; problem: string | null };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const devCerts = require("../scripts/dev-certs.js") as {
  inspectCertificates: (dir: string, now?: Date) => Found;
  certificateReport: (found: Found, platform?: string) => string[];
  httpsOptions: (found: Found) => { ca: Buffer; cert: Buffer; key: Buffer } | null;
};

const ROOT = path.resolve(__dirname, "..");
const DAY = 86_400_000;
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ag-certs-"));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A self-signed certificate and its key, valid from now for `days` days. */
function selfSigned(dir: string, name: string, days: number): { crt: string; key: string } {
  const crt = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", crt, "-days", String(days), "-subj", `/CN=${name}`],
    { stdio: "pipe" }
  );
  return { crt, key };
}

/** ~/.office-addin-dev-certs as office-addin-dev-certs lays it out, under a fresh home folder. */
function certHome(caDays: number, localhostDays: number): { home: string; dir: string } {
  const home = fs.mkdtempSync(path.join(tmp, "home-"));
  const dir = path.join(home, ".office-addin-dev-certs");
  fs.mkdirSync(dir);
  selfSigned(dir, "ca", caDays);
  fs.rmSync(path.join(dir, "ca.key"));
  selfSigned(dir, "localhost", localhostDays);
  return { home, dir };
}

describe("the dev certificates in ~/.office-addin-dev-certs", () => {
  test("fresh 30-day certificates (office-addin-dev-certs' default) are valid for 30 days, and the report says until when and how to renew", () => {
    const { dir } = certHome(30, 30);
    const found = devCerts.inspectCertificates(dir);
    expect(found).toMatchObject({ state: "valid", daysLeft: 30, problem: null });
    expect(Math.abs(found.expires!.getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
    const report = devCerts.certificateReport(found, "darwin").join("\n");
    expect(report).toContain(`valid until ${found.expires!.toISOString().slice(0, 10)} (30 days)`);
    expect(report).toContain("npx office-addin-dev-certs install --days 365");
    expect(devCerts.httpsOptions(found)).not.toBeNull();
  });

  test("certificates with 2 days left are expiring: renew now", () => {
    const found = devCerts.inspectCertificates(certHome(2, 2).dir);
    expect(found).toMatchObject({ state: "expiring", daysLeft: 2 });
    expect(devCerts.certificateReport(found, "win32").join("\n")).toMatch(/expire on \d{4}-\d\d-\d\d \(in 2 days\)\.\n {2}Renew them now: npx office-addin-dev-certs install --days 365/);
  });

  test("past their end they are expired, and the report says Office will not load the dev server", () => {
    const { dir } = certHome(30, 30);
    const found = devCerts.inspectCertificates(dir, new Date(Date.now() + 31 * DAY));
    expect(found.state).toBe("expired");
    expect(devCerts.certificateReport(found, "darwin").join("\n")).toMatch(/EXPIRED on .*Office will not load https:\/\/localhost:3000[\s\S]*Renew them: npx office-addin-dev-certs install --days 365/);
  });

  test("the CA expiring first is what counts", () => {
    const found = devCerts.inspectCertificates(certHome(3, 365).dir);
    expect(found).toMatchObject({ state: "expiring", daysLeft: 3 });
  });

  test("missing files are named, with the command that creates them", () => {
    const found = devCerts.inspectCertificates(path.join(tmp, "nowhere"));
    expect(found.state).toBe("missing");
    expect(found.problem).toContain("no ca.crt, localhost.crt, localhost.key");
    expect(devCerts.certificateReport(found, "darwin")).toContain("  Create them: npx office-addin-dev-certs install --days 365");
    expect(devCerts.httpsOptions(found)).toBeNull();
  });

  test("a file that is not a certificate is unreadable, and a key of another certificate is mismatched", () => {
    const broken = certHome(30, 30).dir;
    fs.writeFileSync(path.join(broken, "ca.crt"), "not a certificate");
    expect(devCerts.inspectCertificates(broken).state).toBe("unreadable");

    const mismatched = certHome(30, 30).dir;
    const other = selfSigned(tmp, "other", 30);
    fs.copyFileSync(other.key, path.join(mismatched, "localhost.key"));
    const found = devCerts.inspectCertificates(mismatched);
    expect(found.state).toBe("mismatched");
    expect(devCerts.httpsOptions(found)).toBeNull();
  });

  test("on Linux the report says how to trust the CA in Chrome/Chromium and Firefox; elsewhere it does not", () => {
    const found = devCerts.inspectCertificates(certHome(30, 30).dir);
    const linux = devCerts.certificateReport(found, "linux").join("\n");
    expect(linux).toContain(`mkdir -p $HOME/.pki/nssdb && certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Office Add-in Dev CA" -i ${path.join(found.dir, "ca.crt")}`);
    expect(linux).toContain("libnss3-tools");
    expect(linux).toMatch(/Firefox: .*Authorities > Import/);
    expect(linux).toContain("exits 0 even when it fails");
    expect(devCerts.certificateReport(found, "darwin").join("\n")).not.toContain("certutil");
  });
});

describe("npm start reads the certificates of the user running it", () => {
  test("it reports their expiry and the renew command (and on Linux, how to trust them)", () => {
    const { home, dir } = certHome(20, 20);
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts", "start.js")], { encoding: "utf8", env: { ...process.env, HOME: home, USERPROFILE: home } });
    const expires = devCerts.inspectCertificates(dir).expires!.toISOString().slice(0, 10);
    expect(run.stdout).toContain(`Dev certificates in ${dir} are valid until ${expires} (20 days)`);
    expect(run.stdout).toContain("npx office-addin-dev-certs install --days 365");
    if (process.platform === "linux") {
      expect(run.status).toBe(0);
      expect(run.stdout).toContain("certutil -d sql:$HOME/.pki/nssdb");
    }
  });
});

describe("the dev server", () => {
  test("listens on localhost only, over https with the certificates when they are there", () => {
    const { home } = certHome(30, 30);
    // A separate Node, so that os.homedir() sees this HOME: the config as `npm run dev-server` evaluates it.
    const probe = `
      const config = require(${JSON.stringify(path.join(ROOT, "webpack.config.js"))})({ WEBPACK_SERVE: true }, { mode: "development" });
      const s = config.devServer;
      console.log(JSON.stringify({ host: s.host, type: s.server.type, cert: s.server.options && s.server.options.cert.toString() }));`;
    const run = spawnSync(process.execPath, ["-e", probe], { encoding: "utf8", env: { ...process.env, HOME: home, USERPROFILE: home } });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      host: "localhost",
      type: "https",
      cert: fs.readFileSync(path.join(home, ".office-addin-dev-certs", "localhost.crt"), "utf8"),
    });
    expect(run.stderr).toMatch(/NOTE: Dev certificates in .* are valid until \d{4}-\d\d-\d\d \(30 days\)/);
  });
});
