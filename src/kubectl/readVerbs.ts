// The kubectl verbs that only read (or hand an object to the editor): describe, logs, explain,
// version, api-resources, edit, and `kubectl kruise rollout status|history|undo`. run.ts
// dispatches here by verb; each verb parses its words with args.ts (pflag's rules and messages;
// run.ts turns a UsageError into kubectl's two lines).
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

/** Output ends in a newline, as kubectl's does (the verbs here build their text without it). */
function endLines(r: KubectlResult): KubectlResult {
  const end = (t: string) => (t === '' || t.endsWith('\n') ? t : `${t}\n`);
  return { exitCode: r.exitCode, stdout: end(r.stdout), stderr: end(r.stderr) };
}

const verb =
  (run: Verb): Verb =>
  (ctx, words) =>
    endLines(run(ctx, words));

// Wrapped in arrows so that importing any one verb file first never meets an uninitialised binding.
export const readVerbs: Record<string, Verb> = {
  describe: verb((c, w) => describe(c, w)),
  logs: verb((c, w) => logs(c, w)),
  explain: verb((c, w) => explain(c, w)),
  version: verb((c, w) => version(c, w)),
  'api-resources': verb((c, w) => apiResources(c, w)),
  edit: verb((c, w) => edit(c, w)),
};

/** `kubectl kruise rollout <sub>` for the subcommands other than pause and resume. */
export const kruiseRolloutReadVerbs: Record<string, Verb> = {
  status: verb((c, w) => rolloutStatus(c, w)),
  history: verb((c, w) => rolloutHistory(c, w)),
  undo: verb((c, w) => rolloutUndo(c, w)),
};
