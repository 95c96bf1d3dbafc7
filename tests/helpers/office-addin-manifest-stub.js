// office-addin-mock imports only the OfficeApp enum from office-addin-manifest, whose ESM-only
// dependencies Jest cannot load as CommonJS; jest.config.js maps the package to this stub.
module.exports = {
  OfficeApp: {
    Excel: "excel",
    OneNote: "onenote",
    Outlook: "outlook",
    PowerPoint: "powerpoint",
    Project: "project",
    Word: "word",
  },
};
