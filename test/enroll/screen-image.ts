// Turns what a terminal would show for a stretch of output (text with SGR colour codes) into a
// grey-scale image, and reads QR codes in it with zbarimg (Debian zbar-tools): the test sees the
// QR code the way a phone pointed at the screen would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Colour = 0 | 255 | undefined;

function sgrColour(code: number): Colour | 'keep' {
  if (code === 30 || code === 40) return 0;
  if (code === 37 || code === 47 || code === 97 || code === 107) return 255;
  return 'keep';
}

/**
 * One pixel column per character cell, two pixel rows per text row (upper and lower half, so half
 * blocks are exact). Colours carry over from line to line as in a terminal (tmux's capture-pane
 * only writes changes). Only lines with a block character or a cell with an explicit background
 * are kept: the picture, not the text around it. Default colours are drawn as the theme's: `outside` for the background,
 * its opposite for the text.
 */
export function screenToPixels(text: string, outside: 0 | 255 = 0): number[][] {
  const rows: number[][] = [];
  let fg: Colour;
  let bg: Colour;
  for (const line of text.split('\n')) {
    const top: number[] = [];
    const bottom: number[] = [];
    let coloured = false;
    const re = /\x1b\[([0-9;]*)m|([^\x1b])/gu;
    for (const m of line.matchAll(re)) {
      if (m[1] !== undefined) {
        for (const p of (m[1] === '' ? '0' : m[1]).split(';').map(Number)) {
          if (p === 0) {
            fg = undefined;
            bg = undefined;
          } else if (p === 39) fg = undefined;
          else if (p === 49) bg = undefined;
          else {
            const c = sgrColour(p);
            if (c === 'keep') continue;
            if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97)) fg = c;
            else bg = c;
          }
        }
        continue;
      }
      const ch = m[2]!;
      const f = fg ?? (outside === 0 ? 255 : 0);
      const b = bg ?? outside;
      const block = ch === '\u2580' || ch === '\u2584' || ch === '\u2588';
      if (bg !== undefined || block) coloured = true;
      const [t, u] = ch === '\u2580' ? [f, b] : ch === '\u2584' ? [b, f] : ch === '\u2588' ? [f, f] : [b, b];
      top.push(t);
      bottom.push(u);
    }
    if (coloured) rows.push(top, bottom);
  }
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...new Array<number>(width - r.length).fill(outside)]);
}

/** A binary PGM (P5), each pixel `scale` times bigger, with a margin of `outside` around it. */
export function toPgm(pixels: number[][], scale = 4, margin = 0, outside: 0 | 255 = 0): Buffer {
  const h0 = pixels.length;
  const w0 = pixels[0]?.length ?? 0;
  const w = (w0 + 2 * margin) * scale;
  const h = (h0 + 2 * margin) * scale;
  const data = Buffer.alloc(w * h, outside);
  for (let y = 0; y < h0; y++) {
    for (let x = 0; x < w0; x++) {
      const v = pixels[y]![x]!;
      for (let dy = 0; dy < scale; dy++) {
        const row = (y + margin) * scale + dy;
        data.fill(v, row * w + (x + margin) * scale, row * w + (x + margin + 1) * scale);
      }
    }
  }
  return Buffer.concat([Buffer.from(`P5\n${w} ${h}\n255\n`, 'ascii'), data]);
}

/** The QR codes zbarimg finds in the image ([] when none). */
export function zbarDecode(pgm: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ct-qr-'));
  const file = join(dir, 'screen.pgm');
  writeFileSync(file, pgm);
  try {
    const out = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return out.split('\n').filter((l) => l !== '');
  } catch (e) {
    // zbarimg exits 4 when it finds no symbol.
    if ((e as { status?: number }).status === 4) return [];
    throw e;
  }
}

/** Decodes the QR code(s) in terminal output shown on a dark or a light theme. */
export function decodeScreen(text: string, theme: 'dark' | 'light'): string[] {
  const outside = theme === 'dark' ? 0 : 255;
  return zbarDecode(toPgm(screenToPixels(text, outside), 4, 0, outside));
}
