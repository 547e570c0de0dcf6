// The terminal's shell: commands, pipes, history, completion, watches, and that no typed line
// can make it throw.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster } from '../../src/sim/cluster';
import { createShell, splitPipeline } from '../../src/kubectl/shell';
import { runFilter, runPipeline } from '../../src/kubectl/pipe';

const YAML = `apiVersion: apps.kruise.io/v1alpha1
kind: CloneSet
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: nginx:alpine}]
`;

function setup(lang: 'en' | 'zh' = 'en') {
  const cluster = new Cluster({ seed: 4 });
  cluster.apply(YAML);
  cluster.settle();
  const files: Record<string, string> = { 'web.yaml': YAML };
  const opened: { name: string; text: string }[] = [];
  const shell = createShell({
    getCluster: () => cluster,
    readFile: (n) => files[n],
    listFiles: () => Object.keys(files),
    openInEditor: (f) => opened.push(f),
    lang: () => lang,
  });
  return { cluster, shell, opened };
}

describe('shell commands', () => {
  it('kubectl and k run the same command', () => {
    const { shell } = setup();
    const a = shell.run('kubectl describe clone web');
    expect(a.exitCode).toBe(0);
    expect(a.output).toMatch(/^Name: +web\n/);
    expect(shell.run('k describe clone web')).toEqual(a);
  });

  it('comments, empty lines, clear, help, and commands that are not there', () => {
    const { shell } = setup();
    expect(shell.run('')).toEqual({ output: '', exitCode: 0 });
    expect(shell.run('   # just a note')).toEqual({ output: '', exitCode: 0 });
    expect(shell.run('k version --client # which kubectl?').output).toMatch(/^Client Version: v1\.30/);
    expect(shell.run('clear')).toMatchObject({ clear: true, exitCode: 0 });
    expect(shell.run('help').output).toMatch(/kubectl VERB/);
    expect(shell.run('docker ps')).toEqual({ output: 'bash: docker: command not found', exitCode: 127 });
    expect(shell.run('k get pods | awk 1')).toMatchObject({ output: 'bash: awk: command not found', exitCode: 127 });
    expect(shell.run('k logs "unclosed').output).toMatch(/^bash: unexpected EOF while looking for matching/);
    expect(shell.run('k get pods |').output).toBe("bash: syntax error near unexpected token `|'");
  });

  it('help in the page’s language', () => {
    expect(setup('zh').shell.run('help').output).toMatch(/此终端支持的命令/);
  });

  it('files: ls, cat, and cat FILE | kubectl apply -f -', () => {
    const { shell } = setup();
    expect(shell.run('ls').output).toBe('web.yaml');
    expect(shell.run('cat web.yaml').output).toBe(YAML.replace(/\n$/, ''));
    expect(shell.run('cat nope.yaml')).toEqual({ output: 'cat: nope.yaml: No such file or directory', exitCode: 1 });
    const applied = shell.run('cat web.yaml | kubectl apply -f -');
    expect(applied.output).toMatch(/cloneset\.apps\.kruise\.io\/web (unchanged|configured)/);
  });

  it('kubectl edit reaches the editor', () => {
    const { shell, opened } = setup();
    expect(shell.run('k edit clone/web')).toEqual({ output: '', exitCode: 0 });
    expect(opened.map((f) => f.name)).toEqual(['web.yaml']);
  });
});

describe('pipes', () => {
  it('the blog post’s `… | sort`, and grep, head, tail, wc', () => {
    const { shell, cluster } = setup();
    const names = cluster.pods().map((p) => p.metadata.name);
    const describeNames = shell.run('k describe pods | grep ^Name: | sort -r');
    expect(describeNames.output.split('\n')).toEqual(names.map((n) => `Name:         ${n}`).sort().reverse());
    expect(shell.run('k describe pods | grep -c ^Name:').output).toBe('3');
    expect(shell.run('k describe pods | grep -i "^name:" | head -n 1').output).toBe(`Name:         ${[...names].sort()[0]}`);
    expect(shell.run('k api-resources | tail -n 1').output).toMatch(/^clonesets/);
    expect(shell.run('k api-resources | wc -l').output).toBe('7');
    expect(shell.run('k api-resources | grep nothing-like-this').exitCode).toBe(1);
    // only the upper-case header has no lower-case "e"
    expect(shell.run('k api-resources | grep -v e | wc -l').output).toBe('1');
  });

  it('filters on their own', () => {
    expect(runFilter(['sort'], 'b\na\nc')).toEqual({ output: 'a\nb\nc', exitCode: 0 });
    expect(runFilter(['sort', '-n'], '10\n9\n100')).toEqual({ output: '9\n10\n100', exitCode: 0 });
    expect(runFilter(['head', '-2'], 'a\nb\nc')).toEqual({ output: 'a\nb', exitCode: 0 });
    expect(runFilter(['tail', '-n', '+2'], 'a\nb\nc')).toEqual({ output: 'b\nc', exitCode: 0 });
    expect(runFilter(['wc'], 'a b\nc')).toEqual({ output: '2 3 6', exitCode: 0 });
    expect(runFilter(['uniq'], 'a\na\nb')).toEqual({ output: 'a\nb', exitCode: 0 });
    expect(runFilter(['grep', '-x', 'a'], 'a')).toEqual({ output: "grep: invalid option -- 'x'", exitCode: 2 });
    expect(runFilter(['head', '-n'], 'a')).toEqual({ output: "head: option requires an argument -- 'n'", exitCode: 2 });
    expect(runFilter(['grep', '(', ], 'a(b')).toEqual({ output: 'a(b', exitCode: 0 });
    expect(runPipeline([['grep', 'a'], ['wc', '-l']], 'a\nb\na')).toEqual({ output: '2', exitCode: 0 });
  });

  it('splitPipeline keeps quoted bars and hashes', () => {
    expect(splitPipeline(`k get po -o jsonpath='{.a|b}' | sort # done`)).toEqual([`k get po -o jsonpath='{.a|b}' `, ' sort ']);
    expect(splitPipeline('echo a#b')).toEqual(['echo a#b']);
  });
});

