import { format } from 'node:util';
import pino from 'pino';

/**
 * Structured logs: one JSON object a line on stderr (pino), with `time`, `level` and
 * `message`. What is logged never carries request bodies, variables or database values:
 * they may hold personal data.
 */
export type Logger = (level: 'info' | 'warn' | 'error' | 'debug', message: string, fields?: Record<string, unknown>) => void;

/** Where the lines go: stderr unless told otherwise (tests read them). */
export interface LogDestination {
  write(line: string): void;
}

export function createLogger(level: 'silent' | 'info' | 'debug', destination?: LogDestination): Logger {
  if (level === 'silent') return () => undefined;
  const logger = pino(
    {
      level,
      base: undefined,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous, so that the last lines before an exit are not lost.
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
  return (severity, message, fields) => logger[severity](fields ?? {}, message);
}

/** A library's message as one line: no colours, no line breaks, of bounded length. */
export function oneLine(...args: unknown[]): string {
  return (args.length === 1 && typeof args[0] === 'string' ? args[0] : format(...args))
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/**
 * A console-like logger for a library that would otherwise print to the console (Apollo
 * Server's `logger` option): its messages become our JSON lines, `{ source, detail }`.
 */
export function libraryLogger(log: Logger, source: string) {
  const to = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => log(level, source, { detail: oneLine(...args) });
  return { debug: to('debug'), info: to('info'), warn: to('warn'), error: to('error') };
}
