import {
  Cell,
  ColumnMapping,
  ColumnOverrides,
  FIELD_LABELS,
  FIELDS,
  Field,
  formatTableChoice,
  InputName,
  NAMES,
  Review,
  SETTINGS_SHEET,
  SettingKey,
} from "../core";
import { INCOME_NAMES, INCOME_SETTING_KEYS, IncomeSettingKey } from "../core/income-inputs";
import type { WorkbookSnapshot } from "../host/workbook-host";
import { Child, el, fill } from "./dom";
import { cellInput } from "./format";

/**
 * The three editors of the Settings card: inputs, the position table, the column mapping.
 * They show what the workbook holds and hand back what the user typed; the controller saves it.
 */

/** The capital inputs of RULES.md, then the income inputs of INCOME.md: every defined name the pane edits. */
export type CapInputKey = "accountValue" | "cash" | "vix" | "highVixCap" | "concentrationLimit";
export type InputKey = CapInputKey | IncomeSettingKey;
export const CAP_INPUT_KEYS: CapInputKey[] = ["accountValue", "cash", "vix", "highVixCap", "concentrationLimit"];
export const INCOME_INPUT_KEYS: IncomeSettingKey[] = INCOME_SETTING_KEYS;
export const INPUT_KEYS: InputKey[] = [...CAP_INPUT_KEYS, ...INCOME_INPUT_KEYS];
const INPUT_LABELS: Record<InputKey, { label: string; hint: string; placeholder?: string }> = {
  accountValue: { label: "Account value", hint: "Net liquidation value, in dollars" },
  cash: { label: "Cash", hint: "Cash you keep for assignments" },
  vix: { label: "VIX", hint: "Today's VIX level" },
  highVixCap: { label: "High-VIX cap", hint: "Cap above VIX 30, 45% to 50%; 45% when empty", placeholder: "45%" },
  concentrationLimit: { label: "Concentration limit", hint: "Largest share of the account per underlying; 10% when empty", placeholder: "10%" },
  incomeTarget: { label: "Income target", hint: "The monthly income to replace, in dollars" },
  withdrawal: { label: "Withdrawal", hint: "The planned monthly withdrawal, in dollars; 0 when empty", placeholder: "0" },
  reserve: { label: "Reserve", hint: "Cash set aside for withdrawals, never for assignments; 0 when empty", placeholder: "0" },
  reserveMonths: { label: "Reserve target", hint: "Months of withdrawals the reserve should hold, 0 to 60; 12 when empty", placeholder: "12" },
  reserveInAccount: { label: "Reserve inside Cash", hint: "TRUE when the reserve is part of Cash; TRUE when empty", placeholder: "TRUE" },
  payoutRatio: { label: "Payout ratio", hint: "The share of income that may be withdrawn; 75% when empty", placeholder: "75%" },
  maxRaise: { label: "Largest raise", hint: "The largest rise of the withdrawal within 12 months; 10% when empty", placeholder: "10%" },
  premiumPerShare: { label: "Premium per share", hint: "TRUE when a bare Premium column is per share, FALSE when dollars for the row", placeholder: "TRUE" },
};
/** Yes/no settings: typed as TRUE or FALSE, not numbers. */
const FLAG_KEYS: ReadonlySet<InputKey> = new Set(["reserveInAccount", "premiumPerShare"]);
/** The three numbers a user updates every week; the other two have defaults. */
const WEEKLY: InputKey[] = ["accountValue", "cash", "vix"];

export interface EditorHandlers {
  /**
   * Only the inputs the user changed: an untouched named cell (maybe their own formula) is never
   * rewritten. `form` is the form they were typed in, where a refused box is marked.
   */
  saveInputs(values: Partial<Record<InputKey, string>>, form: HTMLFormElement): void;
  /** Present only where the host can name the user's selected cell (Excel). */
  nameCell?: (key: SettingKey) => void;
  saveTable(choice: string): void;
  /** Present only where the host has a selection (Excel); resolves to "Sheet!A1:H40". */
  useSelection?: () => Promise<string | null>;
  saveMapping(overrides: ColumnOverrides): void;
}

