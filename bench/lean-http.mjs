// A lean HTTP/1.1 keep-alive client for the sign-in rates of bench/serve.mjs: one socket, one
// request at a time, the same request bytes node:http sends (POST /, Host, Content-Type,
// X-Amz-Target, Content-Length). The load generator runs on the same two cores as the server it
// measures, and node:http's client spent about 0.9 ms of CPU per request here (its agent, parser
// and stream machinery): a sign-in rate bounded by the bench's own HTTP client says little about
// the server. Used for both servers of the comparison (ours with SRP, cognito-local with
// USER_PASSWORD_AUTH), so neither is favoured. Answers need a Content-Length or chunked encoding.
import { connect } from 'node:net';
import { HOST, settle } from './servers.mjs';

const CRLF2 = Buffer.from('\r\n\r\n');

export class LeanConnection {
  constructor(port) {
    this.port = port;
    this.socket = undefined;
    this.pending = undefined; // { resolve, reject, op }
    this.buf = Buffer.alloc(0);
  }

  open() {
    const s = connect(this.port, HOST);
    s.setNoDelay(true);
    s.on('data', (chunk) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      this.parse();
    });
    const fail = (e) => {
      if (this.socket === s) this.socket = undefined;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(e instanceof Error ? e : new Error(`${p.op}: connection closed before the answer`));
    };
    s.on('error', fail);
    s.on('close', () => fail());
    this.socket = s;
    this.buf = Buffer.alloc(0);
  }

  /** One AWS JSON 1.1 call, as servers.mjs's post: resolves with the parsed body, rejects with status and type. */
  post(op, input) {
    if (this.pending) return Promise.reject(new Error('one request at a time per connection'));
    if (!this.socket) this.open();
    const body = Buffer.from(JSON.stringify(input));
    const head =
      `POST / HTTP/1.1\r\nHost: ${HOST}:${this.port}\r\nContent-Type: application/x-amz-json-1.1\r\n` +
      `X-Amz-Target: AWSCognitoIdentityProviderService.${op}\r\nContent-Length: ${body.length}\r\n\r\n`;
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, op };
      this.socket.write(Buffer.concat([Buffer.from(head), body]));
    });
  }

  parse() {
    const end = this.buf.indexOf(CRLF2);
    if (end < 0 || !this.pending) return;
    const head = this.buf.subarray(0, end).toString('latin1');
    const lines = head.split('\r\n');
    const status = Number(lines[0].split(' ')[1]);
    const headers = {};
    for (const l of lines.slice(1)) {
      const i = l.indexOf(':');
      headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
    }
    let text;
    let rest;
    if (headers['content-length'] !== undefined) {
      const len = Number(headers['content-length']);
      if (this.buf.length < end + 4 + len) return; // wait for the rest of the body
      text = this.buf.subarray(end + 4, end + 4 + len).toString('utf8');
      rest = this.buf.subarray(end + 4 + len);
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const parts = [];
      let at = end + 4;
      for (;;) {
        const eol = this.buf.indexOf('\r\n', at);
        if (eol < 0) return;
        const size = Number.parseInt(this.buf.subarray(at, eol).toString('latin1'), 16);
        if (this.buf.length < eol + 2 + size + 2) return;
        if (size === 0) {
          rest = this.buf.subarray(eol + 4);
          break;
        }
        parts.push(this.buf.subarray(eol + 2, eol + 2 + size));
        at = eol + 2 + size + 2;
      }
      text = Buffer.concat(parts).toString('utf8');
    } else {
      this.pending.reject(new Error(`${this.pending.op}: answer without Content-Length or chunked body`));
      this.pending = undefined;
      return;
    }
    this.buf = rest;
    const { resolve, reject, op } = this.pending;
    this.pending = undefined;
    if (/close/i.test(headers.connection ?? '')) {
      this.socket?.destroy();
      this.socket = undefined;
    }
    settle(op, status, text, resolve, reject);
  }

  close() {
    this.socket?.destroy();
    this.socket = undefined;
  }
}
