/**
 * Progress lines for a review that takes more than a second (a large workbook): each stage is
 * shown once that second has passed, so a quick review prints nothing extra. The caller gives
 * where the lines go (stderr, and only when it is a terminal), never stdout, which holds the
 * review itself (--json).
 */
export class Progress {
  private readonly started: number;
  private readonly timer: ReturnType<typeof setTimeout> | null = null;
  private current: string | null = null;
  private shown: string | null = null;
  private anyShown = false;

  constructor(
    private readonly write: ((line: string) => void) | undefined,
    private readonly afterMs = 1000,
  ) {
    this.started = Date.now();
    if (write) {
      this.timer = setTimeout(() => this.show(), afterMs);
      // A pending progress line must never keep the process alive.
      this.timer.unref?.();
    }
  }

  /**
   * The review moved on to `label` ("reading big.xlsx"). `slow`: shown at once, for a stage known
   * to be long (parsing a large file blocks the timer that would show it after a second).
   */
  stage(label: string, slow = false): void {
    this.current = label;
    if (slow || Date.now() - this.started >= this.afterMs) this.show();
  }

  /** The review finished: a closing line when progress was shown, so the last stage does not look stuck. */
  done(): void {
    this.stop();
    if (this.anyShown && this.write) this.write(`assignment-guard: done in ${((Date.now() - this.started) / 1000).toFixed(1)} s`);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private show(): void {
    if (!this.write || this.current === null || this.current === this.shown) return;
    this.shown = this.current;
    this.anyShown = true;
    this.write(`assignment-guard: ${this.current}...`);
  }
}
