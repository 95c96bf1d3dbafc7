/**
 * Workbook text on a terminal: a ticker or a sheet name may hold control characters (Excel
 * stores them as _x001B_), which a terminal would obey: clear the screen, plant a link or a
 * clipboard write (OSC 8, OSC 52), or forge a line of the report. Every such character is shown
 * as a visible escape instead, and the text stays on one line.
 */

// C0 (tab and newline included), DEL, C1, and the Unicode line separators and direction
// overrides that can make a line read differently from what it holds.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are made visible
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

const hex = (ch: string) => {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/** One line of text safe to print: control characters as visible escapes (ESC as \x1b). */
export function visible(text: string): string {
  return text.replace(CONTROL, hex);
}

/** A multi-line message safe to print: each line made visible, our own line breaks kept. */
export const visibleLines = (lines: readonly string[]): string => lines.map(visible).join("\n");

/**
 * JSON for a terminal: the same document (JSON.parse gives the same value), with DEL, C1 and the
 * separators written as \u escapes, which JSON.stringify leaves raw.
 */
export function terminalJson(json: string): string {
  return json.replace(/[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
