import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/sim/cluster';
import { describeDecision } from '../../src/ui/playground/why';

const manifest = (container: string) => `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [${container}]
  updateStrategy: {type: InPlaceIfPossible, partition: 1}
`;

function rollout(from: string, to: string) {
  const cluster = new Cluster({ seed: 4 });
  cluster.apply(manifest(from));
  cluster.settle();
  cluster.apply(manifest(to));
  cluster.settle();
  return cluster.decisions;
}

describe('Why panel words', () => {
  it('a recreate names the field that ruled out an in-place update, in both languages', () => {
    const decisions = rollout('{name: nginx, image: nginx:alpine}', '{name: nginx, image: nginx:alpine, env: [{name: A, value: b}]}');
    const recreate = decisions.find((d) => d.why.rule === 'recreate')!;
    expect(describeDecision(recreate, 'en').text).toContain('because spec.template.spec.containers[0].env cannot change in place');
    expect(describeDecision(recreate, 'zh').text).toContain('因为 spec.template.spec.containers[0].env 无法原地修改');
  });

  it('counts read as English does ("1 pod") and the numbers come from the record', () => {
    const decisions = rollout('{name: nginx, image: nginx:alpine}', '{name: nginx, image: nginx:1.27}');
    const held = decisions.find((d) => d.why.rule === 'beyondUpdateNum')!;
    const line = describeDecision(held, 'en');
    expect(line.text).toContain('only 1 pod should change');
    expect(line.numbers).toEqual([['updateNum', held.why.numbers.updateNum]]);
    const inPlace = decisions.find((d) => d.why.rule === 'updateInPlace')!;
    expect(describeDecision(inPlace, 'en').text).toContain('same pod name, same IP');
  });
});
