import os from 'node:os';
import path from 'node:path';
import type { PaymentSettings } from '@panda/api';
import type { CreditRules } from '@panda/api';
import type { ScheduleSettings } from '@panda/api';
import { parseDatabaseUrl, type DatabaseLocation } from '@panda/db';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => ['true', '1', 'yes'].includes(value));
const port = z.coerce.number().int().min(0).max(65_535);
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));
const ipOrNetwork = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: 'must be IP addresses or CIDR networks, separated by commas',
});
const commaList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean));
// Express's names for the private ranges, besides addresses and networks; never a hop count,
// which would trust whatever a client puts first in X-Forwarded-For.
const proxy = z.union([z.enum(['loopback', 'linklocal', 'uniquelocal']), z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], {
  error: 'must be loopback, linklocal, uniquelocal, IP addresses or CIDR networks, separated by commas',
});

/** Every setting, from the environment. `.env.example` documents each one. */
const Env = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  TLS_CERT_FILE: optionalText,
  TLS_KEY_FILE: optionalText,
  DATABASE_URL: optionalText,
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,50}$/).default('panda:'),
  SECRET_KEY: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Panda Classroom <no-reply@localhost>'),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  TRUST_PROXY: commaList.pipe(z.array(proxy)),
  DEMO_DATA: flag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SFU_WORKERS: z.coerce.number().int().min(1).max(64).default(os.availableParallelism()),
  RTC_LISTEN_IP: z.union([z.ipv4(), z.ipv6()]).default('0.0.0.0'),
  RTC_ANNOUNCED_ADDRESS: optionalText,
  RTC_PORT: port.default(40_000),
  RTC_NODE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SFU_MAX_PEERS_PER_ROUTER: z.coerce.number().int().min(2).max(500).default(16),
  ROOM_OPENS_BEFORE_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
  ROOM_CLOSES_AFTER_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(15),
  RECONNECT_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  TEACHER_MUTE_HOLDS: flag.default(true),
  TURN_URLS: optionalText,
  TURN_SECRET: optionalText,
  TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86_400).default(86_400),
  BOARD_UNLOAD_AFTER_SECONDS: z.coerce.number().min(0).max(3600).default(30),
  TLDRAW_LICENSE_KEY: optionalText,
  UPLOADS_DIR: optionalText,
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(100_000).default(200),
  LESSON_DURATIONS: z
    .string()
    .default('45,60,90')
    .transform((value) => value.split(',').map((entry) => Number(entry.trim())))
    .pipe(z.array(z.number().int().min(15).max(240), { error: 'must be minutes (15 to 240), separated by commas' }).min(1)),
  WEEKLY_SLOT_WEEKS_AHEAD: z.coerce.number().int().min(1).max(26).default(4),
  CREDIT_CANCEL_WINDOW_HOURS: z.coerce.number().int().min(0).max(168).default(8),
  CREDIT_VALIDITY_DAYS: z.coerce.number().int().min(1).max(3650).default(28),
  CREDIT_CHOICE_DAY: z.coerce.number().int().min(1).max(3650).default(27),
  CREDIT_FREEZE_MAX_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  CREDIT_FREEZE_DAYS_PER_PACKAGE: z.coerce.number().int().min(0).max(365).default(7),
  CREDIT_FREEZES_PER_PACKAGE: z.coerce.number().int().min(0).max(100).default(1),
  PAYMENT_PROVIDER: z.enum(['none', 'yookassa']).default('none'),
  YOOKASSA_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.yookassa.ru/v3'),
  YOOKASSA_SHOP_ID: optionalText,
  YOOKASSA_SECRET_KEY: optionalText,
  PAYMENT_WEBHOOK_SECRET: z
    .string()
    .optional()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().min(16, { message: 'must be at least 16 characters' }).optional()),
  PAYMENT_WEBHOOK_ALLOWED_IPS: commaList.pipe(z.array(ipOrNetwork)),
  NOTIFICATIONS_POLL_SECONDS: z.coerce.number().min(0.05).max(3600).default(10),
  TELEGRAM_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
  TELEGRAM_BOT_TOKEN: optionalText,
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  /** Serve HTTPS with these PEM files (LAN testing; production usually terminates TLS in a proxy). */
  tls: { certFile: string; keyFile: string } | undefined;
  database: DatabaseLocation;
  redisUrl: string | undefined;
  /** Every Redis key and channel starts with it, so installations can share a server. */
  redisKeyPrefix: string;
  /** Signs access tokens and keys code hashes; generated into DATA_DIR when unset. */
  secretKey: string | undefined;
  accessTokenTtlSeconds: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  authRateLimitPerMinute: number;
  /**
   * The reverse proxies whose X-Forwarded-For/-Proto are believed (express `trust proxy`). Empty:
   * none, so the client's address is the connection's and a forged header changes nothing.
   */
  trustProxy: string[];
  demoData: boolean;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  sfu: {
    workers: number;
    listenIp: string;
    /** What clients are told to send media to; undefined → the listen address, or loopback. */
    announcedAddress: string | undefined;
    /** First worker's UDP/TCP port; worker i uses port + i. */
    port: number;
    /** Where clients reach this process's signaling when rooms are spread over processes. */
    nodeUrl: string;
    /** A group larger than this spreads over another worker (joined with pipeToRouter). */
    maxPeersPerRouter: number;
  };
  room: {
    opensBeforeMinutes: number;
    closesAfterMinutes: number;
    /** A dropped participant keeps their seat (and media) this long. */
    reconnectGraceMs: number;
    /** A student the teacher muted cannot unmute until the teacher asks. */
    teacherMuteHolds: boolean;
  };
  /** TURN relay handed to clients with time-limited credentials; undefined: no TURN. */
  turn: { urls: string[]; secret: string; ttlSeconds: number } | undefined;
  board: {
    /** A board nobody has open is stored and freed from memory after this long. */
    unloadAfterMs: number;
    /** tldraw's licence key, needed in production (see the README); handed to the UI. */
    licenseKey: string | undefined;
  };
  /** Uploaded files: the folder they are kept in, and the largest accepted. */
  uploads: { dir: string; maxBytes: number };
  /** Lesson credits: cancellation window, validity, the day to choose, freeze limits. */
  credits: CreditRules;
  /** Lesson lengths offered; how far ahead weekly series have their lessons. */
  schedule: ScheduleSettings;
  /** Online payments: the provider (or none) and how its notifications are checked. */
  payments: PaymentSettings;
  notifications: {
    /** How often due notifications are looked for and upcoming lessons' reminders created. */
    pollMs: number;
    /** The school's Telegram bot; undefined without TELEGRAM_BOT_TOKEN. */
    telegram: { apiUrl: string; token: string } | undefined;
  };
}