let ids = 0;
const uid = (base: string) => `${base}-${++ids}`;

function field(id: string, label: string, control: HTMLElement, hint?: Child, extra?: Child): HTMLElement {
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return el("div", { class: "field" }, [
    el("label", { attrs: { for: id } }, [label]),
    control,
    hint ? el("span", { class: "hint", id: hintId }, [hint]) : null,
    extra,
  ]);
}

function inputBox(id: string, key: InputKey): HTMLInputElement {
  return el("input", { id, attrs: { type: "text", inputmode: FLAG_KEYS.has(key) ? "text" : "decimal", autocomplete: "off", name: key, placeholder: INPUT_LABELS[key].placeholder } });
}

export function renderInputs(form: HTMLFormElement, snapshot: WorkbookSnapshot, handlers: EditorHandlers): void {
  const raw = snapshot.settings.inputs as Partial<Record<InputKey, Cell>>;
  const controls = {} as Record<InputKey, HTMLInputElement>;
  const missing = WEEKLY.filter((k) => !snapshot.definedNames.includes(k));
  const rows = INPUT_KEYS.map((key) => {
    const id = uid(`input-${key}`);
    const input = inputBox(id, key);
    input.value = cellInput(raw[key]);
    controls[key] = input;
    const isMissing = missing.includes(key);
    const hint = isMissing ? `${INPUT_LABELS[key].hint}. Not in the workbook yet: Save inputs creates the name ${NAMES[key]}.` : INPUT_LABELS[key].hint;
    const nameButton =
      isMissing && handlers.nameCell
        ? el("button", { class: "button subtle small", attrs: { type: "button" }, on: { click: () => handlers.nameCell?.(key) } }, [`Name the selected cell ${NAMES[key]}`])
        : null;
    return field(id, INPUT_LABELS[key].label, input, hint, nameButton);
  });
  fill(form, [
    missing.length
      ? el("p", { class: "caption", id: "inputs-missing" }, [
          `Missing in this workbook: ${missing.map((k) => NAMES[k]).join(", ")}. Saving creates them on a sheet named “${SETTINGS_SHEET}”`,
          handlers.nameCell ? ", or select a cell of your own and name it." : ".",
        ])
      : null,
    ...rows.slice(0, CAP_INPUT_KEYS.length),
    el("h3", {}, ["Income"]),
    ...rows.slice(CAP_INPUT_KEYS.length),
    snapshot.settings.errors.length ? el("ul", { class: "messages" }, snapshot.settings.errors.map((e) => el("li", { class: "message-warn" }, [e]))) : null,
    el("div", { class: "row-inline" }, [el("button", { class: "button primary", id: "save-inputs", attrs: { type: "submit" } }, ["Save inputs"])]),
  ]);
  form.onsubmit = (event) => {
    event.preventDefault();
    const values: Partial<Record<InputKey, string>> = {};
    for (const key of INPUT_KEYS) if (controls[key].value !== cellInput(raw[key])) values[key] = controls[key].value;
    handlers.saveInputs(values, form);
  };
}

const INPUT_BY_NAME: Partial<Record<InputName, InputKey>> = {
  AccountValue: "accountValue",
  Cash: "cash",
  VIX: "vix",
  HighVixCap: "highVixCap",
  ConcentrationLimit: "concentrationLimit",
  ...Object.fromEntries(INCOME_SETTING_KEYS.map((k) => [INCOME_NAMES[k], k])),
};

/** Which of `keys` the review could not use (missing or refused), in the order given. */
export function inputsToFix(review: Review | null, keys: readonly InputKey[]): InputKey[] {
  if (!review) return [];
  const named = new Set(review.inputErrors.map((e) => INPUT_BY_NAME[e.input]));
  return keys.filter((k) => named.has(k));
}

