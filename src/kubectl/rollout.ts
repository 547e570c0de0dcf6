// `kubectl kruise rollout status|history|undo clone/NAME`, worded as openkruise/kruise-tools'
// kubectl-kruise plugin words them (CloneSetStatusViewer, printHistory, CloneSetRollbacker).
// `status` answers at once with the rollout's current state rather than watching until it ends.
// `undo` sends the chosen revision's template through the same update path as any other change;
// what happens next is the controller's business.
import type { CloneSet, ControllerRevision, PodTemplateSpec } from '../sim/api/types';
import { podTemplateToGoJson, goMarshalSorted } from '../sim/api/goJson';
import { flag, namespaceFlag, parseFlags, type FlagSpec } from './args';
import type { KubectlResult, VerbContext } from './readVerbs';
import { notFoundMessage, resolveTargets } from './lookup';
import { PrefixWriter, tabwrite } from './describeWriter';
import { describePodTemplate } from './describePod';

const ok = (stdout: string): KubectlResult => ({ exitCode: 0, stdout, stderr: '' });
const fail = (stderr: string): KubectlResult => ({ exitCode: 1, stdout: '', stderr });
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

interface Found {
  cs: CloneSet;
  namespace: string;
}

/** The one CloneSet a rollout subcommand names, or kubectl's error for what it names instead. */
function cloneSetNamed(ctx: VerbContext, positional: string[], namespace: string, what: 'status' | 'history' | 'rollback'): Found | KubectlResult {
  if (positional.length === 0) return fail('error: required resource not specified');
  const { resource, names } = resolveTargets(positional).targets[0];
  if (resource.kind !== 'CloneSet') {
    const kind = resource.group && resource.group !== 'apps.kruise.io' ? `${resource.kind}.${resource.group}` : resource.kind;
    if (what === 'status') return fail(`error: no status viewer has been implemented for ${kind}`);
    if (what === 'history') return fail(`error: no history viewer has been implemented for ${JSON.stringify(kind)}`);
    return fail(`error: no rollbacker has been implemented for ${JSON.stringify(kind)}`);
  }
  if (names.length === 0) return fail(`error: you must provide one or more resources by argument or filename.`);
  const cs = ctx.cluster.store.get('CloneSet', namespace, names[0]);
  if (!cs) return fail(notFoundMessage(resource, names[0]));
  return { cs, namespace };
}

/** The partition as a count (kruise-tools' CalculatePartitionReplicas: percent rounded up, at most replicas). */
function partitionReplicas(partition: number | string | undefined, replicas: number): number {
  if (partition === undefined) return 0;
  const value = typeof partition === 'number' ? partition : /^\d+%$/.test(partition) ? Math.ceil((Number(partition.slice(0, -1)) * replicas) / 100) : Number(partition) || 0;
  return Math.min(value, replicas);
}

export function rolloutStatusMessage(cs: CloneSet): string {
  const spec = cs.spec;
  const status = cs.status ?? {};
  const replicas = spec.replicas ?? 1;
  const strategy = spec.updateStrategy ?? {};
  const updated = status.updatedReplicas ?? 0;
  if (strategy.type === 'InPlaceOnly' || strategy.type === 'InPlaceIfPossible') {
    if (strategy.partition !== undefined && updated < replicas - partitionReplicas(strategy.partition, replicas)) {
      // The plugin prints the partition's integer value here, 0 for a percentage.
      const intVal = typeof strategy.partition === 'number' ? strategy.partition : 0;
      return `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - intVal} new pods have been updated...`;
    }
    return `partitioned roll out complete: ${updated} new pods have been updated...`;
  }
  if (!status.observedGeneration || (cs.metadata.generation ?? 0) > status.observedGeneration) return 'Waiting for CloneSet spec update to be observed...';
  if ((status.readyReplicas ?? 0) < replicas) return `Waiting for ${replicas - (status.readyReplicas ?? 0)} pods to be ready...`;
  return `CloneSet rolling update complete ${status.availableReplicas ?? 0} pods at revision ${status.updateRevision ?? ''}...`;
}

export const ROLLOUT_STATUS_FLAGS: readonly FlagSpec[] = [
  { name: 'watch', short: 'w', kind: 'bool' },
  { name: 'revision', kind: 'int' },
  { name: 'timeout', kind: 'string' },
  { name: 'detail', short: 'd', kind: 'bool' },
];

