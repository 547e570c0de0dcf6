// The terminal's shell, without a terminal: it runs a typed line (`kubectl …` or `k …`, a few
// filters after `|`, `# comments`, clear, help, history, cat and ls for the editor's files),
// keeps the history, and completes words with Tab. The page draws it; nothing here touches the
// DOM. run() never throws: whatever is typed comes back as output.
import type { Cluster } from '../sim/cluster';
import * as kubectlRun from './run';
import type { KubectlResult, VerbContext } from './readVerbs';
import { tokenize } from './tokenize';
import { runPipeline, streamFilters, PIPE_COMMANDS } from './pipe';
import { findResource, RESOURCES } from './info';
import { cloneSetDoc } from './explain/cloneset';
import { podDoc } from './explain/pod';

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

type Start = (cluster: Cluster, line: string, stdin?: string, options?: Omit<VerbContext, 'cluster' | 'stdin'>) => KubectlResult & { watch?: ShellWatch };

/** `get -w` streams through startKubectl where run.ts has it; plain runKubectl otherwise. */
const startKubectl: Start = (kubectlRun as unknown as { startKubectl?: Start }).startKubectl ?? kubectlRun.runKubectl;

/** Cuts a line at unquoted `|` and drops an unquoted `#` comment (a `#` that starts a word). */
export function splitPipeline(line: string): string[] {
  const segments: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === '\\' && quote === '"' && i + 1 < line.length) {
        cur += ch + line[++i];
        continue;
      }
      if (ch === quote) quote = null;
      cur += ch;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += ch + line[++i];
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === '#' && (cur === '' || /\s$/.test(cur))) {
      break;
    } else if (ch === '|') {
      segments.push(cur);
      cur = '';
    } else cur += ch;
  }
  segments.push(cur);
  return segments;
}

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

