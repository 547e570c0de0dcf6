// The table printer's tabwriter: Go's text/tabwriter as kubectl's cli-runtime configures it
// (minwidth 6, padding 3, blanks, RememberWidths), on the one tabwriter port of describeWriter.ts.
// flush() returns what was written since the last flush; column widths are kept across flushes,
// so watch rows printed one at a time stay under their header.
import { TABLE_TABWRITER, Tabwriter } from './describeWriter';

export class TabWriter {
  private readonly tw = new Tabwriter(TABLE_TABWRITER);

  /** Adds text; lines end at '\n'. */
  write(text: string): void {
    this.tw.write(text);
  }

  /** Formats everything written since the last flush (column widths are remembered). */
  flush(): string {
    return this.tw.take();
  }

  /** Forgets the remembered widths (kubectl does this between resource kinds). */
  resetWidths(): void {
    this.tw.resetWidths();
  }
}

/** A whole table at once: rows of cells, each row ending in '\n'. */
export function tabulate(rows: readonly (readonly string[])[], writer = new TabWriter()): string {
  for (const r of rows) writer.write(`${r.join('\t')}\n`);
  return writer.flush();
}
