import { format } from "node:util";

/**
 * The app's one logger. Every line goes through `redact` before it is written, so a log
 * never carries an email address, a phone number, a token or a configured secret, even
 * when an error message from a library quotes the value that failed. Message text and
 * names cannot be recognised in free text: the app never logs them (errors name the
 * shop and the step, not what the shopper wrote).
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// A phone number as people write one: a leading + or digit groups split by spaces, dots,
// dashes or brackets. Checked again below by its count of digits, so times, dates, prices
// and Shopify's (contiguous) ids are left alone.
const PHONE = /(?<![\w/.:-])(?:\+\d[\d\s().-]{6,20}\d|\(?\d{2,5}\)?(?:[\s.-]\d{2,6}){2,4})(?![\w/:-])/g;
const TOKEN_PREFIXES = /\b(?:shp(?:at|ua|ca|ss|pa)_[A-Za-z0-9]+|sk-[A-Za-z0-9_-]{8,}|xox[abp]-[A-Za-z0-9-]+)/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// key=value, key: value and "key":"value" where the key names a credential.
const CREDENTIAL =
  /(["']?\b[\w-]*(?:token|secret|password|passwd|api[_-]?key|apikey|authorization|cookie|signature|hmac)[\w-]*["']?\s*[:=]\s*)(["']?)[^\s"',;&}]+\2/gi;
// user:password@ in a connection string.
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)[^@\s/]+@/gi;

const SECRET_VARIABLES = ["SHOPIFY_API_SECRET", "ENCRYPTION_KEYS", "LOOKUP_HASH_KEY"];

/** Configured secrets, each part of a list on its own (ENCRYPTION_KEYS holds several). */
function configuredSecrets(source: Record<string, string | undefined>) {
  return SECRET_VARIABLES.flatMap((name) => (source[name] ?? "").split(/[,:]/))
    .map((s) => s.trim())
    .filter((s) => s.length >= 8);
}

export function redact(text: string, secrets: string[] = configuredSecrets(process.env)): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join("[secret]");
  return out
    .replace(URL_PASSWORD, "$1[secret]@")
    .replace(BEARER, "$1 [secret]")
    .replace(TOKEN_PREFIXES, "[secret]")
    .replace(CREDENTIAL, "$1$2[secret]$2")
    .replace(EMAIL, "[email]")
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, "").length;
      return digits >= 9 && digits <= 15 && !/^\d{4}-\d{2}-\d{2}/.test(match) ? "[phone]" : match;
    });
}

type Write = (line: string) => void;

export interface Logger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** A logger writing redacted lines; `write` defaults to the process's stdout/stderr. */
export function createLogger(
  write: { info: Write; warn: Write; error: Write } = {
    info: (line) => process.stdout.write(`${line}\n`),
    warn: (line) => process.stderr.write(`${line}\n`),
    error: (line) => process.stderr.write(`${line}\n`),
  },
): Logger {
  return {
    info: (...args) => write.info(redact(format(...args))),
    warn: (...args) => write.warn(redact(format(...args))),
    error: (...args) => write.error(redact(format(...args))),
  };
}

export const log: Logger = createLogger();

declare global {
  var __consoleRedacted: boolean | undefined;
}

/**
 * Routes the console through `redact` too, so what libraries print (the Shopify library,
 * Remix's error output, Prisma) is held to the same rule as our own lines.
 */
export function redactConsole() {
  if (globalThis.__consoleRedacted) return;
  globalThis.__consoleRedacted = true;
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => original(redact(format(...args)));
  }
}
