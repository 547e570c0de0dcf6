// kubectl edit: the stored object as YAML under kubectl's header, handed to the editor.
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { Cluster } from '../../src/sim/cluster';
import { runKubectl } from '../../src/kubectl/run';
import { EDIT_HEADER } from '../../src/kubectl/edit';

const c = new Cluster({ seed: 2 });
c.apply(`apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:alpine}]
`);
c.settle();

describe('kubectl edit', () => {
  it('opens the object in the editor and prints nothing', () => {
    const opened: { name: string; text: string }[] = [];
    const out = runKubectl(c, 'edit clone/web', undefined, { openInEditor: (f) => opened.push(f) });
    expect(out).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(opened).toHaveLength(1);
    expect(opened[0].name).toBe('web.yaml');
    expect(opened[0].text.startsWith(EDIT_HEADER)).toBe(true);
    const doc = yaml.load(opened[0].text) as { kind: string; spec: { replicas: number; template: { spec: { containers: unknown[] } } }; metadata: { creationTimestamp: string } };
    expect(doc).toMatchObject({ apiVersion: 'apps.kruise.io/v1alpha1', kind: 'CloneSet', metadata: { name: 'web', creationTimestamp: '2026-07-01T00:00:00Z' }, spec: { replicas: 2 } });
    // kubectl's YAML: keys sorted, list items not indented under their key
    expect(opened[0].text).toMatch(/\n {6}containers:\n {6}- image: nginx:alpine\n/);
  });

  it('several objects open as one List; -o json', () => {
    const opened: { name: string; text: string }[] = [];
    runKubectl(c, 'edit pods', undefined, { openInEditor: (f) => opened.push(f) });
    expect(yaml.load(opened[0].text)).toMatchObject({ kind: 'List', items: [{ kind: 'Pod' }, { kind: 'Pod' }] });
    runKubectl(c, 'edit clone web -o json', undefined, { openInEditor: (f) => opened.push(f) });
    expect(JSON.parse(opened[1].text.slice(EDIT_HEADER.length))).toMatchObject({ kind: 'CloneSet' });
  });

  it('errors', () => {
    expect(runKubectl(c, 'edit clone/web').stderr).toBe('error: there was a problem with the editor "vi"\n');
    const open = { openInEditor: () => undefined };
    expect(runKubectl(c, 'edit clone/nope', undefined, open).stderr).toBe('Error from server (NotFound): clonesets.apps.kruise.io "nope" not found\n');
    expect(runKubectl(c, 'edit', undefined, open).stderr).toBe('error: You must provide one or more resources by argument or filename.\n');
    expect(runKubectl(c, 'edit widget/x', undefined, open).stderr).toBe('error: the server doesn\'t have a resource type "widget"\n');
    expect(runKubectl(c, 'edit clone/web -o wide', undefined, open).stderr).toBe("error: the flag 'output' must be one of yaml|json\n");
  });
});
