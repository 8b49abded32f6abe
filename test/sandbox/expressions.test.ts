/**
 * The sandbox's expression evaluator against the documented examples: Microsoft's expression reference
 * (MicrosoftDocs/azure-devops-docs `docs/pipelines/process/expressions.md`: each function's example, the
 * literals, filtered arrays and the type-casting table), the success criteria of
 * microsoft/azure-pipelines-tasks `docs/authoring/servertaskauthoring.md`, and the criteria Microsoft's
 * own server tasks ship (`Tasks/QueryWorkItemsV0`, `Tasks/AzureMonitorV1`, `Tasks/AzurePolicyV0`).
 */
import assert from 'node:assert/strict';
import { evaluateExpression, ExpressionError, type ServerTaskContext } from '../../sandbox/server-tasks/expressions';
import { selectTokens } from '../../sandbox/server-tasks/jsonpath';
import { Version, type JsonValue } from '../../sandbox/server-tasks/values';

const evaluate = (expression: string, context: Partial<ServerTaskContext> = {}) =>
  evaluateExpression(expression, { namedValues: {}, ...context });

/** A server task's HttpRequest context: the response body is `root` and what `jsonpath` reads. */
const withBody = (body: JsonValue): Partial<ServerTaskContext> => ({ namedValues: { root: body }, jsonRoot: body });

