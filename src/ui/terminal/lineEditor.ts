// The prompt line of the terminal: a buffer and a cursor, edited by the keys xterm reports, and
// the escape sequences that redraw it. Pure: the terminal component writes what this returns.
//
// A line wider than the terminal scrolls sideways on its one row (as readline's
// horizontal-scroll-mode does) instead of wrapping: the redraw, which clears only the cursor's
// row, stays right, and a pasted 100 KB line costs the terminal one row of text per key, not
// thousands.
export const PROMPT = '\x1b[1;32m$\x1b[0m ';
const PROMPT_WIDTH = 2;

/**
 * Cells a character may take: 2 from U+1100 on (where East Asian wide characters begin), so that
 * a part of the line measured with it never wraps; exact widths are left to the terminal.
 */
const cellsAtMost = (code: number) => (code >= 0x1100 ? 2 : 1);

export class LineEditor {
  buffer = '';
  cursor = 0;
  /** The terminal's width in columns (the fit add-on's); the whole line is drawn while unknown. */
  columns = Infinity;

  /** Replaces the line (history recall, completion) and returns the redraw. */
  set(text: string, cursor = text.length): string {
    this.buffer = text;
    this.cursor = Math.max(0, Math.min(cursor, text.length));
    return this.redraw();
  }

  insert(text: string): string {
    // control characters would move xterm's cursor behind the editor's back
    // eslint-disable-next-line no-control-regex
    const clean = text.replace(/[\x00-\x1f\x7f]/g, '');
    if (clean === '') return '';
    this.buffer = this.buffer.slice(0, this.cursor) + clean + this.buffer.slice(this.cursor);
    this.cursor += clean.length;
    return this.redraw();
  }

  backspace(): string {
    if (this.cursor === 0) return '';
    this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
    this.cursor--;
    return this.redraw();
  }

  del(): string {
    if (this.cursor >= this.buffer.length) return '';
    this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
    return this.redraw();
  }

  move(delta: number): string {
    return this.set(this.buffer, this.cursor + delta);
  }

  home(): string {
    return this.set(this.buffer, 0);
  }

  end(): string {
    return this.set(this.buffer, this.buffer.length);
  }

  /** Takes the line for running and starts an empty one. */
  take(): string {
    const line = this.buffer;
    this.buffer = '';
    this.cursor = 0;
    return line;
  }

  /**
   * Carriage return, clear the row, prompt, the part of the line in view, then the cursor put
   * back where it was drawn (saved and restored, so wide characters need no arithmetic).
   */
  redraw(): string {
    const { start, end } = this.view();
    const before = this.buffer.slice(start, this.cursor);
    const after = this.buffer.slice(this.cursor, end);
    return `\r\x1b[2K${PROMPT}${before}${after ? `\x1b7${after}\x1b8` : ''}`;
  }

  /** The part of the buffer drawn: all of it if it fits the row, else a window ending at the cursor (or starting at the line's start). */
  view(): { start: number; end: number } {
    const room = Math.max(1, this.columns - PROMPT_WIDTH - 1);
    const { buffer, cursor } = this;
    // the window ends at the cursor when the text before it does not fit
    let start = cursor;
    let used = 0;
    while (start > 0) {
      const cells = cellsAtMost(buffer.charCodeAt(start - 1));
      if (used + cells > room) break;
      used += cells;
      start--;
    }
    // a surrogate pair is not cut
    if (start > 0 && start < cursor && (buffer.charCodeAt(start) & 0xfc00) === 0xdc00) start++;
    let end = cursor;
    while (end < buffer.length) {
      const cells = cellsAtMost(buffer.charCodeAt(end));
      if (used + cells > room) break;
      used += cells;
      end++;
    }
    if (end > cursor && end < buffer.length && (buffer.charCodeAt(end) & 0xfc00) === 0xdc00) end--;
    return { start, end };
  }

  /** Column of the cursor (for tests). */
  column(): number {
    return PROMPT_WIDTH + this.cursor;
  }
}

/** Output text for xterm: lone newlines become CR LF. */
export const toTerminal = (text: string) => text.replace(/\r?\n/g, '\r\n');

/** The longest common prefix of completion candidates. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
