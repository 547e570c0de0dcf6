// The prompt line of the terminal: a buffer and a cursor, edited by the keys xterm reports, and
// the escape sequences that redraw it. Pure: the terminal component writes what this returns.
export const PROMPT = '\x1b[1;32m$\x1b[0m ';
const PROMPT_WIDTH = 2;

export class LineEditor {
  buffer = '';
  cursor = 0;

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

  /** Carriage return, clear the line, prompt, text, then the cursor back into place. */
  redraw(): string {
    const back = this.buffer.length - this.cursor;
    return `\r\x1b[2K${PROMPT}${this.buffer}${back > 0 ? `\x1b[${back}D` : ''}`;
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
