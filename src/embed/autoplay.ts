// The `autoplay` attribute: steps in the scenario format (DESIGN.md "Scenario file"), either a
// list of steps or a mapping with `steps:`, read with the scenario reader so both mean the same.
import yaml from 'js-yaml';
import { parseScenario, ScenarioError, type Step } from '../scenario/scenario';

export type AutoplayResult = { ok: true; steps: Step[] } | { ok: false; error: string };

export function parseAutoplay(text: string): AutoplayResult {
  let doc: unknown;
  try {
    doc = yaml.load(text, { json: false });
  } catch (e) {
    return { ok: false, error: `autoplay: not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  const scenario = Array.isArray(doc) ? { name: 'autoplay', steps: doc } : doc;
  try {
    return { ok: true, steps: parseScenario(JSON.stringify(scenario)).steps };
  } catch (e) {
    if (e instanceof ScenarioError) return { ok: false, error: `autoplay: ${e.message}` };
    throw e;
  }
}
