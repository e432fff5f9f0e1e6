/** A compiled request validator as Fastify calls it: false with `errors` set when the data is invalid. */
export type Validator = ((data: unknown) => unknown) & { errors?: unknown };

/**
 * The validator `compile` returns, compiled on its first call instead of now. Compiling every route's
 * schemas when the server started was a third of its start-up CPU; a route is compiled when first used.
 */
export function lazyValidator<V extends Validator>(compile: () => V): V {
  let compiled: V | undefined;
  const validate = ((data: unknown) => {
    compiled ??= compile();
    const result = compiled(data);
    validate.errors = compiled.errors;
    return result;
  }) as V;
  return validate;
}

/** The serializer `compile` returns, compiled on its first call instead of now (as lazyValidator). */
export function lazySerializer(compile: () => (data: unknown) => string): (data: unknown) => string {
  let compiled: ((data: unknown) => string) | undefined;
  return (data) => {
    compiled ??= compile();
    return compiled(data);
  };
}
