/**
 * Location discovery as azure-devops-node-api performs it (reference §2): `OPTIONS _apis/Location`,
 * `GET _apis/ResourceAreas`, `OPTIONS _apis/distributedtask`; plus `OPTIONS _apis` for clients
 * that ask for every area at once, and `connectionData`. Only the locations the sandbox serves are
 * listed, with their real ids and route templates, so a call to anything else fails in the client
 * with "Failed to find api location" instead of reaching a route that does not exist.
 */
import { SERVED_VERSIONS } from './api-version';
import { distributedTaskError } from './errors';
import { stableGuid } from './ids';
import { jsonReply } from './reply';
import type { Route } from './router';
import { renderCollection, renderJson } from './wire';

export const DISTRIBUTED_TASK_AREA_ID = 'a85b8835-c1a1-4aac-ae97-1c3d0ba72dbd';

interface ServedLocation {
  id: string;
  area: string;
  resourceName: string;
  routeTemplate: string;
  minVersion: string;
}

const SERVED_LOCATIONS: readonly ServedLocation[] = [
  {
    id: '00d9565f-ed9c-4a06-9a50-00e7896ccab4',
    area: 'Location',
    resourceName: 'ConnectionData',
    routeTemplate: '_apis/{resource}',
    minVersion: '1.0',
  },
  {
    id: 'e81700f7-3be2-46de-8624-2eb35882fcaa',
    area: 'Location',
    resourceName: 'ResourceAreas',
    routeTemplate: '_apis/{resource}/{areaId}',
    minVersion: '3.2',
  },
  {
    id: 'a8c47e17-4d56-4a56-92bb-de7ea7dc65be',
    area: 'distributedtask',
    resourceName: 'pools',
    routeTemplate: '_apis/{area}/{resource}/{poolId}',
    minVersion: '1.0',
  },
  {
    id: 'e298ef32-5878-4cab-993c-043836571f42',
    area: 'distributedtask',
    resourceName: 'agents',
    routeTemplate: '_apis/{area}/pools/{poolId}/{resource}/{agentId}',
    minVersion: '1.0',
  },
  {
    id: '30ba3ada-fedf-4da8-bbb5-dacf2f82e176',
    area: 'distributedtask',
    resourceName: 'usercapabilities',
    routeTemplate: '_apis/{area}/pools/{poolId}/agents/{agentId}/{resource}',
    minVersion: '1.0',
  },
  {
    id: '900fa995-c559-4923-aae7-f8424fe4fbea',
    area: 'distributedtask',
    resourceName: 'queues',
    routeTemplate: '{project}/_apis/{area}/{resource}/{queueId}',
    minVersion: '2.0',
  },
  {
    id: 'fc825784-c92a-4299-9221-998a02d1b54f',
    area: 'distributedtask',
    resourceName: 'jobrequests',
    routeTemplate: '_apis/{area}/pools/{poolId}/{resource}/{requestId}',
    minVersion: '1.0',
  },
  // Absent from the 2020 capture; the template is the browser client's hard-coded one.
  {
    id: '162778f3-4b48-48f3-9d58-436fb9c407bc',
    area: 'distributedtask',
    resourceName: 'permissions',
    routeTemplate: '_apis/{area}/pools/{poolId}/{resource}/{permissions}',
    minVersion: '7.1',
  },
  // What `TaskApi.createOidcToken` (azure-devops-node-api 17) asks for; the template follows the documented URL.
  {
    id: '69a319f4-28c1-4bfd-93e6-ea0ff5c6f1a2',
    area: 'distributedtask',
    resourceName: 'oidctoken',
    routeTemplate: '{scopeIdentifier}/_apis/{area}/hubs/{hubName}/plans/{planId}/jobs/{jobId}/{resource}',
    minVersion: '7.1',
  },
];

/** `ApiResourceLocation` entries, members in the order of the captured OPTIONS answer. */
function locationsOf(area: string | undefined) {
  return SERVED_LOCATIONS.filter((location) => area === undefined || location.area.toLowerCase() === area.toLowerCase()).map(
    ({ id, area: locationArea, resourceName, routeTemplate, minVersion }) => ({
      id,
      area: locationArea,
      resourceName,
      routeTemplate,
      resourceVersion: SERVED_VERSIONS.resourceVersion,
      minVersion,
      maxVersion: SERVED_VERSIONS.maxVersion,
      releasedVersion: SERVED_VERSIONS.releasedVersion,
    }),
  );
}

function resourceAreas(orgUrl: string) {
  return [{ id: DISTRIBUTED_TASK_AREA_ID, name: 'distributedtask', locationUrl: `${orgUrl}/` }];
}

export const discoveryRoutes: Route[] = [
  {
    pattern: '_apis/ResourceAreas/{areaId?}',
    handlers: {
      GET: ({ params, links, wire }) => {
        const areas = resourceAreas(links.orgUrl);
        if (params.areaId === undefined) return jsonReply(200, renderCollection(areas, wire));
        const area = areas.find((candidate) => candidate.id === params.areaId.toLowerCase());
        if (!area) throw distributedTaskError(404, 'ResourceAreaNotFoundException', `Resource area ${params.areaId} was not found.`);
        return jsonReply(200, renderJson(area, wire));
      },
    },
  },
  {
    pattern: '_apis/connectionData',
    handlers: {
      GET: ({ org, identity, wire }) => {
        const user = {
          id: identity.id,
          descriptor: `Microsoft.IdentityModel.Claims.ClaimsIdentity;${identity.id}`,
          providerDisplayName: identity.name,
          isActive: true,
          properties: {},
          resourceVersion: 2,
          metaTypeId: 0,
        };
        return jsonReply(
          200,
          renderJson(
            {
              authenticatedUser: user,
              authorizedUser: user,
              instanceId: org.id,
              deploymentId: stableGuid('deployment', org.name),
              deploymentType: 'hosted',
              locationServiceData: {
                serviceOwner: '00025394-6065-48ca-87d9-7f5672854ef7',
                defaultAccessMappingMoniker: 'PublicAccessMapping',
                lastChangeId: 1,
                lastChangeId64: 1,
              },
            },
            wire,
          ),
        );
      },
    },
  },
  {
    // `_apis` and `_apis/` list every area; `_apis/{area}` one area, any casing (node asks for `Location`).
    pattern: '_apis/{area?}',
    handlers: { OPTIONS: ({ params, wire }) => jsonReply(200, renderCollection(locationsOf(params.area), wire)) },
  },
];
