// The dev server's https certificates, which office-addin-dev-certs writes to
// ~/.office-addin-dev-certs: whether they are there, when they expire, how to renew them and,
// on Linux, how to make the browsers trust them. Its own `install` cannot be trusted to say:
// on Linux it fails (it needs sudo, and only touches the system store) and still exits 0.
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");

const FILES = { ca: "ca.crt", cert: "localhost.crt", key: "localhost.key" };
const DAY_MS = 86_400_000;
/** Warn this many days ahead: a week of weekly reviews. */
const SOON_DAYS = 7;
/** What to suggest for --days: a year, so renewing is a yearly chore rather than a monthly one. */
const RENEW_DAYS = 365;

const certDir = (home = os.homedir()) => path.join(home, ".office-addin-dev-certs");
const renewCommand = (days = RENEW_DAYS) => `npx office-addin-dev-certs install --days ${days}`;
const isoDay = (date) => date.toISOString().slice(0, 10);

/**
 * The state of the certificates in `dir` at `now`:
 * { state: "missing" | "unreadable" | "mismatched" | "expired" | "expiring" | "valid", expires, daysLeft, problem }.
 * `expires` is the earlier of the CA's and localhost's ends: either one expiring stops the server being trusted.
 */
function inspectCertificates(dir = certDir(), now = new Date()) {
  const missing = Object.values(FILES).filter((name) => !fs.existsSync(path.join(dir, name)));
  if (missing.length > 0) return { state: "missing", dir, expires: null, daysLeft: null, problem: `no ${missing.join(", ")} in ${dir}` };
  let ca;
  let cert;
  let key;
  try {
    ca = new crypto.X509Certificate(fs.readFileSync(path.join(dir, FILES.ca)));
    cert = new crypto.X509Certificate(fs.readFileSync(path.join(dir, FILES.cert)));
    key = crypto.createPrivateKey(fs.readFileSync(path.join(dir, FILES.key)));
  } catch (e) {
    return { state: "unreadable", dir, expires: null, daysLeft: null, problem: `cannot read the certificates in ${dir}: ${e.message}` };
  }
  if (!cert.checkPrivateKey(key)) {
    return { state: "mismatched", dir, expires: null, daysLeft: null, problem: `${FILES.key} is not the key of ${FILES.cert} in ${dir}` };
  }
  const expires = new Date(Math.min(Date.parse(ca.validTo), Date.parse(cert.validTo)));
  const left = expires.getTime() - now.getTime();
  const state = left <= 0 ? "expired" : left < SOON_DAYS * DAY_MS ? "expiring" : "valid";
  const daysLeft = Math.ceil(left / DAY_MS);
  return { state, dir, expires, daysLeft, problem: null };
}

/** Lines for a person about to use the dev server: what is wrong or when it expires, and the command that fixes it. */
function certificateReport(found, platform = process.platform) {
  const lines = [];
  switch (found.state) {
    case "missing":
      lines.push(`Dev certificates: ${found.problem}.`, `  Create them: ${renewCommand()}`);
      break;
    case "unreadable":
    case "mismatched":
      lines.push(`Dev certificates: ${found.problem}.`, `  Make new ones: npx office-addin-dev-certs uninstall, then ${renewCommand()}`);
      break;
    case "expired":
      lines.push(
        `Dev certificates in ${found.dir} EXPIRED on ${isoDay(found.expires)}: Office will not load https://localhost:3000 with them.`,
        `  Renew them: ${renewCommand()}`
      );
      break;
    case "expiring":
      lines.push(
        `Dev certificates in ${found.dir} expire on ${isoDay(found.expires)} (in ${found.daysLeft} day${found.daysLeft === 1 ? "" : "s"}).`,
        `  Renew them now: ${renewCommand()}`
      );
      break;
    default:
      lines.push(
        `Dev certificates in ${found.dir} are valid until ${isoDay(found.expires)} (${found.daysLeft} days).`,
        `  To renew them later: ${renewCommand()}`
      );
  }
  if (platform === "linux") lines.push("", ...linuxTrust(found.dir));
  return lines;
}

/** Trusts the CA for Chrome and Chromium on Linux; the folder must exist, certutil creates the database in it. */
const nssTrustCommand = (ca) => `mkdir -p $HOME/.pki/nssdb && certutil -d sql:$HOME/.pki/nssdb -A -t "C,," -n "Office Add-in Dev CA" -i ${ca}`;

// Browsers on Linux do not read the system store that office-addin-dev-certs tries to update:
// Chrome and Chromium use the NSS database in ~/.pki/nssdb, Firefox one per profile.
function linuxTrust(dir) {
  const ca = path.join(dir, FILES.ca);
  return [
    "On Linux, office-addin-dev-certs cannot make your browser trust these certificates (its install",
    "needs sudo, writes only the system store, and exits 0 even when it fails). Trust the CA yourself:",
    `  Chrome, Chromium: ${nssTrustCommand(ca)}`,
    "    (certutil is in Debian/Ubuntu's libnss3-tools), then restart the browser; or Settings > Privacy and",
    "    security > Security > Manage certificates > Authorities > Import.",
    `  Firefox: Settings > Privacy & Security > Certificates > View Certificates > Authorities > Import ${ca},`,
    '    and tick "Trust this CA to identify websites".',
    "  Check: open https://localhost:3000/taskpane.html while `npm run dev-server` runs; no warning means trusted.",
  ];
}

/** The files webpack-dev-server needs for https, or null when they cannot serve it. */
function httpsOptions(found) {
  if (!["valid", "expiring", "expired"].includes(found.state)) return null;
  const read = (name) => fs.readFileSync(path.join(found.dir, name));
  return { ca: read(FILES.ca), cert: read(FILES.cert), key: read(FILES.key) };
}

module.exports = { FILES, SOON_DAYS, RENEW_DAYS, certDir, inspectCertificates, certificateReport, renewCommand, httpsOptions, nssTrustCommand };
