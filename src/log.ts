import pino, { type Logger } from 'pino';

// Personal identity numbers in any form (10 or 12 digits, with or without - or +).
const PNR = /\b(?:\d{2})?\d{6}[-+]?\d{4}\b/g;

/** Masks personnummer-like digit runs in free text before it reaches a log line. */
export function scrub(text: string): string {
  return text.replace(PNR, '[personnummer]');
}

/**
 * Application log. Fields that can carry personal data are redacted by path, and personnummer-like
 * digit runs are masked in every message string. Never log request bodies.
 */
export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: [
          'personnummer',
          '*.personnummer',
          'name',
          '*.name',
          'firstName',
          'lastName',
          '*.firstName',
          '*.lastName',
          'address',
          '*.address',
          'email',
          '*.email',
          'phone',
          '*.phone',
          'password',
          '*.password',
          'first_name',
          '*.first_name',
          'last_name',
          '*.last_name',
          'search_name',
          '*.search_name',
          'address_street',
          '*.address_street',
          'address_postal_code',
          '*.address_postal_code',
          'address_city',
          '*.address_city',
          'birth_date',
          '*.birth_date',
          'adjustment_needs',
          '*.adjustment_needs',
          'adjustmentNeeds',
          '*.adjustmentNeeds',
          'guardian',
          '*.guardian',
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
        ],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          const cleaned = args.map((a) => (typeof a === 'string' ? scrub(a) : a)) as typeof args;
          method.apply(this, cleaned);
        },
      },
      formatters: {
        log(obj) {
          if (obj.err instanceof Error) {
            const err = obj.err;
            return {
              ...obj,
              err: { type: err.name, message: scrub(err.message), stack: scrub(err.stack ?? '') },
            };
          }
          return obj;
        },
      },
    },
    destination,
  );
}
