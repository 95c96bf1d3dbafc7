// `npm run lint`: Microsoft's Office.js rules (eslint-plugin-office-addins, as the generator
// templates use them through office-addin-lint) and the templates' TypeScript rules
// (typescript-eslint's recommended set). Each exception below says why.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import { readFileSync } from "node:fs";

// What git ignores is build output (dist/, dist-preview/, build/, tests/output/...): lint never
// reads it, whichever folders a build adds later. .gitignore is the one list of them.
const gitIgnored = readFileSync(new URL("./.gitignore", import.meta.url), "utf8")
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("#"))
  .map((entry) => (entry.endsWith("/") ? `${entry}**` : `**/${entry}`));

// The plugin's recommended config also runs prettier as a rule; formatting is not an Office
// convention and reformatting every file would bury real changes, so only its Office.js rules
// are taken, each as an error: a warning nobody reads is no check.
const officeRules = Object.fromEntries(
  Object.keys(officeAddins.configs.recommended.at(-1).rules)
    .filter((name) => name.startsWith("office-addins/"))
    .map((name) => [name, "error"]),
);

export default tseslint.config(
  { ignores: [...gitIgnored, "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // A leading underscore marks a name left unused on purpose: a key taken out of an object by
    // destructuring (`const { dev: _dev, ...rest } = entry`), an argument a signature requires.
    rules: { "@typescript-eslint/no-unused-vars": ["error", { varsIgnorePattern: "^_", argsIgnorePattern: "^_", ignoreRestSiblings: true }] },
  },
  {
    // The Office.js rules know Office.js proxies by name and shape (load, sync, isNullObject): they
    // belong where Office.js is called. Over exceljs code (src/xlsx, the CLI) they misfire on
    // exceljs's own `cell.value`, which needs no load.
    files: [
      "src/excel/**/*.ts",
      "src/functions/**/*.ts",
      "src/taskpane/**/*.ts",
      "src/host/**/*.ts",
      "tests/excel/**/*.ts",
      "tests/excel-e2e/**/*.ts",
      "tests/functions/**/*.ts",
      "tests/taskpane/**/*.ts",
      "tests/helpers/**/*.ts",
      "bench/**/*.ts",
    ],
    plugins: { "office-addins": officeAddins },
    rules: officeRules,
  },
  {
    // The accountant copy strips the control characters XML 1.0 forbids: a class of control
    // characters is what that regular expression is for.
    files: ["src/xlsx/accountant.ts"],
    rules: { "no-control-regex": "off" },
  },
  {
    // The command line's and the file adapter's tests read the CLI's JSON and exceljs's loose
    // models as `any`, and load fresh module copies with require() inside jest.isolateModules.
    files: ["tests/cli/**/*.ts", "tests/xlsx/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-require-imports": "off" },
  },
);
