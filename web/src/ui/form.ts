/**
 * Form state by field name: a form component keeps the values the user typed in its own state, so a
 * re-render of the page around it (another entry saved, a language switch) neither resets nor
 * re-reads them, and submitting reads `values.name`, never the n-th input.
 */
import { useState } from 'preact/hooks';

export interface Fields<T extends object> {
  values: T;
  /** Sets one field. */
  set<K extends keyof T>(name: K, value: T[K]): void;
  /** Sets one field from its latest value (events that arrive before the next render see it too). */
  update<K extends keyof T>(name: K, next: (current: T[K]) => T[K]): void;
  /** `name`, `value` and `onInput` for a text input, textarea or select bound to the string field `name`. */
  bind(name: StringKeys<T>): {
    name: string;
    value: string;
    onInput: (e: Event) => void;
  };
  /** Replaces all values (e.g. after a successful save that changes what is stored). */
  reset(values: T): void;
}

type StringKeys<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

export function useFields<T extends object>(initial: T | (() => T)): Fields<T> {
  const [values, setValues] = useState<T>(initial);
  const update = <K extends keyof T>(name: K, next: (current: T[K]) => T[K]) =>
    setValues((v) => ({ ...v, [name]: next(v[name]) }));
  const set = <K extends keyof T>(name: K, value: T[K]) => update(name, () => value);
  return {
    values,
    set,
    update,
    bind: (name) => ({
      name,
      value: values[name] as string,
      onInput: (e: Event) => set(name, (e.currentTarget as HTMLInputElement).value as T[typeof name]),
    }),
    reset: setValues,
  };
}

/** Stops the browser's own submit and runs `run` (the page never reloads). */
export const onSubmit =
  (run: () => void) =>
  (e: Event): void => {
    e.preventDefault();
    run();
  };
