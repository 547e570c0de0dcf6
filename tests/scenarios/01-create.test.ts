// SCENARIOS.md 1: kubectl apply of sample.yaml (5 replicas, nothing else set).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario, runScenario } from '../../src/scenario/scenario';
import type { ClusterState } from '../../src/sim/state';
import { snapshotOf, countEvents } from './support';

const run = runScenario(parseScenario(readFileSync(join(import.meta.dirname, '01-create.yaml'), 'utf8')));
const snapshot = (name: string): ClusterState => snapshotOf(run, name);
const final = run.final;
const cs = (state: ClusterState) => state.cloneSets.find((c) => c.name === 'sample')!;
const controllerEvents = (state: ClusterState, reason: string) =>
  state.events.filter((e) => e.reason === reason && e.source === 'cloneset-controller' && e.object === 'CloneSet/sample');
const count = countEvents;

const INSTANCE_ID = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const HASH = /^[4-9bcdf]+$/;

describe('1. create', () => {
  it('every step of the scenario runs', () => {
    expect(run.steps.map((s) => [s.kind, s.ok, s.error])).toEqual(run.steps.map((s) => [s.kind, true, null]));
    expect(run.steps.filter((s) => s.kind === 'settle' && s.output !== '')).toEqual([]);
    expect(run.steps[0].output).toBe('cloneset.apps.kruise.io/sample created');
  });

  it('the webhook adds revisionHistoryLimit 10 and the ReCreate strategy defaults', () => {
    const spec = cs(final).spec;
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.updateStrategy).toEqual({ type: 'ReCreate', partition: 0, maxUnavailable: '20%', maxSurge: 0 });
  });

  it('the webhook fills in the pod defaults of the template', () => {
    const podSpec = cs(final).spec.template.spec;
    expect(podSpec.terminationGracePeriodSeconds).toBe(30);
    expect(podSpec.restartPolicy).toBe('Always');
    expect(podSpec.dnsPolicy).toBe('ClusterFirst');
    expect(podSpec.schedulerName).toBe('default-scheduler');
    expect(podSpec.containers[0]).toMatchObject({ terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
    // SCENARIOS.md says IfNotPresent, but kruise's SetDefaultPodSpec (apis/apps/defaults/pod.go,
    // "For in-place update, we set default imagePullPolicy to Always") sets Always on every
    // regular container before the Kubernetes tag rule can run.
    expect(podSpec.containers[0].imagePullPolicy).toBe('Always');
  });

  it('one ControllerRevision sample-<h1>, revision 1', () => {
    expect(final.revisions).toHaveLength(1);
    const [rev] = final.revisions;
    expect(rev.revision).toBe(1);
    expect(rev.name).toMatch(/^sample-/);
    expect(rev.name.slice('sample-'.length)).toMatch(HASH);
  });

  it('5 pods sample-<id> created in one reconcile, each with the CloneSet labels', () => {
    const rev = final.revisions[0].name;
    const hash = rev.slice('sample-'.length);
    expect(final.pods).toHaveLength(5);
    expect(new Set(final.pods.map((p) => p.createdAt)).size).toBe(1);
    for (const pod of final.pods) {
      const id = pod.name.slice('sample-'.length);
      expect(pod.name).toBe(`sample-${id}`);
      expect(id).toMatch(INSTANCE_ID);
      expect(pod.labels).toEqual({
        app: 'sample',
        'apps.kruise.io/cloneset-instance-id': id,
        'controller-revision-hash': rev,
        'pod-template-hash': hash,
        'lifecycle.apps.kruise.io/state': 'Normal',
      });
    }
    expect(new Set(final.pods.map((p) => p.name)).size).toBe(5);
  });

  it('pods start in PreparingNormal and move to Normal once scheduled', () => {
    for (const pod of snapshot('first-status-write').pods) {
      expect(pod.node).toBeNull();
      expect(pod.lifecycleState).toBe('PreparingNormal');
    }
    for (const pod of snapshot('scheduled').pods) {
      expect(pod.node).toBe('node-1');
      expect(pod.lifecycleState).toBe('Normal');
    }
  });

  it('events: 5 × SuccessfulCreate, one per pod, and nothing else from the controller', () => {
    const creates = controllerEvents(final, 'SuccessfulCreate');
    expect(count(creates)).toBe(5);
    expect(creates.map((e) => e.message).sort()).toEqual(final.pods.map((p) => `succeed to create pod ${p.name}`).sort());
    expect(creates.every((e) => e.type === 'Normal')).toBe(true);
    expect(final.events.filter((e) => e.source === 'cloneset-controller').every((e) => e.reason === 'SuccessfulCreate')).toBe(true);
  });

  it('status lags one reconcile: replicas 0 first, then 5/5/0, then 5/5/5', () => {
    const first = cs(snapshot('first-status-write')).status;
    expect(snapshot('first-status-write').pods).toHaveLength(5);
    expect(first).toMatchObject({ observedGeneration: 1, replicas: 0, updatedReplicas: 0, readyReplicas: 0 });
    const second = cs(snapshot('second-status-write')).status;
    expect(second).toMatchObject({ replicas: 5, updatedReplicas: 5, readyReplicas: 0 });
    expect(cs(final).status).toMatchObject({ replicas: 5, updatedReplicas: 5, readyReplicas: 5 });
  });

  it('final status: current = update revision, 5/5/5/5/5, labelSelector app=sample', () => {
    const rev = final.revisions[0].name;
    expect(cs(final).status).toMatchObject({
      observedGeneration: 1,
      currentRevision: rev,
      updateRevision: rev,
      collisionCount: 0,
      labelSelector: 'app=sample',
      replicas: 5,
      readyReplicas: 5,
      availableReplicas: 5,
      updatedReplicas: 5,
      updatedReadyReplicas: 5,
      updatedAvailableReplicas: 5,
      expectedUpdatedReplicas: 5,
    });
  });

  it('kubectl get cloneset: DESIRED 5 UPDATED 5 UPDATED_READY 5 UPDATED_AVAILABLE 5 READY 5 TOTAL 5', () => {
    const { spec, status } = cs(final);
    expect([spec.replicas, status.updatedReplicas, status.updatedReadyReplicas, status.updatedAvailableReplicas, status.readyReplicas, status.replicas]).toEqual([5, 5, 5, 5, 5, 5]);
  });

  it('all pods Running and Ready, one container each, RESTARTS 0', () => {
    for (const pod of final.pods) {
      expect(pod).toMatchObject({ phase: 'Running', ready: true, deleting: false });
      expect(pod.containers).toEqual([{ name: 'nginx', image: 'nginx:alpine', ready: true, restartCount: 0, state: 'running' }]);
    }
  });
});
