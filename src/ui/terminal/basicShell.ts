// A plain shell over runKubectl: each line is a kubectl command, with history and `clear`.
// Used until the full shell (completion, watches, edit) is available.
import type { Cluster } from '../../sim/cluster';
import { runKubectl, type VerbContext } from '../../kubectl/run';
import type { ShellLike, ShellRun } from './shellTypes';

export function createBasicShell(getCluster: () => Cluster, context: Omit<VerbContext, 'cluster' | 'stdin'> = {}): ShellLike {
  const past: string[] = [];
  let position = 0;
  return {
    run(line: string): ShellRun {
      const text = line.trim();
      if (text !== '' && past[past.length - 1] !== text) past.push(text);
      position = past.length;
      if (text === '') return { output: '', exitCode: 0 };
      if (text === 'clear') return { output: '', exitCode: 0, clear: true };
      const result = runKubectl(getCluster(), text, undefined, context);
      const output = [result.stdout, result.stderr].filter((s) => s !== '').join('\n');
      return { output, exitCode: result.exitCode };
    },
    complete: (_line, cursor) => ({ candidates: [], from: cursor, to: cursor }),
    history: () => [...past],
    previous() {
      if (position > 0) position--;
      return past[position];
    },
    next() {
      if (position < past.length) position++;
      return position < past.length ? past[position] : '';
    },
  };
}
