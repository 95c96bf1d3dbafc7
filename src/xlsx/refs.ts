import { Area, parseArea } from "./cells";

/**
 * The cells a formula names by address, sheet by sheet, read conservatively: a reference is
 * taken as wide as it could be (a shared formula's relative references across every cell the
 * formula fills). Used to prove that moving cells changes no formula's result.
 */

const REF = new RegExp(
  String.raw`(?<![\w.$\]\u00C0-\uFFFF])(?:('(?:[^']|'')+'|[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*)!)?` +
    String.raw`(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d+:\$?\d+)(?![\w(!\u00C0-\uFFFF])`,
  "g",
);

const MAX_ROW = 1048576;
const MAX_COL = 16384;

function areaOf(text: string): Area | null {
  const plain = text.replace(/\$/g, "");
  const cols = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(plain);
  if (cols) {
    const a = parseArea(`${cols[1]}1:${cols[2]}1`);
    return a ? { ...a, top: 1, bottom: MAX_ROW } : null;
  }
  const rows = /^(\d+):(\d+)$/.exec(plain);
  if (rows) {
    const top = Math.min(Number(rows[1]), Number(rows[2]));
    return { top, bottom: Math.max(Number(rows[1]), Number(rows[2])), left: 1, right: MAX_COL };
  }
  return parseArea(plain);
}

/** The areas a formula refers to, with the sheet each is on (`own` for unqualified references). */
export function formulaRefs(formula: string, own: string, spread: { rows: number; cols: number } | null = null): { sheet: string; area: Area }[] {
  const text = formula.replace(/"(?:[^"]|"")*"/g, '""');
  const out: { sheet: string; area: Area }[] = [];
  for (const m of text.matchAll(REF)) {
    const area = areaOf(m[2]);
    if (!area) continue;
    const q = m[1];
    const sheet = q === undefined ? own : q.startsWith("'") ? q.slice(1, -1).replace(/''/g, "'") : q;
    if (spread) {
      area.bottom = Math.min(MAX_ROW, area.bottom + spread.rows);
      area.right = Math.min(MAX_COL, area.right + spread.cols);
    }
    out.push({ sheet, area });
  }
  return out;
}
