/**
 * The Linux trust step `npm start` prints, tried for real: a CA and a localhost certificate made
 * here with openssl (as office-addin-dev-certs lays them out), an https server on 127.0.0.1 with
 * them, and Debian's Chromium with a fresh home folder. Chromium refuses the server until the
 * printed command has run, then loads it.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as https from "https";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { chromium } from "playwright-core";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const devCerts = require("../../scripts/dev-certs.js") as { nssTrustCommand: (ca: string) => string };

const CHROMIUM = "/usr/bin/chromium";
const has = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const ready = fs.existsSync(CHROMIUM) && has("certutil") && has("openssl");
if (!ready && process.env.CI) throw new Error("chromium, certutil (libnss3-tools) and openssl are needed: .ci/run installs them");
if (!ready) console.warn("dev-certificate trust test skipped: it needs /usr/bin/chromium, certutil (apt-get install -y libnss3-tools) and openssl");
const linuxOnly = ready && process.platform === "linux" ? test : test.skip;
jest.setTimeout(60_000);

function makeCertificates(dir: string): void {
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl("req", "-x509", ...ec, "-keyout", "ca.key", "-out", "ca.crt", "-days", "30", "-subj", "/CN=Test Developer CA",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  openssl("req", ...ec, "-keyout", "localhost.key", "-out", "localhost.csr", "-subj", "/CN=localhost");
  fs.writeFileSync(path.join(dir, "leaf.ext"), "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
  openssl("x509", "-req", "-in", "localhost.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "localhost.crt", "-days", "30", "-extfile", "leaf.ext");
}

linuxOnly("Chromium trusts the dev server once the printed certutil command has run, and not before", async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "ag-trust-"));
  const certs = path.join(home, ".office-addin-dev-certs");
  fs.mkdirSync(certs);
  makeCertificates(certs);
  const server = https.createServer(
    { cert: fs.readFileSync(path.join(certs, "localhost.crt")), key: fs.readFileSync(path.join(certs, "localhost.key")) },
    (_req, res) => res.end("<title>dev server</title>")
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `https://localhost:${(server.address() as AddressInfo).port}/`;
  const open = async (): Promise<string> => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      env: { ...process.env, HOME: home },
    });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      return await page.title();
    } catch (e) {
      return (e as Error).message.split("\n")[0];
    } finally {
      await browser.close();
    }
  };
  try {
    expect(await open()).toMatch(/ERR_CERT_AUTHORITY_INVALID/);
    const trust = spawnSync("sh", ["-c", devCerts.nssTrustCommand(path.join(certs, "ca.crt"))], { env: { ...process.env, HOME: home }, encoding: "utf8" });
    expect({ status: trust.status, stderr: trust.stderr }).toEqual({ status: 0, stderr: "" });
    expect(await open()).toBe("dev server");
  } finally {
    server.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
});
