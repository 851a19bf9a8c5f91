// mysql2 asks iconv-lite only for encodings Node's Buffer does not know (lib/parsers/string.js). Our
// connections are utf8mb4, which Buffer knows; the one other encoding a MariaDB conversation brings is cesu8,
// mysql2's name for utf8mb3 (the server's greeting, some metadata). utf8mb3 holds only the Basic Multilingual
// Plane, where CESU-8 and UTF-8 are the same bytes, so UTF-8 reads and writes it exactly. Any other encoding
// is a configuration error, said plainly.
const SAME_AS_UTF8 = new Set(['cesu8', 'cesu-8']);

function unsupported(encoding) {
  return new Error(
    `the character set "${encoding}" is not supported by this build: connect with charset UTF8MB4_UNICODE_CI`,
  );
}

function checked(encoding) {
  if (!SAME_AS_UTF8.has(String(encoding).toLowerCase())) throw unsupported(encoding);
}

exports.getDecoder = (encoding) => {
  checked(encoding);
  const decoder = new TextDecoder('utf-8');
  return {
    write: (buffer) => decoder.decode(buffer, { stream: true }),
    end: () => decoder.decode(),
  };
};

exports.getEncoder = (encoding) => {
  checked(encoding);
  return {
    write: (string) => Buffer.from(string, 'utf8'),
    end: () => undefined,
  };
};

exports.decode = (buffer, encoding) => {
  checked(encoding);
  return Buffer.from(buffer).toString('utf8');
};

exports.encode = (string, encoding) => {
  checked(encoding);
  return Buffer.from(string, 'utf8');
};

exports.encodingExists = (encoding) =>
  Buffer.isEncoding(encoding) || SAME_AS_UTF8.has(String(encoding).toLowerCase());
