/**
 * A compile-time check that a schema's inferred type is exactly the type `shared/` writes out, so the two
 * cannot drift (`shared/` carries no zod: the web imports its types without shipping a validator).
 * `type _X = Expect<Equal<z.infer<typeof X>, Shared.X>>` fails to compile when they differ; no run-time cost.
 */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export type Expect<T extends true> = T;
