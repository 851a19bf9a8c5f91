import { describe, expect, it } from 'vitest';
import { ConfigError, dbUrl, loadConfig, parseDbUrl, requireDb } from '#lib/db/config.ts';

describe('loadConfig', () => {
  it('reads every variable of DESIGN.md', () => {
    const config = loadConfig({
      ORDERS_DB_URL: 'mysql://reader:secret@replica.internal:3307/shop',
      ORDERS_DB_FALLBACK_URL: 'mysql://reader:secret@primary.internal/shop',
      IVR_DB_URL: 'mysql://writer:p%40ss@primary.internal:3306/ivr',
      IVR_DB_READER_URL: 'mariadb://reports@replica.internal/ivr',
      IVR_TIME_BUDGET_MS: '2500',
    });

    expect(config.ordersDb).toEqual({
      variable: 'ORDERS_DB_URL',
      host: 'replica.internal',
      port: 3307,
      user: 'reader',
      password: 'secret',
      database: 'shop',
    });
    expect(config.ordersFallbackDb?.port).toBe(3306);
    expect(config.ivrDb?.password).toBe('p@ss');
    expect(config.ivrReaderDb?.password).toBe('');
    expect(config.timeBudgetMs).toBe(2500);
  });

  it('leaves unset variables undefined and the time budget at 3000 ms', () => {
    const config = loadConfig({});

    expect(config.ordersDb).toBeUndefined();
    expect(config.ivrReaderDb).toBeUndefined();
    expect(config.timeBudgetMs).toBe(3000);
  });

  it.each([
    ['not a url', 'it does not parse as a URL'],
    ['postgres://u:p@host/db', 'the scheme is postgres: not mysql:'],
    ['mysql://host/db', 'no user, and no IVR_DB_SECRET_ARN to read one from'],
    ['mysql://u:p@host', 'the path must be exactly one database name'],
    ['mysql://u:p@host/a/b', 'the path must be exactly one database name'],
    ['mysql://u:p@host/db?ssl=true', 'the only query parameter taken is ?ssl=rds'],
    ['mysql://u:p@host/db?ssl=rds&timeout=5', 'the only query parameter taken is ?ssl=rds'],
  ])('names the variable and the fault for %s', (value, fault) => {
    expect(() => loadConfig({ IVR_DB_URL: value })).toThrow(ConfigError);
    expect(() => loadConfig({ IVR_DB_URL: value })).toThrow(
      `IVR_DB_URL is not a usable database URL (${fault})`,
    );
  });

  it('never repeats a password in an error', () => {
    expect(() => loadConfig({ ORDERS_DB_URL: 'mysql://reader:hunter2@host/a/b' })).toThrow(
      'got "mysql://reader:***@host/a/b"',
    );
  });

  it.each(['fast', '0', '499', '3501', '8000', '1.5'])(
    'rejects a time budget of %s naming IVR_TIME_BUDGET_MS',
    (value) => {
      expect(() => loadConfig({ IVR_TIME_BUDGET_MS: value })).toThrow(
        /^IVR_TIME_BUDGET_MS must be a whole number/,
      );
    },
  );
});

describe('database URLs in AWS', () => {
  const secretArn = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:ivr/orders-reader-AbCdEf';

  it('takes the credentials from the secret its *_SECRET_ARN names, and TLS to RDS from ?ssl=rds', () => {
    const config = loadConfig({
      ORDERS_DB_URL: 'mysql://replica.abc.eu-west-2.rds.amazonaws.com:3306/shop?ssl=rds',
      ORDERS_DB_SECRET_ARN: secretArn,
    });

    expect(config.ordersDb).toEqual({
      variable: 'ORDERS_DB_URL',
      host: 'replica.abc.eu-west-2.rds.amazonaws.com',
      port: 3306,
      user: '',
      password: '',
      database: 'shop',
      secretArn,
      tls: 'rds',
    });
  });

  it('refuses a password in the URL when a secret holds it, naming the variable and hiding the password', () => {
    const load = () =>
      loadConfig({ IVR_DB_URL: 'mysql://writer:hunter2@primary/ivr', IVR_DB_SECRET_ARN: secretArn });

    expect(load).toThrow('the password belongs in the secret IVR_DB_SECRET_ARN names, not in the URL');
    expect(load).not.toThrow(/hunter2/);
  });

  it.each(['0', '65', 'two'])('rejects a pool size of %s naming IVR_DB_POOL_SIZE', (value) => {
    expect(() => loadConfig({ IVR_DB_POOL_SIZE: value })).toThrow(/^IVR_DB_POOL_SIZE must be a whole number/);
  });

  it('keeps four connections per pool unless told otherwise', () => {
    expect(loadConfig({}).poolSize).toBe(4);
    expect(loadConfig({ IVR_DB_POOL_SIZE: '2' }).poolSize).toBe(2);
  });
});

describe('requireDb', () => {
  it('says which variable to set when a database is needed and not configured', () => {
    expect(() => requireDb(undefined, 'ORDERS_DB_URL')).toThrow(
      'ORDERS_DB_URL is not set: give it as mysql://user:password@host:port/database',
    );
  });
});

describe('dbUrl', () => {
  it('writes settings back as a URL that parses to the same settings', () => {
    const settings = { host: '127.0.0.1', port: 3310, user: 'w', password: 'p@ss:/word', database: 'ivr' };

    expect(parseDbUrl('IVR_DB_URL', dbUrl(settings))).toEqual({ variable: 'IVR_DB_URL', ...settings });
  });

  it('keeps TLS and leaves credentials out when there are none', () => {
    const settings = { host: 'db', port: 3306, user: '', password: '', database: 'ivr', tls: 'rds' as const };

    expect(dbUrl(settings)).toBe('mysql://db:3306/ivr?ssl=rds');
  });
});
