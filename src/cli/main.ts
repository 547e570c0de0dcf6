// The headless command line (DESIGN.md "The headless command line"): a contract other tools use.
//   sim conformance FILE.json   evaluate every case of a kruise conformance table
//   sim run FILE.yaml           run a scenario (see DESIGN.md)
//   sim lesson check DIR        run a lesson's start and solution and report its goals (docs/AUTHORING.md)
import { readFileSync } from 'node:fs';
import { asTable, evaluateTable } from '../sim/conformance';
import { parseScenario, runScenario, ScenarioError } from '../scenario/scenario';
import { loadLessonDir } from '../lessons/fsLessons';
import { checkLesson } from '../lessons/check';
import { LessonError } from '../lessons/yamlSource';

const USAGE = 'usage: sim run FILE.yaml | sim conformance FILE.json | sim lesson check DIR';

function fail(message: string): never {
  process.stderr.write(`sim: ${message.split('\n')[0]}\n`);
  process.exit(2);
}

function readText(file: string | undefined): string {
  if (!file) fail(USAGE);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function conformance(file: string | undefined): void {
  const text = readText(file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    fail(`${file} is not JSON: ${(e as Error).message}`);
  }
  let table;
  try {
    table = asTable(doc);
  } catch (e) {
    fail(`${file}: ${(e as Error).message}`);
  }
  let result;
  try {
    result = evaluateTable(table);
  } catch (e) {
    fail(`${file}: ${(e as Error).message}`);
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

function run(file: string | undefined): void {
  const text = readText(file);
  let scenario;
  try {
    scenario = parseScenario(text);
  } catch (e) {
    if (e instanceof ScenarioError) fail(`${file}: ${e.message}`);
    throw e;
  }
  process.stdout.write(JSON.stringify(runScenario(scenario)) + '\n');
}

function lesson(verb: string | undefined, dir: string | undefined): void {
  if (verb !== 'check' || !dir) fail(USAGE);
  let loaded;
  try {
    loaded = loadLessonDir(dir);
  } catch (e) {
    if (e instanceof LessonError) fail(e.message);
    throw e;
  }
  const report = checkLesson(loaded);
  process.stdout.write(JSON.stringify(report) + '\n');
  process.exitCode = report.ok ? 0 : 1;
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  switch (command) {
    case 'conformance':
      return conformance(rest[0]);
    case 'run':
      return run(rest[0]);
    case 'lesson':
      return lesson(rest[0], rest[1]);
    default:
      fail(command ? `unknown command "${command}"; ${USAGE}` : USAGE);
  }
}

main(process.argv.slice(2));
