/**
 * Times as the service writes them: .NET's round-trip format with the fraction trimmed, up to seven
 * digits of 100-ns ticks and none when zero (`2019-07-05T22:43:15.7632852Z`, `2020-08-10T18:02:59.31Z`,
 * `2019-11-14T00:56:12Z`, all in the captured payloads). A JS Date stops at the millisecond, so a time
 * read from text keeps its remaining ticks beside it and is written back unchanged.
 */

/** A Date carrying the 100-ns ticks below its millisecond (0..9999). */
export class ServiceTime extends Date {
  constructor(
    epochMs: number,
    readonly ticksBelowMillisecond: number,
  ) {
    super(epochMs);
  }
}

const ISO_FRACTION = /\.(\d+)(?=Z$|[+-]\d\d:?\d\d$)/i;

/** An ISO-8601 time, or undefined when the text is not one. */
export function parseServiceTime(text: string): Date | undefined {
  const fraction = ISO_FRACTION.exec(text)?.[1] ?? '';
  // Parse only the milliseconds, so JS never has to round the extra digits.
  const epochMs = Date.parse(fraction.length > 3 ? text.replace(ISO_FRACTION, `.${fraction.slice(0, 3)}`) : text);
  if (Number.isNaN(epochMs)) return undefined;
  const ticks = Number(fraction.slice(3, 7).padEnd(4, '0'));
  return ticks > 0 ? new ServiceTime(epochMs, ticks) : new Date(epochMs);
}

export function formatServiceTime(time: Date): string {
  const iso = time.toISOString();
  const ticks = time instanceof ServiceTime ? time.ticksBelowMillisecond : 0;
  const fraction = `${iso.slice(20, 23)}${String(ticks).padStart(4, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}
