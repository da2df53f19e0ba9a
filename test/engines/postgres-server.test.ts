import { execFileSync } from 'child_process';
import * as path from 'path';
import { findPostgresBinDir, postgresUnavailable, PostgresServer, startPostgres } from '../support/postgres';

// The one place a missing PostgreSQL is reported: the SQL tests (test/supabase/*) declare
// their server blocks with `describeWithPostgres` and are skipped without one, so the
// run fails here, once, with how to install it, instead of once per test.
describe('PostgreSQL, the engine the generated SQL runs on', () => {
  let server: PostgresServer | undefined;
  afterAll(() => server?.stop());

  test('a throwaway server starts and answers', async () => {
    const problem = postgresUnavailable();
    if (problem) throw new Error(`${problem}\n(every test that runs SQL on a real server was skipped because of this)`);
    server = await startPostgres();
    const client = await server.connect();
    try {
      const { rows } = await client.query('SHOW server_version');
      expect(rows[0].server_version).toMatch(/^\d+/);
    } finally {
      await client.end();
    }
    expect(execFileSync(path.join(findPostgresBinDir(), 'psql'), ['--version']).toString()).toMatch(/PostgreSQL/);
  });
});
