// Tab completion for the terminal's shell: the word under the cursor against the shell's commands,
// kubectl's verbs, the resource types (resources.ts), the names in the cluster, explain's field
// paths, and each verb's flags — the very FlagSpec lists the verbs parse with, so a flag a verb
// accepts is a flag Tab offers, and one whose value is the next word is known as such.
import type { Cluster } from '../sim/cluster';
import type { FlagSpec } from './args';
import { GLOBAL_FLAGS } from './args';
import { GET_FLAGS } from './get';
import { DELETE_FLAGS, FILE_FLAGS, META_FLAGS, PATCH_FLAGS, SCALE_FLAGS } from './run';
import { DESCRIBE_FLAGS } from './describe';
import { LOGS_FLAGS } from './logs';
import { EXPLAIN_DOCS, EXPLAIN_FLAGS } from './explain';
import { EDIT_FLAGS } from './edit';
import { API_RESOURCES_FLAGS, VERSION_FLAGS } from './info';
import { ROLLOUT_HISTORY_FLAGS, ROLLOUT_STATUS_FLAGS, ROLLOUT_UNDO_FLAGS } from './rollout';
import { RESOURCES, resolveResource, typeWords } from './resources';
import { listObjects } from './lookup';
import { PIPE_COMMANDS, splitPipeline } from './pipe';

export const SHELL_COMMANDS = ['cat', 'clear', 'help', 'history', 'k', 'kubectl', 'ls'];

/** Each kubectl verb the simulator answers, with the flags it parses (global flags come on top). */
const VERB_FLAG_SPECS: Readonly<Record<string, readonly FlagSpec[]>> = {
  'api-resources': API_RESOURCES_FLAGS,
  apply: FILE_FLAGS,
  create: FILE_FLAGS,
  delete: DELETE_FLAGS,
  describe: DESCRIBE_FLAGS,
  edit: EDIT_FLAGS,
  explain: EXPLAIN_FLAGS,
  get: GET_FLAGS,
  kruise: [],
  label: META_FLAGS,
  annotate: META_FLAGS,
  logs: LOGS_FLAGS,
  patch: PATCH_FLAGS,
  scale: SCALE_FLAGS,
  version: VERSION_FLAGS,
};

/** `kubectl kruise rollout <sub>`'s flags. */
const ROLLOUT_FLAG_SPECS: Readonly<Record<string, readonly FlagSpec[]>> = {
  history: ROLLOUT_HISTORY_FLAGS,
  pause: [],
  resume: [],
  status: ROLLOUT_STATUS_FLAGS,
  undo: ROLLOUT_UNDO_FLAGS,
};

export const VERBS = Object.keys(VERB_FLAG_SPECS).sort();
const ROLLOUT_VERBS = Object.keys(ROLLOUT_FLAG_SPECS);
const TYPE_WORDS = RESOURCES.flatMap(typeWords);
const OUTPUTS = ['custom-columns=', 'json', 'jsonpath=', 'name', 'wide', 'yaml'];

const flagWords = (specs: readonly FlagSpec[]): string[] => [...specs, ...GLOBAL_FLAGS].flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);

/** The spec a typed flag word names (`-o`, `--output`), among a verb's and the global flags. */
function specOf(word: string, specs: readonly FlagSpec[]): FlagSpec | undefined {
  return [...specs, ...GLOBAL_FLAGS].find((f) => word === `--${f.name}` || (f.short !== undefined && word === `-${f.short}`));
}

interface CompletionSource {
  cluster: Cluster;
  files: string[];
}

function namesOf(cluster: Cluster, typeWord: string): string[] {
  const r = resolveResource(typeWord);
  return r ? listObjects(cluster, r, undefined).map((o) => o.metadata.name) : [];
}

/** `clone.spec.updateStrategy.` → the field names explain knows there. */
function explainPaths(word: string): string[] {
  const [typeWord, ...path] = word.split('.');
  const kind = resolveResource(typeWord)?.kind;
  const doc = kind ? EXPLAIN_DOCS[kind] : undefined;
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
  const segments = splitPipeline(line.slice(0, to));
  const segment = segments[segments.length - 1];
  const current = /\S*$/.exec(segment)?.[0] ?? '';
  const from = to - current.length;
  const prior = segment.slice(0, segment.length - current.length).trim().split(/\s+/).filter(Boolean);
  const pick = (list: readonly string[]) => ({ candidates: [...new Set(list)].filter((c) => c.startsWith(current)).sort(), from, to });
  if (prior.length === 0) return pick(segments.length > 1 ? [...PIPE_COMMANDS] : SHELL_COMMANDS);
  if (prior[0] === 'cat') return pick(source.files);
  if (prior[0] !== 'kubectl' && prior[0] !== 'k') return pick([]);
  const args = prior.slice(1);
  if (args.length === 0) return pick(VERBS);
  const verb = args[0];
  const rollout = verb === 'kruise' && args[1] === 'rollout' ? args[2] : undefined;
  const specs = (rollout !== undefined ? ROLLOUT_FLAG_SPECS[rollout] : VERB_FLAG_SPECS[verb]) ?? [];
  const last = specOf(args[args.length - 1], specs);
  if (last && last.kind !== 'bool') {
    if (last.name === 'namespace') return pick(['default']);
    if (last.name === 'filename') return pick(['-', ...source.files]);
    if (last.name === 'patch-file') return pick(source.files);
    if (last.name === 'output' && verb === 'get') return pick(OUTPUTS);
    if (last.name === 'container') {
      const pod = args.find((a) => namesOf(source.cluster, 'pods').includes(a));
      return pick(pod ? (source.cluster.store.get('Pod', 'default', pod)?.spec.containers.map((c) => c.name) ?? []) : []);
    }
    return pick([]);
  }
  // positional words typed so far, without flags and their values
  const positional: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const spec = args[i].startsWith('-') ? specOf(args[i], specs) : undefined;
    if (spec && spec.kind !== 'bool') i++;
    else if (!args[i].startsWith('-')) positional.push(args[i]);
  }
  if (current.startsWith('-')) return pick(flagWords(specs));
  if (verb === 'kruise') {
    if (positional.length === 0) return pick(['rollout']);
    if (positional.length === 1) return pick(ROLLOUT_VERBS);
    return pick(namesOf(source.cluster, 'clonesets').map((n) => `clone/${n}`));
  }
  if (verb === 'explain') return pick(current.includes('.') ? explainPaths(current) : TYPE_WORDS);
  if (verb === 'logs') return pick(namesOf(source.cluster, 'pods'));
  if (['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'scale', 'patch'].includes(verb)) {
    if (current.includes('/')) {
      const typeWord = current.slice(0, current.indexOf('/'));
      return pick(namesOf(source.cluster, typeWord).map((n) => `${typeWord}/${n}`));
    }
    if (positional.length === 0) return pick(TYPE_WORDS);
    return pick(namesOf(source.cluster, positional[0].split(',')[0]));
  }
  return pick([]);
}
