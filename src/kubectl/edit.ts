// `kubectl edit TYPE/NAME`: the object, as the API server returns it, in YAML under kubectl's
// editing header, handed to the page's editor. kubectl prints nothing while an editor is open;
// where there is no editor (a scenario run) it fails as kubectl does when the editor cannot start.
import yaml from 'js-yaml';
import { NAMESPACE_FLAGS, namespaceFlag, parseFlags, type KubectlResult, type VerbContext } from './readVerbs';
import { LookupError, notFoundMessage, objectsOf, targetsOf, type AnyObject } from './describe';
import { cloneSetWireForm } from './describeCloneSet';
import { apiJsonOf } from './describeApiJson';

const fail = (stderr: string): KubectlResult => ({ exitCode: 1, stdout: '', stderr });

export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export function edit(ctx: VerbContext, words: string[]): KubectlResult {
  const flags = parseFlags(words, { ...NAMESPACE_FLAGS, '-o': 'value', '--output': 'value' });
  const output = flags.values.get('-o') ?? flags.values.get('--output') ?? 'yaml';
  if (output !== 'yaml' && output !== 'json') return fail(`error: the flag 'output' must be one of yaml|json`);
  if (flags.positional.length === 0) return fail('error: You must provide one or more resources by argument or filename.');
  let targets;
  try {
    targets = targetsOf(flags.positional);
  } catch (e) {
    if (e instanceof LookupError) return fail(e.message);
    throw e;
  }
  const namespace = namespaceFlag(flags);
  const objects: AnyObject[] = [];
  for (const { resource, names } of targets) {
    const pool = objectsOf(ctx.cluster, resource, namespace);
    if (names.length === 0) objects.push(...pool);
    for (const name of names) {
      const found = pool.find((o) => o.metadata.name === name);
      if (!found) return fail(notFoundMessage(resource, name));
      objects.push(found);
    }
  }
  if (objects.length === 0) return fail(`error: no objects passed to edit`);
  if (!ctx.openInEditor) return fail('error: there was a problem with the editor "vi"');
  const docs = objects.map((o) => (o.kind === 'CloneSet' ? cloneSetWireForm(o) : apiJsonOf(o)));
  const value = docs.length === 1 ? docs[0] : { apiVersion: 'v1', kind: 'List', items: docs, metadata: {} };
  const body = output === 'json' ? JSON.stringify(value, null, 4) + '\n' : yaml.dump(value, { sortKeys: true, noArrayIndent: true, lineWidth: -1, noRefs: true });
  const name = objects.length === 1 ? `${objects[0].metadata.name}.${output}` : `edit.${output}`;
  ctx.openInEditor({ name, text: EDIT_HEADER + body });
  return { exitCode: 0, stdout: '', stderr: '' };
}
