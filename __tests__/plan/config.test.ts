import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { loadConfigFile, parseConfig } from '../../src/plan/config.js';

function errorOf(json: string): string {
  try {
    parseConfig(json, 'config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error(`expected ${json} to be refused`);
}

describe('good configs', () => {
  test('an empty object is a valid config', () => {
    expect(parseConfig('{}', 'config.json')).toEqual({});
  });

  test('a typical ops config is typed as written', () => {
    const config = parseConfig(
      JSON.stringify({
        Program: 'server',
        Args: ['-port', '8080'],
        Env: { MODE: 'prod' },
        Files: ['static/index.html'],
        Dirs: ['assets'],
        MapDirs: { 'data/*': '/data' },
        NameServers: ['1.1.1.1'],
        Klibs: ['ntp'],
        ManifestPassthrough: { ntp_servers: ['pool.ntp.org:123'], syslog: { server: 'x' } },
        BaseVolumeSz: '500m',
        RebootOnExit: true,
        Debugflags: ['trace'],
        NoTrace: ['futex'],
        Mounts: { data: '/mnt/data' },
        RunConfig: { Ports: ['8080'], Memory: '2G', CPUs: 2, IPAddress: '10.0.0.2' },
        CloudConfig: {
          ImageName: 'server-img',
          Zone: 'us-west1-b',
          Tags: [{ key: 'a', value: 'b' }],
        },
      }),
      'config.json',
    );
    expect(config.Args).toEqual(['-port', '8080']);
    expect(config.RunConfig?.CPUs).toBe(2);
    expect(config.CloudConfig?.Tags).toEqual([{ key: 'a', value: 'b' }]);
  });

  test('keys match case-insensitively, as in ops, and come back canonical', () => {
    const config = parseConfig(
      '{"program": "x", "ENV": {"a": "1"}, "runconfig": {"ports": ["80"]}}',
      'config.json',
    );
    expect(config).toEqual({ Program: 'x', Env: { a: '1' }, RunConfig: { Ports: ['80'] } });
  });

  test('a byte-order mark is ignored', () => {
    expect(parseConfig('\uFEFF{"Program": "x"}', 'c.json')).toEqual({ Program: 'x' });
  });
});

describe('bad configs', () => {
  test.each([
    {
      name: 'a misspelt top-level key',
      json: '{"Agrs": ["a"]}',
      message: 'config.json: unknown key "Agrs" at the top level (did you mean "Args"?)',
    },
    {
      name: 'an unknown key far from any known one',
      json: '{"Zebra": 1}',
      message: 'config.json: unknown key "Zebra" at the top level',
    },
    {
      name: 'the same key twice in different case',
      json: '{"args": ["a"], "Args": ["b"]}',
      message: 'config.json: unknown key "args" at the top level (did you mean "Args"?)',
    },
    {
      name: 'a misspelt nested key',
      json: '{"RunConfig": {"Prots": ["80"]}}',
      message: 'config.json: unknown key "Prots" in RunConfig (did you mean "Ports"?)',
    },
    {
      name: 'a key inside a list of objects',
      json: '{"CloudConfig": {"Tags": [{"key": "a", "value": "b", "vlue": "c"}]}}',
      message: 'config.json: unknown key "vlue" in CloudConfig.Tags[0] (did you mean "value"?)',
    },
    {
      name: 'a string where a list belongs',
      json: '{"Args": "-v"}',
      message: 'config.json: Args must be a list, not the string "-v"',
    },
    {
      name: 'a number in a string list',
      json: '{"Args": ["a", 2]}',
      message: 'config.json: Args[1] must be a string, not the number 2',
    },
    {
      name: 'a number as an environment value',
      json: '{"Env": {"MY VAR": 3}}',
      message: 'config.json: Env["MY VAR"] must be a string, not the number 3',
    },
    {
      name: 'a string where a boolean belongs',
      json: '{"RebootOnExit": "yes"}',
      message: 'config.json: RebootOnExit must be true or false, not the string "yes"',
    },
    {
      name: 'a fractional CPU count',
      json: '{"RunConfig": {"CPUs": 1.5}}',
      message: 'config.json: RunConfig.CPUs must be a whole number, not the number 1.5',
    },
    {
      name: 'a negative CPU count',
      json: '{"RunConfig": {"CPUs": -1}}',
      message: 'config.json: RunConfig.CPUs must be at least 0, not the number -1',
    },
    {
      name: 'a missing tag value',
      json: '{"CloudConfig": {"Tags": [{"key": "a"}]}}',
      message: 'config.json: CloudConfig.Tags[0].value is missing: it must be a string',
    },
    {
      name: 'a list at the top level',
      json: '[]',
      message: 'config.json: the top level must be an object, not a list',
    },
    {
      name: 'a number in ManifestPassthrough',
      json: '{"ManifestPassthrough": {"mmap_min_addr": 4096}}',
      message:
        'config.json: ManifestPassthrough.mmap_min_addr is the number 4096, but manifest values must be strings, lists or objects: write it as a string (e.g. "4096").',
    },
    {
      name: 'a boolean deep in ManifestPassthrough',
      json: '{"ManifestPassthrough": {"firewall": {"rules": [{"drop": true}]}}}',
      message:
        'config.json: ManifestPassthrough.firewall.rules[0].drop is the boolean true, but manifest values must be strings, lists or objects: write it as a string (e.g. "true").',
    },
    {
      name: 'two problems at once',
      json: '{"Agrs": [], "Files": "a"}',
      message:
        'config.json has 2 problems:\n  - Files must be a list, not the string "a"\n  - unknown key "Agrs" at the top level (did you mean "Args"?)',
    },
  ])('$name', ({ json, message }) => {
    expect(errorOf(json)).toBe(message);
  });

  test.each([
    { json: '{"Argz": []}', where: 'at the top level', suggestion: 'Args' },
    { json: '{"RunConfig": {"Memroy": "1G"}}', where: 'in RunConfig', suggestion: 'Memory' },
    {
      json: '{"RunConfig": {"Nics": [{"IPAdress": "10.0.0.2"}]}}',
      where: 'in RunConfig.Nics[0]',
      suggestion: 'IPAddress',
    },
    { json: '{"CloudConfig": {"Zonee": "a"}}', where: 'in CloudConfig', suggestion: 'Zone' },
    {
      json: '{"CloudConfig": {"RootVolume": {"iosp": 3000}}}',
      where: 'in CloudConfig.RootVolume',
      suggestion: 'iops',
    },
    {
      json: '{"CloudConfig": {"Tags": [{"key": "a", "value": "b", "kye": "c"}]}}',
      where: 'in CloudConfig.Tags[0]',
      suggestion: 'key',
    },
    {
      json: '{"CloudConfig": {"Tags": [{"key": "a", "value": "b", "attribute": {"image_lable": true}}]}}',
      where: 'in CloudConfig.Tags[0].attribute',
      suggestion: 'image_label',
    },
  ])('every object level suggests its own keys: $where', ({ json, where, suggestion }) => {
    expect(errorOf(json)).toMatch(/^config\.json: unknown key "\w+" /);
    expect(errorOf(json)).toContain(` ${where} (did you mean "${suggestion}"?)`);
  });

  test.each([
    {
      name: 'a trailing comma',
      json: '{\n  "Args": ["a"],\n}',
      message:
        'config.json is not valid JSON (line 3, column 1: expected a "quoted" key but found "}").',
    },
    {
      name: 'a missing comma',
      json: '{\n  "Program": "a"\n  "Args": []\n}',
      message:
        'config.json is not valid JSON (line 3, column 3: expected "," or "}" but found """).',
    },
    {
      name: 'a bare word',
      json: '{"RebootOnExit": yes}',
      message: 'config.json is not valid JSON (line 1, column 18: expected a value but found "y").',
    },
    {
      name: 'an empty file',
      json: '',
      message:
        'config.json is not valid JSON (line 1, column 1: expected a value but found the end of the file).',
    },
    {
      name: 'an unterminated string',
      json: '{"Program": "abc',
      message:
        'config.json is not valid JSON (line 1, column 13: an unterminated or invalid string).',
    },
    {
      name: 'text after the object',
      json: '{} {}',
      message:
        'config.json is not valid JSON (line 1, column 4: unexpected text after the JSON value).',
    },
  ])('JSON syntax: $name names line and column', ({ json, message }) => {
    expect(errorOf(json)).toBe(message);
  });
});

describe('loadConfigFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nanoship-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('reads and validates a file, naming it in errors', async () => {
    const good = join(dir, 'good.json');
    await writeFile(good, '{"Program": "a"}');
    expect(await loadConfigFile(good)).toEqual({ Program: 'a' });
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{"Porgram": "a"}');
    await expect(loadConfigFile(bad)).rejects.toThrow(
      `${bad}: unknown key "Porgram" at the top level (did you mean "Program"?)`,
    );
  });

  test('a missing file is a UserError naming it', async () => {
    const missing = join(dir, 'missing.json');
    await expect(loadConfigFile(missing)).rejects.toBeInstanceOf(UserError);
    await expect(loadConfigFile(missing)).rejects.toThrow(`Cannot read config file ${missing}`);
  });

  test('a directory is refused', async () => {
    await expect(loadConfigFile(dir)).rejects.toThrow(`Config file ${dir} is not a regular file.`);
  });

  test('a file over 4 MiB is refused before it is read', async () => {
    const huge = join(dir, 'huge.json');
    await writeFile(huge, '{}');
    await truncate(huge, 4 * 1024 * 1024 + 1); // sparse: no 4 MiB written
    await expect(loadConfigFile(huge)).rejects.toThrow(
      `Config file ${huge} is 4194305 bytes; a config.json is at most 4194304 bytes. Is it the right file?`,
    );
  });
});
