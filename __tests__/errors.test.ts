import { describe, expect, test } from '@jest/globals';
import { errorMessage, isUserError, UserError } from '../src/errors.js';

describe('errorMessage', () => {
  test.each([
    { name: 'an Error', input: new Error('boom'), expected: 'boom' },
    { name: 'a string', input: 'plain', expected: 'plain' },
    { name: 'an object', input: { code: 7 }, expected: '{"code":7}' },
  ])('turns $name into text', ({ input, expected }) => {
    expect(errorMessage(input)).toBe(expected);
  });

  test('keeps the cause of a UserError', () => {
    const cause = new Error('inner');
    const error = new UserError('outer', { cause });
    expect(isUserError(error)).toBe(true);
    expect(error.cause).toBe(cause);
  });
});
