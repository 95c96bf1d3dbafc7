import {
  HIGHLIGHT_FILL,
  highlightAreas,
  highlightFormula,
  highlightKindOf,
  highlightPlan,
  Review,
  TableSource,
} from "../core";

/**
 * Highlights are conditional formats owned by the add-in (src/core/record.ts explains the
 * marker). Nothing here writes a cell value or a cell format, so the user's own fills, fonts,
 * borders, number formats and conditional formats cannot be lost.
 */

/** First and last column letters of an A1 range such as "B3:H40". */
export function rangeColumns(range: string): { first: string; last: string } {
  const m = /^\$?([A-Z]{1,3})\$?\d+(?::\$?([A-Z]{1,3})\$?\d+)?$/i.exec(range.trim());
  if (!m) throw new Error(`not an A1 range: ${range}`);
  return { first: m[1].toUpperCase(), last: (m[2] ?? m[1]).toUpperCase() };
}

const RULES = "items/id,items/type,items/customOrNullObject/rule/formula";

function isOurs(format: Excel.ConditionalFormat): boolean {
  return format.type === "Custom" && highlightKindOf(format.customOrNullObject.rule.formula) !== null;
}

/** Queues a listing of a sheet's conditional formats, with what tells ours apart. */
function listRules(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const formats = sheet.getRange().conditionalFormats;
  formats.load(RULES);
  return formats;
}

function sourceOf(review: Review): TableSource {
  if (!review.source) throw new Error("the review has no table on a sheet to highlight");
  return review.source;
}

/** Excel's "Item Not Found" for a rule: deleted already, or a rule Excel cannot address (office-js#5222). */
function isItemNotFound(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (typeof e?.code === "string" && /ItemNotFound/i.test(e.code)) || (typeof e?.message === "string" && /item not found/i.test(e.message));
}

/** Attempts at deleting our rules before Excel is said to refuse: each attempt lists the rules afresh. */
const DELETE_ATTEMPTS = 4;

interface SheetRules {
  name: string;
  formats: Excel.ConditionalFormatCollection;
}

/**
 * Deletes the add-in's rules (not `keep`) from the listed sheets, in a way that survives Excel's
 * known failures: a delete that fails with ItemNotFound (the rule went already, or Excel cannot
 * address a rule that shares cells with another, office-js#5222) and a delete that leaves the rule
 * in place (office-js#6835). Each batch deletes by the rules' listing and lists the rules again in
 * the same batch; what is still ours is deleted again from that new listing, at most
 * DELETE_ATTEMPTS times. The user's rules are never deleted: only a rule whose formula carries our
 * marker is. `listed` are listings already loaded and synced. Returns the rules removed.
 */
async function deleteOurRules(context: Excel.RequestContext, listed: SheetRules[], keep: ReadonlySet<string> = new Set()): Promise<number> {
  let current = listed;
  let removed: number | null = null;
  for (let attempt = 1; ; attempt++) {
    const doomed = current.map(({ name, formats }) => ({ name, rules: formats.items.filter((f) => isOurs(f) && !keep.has(f.id)) }));
    const count = doomed.reduce((n, d) => n + d.rules.length, 0);
    removed ??= count;
    if (count === 0) return removed;
    if (attempt > DELETE_ATTEMPTS) {
      const where = doomed.filter((d) => d.rules.length > 0).map((d) => `'${d.name}'`).join(", ");
      throw new Error(`Excel did not delete ${count} of Assignment Guard's highlight rules on ${where}; press Clear again`);
    }
    for (const { rules } of doomed) for (const rule of rules) rule.delete();
    const sheets = context.workbook.worksheets;
    const next = current.map(({ name }) => ({ name, formats: listRules(sheets.getItem(name)) }));
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a retry after Excel refused a delete: each attempt needs the listing the last one left
      await context.sync();
    } catch (error) {
      if (!isItemNotFound(error)) throw error;
      // The batch stopped at the rule Excel could not find: list afresh and delete what is left.
      const fresh = current.map(({ name }) => ({ name, formats: listRules(sheets.getItem(name)) }));
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- see above
      await context.sync();
      current = fresh;
      continue;
    }
    current = next;
  }
}

/**
 * Replaces the add-in's marks on the table's sheet with the review's: over-budget rows red,
 * concentration rows amber. Two round trips whatever the number of rows: one to list the rules,
 * one to delete ours, add the new ones and list again to check; only when Excel failed a delete
 * does it take more (deleteOurRules).
 * Returns the number of rows marked.
 */
export async function writeHighlights(context: Excel.RequestContext, review: Review): Promise<number> {
  const source = sourceOf(review);
  const sheet = context.workbook.worksheets.getItem(source.sheet);
  const existing = listRules(sheet);
  await context.sync();

  const plan = highlightPlan(review);
  const { first, last } = rangeColumns(source.range);
  const addRules = () =>
    highlightAreas(plan, first, last).map(({ kind, addresses }) => {
      const format = sheet.getRanges(addresses.join(",")).conditionalFormats.add("Custom");
      format.custom.rule.formula = `=${highlightFormula(kind)}`;
      format.custom.format.fill.color = HIGHLIGHT_FILL[kind];
      format.load("id");
      return format;
    });

  for (const format of existing.items) if (isOurs(format)) format.delete();
  let added = addRules();
  let after = listRules(sheet);
  try {
    await context.sync();
  } catch (error) {
    if (!isItemNotFound(error)) throw error;
    // The batch stopped at a delete Excel refused, before any rule was added: clean up, then add.
    const fresh = listRules(sheet);
    await context.sync();
    await deleteOurRules(context, [{ name: source.sheet, formats: fresh }]);
    added = addRules();
    after = listRules(sheet);
    await context.sync();
  }
  // A delete Excel reported done but did not do leaves an old mark beside the new ones.
  await deleteOurRules(context, [{ name: source.sheet, formats: after }], new Set(added.map((f) => f.id)));
  return plan.length;
}

/**
 * Deletes the add-in's marks from every sheet (the table may have moved since they were
 * added) and nothing else. Three round trips: sheet names, their rules, the deletes with a
 * listing that checks them (2 when there is nothing to remove).
 * Returns the number of rules removed.
 */
export async function clearHighlights(context: Excel.RequestContext): Promise<number> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();

  const listed = sheets.items.map((sheet) => ({ name: sheet.name, formats: listRules(sheet) }));
  await context.sync();
  return deleteOurRules(context, listed);
}

/** Selects one sheet row of the table, across the table's columns, and shows its sheet. */
export async function selectTableRow(context: Excel.RequestContext, source: TableSource, row: number): Promise<void> {
  if (!Number.isInteger(row) || row < 1) throw new Error(`not a sheet row: ${row}`);
  const { first, last } = rangeColumns(source.range);
  const sheet = context.workbook.worksheets.getItem(source.sheet);
  sheet.activate();
  sheet.getRange(`${first}${row}:${last}${row}`).select();
  await context.sync();
}
