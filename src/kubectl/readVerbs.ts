// The kubectl verbs that only read (or hand an object to the editor): describe, logs, explain,
// version, api-resources, edit, and `kubectl kruise rollout status|history|undo`. run.ts
// dispatches here by verb; each verb parses its own words.
import type { Cluster } from '../sim/cluster';

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
}

/** words: everything after the verb (for `kruise rollout`, everything after `rollout`). */
export type Verb = (ctx: VerbContext, words: string[]) => KubectlResult;

export const readVerbs: Record<string, Verb> = {};

/** `kubectl kruise rollout <sub>` for the subcommands other than pause and resume. */
export const kruiseRolloutReadVerbs: Record<string, Verb> = {};
