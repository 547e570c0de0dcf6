// kubectl explain: the v2 plaintext layout, fields in both languages, and the errors.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../src/sim/cluster';
import { runKubectl } from '../../src/kubectl/run';
import { wrapWords, wrapColumns } from '../../src/kubectl/explain';
import { cloneSetDoc } from '../../src/kubectl/explain/cloneset';
import type { FieldDoc } from '../../src/kubectl/explain/schema';

const cluster = new Cluster();
const explain = (args: string, lang?: 'en' | 'zh') => runKubectl(cluster, `explain ${args}`, undefined, { lang });

describe('kubectl explain', () => {
  it('a field: GROUP/KIND/VERSION, FIELD, DESCRIPTION wrapped and indented, FIELDS with types', () => {
    const out = explain('clone.spec.updateStrategy');
    expect(out.exitCode).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines.slice(0, 8)).toEqual(['GROUP:      apps.kruise.io', 'KIND:       CloneSet', 'VERSION:    v1alpha1', '', 'FIELD: updateStrategy <Object>', '', '', 'DESCRIPTION:']);
    const fieldsAt = lines.indexOf('FIELDS:');
    expect(lines[fieldsAt - 1]).toBe('    ');
    for (const l of lines.slice(8, fieldsAt - 1)) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines).toContain('  partition\t<Object>');
    expect(lines).toContain('  paused\t<boolean>');
    expect(lines).toContain('  scatterStrategy\t<[]Object>');
    const names = lines.filter((l) => /^ {2}\w+\t</.test(l)).map((l) => l.trim().split('\t')[0]);
    expect(names).toEqual([...names].sort());
  });

  it('the resource itself, pods without a GROUP, required marks and enums', () => {
    expect(explain('clonesets').stdout).toMatch(/^GROUP: {6}apps\.kruise\.io\nKIND: {7}CloneSet\nVERSION: {4}v1alpha1\n\nDESCRIPTION:\n/);
    expect(explain('clone.spec').stdout).toMatch(/\n {2}selector\t<Object> -required-\n/);
    const pod = explain('po.spec');
    expect(pod.stdout).toMatch(/^KIND: {7}Pod\nVERSION: {4}v1\n\nFIELD: spec <PodSpec>\n/);
    expect(pod.stdout).toMatch(/\n {2}restartPolicy\t<string>\n {2}enum: Always, Never, OnFailure\n/);
    expect(explain('pod.spec.restartPolicy').stdout).toMatch(/FIELD: restartPolicy <string>\nENUM:\n {4}Always\n {4}Never\n {4}OnFailure\n\nDESCRIPTION:/);
    expect(explain('pods.spec.containers.image').stdout).toMatch(/FIELD: image <string>/);
  });

  it('--recursive lists the tree of field names and types', () => {
    const out = explain('clone.spec.updateStrategy --recursive').stdout;
    expect(out).toMatch(/\n {2}inPlaceUpdateStrategy\t<Object>\n {4}gracePeriodSeconds\t<integer>\n/);
    expect(out).toMatch(/\n {2}priorityStrategy\t<Object>\n {4}orderPriority\t<\[\]Object>\n {6}orderedKey\t<string> -required-\n/);
  });

  it('describes every CloneSet field in English and in Chinese', () => {
    const walk = (fields: Record<string, FieldDoc>, path: string): string[] =>
      Object.entries(fields).flatMap(([k, f]) => [`${path}.${k}`, ...(f.fields && !k.startsWith('metadata') ? walk(f.fields, `${path}.${k}`) : [])]);
    const paths = walk(cloneSetDoc.fields, 'clone');
    expect(paths).toEqual(expect.arrayContaining(['clone.spec.updateStrategy.partition', 'clone.spec.scaleStrategy.podsToDelete', 'clone.status.expectedUpdatedReplicas', 'clone.spec.lifecycle.preDelete.markPodNotReady']));
    for (const p of paths) {
      const en = explain(p, 'en');
      const zh = explain(p, 'zh');
      expect(en.exitCode, p).toBe(0);
      expect(zh.exitCode, p).toBe(0);
      expect(zh.stdout).toMatch(/[\u4e00-\u9fff]/);
      expect(en.stdout).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('wraps like goutils: at spaces within the width, long words whole; Chinese by display columns', () => {
    expect(wrapWords('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wrapWords('https://example.com/a/very/long/url next', 10)).toBe('https://example.com/a/very/long/url\nnext');
    const zh = wrapColumns('这是一个很长的中文句子用来测试按列宽换行的效果', 20);
    for (const line of zh.split('\n')) expect([...line].length * 2).toBeLessThanOrEqual(20);
  });

  it('errors in kubectl’s words', () => {
    expect(explain('clone.spec.nope')).toEqual({ exitCode: 1, stdout: '', stderr: 'error: field "nope" does not exist\n' });
    expect(explain('clone.spec.updateStrategy.partition.x').stderr).toBe('error: field "x" does not exist\n');
    expect(explain('widgets').stderr).toBe('error: the server doesn\'t have a resource type "widgets"\n');
    expect(runKubectl(cluster, 'explain').stderr).toBe('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n');
    expect(explain('clone --bogus').stderr).toBe("error: unknown flag: --bogus\nSee 'kubectl explain --help' for usage.\n");
    expect(explain('nodes').exitCode).toBe(1);
  });
});
