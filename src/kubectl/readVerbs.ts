// The kubectl verbs that only read (or hand an object to the editor): describe, logs, explain,
// version, api-resources, edit, and `kubectl kruise rollout status|history|undo`. run.ts
// dispatches here by verb; each verb parses its own words with parseFlags (pflag's rules and
// messages).
import type { Cluster } from '../sim/cluster';
import { describe } from './describe';
import { logs } from './logs';
import { explain } from './explain';
import { apiResources, version } from './info';
import { edit } from './edit';
import { rolloutHistory, rolloutStatus, rolloutUndo } from './rollout';

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface VerbContext {
  cluster: Cluster;
  /** Text of `-` for `-f -`. */
  stdin?: string;
  /** Reads a file the user has open in the editor (`-f name.yaml`); undefined when there is none. */
  readFile?: (name: string) => string | undefined;
  /** `kubectl edit`: hands the object's YAML to the editor. */
  openInEditor?: (file: { name: string; text: string }) => void;
  /** Language of the page, for texts that are ours rather than kubectl's (`explain` descriptions). */
  lang?: 'en' | 'zh';
}

/** words: everything after the verb (for `kruise rollout`, everything after `rollout`). */
export type Verb = (ctx: VerbContext, words: string[]) => KubectlResult;

/** A usage error with kubectl's message (`error: unknown flag: --x`). */
export class FlagError extends Error {}

/** Flags a verb accepts: `--long` or `-s` names, each taking a value or being a boolean. */
export type FlagSpec = Record<string, 'value' | 'bool'>;

export interface ParsedFlags {
  positional: string[];
  values: Map<string, string>;
  bools: Map<string, boolean>;
}

/** Flags every namespaced verb understands. */
export const NAMESPACE_FLAGS: FlagSpec = { '-n': 'value', '--namespace': 'value' };

/**
 * Splits words into positionals and flags the way pflag does: `--flag=value`, `--flag value`,
 * `-f value`, `-fvalue`, `--bool`, `--bool=false`, and `--` ends the flags. Unknown flags and
 * missing values throw FlagError with pflag's message.
 */
export function parseFlags(words: readonly string[], spec: FlagSpec): ParsedFlags {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const bools = new Map<string, boolean>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') {
      positional.push(...words.slice(i + 1));
      break;
    }
    if (!w.startsWith('-') || w === '-') {
      positional.push(w);
      continue;
    }
    const long = w.startsWith('--');
    const eq = w.indexOf('=');
    let name = eq > 0 && long ? w.slice(0, eq) : w;
    let inline: string | undefined = eq > 0 && long ? w.slice(eq + 1) : undefined;
    if (!long && w.length > 2) {
      // -n default, -ndefault, -n=default
      name = w.slice(0, 2);
      inline = w.slice(2).replace(/^=/, '');
    }
    const kind = spec[name];
    if (kind === undefined) throw new FlagError(long ? `error: unknown flag: ${name}` : `error: unknown shorthand flag: '${name.slice(1)}' in ${w}`);
    const needs = long ? `error: flag needs an argument: ${name}` : `error: flag needs an argument: '${name.slice(1)}' in ${name}`;
    if (kind === 'bool') {
      if (inline === undefined || inline === '') bools.set(name, true);
      else if (/^(true|1|t|T|TRUE|True)$/.test(inline)) bools.set(name, true);
      else if (/^(false|0|f|F|FALSE|False)$/.test(inline)) bools.set(name, false);
      else throw new FlagError(`error: invalid argument "${inline}" for "${name}" flag: strconv.ParseBool: parsing "${inline}": invalid syntax`);
    } else if (inline !== undefined && (long || inline !== '')) values.set(name, inline);
    else if (i + 1 < words.length) values.set(name, words[++i]);
    else throw new FlagError(needs);
  }
  return { positional, values, bools };
}

/** The namespace of `-n`/`--namespace`, default "default". */
export const namespaceFlag = (f: ParsedFlags): string => f.values.get('-n') ?? f.values.get('--namespace') ?? 'default';

/** Runs a verb, turning a FlagError into kubectl's usage failure. */
export function withFlagErrors(verb: Verb): Verb {
  return (ctx, words) => {
    try {
      return verb(ctx, words);
    } catch (e) {
      if (e instanceof FlagError) return { exitCode: 1, stdout: '', stderr: e.message };
      throw e;
    }
  };
}

// Wrapped in arrows so that importing any one verb file first never meets an uninitialised binding.
export const readVerbs: Record<string, Verb> = {
  describe: withFlagErrors((c, w) => describe(c, w)),
  logs: withFlagErrors((c, w) => logs(c, w)),
  explain: withFlagErrors((c, w) => explain(c, w)),
  version: withFlagErrors((c, w) => version(c, w)),
  'api-resources': withFlagErrors((c, w) => apiResources(c, w)),
  edit: withFlagErrors((c, w) => edit(c, w)),
};

/** `kubectl kruise rollout <sub>` for the subcommands other than pause and resume. */
export const kruiseRolloutReadVerbs: Record<string, Verb> = {
  status: withFlagErrors((c, w) => rolloutStatus(c, w)),
  history: withFlagErrors((c, w) => rolloutHistory(c, w)),
  undo: withFlagErrors((c, w) => rolloutUndo(c, w)),
};
