import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors';

/**
 * A calendar day, "YYYY-MM-DD": when a link started or ended, the day an as-of question is
 * asked about. Days are the programme's, in Wetzlar's time zone: "today" turns at midnight
 * in Germany, whatever the server's clock says.
 *
 * Only parseDay() and today() make a Day, so a Day is always a valid date in that form; SQL
 * may therefore take one as a literal (sqlDay), which keeps the one FROM item of the links in
 * force (liveLinks) usable inside any statement without threading a parameter through each.
 */
export type Day = string & { readonly __day: unique symbol };

export const PROGRAMME_TIME_ZONE = 'Europe/Berlin';

const FORM = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The earliest and latest days accepted: the programme's records start long after 1900. */
const FIRST = '1900-01-01';
const LAST = '2999-12-31';

/** The day `text` names, or null when it is no real date in the form YYYY-MM-DD. */
export function dayOrNull(text: string): Day | null {
  const match = FORM.exec(text);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, date));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== date) return null;
  if (text < FIRST || text > LAST) return null;
  return text as Day;
}

/** The day `text` names; BAD_USER_INPUT naming `argument` when it is none. */
export function parseDay(text: string, argument?: string): Day {
  const day = dayOrNull(text);
  if (!day) throw badInput(`${argument ?? 'A date'} must be a date YYYY-MM-DD between ${FIRST} and ${LAST}, got "${text.slice(0, 40)}"`, argument);
  return day;
}

const FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: PROGRAMME_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day an instant falls on in Wetzlar. */
export function dayOf(instant: Date): Day {
  return FORMAT.format(instant) as Day;
}

/**
 * Today in Wetzlar. Asked for by every list of links a query reads (twenty times for a page
 * of organisations), and formatting a date in a time zone is dear; Wetzlar's offsets from UTC
 * are whole hours, so its day can only turn when a UTC hour does, and the day is formatted
 * once per UTC hour.
 */
export function today(): Day {
  const now = Date.now();
  const hour = Math.floor(now / 3_600_000);
  if (hour !== todayCache.hour) {
    todayCache.day = dayOf(new Date(now));
    todayCache.hour = hour;
  }
  return todayCache.day;
}
const todayCache = { hour: NaN, day: '' as Day };

/** The day as an SQL date literal. Checked again here: a Day that is no date never reaches SQL. */
export function sqlDay(day: Day): string {
  if (!FORM.test(day)) throw new Error(`not a day: ${JSON.stringify(day)}`);
  return `date '${day}'`;
}

/** The day after. */
export function nextDay(day: Day): Day {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10) as Day;
}

function parseLiteral(value: unknown): Day {
  if (typeof value !== 'string') throw new GraphQLError('A Date is a string YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  const day = dayOrNull(value);
  if (!day) throw new GraphQLError(`"${value.slice(0, 40)}" is no date YYYY-MM-DD between ${FIRST} and ${LAST}`, { extensions: { code: 'BAD_USER_INPUT' } });
  return day;
}

/** The GraphQL `Date` scalar: a calendar day, ISO 8601 "YYYY-MM-DD", no time and no zone. */
export const DateScalar = new GraphQLScalarType<Day, string>({
  name: 'Date',
  description: 'A calendar day, ISO 8601 "YYYY-MM-DD" (no time, no time zone), e.g. "2024-03-31".',
  specifiedByURL: 'https://scalars.graphql.org/andimarek/local-date.html',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && FORM.test(value)) return value;
    throw new GraphQLError('Date cannot represent this value');
  },
  parseValue: parseLiteral,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('A Date is a string YYYY-MM-DD', { nodes: ast, extensions: { code: 'BAD_USER_INPUT' } });
    return parseLiteral(ast.value);
  },
});

/**
 * The day an `asOf` argument asks about: today when it is not given, and today for a later
 * day too (no link is dated after today, so the graph of any later day is today's).
 */
export function asOfDay(asOf: Day | null | undefined): Day {
  const now = today();
  return asOf && asOf < now ? asOf : now;
}

/** The description of every `asOf` argument. */
export const AS_OF_DESCRIPTION =
  'The day to read the graph as it stood on (YYYY-MM-DD, Wetzlar time). Default: today. Links hold from their `since` (unknown: ' +
  'as far back as the records go) until the day before their `until`.';

/**
 * A day to write: the one given, or today; BAD_USER_INPUT after today. The directory records
 * what has happened, and as-of reads rely on no later day being written (link.sql.ts).
 */
export function writtenDay(day: Day | null | undefined, argument: string): Day {
  const now = today();
  if (day && day > now) throw badInput(`${argument} must not be after today (${now}): the directory records what has happened`, argument);
  return day ?? now;
}
