import {
  BROKER_LEDGER_TABLE,
  type BrokerImport,
  buildReview,
  Cell,
  ColumnOverrides,
  formatOverrides,
  formatTableChoice,
  highlightPlan,
  ImportRefused,
  ImportResult,
  NAMES,
  parseFraction,
  parseNumber,
  parseTableChoice,
  readInputs,
  Review,
  SettingKey,
  verdict,
} from "../core";
import { INCOME_NAMES, IncomeSettingKey, readIncomeInputs, readYesNo } from "../core/income-inputs";
import { reviewRequestOf, type WorkbookHost, type WorkbookSnapshot } from "../host/workbook-host";
import { byId } from "./dom";
import { CAP_INPUT_KEYS, EditorHandlers, INCOME_INPUT_KEYS, InputKey, INPUT_KEYS, inputsToFix, renderInlineInputs, renderInputs, renderMapping, renderTablePicker, showFieldErrors } from "./editors";
import { money } from "./format";
import { renderNoTable, renderReview, verdictTone } from "./view";

/**
 * Wires the pane: reads through the WorkbookHost, asks the core for the Review, hands it to
 * the view, and sends the user's actions back to the host. No Office.js here, no rule either.
 */

export interface ControllerOptions {
  /** Quiet time after a workbook edit before the pane reviews again. */
  debounceMs?: number;
  /** Called after every review (the preview redraws its grid). */
  onReviewed?: (snapshot: WorkbookSnapshot, review: Review | null) => void;
  /** Lets the browser paint the progress between steps of a long review. */
  nextFrame?: () => Promise<void>;
}

type Tone = "info" | "success" | "warning" | "error";

/** The status line's colour for a verdict: green only for "within" (src/taskpane/view.ts verdictTone). */
const STATUS_TONE: Record<ReturnType<typeof verdictTone>, Tone> = { ok: "success", danger: "error", unknown: "warning" };

const ACTION_IDS = ["do-review", "do-highlight", "do-clear", "do-save", "do-import"] as const;
/** The actions that write the workbook: off where the host cannot write (a .csv). */
const WRITING_IDS: readonly string[] = ["do-highlight", "do-clear", "do-save"];

const defaultFrame = () =>
  new Promise<void>((resolve) => (typeof requestAnimationFrame === "function" ? requestAnimationFrame(() => resolve()) : setTimeout(resolve, 0)));

const FRACTION_KEYS: ReadonlySet<InputKey> = new Set(["highVixCap", "concentrationLimit", "payoutRatio", "maxRaise"]);
const YES_NO_KEYS: ReadonlySet<InputKey> = new Set(["reserveInAccount", "premiumPerShare"]);

/** What the user typed into an input box, as the cell to store: a number (or TRUE/FALSE) when it reads as one. */
export function inputCell(key: InputKey, text: string): Cell {
  const t = text.trim();
  if (t === "") return null;
  if (YES_NO_KEYS.has(key)) return readYesNo(t) ?? t;
  const parsed = FRACTION_KEYS.has(key) ? parseFraction(t) : parseNumber(t);
  return parsed.ok ? parsed.value : t;
}

const INPUT_NAMES = { accountValue: "AccountValue", cash: "Cash", vix: "VIX", highVixCap: "HighVixCap", concentrationLimit: "ConcentrationLimit" } as const;

/**
 * What is wrong with a value typed into an input box, by the core's own reading of inputs
 * (readInputs, readIncomeInputs): "100k" for the account, VIX 0, a 55% high-VIX cap, a payout
 * ratio of 2. Null when it can be saved; an empty box clears the input and is always allowed.
 */
