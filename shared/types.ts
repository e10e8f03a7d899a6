/**
 * `Flat<A & B>` is the one object type the intersection describes, written as a single object: types
 * composed from others (`ItemView` is `Item` with a few fields changed) then read in an editor as the
 * whole shape, and the compile-time checks in functions/api/schemas/ compare them with a zod schema's
 * inferred type field by field (an intersection never counts as identical to an object type there).
 */
export type Flat<T> = { [K in keyof T]: T[K] } & {};
