// Every workflow shown in the docs uses the Action with inputs action.yml declares, and parses.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';

interface ActionYaml {
  inputs: Record<string, unknown>;
}
interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYaml;
const pages = ['README.md', ...readdirSync('docs').map((name) => path.join('docs', name))].filter(
  (file) => file.endsWith('.md'),
);

/** The YAML code blocks of a page that hold a workflow (`jobs:`). */
function workflows(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((match) => match[1]!)
    .filter((block) => /^jobs:/m.test(block));
}

const blocks = pages.flatMap((file) => workflows(file).map((yaml, i) => ({ file, i, yaml })));

const projectWorkflows = readdirSync('.github/workflows').map((name) => ({
  file: name,
  yaml: readFileSync(path.join('.github/workflows', name), 'utf8'),
}));

describe("the project's own workflows", () => {
  test.each(projectWorkflows)('$file uses only declared inputs of uses: ./', ({ yaml }) => {
    const workflow = parse(yaml) as { jobs: Record<string, { steps?: Step[] }> };
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps ?? []) {
        if (step.uses !== './') continue;
        for (const input of Object.keys(step.with ?? {})) {
          expect({ input, declared: input in action.inputs }).toEqual({ input, declared: true });
        }
      }
    }
  });

  test.each(projectWorkflows)('$file pins third-party actions by commit SHA', ({ yaml }) => {
    for (const [, uses] of yaml.matchAll(/uses: ([^\s#]+)/g)) {
      if (uses!.startsWith('./')) continue;
      expect(uses).toMatch(/@[0-9a-f]{40}$/);
    }
  });
});

describe('workflows in the docs', () => {
  test('there are some, including the four of docs/workflows.md', () => {
    expect(blocks.filter((b) => b.file === path.join('docs', 'workflows.md'))).toHaveLength(4);
  });

  test.each(blocks)('$file #$i uses only declared inputs', ({ yaml }) => {
    const workflow = parse(yaml) as { jobs: Record<string, { steps: Step[] }> };
    for (const job of Object.values(workflow.jobs)) {
      for (const step of job.steps) {
        if (!/nanoship@|^\.\/?$/.test(step.uses ?? '')) continue;
        for (const input of Object.keys(step.with ?? {})) {
          expect({ input, declared: input in action.inputs }).toEqual({ input, declared: true });
        }
      }
    }
  });
});
