// cognito-totp enroll: not built yet. It fails with a clear message rather than pretending to work.

import type { Io } from '../cli/run.ts';
import { GeneralError } from '../errors.ts';

export default async function enrollCommand(_args: string[], _io: Io): Promise<number> {
  throw new GeneralError('cognito-totp enroll is not built yet.');
}
