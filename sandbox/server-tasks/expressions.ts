/**
 * Azure Pipelines' expression language as the service evaluates a server task's success criteria and a
 * chain's skip conditions and output variables: literals, indexing (`root['value']`, `root.value`,
 * `root.value[0]`, `root.value.*.id`), the built-in functions, and named values and functions a server
 * task adds (`root`, `response`, `variables`, `taskInputs`, `count`, `jsonpath`, `isNullOrEmpty`).
 *
 * Sources: the syntax and functions are documented (`docs/pipelines/process/expressions.md`); the
 * tokens, the grammar and the error messages follow Azure DevOps Server 2022's evaluator
 * (`Microsoft.TeamFoundation.DistributedTask.Expressions.LexicalAnalyzer`, `ExpressionParser`,
 * `IndexerNode`, `ExpressionConstants`, `ExpressionResources.resx`, decompiled in mjwrona/decompiled).
 * The server task's own named values and functions are not public: they are modelled on the examples
 * of `docs/authoring/servertaskauthoring.md` and Microsoft's server tasks (microsoft/azure-pipelines-tasks
 * `Tasks/QueryWorkItemsV0`, `Tasks/AzurePolicyV0`, `Tasks/AzureMonitorV1`); see `sandbox/README.md`.
 */
import { selectTokens } from './jsonpath';
import {
  ExpressionError,
  compareValues,
  formatValue,
  kindOf,
  sameIgnoringCase,
  toBoolean,
  tryString,
  TypeCastError,
  valuesEqual,
  Version,
  type JsonValue,
  type Value,
} from './values';

const MAX_LENGTH = 21_000;
const MAX_DEPTH = 50;
const HELP = 'For more help, refer to https://go.microsoft.com/fwlink/?linkid=842996';

export { ExpressionError };

type Node =
  | { type: 'literal'; value: Value }
  | { type: 'named'; name: string }
  | { type: 'call'; name: string; args: Node[] }
  /** `collection[index]`; `wildcard` for `[*]` and `.*`, which keep every member. */
  | { type: 'index'; target: Node; index: Node | 'wildcard' };

type TokenKind = 'string' | 'number' | 'version' | 'boolean' | 'keyword' | 'property' | '(' | ')' | '[' | ']' | ',' | '.' | '*';

interface Token {
  kind: TokenKind;
  raw: string;
  at: number;
  value?: Value;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', ',', '.']);

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const isBreak = (char: string) => PUNCTUATION.has(char) || /\s/.test(char);
  while (index < expression.length) {
    const char = expression[index];
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    const last = tokens[tokens.length - 1];
    const start = index;
    if (char === "'") {
      let text = '';
      let closed = false;
      index++;
      while (index < expression.length) {
        const next = expression[index++];
        if (next === "'") {
          if (expression[index] !== "'") {
            closed = true;
            break;
          }
          index++;
        }
        text += next;
      }
      if (!closed) throw parseError('Unrecognized value', expression.slice(start), start, expression);
      tokens.push({ kind: 'string', raw: expression.slice(start, index), at: start, value: text });
    } else if ('()[],*'.includes(char)) {
      tokens.push({ kind: char as TokenKind, raw: char, at: index++ });
    } else if (char === '.' && last && ![',', '[', '('].includes(last.kind)) {
      tokens.push({ kind: '.', raw: char, at: index++ });
    } else if (char === '-' || char === '.' || /\d/.test(char)) {
      do index++;
      while (index < expression.length && (!isBreak(expression[index]) || expression[index] === '.'));
      tokens.push(numberOrVersion(expression.slice(start, index), start, expression));
    } else {
      index++;
      while (index < expression.length && !isBreak(expression[index])) index++;
      const raw = expression.slice(start, index);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(raw)) throw parseError('Unrecognized value', raw, start, expression);
      if (last?.kind === '.') tokens.push({ kind: 'property', raw, at: start });
      else if (/^(true|false)$/i.test(raw)) tokens.push({ kind: 'boolean', raw, at: start, value: raw.toLowerCase() === 'true' });
      else tokens.push({ kind: 'keyword', raw, at: start });
    }
  }
  return tokens;
}

/** Two or more dots make a version (`1.2.3`); otherwise `Decimal.TryParse` with a sign and a decimal point. */
function numberOrVersion(raw: string, at: number, expression: string): Token {
  if ((raw.match(/\./g) ?? []).length >= 2) {
    const version = Version.parse(raw);
    if (version) return { kind: 'version', raw, at, value: version };
  } else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw)) {
    return { kind: 'number', raw, at, value: Number(raw) };
  }
  throw parseError('Unrecognized value', raw, at, expression);
}

function parseError(problem: string, raw: string | undefined, at: number, expression: string): ExpressionError {
  if (raw === undefined) return new ExpressionError(`${problem}. ${HELP}`);
  return new ExpressionError(`${problem}: '${raw}'. Located at position ${at + 1} within expression: ${expression}. ${HELP}`);
}

/** A function: how many arguments it takes, and what it does with them (evaluated lazily, for `and`/`or`). */
interface FunctionInfo {
  min: number;
  max: number;
  call(args: readonly Node[], evaluate: (node: Node) => Value): Value;
}

