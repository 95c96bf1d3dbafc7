import { ReviewJson } from "../core";
import { terminalJson } from "./terminal";

// The rows array's place in the document, found again in the text: a value no cell can produce
// at this spot (the top level is indented by two spaces, and only the document has a "rows" key there).
const MARK = "\u0000AssignmentGuard:rows";
const TOKEN = `\n  "rows": ${JSON.stringify(MARK)}`;
/** Rows per piece: about 100 KB of text. */
const BATCH = 500;
const BATCH_OPEN = '{\n  "rows": [';
const BATCH_CLOSE = "\n  ]\n}";

/**
 * `review --json` as pieces of text whose concatenation is exactly
 * `JSON.stringify(doc, null, 2) + "\n"` made terminal-safe. A large log's rows array (one entry
 * per table row: 47 MB of text for 200,000 rows) is never held as one string, nor copied again
 * for escaping or for the final newline: the peak stays near the review itself.
 */
export function* jsonPieces(doc: ReviewJson): Generator<string> {
  const head = JSON.stringify({ ...doc, rows: MARK }, null, 2);
  const at = head.indexOf(TOKEN);
  if (at < 0 || doc.rows.length === 0) {
    yield terminalJson(JSON.stringify(doc, null, 2)) + "\n";
    return;
  }
  yield terminalJson(head.slice(0, at)) + '\n  "rows": [';
  // A batch stringified as {"rows": batch} has its rows at exactly the document's indentation.
  for (let i = 0; i < doc.rows.length; i += BATCH) {
    const text = JSON.stringify({ rows: doc.rows.slice(i, i + BATCH) }, null, 2);
    yield (i === 0 ? "" : ",") + terminalJson(text.slice(BATCH_OPEN.length, -BATCH_CLOSE.length));
  }
  yield "\n  ]" + terminalJson(head.slice(at + TOKEN.length)) + "\n";
}