export function rolloutStatus(ctx: VerbContext, words: string[]): KubectlResult {
  const p = parseFlags(words, ROLLOUT_STATUS_FLAGS, 'kruise rollout status');
  const revision = flag.int(p, 'revision');
  if (revision !== undefined && revision < 0) return fail(`error: revision must be a positive integer: ${revision}`);
  const found = cloneSetNamed(ctx, p.positional, namespaceFlag(p), 'status');
  if ('exitCode' in found) return found;
  return ok(rolloutStatusMessage(found.cs));
}

/** The ControllerRevisions a CloneSet controls, by revision number. */
export function historyOf(ctx: VerbContext, cs: CloneSet, namespace: string): ControllerRevision[] {
  return ctx.cluster.store
    .list('ControllerRevision', namespace)
    .filter((r) => r.metadata.ownerReferences?.some((o) => o.controller && o.uid === cs.metadata.uid))
    .sort((a, b) => a.revision - b.revision);
}

function templateOf(r: ControllerRevision): PodTemplateSpec {
  const { $patch: _replace, ...template } = r.data.spec.template;
  return template;
}

function printTemplate(template: PodTemplateSpec): string {
  const w = new PrefixWriter(null);
  describePodTemplate(w, template);
  return w.toString();
}

export const ROLLOUT_HISTORY_FLAGS: readonly FlagSpec[] = [{ name: 'revision', kind: 'int' }];

export function rolloutHistory(ctx: VerbContext, words: string[]): KubectlResult {
  const p = parseFlags(words, ROLLOUT_HISTORY_FLAGS, 'kruise rollout history');
  const revision = flag.int(p, 'revision') ?? 0;
  if (revision < 0) return fail(`error: revision must be a positive integer: ${revision}`);
  const namespace = namespaceFlag(p);
  const found = cloneSetNamed(ctx, p.positional, namespace, 'history');
  if ('exitCode' in found) return found;
  const history = historyOf(ctx, found.cs, found.namespace);
  const prefix = `cloneset.apps.kruise.io/${found.cs.metadata.name}`;
  if (history.length === 0) return ok(`${prefix} \nNo rollout history found.`);
  if (revision > 0) {
    const r = history.find((h) => h.revision === revision);
    if (!r) return fail('error: unable to find the specified revision');
    return ok(`${prefix} with revision #${revision}\n${printTemplate(templateOf(r))}`.replace(/\n$/, ''));
  }
  const rows = ['REVISION\tCHANGE-CAUSE', ...history.map((h) => `${h.revision}\t${h.metadata.annotations?.[CHANGE_CAUSE] || '<none>'}`)];
  return ok(`${prefix} \n${tabwrite(rows.join('\n') + '\n')}`.replace(/\n$/, ''));
}

export const ROLLOUT_UNDO_FLAGS: readonly FlagSpec[] = [
  { name: 'to-revision', kind: 'int' },
  { name: 'dry-run', kind: 'string' },
];

export function rolloutUndo(ctx: VerbContext, words: string[]): KubectlResult {
  const p = parseFlags(words, ROLLOUT_UNDO_FLAGS, 'kruise rollout undo');
  const dryRun = flag.str(p, 'dry-run') ?? 'none';
  if (!['none', 'client', 'server'].includes(dryRun)) return fail(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
  const toRevision = flag.int(p, 'to-revision') ?? 0;
  const found = cloneSetNamed(ctx, p.positional, namespaceFlag(p), 'rollback');
  if ('exitCode' in found) return found;
  const { cs, namespace } = found;
  if (toRevision < 0) return fail(`error: unable to find specified revision ${toRevision} in history`);
  const history = historyOf(ctx, cs, namespace);
  if (toRevision === 0 && history.length <= 1) return fail('error: no last revision to roll back to');
  const target = toRevision === 0 ? history[history.length - 2] : history.find((h) => h.revision === toRevision);
  if (!target) return fail(`error: unable to find specified revision ${toRevision} in history`);
  const template = templateOf(target);
  const name = `cloneset.apps.kruise.io/${cs.metadata.name}`;
  if (dryRun === 'client') return ok(`${name} will roll back to ${printTemplate(template)}`.replace(/\n$/, ''));
  if (goMarshalSorted(podTemplateToGoJson(cs.spec.template)) === goMarshalSorted(podTemplateToGoJson(template))) {
    return ok(`${name} skipped rollback (current template already matches revision ${target.revision})`);
  }
  if (dryRun === 'server') return ok(`${name} rolled back (server dry run)`);
  try {
    ctx.cluster.updateCloneSet(namespace, cs.metadata.name, (live) => ({ ...live, spec: { ...live.spec, template: structuredClone(template) } }));
  } catch (e) {
    return fail(`error: failed restoring revision ${toRevision}: ${(e as Error).message}`);
  }
  return ok(`${name} rolled back`);
}
