// Placeholder so the build runs; the custom functions (JSDoc @customfunction) replace it.
