import { describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import {
  emptyDirectory,
  ensureDirectory,
  type FsNode,
  insertNode,
  lookupNode,
  splitImagePath,
} from '../../src/image/tree.js';

const file = (text: string): FsNode => ({
  kind: 'file',
  source: { kind: 'bytes', bytes: Buffer.from(text) },
});

/** Runs `action`, expects a UserError and returns its message. */
function userErrorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a UserError, but nothing was thrown');
}

describe('splitImagePath', () => {
  test('splits an absolute path, ignoring repeated and trailing slashes', () => {
    expect(splitImagePath('/usr//lib/')).toEqual(['usr', 'lib']);
    expect(splitImagePath('/')).toEqual([]);
  });

  test('a name of exactly 255 bytes is accepted', () => {
    expect(splitImagePath(`/${'n'.repeat(255)}`)).toEqual(['n'.repeat(255)]);
  });

  test.each([
    {
      name: 'a relative path',
      path: 'etc/hosts',
      message: 'Image path "etc/hosts" must be absolute (start with "/").',
    },
    {
      name: 'a ".." component',
      path: '/etc/../hosts',
      message: 'Image path "/etc/../hosts" must not contain "." or ".." components.',
    },
    {
      name: 'a "." component',
      path: '/etc/./hosts',
      message: 'Image path "/etc/./hosts" must not contain "." or ".." components.',
    },
    {
      name: 'a name of 256 ASCII bytes',
      path: `/${'n'.repeat(256)}`,
      message: `Image path "/${'n'.repeat(256)}" has a name longer than 255 bytes.`,
    },
    {
      // 128 characters, but 256 bytes in UTF-8: the limit counts bytes, as the kernel does.
      name: 'a name of 128 two-byte characters',
      path: `/d/${'é'.repeat(128)}`,
      message: `Image path "/d/${'é'.repeat(128)}" has a name longer than 255 bytes.`,
    },
  ])('$name is refused', ({ path, message }) => {
    expect(userErrorOf(() => splitImagePath(path))).toBe(message);
    expect(userErrorOf(() => insertNode(emptyDirectory(), path, file('x')))).toBe(message);
  });
});

describe('ensureDirectory', () => {
  test('creates missing directories and finds existing ones', () => {
    const root = emptyDirectory();
    const created = ensureDirectory(root, '/a/b');
    expect(ensureDirectory(root, '/a/b')).toBe(created);
    expect(lookupNode(root, '/a/b')).toBe(created);
  });

  test.each([
    { kind: 'file', node: file('x') },
    { kind: 'symlink', node: { kind: 'symlink', target: '/x' } as FsNode },
  ])('a $kind in the way is refused, naming its path', ({ kind, node }) => {
    const root = emptyDirectory();
    insertNode(root, '/etc/hosts', node);
    const message = `Cannot create directory /etc/hosts in the image: a ${kind} is already there.`;
    expect(userErrorOf(() => ensureDirectory(root, '/etc/hosts/more'))).toBe(message);
    expect(userErrorOf(() => insertNode(root, '/etc/hosts/more/x', file('y')))).toBe(message);
  });
});

describe('insertNode', () => {
  test('the image root cannot be a file', () => {
    expect(userErrorOf(() => insertNode(emptyDirectory(), '/', file('x')))).toBe(
      'Cannot place a file at the image root "/".',
    );
  });

  test('a file or symlink cannot replace a directory', () => {
    const root = emptyDirectory();
    insertNode(root, '/etc/hosts', file('x'));
    expect(userErrorOf(() => insertNode(root, '/etc', file('y')))).toBe(
      'Cannot place a file at /etc: a directory is already there.',
    );
    expect(userErrorOf(() => insertNode(root, '/etc', { kind: 'symlink', target: '/' }))).toBe(
      'Cannot place a symlink at /etc: a directory is already there.',
    );
  });

  test('a later file replaces an earlier one; a directory merges into an existing one', () => {
    const root = emptyDirectory();
    insertNode(root, '/etc/hosts', file('old'));
    const replacement = file('new');
    insertNode(root, '/etc/hosts', replacement);
    expect(lookupNode(root, '/etc/hosts')).toBe(replacement);
    const more = emptyDirectory();
    more.children.set('resolv.conf', file('r'));
    insertNode(root, '/etc', more);
    expect([
      ...(lookupNode(root, '/etc') as { children: Map<string, FsNode> }).children.keys(),
    ]).toEqual(['hosts', 'resolv.conf']);
  });

  test('lookupNode does not pass through files', () => {
    const root = emptyDirectory();
    insertNode(root, '/a', file('x'));
    expect(lookupNode(root, '/a/b')).toBeUndefined();
    expect(lookupNode(root, '/missing')).toBeUndefined();
  });
});
