/**
 * Agents written and filtered as the service does it. Sources: what the agent sends
 * (microsoft/azure-pipelines-agent src/Agent.Listener/Configuration/ConfigurationManager.cs
 * `CreateNewAgent`, `UpdateExistingAgent`, and AgentServer.cs: `ReplaceAgentAsync` is the PUT) and what
 * the service does with it (Azure DevOps Server 2022's `TaskAgentsBaseController`, `ArgumentValidation`,
 * `DistributedTaskResourceService`, `TaskResourceComponent*`, decompiled in mjwrona/decompiled). The
 * confidence of each rule is in sandbox/README.md.
 */
import assert from 'node:assert/strict';
import { getPersonalAccessTokenHandler, WebApi } from 'azure-devops-node-api';
import type { ITaskAgentApi } from 'azure-devops-node-api/TaskAgentApi';
import { startSandbox, type Sandbox } from '../../sandbox';
import { ADMIN_PAT, call, ORG, READER_PAT, basic, tinyScenario } from './tiny-scenario';

const WRITE = { Accept: 'application/json;api-version=7.1', 'Content-Type': 'application/json' };

/** What `config.sh` sends for a new agent (`CreateNewAgent`), with the capabilities a pod reports. */
function registration(name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    version: '4.248.0',
    osDescription: 'Linux 6.8.0-1017-azure #20-Ubuntu SMP',
    maxParallelism: 1,
    provisioningState: 'Provisioned',
    authorization: { publicKey: { exponent: 'AQAB', modulus: 'u2FsdGVkX1+modulus==' } },
    systemCapabilities: {
      'Agent.Name': name,
      'Agent.Version': '4.248.0',
      'Agent.OS': 'Linux',
      'Agent.OSArchitecture': 'X64',
      KUBERNETES_SERVICE_HOST: '10.0.0.1',
      HOSTNAME: name,
    },
    ...extra,
  };
}

