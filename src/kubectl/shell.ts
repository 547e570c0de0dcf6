// The terminal's shell, without a terminal: it runs a typed line (`kubectl …` or `k …`, a few
// filters after `|`, `# comments`, clear, help, history, cat and ls for the editor's files),
// keeps the history, and completes words with Tab. The page draws it; nothing here touches the
// DOM. run() never throws: whatever is typed comes back as output.
import type { Cluster } from '../sim/cluster';
import { startKubectl } from './run';
import { tokenize } from './tokenize';
import { runPipeline, splitPipeline, streamFilters, PIPE_COMMANDS } from './pipe';
import { completeLine } from './completion';

export { splitPipeline } from './pipe';

export interface ShellWatch {
  /** Output produced since the last poll ('' if none). */
  poll(): string;
  /** Ends the watch (the page calls it on Ctrl+C). */
  stop(): void;
}

export interface ShellRun {
  /** Text with \n line ends, no ANSI sequences, no final newline. */
  output: string;
  exitCode: number;
  /** The screen should be cleared. */
  clear?: boolean;
  /** A command that keeps printing (`get -w`): poll it until it is stopped. */
  watch?: ShellWatch;
}

export interface ShellOptions {
  getCluster: () => Cluster;
  readFile?: (name: string) => string | undefined;
  listFiles?: () => string[];
  openInEditor?: (file: { name: string; text: string }) => void;
  lang?: () => 'en' | 'zh';
}

export interface Shell {
  run(line: string): ShellRun;
  complete(line: string, cursor: number): { candidates: string[]; from: number; to: number };
  history(): string[];
  /** The previous history entry (stays at the oldest); undefined when there is no history. */
  previous(): string | undefined;
  /** The next history entry; '' past the newest (back to a fresh line); undefined when not walking the history. */
  next(): string | undefined;
}

export const HISTORY_LIMIT = 500;


const HELP: Record<'en' | 'zh', string> = {
  en: `Commands in this terminal:
  kubectl VERB …  (or k …)   talk to the simulated cluster:
      get, describe, logs, explain, apply -f FILE, create, delete, scale, label, patch,
      edit, version, api-resources, kruise rollout pause|resume|status|history|undo
  … | grep [-v] [-i] WORD, sort [-r] [-n] [-u], head [-n N], tail [-n N], wc [-l], uniq
  cat FILE, ls               the files open in the editor
  history, clear, help
Tab completes commands, resource types, names and flags; Up/Down walk the history;
Ctrl+C stops a watch (get -w).`,
  zh: `此终端支持的命令：
  kubectl 子命令 …（或 k …）  操作模拟集群：
      get、describe、logs、explain、apply -f 文件、create、delete、scale、label、patch、
      edit、version、api-resources、kruise rollout pause|resume|status|history|undo
  … | grep [-v] [-i] 词、sort [-r] [-n] [-u]、head [-n N]、tail [-n N]、wc [-l]、uniq
  cat 文件、ls               编辑器中打开的文件
  history、clear、help
Tab 补全命令、资源类型、名称和参数；上下方向键浏览历史；Ctrl+C 停止 watch（get -w）。`,
};

/** An error line longer than this is cut: an echoed 100 KB argument is not worth screens of text. */
export const ERROR_LINE_LIMIT = 400;

/** Error output with each line cut at ERROR_LINE_LIMIT characters, saying how much was left out. */
function shortErrors(stderr: string): string {
  return stderr
    .split('\n')
    .map((l) => (l.length > ERROR_LINE_LIMIT ? `${l.slice(0, ERROR_LINE_LIMIT)}… (${l.length - ERROR_LINE_LIMIT} more characters)` : l))
    .join('\n');
}

/** What printable() shows as escapes. */
// eslint-disable-next-line no-control-regex
const HIDDEN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Control characters (other than newline and tab) and bidirectional overrides shown as escapes, so
 * that what was typed or echoed can neither drive the terminal (ANSI sequences) nor reorder the line.
 */
