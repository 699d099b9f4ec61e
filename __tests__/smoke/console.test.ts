import { describe, expect, test } from '@jest/globals';
import { classifyConsole, consoleTail, describeConsoleFailure } from '../../src/smoke/console.js';

describe('classifyConsole', () => {
  test.each([
    {
      name: 'fatal signal',
      text: 'hello\n\n*** signal 11 received by tid 2, errno 0, code 1\n   fault address 0x0\n',
      marker: 'fatal signal',
      line: '*** signal 11 received by tid 2, errno 0, code 1',
    },
    {
      name: 'kernel-mode divide by zero with an uptime prefix',
      text: '[0.5] Divide by zero occurs in kernel mode\n[0.5] cpu: 0, context type: 1\n',
      marker: 'kernel-mode fault',
      line: '[0.5] Divide by zero occurs in kernel mode',
    },
    {
      name: 'cpu fault state',
      text: 'cpu 0, state kernel, vector 14\n',
      marker: 'cpu fault state',
      line: 'cpu 0, state kernel, vector 14',
    },
    {
      name: 'program startup failure (missing program)',
      text: '[0.3] program startup failed before exec: (result:/nope - failed to open)\n',
      marker: 'program startup failure',
      line: '[0.3] program startup failed before exec: (result:/nope - failed to open)',
    },
    {
      name: 'a program file the kernel cannot open',
      text: 'program startup failed on exec: (result:unable to open program file /nope)\n',
      marker: 'program startup failure',
      line: 'program startup failed on exec: (result:unable to open program file /nope)',
    },
    {
      name: 'stage1 read error',
      text: 'ERROR READING STAGE2 SECTORS',
      marker: 'stage2 read failure',
      line: 'ERROR READING STAGE2 SECTORS',
    },
  ])('finds $name', ({ text, marker, line }) => {
    const failure = classifyConsole(text);
    expect(failure?.marker.name).toBe(marker);
    expect(failure?.line).toBe(line);
  });

  test('picks the earliest marker when several appear', () => {
    const text = 'cpu: 0, context type: 1\n*** signal 11 received by tid 2, errno 0, code 1\n';
    expect(classifyConsole(text)?.marker.name).toBe('fault context dump');
  });

  test.each([
    '[0.591227] NET: no network interface found\nhello from nanos\n',
    'en1: assigned 10.0.2.15\nlistening on :8080\n',
    'signal handler installed for SIGTERM\n',
  ])('a clean console has no failure: %j', (text) => {
    expect(classifyConsole(text)).toBeUndefined();
  });

  test('describes a failure with its line', () => {
    const failure = classifyConsole('*** signal 6 received by tid 1, errno 0, code 0\n')!;
    expect(describeConsoleFailure(failure)).toBe(
      'fatal signal on the console: "*** signal 6 received by tid 1, errno 0, code 0"',
    );
  });
});

test('consoleTail keeps the last lines without carriage returns', () => {
  expect(consoleTail('a\r\nb\nc\nd\n\n', 2)).toBe('c\nd');
});
