// SCENARIOS.md 24: each refused kubectl apply fails with
// `admission webhook "vcloneset.kb.io" denied the request: <message>` and changes nothing.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf } from './support';

const scenario = parseScenario(readFileSync(join(import.meta.dirname, '24-admission-rejections.yaml'), 'utf8'));
const run = runScenario(scenario);
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const created = snapshot('created');
const before = snapshot('before-rejections');
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample')!;
const DENIED = 'admission webhook "vcloneset.kb.io" denied the request: ';
/** The apply steps after the snapshot `before-rejections`, in file order. */
const refusalsFrom = scenario.steps.findIndex((s) => 'snapshot' in s && s.snapshot === 'before-rejections');
const refusals = run.steps.filter((s) => s.kind === 'apply' && s.index > refusalsFrom);

describe('24. admission rejections', () => {
  it('partition 7 with replicas 5 is accepted and acts as 5: the image change updates nothing', () => {
    expect(run.steps.slice(0, 6).map((s) => [s.kind, s.ok, s.error])).toEqual(run.steps.slice(0, 6).map((s) => [s.kind, true, null]));
    expect(run.steps[3].output).toBe('cloneset.apps.kruise.io/sample configured');
    expect(cs(before).spec.updateStrategy?.partition).toBe(7);
    expect(cs(before).spec.template.spec.containers[0].image).toBe('nginx:mainline');
    const h1 = cs(created).status.updateRevision!;
    expect(cs(before).status.updateRevision).not.toBe(h1);
    expect(cs(before).status).toMatchObject({ replicas: 5, updatedReplicas: 0, currentRevision: h1 });
    expect(cs(before).status.expectedUpdatedReplicas ?? 0).toBe(0);
    expect(before.pods.map((p) => [p.name, p.revision, p.containers[0].image])).toEqual(created.pods.map((p) => [p.name, h1, 'nginx:alpine']));
  });

  const rows: [string, string][] = [
    ['partition: -1', 'spec.updateStrategy.partition: Invalid value: -1: must be greater than or equal to 0'],
    ['maxSurge: "5"', 'spec.updateStrategy.maxSurge: Invalid value: "5": failed GetScaledValueFromIntOrPercent for maxSurge: invalid type: string is not a percentage'],
    [
      'maxUnavailable: 0 with maxSurge 0',
      'spec.updateStrategy.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: maxUnavailable and maxSurge should not both be less than 1',
    ],
    ['type: OnDelete (v1.9.0, v1alpha1)', `spec.updateStrategy.type: Invalid value: "OnDelete": must be 'ReCreate', InPlaceIfPossible or 'InPlaceOnly'`],
    [
      'change selector',
      "spec: Forbidden: updates to cloneset spec for fields other than 'replicas', 'template', 'lifecycle', 'scaleStrategy', 'updateStrategy', 'minReadySeconds', 'progressDeadlineSeconds', 'volumeClaimTemplates' and 'revisionHistoryLimit' are forbidden",
    ],
    ['selector not matching template labels', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`'],
    ['restartPolicy: OnFailure', 'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ['progressDeadlineSeconds: 10, minReadySeconds: 10', 'spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds'],
  ];

  it('one refused apply per table row', () => {
    expect(refusals).toHaveLength(rows.length);
  });

  it.each(rows.map(([change, message], i) => [change, message, i] as const))('%s → %s', (_change, message, i) => {
    const step = refusals[i];
    expect(step).toMatchObject({ kind: 'apply', ok: false, exitCode: 1, output: '' });
    expect(step.error).toContain(DENIED);
    expect(step.error!.slice(step.error!.indexOf(DENIED) + DENIED.length)).toBe(message);
  });

  it('the stored object is unchanged afterwards: same generation and spec', () => {
    expect(cs(final).generation).toBe(cs(before).generation);
    expect(cs(final).spec).toEqual(cs(before).spec);
    expect(cs(final).status).toEqual(cs(before).status);
  });

  it('nothing else moves: no new revision, same pods, no controller event after the refusals', () => {
    expect(final.revisions).toEqual(before.revisions);
    expect(final.pods).toEqual(before.pods);
    expect(final.events.filter((e) => e.source === 'cloneset-controller' && e.time > before.time)).toEqual([]);
  });
});