describe('history', () => {
  it('keeps lines, drops consecutive repeats, walks back and forth', () => {
    const { shell } = setup();
    shell.run('k version');
    shell.run('k version');
    shell.run('k api-resources');
    shell.run('');
    expect(shell.history()).toEqual(['k version', 'k api-resources']);
    expect(shell.next()).toBeUndefined();
    expect(shell.previous()).toBe('k api-resources');
    expect(shell.previous()).toBe('k version');
    expect(shell.previous()).toBe('k version');
    expect(shell.next()).toBe('k api-resources');
    expect(shell.next()).toBe('');
    expect(shell.next()).toBeUndefined();
  });

  it('is capped', () => {
    const { shell } = setup();
    for (let i = 0; i < 600; i++) shell.run(`# ${i}`);
    expect(shell.history()).toHaveLength(500);
    expect(shell.history()[499]).toBe('# 599');
  });
});

describe('completion', () => {
  const { shell, cluster } = setup();
  const pods = cluster.pods().map((p) => p.metadata.name).sort();
  const complete = (line: string) => shell.complete(line, line.length);

  it('commands, verbs, resource types, names and flags', () => {
    expect(complete('ku')).toEqual({ candidates: ['kubectl'], from: 0, to: 2 });
    expect(complete('k des').candidates).toEqual(['describe']);
    expect(complete('kubectl describe clo')).toEqual({ candidates: ['clone', 'cloneset', 'clonesets'], from: 17, to: 20 });
    expect(complete('k describe pod ').candidates).toEqual(pods);
    expect(complete('k describe clone/').candidates).toEqual(['clone/web']);
    expect(complete('k logs ').candidates).toEqual(pods);
    expect(complete(`k logs ${pods[0]} --p`).candidates).toEqual(['--previous']);
    expect(complete(`k logs ${pods[0]} -c `).candidates).toEqual(['nginx']);
    expect(complete('k get pods -o ').candidates).toContain('yaml');
    expect(complete('k apply -f ').candidates).toEqual(['-', 'web.yaml']);
    expect(complete('k kruise ').candidates).toEqual(['rollout']);
    expect(complete('k kruise rollout u').candidates).toEqual(['undo']);
    expect(complete('k kruise rollout undo ').candidates).toEqual(['clone/web']);
    expect(complete('k explain clone.spec.update').candidates).toEqual(['clone.spec.updateStrategy']);
    expect(complete('k get pods | so').candidates).toEqual(['sort']);
    expect(complete('cat w').candidates).toEqual(['web.yaml']);
  });

  it('completes the word under the cursor, not the end of the line', () => {
    expect(shell.complete('k desc pods', 6)).toEqual({ candidates: ['describe'], from: 2, to: 6 });
  });
});

describe('watch', () => {
  it('get -w returns a watch that streams later changes (grep filters it) and stops', () => {
    const { shell, cluster } = setup();
    const run = shell.run('k get pods -w');
    if (!run.watch) return; // run.ts without watches: nothing to stream
    cluster.scale('default', 'web', 4);
    cluster.settle();
    expect(run.watch.poll()).not.toBe('');
    run.watch.stop();
    expect(run.watch.poll()).toBe('');
    const filtered = shell.run('k get pods -w | grep nothing-matches');
    cluster.scale('default', 'web', 2);
    cluster.settle();
    expect(filtered.watch?.poll()).toBe('');
  });
});

describe('robustness', () => {
  it('no input line makes run or complete throw', () => {
    const { shell } = setup();
    const words = ['k', 'kubectl', 'get', 'describe', 'logs', 'explain', 'edit', 'kruise', 'rollout', 'undo', 'status', 'pods', 'clone/web', '-n', '--', '-o', 'yaml', '|', 'sort', 'grep', '-v', 'head', '-n', '"', "'", '#', '\\', '=', '--tail=-3', '-l', 'a in (b', 'clone.spec.', '💥', '\u0000', ''];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string()), { maxLength: 8 }), fc.nat(80), (parts, at) => {
        const line = parts.join(' ');
        const r = shell.run(line);
        expect(typeof r.output).toBe('string');
        expect(Number.isInteger(r.exitCode)).toBe(true);
        r.watch?.stop();
        const c = shell.complete(line, at);
        expect(c.from).toBeLessThanOrEqual(c.to);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