describe('sandbox agent writes', () => {
  let sandbox: Sandbox;
  let agents: string;
  const post = (body: unknown, pool = 1, headers: Record<string, string> = {}) =>
    call(`${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools/${pool}/agents`, {
      method: 'POST',
      headers: { ...WRITE, ...headers },
      body: JSON.stringify(body),
    });
  const write = (method: 'PUT' | 'PATCH', agentId: number, body: unknown) =>
    call(`${agents}/${agentId}`, { method, headers: WRITE, body: JSON.stringify(body) });
  const read = async (agentId: number) => (await call(`${agents}/${agentId}?includeCapabilities=true`)).json();

  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: tinyScenario() });
    agents = `${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools/1/agents`;
  });
  afterEach(() => sandbox.stop());

  it("accepts the agent's real registration body as it is and serves it back", async () => {
    const response = await post(registration('keda-scaledjob-x7k2p-q9d4m', { status: 'online', enabled: false }));
    assert.equal(response.status, 200);
    const created = response.json();
    const stored = await read(created.id);
    for (const agent of [created, stored]) {
      assert.equal(agent.name, 'keda-scaledjob-x7k2p-q9d4m');
      assert.equal(agent.version, '4.248.0');
      assert.equal(agent.osDescription, 'Linux 6.8.0-1017-azure #20-Ubuntu SMP');
      assert.equal(agent.maxParallelism, 1);
      assert.equal(agent.provisioningState, 'Provisioned');
      assert.deepEqual(agent.authorization.publicKey, { exponent: 'AQAB', modulus: 'u2FsdGVkX1+modulus==' });
      assert.match(agent.authorization.clientId, /^[0-9a-f-]{36}$/);
      assert.equal(agent.status, 'offline', 'offline until the agent opens a session, whatever the body says');
      assert.equal(agent.enabled, true, 'prc_AddAgent takes no enabled flag');
      assert.deepEqual(Object.keys(agent.systemCapabilities).slice(0, 2), ['Agent.Name', 'Agent.Version']);
      assert.equal(agent.systemCapabilities.KUBERNETES_SERVICE_HOST, '10.0.0.1');
    }
  });

  it('stores the user capabilities a registration carries', async () => {
    const created = (await post(registration('with-user', { userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' } }))).json();
    assert.deepEqual(created.userCapabilities, { 'KedaPoolGuard.Placeholder': 'true' });
    assert.deepEqual((await read(created.id)).userCapabilities, { 'KedaPoolGuard.Placeholder': 'true' });
    assert.equal(sandbox.org(ORG).matchingAgents(1, ['KedaPoolGuard.Placeholder -equals TRUE']).length, 2);
  });

  it('derives Agent.Name and Agent.Version from name and version, whatever the capabilities claim', async () => {
    const claims = registration('claims', {
      systemCapabilities: { 'Agent.Version': '9.9.9', 'agent.name': 'someone-else', kubectl: '/usr/bin/kubectl' },
      userCapabilities: { 'AGENT.VERSION': '9.9.9' },
    });
    const created = (await post(claims)).json();
    assert.deepEqual(created.systemCapabilities, { 'Agent.Name': 'claims', 'Agent.Version': '4.248.0', kubectl: '/usr/bin/kubectl' });
    const stored = await read(created.id);
    assert.deepEqual(stored.systemCapabilities, { 'Agent.Name': 'claims', 'Agent.Version': '4.248.0', kubectl: '/usr/bin/kubectl' });
    assert.equal(stored.userCapabilities, undefined, 'a user capability cannot stand in for Agent.Version either');
    const byVersion = (await call(`${agents}?demands=${encodeURIComponent('Agent.Version -gtVersion 9.0')}`)).json();
    assert.deepEqual(byVersion.value, []);
  });

  it('takes a missing version from the Agent.Version capability, and else registers 1.0.0', async () => {
    const fromCapability = (await post({ name: 'from-capability', systemCapabilities: { 'Agent.Version': '3.240.1' } })).json();
    assert.equal(fromCapability.version, '3.240.1');
    assert.equal((await post({ name: 'no-version' })).json().version, '1.0.0');
  });

  it('refuses what ArgumentValidation.CheckAgent refuses, with its messages', async () => {
    const refusals: [unknown, string | RegExp][] = [
      [undefined, 'Value cannot be null.\r\nParameter name: agent'],
      [{ version: '4.248.0' }, 'Value cannot be null.\r\nParameter name: agent.Name'],
      [{ name: '', version: '4.248.0' }, 'The string must have at least one character.\r\nParameter name: agent.Name'],
      [
        { name: 'a/b', version: '4.248.0' },
        `The agent name 'a/b' is not valid. A valid agent name is less than 64 characters in length and does not include '"', '/', ':', '<', '>', '\\', '|', '*' and '?'.\r\nParameter name: agent.Name`,
      ],
      [{ name: 'x'.repeat(65), version: '4.248.0' }, /^The agent name 'x{65}' is not valid/],
      [
        { name: 'bad-version', version: '4' },
        'The agent version cannot be empty and must be of the format major.minor.patch.build[-semver].\r\nParameter name: agent.Version',
      ],
      [
        { name: 'bad-capability', version: '4.248.0', systemCapabilities: { ' java': '17' } },
        "Capability name ' java' is not valid. Capability names must be less than 256 characters in length and may not start or end with whitespace characters.\r\nParameter name: agent.SystemCapabilities",
      ],
      [
        { name: 'long-value', version: '4.248.0', userCapabilities: { path: 'x'.repeat(1025) } },
        "Capability 'path' contains a value which is too long. Capability values must be less than 1024 characters in length.\r\nParameter name: agent.UserCapabilities",
      ],
    ];
    for (const [body, message] of refusals) {
      const response = await call(agents, { method: 'POST', headers: WRITE, body: body === undefined ? '' : JSON.stringify(body) });
      assert.equal(response.status, 400, JSON.stringify(body));
      if (message instanceof RegExp) assert.match(response.json().message, message);
      else assert.equal(response.json().message, message);
    }
    assert.equal(sandbox.org(ORG).listAgents(1).length, 2, 'nothing was registered');
    const named64 = await post({ name: `  ${'n'.repeat(60)}  `, version: '4.248.0' });
    assert.equal(named64.json().name, 'n'.repeat(60), 'a name of 64 characters is valid, and trimmed');
  });

  it('answers PUT as config.sh --replace needs it: system capabilities replaced, user capabilities kept', async () => {
    // The agent finds itself by name without capabilities, refreshes key, version, OS and capabilities, and PUTs.
    const [found] = (await call(`${agents}?agentName=keda-placeholder&includeCapabilities=False`)).json().value;
    assert.equal(found.systemCapabilities, undefined);
    const replaced = {
      ...found,
      version: '4.252.0',
      osDescription: 'Linux 6.9',
      authorization: { publicKey: { exponent: 'AQAB', modulus: 'bmV3LWtleQ==' } },
      systemCapabilities: { 'Agent.Name': 'keda-placeholder', 'Agent.Version': '4.252.0', helm: '/usr/bin/helm' },
    };
    const response = await write('PUT', found.id, replaced);
    assert.equal(response.status, 200);
    const stored = await read(found.id);
    assert.equal(stored.version, '4.252.0');
    assert.equal(stored.osDescription, 'Linux 6.9');
    assert.deepEqual(stored.authorization.publicKey, { exponent: 'AQAB', modulus: 'bmV3LWtleQ==' });
    assert.deepEqual(stored.systemCapabilities, { 'Agent.Name': 'keda-placeholder', 'Agent.Version': '4.252.0', helm: '/usr/bin/helm' });
    assert.deepEqual(stored.userCapabilities, { 'KedaPoolGuard.Placeholder': 'true' });
    assert.equal(stored.status, 'offline', 'a PUT does not bring an agent online');
  });

  it('leaves capabilities alone on PATCH, though the answer echoes what was sent', async () => {
    const response = await write('PATCH', 10, {
      id: 10,
      enabled: false,
      systemCapabilities: { helm: '/usr/bin/helm' },
      userCapabilities: {},
    });
    assert.equal(response.status, 200);
    assert.deepEqual(response.json().systemCapabilities, {
      'Agent.Name': 'keda-placeholder',
      'Agent.Version': '4.248.0',
      helm: '/usr/bin/helm',
    });
    const stored = await read(10);
    assert.equal(stored.enabled, false);
    assert.deepEqual(stored.systemCapabilities, {
      'Agent.Name': 'keda-placeholder',
      'Agent.Version': '4.248.0',
      'Agent.OS': 'Linux',
      kubectl: '/usr/bin/kubectl',
    });
    assert.deepEqual(stored.userCapabilities, { 'KedaPoolGuard.Placeholder': 'true' });
  });

  it('changes the agent the body names on PUT and PATCH, not the one in the URL', async () => {
    assert.equal((await write('PATCH', 10, { id: 11, enabled: false })).json().name, 'keda-scaledjob-x7k2p-9qzrt');
    assert.equal(sandbox.org(ORG).getAgent(1, 11)?.enabled, false);
    assert.equal(sandbox.org(ORG).getAgent(1, 10)?.enabled, true);
    const withoutId = await write('PATCH', 10, { enabled: false });
    assert.equal(withoutId.status, 404);
    assert.equal(withoutId.json().message, 'No agent found for pool 1 with identifier 0.');
  });

  it('deletes an agent, then answers 404 for it, and the empty pool message once the pool is empty', async () => {
    const remove = (pool: number, agentId: number) =>
      call(`${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools/${pool}/agents/${agentId}`, { method: 'DELETE', headers: WRITE });
    assert.equal((await remove(1, 10)).status, 204);
    const gone = await remove(1, 10);
    assert.deepEqual([gone.status, gone.json().message], [404, 'No agent found for pool 1 with identifier 10.']);
    const empty = await remove(2, 10);
    assert.deepEqual(
      [empty.status, empty.json().typeKey, empty.json().message],
      [404, 'TaskAgentNotFoundException', 'No agents were found in pool 2. Configure an agent for the pool and try again.'],
    );
  });
});

describe('sandbox agents?demands=', () => {
  let sandbox: Sandbox;
  let api: ITaskAgentApi;
  const list = (query: string, pat = ADMIN_PAT) =>
    call(`${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools/1/agents?${query}`, { headers: { Authorization: basic(pat) } });

  beforeEach(async () => {
    sandbox = await startSandbox({ scenario: tinyScenario() });
    api = await new WebApi(sandbox.orgUrl(ORG), getPersonalAccessTokenHandler(ADMIN_PAT)).getTaskAgentApi();
  });
  afterEach(() => sandbox.stop());

  const names = (agents: { name?: string }[]) => agents.map((agent) => agent.name);

  it('filters with the service rules through azure-devops-node-api, offline and disabled agents included', async () => {
    sandbox.org(ORG).updateAgent(1, 10, { enabled: false });
    assert.deepEqual(names(await api.getAgents(1, undefined, false, false, false, undefined, ['kubectl'])), [
      'keda-placeholder',
      'keda-scaledjob-x7k2p-9qzrt',
    ]);
    assert.deepEqual(
      names(await api.getAgents(1, undefined, false, false, false, undefined, ['kubectl', 'KedaPoolGuard.Placeholder -equals TRUE'])),
      ['keda-placeholder'],
    );
    assert.deepEqual(names(await api.getAgents(1, undefined, false, false, false, undefined, ['Agent.Name -equals keda-placeholder'])), [
      'keda-placeholder',
    ]);
    assert.deepEqual(names(await api.getAgents(1, 'KEDA-PLACEHOLDER', false, false, false, undefined, ['kubectl'])), ['keda-placeholder']);
  });

  it('loads only the demanded capabilities and reads no include flag', async () => {
    const [placeholder] = (
      await list('demands=kubectl,KedaPoolGuard.Placeholder&includeCapabilities=false&includeAssignedRequest=true')
    ).json().value;
    assert.deepEqual(placeholder.systemCapabilities, {
      'Agent.Name': 'keda-placeholder',
      'Agent.Version': '4.248.0',
      kubectl: '/usr/bin/kubectl',
    });
    assert.deepEqual(placeholder.userCapabilities, { 'KedaPoolGuard.Placeholder': 'true' });
  });

  it('answers a malformed demand with 400 and the service error body', async () => {
    const cases: [string, string][] = [
      ['java -Equals 17', 'The value java -Equals 17 not a valid demand expression.\r\nParameter name: demands'],
      ['kubectl, helm', 'The value  helm not a valid demand expression.\r\nParameter name: demands'],
      ['java -equals ', 'The string must have at least one character.\r\nParameter name: value'],
    ];
    for (const [demands, message] of cases) {
      const response = await list(`demands=${encodeURIComponent(demands)}`);
      assert.equal(response.status, 400, demands);
      const body = response.json();
      assert.deepEqual([body.typeKey, body.typeName, body.message], ['ArgumentException', 'System.ArgumentException, mscorlib', message]);
    }
    await assert.rejects(
      api.getAgents(1, undefined, false, false, false, undefined, ['java -Equals 17']),
      (error: Error & { statusCode?: number }) => {
        assert.equal(error.statusCode, 400);
        assert.equal(error.message, 'The value java -Equals 17 not a valid demand expression.\r\nParameter name: demands');
        return true;
      },
    );
    assert.equal((await list('demands=,kubectl,,')).status, 200, 'empty items are skipped');
  });

  it('answers a caller without View on the pool with no agents, as the service does (GetAgents(demandSets))', async () => {
    assert.equal((await list('demands=kubectl', READER_PAT)).json().count, 2);
    const hidden = await call(`${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools/3/agents?demands=java`, {
      headers: { Authorization: basic(READER_PAT) },
    });
    assert.deepEqual([hidden.status, hidden.json()], [200, { count: 0, value: [] }]);
  });
});

describe('sandbox agents of pools the service provisions', () => {
  let sandbox: Sandbox;
  beforeEach(async () => {
    const scenario = tinyScenario();
    scenario.organizations[0].pools.push(
      { id: 5, name: 'Azure Pipelines', isHosted: true, agents: [{ id: 50, name: 'Hosted Agent', version: '4.248.0', status: 'online' }] },
      { id: 6, name: 'managed', agentCloudId: 3, agents: [{ id: 60, name: 'mdp-agent-1', version: '4.248.0', status: 'online' }] },
    );
    sandbox = await startSandbox({ scenario });
  });
  afterEach(() => sandbox.stop());

  it('refuses registrations and removals in hosted and agent-cloud pools with 403', async () => {
    const pools = `${sandbox.orgUrl(ORG)}/_apis/distributedtask/pools`;
    const cases: [string, string, string][] = [
      [
        'POST',
        `${pools}/5/agents`,
        'Cannot modify agents for pool Azure Pipelines because it is hosted and managed by the system. Agents may only be registered with private pools.',
      ],
      ['DELETE', `${pools}/5/agents/50`, 'Access Denied. Microsoft-hosted agent pools cannot be modified.'],
      [
        'POST',
        `${pools}/6/agents`,
        'Cannot modify agents for pool managed because it is backed by an agent cloud and managed by the system. Agents can be added/removed by updating target size of pool',
      ],
      [
        'DELETE',
        `${pools}/6/agents/60`,
        'Access denied. Agent cloud-backed pools cannot be modified. Modify target size of pool to add or remove agents.',
      ],
    ];
    for (const [method, url, message] of cases) {
      const response = await call(url, {
        method,
        headers: WRITE,
        body: method === 'POST' ? JSON.stringify({ name: 'mine', version: '4.248.0' }) : undefined,
      });
      assert.deepEqual(
        [response.status, response.json().typeKey, response.json().message],
        [403, 'AccessDeniedException', message],
        `${method} ${url}`,
      );
    }
  });
});
