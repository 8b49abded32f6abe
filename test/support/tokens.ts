/** The demo organization's credentials by role, and every token the tests hand the product. */
import { loadScenario } from '../../sandbox/scenario-loader';
import type { Scenario } from '../../sandbox/scenario-types';

export const DEMO = {
  /** Basic PAT, Administrator of every pool. */
  adminPat: 'demoadminpat0000000000000000000000000000000000000000',
  /** Basic PAT, Reader of the keda-* pools only (what KEDA itself uses). */
  readerPat: 'demokedapat00000000000000000000000000000000000000000',
  /** Basic PAT of an identity with no role on any pool. */
  noAccessPat: 'demonoaccesspat0000000000000000000000000000000000000',
  /** The job token of a project-scoped pipeline: `demo Build Service (demo)`, Reader of every pool. */
  jobToken: 'demo-build-service-token',
  /** The job token of a collection-scoped pipeline: Reader of keda-ready and static-linux only. */
  collectionJobToken: 'demo-collection-build-service-token',
  /** A portal user's bearer token: Reader on every queue of project demo and on every pool but keda-ready. */
  contributorToken: 'demo-contributor-token',
} as const;

/**
 * The demo's service principal: an Entra application that is a user of the organization, Administrator of
 * the keda-ready, keda-empty, keda-leftovers and keda-missing-capability pools and Reader of the others.
 */
export const SERVICE_PRINCIPAL = {
  name: 'KEDA Pool Guard automation',
  tenantId: 'd3a0f2c1-5b7e-4c29-9f4a-6e1b8d2c7a05',
  clientId: '7c1e4b9a-2d3f-4e8a-b6c5-0a9f8e7d6c41',
  secret: 'demo-service-principal-secret~0000000000',
  /** Azure Resource Manager connections of project demo: the first is trusted by a federated credential, the second not. */
  federatedConnection: { id: '3b9f6a52-1c84-4f0e-b8e5-7d2a9c61e0f4', name: 'azure-keda-pools' },
  unfederatedConnection: { id: '9e2d7c13-6a4b-4f58-8c0e-1b7a3d5f9e62', name: 'azure-unfederated' },
} as const;

/** The id of the Azure DevOps service connection the tests give the task, holding `DEMO.adminPat`. */
export const ADMIN_CONNECTION_ID = '5f0c7a1e-2b8d-4c1e-9a57-0d3f6b2e8c41';

/** Tokens no identity accepts, for the "token refused" paths. */
export const REJECTED_TOKENS = ['expired-token-0000', 'not-a-token', 'demoexpiredpat00000000000000000000000000000000000000'] as const;

/** Every PAT and bearer token of a scenario's identities. */
export function scenarioSecrets(scenario: Scenario): string[] {
  return scenario.organizations.flatMap((org) =>
    org.identities.flatMap((identity) =>
      [identity.pat, identity.bearer, identity.servicePrincipal?.secret].filter((t): t is string => !!t),
    ),
  );
}

/** What must never be printed or written: the demo's tokens (new identities included) and the rejected ones. */
export const SECRETS: readonly string[] = [...scenarioSecrets(loadScenario('demo')), ...REJECTED_TOKENS];
