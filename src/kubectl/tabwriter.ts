// Go's text/tabwriter as kubectl configures it (minwidth 6, padding 3, blanks), with the
// RememberWidths flag of the tabwriter fork kubectl uses: once flushed, a column never gets
// narrower, so watch rows printed one at a time stay under their header. Cells are tab-terminated;
// the text after a line's last tab is not part of any column and is never padded. Widths count
// runes, as Go does.

const MIN_WIDTH = 6;
const PADDING = 3;

const runeLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export class TabWriter {
  private lines: string[][] = [];
  private pending = '';
  private maxWidths: number[] = [];

  /** Adds text; lines end at '\n'. */
  write(text: string): void {
    const parts = (this.pending + text).split('\n');
    this.pending = parts.pop() ?? '';
    for (const line of parts) this.lines.push(line.split('\t'));
  }

  /** Formats everything written so far and forgets it (but not the column widths). */
  flush(): string {
    if (this.pending !== '') {
      this.lines.push(this.pending.split('\t'));
      this.pending = '';
    }
    const out: string[] = [];
    this.format(out, [], 0, this.lines.length);
    this.lines = [];
    return out.join('');
  }

  /** Forgets the remembered widths (kubectl does this between resource kinds). */
  resetWidths(): void {
    this.maxWidths = [];
  }

  private format(out: string[], widths: number[], line0: number, line1: number): void {
    const column = widths.length;
    let start = line0;
    for (let i = line0; i < line1; i++) {
      if (column >= this.lines[i].length - 1) continue;
      this.writeLines(out, widths, start, i);
      start = i;
      let width = MIN_WIDTH;
      for (; i < line1; i++) {
        const line = this.lines[i];
        if (column >= line.length - 1) break;
        width = Math.max(width, runeLength(line[column]) + PADDING);
      }
      if (column < this.maxWidths.length) width = Math.max(width, this.maxWidths[column]);
      this.maxWidths[column] = width;
      this.format(out, [...widths, width], start, i);
      start = i;
      i--;
    }
    this.writeLines(out, widths, start, line1);
  }

  private writeLines(out: string[], widths: number[], line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      line.forEach((cell, j) => {
        out.push(cell);
        if (j < widths.length) out.push(' '.repeat(Math.max(0, widths[j] - runeLength(cell))));
      });
      out.push('\n');
    }
  }
}

/** A whole table at once: rows of cells, each row ending in '\n'. */
export function tabulate(rows: readonly (readonly string[])[], writer = new TabWriter()): string {
  for (const r of rows) writer.write(`${r.join('\t')}\n`);
  return writer.flush();
}
