// `kubectl edit TYPE/NAME`: the object, as the API server returns it, in YAML (or JSON) under
// kubectl's editing header, handed to the page's editor. kubectl prints nothing while an editor is
// open; where there is no editor (a scenario run) it fails as kubectl does when the editor cannot
// start.
import { namespaceFlag, parseFlags, flag, type FlagSpec } from './args';
import type { KubectlResult, VerbContext } from './readVerbs';
import { listObjects, notFoundMessage, resolveTargets, type AnyObject } from './lookup';
import { apiObject, listObject } from './apiObject';
import { toJson, toYaml } from './printers/output';

const fail = (stderr: string): KubectlResult => ({ exitCode: 1, stdout: '', stderr });

export const EDIT_HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

export const EDIT_FLAGS: readonly FlagSpec[] = [{ name: 'output', short: 'o', kind: 'string' }];

export function edit(ctx: VerbContext, words: string[]): KubectlResult {
  const p = parseFlags(words, EDIT_FLAGS, 'edit');
  const output = flag.str(p, 'output') ?? 'yaml';
  if (output !== 'yaml' && output !== 'json') return fail(`error: the flag 'output' must be one of yaml|json`);
  if (p.positional.length === 0) return fail('error: You must provide one or more resources by argument or filename.');
  const { targets } = resolveTargets(p.positional);
  const namespace = namespaceFlag(p);
  const objects: AnyObject[] = [];
  for (const { resource, names } of targets) {
    const pool = listObjects(ctx.cluster, resource, namespace);
    if (names.length === 0) objects.push(...pool);
    for (const name of names) {
      const found = pool.find((o) => o.metadata.name === name);
      if (!found) return fail(notFoundMessage(resource, name));
      objects.push(found);
    }
  }
  if (objects.length === 0) return fail(`error: no objects passed to edit`);
  if (!ctx.openInEditor) return fail('error: there was a problem with the editor "vi"');
  const docs = objects.map(apiObject);
  const value = docs.length === 1 ? docs[0] : { ...listObject(docs), metadata: {} };
  const body = output === 'json' ? toJson(value) : toYaml(value);
  const name = objects.length === 1 ? `${objects[0].metadata.name}.${output}` : `edit.${output}`;
  ctx.openInEditor({ name, text: EDIT_HEADER + body });
  return { exitCode: 0, stdout: '', stderr: '' };
}
