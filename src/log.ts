/**
 * A minimal structured logger: one JSON object a line on stderr. Messages never carry
 * request bodies or variables (they may hold personal data).
 */
export type Logger = (level: 'info' | 'warn' | 'error' | 'debug', message: string, fields?: Record<string, unknown>) => void;

export function createLogger(level: 'silent' | 'info' | 'debug'): Logger {
  return (severity, message, fields) => {
    if (level === 'silent' || (severity === 'debug' && level !== 'debug')) return;
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: severity, message, ...fields })}\n`);
  };
}