const joinOutput = (...parts: string[]) => parts.filter((p) => p !== '').join('\n');

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
    if (unknown) return { output: joinOutput(head.stderr, `bash: ${unknown[0]}: command not found`), exitCode: 127 };
    if (filters.length === 0) return { output: joinOutput(head.stdout, head.stderr), exitCode: head.exitCode, clear: head.clear, watch: head.watch };
    const piped = runPipeline(filters, head.stdout);
    const result: ShellRun = { output: joinOutput(piped.output, head.stderr), exitCode: piped.exitCode };
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
        if (text.trim() !== '') remember(text.replace(/\s+$/, ''));
        cursor = entries.length;
        return runLine(text);
      } catch (e) {
        return { output: `error: ${e instanceof Error ? e.message : String(e)}`, exitCode: 1 };
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

// ---- completion ------------------------------------------------------------------------------

const SHELL_COMMANDS = ['cat', 'clear', 'help', 'history', 'k', 'kubectl', 'ls'];
const VERBS = ['api-resources', 'apply', 'create', 'delete', 'describe', 'edit', 'explain', 'get', 'kruise', 'label', 'logs', 'patch', 'scale', 'version'];
const ROLLOUT_VERBS = ['history', 'pause', 'resume', 'status', 'undo'];
const TYPE_WORDS = RESOURCES.flatMap((r) => [r.name, r.singular, ...r.shortNames]);
const OUTPUTS = ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml'];
const NS = ['-n', '--namespace'];

const VERB_FLAGS: Record<string, string[]> = {
  get: [...NS, '-A', '--all-namespaces', '-o', '--output', '-l', '--selector', '-L', '--label-columns', '--show-labels', '--no-headers', '--sort-by', '-w', '--watch', '--watch-only'],
  describe: [...NS, '-A', '--all-namespaces', '-l', '--selector', '--show-events'],
  logs: [...NS, '-c', '--container', '-p', '--previous', '--tail', '-f', '--follow', '--timestamps', '--all-containers'],
  explain: ['--recursive', '--api-version', '--output'],
  apply: [...NS, '-f', '--filename'],
  create: [...NS, '-f', '--filename'],
  delete: [...NS, '-l', '--selector', '--wait'],
  scale: [...NS, '--replicas'],
  label: [...NS, '--overwrite'],
  patch: [...NS, '-p', '--patch', '--type'],
  edit: [...NS, '-o', '--output'],
  version: ['--client', '-o', '--output'],
  'api-resources': ['--namespaced', '--api-group', '-o', '--output', '--no-headers'],
  status: [...NS, '-w', '--watch', '--revision', '--timeout'],
  history: [...NS, '--revision'],
  undo: [...NS, '--to-revision', '--dry-run'],
  pause: NS,
  resume: NS,
};

/** Flags whose value is the next word. */
const VALUED = new Set([...NS, '-o', '--output', '-l', '--selector', '-L', '--label-columns', '--sort-by', '-c', '--container', '--tail', '--api-version', '-f', '--filename', '--replicas', '-p', '--patch', '--type', '--revision', '--to-revision', '--timeout', '--api-group', '--dry-run']);

interface CompletionSource {
  cluster: Cluster;
  files: string[];
}

function namesOf(cluster: Cluster, typeWord: string): string[] {
  const r = findResource(typeWord);
  if (!r) return [];
  if (r.kind === 'Event') return cluster.eventList().map((e) => e.metadata.name);
  return cluster.store.list(r.kind).map((o) => o.metadata.name);
}

/** `spec.updateStrategy.` → the field names explain knows there. */
function explainPaths(word: string): string[] {
  const [typeWord, ...path] = word.split('.');
  const r = findResource(typeWord);
  const doc = r?.kind === 'CloneSet' ? cloneSetDoc : r?.kind === 'Pod' ? podDoc : undefined;
  if (!doc) return [];
  let fields = doc.fields;
  for (const name of path.slice(0, -1)) {
    const next = fields[name]?.fields;
    if (!next) return [];
    fields = next;
  }
  const stem = word.slice(0, word.lastIndexOf('.') + 1);
  return Object.keys(fields).map((f) => stem + f);
}

/** Candidates for the word under the cursor; `from`–`to` is the part of the line they replace. */
export function completeLine(line: string, at: number, source: CompletionSource): { candidates: string[]; from: number; to: number } {
  const to = Math.max(0, Math.min(at, line.length));
  const before = line.slice(0, to);
  const segments = splitPipeline(before);
  const segment = segments[segments.length - 1];
  const current = /\S*$/.exec(segment)?.[0] ?? '';
  const from = to - current.length;
  const prior = segment.slice(0, segment.length - current.length).trim().split(/\s+/).filter(Boolean);
  const pick = (list: string[]) => ({ candidates: [...new Set(list)].filter((c) => c.startsWith(current)).sort(), from, to });
  if (prior.length === 0) return pick(segments.length > 1 ? [...PIPE_COMMANDS] : SHELL_COMMANDS);
  if (prior[0] === 'cat') return pick(source.files);
  if (prior[0] !== 'kubectl' && prior[0] !== 'k') return pick([]);
  const args = prior.slice(1);
  if (args.length === 0) return pick(VERBS);
  const verb = args[0];
  const last = args[args.length - 1];
  if (VALUED.has(last)) {
    if (NS.includes(last)) return pick(['default']);
    if (last === '-f' || last === '--filename') return pick(['-', ...source.files]);
    if (last === '-o' || last === '--output') return pick(OUTPUTS);
    if (last === '-c' || last === '--container') {
      const pod = args.find((a) => namesOf(source.cluster, 'pods').includes(a));
      return pick(pod ? (source.cluster.store.get('Pod', 'default', pod)?.spec.containers.map((c) => c.name) ?? []) : []);
    }
    return pick([]);
  }
  // positional words typed so far, without flags and their values
  const positional: string[] = [];
  for (let i = 1; i < args.length; i++) {
    if (args[i].startsWith('-')) {
      if (VALUED.has(args[i])) i++;
    } else positional.push(args[i]);
  }
  if (verb === 'kruise') {
    if (positional.length === 0) return pick(['rollout']);
    if (positional.length === 1) return pick(ROLLOUT_VERBS);
    if (current.startsWith('-')) return pick(VERB_FLAGS[positional[1]] ?? NS);
    return pick(namesOf(source.cluster, 'clonesets').map((n) => `clone/${n}`));
  }
  if (current.startsWith('-')) return pick(VERB_FLAGS[verb] ?? NS);
  if (verb === 'explain') return pick(current.includes('.') ? explainPaths(current) : TYPE_WORDS);
  if (verb === 'logs') return pick(namesOf(source.cluster, 'pods'));
  if (['get', 'describe', 'delete', 'edit', 'label', 'scale', 'patch'].includes(verb)) {
    if (current.includes('/')) {
      const typeWord = current.slice(0, current.indexOf('/'));
      return pick(namesOf(source.cluster, typeWord).map((n) => `${typeWord}/${n}`));
    }
    if (positional.length === 0) return pick(TYPE_WORDS);
    return pick(namesOf(source.cluster, positional[0].split(',')[0]));
  }
  return pick([]);
}
