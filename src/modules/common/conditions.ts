/**
 * The conditions of one WHERE clause, each with the values of its placeholders, in order:
 * what a filter input of the API becomes. One builder for every filtered list.
 */
export class Conditions {
  private readonly clauses: string[] = [];
  readonly params: unknown[] = [];

  /** Adds a condition and the values of its placeholders. */
  add(clause: string, ...params: unknown[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  /** Adds a condition with one placeholder for `value`, unless the value is not given (null or undefined). */
  when(value: unknown, clause: string): this {
    return value === null || value === undefined ? this : this.add(clause, value);
  }

  /** As `when`, and an empty list is not given either: "any of these kinds", with none named, selects by nothing. */
  whenAny(values: readonly unknown[] | null | undefined, clause: string): this {
    return values?.length ? this.add(clause, values) : this;
  }

  /** The clauses joined with `and`; undefined when there are none. */
  get where(): string | undefined {
    return this.clauses.join(' and ') || undefined;
  }
}