const bool = (node: Node, evaluate: (node: Node) => Value) => toBoolean(evaluate(node));
const text = (node: Node, evaluate: (node: Node) => Value) => tryString(evaluate(node)) ?? '';
/** `EvaluateString`: an array or an object is no string, and the function fails (`EvaluationResult.ConvertToString`). */
const strictText = (node: Node, evaluate: (node: Node) => Value) => {
  const value = evaluate(node);
  const converted = tryString(value);
  if (converted === undefined) throw new TypeCastError(value, 'String');
  return converted;
};
const upper = (value: string) => value.toUpperCase();

/** The documented functions a success criterion may use (`ExpressionConstants.WellKnownFunctions`, in part). */
const FUNCTIONS: Record<string, FunctionInfo> = {
  and: { min: 2, max: Infinity, call: (args, evaluate) => args.every((arg) => bool(arg, evaluate)) },
  or: { min: 2, max: Infinity, call: (args, evaluate) => args.some((arg) => bool(arg, evaluate)) },
  not: { min: 1, max: 1, call: ([arg], evaluate) => !bool(arg, evaluate) },
  xor: { min: 2, max: 2, call: ([a, b], evaluate) => bool(a, evaluate) !== bool(b, evaluate) },
  eq: { min: 2, max: 2, call: ([a, b], evaluate) => valuesEqual(evaluate(a), evaluate(b)) },
  ne: { min: 2, max: 2, call: ([a, b], evaluate) => !valuesEqual(evaluate(a), evaluate(b)) },
  gt: { min: 2, max: 2, call: ([a, b], evaluate) => compareValues(evaluate(a), evaluate(b)) > 0 },
  ge: { min: 2, max: 2, call: ([a, b], evaluate) => compareValues(evaluate(a), evaluate(b)) >= 0 },
  lt: { min: 2, max: 2, call: ([a, b], evaluate) => compareValues(evaluate(a), evaluate(b)) < 0 },
  le: { min: 2, max: 2, call: ([a, b], evaluate) => compareValues(evaluate(a), evaluate(b)) <= 0 },
  in: {
    min: 2,
    max: Infinity,
    call: ([first, ...rest], evaluate) => {
      const left = evaluate(first);
      return rest.some((arg) => valuesEqual(left, evaluate(arg)));
    },
  },
  notIn: {
    min: 2,
    max: Infinity,
    call: ([first, ...rest], evaluate) => {
      const left = evaluate(first);
      return !rest.some((arg) => valuesEqual(left, evaluate(arg)));
    },
  },
  contains: { min: 2, max: 2, call: ([a, b], evaluate) => upper(strictText(a, evaluate)).includes(upper(strictText(b, evaluate))) },
  startsWith: { min: 2, max: 2, call: ([a, b], evaluate) => upper(strictText(a, evaluate)).startsWith(upper(strictText(b, evaluate))) },
  endsWith: { min: 2, max: 2, call: ([a, b], evaluate) => upper(strictText(a, evaluate)).endsWith(upper(strictText(b, evaluate))) },
};

/** What a server task adds to the language: its named values and its functions over the response. */
export interface ServerTaskContext {
  /** `root`, `response`, `variables`, `taskInputs`: each an object the expression may index. */
  namedValues: Record<string, Value>;
  /** The JSON `jsonpath(...)` selects from: the response body. */
  jsonRoot?: JsonValue;
}

/**
 * The server task's functions. `count` gives an array's length (the documented examples count arrays and
 * `jsonpath` results); an object counts its members and null counts 0, which no example shows.
 * `jsonpath` selects from the response body as Json.NET's `SelectTokens` does. `isNullOrEmpty` is true for
 * null and the empty string (`Tasks/AzurePolicyV0`).
 */
function serverTaskFunctions(context: ServerTaskContext): Record<string, FunctionInfo> {
  return {
    count: {
      min: 1,
      max: 1,
      call: ([arg], evaluate) => {
        const value = evaluate(arg);
        if (Array.isArray(value)) return value.length;
        if (kindOf(value) === 'Object') return Object.keys(value as object).length;
        if (value === null) return 0;
        throw new ExpressionError(`count() expects an array, not ${kindOf(value)} ${formatValue(value)}.`);
      },
    },
    jsonpath: {
      min: 1,
      max: 1,
      call: ([arg], evaluate) => selectTokens(context.jsonRoot ?? null, text(arg, evaluate)),
    },
    isNullOrEmpty: { min: 1, max: 1, call: ([arg], evaluate) => [null, ''].includes(evaluate(arg) as string | null) },
  };
}

/** Parses and evaluates an expression, or throws an `ExpressionError` in the service's words. */
export function evaluateExpression(expression: string, context: ServerTaskContext): Value {
  if (expression.length > MAX_LENGTH) throw parseError(`Exceeded max expression length ${MAX_LENGTH}`, undefined, 0, expression);
  const functions = { ...FUNCTIONS, ...serverTaskFunctions(context) };
  const root = parse(expression, functions, Object.keys(context.namedValues));
  const evaluate = (node: Node): Value => {
    switch (node.type) {
      case 'literal':
        return node.value;
      case 'named':
        return lookup(context.namedValues, node.name) ?? null;
      case 'call':
        return lookup(functions, node.name)!.call(node.args, evaluate);
      case 'index':
        return indexInto(evaluate(node.target), node.index === 'wildcard' ? 'wildcard' : evaluate(node.index));
    }
  };
  return evaluate(root);
}

