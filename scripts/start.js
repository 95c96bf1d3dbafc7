#!/usr/bin/env node
// npm start: check the dev certificates, then sideload manifest.xml into desktop Excel
// (Windows/macOS) with the dev server; elsewhere say how to use Excel on the web.
"use strict";

const { desktopSupported, runDebugging, WEB_INSTRUCTIONS } = require("./desktop-debugging");
const { certificateReport, inspectCertificates } = require("./dev-certs");

const certificates = inspectCertificates();
const report = certificateReport(certificates).join("\n");

if (!desktopSupported()) {
  console.log(WEB_INSTRUCTIONS + "\n\n" + report);
  process.exit(0);
}
console.log(report + "\n");
if (!["valid", "expiring"].includes(certificates.state)) {
  console.error("npm start: not sideloading, since Office would refuse the dev server without valid certificates (see above).");
  process.exit(1);
}
process.exit(runDebugging("start", ["desktop", "--app", "excel"]));
