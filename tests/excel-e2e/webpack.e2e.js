// The add-in's own webpack build plus one page, excel-e2e.html: the shared-runtime page of the
// acceptance run, loading functions.js and then the in-Excel script (tests/excel-e2e/in-excel.ts).
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const base = require("../../webpack.config.js");

module.exports = (env = {}, argv = {}) => {
  const config = base(env, argv);
  config.entry["excel-e2e"] = { import: path.resolve(__dirname, "in-excel.ts"), dependOn: "functions" };
  config.plugins.push(
    new HtmlWebpackPlugin({
      filename: "excel-e2e.html",
      template: path.resolve(__dirname, "..", "..", "src", "functions", "functions.html"),
      chunks: ["functions", "excel-e2e"],
      chunksSortMode: "manual",
      // Real Excel loads office.js from Microsoft's CDN, as the add-in does.
      templateParameters: { preview: false },
    }),
  );
  return config;
};
