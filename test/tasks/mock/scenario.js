// One MockTestRunner scenario for every case: the test passes the inputs in KPG_MOCK_INPUTS and
// the task runs unbundled, from its TypeScript source, so task-lib's mock stands in for the real one.
require('tsx/cjs');
const path = require('node:path');
const { TaskMockRunner } = require('azure-pipelines-task-lib/mock-run');

const ROOT = path.join(__dirname, '..', '..', '..');
const runner = new TaskMockRunner(path.join(ROOT, 'tasks', 'KedaPoolGuardV1', 'index.ts'));
for (const [name, value] of Object.entries(JSON.parse(process.env.KPG_MOCK_INPUTS || '{}'))) runner.setInput(name, value);

// KPG_MOCK_BUG: a bug of ours planted in the client (it reads a member the pools do not have), to see the
// task report an internal error as such.
if (process.env.KPG_MOCK_BUG === '1') {
  const client = require(path.join(ROOT, 'core', 'ado', 'client.ts'));
  class ClientWithBug extends client.RestAdoClient {
    async listPools(name) {
      return (await super.listPools(name)).map((pool) => ({ ...pool, name: pool.owner.name }));
    }
  }
  runner.registerMock('../../core/ado/client', { ...client, RestAdoClient: ClientWithBug });
}
runner.run();
