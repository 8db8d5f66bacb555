import pino from 'pino';

/**
 * Structured logs: one JSON object a line on stderr (pino), with `time`, `level` and
 * `message`. What is logged never carries request bodies, variables or database values:
 * they may hold personal data.
 */
export type Logger = (level: 'info' | 'warn' | 'error' | 'debug', message: string, fields?: Record<string, unknown>) => void;

export function createLogger(level: 'silent' | 'info' | 'debug'): Logger {
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
    pino.destination({ dest: 2, sync: true }),
  );
  return (severity, message, fields) => logger[severity](fields ?? {}, message);
}
