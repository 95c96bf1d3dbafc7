// Placeholder so the build runs; the task pane view replaces it.
Office.onReady(() => {
  const status = document.getElementById("status");
  if (status) status.textContent = "Assignment Guard loaded.";
});
