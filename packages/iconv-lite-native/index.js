'use strict';
// mysql2 asks iconv-lite only for encodings Node's Buffer does not know (lib/parsers/string.js); every
// connection of ours is utf8mb4, which Buffer knows. Any other encoding is a configuration error, said plainly.
function unsupported(encoding) {
  return new Error(
    `the character set "${encoding}" is not supported by this build: connect with charset UTF8MB4_UNICODE_CI`,
  );
}

exports.getDecoder = (encoding) => {
  throw unsupported(encoding);
};
exports.getEncoder = (encoding) => {
  throw unsupported(encoding);
};
exports.decode = (_buffer, encoding) => {
  throw unsupported(encoding);
};
exports.encode = (_string, encoding) => {
  throw unsupported(encoding);
};
exports.encodingExists = (encoding) => Buffer.isEncoding(encoding);