export function inputProblem(key: InputKey, text: string): string | null {
  const cell = inputCell(key, text);
  if (cell === null) return null;
  const problem =
    key in INPUT_NAMES
      ? readInputs({ [key]: cell }).errors.find((e) => e.input === INPUT_NAMES[key as keyof typeof INPUT_NAMES])
      : readIncomeInputs({ [key]: cell }).errors.find((e) => e.input === INCOME_NAMES[key as IncomeSettingKey]);
  return problem ? problem.message : null;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export class PaneController {
  snapshot: WorkbookSnapshot | null = null;
  review: Review | null = null;
  private busy = false;
  private rerun = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Whether our marks may be in the workbook (a table switch clears them from the old sheet). */
  private highlighted = false;

  constructor(
    private host: WorkbookHost,
    private readonly doc: Document,
    private readonly options: ControllerOptions = {},
  ) {}

  /** Binds the buttons, reviews once, and reviews again after edits where the host reports them. */
  async start(): Promise<void> {
    const on = (id: (typeof ACTION_IDS)[number], action: () => Promise<unknown>) => byId(id, this.doc).addEventListener("click", () => void action());
    on("do-review", () => this.runReview());
    on("do-highlight", () => this.highlight());
    on("do-clear", () => this.clear());
    on("do-save", () => this.save());
    byId<HTMLFormElement>("import-form", this.doc).addEventListener("submit", (event) => {
      event.preventDefault();
      void this.importPicked();
    });
    this.showHostAbilities();
    await this.runReview();
    if (this.host.onChange) await this.host.onChange(() => this.scheduleReview());
  }

  /** The preview opens another file: same pane, another host. */
  async setHost(host: WorkbookHost): Promise<void> {
    this.host = host;
    this.highlighted = false;
    this.showHostAbilities();
    await this.runReview();
  }

  /** Turns off, saying why, what this host cannot do: the writing actions of a read-only file, the import where there is none. */
  private showHostAbilities(): void {
    const reason = this.host.readOnly ?? null;
    const note = byId("readonly-note", this.doc);
    note.textContent = reason ?? "";
    note.hidden = reason === null;
    for (const id of WRITING_IDS) {
      const button = byId<HTMLButtonElement>(id, this.doc);
      button.disabled = this.busy || reason !== null;
      if (reason !== null) button.setAttribute("aria-describedby", "readonly-note");
      else button.removeAttribute("aria-describedby");
    }
    byId("import-panel", this.doc).hidden = !this.host.importBroker;
  }

  scheduleReview(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runReview();
    }, this.options.debounceMs ?? 600);
  }

  private get handlers(): EditorHandlers {
    return {
      saveInputs: (values, form) => void this.saveInputs(values, form),
      nameCell: this.host.nameSelectedCell ? (key) => void this.nameCell(key) : undefined,
      saveTable: (choice) => void this.saveTable(choice),
      useSelection: this.host.selectedRange ? () => this.useSelection() : undefined,
      saveMapping: (overrides) => void this.saveMapping(overrides),
    };
  }

  status(message: string, tone: Tone = "info"): void {
    const node = byId("status", this.doc);
    node.textContent = message;
    node.className = `status status-${tone}`;
  }

  private progress(value: number | null, message?: string): void {
    const bar = byId<HTMLProgressElement>("progress", this.doc);
    if (value === null) {
      bar.hidden = true;
      byId("review", this.doc).setAttribute("aria-busy", "false");
    } else {
      bar.hidden = false;
      bar.value = value;
      byId("review", this.doc).setAttribute("aria-busy", "true");
    }
    if (message !== undefined) this.status(message);
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    const readOnly = this.host.readOnly !== undefined;
    for (const id of ACTION_IDS) byId<HTMLButtonElement>(id, this.doc).disabled = busy || (readOnly && WRITING_IDS.includes(id));
  }

  /** Runs one user action with the buttons disabled; a failure is shown, never thrown. */
  private async task<T>(action: () => Promise<T>): Promise<T | null> {
    if (this.busy) {
      this.rerun = true;
      return null;
    }
    this.setBusy(true);
    try {
      return await action();
    } catch (error) {
      this.progress(null);
      this.status(error instanceof Error ? error.message : String(error), "error");
      return null;
    } finally {
      this.setBusy(false);
      if (this.rerun) {
        this.rerun = false;
        this.scheduleReview();
      }
    }
  }

  runReview(): Promise<Review | null> {
    return this.task(() => this.reviewNow());
  }

  private async reviewNow(): Promise<Review | null> {
    const frame = this.options.nextFrame ?? defaultFrame;
    this.progress(10, "Reading the workbook…");
    await frame();
    const snapshot = await this.host.readSnapshot();
    this.snapshot = snapshot;
    let review: Review | null = null;
    if (snapshot.table) {
      this.progress(50, `Checking ${plural(snapshot.table.rows.length, "row", "rows")}…`);
      await frame();
      review = buildReview(reviewRequestOf({ ...snapshot, table: snapshot.table }, this.host.today()));
      this.progress(85, "Drawing the review…");
      await frame();
      renderReview(this.doc, review, (row) => void this.selectRow(row));
    } else {
      renderNoTable(this.doc, snapshot.message ?? "No position table.");
    }
    this.review = review;
    this.renderEditors(snapshot, review);
    this.progress(null);
    if (review) this.verdictStatus(review);
    else this.status(`The position table cannot be read: ${snapshot.message ?? "no position table"}`, "error");
    this.options.onReviewed?.(snapshot, review);
    return review;
  }

  /**
   * The status line (a polite live region) after a review or an action on it: the text and the
   * colour come from verdict(), as the headline, the Weekly Review sheet and the command line do.
   */
  private verdictStatus(review: Review, before?: string): void {
    const v = verdict(review);
    const tone = STATUS_TONE[verdictTone(v.state)];
    this.status(before ? `${before} ${v.text}.` : `${v.text}.`, tone);
  }

  private renderEditors(snapshot: WorkbookSnapshot, review: Review | null): void {
    const handlers = this.handlers;
    renderInputs(byId<HTMLFormElement>("inputs-form", this.doc), snapshot, handlers);
    // The boxes of what the review is missing, where it says so: the cap's under the verdict, the income's in its section.
    const inline = this.doc.getElementById("inline-inputs") as HTMLFormElement | null;
    if (inline) renderInlineInputs(inline, snapshot, inputsToFix(review, CAP_INPUT_KEYS), handlers);
    const income = this.doc.getElementById("income-inputs") as HTMLFormElement | null;
    if (income) renderInlineInputs(income, snapshot, inputsToFix(review, INCOME_INPUT_KEYS), handlers);
    renderTablePicker(byId<HTMLFormElement>("table-form", this.doc), snapshot, handlers);
    renderMapping(byId<HTMLFormElement>("mapping-form", this.doc), snapshot.table?.header ?? null, review?.mapping ?? null, snapshot.settings.overrides, handlers);
  }

  highlight(): Promise<void | null> {
    return this.task(async () => {
      const review = await this.reviewNow();
      if (!review) return;
      this.status("Highlighting…");
      await this.host.highlight(review);
      this.highlighted = true;
      const plan = highlightPlan(review);
      const red = plan.filter((m) => m.kind === "over-budget").length;
      const amber = plan.length - red;
      this.verdictStatus(
        review,
        plan.length === 0
          ? "Nothing to highlight: no row is over budget or over the concentration limit."
          : `Highlighted ${plural(red, "over-budget row", "over-budget rows")} red and ${plural(amber, "concentration row", "concentration rows")} amber.`,
      );
      this.options.onReviewed?.(this.snapshot!, review);
    });
  }

  clear(): Promise<void | null> {
    return this.task(async () => {
      await this.host.clearHighlights();
      this.highlighted = false;
      const done = "Removed the highlights; your own formatting is as it was.";
      if (this.review) this.verdictStatus(this.review, done);
      else this.status(done);
      if (this.snapshot) this.options.onReviewed?.(this.snapshot, this.review);
    });
  }

  save(): Promise<void | null> {
    return this.task(async () => {
      const review = await this.reviewNow();
      if (!review) return;
      this.status("Saving the weekly review…");
      await this.host.saveWeeklyReview(review);
      this.verdictStatus(review, "Saved: the Weekly Review sheet and one more row in the Review Log.");
    });
  }

  selectRow(row: number): Promise<void | null> {
    return this.task(() => this.host.selectRow(row));
  }

  saveInputs(values: Partial<Record<InputKey, string>>, form?: HTMLFormElement): Promise<void | null> {
    return this.task(async () => {
      // Every changed box is checked before anything is written: one bad value saves nothing.
      const problems: Partial<Record<InputKey, string>> = {};
      for (const key of INPUT_KEYS) {
        const problem = values[key] === undefined ? null : inputProblem(key, values[key]);
        if (problem) problems[key] = problem;
      }
      showFieldErrors(form ?? byId<HTMLFormElement>("inputs-form", this.doc), problems);
      const bad = Object.keys(problems).length;
      if (bad > 0) {
        this.status(`Nothing was saved: ${bad === 1 ? "one box needs" : `${bad} boxes need`} a correction (marked above).`, "error");
        return;
      }
      const cells: Partial<Record<SettingKey, Cell>> = {};
      for (const key of INPUT_KEYS) if (values[key] !== undefined) cells[key] = inputCell(key, values[key]);
      if (Object.keys(cells).length === 0) {
        this.status("Nothing changed.");
        return;
      }
      await this.host.writeSettings(cells);
      const review = await this.reviewNow();
      if (review) this.verdictStatus(review, "Saved the inputs in the workbook and reviewed again.");
    });
  }

  nameCell(key: SettingKey): Promise<void | null> {
    return this.task(async () => {
      const address = await this.host.nameSelectedCell!(key);
      const review = await this.reviewNow();
      const done = `${address} is now named ${NAMES[key]}.`;
      if (review) this.verdictStatus(review, done);
      else this.status(done);
    });
  }

  async useSelection(): Promise<string | null> {
    if (!this.host.selectedRange) return null;
    try {
      const { sheet, address } = await this.host.selectedRange();
      return formatTableChoice({ kind: "range", sheet, address });
    } catch (error) {
      this.status(error instanceof Error ? error.message : String(error), "error");
      return null;
    }
  }

  saveTable(text: string): Promise<void | null> {
    return this.task(async () => {
      const names = this.snapshot?.tableNames ?? [];
      const table = names.find((n) => n.toLowerCase() === text.toLowerCase());
      const choice = table ? { kind: "table" as const, name: table } : parseTableChoice(text);
      if (!choice || (choice.kind === "table" && !table)) {
        this.status("Give a table name, or a range such as Sheet1!A1:H40 with the header row first.", "error");
        return;
      }
      if (this.highlighted) {
        await this.host.clearHighlights();
        this.highlighted = false;
      }
      await this.host.writeSettings({ positionsTable: formatTableChoice(choice) });
      await this.reviewNow();
    });
  }

  /** The file chosen in Settings > Import broker file. */
  private async importPicked(): Promise<void> {
    const input = byId<HTMLInputElement>("import-file", this.doc);
    const file = input.files?.[0];
    if (!file) {
      this.status("Choose the broker's file first (a .csv as downloaded, or one saved as .xlsx).", "error");
      input.focus();
      return;
    }
    const done = await this.importBrokerFile({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (done) input.value = "";
  }

  /**
   * Settings > Import broker file: the file read in the browser as the command line reads it, its
   * review and import checked by the core (prepareImport), written by the host, the workbook
   * reviewed again. A refusal says why and that nothing was written.
   */
  importBrokerFile(file: { name: string; bytes: Uint8Array }): Promise<ImportResult | null> {
    return this.task(async () => {
      if (!this.host.importBroker) throw new Error("This workbook cannot take an import.");
      this.status(`Reading ${file.name}…`);
      // The readers and the import's checks load only now: the bundle Excel loads for the pane stays small.
      const { brokerFileImport } = await import(/* webpackChunkName: "broker-file" */ "./broker-file");
      let prepared: { review: Review; imp: BrokerImport };
      try {
        prepared = await brokerFileImport(file.bytes, file.name, this.host.today());
      } catch (error) {
        throw new Error(`${file.name}: ${error instanceof Error ? error.message : String(error)} (nothing was written)`);
      }
      this.status(`Writing ${file.name} into the workbook…`);
      let done: ImportResult;
      try {
        done = await this.host.importBroker(prepared.imp);
      } catch (error) {
        if (error instanceof ImportRefused) throw new Error(`Not imported: ${error.message} (nothing was written).`);
        throw error;
      }
      const review = await this.reviewNow();
      this.importStatus(file.name, prepared, done, review);
      return done;
    });
  }

  /** What the import did, then the workbook's verdict; never green while part of it needs the user. */
  private importStatus(name: string, { review: broker, imp }: { review: Review; imp: BrokerImport }, done: ImportResult, review: Review | null): void {
    const p = done.positions;
    const parts = [
      `Imported ${name}: ${plural(broker.countedRowCount, "open short put", "open short puts")}, exposure ${money(broker.exposureCents)}, in ${p.table} on sheet '${p.sheet}'${p.replaced ? " (the previous import replaced)" : ""}.`,
      done.ledger
        ? `Ledger: ${plural(done.ledger.rows, "option cash amount", "option cash amounts")} in ${done.ledger.table}.`
        : `A position list has no cash ledger: ${BROKER_LEDGER_TABLE} was not written.`,
    ];
    const left = Object.entries(imp.leftOut).map(([why, n]) => `${n} ${why}`);
    if (left.length > 0) parts.push(`Not imported (open, but not short puts): ${left.join(", ")}.`);
    const warnings: string[] = [];
    if (broker.errorRowCount > 0) warnings.push(`${plural(broker.errorRowCount, "row", "rows")} of ${name} could not be read and ${broker.errorRowCount === 1 ? "was" : "were"} imported as unreadable rows: the review stays not confirmed until the file is fixed and imported again.`);
    if (!done.setting.written && !/already names/.test(done.setting.message)) warnings.push(`${done.setting.message}.`);
    else parts.push(`${done.setting.message}.`);
    const text = [...parts, ...warnings].join(" ");
    if (!review) {
      this.status(`${text} The workbook's position table cannot be read: ${this.snapshot?.message ?? "no position table"}`, "error");
      return;
    }
    const v = verdict(review);
    const tone = STATUS_TONE[verdictTone(v.state)];
    this.status(`${text} ${v.text}.`, warnings.length > 0 && tone === "success" ? "warning" : tone);
  }

  saveMapping(overrides: ColumnOverrides): Promise<void | null> {
    return this.task(async () => {
      await this.host.writeSettings({ columnOverrides: formatOverrides(overrides) || null });
      await this.reviewNow();
    });
  }
}