/**
 * The boxes for the inputs the review is missing, in the headline where the verdict asks for
 * them: type, save, and the review follows. Hidden when nothing is missing.
 */
export function renderInlineInputs(form: HTMLFormElement, snapshot: WorkbookSnapshot, keys: readonly InputKey[], handlers: EditorHandlers): void {
  form.hidden = keys.length === 0;
  if (keys.length === 0) {
    form.replaceChildren();
    return;
  }
  const raw = snapshot.settings.inputs as Partial<Record<InputKey, Cell>>;
  const controls = new Map<InputKey, HTMLInputElement>();
  const rows = keys.map((key) => {
    const id = uid(`inline-${key}`);
    const input = inputBox(id, key);
    input.value = cellInput(raw[key]);
    controls.set(key, input);
    const nameButton =
      handlers.nameCell && !snapshot.definedNames.includes(key)
        ? el("button", { class: "button subtle small", attrs: { type: "button" }, on: { click: () => handlers.nameCell?.(key) } }, [`Or name the selected cell ${NAMES[key]}`])
        : null;
    return field(id, INPUT_LABELS[key].label, input, INPUT_LABELS[key].hint, nameButton);
  });
  const missing = keys.filter((k) => !snapshot.definedNames.includes(k));
  fill(form, [
    ...rows,
    missing.length ? el("p", { class: "caption" }, [`Saving creates ${missing.map((k) => NAMES[k]).join(", ")} on a sheet named “${SETTINGS_SHEET}”.`]) : null,
    el("button", { class: "button primary", id: `save-${form.id}`, attrs: { type: "submit" } }, ["Save and review"]),
  ]);
  form.onsubmit = (event) => {
    event.preventDefault();
    const values: Partial<Record<InputKey, string>> = {};
    for (const [key, input] of controls) if (input.value !== cellInput(raw[key])) values[key] = input.value;
    handlers.saveInputs(values, form);
  };
}

const RANGE_OPTION = "__range__";

export function renderTablePicker(form: HTMLFormElement, snapshot: WorkbookSnapshot, handlers: EditorHandlers): void {
  const selectId = uid("table-select");
  const rangeId = uid("table-range");
  const current = snapshot.choice;
  const select = el(
    "select",
    { id: selectId, attrs: { name: "table" } },
    [...snapshot.tableNames.map((name) => el("option", { attrs: { value: name } }, [name])), el("option", { attrs: { value: RANGE_OPTION } }, ["A range with a header row…"])],
  );
  select.value = current?.kind === "table" ? current.name : current?.kind === "range" || snapshot.tableNames.length === 0 ? RANGE_OPTION : snapshot.tableNames[0];
  const range = el("input", { id: rangeId, attrs: { type: "text", name: "range", placeholder: "Sheet1!A1:H40", autocomplete: "off", spellcheck: "false" } });
  if (current?.kind === "range") range.value = formatTableChoice(current);
  const rangeField = field(
    rangeId,
    "Range",
    range,
    "Sheet name, !, then the cells from the header row down",
    handlers.useSelection
      ? el(
          "button",
          {
            class: "button subtle small",
            attrs: { type: "button" },
            on: {
              click: async () => {
                const picked = await handlers.useSelection?.();
                if (picked) {
                  range.value = picked;
                  select.value = RANGE_OPTION;
                  rangeField.hidden = false;
                }
              },
            },
          },
          ["Use the selected range"],
        )
      : null,
  );
  const showRange = () => (rangeField.hidden = select.value !== RANGE_OPTION);
  select.addEventListener("change", showRange);
  showRange();
  fill(form, [
    el("p", { class: "caption" }, [
      // A broker format read from a whole sheet is no table or range to choose: the line says how it was read.
      current ? `In use: ${formatTableChoice(current)}` : (snapshot.table?.source?.found ?? snapshot.message ?? "No position table yet."),
    ]),
    field(selectId, "Table", select, snapshot.tableNames.length ? undefined : "This workbook has no Excel table: give a range."),
    rangeField,
    el("div", { class: "row-inline" }, [el("button", { class: "button primary", id: "save-table", attrs: { type: "submit" } }, ["Use this table"])]),
  ]);
  form.onsubmit = (event) => {
    event.preventDefault();
    handlers.saveTable(select.value === RANGE_OPTION ? range.value.trim() : select.value);
  };
}

