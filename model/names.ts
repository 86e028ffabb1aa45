/**
 * Lists of names that the compiler checks against a type, written as object literals: a name
 * added to or removed from the type fails the build where the list is, instead of the list
 * silently going stale.
 */

/** Every key of every member of a union (plain `keyof` gives only the keys they share). */
type KeysOf<T> = T extends unknown ? keyof T : never;

/** The field names of `T` (of all its members, for a union). */
export function fieldsOf<T>(fields: Record<KeysOf<T> & string, true>): string[] {
  return Object.keys(fields);
}

/** The members of a string union. */
export function membersOf<T extends string>(members: Record<T, true>): T[] {
  return Object.keys(members) as T[];
}