describe('sandbox expressions: the documented examples', () => {
  describe('servertaskauthoring.md success criteria', () => {
    it("eq(root['status'], 'successful') on an object with that status", () => {
      const body = { id: 5, name: 'myObject', description: 'this is my object description', status: 'successful' };
      assert.equal(evaluate("eq(root['status'], 'successful')", withBody(body)), true);
      assert.equal(evaluate("eq(root['status'], 'successful')", withBody({ ...body, status: 'failed' })), false);
    });

    it("ge(count(root['ActiveReleaseNames']), 3) on three names", () => {
      const body = { ActiveReleaseNames: ['Release1', 'Release2', 'Release3'] };
      assert.equal(evaluate("ge(count(root['ActiveReleaseNames']), 3)", withBody(body)), true);
      assert.equal(evaluate("ge(count(root['ActiveReleaseNames']), 4)", withBody(body)), false);
    });

    it('and(eq(count(jsonpath(...price<50)), 1), eq(count(jsonpath(...price>60)), 2)) on three items', () => {
      const body = {
        Items: [
          { name: 'item1', price: 100 },
          { name: 'item2', price: 40 },
          { name: 'item3', price: 70 },
        ],
      };
      const expression = "and(eq(count(jsonpath('Items[?(@.price<50)]')), 1), eq(count(jsonpath('Items[?(@.price>60)]')), 2))";
      assert.equal(evaluate(expression, withBody(body)), true);
    });
  });

  describe("Microsoft's server tasks", () => {
    it("QueryWorkItemsV0: a flat query's work items between the thresholds, with the inputs macro-expanded", () => {
      const expression =
        "xor(and(or(eq(root['queryType'], 'oneHop'), eq(root['queryType'], 'tree')), and(le(count(root['workItemRelations']), 2), " +
        "ge(count(root['workItemRelations']), 0))), and(eq(root['queryType'], 'flat'), and(le(count(root['workItems']), 2), " +
        "ge(count(root['workItems']), 0))))";
      assert.equal(evaluate(expression, withBody({ queryType: 'flat', workItems: [{ id: 1 }] })), true);
      assert.equal(evaluate(expression, withBody({ queryType: 'flat', workItems: [{ id: 1 }, { id: 2 }, { id: 3 }] })), false);
      assert.equal(evaluate(expression, withBody({ queryType: 'tree', workItemRelations: [] })), true);
    });

    it("AzureMonitorV1: eq(count(jsonpath('$.value[*]')), 0) passes with no alert", () => {
      assert.equal(evaluate("eq(count(jsonpath('$.value[*]')), 0)", withBody({ value: [] })), true);
      assert.equal(evaluate("eq(count(jsonpath('$.value[*]')), 0)", withBody({ value: [{ id: 'a' }] })), false);
    });

    it("AzurePolicyV0: a chain step reads response['statuscode'] and response['content']", () => {
      const response = { statuscode: 'OK', content: { status: 'Succeeded' } };
      const expression = "and(eq(response['statuscode'], 'OK'), eq(response['content']['status'], 'Succeeded'))";
      assert.equal(evaluate(expression, { namedValues: { response } }), true);
      assert.equal(evaluate(expression, { namedValues: { response: { ...response, statuscode: 'Accepted' } } }), false);
      assert.equal(evaluate("isNullOrEmpty(taskInputs['resources'])", { namedValues: { taskInputs: { resources: '' } } }), true);
    });
  });

  describe("expressions.md's functions", () => {
    const examples: [string, boolean][] = [
      ["contains('ABCDE', 'BCD')", true],
      ["endsWith('ABCDE', 'DE')", true],
      ["startsWith('ABCDE', 'AB')", true],
      ['ge(5, 5)', true],
      ['gt(5, 2)', true],
      ["in('B', 'A', 'B', 'C')", true],
      ['le(2, 2)', true],
      ['lt(2, 5)', true],
      ['ne(1, 2)', true],
      ['not(eq(1, 2))', true],
      ["notIn('D', 'A', 'B', 'C')", true],
      ['or(eq(1, 1), eq(2, 3))', true],
      ['xor(True, False)', true],
    ];
    for (const [expression, expected] of examples) it(expression, () => assert.equal(evaluate(expression), expected));

    it("and(eq(variables.letters, 'ABC'), eq(variables.numbers, 123)), by property dereference", () => {
      const variables = { letters: 'abc', numbers: '123' };
      assert.equal(evaluate("and(eq(variables.letters, 'ABC'), eq(variables.numbers, 123))", { namedValues: { variables } }), true);
    });

    it('contains, startsWith and endsWith take strings: an array or an object is an error, null is empty', () => {
      const root = { value: [{ options: 'elasticPool, singleUseAgents' }], missing: null };
      assert.equal(evaluate("contains(root['value'][0]['options'], 'ELASTICPOOL')", { namedValues: { root } }), true);
      assert.equal(evaluate("contains(root['missing'], 'elasticPool')", { namedValues: { root } }), false);
      assert.throws(
        () => evaluate("contains(root['value'], 'elasticPool')", { namedValues: { root } }),
        /Unable to convert from Array to String/,
      );
      assert.throws(() => evaluate("startsWith(root, '')", { namedValues: { root } }), /Unable to convert from Object to String/);
      assert.throws(() => evaluate("endsWith('x', root['value'])", { namedValues: { root } }), /Unable to convert from Array to String/);
    });

    it('compares strings ordinally, ignoring case', () => {
      assert.equal(evaluate("eq('ABC', 'abc')"), true);
      assert.equal(evaluate("gt('b', 'A')"), true);
    });

    it("short-circuits: and stops at the first False, or at the first True (a failing gt(5, 'x') is never reached)", () => {
      assert.equal(evaluate("and(eq(1, 2), gt(5, 'x'))"), false);
      assert.equal(evaluate("or(eq(1, 1), gt(5, 'x'))"), true);
      assert.throws(() => evaluate("gt(5, 'x')"), /Unable to convert from String to Number\. Value: 'x'/);
    });
  });

  describe("expressions.md's literals", () => {
    it('booleans ignore case, strings escape a quote by doubling it, numbers may be negative or fractional, versions have 2 or 3 dots', () => {
      assert.equal(evaluate('TRUE'), true);
      assert.equal(evaluate("'It''s OK if they''re using contractions.'"), "It's OK if they're using contractions.");
      assert.equal(evaluate('-1.2'), -1.2);
      assert.equal(evaluate('.5'), 0.5);
      assert.deepEqual(evaluate('1.2.3.4'), new Version([1, 2, 3, 4]));
    });

    it('a dictionary miss is null', () => {
      assert.equal(evaluate("variables['noSuch']", { namedValues: { variables: {} } }), null);
      assert.equal(evaluate("eq(variables['noSuch'], '')", { namedValues: { variables: {} } }), true);
    });
  });

  it("expressions.md's filtered arrays: foo.*.id is every id", () => {
    const foo = [
      { id: 1, a: 'avalue1' },
      { id: 2, a: 'avalue2' },
      { id: 3, a: 'avalue3' },
    ];
    assert.deepEqual(evaluate('foo.*.id', { namedValues: { foo } }), [1, 2, 3]);
    assert.deepEqual(evaluate("foo[*]['a']", { namedValues: { foo } }), ['avalue1', 'avalue2', 'avalue3']);
    assert.equal(evaluate('count(foo.*.id)', { namedValues: { foo } }), 3);
  });

  describe("expressions.md's type casting", () => {
    it('null is False, 0 and the empty string', () => {
      assert.equal(evaluate('eq(False, nothing)', { namedValues: { nothing: null } }), true);
      assert.equal(evaluate('eq(0, nothing)', { namedValues: { nothing: null } }), true);
      assert.equal(evaluate("eq('', nothing)", { namedValues: { nothing: null } }), true);
    });

    it('a boolean is the number 1 or 0 and the string true or false', () => {
      assert.equal(evaluate('eq(1, True)'), true);
      assert.equal(evaluate('eq(0, False)'), true);
      assert.equal(evaluate("eq('true', True)"), true);
    });

    it('a number is False only when 0, and converts to a version only with a non-zero fraction', () => {
      assert.equal(evaluate('eq(True, 2)'), true);
      assert.equal(evaluate('eq(False, 0)'), true);
      assert.equal(evaluate('eq(1.2.0, 1.2)'), false, 'version 1.2 is not 1.2.0');
      assert.equal(evaluate('eq(1.2, 1.2)'), true);
      assert.equal(evaluate('eq(1.0.0, 1)'), false, 'the number 1 is not a version');
    });

    it('a string is False only when empty; to a number by Int32.TryParse-like rules; to a version by Version.TryParse', () => {
      assert.equal(evaluate("eq(True, 'false')"), true, "any non-empty string is True, even 'false'");
      assert.equal(evaluate("eq(False, '')"), true);
      assert.equal(evaluate("eq(1000, ' 1,000 ')"), true, 'thousands and white space');
      assert.equal(evaluate("eq(0, '')"), true);
      assert.equal(evaluate("eq(1, 'one')"), false, 'not convertible: not equal');
      assert.equal(evaluate("ne(1, 'one')"), true);
      assert.equal(evaluate("eq(3.232.1, '3.232.1')"), true);
      assert.equal(evaluate("lt(3.232.1, '3.240.0')"), true, 'as versions, not as strings');
      assert.equal(evaluate("lt('3.232.1', '10.0.0')"), false, 'a string on the left compares as strings');
    });

    it('a version is True and the string of its components', () => {
      assert.equal(evaluate('eq(True, 1.2.3)'), true);
      assert.equal(evaluate("eq('1.2.3', 1.2.3)"), true);
    });

    it('a number is written without a thousands separator and with at most seven decimals', () => {
      assert.equal(evaluate("eq('1234567.5', 1234567.5)"), true);
      assert.equal(evaluate("eq('0.3333333', third)", { namedValues: { third: 1 / 3 } }), true);
    });
  });

  describe('indexing, as the service does', () => {
    const body = { value: [{ id: 12, name: 'keda' }], count: 1 };

    it('objects by property name, arrays by a whole non-negative number (or its text); anything else is null', () => {
      assert.equal(evaluate("root['value'][0]['id']", withBody(body)), 12);
      assert.equal(evaluate('root.value[0].name', withBody(body)), 'keda');
      assert.equal(evaluate("root['value']['0']['id']", withBody(body)), 12);
      assert.equal(evaluate("root['value'][1]", withBody(body)), null);
      assert.equal(evaluate("root['value'][-1]", withBody(body)), null);
      assert.equal(evaluate("root['Value']", withBody(body)), null, 'a JSON member name is case-sensitive');
      assert.equal(evaluate("root['count']['x']", withBody(body)), null);
    });

    it('named values and functions ignore case', () => {
      assert.equal(evaluate("COUNT(Root['value'])", withBody(body)), 1);
    });
  });

  describe('errors, in the service words', () => {
    const fails = (expression: string, message: RegExp) =>
      assert.throws(
        () => evaluate(expression, withBody({})),
        (error: unknown) => error instanceof ExpressionError && message.test(error.message),
      );

    it('an unknown keyword, an unclosed function, a wrong number of parameters, a trailing symbol', () => {
      fails('eq(foo, 1)', /^Unrecognized value: 'foo'\. Located at position 4 within expression: eq\(foo, 1\)\./);
      fails('eq(1, 1', /^Unclosed function: 'eq'/);
      fails('eq(1)', /^Unexpected symbol: '\)'/);
      fails("eq(1, 1) 'x'", /^Unexpected symbol: ''x''/);
      fails("'abc'[0]", /^Unexpected symbol: '\['/);
      fails("root['a'", /^Unclosed indexer/);
      fails('eq(1, 1', /For more help, refer to https:\/\/go\.microsoft\.com\/fwlink\/\?linkid=842996$/);
    });
  });
});

describe('sandbox jsonpath, as Json.NET selects tokens', () => {
  const body = {
    value: [
      { id: 1, name: 'a', properties: { enabled: true } },
      { id: 2, name: 'b', properties: { enabled: false } },
    ],
  };

  it('roots, members, indices, wildcards and filters with && and ||', () => {
    assert.deepEqual(selectTokens(body, '$.value[*].id'), [1, 2]);
    assert.deepEqual(selectTokens(body, 'value[*].name'), ['a', 'b']);
    assert.deepEqual(selectTokens(body, "$['value'][1].id"), [2]);
    assert.deepEqual(selectTokens(body, '$.value[?(@.properties.enabled == true)].id'), [1]);
    assert.deepEqual(selectTokens(body, "$.value[?(@.id > 1 || @.name == 'a')].id"), [1, 2]);
    assert.deepEqual(selectTokens(body, "$.value[?(@.id > 1 && @.name == 'a')].id"), []);
    assert.deepEqual(selectTokens(body, '$.missing[*]'), []);
  });
});