const AUTO = "__auto__";
const NONE = "__none__";

export function renderMapping(form: HTMLFormElement, header: Cell[] | null, mapping: ColumnMapping | null, overrides: ColumnOverrides, handlers: EditorHandlers): void {
  if (!header) {
    fill(form, [el("p", { class: "caption" }, ["Pick a position table first."])]);
    form.onsubmit = (event) => event.preventDefault();
    return;
  }
  const headers = header.map((h) => (h === null ? "" : String(h).trim())).filter((h) => h !== "");
  const selects = {} as Record<Field, HTMLSelectElement>;
  const rows = FIELDS.map((f) => {
    const id = uid(`map-${f}`);
    const detected = mapping?.headers[f];
    const select = el("select", { id, attrs: { name: f } }, [
      el("option", { attrs: { value: AUTO } }, [detected && !(f in overrides) ? `Automatic: ${detected}` : "Automatic"]),
      el("option", { attrs: { value: NONE } }, ["Not used"]),
      ...headers.map((h) => el("option", { attrs: { value: h } }, [h])),
    ]);
    const o = overrides[f];
    select.value = !(f in overrides) ? AUTO : o === null || o === undefined ? NONE : headers.includes(o) ? o : AUTO;
    selects[f] = select;
    return field(id, FIELD_LABELS[f], select);
  });
  fill(form, [
    el("p", { class: "caption" }, ["Headers are matched automatically; correct a column here. The choice is saved in the workbook."]),
    ...(mapping?.notes ?? []).map((n) => el("p", { class: "caption note" }, [n])),
    el("div", { class: "mapping-grid" }, rows),
    el("div", { class: "row-inline" }, [
      el("button", { class: "button primary", id: "save-mapping", attrs: { type: "submit" } }, ["Save mapping"]),
      el("button", {
        class: "button",
        attrs: { type: "button" },
        on: {
          click: () => handlers.saveMapping({}),
        },
      }, ["Reset to automatic"]),
    ]),
  ]);
  form.onsubmit = (event) => {
    event.preventDefault();
    const result: ColumnOverrides = {};
    for (const f of FIELDS) {
      const v = selects[f].value;
      if (v === AUTO) continue;
      result[f] = v === NONE ? null : v;
    }
    handlers.saveMapping(result);
  };
}

/**
 * Marks the input boxes whose value cannot be saved, each with its message beside it
 * (aria-invalid, and aria-describedby naming the message first), and unmarks the others.
 */
export function showFieldErrors(form: HTMLFormElement, problems: Partial<Record<InputKey, string>>): void {
  let first: HTMLInputElement | null = null;
  for (const key of INPUT_KEYS) {
    const input = form.querySelector<HTMLInputElement>(`input[name="${key}"]`);
    if (!input) continue;
    const errorId = `${input.id}-error`;
    form.ownerDocument.getElementById(errorId)?.remove();
    const hint = (input.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== errorId);
    const problem = problems[key];
    if (!problem) {
      input.removeAttribute("aria-invalid");
      if (hint.length) input.setAttribute("aria-describedby", hint.join(" "));
      continue;
    }
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", [errorId, ...hint].join(" "));
    input.insertAdjacentElement("afterend", el("span", { class: "field-error", id: errorId }, [problem]));
    first ??= input;
  }
  // A refused box in a closed panel would be marked where nobody sees it.
  const panel = first?.closest("details");
  if (panel) panel.open = true;
  first?.focus();
}

