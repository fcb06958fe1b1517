// A formatter that fails the way AWS CLI v2's does: v2's text and table formatters raise on some
// shapes of data (mostly --query results mixing objects with other values), and v2 then reports
// str(exception) with exit code 255, after whatever the streaming text formatter had already
// written to stdout.
import { GeneralError } from '../errors.ts';

export class OutputError extends GeneralError {
  /** What v2 wrote to stdout before failing (the text formatter streams; the table buffers). */
  readonly stdout: string;
  constructor(message: string, stdout = '') {
    super(message);
    this.stdout = stdout;
  }
}
