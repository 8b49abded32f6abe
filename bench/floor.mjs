// The floor of the task benchmark: start node and make the requests a one-pool check makes, with
// the built-in fetch, nothing else. Usage: node floor.mjs <organization URL> <pool> <bearer token>
const [orgUrl, poolName, token] = process.argv.slice(2);
const headers = { Accept: 'application/json;api-version=7.1', Authorization: `Bearer ${token}`, 'X-TFS-FedAuthRedirect': 'Suppress' };
const get = async (path) => (await fetch(`${orgUrl}/_apis/distributedtask/${path}`, { headers })).json();
const {
  value: [pool],
} = await get(`pools?poolName=${encodeURIComponent(poolName)}`);
const [agents, requests] = await Promise.all([
  get(`pools/${pool.id}/agents?includeCapabilities=true&includeAssignedRequest=true&includeLastCompletedRequest=true`),
  get(`pools/${pool.id}/jobrequests?completedRequestCount=0`),
]);
console.log(`${agents.count} agents, ${requests.count} unfinished requests`);
