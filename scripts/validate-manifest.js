#!/usr/bin/env node
// npm run validate: manifest.xml against Microsoft's XML schemas, offline with xmllint and the
// schemas in ../shared/office-xsd/ (required under CI=true), then office-addin-manifest's online
// validation when a network answers (its absence is never a failure). The project's own checks
// (tests/manifest.test.ts) run after this script.
"use strict";

const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const SCHEMAS = process.env.OFFICE_XSD_DIR || path.resolve(ROOT, "..", "shared", "office-xsd");
const ROOT_SCHEMA = "OfficeAppManifestV1_1.xsd";
const CI = process.env.CI === "true";
const OFFLINE = /Unable to contact|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|network/i;

function hasXmllint() {
  const probe = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  return !probe.error && probe.status === 0;
}

/** Offline: 0 valid, 1 invalid or required but impossible, null skipped. */
function validateOffline() {
  const schemas = fs.existsSync(path.join(SCHEMAS, ROOT_SCHEMA));
  const xmllint = hasXmllint();
  if (!schemas || !xmllint) {
    const missing = [!schemas && `the schemas (${path.join(SCHEMAS, ROOT_SCHEMA)})`, !xmllint && "xmllint (Debian: apt-get install libxml2-utils)"].filter(Boolean).join(" and ");
    if (CI) {
      console.error(`validate: CI must check manifest.xml against Microsoft's schemas, but ${missing} is missing.`);
      return 1;
    }
    console.log(`validate: schema check skipped: ${missing} not found here.`);
    return null;
  }
  const result = spawnSync("xmllint", ["--noout", "--schema", path.join(SCHEMAS, ROOT_SCHEMA), MANIFEST], { encoding: "utf8" });
  if (result.status !== 0) {
    process.stderr.write(result.stderr || "");
    console.error(`validate: manifest.xml does not validate against ${path.join(SCHEMAS, ROOT_SCHEMA)}.`);
    return 1;
  }
  console.log(`validate: manifest.xml is valid against Microsoft's schemas in ${SCHEMAS}.`);
  return 0;
}

/** Online: 0 valid, 1 invalid, null no network (or switched off with AG_MANIFEST_ONLINE=0). */
function validateOnline() {
  if (process.env.AG_MANIFEST_ONLINE === "0") return null;
  const cli = require.resolve("office-addin-manifest/cli.js", { paths: [ROOT] });
  const result = spawnSync(process.execPath, [cli, "validate", MANIFEST], { cwd: ROOT, encoding: "utf8", timeout: 90_000 });
  const output = `${result.stdout || ""}\n${result.stderr || ""}`;
  // Office's CLIs may exit 0 after an error: the words decide, not the status alone.
  if (result.error || OFFLINE.test(output)) {
    console.log("validate: online validation skipped: Microsoft's validation service cannot be reached from here.");
    return null;
  }
  if (result.status === 0 && /manifest is valid/i.test(output) && !/not valid/i.test(output)) {
    console.log("validate: manifest.xml passed office-addin-manifest's online validation.");
    return 0;
  }
  process.stdout.write(output);
  console.error("validate: office-addin-manifest's online validation failed (see above).");
  return 1;
}

const offline = validateOffline();
const online = offline === 1 ? null : validateOnline();
process.exit(offline === 1 || online === 1 ? 1 : 0);
