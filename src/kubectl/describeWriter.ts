// Go's text/tabwriter, as kubectl's describers and table printers drive it, and describe's
// PrefixWriter (two spaces per level). Byte-compatible column layout depends on tabwriter's exact
// rules, so they are kept: a cell is text ended by a tab; the text after a line's last tab is not
// aligned; a column block is a run of consecutive lines that have a cell in that column; a line
// without any tab flushes everything buffered, so it separates the blocks above and below it.
// Widths count runes (as Go does), not terminal columns.

export interface TabwriterOptions {
  minwidth: number;
  padding: number;
  padchar: string;
  /**
   * The RememberWidths flag of the tabwriter fork kubectl's table printer uses: once laid out, a
   * column never gets narrower, so watch rows printed one at a time stay under their header.
   */
  rememberWidths?: boolean;
}

/** describe's tabbedString: tabwriter.Init(buf, 0, 8, 2, ' ', 0). */
export const DESCRIBE_TABWRITER: Readonly<TabwriterOptions> = Object.freeze({ minwidth: 0, padding: 2, padchar: ' ' });

/** cli-runtime's printers.GetNewTabWriter: tabwriter.NewWriter(out, 6, 4, 3, ' ', RememberWidths). */
export const TABLE_TABWRITER: Readonly<TabwriterOptions> = Object.freeze({ minwidth: 6, padding: 3, padchar: ' ', rememberWidths: true });

interface Cell {
  text: string;
  width: number;
}

const runeCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

function cellsOf(line: string, complete: boolean): Cell[] {
  if (!complete && line === '') return [];
  return line.split('\t').map((text) => ({ text, width: runeCount(text) }));
}

/**
 * Lays out lines that tabwriter buffered between two flushes. `lines[i]` has no newline; every
 * line but the last gets one (the last is the unterminated rest, written as is).
 */
function formatBuffered(lines: Cell[][], options: TabwriterOptions, remembered: number[] | undefined): string {
  const widths: number[] = [];
  const out: string[] = [];
  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const line = lines[i];
      line.forEach((c, j) => {
        out.push(c.text);
        if (j < widths.length) out.push(options.padchar.repeat(Math.max(0, widths[j] - c.width)));
      });
      if (i + 1 < lines.length) out.push('\n');
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current].length - 1) continue;
      writeLines(line0, current);
      line0 = current;
      let width = options.minwidth;
      for (; current < line1; current++) {
        const line = lines[current];
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column].width + options.padding);
      }
      if (remembered) {
        width = Math.max(width, remembered[column] ?? 0);
        remembered[column] = width;
      }
      widths.push(width);
      format(line0, current);
      widths.pop();
      line0 = current;
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out.join('');
}

/** Runs text through a tabwriter and flushes it at the end. */
export function tabwrite(text: string, options: TabwriterOptions = DESCRIBE_TABWRITER): string {
  const w = new Tabwriter(options);
  w.write(text);
  return w.flush();
}

/** A tabwriter that keeps its output: write() buffers, a tab-less line or flush() lays it out. */
export class Tabwriter {
  private pending = '';
  private done: string[] = [];
  private buffered: Cell[][] = [];
  private remembered: number[] | undefined;

  constructor(private readonly options: TabwriterOptions = DESCRIBE_TABWRITER) {
    this.remembered = options.rememberWidths ? [] : undefined;
  }

  write(text: string): void {
    const parts = (this.pending + text).split('\n');
    this.pending = parts.pop() ?? '';
    for (const part of parts) {
      const cells = cellsOf(part, true);
      this.buffered.push(cells);
      if (cells.length === 1) this.flushBuffered(true);
    }
  }

  private flushBuffered(endsWithNewline: boolean): void {
    if (this.buffered.length === 0) return;
    // A trailing empty "line" stands for the newline after the last complete line.
    const lines = endsWithNewline ? [...this.buffered, []] : this.buffered;
    this.done.push(formatBuffered(lines, this.options, this.remembered));
    this.buffered = [];
  }

  /** Lays out everything written so far and returns the output not taken before (then forgets it). */
  take(): string {
    const out = this.flush();
    this.done = [];
    return out;
  }

  /** Forgets the remembered column widths (kubectl does this between resource kinds). */
  resetWidths(): void {
    if (this.remembered) this.remembered = [];
  }

  /** Lays out everything written so far and returns all output. */
  flush(): string {
    if (this.pending !== '') {
      this.buffered.push(cellsOf(this.pending, false));
      this.pending = '';
      this.flushBuffered(false);
    } else this.flushBuffered(true);
    return this.done.join('');
  }
}

/**
 * describe's PrefixWriter: `level` is two spaces each. Over a tabwriter by default; with `null`
 * it writes straight through, tabs and all (as `rollout history --revision` does).
 */
export class PrefixWriter {
  private readonly tw: Tabwriter | undefined;
  private raw = '';

  constructor(options: TabwriterOptions | null = DESCRIBE_TABWRITER) {
    this.tw = options ? new Tabwriter(options) : undefined;
  }

  write(level: number, text: string): void {
    const prefixed = '  '.repeat(level) + text;
    if (this.tw) this.tw.write(prefixed);
    else this.raw += prefixed;
  }

  /** Ends the current column blocks (describe flushes before its Events table). */
  flush(): void {
    this.tw?.flush();
  }

  /** Everything written, laid out. */
  toString(): string {
    return this.tw ? this.tw.flush() : this.raw;
  }
}
