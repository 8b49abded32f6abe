/**
 * Check configurations (area PipelinesChecks, resource `configurations`, `{project}/_apis/pipelines/checks/configurations/{id}`):
 * add, list on a resource, get, delete. A preview resource (`7.1-preview.1` in the REST reference). Who may
 * do what follows the service (`CheckConfigurationService`): reading needs to see the resource, changing
 * needs its Administrator role. The sandbox checks agent queues only; a queue's roles follow its pool's, as
 * in `queues.ts`. See `../checks.ts` for the sources.
 */
import { requirePreview } from '../api-version';
import { checkArgumentNull, checkNotFound, checkResourceDenied, checkViewDenied, readCheckBody, type StoredCheck } from '../checks';
import { argumentInvalid, projectNotFound } from '../errors';
import { emptyReply, jsonReply } from '../reply';
import type { RequestContext, Route } from '../router';
import { roleAtLeast, type StoredProject } from '../state';
import type { PoolRole } from '../scenario-types';
import { renderCollection, renderJson, type WireObject } from '../wire';

function projectOf({ org, params }: RequestContext): StoredProject {
  const project = org.findProject(params.project);
  if (!project) throw projectNotFound(params.project);
  return project;
}

/** The caller's role on a resource, and its name; nothing for a resource it cannot see or that is not there. */
function access(
  context: RequestContext,
  project: StoredProject,
  resource: { type: string; id: string },
): { role?: PoolRole; name?: string } {
  if (resource.type.toLowerCase() !== 'queue') throw argumentInvalid(`Invalid resource type ${resource.type}`);
  const queue = project.queues.find((candidate) => String(candidate.id) === resource.id.trim());
  if (!queue) return {};
  return { role: context.org.roleOn(context.identity, queue.pool), name: queue.name };
}

function contract(context: RequestContext, check: StoredCheck, withSettings: boolean): WireObject {
  const url = `${context.links.orgUrl}/${check.projectId}/_apis/pipelines/checks/configurations/${check.id}`;
  const creator = context.org.identities.find((identity) => identity.id === check.createdBy);
  const identity = {
    displayName: creator?.name ?? '',
    id: check.createdBy,
    uniqueName: creator?.name ?? '',
    descriptor: `aad.${check.createdBy}`,
  };
  return {
    ...(withSettings ? { settings: check.settings as unknown as WireObject } : {}),
    createdBy: identity,
    createdOn: check.createdOn.toISOString(),
    modifiedBy: identity,
    modifiedOn: check.createdOn.toISOString(),
    timeout: check.timeout,
    _links: { self: { href: url } },
    id: check.id,
    version: 1,
    type: { ...check.type },
    url,
    resource: { ...check.resource },
  };
}

const withSettings = (context: RequestContext) => context.query.get('$expand')?.toLowerCase() === 'settings';

function existing(context: RequestContext, project: StoredProject): StoredCheck {
  const id = /^\d+$/.test(context.params.id) ? Number(context.params.id) : undefined;
  const check = id === undefined ? undefined : context.org.checks.get(id);
  if (!check || check.projectId !== project.id) throw checkNotFound(context.params.id);
  return check;
}

function listOrGet(context: RequestContext) {
  requirePreview(context.apiVersion);
  const project = projectOf(context);
  if (context.params.id !== undefined) {
    const check = existing(context, project);
    if (!access(context, project, check.resource).role) throw checkViewDenied();
    return jsonReply(200, renderJson(contract(context, check, withSettings(context)), context.wire));
  }
  const type = context.query.get('resourceType');
  const id = context.query.get('resourceId');
  if (type === undefined) throw checkArgumentNull('resourceType');
  if (id === undefined) throw checkArgumentNull('resourceId');
  const checks = access(context, project, { type, id }).role ? context.org.checks.on(project.id, type, id) : [];
  return jsonReply(
    200,
    renderCollection(
      checks.map((check) => contract(context, check, withSettings(context))),
      context.wire,
    ),
  );
}

function add(context: RequestContext) {
  requirePreview(context.apiVersion);
  if (context.params.id !== undefined) throw checkArgumentNull('configuration');
  const project = projectOf(context);
  const body = readCheckBody(context.body);
  const { role, name } = access(context, project, body.resource);
  if (!roleAtLeast(role, 'Administrator')) throw checkResourceDenied();
  const check = context.org.checks.add({
    ...body,
    projectId: project.id,
    resource: { ...body.resource, name: name as string },
    createdBy: context.identity.id,
    createdOn: new Date(),
  });
  return jsonReply(200, renderJson(contract(context, check, true), context.wire));
}

function remove(context: RequestContext) {
  requirePreview(context.apiVersion);
  if (context.params.id === undefined) throw checkArgumentNull('id');
  const project = projectOf(context);
  const check = existing(context, project);
  if (!roleAtLeast(access(context, project, check.resource).role, 'Administrator')) throw checkResourceDenied();
  context.org.checks.delete(check.id);
  return emptyReply(204);
}

export const checkRoutes: Route[] = [
  { pattern: '{project}/_apis/pipelines/checks/configurations/{id?}', handlers: { GET: listOrGet, POST: add, DELETE: remove } },
];