export function printable(text: string): string {
  return text.replace(HIDDEN, (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** kubectl's stdout and stderr, each without its final newline, one after the other. */
const joinOutput = (...parts: string[]) =>
  parts
    .map((p) => p.replace(/\n$/, ''))
    .filter((p) => p !== '')
    .join('\n');

export function createShell(options: ShellOptions): Shell {
  const entries: string[] = [];
  let cursor = 0;
  const lang = (): 'en' | 'zh' => {
    try {
      return options.lang?.() === 'zh' ? 'zh' : 'en';
    } catch {
      return 'en';
    }
  };
  const remember = (line: string) => {
    if (entries[entries.length - 1] !== line) entries.push(line);
    if (entries.length > HISTORY_LIMIT) entries.splice(0, entries.length - HISTORY_LIMIT);
  };

  /** The first command of a pipeline: its stdout (to pipe on), its stderr and status. */
  const runCommand = (words: string[], stdin: string | undefined, line: string): { stdout: string; stderr: string; exitCode: number; clear?: boolean; watch?: ShellWatch } => {
    const [cmd, ...args] = words;
    switch (cmd) {
      case 'kubectl':
      case 'k': {
        if (args.length === 0) return { stdout: HELP[lang()], stderr: '', exitCode: 0 };
        const kubectlLine = line.replace(/^\s*(kubectl|k)(?=\s|$)/, 'kubectl');
        const r = startKubectl(options.getCluster(), kubectlLine, stdin, { readFile: options.readFile, openInEditor: options.openInEditor, lang: lang() });
        return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, watch: r.watch };
      }
      case 'clear':
        return { stdout: '', stderr: '', exitCode: 0, clear: true };
      case 'help':
        return { stdout: HELP[lang()], stderr: '', exitCode: 0 };
      case 'history':
        return { stdout: entries.map((e, i) => `${String(i + 1).padStart(5)}  ${e}`).join('\n'), stderr: '', exitCode: 0 };
      case 'ls':
        return { stdout: (options.listFiles?.() ?? []).join('\n'), stderr: '', exitCode: 0 };
      case 'cat': {
        const out: string[] = [];
        const err: string[] = [];
        for (const name of args) {
          const text = options.readFile?.(name);
          if (text === undefined) err.push(`cat: ${name}: No such file or directory`);
          else out.push(text.replace(/\n$/, ''));
        }
        return { stdout: out.join('\n'), stderr: err.join('\n'), exitCode: err.length ? 1 : 0 };
      }
      default:
        return { stdout: '', stderr: `bash: ${cmd}: command not found`, exitCode: 127 };
    }
  };

  const runLine = (line: string): ShellRun => {
    const segments = splitPipeline(line);
    if (segments.every((s) => s.trim() === '')) return { output: '', exitCode: 0 };
    if (segments.some((s) => s.trim() === '')) return { output: "bash: syntax error near unexpected token `|'", exitCode: 2 };
    let words: string[][];
    try {
      words = segments.map((s) => tokenize(s));
    } catch (e) {
      return { output: `bash: ${(e as Error).message}`, exitCode: 2 };
    }
    let [first, ...filters] = words;
    let firstText = segments[0];
    let stdin: string | undefined;
    // `cat FILE | kubectl apply -f -`: the file becomes kubectl's standard input.
    if (first[0] === 'cat' && filters.length > 0 && (filters[0][0] === 'kubectl' || filters[0][0] === 'k')) {
      const fed = runCommand(first, undefined, firstText);
      if (fed.exitCode !== 0) return { output: fed.stderr, exitCode: fed.exitCode };
      stdin = fed.stdout + '\n';
      [first, ...filters] = filters;
      firstText = segments[1];
    }
    const unknown = filters.find((f) => !(PIPE_COMMANDS as readonly string[]).includes(f[0]));
    const head = runCommand(first, stdin, firstText);
    const stderr = shortErrors(head.stderr);
    if (unknown) return { output: joinOutput(stderr, `bash: ${unknown[0]}: command not found`), exitCode: 127 };
    if (filters.length === 0) return { output: joinOutput(head.stdout, stderr), exitCode: head.exitCode, clear: head.clear, watch: head.watch };
    const piped = runPipeline(filters, head.stdout);
    const result: ShellRun = { output: joinOutput(piped.output, stderr), exitCode: piped.exitCode };
    if (head.watch) {
      const filter = streamFilters(filters);
      const source = head.watch;
      result.watch = {
        poll: () => {
          try {
            return filter(source.poll());
          } catch {
            return '';
          }
        },
        stop: () => source.stop(),
      };
    }
    return result;
  };

  return {
    run(line: string): ShellRun {
      cursor = entries.length;
      try {
        const text = String(line ?? '');
        if (text.trim() !== '') remember(text.trimEnd());
        cursor = entries.length;
        const r = runLine(text);
        const watch = r.watch;
        return { ...r, output: printable(r.output), ...(watch ? { watch: { poll: () => printable(watch.poll()), stop: () => watch.stop() } } : {}) };
      } catch (e) {
        return { output: printable(shortErrors(`error: ${e instanceof Error ? e.message : String(e)}`)), exitCode: 1 };
      }
    },
    complete(line: string, at: number) {
      try {
        return completeLine(line, at, { cluster: options.getCluster(), files: options.listFiles?.() ?? [] });
      } catch {
        const to = Math.max(0, Math.min(at, line.length));
        return { candidates: [], from: to, to };
      }
    },
    history: () => [...entries],
    previous() {
      if (entries.length === 0) return undefined;
      cursor = Math.max(0, cursor - 1);
      return entries[cursor];
    },
    next() {
      if (cursor >= entries.length) return undefined;
      cursor++;
      return cursor === entries.length ? '' : entries[cursor];
    },
  };
}
