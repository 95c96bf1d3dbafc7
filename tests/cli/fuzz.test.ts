import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { run } from "../../src/cli/main";
import { makeZip, zipParts } from "../helpers/zip";
import { fixture } from "./helpers";

jest.setTimeout(300_000);

/** A small deterministic generator, so a failing case can be rebuilt. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The broken packages: truncated, a damaged central directory, flipped bytes, parts missing, garbage XML. */
async function brokenPackages(): Promise<[string, Uint8Array][]> {
  const good = new Uint8Array(fs.readFileSync(fixture("csp-formulas")));
  const out: [string, Uint8Array][] = [];
  for (const at of [0.1, 0.35, 0.6, 0.9, 0.99]) out.push([`truncated at ${Math.round(at * 100)}%`, good.slice(0, Math.floor(good.length * at))]);
  out.push(["truncated by 1 byte", good.slice(0, good.length - 1)]);
  const eocd = Buffer.from(good).lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const cd = Buffer.from(good).readUInt32LE(eocd + 16);
  for (const [what, offset, value] of [
    ["central directory offset past the end", eocd + 16, 0xff],
    ["entry count wrong", eocd + 10, 0x7f],
    ["first central record's signature", cd, 0x00],
    ["first central record's compressed size", cd + 20, 0xff],
    ["first central record's name length", cd + 28, 0xff],
    ["first local header's method", 8, 0x63],
  ] as [string, number, number][]) {
    const bad = good.slice();
    bad[offset] = value;
    out.push([what, bad]);
  }
  const rnd = prng(9);
  for (let i = 0; i < 6; i++) {
    const bad = good.slice();
    for (let k = 0; k < 8; k++) bad[Math.floor(rnd() * bad.length)] ^= 1 + Math.floor(rnd() * 255);
    out.push([`8 random bytes flipped (seed 9, case ${i})`, bad]);
  }
  const parts = await zipParts(good);
  const sheet = "xl/worksheets/sheet1.xml";
  const variants: [string, (m: Map<string, Buffer | string>) => void][] = [
    ["no workbook part", (m) => m.delete("xl/workbook.xml")],
    ["no [Content_Types].xml", (m) => m.delete("[Content_Types].xml")],
    ["no styles part", (m) => m.delete("xl/styles.xml")],
    ["no shared strings", (m) => m.delete("xl/sharedStrings.xml")],
    ["no workbook relationships", (m) => m.delete("xl/_rels/workbook.xml.rels")],
    ["no root relationships", (m) => m.delete("_rels/.rels")],
    ["a sheet part missing", (m) => m.delete(sheet)],
    ["a table part missing", (m) => m.delete("xl/tables/table1.xml")],
    ["garbage workbook XML", (m) => m.set("xl/workbook.xml", "<workbook><sheets><sheet name=")],
    ["garbage sheet XML", (m) => m.set(sheet, "<<<not xml at all &&&")],
    ["a sheet cut in the middle of its rows", (m) => m.set(sheet, m.get(sheet)!.toString().slice(0, 900))],
    ["garbage styles XML", (m) => m.set("xl/styles.xml", "<styleSheet><cellXfs count='1'><xf")],
    ["garbage table XML", (m) => m.set("xl/tables/table1.xml", "<table ref='nonsense'/>")],
    ["garbage content types", (m) => m.set("[Content_Types].xml", "<Types>")],
    ["binary noise as the sheet", (m) => m.set(sheet, Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 37) % 256)))],
    ["a workbook listing no sheets", (m) => m.set("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>')],
  ];
  for (const [what, edit] of variants) {
    const m = new Map<string, Buffer | string>(parts);
    edit(m);
    out.push([what, await makeZip([...m].map(([n, d]) => [n, typeof d === "string" ? d : new Uint8Array(d)]))]);
  }
  out.push(["an empty file", new Uint8Array(0)]);
  out.push(["a zip with no entries", await makeZip([])]);
  return out;
}

const sha = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

const cases = brokenPackages();

test("the fuzz corpus is large enough", async () => {
  expect((await cases).length).toBeGreaterThan(30);
});

describe("broken packages: exit 0 or 2, one line on stderr for 2, the input unchanged, nothing written", () => {
  for (let i = 0; i < 40; i++) {
    test(`case ${i}`, async () => {
      const all = await cases;
      if (i >= all.length) return;
      const [what, bytes] = all[i];
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ag-fuzz-"));
      const input = path.join(dir, "broken.xlsx");
      fs.writeFileSync(input, bytes);
      const before = sha(input);
      const out: string[] = [];
      const err: string[] = [];
      const status = await run(["review", input, "--out", path.join(dir, "out.xlsx"), "--accountant", path.join(dir, "acc.xlsx"), "--as-of", "2026-02-10"], {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
      });
      const lines = err.join("\n").split("\n").filter((l) => l !== "");
      expect([what, status, [0, 2].includes(status) ? "" : lines.join(" / ")]).toEqual([what, status === 0 ? 0 : 2, ""]);
      expect([what, lines.some((l) => /unexpected|^\s+at /.test(l))]).toEqual([what, false]);
      expect([what, sha(input)]).toEqual([what, before]);
      if (status === 2) {
        expect([what, lines.length]).toEqual([what, 1]);
        expect([what, out]).toEqual([what, []]);
        expect([what, fs.readdirSync(dir)]).toEqual([what, ["broken.xlsx"]]);
      } else expect([what, fs.readdirSync(dir).sort()]).toEqual([what, ["acc.xlsx", "broken.xlsx", "out.xlsx"]]);
    }, 30_000);
  }
});
