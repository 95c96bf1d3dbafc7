import fs from "fs";
import { Writable } from "stream";
import { TextReader, ZipWriter } from "@zip.js/zip.js";
import { Cell } from "../src/core/types";
import { columnLetters } from "../src/core";
import { positionTable } from "./data";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const cell = (ref: string, v: Cell) =>
  v === null ? "" : typeof v === "number" ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(String(v))}</t></is></c>`;

/**
 * Writes a `rows`-row position log as an .xlsx (one sheet "Log", an Excel table "Positions",
 * AccountValue/Cash/VIX names) straight to a file, streaming its sheet: building a million-row
 * workbook with a spreadsheet library would itself take gigabytes.
 */
export async function writePositionsXlsx(file: string, rows: number): Promise<void> {
  const t = positionTable(rows);
  const last = `${columnLetters(t.header.length)}${rows + 1}`;
  const stream = fs.createWriteStream(file);
  const zip = new ZipWriter(Writable.toWeb(stream) as WritableStream<Uint8Array>, { level: 6 });
  const add = (name: string, text: string) => zip.add(name, new TextReader(text));
  await add(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/></Types>`,
  );
  await add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  await add(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="AccountValue">Log!$J$1</definedName><definedName name="Cash">Log!$J$2</definedName><definedName name="VIX">Log!$J$3</definedName></definedNames></workbook>`,
  );
  await add(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  );
  await add(
    "xl/styles.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Aptos Narrow"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  );
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:J${rows + 1}"/><sheetData>`;
  const inputs = [10_000_000, 2_000_000, 18];
  let i = -1;
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i === -1) {
        const header = t.header.map((h, c) => cell(`${columnLetters(c + 1)}1`, h)).join("");
        controller.enqueue(enc.encode(`${head}<row r="1">${header}${cell("J1", inputs[0])}</row>`));
        i = 0;
        return;
      }
      if (i >= rows) {
        controller.enqueue(enc.encode(`</sheetData><tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`));
        controller.close();
        return;
      }
      let chunk = "";
      for (const end = Math.min(rows, i + 2000); i < end; i++) {
        const r = i + 2;
        const extra = r <= 3 ? cell(`J${r}`, inputs[r - 1]) : "";
        chunk += `<row r="${r}">${t.rows[i].map((v, c) => cell(`${columnLetters(c + 1)}${r}`, v)).join("")}${extra}</row>`;
      }
      controller.enqueue(enc.encode(chunk));
    },
  });
  await zip.add("xl/worksheets/sheet1.xml", body);
  await add("xl/worksheets/_rels/sheet1.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table1.xml"/></Relationships>`);
  const cols = t.header.map((h, c) => `<tableColumn id="${c + 1}" name="${esc(String(h))}"/>`).join("");
  await add(
    "xl/tables/table1.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Positions" displayName="Positions" ref="A1:${last}"><autoFilter ref="A1:${last}"/><tableColumns count="${t.header.length}">${cols}</tableColumns><tableStyleInfo name="TableStyleMedium2" showRowStripes="1"/></table>`,
  );
  await zip.close();
  await new Promise<void>((resolve, reject) => (stream.closed ? resolve() : stream.on("close", resolve).on("error", reject)));
}
