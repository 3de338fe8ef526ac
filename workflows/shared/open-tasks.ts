import { patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { searchAttributes, type PersonTaskKind } from '../../domain/search-attributes';

/**
 * Publishes a person's task as open or done in the OpenTasks search attribute, so the API lists everyone's
 * tasks with one visibility query instead of asking every workflow. Several parts of one workflow open
 * tasks (the lookup or portal desk, the preservation clock), so each changes only its own kind in the list
 * as it stands. Workflows that reached a task before this existed replay without the upsert (patched), unless the
 * caller passes `known`: its workflow decided by an earlier patch that it publishes them.
 */
export function publishTask(kind: PersonTaskKind, open: boolean, known = false): void {
  if (!known && !patched('open-tasks-attribute')) return;
  const now = workflowInfo().typedSearchAttributes.get(searchAttributes.OpenTasks) ?? [];
  if (now.includes(kind) === open) return;
  const next = open ? [...now, kind] : now.filter((k) => k !== kind);
  upsertSearchAttributes([{ key: searchAttributes.OpenTasks, value: next.length ? next : null }]);
}
