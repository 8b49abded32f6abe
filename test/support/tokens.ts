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
} as const;

/** The id of the Azure DevOps service connection the tests give the task, holding `DEMO.adminPat`. */
export const ADMIN_CONNECTION_ID = '5f0c7a1e-2b8d-4c1e-9a57-0d3f6b2e8c41';

/** Tokens no identity accepts, for the "token refused" paths. */
export const REJECTED_TOKENS = ['expired-token-0000', 'not-a-token', 'demoexpiredpat00000000000000000000000000000000000000'] as const;

/** Every PAT and bearer token of a scenario's identities. */
export function scenarioSecrets(scenario: Scenario): string[] {
  return scenario.organizations.flatMap((org) =>
    org.identities.flatMap((identity) => [identity.pat, identity.bearer].filter((t): t is string => !!t)),
  );
}

/** What must never be printed or written: the demo's tokens (new identities included) and the rejected ones. */
export const SECRETS: readonly string[] = [...scenarioSecrets(loadScenario('demo')), ...REJECTED_TOKENS];
