// node-postgres turns a JS value into the text of a query parameter with this function
// (dates, JSON, booleans); statements sent together inline their values through it too.
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): string | Buffer | null | undefined;
}
