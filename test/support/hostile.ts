/**
 * An organization whose every name, capability, demand and error message tries to act: logging
 * commands (`##vso[...]`, `##[...]`, with `]`, `;`, `%`, `\r`, `\n`), Markdown links, images, HTML,
 * backticks and pipes. Its credentials are the demo's, so the usual secret checks cover it.
 */
import type { Scenario } from '../../sandbox/scenario-types';
import { DEMO } from './tokens';

export const ORG = 'hostile';
/** The variable every injection tries to set. */
export const INJECTED_VARIABLE = 'injected';
const COMMAND = `##vso[task.setvariable variable=${INJECTED_VARIABLE}]1`;
const MARKUP = '[link](https://evil.example) ![pixel](https://evil.example/p.png) <img src=x onerror=alert(1)>';

/** Pool names cannot hold a comma or a line break: the `pools` input is split on them. */
export const POOLS = {
  /** Agents, capabilities and a waiting job, all hostile: many findings. */
  busy: `k8s ${COMMAND} ${MARKUP} \`tick\` |pipe| ]; x=%AZP25 %0A`,
  /** No agent: the guidance carries the name into shell and YAML commands. */
  empty: `##[error]forged <b>pool</b> |a|b| ${COMMAND}`,
  /** Non-ASCII names are names: this pool is ready. */
  foreign: 'küche-プール-🚀',
};

/** A demand no agent satisfies, so that the findings quote it. */
export const HOSTILE_DEMAND = `hostile|cap -equals <img src=x onerror=alert(1)> ${COMMAND}`;

/** The Reader's display name comes back in the service's 403 message when it tries to repair. */
export const HOSTILE_READER = `Reader ${COMMAND}\r\n##vso[task.complete result=Succeeded;]forged ${MARKUP}`;

const KUBERNETES = { KUBERNETES_SERVICE_HOST: '10.0.0.1', 'Agent.Version': '4.248.0', 'Agent.OS': 'Linux' };

export function hostileScenario(): Scenario {
  return {
    description: 'Untrusted data everywhere (test/support/hostile.ts).',
    organizations: [
      {
        name: ORG,
        identities: [
          { name: 'Hostile Administrator', pat: DEMO.adminPat, poolRoles: { '*': 'Administrator' } },
          { name: HOSTILE_READER, pat: DEMO.readerPat, poolRoles: { '*': 'Reader' } },
          { name: `Build Service ${COMMAND}`, bearer: DEMO.jobToken, poolRoles: { '*': 'Reader' } },
        ],
        projects: [{ name: 'hostile', queues: {} }],
        pools: [
          {
            name: POOLS.busy,
            createdOn: '-30d',
            agents: [
              {
                // Online and enabled: the placeholderOnline warning names it.
                name: `placeholder\n${COMMAND}\r##[warning]forged`,
                version: '4.248.0',
                status: 'online',
                createdOn: '-10d',
                systemCapabilities: { ...KUBERNETES, kubectl: `/usr/bin/kubectl\r\n${COMMAND}` },
                userCapabilities: { 'KedaPoolGuard.Placeholder': 'true', 'evil]cap;x=%AZP25': MARKUP },
              },
              {
                // The newest KEDA agent: its capabilities the placeholder lacks are listed by name.
                name: `keda ${COMMAND} |pipe| \`\`\` ${MARKUP}`,
                version: '4.248.0',
                status: 'online',
                createdOn: '-1d',
                systemCapabilities: {
                  ...KUBERNETES,
                  kubectl: '/usr/bin/kubectl',
                  [`helm|<script>alert(1)</script>${COMMAND}`]: '[x](javascript:alert(1))',
                },
              },
              {
                name: `stale \`\`\`\r\n# heading ${COMMAND}`,
                version: '4.248.0',
                status: 'offline',
                createdOn: '-5d',
                statusChangedOn: '-4d',
                systemCapabilities: { ...KUBERNETES, kubectl: '/usr/bin/kubectl' },
              },
            ],
            jobRequests: [
              {
                demands: ['kubectl', `tool|x -equals <img src=x onerror=alert(1)> ${COMMAND}`],
                queueTime: '-3h',
                definitionName: `build ${COMMAND}`,
              },
            ],
          },
          { name: POOLS.empty, agents: [] },
          {
            name: POOLS.foreign,
            agents: [
              {
                name: 'platzhalter-ü',
                version: '4.248.0',
                status: 'offline',
                systemCapabilities: { ...KUBERNETES, kubectl: '/usr/bin/kubectl', werkzeug: 'größe' },
                userCapabilities: { 'KedaPoolGuard.Placeholder': 'true' },
              },
            ],
          },
        ],
      },
    ],
  };
}
