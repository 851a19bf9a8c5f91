/**
 * The iconv-lite that mysql2 gets (package.json overrides it with packages/iconv-lite-native): Node's own
 * encodings only, and cesu8, which MariaDB brings for utf8mb3 metadata.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// Resolved from mysql2's own folder, as mysql2 resolves it.
const iconv = createRequire(createRequire(import.meta.url).resolve('mysql2'))('iconv-lite');

describe("mysql2's iconv-lite", () => {
  it('is the native one, not the half-megabyte of tables', () => {
    expect(iconv.encodingExists('cesu8')).toBe(true);
    expect(iconv.encodingExists('win1256')).toBe(false);
  });

  it('reads and writes cesu8 (utf8mb3: the Basic Multilingual Plane) as UTF-8, split or whole', () => {
    const text = 'Hello فاطمة, नमस्ते & <ok>';
    const bytes = Buffer.from(text, 'utf8');
    const decoder = iconv.getDecoder('cesu8');

    expect(decoder.write(bytes.subarray(0, 9)) + decoder.write(bytes.subarray(9)) + decoder.end()).toBe(text);
    expect(iconv.encode(text, 'cesu8')).toEqual(bytes);
  });

  it('refuses any other encoding, naming it and the character set to use', () => {
    expect(() => iconv.getDecoder('win1256')).toThrow(
      'the character set "win1256" is not supported by this build: connect with charset UTF8MB4_UNICODE_CI',
    );
  });
});
