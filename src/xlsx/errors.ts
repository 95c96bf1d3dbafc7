/**
 * A workbook file the reader cannot read. `notXlsx` when it is not an .xlsx package at all
 * (not a zip, no workbook part); otherwise a part of it is broken, and the message names it.
 * The command line turns either into one line and exit 2; the pane shows the message.
 */
export class WorkbookUnreadable extends Error {
  constructor(
    message: string,
    readonly notXlsx = false,
  ) {
    super(message);
    this.name = "WorkbookUnreadable";
  }
}
