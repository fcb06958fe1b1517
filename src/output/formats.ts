// The --output values, named once: the registry in format.ts is keyed by them, and the global
// option, the `output` setting and completions offer them. Names only, so start-up loads no formatter.

export const OUTPUT_FORMATS = ['json', 'text', 'table', 'yaml', 'yaml-stream', 'off'] as const;

export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The --color values (and the `color` setting's): colour applies to stderr only, never to stdout. */
export const COLOR_MODES = ['on', 'off', 'auto'] as const;
