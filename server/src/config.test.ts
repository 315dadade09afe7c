import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults: embedded database under ./data, port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.database).toEqual({ kind: 'pglite', dir: path.resolve('data/db') });
    expect(config.redisUrl).toBeUndefined();
    expect(config.demoData).toBe(true);
  });

  it('reads PostgreSQL and PGlite URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/panda' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/panda',
    });
    expect(loadConfig({ DATABASE_URL: 'pglite:/srv/panda' }).database).toEqual({ kind: 'pglite', dir: '/srv/panda' });
  });

  it('names every bad value with what it should be', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', SECRET_KEY: 'short', DATABASE_URL: 'mysql://x', DEMO_DATA: 'maybe' });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error?.problems.join('\n') ?? '';
    for (const name of ['PORT="eighty"', 'REDIS_URL=(value hidden)', 'SECRET_KEY=(value hidden)', 'DEMO_DATA="maybe"']) {
      expect(text).toContain(name);
    }
    expect(text).not.toContain('short');
    // DATABASE_URL is judged after the schema passes; on its own it is named too.
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must start with postgres/);
  });

  it('reads the payment provider: none by default, YooKassa with its shop id and key', () => {
    expect(loadConfig({}).payments).toEqual({ provider: 'none' });
    const config = loadConfig({
      PAYMENT_PROVIDER: 'yookassa',
      YOOKASSA_API_URL: 'http://127.0.0.1:9999/v3/',
      YOOKASSA_SHOP_ID: '123456',
      YOOKASSA_SECRET_KEY: 'test_secret',
      PAYMENT_WEBHOOK_ALLOWED_IPS: '185.71.76.0/27, 77.75.156.11,2a02:5180::/32',
    });
    expect(config.payments).toEqual({
      provider: 'yookassa',
      yookassa: { apiUrl: 'http://127.0.0.1:9999/v3', shopId: '123456', secretKey: 'test_secret' },
      webhook: { secret: undefined, allowedNetworks: ['185.71.76.0/27', '77.75.156.11', '2a02:5180::/32'] },
    });
    expect(
      loadConfig({ PAYMENT_PROVIDER: 'yookassa', YOOKASSA_SHOP_ID: '1', YOOKASSA_SECRET_KEY: 'k' }).payments,
    ).toMatchObject({ yookassa: { apiUrl: 'https://api.yookassa.ru/v3' } });
  });

  it('refuses YooKassa without its credentials, bad networks and short webhook secrets, hiding the secrets', () => {
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'yookassa', YOOKASSA_SHOP_ID: '1' })).toThrow(
      /PAYMENT_PROVIDER=yookassa: set YOOKASSA_SHOP_ID and YOOKASSA_SECRET_KEY/,
    );
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PAYMENT_PROVIDER: 'stripe',
        YOOKASSA_SECRET_KEY: 'live_very_secret',
        YOOKASSA_API_URL: 'ftp://x',
        PAYMENT_WEBHOOK_SECRET: 'short-secret',
        PAYMENT_WEBHOOK_ALLOWED_IPS: '10.0.0.0/8,not-a-network',
      });
    } catch (caught) {
      error = caught as ConfigError;
    }
    const text = error?.problems.join('\n') ?? '';
    expect(text).toContain('PAYMENT_PROVIDER="stripe"');
    expect(text).toContain('YOOKASSA_API_URL="ftp://x"');
    expect(text).toContain('PAYMENT_WEBHOOK_SECRET=(value hidden): must be at least 16 characters');
    expect(text).toMatch(/PAYMENT_WEBHOOK_ALLOWED_IPS="10.0.0.0\/8,not-a-network": must be IP addresses or CIDR networks/);
    expect(text).not.toContain('short-secret');
    expect(text).not.toContain('live_very_secret');
  });
});

describe('trusted proxies', () => {
  it('trusts none by default and reads addresses, networks and express’s named ranges', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '2001:db8::1']);
  });

  it('refuses a hop count or a name, which would trust what the client writes', () => {
    for (const value of ['1', 'true', 'nginx']) {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY=.*must be loopback, linklocal, uniquelocal, IP addresses or CIDR networks/);
    }
  });
});

describe('lesson credit settings', () => {
  it("defaults to the school's rules and reads each one", () => {
    expect(loadConfig({}).credits).toEqual({
      cancelWindowHours: 8,
      validityDays: 28,
      choiceDay: 27,
      freeze: { maxDaysPerFreeze: 7, maxDaysPerPackage: 7, maxFreezesPerPackage: 1 },
    });
    const custom = loadConfig({ CREDIT_CANCEL_WINDOW_HOURS: '24', CREDIT_VALIDITY_DAYS: '30', CREDIT_CHOICE_DAY: '28', CREDIT_FREEZES_PER_PACKAGE: '2' }).credits;
    expect(custom).toMatchObject({ cancelWindowHours: 24, validityDays: 30, choiceDay: 28, freeze: { maxFreezesPerPackage: 2 } });
  });

  it('refuses a choice day after the end of the validity, naming both settings', () => {
    expect(() => loadConfig({ CREDIT_VALIDITY_DAYS: '14', CREDIT_CHOICE_DAY: '27' })).toThrow(/CREDIT_CHOICE_DAY=27.*CREDIT_VALIDITY_DAYS/);
    expect(() => loadConfig({ CREDIT_CANCEL_WINDOW_HOURS: '-1' })).toThrow(/CREDIT_CANCEL_WINDOW_HOURS/);
  });
});