/** Settings whose values may hold credentials: named in errors, never shown. */
const SECRET_SETTINGS = new Set([
  'SECRET_KEY',
  'DATABASE_URL',
  'REDIS_URL',
  'SMTP_URL',
  'TURN_SECRET',
  'YOOKASSA_SECRET_KEY',
  'PAYMENT_WEBHOOK_SECRET',
  'TELEGRAM_BOT_TOKEN',
]);

const shown = (env: NodeJS.ProcessEnv, name: string) =>
  SECRET_SETTINGS.has(name) ? '(value hidden)' : JSON.stringify(env[name] ?? '');

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`);
  }
}

/** Reads and checks every setting, naming each bad one with what it should be. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = Env.safeParse(
    Object.fromEntries(Object.entries(env).filter(([key, value]) => key in Env.shape && value !== undefined)),
  );
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name}=${shown(env, name)}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  if (Boolean(e.TURN_URLS) !== Boolean(e.TURN_SECRET)) {
    throw new ConfigError(['TURN_URLS and TURN_SECRET: set both, or neither']);
  }
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    throw new ConfigError(['TLS_CERT_FILE and TLS_KEY_FILE: set both, or neither']);
  }
  if (e.CREDIT_CHOICE_DAY > e.CREDIT_VALIDITY_DAYS) {
    throw new ConfigError([`CREDIT_CHOICE_DAY=${e.CREDIT_CHOICE_DAY}: must be at most CREDIT_VALIDITY_DAYS (${e.CREDIT_VALIDITY_DAYS})`]);
  }
  if (e.PAYMENT_PROVIDER === 'yookassa' && !(e.YOOKASSA_SHOP_ID && e.YOOKASSA_SECRET_KEY)) {
    throw new ConfigError(['PAYMENT_PROVIDER=yookassa: set YOOKASSA_SHOP_ID and YOOKASSA_SECRET_KEY']);
  }
  const dataDir = path.resolve(e.DATA_DIR);
  let database: DatabaseLocation;
  try {
    database = parseDatabaseUrl(e.DATABASE_URL, dataDir);
  } catch (error) {
    throw new ConfigError([`DATABASE_URL: ${(error as Error).message}`]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `${e.TLS_CERT_FILE ? 'https' : 'http'}://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : undefined,
    database,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    secretKey: e.SECRET_KEY,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    demoData: e.DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    sfu: {
      workers: e.SFU_WORKERS,
      listenIp: e.RTC_LISTEN_IP,
      announcedAddress: e.RTC_ANNOUNCED_ADDRESS,
      port: e.RTC_PORT,
      maxPeersPerRouter: e.SFU_MAX_PEERS_PER_ROUTER,
      nodeUrl: (e.RTC_NODE_URL ?? e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    },
    room: {
      opensBeforeMinutes: e.ROOM_OPENS_BEFORE_MINUTES,
      closesAfterMinutes: e.ROOM_CLOSES_AFTER_MINUTES,
      reconnectGraceMs: e.RECONNECT_GRACE_SECONDS * 1000,
      teacherMuteHolds: e.TEACHER_MUTE_HOLDS,
    },
    turn:
      e.TURN_URLS && e.TURN_SECRET
        ? { urls: e.TURN_URLS.split(',').map((url) => url.trim()), secret: e.TURN_SECRET, ttlSeconds: e.TURN_TTL_SECONDS }
        : undefined,
    board: { unloadAfterMs: e.BOARD_UNLOAD_AFTER_SECONDS * 1000, licenseKey: e.TLDRAW_LICENSE_KEY },
    uploads: { dir: path.resolve(e.UPLOADS_DIR ?? path.join(dataDir, 'uploads')), maxBytes: e.UPLOAD_MAX_MB * 1024 * 1024 },
    schedule: { lessonDurations: e.LESSON_DURATIONS, weeksAhead: e.WEEKLY_SLOT_WEEKS_AHEAD },
    credits: {
      cancelWindowHours: e.CREDIT_CANCEL_WINDOW_HOURS,
      validityDays: e.CREDIT_VALIDITY_DAYS,
      choiceDay: e.CREDIT_CHOICE_DAY,
      freeze: {
        maxDaysPerFreeze: e.CREDIT_FREEZE_MAX_DAYS,
        maxDaysPerPackage: e.CREDIT_FREEZE_DAYS_PER_PACKAGE,
        maxFreezesPerPackage: e.CREDIT_FREEZES_PER_PACKAGE,
      },
    },
    payments:
      e.PAYMENT_PROVIDER === 'yookassa' && e.YOOKASSA_SHOP_ID && e.YOOKASSA_SECRET_KEY
        ? {
            provider: 'yookassa',
            yookassa: { apiUrl: e.YOOKASSA_API_URL.replace(/\/+$/, ''), shopId: e.YOOKASSA_SHOP_ID, secretKey: e.YOOKASSA_SECRET_KEY },
            webhook: { secret: e.PAYMENT_WEBHOOK_SECRET, allowedNetworks: e.PAYMENT_WEBHOOK_ALLOWED_IPS },
          }
        : { provider: 'none' },
    notifications: {
      pollMs: e.NOTIFICATIONS_POLL_SECONDS * 1000,
      telegram: e.TELEGRAM_BOT_TOKEN ? { apiUrl: e.TELEGRAM_API_URL.replace(/\/+$/, ''), token: e.TELEGRAM_BOT_TOKEN } : undefined,
    },
  };
}
