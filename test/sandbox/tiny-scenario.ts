/** A small organization for the sandbox's own tests, plus raw HTTP helpers. */
import type { Scenario } from '../../sandbox/scenario-types';

export const ORG = 'contoso';
export const ADMIN_PAT = 'a'.repeat(52);
export const ADMIN_BEARER = 'admin-bearer-token';
export const READER_PAT = 'r'.repeat(52);
export const READER_NAME = 'Pool Reader';
export const BUILD_SERVICE_BEARER = 'build-service-token';

/** Pool ids: keda 1, empty 2, static 3 (invisible to the reader), big 4 (for paging tests). */
export function tinyScenario(bigPoolRequests = 0): Scenario {
  return {
    organizations: [
      {
        name: ORG,
        identities: [
          { name: 'Contoso Admin', pat: ADMIN_PAT, bearer: ADMIN_BEARER, poolRoles: { '*': 'Administrator' } },
          { name: READER_NAME, pat: READER_PAT, poolRoles: { keda: 'Reader', empty: 'Reader', big: 'Reader' } },
          { name: 'Project Collection Build Service (contoso)', bearer: BUILD_SERVICE_BEARER, poolRoles: { keda: 'User' } },
        ],
        projects: [{ name: 'web', queues: { 'keda-queue': 'keda', empty: 'empty', static: 'static' } }],
        pools: [
          {
            id: 1,
            name: 'keda',
            createdOn: '-30d',
            agents: [
              {
                id: 10,
                name: 'keda-placeholder',
                version: '4.248.0',
                status: 'offline',
                osDescription: 'Linux 6.8.0-1017-azure #20-Ubuntu SMP',
                createdOn: '-2d',
                statusChangedOn: '-2d',
                systemCapabilities: { 'Agent.Version': '4.248.0', 'Agent.OS': 'Linux', kubectl: '/usr/bin/kubectl' },
                userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' },
              },
              {
                id: 11,
                name: 'keda-scaledjob-x7k2p-9qzrt',
                version: '4.248.0',
                status: 'online',
                createdOn: '-10m',
                systemCapabilities: { 'Agent.Version': '4.248.0', kubectl: '/usr/bin/kubectl', KUBERNETES_SERVICE_HOST: '10.0.0.1' },
              },
            ],
            jobRequests: [
              {
                requestId: 100,
                demands: ['kubectl'],
                queueTime: '-1h',
                receiveTime: '-59m',
                finishTime: '-50m',
                result: 'succeeded',
                agent: 'keda-scaledjob-x7k2p-9qzrt',
              },
              { requestId: 101, demands: ['kubectl'], queueTime: '-5m', receiveTime: '-4m', agent: 'keda-scaledjob-x7k2p-9qzrt' },
              { requestId: 102, demands: ['kubectl', 'helm'], queueTime: '-1m' },
              { requestId: 103, demands: ['kubectl'], queueTime: '-30s' },
            ],
          },
          { id: 2, name: 'empty', agents: [] },
          {
            id: 3,
            name: 'static',
            agents: [{ id: 30, name: 'vm-1', version: '3.240.1', status: 'online', systemCapabilities: { java: '17' } }],
          },
          {
            id: 4,
            name: 'big',
            agents: [{ id: 40, name: 'big-agent', version: '4.248.0', status: 'online' }],
            jobRequests: Array.from({ length: bigPoolRequests }, (_, index) => ({
              requestId: 1000 + index,
              demands: [],
              queueTime: `-${bigPoolRequests - index}m`,
              finishTime: `-${bigPoolRequests - index}m`,
              result: 'succeeded',
              agent: 'big-agent',
            })),
          },
        ],
      },
    ],
  };
}

export const basic = (pat: string) => `Basic ${Buffer.from(`:${pat}`).toString('base64')}`;

/** A raw request as KEDA or curl would send it; `headers` replace the defaults. */
export async function call(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal } = {},
): Promise<{ status: number; headers: Headers; text: string; json: () => any }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { Authorization: basic(ADMIN_PAT), ...init.headers },
    body: init.body,
    signal: init.signal,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}