/** Named values and functions are found ignoring case (`StringComparer.OrdinalIgnoreCase`). */
function lookup<T>(table: Record<string, T>, name: string): T | undefined {
  const key = Object.keys(table).find((candidate) => sameIgnoringCase(candidate, name));
  return key === undefined ? undefined : table[key];
}

/**
 * `IndexerNode`: an object by a property name (case-sensitive, as a Json.NET `JObject` is), an array by a
 * whole non-negative number; anything else, or a miss, is null. The wildcard keeps every member, and
 * indexing such a filtered array indexes each of its items.
 */
function indexInto(target: Value, index: Value | 'wildcard'): Value {
  const filtered = typeof target === 'object' && target !== null && filteredArrays.has(target);
  if (!filtered && index !== 'wildcard') return memberOf(target, index) ?? null;
  const result: JsonValue[] = [];
  for (const item of filtered ? (target as JsonValue[]) : [target]) {
    if (index !== 'wildcard') {
      const member = memberOf(item, index);
      if (member !== undefined) result.push(member);
    } else if (Array.isArray(item)) result.push(...item);
    else if (kindOf(item) === 'Object') result.push(...Object.values(item as Record<string, JsonValue>));
  }
  filteredArrays.add(result);
  return result;
}

/** Arrays a wildcard made: indexing one indexes its items. */
const filteredArrays = new WeakSet<object>();

function memberOf(item: Value, index: Value): JsonValue | undefined {
  if (Array.isArray(item)) {
    const position = kindOf(index) === 'String' && index !== '' ? Number(index) : index;
    return typeof position === 'number' && Number.isInteger(position) && position >= 0 ? item[position] : undefined;
  }
  if (kindOf(item) === 'Object') {
    const key = tryString(index);
    return key !== undefined && Object.hasOwn(item as object, key) ? (item as Record<string, JsonValue>)[key] : undefined;
  }
  return undefined;
}

function parse(expression: string, functions: Record<string, FunctionInfo>, namedValues: readonly string[]): Node {
  const tokens = tokenize(expression);
  let position = 0;
  const peek = () => tokens[position];
  const fail = (token: Token | undefined, problem = 'Unexpected symbol'): never => {
    throw parseError(problem, token?.raw, token?.at ?? 0, expression);
  };
  const expect = (kind: TokenKind, problem?: string) => {
    const token = tokens[position++];
    if (token?.kind !== kind) fail(token ?? tokens[position - 2], problem);
    return token;
  };

  const value = (depth: number): Node => {
    if (depth >= MAX_DEPTH) throw parseError(`Exceeded max expression depth ${MAX_DEPTH}`, undefined, 0, expression);
    const token = tokens[position++];
    if (!token) return fail(tokens[position - 2]);
    if (token.value !== undefined) return { type: 'literal', value: token.value };
    if (token.kind !== 'keyword') return fail(token);
    if (lookup(functions, token.raw)) return postfix(call(token, depth), depth);
    if (namedValues.some((name) => sameIgnoringCase(name, token.raw))) return postfix({ type: 'named', name: token.raw }, depth);
    return fail(token, 'Unrecognized value');
  };

  const call = (token: Token, depth: number): Node => {
    const info = lookup(functions, token.raw)!;
    expect('(', "Expected '(' to follow a function");
    const args: Node[] = [];
    if (peek()?.kind !== ')') {
      args.push(value(depth + 1));
      while (peek()?.kind === ',') {
        position++;
        args.push(value(depth + 1));
      }
    }
    const close = tokens[position];
    if (!close) fail(token, 'Unclosed function');
    if (close.kind !== ')' || args.length < info.min || args.length > info.max) fail(close);
    position++;
    return { type: 'call', name: token.raw, args };
  };

  const postfix = (target: Node, depth: number): Node => {
    let node = target;
    for (;;) {
      const token = peek();
      if (token?.kind === '[') {
        position++;
        let index: Node | 'wildcard';
        if (peek()?.kind === '*') {
          position++;
          index = 'wildcard';
        } else index = value(depth + 1);
        if (!tokens[position]) fail(token, 'Unclosed indexer');
        expect(']');
        node = { type: 'index', target: node, index };
      } else if (token?.kind === '.') {
        position++;
        const name = tokens[position++];
        if (!name) fail(token, "Expected a property name to follow the dereference operator '.'");
        if (name.kind === '*') node = { type: 'index', target: node, index: 'wildcard' };
        else if (name.kind === 'property') node = { type: 'index', target: node, index: { type: 'literal', value: name.raw } };
        else fail(name);
      } else return node;
    }
  };

  if (tokens.length === 0) return { type: 'literal', value: null };
  const root = value(0);
  if (position < tokens.length) fail(tokens[position]);
  return root;
}
