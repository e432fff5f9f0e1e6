import { describe, expect, it } from 'vitest';
import { lazySerializer, lazyValidator, type Validator } from './lazy-compile.ts';

function positive(): Validator {
  const validate: Validator = (data) => {
    const ok = typeof data === 'number' && data > 0;
    validate.errors = ok ? null : [{ message: 'must be > 0' }];
    return ok;
  };
  return validate;
}

describe('lazy compilation', () => {
  it('compiles a validator on its first call, once, and passes on its result and errors', () => {
    let compiles = 0;
    const validate = lazyValidator(() => {
      compiles++;
      return positive();
    });
    expect(compiles).toBe(0);
    expect(validate(-1)).toBe(false);
    expect(validate.errors).toEqual([{ message: 'must be > 0' }]);
    expect(validate(2)).toBe(true);
    expect(validate.errors).toBeNull();
    expect(compiles).toBe(1);
  });

  it('compiles a serializer on its first call, once', () => {
    let compiles = 0;
    const serialize = lazySerializer(() => {
      compiles++;
      return (data) => JSON.stringify(data);
    });
    expect(compiles).toBe(0);
    expect(serialize({ a: 1 })).toBe('{"a":1}');
    expect(serialize([2])).toBe('[2]');
    expect(compiles).toBe(1);
  });

  it('reports a schema that does not compile on the first use', () => {
    const validate = lazyValidator<Validator>(() => {
      throw new Error('schema is invalid');
    });
    expect(() => validate(1)).toThrow('schema is invalid');
  });
});
