// Backend.call is typed by the model: a hand-built request with a misspelt member, or a member of
// the wrong type, does not compile (`npm test` runs tsc over the tests too), and at run time the
// emulator refuses what the compiler was told to let through.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backend/backend.ts';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { ServiceError } from '../../src/errors.ts';

describe('typed calls at the backend boundary', () => {
  const backend: Backend = new LocalBackend({
    stateFile: join(mkdtempSync(join(tmpdir(), 'ct-typed-')), 'state.json'),
  });

  it('a correct request compiles and its answer is typed', async () => {
    const made = await backend.call('CreateUserPool', { PoolName: 'typed' });
    // UserPool.Id is a string by the model's types: no cast.
    const id: string | undefined = made.UserPool?.Id;
    expect(id).toMatch(/^us-east-1_/);
  });

  it('a misspelt member does not compile, and is refused at run time', async () => {
    // @ts-expect-error PoolNam is not a member of CreateUserPool's request.
    const call = backend.call('CreateUserPool', { PoolNam: 'typo' });
    await expect(call).rejects.toBeInstanceOf(ServiceError);
  });

  it('a member of the wrong type does not compile, and is refused at run time (SerializationException)', async () => {
    // @ts-expect-error MaxResults is an integer.
    const call = backend.call('ListUserPools', { MaxResults: 'ten' });
    await expect(call).rejects.toMatchObject({ code: 'SerializationException' });
  });
});
