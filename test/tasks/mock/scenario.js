// One MockTestRunner scenario for every case: the test passes the inputs in KPG_MOCK_INPUTS and
// the task runs unbundled, from its TypeScript source, so task-lib's mock stands in for the real one.
require('tsx/cjs');
const path = require('node:path');
const { TaskMockRunner } = require('azure-pipelines-task-lib/mock-run');

const runner = new TaskMockRunner(path.join(__dirname, '..', '..', '..', 'tasks', 'KedaPoolGuardV1', 'index.ts'));
for (const [name, value] of Object.entries(JSON.parse(process.env.KPG_MOCK_INPUTS || '{}'))) runner.setInput(name, value);
runner.run();
