import { strict as assert } from 'node:assert';
import { countQueue } from '../../../core/keda/count';
import type { JobReason } from '../../../core/keda/types';
import { renderJobReason } from '../../../core/keda/reasons';
import { ENGLISH, type MessageKey } from '../../../core/messages';
import type { Translation } from '../../../core/model/render';
import type { JobRequest } from '../../../core/model/types';
import { J1, J2, assignedNotFinishedJob, deadJob, job, queuedOnlyVersion, scalerOf } from './fixtures';

const PARENT = 'dotnet60-keda-template';

function reasonOf(metadata: Record<string, string>, requests: readonly JobRequest[], index = 0, at = '2.20.1'): JobReason {
  return countQueue(scalerOf(metadata, at), requests).perJob[index].reason;
}

/** Every reason template replaced by its own key, so a rendering shows which sentence was chosen. */
const KEYS_ONLY: Translation = Object.fromEntries(
  Object.keys(ENGLISH)
    .filter((key) => key.startsWith('keda.reason.'))
    .map((key) => [key, key]),
);

describe('core/keda job reasons', () => {
  const cases: { name: string; reason: () => JobReason; key: MessageKey; text: string }[] = [
    {
      name: 'outside the $top window',
      reason: () => reasonOf({ jobsToFetch: '1' }, [job(1, []), job(2, [])]),
      key: 'keda.reason.beyondTopWindow',
      text: 'not counted: it comes at position 2 of the service’s answer, after the first 1 job requests that KEDA reads with `$top`',
    },
    {
      name: 'finished',
      reason: () => reasonOf({}, [deadJob]),
      key: 'keda.reason.finished',
      text: 'not counted: it has finished (`succeeded`)',
    },
    {
      name: 'received, KEDA 2.20',
      reason: () => reasonOf({}, [assignedNotFinishedJob]),
      key: 'keda.reason.receivedExcluded',
      text: 'not counted: an agent has already received it, and KEDA 2.20.x never counts such jobs',
    },
    {
      name: 'received, scaleOnInFlight false',
      reason: () => reasonOf({ scaleOnInFlight: 'false' }, [assignedNotFinishedJob], 0, '2.21'),
      key: 'keda.reason.receivedExcluded.scaleOnInFlightFalse',
      text: 'not counted: an agent has already received it, and `scaleOnInFlight` is "false"',
    },
    {
      name: 'no filter',
      reason: () => reasonOf({}, [queuedOnlyVersion]),
      key: 'keda.reason.countedNoFilter',
      text: 'counted: the trigger sets neither `parent` nor `demands`, so KEDA counts every unfinished job',
    },
    {
      name: 'parent matched',
      reason: () => reasonOf({ parent: PARENT }, [J2]),
      key: 'keda.reason.countedParent',
      text: 'counted: Azure DevOps lists `dotnet60-keda-template` among the agents able to run it',
    },
    {
      name: 'parent not among the matched agents',
      reason: () => reasonOf({ parent: 'golang-template' }, [J2]),
      key: 'keda.reason.parentNotInMatchedAgents',
      text: 'not counted: the agents Azure DevOps matched to it (`dotnet60-keda-template`, `dotnet60-scaledjob-5dsgc-pkqvm`, `dotnet60-scaledjob-zgqnp-8h4z4`, `dotnet60-scaledjob-wr65c-ff2cv`) do not include `golang-template`',
    },
    {
      name: 'no agent matched at all',
      reason: () => reasonOf({ parent: PARENT }, [job(1, ['kubectl'], { matchedAgents: [] })]),
      key: 'keda.reason.parentNotInMatchedAgents.none',
      text: 'not counted: Azure DevOps matched no agent to it, so not `dotnet60-keda-template` either',
    },
    {
      name: 'no matched-agents list',
      reason: () => reasonOf({ parent: PARENT }, [J1]),
      key: 'keda.reason.noMatchedAgents',
      text: 'not counted: the job request carries no list of matched agents, so KEDA cannot find `dotnet60-keda-template` in it',
    },
    {
      name: 'demands, default mode',
      reason: () => reasonOf({ demands: 'kubectl,docker' }, [J1]),
      key: 'keda.reason.countedDemands',
      text: 'counted: the trigger’s `demands` include every demand of the job (`Agent.Version` aside)',
    },
    {
      name: 'demands, requireAllDemands',
      reason: () => reasonOf({ demands: 'kubectl', requireAllDemands: 'true' }, [J1]),
      key: 'keda.reason.countedDemands.requireAllDemands',
      text: 'counted: the job’s demands (`Agent.Version` aside) are exactly the trigger’s `demands`',
    },
    {
      name: 'demands, requireAllDemandsAndIgnoreOthers',
      reason: () => reasonOf({ demands: 'java', requireAllDemandsAndIgnoreOthers: 'true' }, [J2]),
      key: 'keda.reason.countedDemands.requireAllDemandsAndIgnoreOthers',
      text: 'counted: the job demands everything in the trigger’s `demands`',
    },
    {
      name: 'a job demand the trigger lacks',
      reason: () => reasonOf({ demands: 'kubectl,docker' }, [job(1, ['kubectl', 'helm'])]),
      key: 'keda.reason.demandMismatch',
      text: 'not counted: the trigger’s demands `kubectl,docker` do not include `helm`, which the job demands',
    },
    {
      name: 'a job demand the trigger lacks, requireAllDemands',
      reason: () => reasonOf({ demands: 'dotnet60,java', requireAllDemands: 'true' }, [J2]),
      key: 'keda.reason.demandMismatch',
      text: 'not counted: the trigger’s demands `dotnet60,java` do not include `cmake`, which the job demands',
    },
    {
      name: 'a trigger demand the job lacks',
      reason: () => reasonOf({ demands: 'kubectl,docker', requireAllDemandsAndIgnoreOthers: 'true' }, [J1]),
      key: 'keda.reason.demandMismatch.triggerDemandNotInJob',
      text: 'not counted: the job does not demand `docker`, and with `requireAllDemandsAndIgnoreOthers: "true"` KEDA requires every demand of the trigger',
    },
    {
      name: 'a duplicated trigger demand',
      reason: () => reasonOf({ demands: 'kubectl,kubectl' }, [J1]),
      key: 'keda.reason.demandMismatch.duplicated',
      text: 'not counted: a demand is listed more than once, in the job or the trigger, and KEDA counts every matching pair (2 here) where it expects one per demand',
    },
  ];

  for (const { name, reason, key, text } of cases) {
    it(`${name}: ${key}`, () => {
      assert.equal(renderJobReason(reason(), 'text', KEYS_ONLY), key);
      assert.equal(renderJobReason(reason(), 'text'), text);
    });
  }

  it('has a case for every reason sentence', () => {
    assert.deepEqual([...new Set(cases.map((c) => c.key))].sort(), Object.keys(KEYS_ONLY).sort());
  });

  it('keeps hostile names inert in Markdown', () => {
    const parent = 'x](https://evil.example) <img src=y>';
    const rendered = renderJobReason(reasonOf({ parent }, [J1]), 'markdown');
    assert.equal(rendered, `not counted: the job request carries no list of matched agents, so KEDA cannot find \`${parent}\` in it`);
  });
});
