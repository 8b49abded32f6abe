/**
 * The task's source map, cut down to what a stack trace from KEDA Pool Guard needs: positions in its own
 * sources, named as the repository names them. The bundled packages (task-lib, undici and theirs), most of
 * the bundle, keep no original positions: their frames read as positions in the bundle, and the map is a
 * sixth of its size (every byte of it ships in the .vsix).
 *
 * Source Map Revision 3 (tc39.es/ecma426): `mappings` holds, per generated line (`;`), segments (`,`) of
 * 1, 4 or 5 base64 VLQ fields, each relative to the same field of the previous segment; a segment of one
 * field (the generated column) maps to no source.
 */
import * as path from 'node:path';

export interface SourceMap {
  version: 3;
  sources: string[];
  names?: string[];
  mappings: string;
  sourcesContent?: unknown;
  [other: string]: unknown;
}

type Segment = [column: number] | [column: number, source: number, line: number, sourceColumn: number, name?: number];

/**
 * Keeps the segments of sources `keep` accepts, each named relative to `root`; the others become unmapped.
 * `mapDir` is the folder the map's source paths are relative to.
 */
export function ownSourcesOnly(map: SourceMap, mapDir: string, root: string, keep: (source: string) => boolean): SourceMap {
  const named = map.sources.map((source) => path.relative(root, path.resolve(mapDir, source)).split(path.sep).join('/'));
  const sources: string[] = [];
  const names: string[] = [];
  const sourceIndex = new Map<number, number>();
  const nameIndex = new Map<number, number>();
  const indexOf = (index: Map<number, number>, list: string[], old: number, value: string): number => {
    if (!index.has(old)) index.set(old, list.push(value) - 1);
    return index.get(old)!;
  };
  const lines = decodeMappings(map.mappings).map((segments) =>
    segments.flatMap((segment, at): Segment[] => {
      if (segment.length === 1 || !keep(named[segment[1]])) {
        // A run of unmapped segments is one: a position maps through the last segment at or before it.
        const before = segments[at - 1];
        return before && (before.length === 1 || !keep(named[before[1]])) ? [] : [[segment[0]]];
      }
      const [column, source, line, sourceColumn, name] = segment;
      const kept: Segment = [column, indexOf(sourceIndex, sources, source, named[source]), line, sourceColumn];
      if (name !== undefined) kept.push(indexOf(nameIndex, names, name, map.names![name]));
      return [kept];
    }),
  );
  return { ...map, sources, names, mappings: encodeMappings(lines) };
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Every segment with its fields absolute (the generated column restarts at each line, the others run on). */
export function decodeMappings(mappings: string): Segment[][] {
  const running = [0, 0, 0, 0];
  return mappings.split(';').map((line) => {
    let column = 0;
    return line
      .split(',')
      .filter((text) => text !== '')
      .map((text) => {
        const fields = decodeVlq(text);
        column += fields[0];
        if (fields.length === 1) return [column] as Segment;
        for (let i = 1; i < fields.length; i++) running[i - 1] += fields[i];
        return (
          fields.length === 5 ? [column, running[0], running[1], running[2], running[3]] : [column, running[0], running[1], running[2]]
        ) as Segment;
      });
  });
}

export function encodeMappings(lines: readonly Segment[][]): string {
  const previous = [0, 0, 0, 0];
  return lines
    .map((segments) => {
      let column = 0;
      return segments
        .map((segment) => {
          const fields = [segment[0] - column];
          column = segment[0];
          for (let i = 1; i < segment.length; i++) {
            fields.push(segment[i]! - previous[i - 1]);
            previous[i - 1] = segment[i]!;
          }
          return fields.map(encodeVlq).join('');
        })
        .join(',');
    })
    .join(';');
}

function decodeVlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

function encodeVlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let text = '';
  do {
    const digit = rest & 31;
    rest >>>= 5;
    text += BASE64[rest > 0 ? digit | 32 : digit];
  } while (rest > 0);
  return text;
}
