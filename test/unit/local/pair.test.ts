import { describe, expect, it } from 'vitest';
import { findBinaries, MariadbMissingError } from '#lib/local/pair.ts';

describe('findBinaries', () => {
  it('says in one line what to install, or what to set instead, when mariadbd is nowhere to be found', () => {
    expect(() => findBinaries(['/nonexistent'])).toThrow(MariadbMissingError);
    expect(() => findBinaries(['/nonexistent'])).toThrow(
      /^mariadbd was not found: install MariaDB's server package \(apt-get install mariadb-server\), or set ORDERS_DB_URL, IVR_DB_URL and the other \*_URL variables of DESIGN\.md to existing servers$/,
    );
  });
});
