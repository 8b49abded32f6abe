/**
 * The JSONPath a server task's `jsonpath('...')` takes, as Json.NET's `JToken.SelectTokens` reads it (the
 * service is .NET and Microsoft's tasks write Json.NET paths: `$.value[*]`, `value[*].resourceId`,
 * `Items[?(@.price<50)]`, `$.responses[?(@.httpStatusCode == 200)]`): an optional `$`, member names
 * (`.name`, `['name']`), indices (`[0]`), wildcards (`[*]`, `.*`) and filters (`[?(...)]`) comparing a
 * path from `@` with a literal by `==`, `!=`, `<`, `<=`, `>`, `>=`, joined by `&&` and `||`. Recursive
 * descent, slices and unions are not used by any server task we know of and are refused.
 */
import { ExpressionError, type JsonValue } from './values';

export class JsonPathError extends ExpressionError {}

type Step = { kind: 'member'; name: string } | { kind: 'index'; index: number } | { kind: 'wildcard' } | { kind: 'filter'; test: Filter };

type Filter =
  { kind: 'and' | 'or'; left: Filter; right: Filter } | { kind: 'compare'; path: Step[]; operator?: Operator; literal?: JsonValue };

type Operator = '==' | '!=' | '<' | '<=' | '>' | '>=';

/** Every token the path selects from `root`, in document order. */
export function selectTokens(root: JsonValue, path: string): JsonValue[] {
  let tokens: JsonValue[] = [root];
  for (const step of parsePath(path)) tokens = tokens.flatMap((token) => applyStep(token, step));
  return tokens;
}

function applyStep(token: JsonValue, step: Step): JsonValue[] {
  const children = Array.isArray(token) ? token : isObject(token) ? Object.values(token) : [];
  switch (step.kind) {
    case 'member':
      return isObject(token) && Object.hasOwn(token, step.name) ? [token[step.name]] : [];
    case 'index':
      return Array.isArray(token) && step.index < token.length ? [token[step.index]] : [];
    case 'wildcard':
      return children;
    case 'filter':
      return children.filter((child) => passes(child, step.test));
  }
}

function passes(item: JsonValue, filter: Filter): boolean {
  if (filter.kind !== 'compare') {
    return filter.kind === 'and'
      ? passes(item, filter.left) && passes(item, filter.right)
      : passes(item, filter.left) || passes(item, filter.right);
  }
  let selected: JsonValue[] = [item];
  for (const step of filter.path) selected = selected.flatMap((token) => applyStep(token, step));
  if (filter.operator === undefined) return selected.length > 0;
  const { operator, literal = null } = filter;
  return selected.some((value) => compare(value, operator, literal));
}

function compare(value: JsonValue, operator: Operator, literal: JsonValue): boolean {
  if (operator === '==') return value === literal;
  if (operator === '!=') return value !== literal;
  const comparable =
    (typeof value === 'number' && typeof literal === 'number') || (typeof value === 'string' && typeof literal === 'string');
  if (!comparable) return false;
  const left = value as number | string;
  const right = literal as number | string;
  return operator === '<' ? left < right : operator === '<=' ? left <= right : operator === '>' ? left > right : left >= right;
}

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parsePath(path: string): Step[] {
  const reader = new Reader(path);
  const steps: Step[] = [];
  reader.skipSpace();
  if (reader.peek() === '$') reader.next();
  else if (/[A-Za-z_]/.test(reader.peek())) steps.push({ kind: 'member', name: reader.name() });
  steps.push(...readSteps(reader, false));
  if (!reader.done()) throw new JsonPathError(`Unexpected character while parsing path: ${reader.peek()}`);
  return steps;
}

/** Steps after `$` or `@`; inside a filter they end where the comparison starts. */
function readSteps(reader: Reader, inFilter: boolean): Step[] {
  const steps: Step[] = [];
  for (;;) {
    if (inFilter) reader.skipSpace();
    const char = reader.peek();
    if (char === '.') {
      reader.next();
      if (reader.peek() === '.') throw new JsonPathError('Recursive descent (..) is not supported.');
      if (reader.peek() === '*') {
        reader.next();
        steps.push({ kind: 'wildcard' });
      } else steps.push({ kind: 'member', name: reader.name() });
    } else if (char === '[') {
      reader.next();
      reader.skipSpace();
      steps.push(readBracket(reader));
      reader.skipSpace();
      reader.expect(']');
    } else return steps;
  }
}

function readBracket(reader: Reader): Step {
  const char = reader.peek();
  if (char === '*') {
    reader.next();
    return { kind: 'wildcard' };
  }
  if (char === "'" || char === '"') return { kind: 'member', name: reader.quoted() };
  if (char === '?') {
    reader.next();
    reader.expect('(');
    const test = readOr(reader);
    reader.skipSpace();
    reader.expect(')');
    return { kind: 'filter', test };
  }
  const digits = reader.match(/^\d+/);
  if (!digits) throw new JsonPathError(`Unexpected character while parsing path indexer: ${char}`);
  return { kind: 'index', index: Number(digits) };
}

function readOr(reader: Reader): Filter {
  let left = readAnd(reader);
  while (reader.match(/^\s*\|\|/)) left = { kind: 'or', left, right: readAnd(reader) };
  return left;
}

function readAnd(reader: Reader): Filter {
  let left = readComparison(reader);
  while (reader.match(/^\s*&&/)) left = { kind: 'and', left, right: readComparison(reader) };
  return left;
}

function readComparison(reader: Reader): Filter {
  reader.skipSpace();
  reader.expect('@');
  const path = readSteps(reader, true);
  const operator = reader.match(/^\s*(==|!=|<=|>=|<|>)/)?.trim() as Operator | undefined;
  if (!operator) return { kind: 'compare', path };
  reader.skipSpace();
  return { kind: 'compare', path, operator, literal: reader.literal() };
}

class Reader {
  private position = 0;

  constructor(private readonly text: string) {}

  peek(): string {
    return this.text[this.position] ?? '';
  }

  next(): string {
    return this.text[this.position++] ?? '';
  }

  done(): boolean {
    return this.position >= this.text.length;
  }

  skipSpace(): void {
    while (/\s/.test(this.peek())) this.position++;
  }

  expect(char: string): void {
    if (this.next() !== char) throw new JsonPathError(`Expected ${char} in path ${this.text}.`);
  }

  /** Consumes and returns the text a pattern (anchored with `^`) matches at the current position. */
  match(pattern: RegExp): string | undefined {
    const found = pattern.exec(this.text.slice(this.position));
    if (!found) return undefined;
    this.position += found[0].length;
    return found[1] ?? found[0];
  }

  name(): string {
    const name = this.match(/^[^.[\]()\s=!<>&|]+/);
    if (!name) throw new JsonPathError(`Expected a member name in path ${this.text}.`);
    return name;
  }

  quoted(): string {
    const quote = this.next();
    let value = '';
    while (!this.done() && this.peek() !== quote) value += this.peek() === '\\' ? (this.next(), this.next()) : this.next();
    this.expect(quote);
    return value;
  }

  literal(): JsonValue {
    const char = this.peek();
    if (char === "'" || char === '"') return this.quoted();
    const word = this.match(/^(true|false|null|-?\d+(?:\.\d+)?)/);
    if (word === undefined) throw new JsonPathError(`Expected a value to compare with in path ${this.text}.`);
    return JSON.parse(word) as JsonValue;
  }
}
