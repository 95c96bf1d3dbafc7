/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  reporters: ["default", "<rootDir>/tests/helpers/summary-reporter.js"],
  roots: ["<rootDir>/tests"],
  globalSetup: "<rootDir>/tests/helpers/build-cli.js",
  testMatch: ["**/*.test.ts"],
  // office-addin-mock needs only an enum from office-addin-manifest, which Jest cannot load (ESM deps).
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/tests/helpers/office-addin-manifest-stub.js" },
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
};
