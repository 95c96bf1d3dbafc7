// `npm run lint`: Microsoft's Office.js rules (eslint-plugin-office-addins, as the generator
// templates use them through office-addin-lint) and the templates' TypeScript rules
// (typescript-eslint's recommended set). The plugin's recommended config also runs prettier as a
// rule; formatting is not an Office convention and reformatting every file would bury real
// changes, so the Office rules are taken without it.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";

const officeRules = Object.fromEntries(
  Object.entries(officeAddins.configs.recommended.at(-1).rules).filter(([name]) => name.startsWith("office-addins/")),
);

export default tseslint.config(
  { ignores: ["dist/**", "build/**", "node_modules/**", "coverage/**", "tests/output/**", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.ts", "tests/**/*.ts", "bench/**/*.ts", "scripts/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      ...officeRules,
      // Every Office.js rule is an error here: a warning nobody reads is no check.
      ...Object.fromEntries(Object.keys(officeRules).map((name) => [name, "error"])),
    },
  },
);
