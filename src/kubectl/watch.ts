// `kubectl get -w`: after the first listing, every change to a watched object prints it again —
// for tables a new row under the same columns (no header again; a column only widens), for other
// formats the object in that format. Stored kinds are followed through the store's watch, a row
// per ADDED/MODIFIED/DELETED event; events (not stored objects) are compared on each poll.
import type { KubeEvent } from '../sim/api/types';
import type { Cluster } from '../sim/cluster';
import type { StoredObject } from '../sim/store';
import { printGeneric, tableContext, type GetRequest } from './get';
import { listObjects } from './lookup';
import { tableHeader, tableRow, type Printable, type TableOptions } from './printers/table';
import { qualifiedSingular, type ResourceType } from './resources';
import { selectorMatchesLabels } from './selector';
import { TabWriter } from './tabwriter';

export interface KubectlWatch {
  /** Output produced since the last poll ('' if none). */
  poll(): string;
  /** Ends the watch; later polls return ''. */
  stop(): void;
}

/**
 * Follows the request's objects from now on. `writer` is the one the initial table was printed
 * with (its remembered widths keep rows aligned); `headerPrinted` says whether a header is out.
 */
export function startWatch(cluster: Cluster, req: GetRequest, writer: TabWriter, headerPrinted: boolean): KubectlWatch {
  let buffer = '';
  let stopped = false;
  let header = headerPrinted || req.table.noHeaders;
  const matches = (resource: ResourceType, o: Printable): boolean => {
    if (resource.namespaced && !req.allNamespaces && (o.metadata.namespace ?? 'default') !== req.namespace) return false;
    const target = req.targets.find((t) => t.resource === resource);
    if (!target) return false;
    if (target.names.length > 0) return target.names.includes(o.metadata.name);
    return selectorMatchesLabels(req.selector, o.metadata.labels);
  };
  const print = (resource: ResourceType, o: Printable) => {
    if (req.format.kind !== 'table') {
      const r = printGeneric(req, [o], false);
      buffer += req.format.kind === 'yaml' ? `${r.stdout}---\n` : r.stdout;
      return;
    }
    const options: TableOptions = { ...req.table, wide: req.format.wide, kindPrefix: req.printWithKind ? qualifiedSingular(resource) : undefined };
    const ctx = tableContext(cluster);
    if (!header) {
      writer.write(`${tableHeader(resource.kind, ctx, options).join('\t')}\n`);
      header = true;
    }
    writer.write(`${tableRow(o, ctx, options).join('\t')}\n`);
    buffer += writer.flush();
  };

  const unsubscribe = cluster.store.watch((e) => {
    if (stopped) return;
    const target = req.targets.find((t) => t.resource.kind === e.kind);
    if (target && matches(target.resource, e.object as StoredObject)) print(target.resource, e.object as StoredObject);
  });

  const eventTarget = req.targets.find((t) => t.resource.kind === 'Event');
  const seen = new Map<string, string>();
  const signature = (e: KubeEvent) => `${e.count}/${e.lastTimestamp}/${e.message}`;
  if (eventTarget) for (const e of listObjects(cluster, eventTarget.resource, undefined) as KubeEvent[]) seen.set(e.metadata.name, signature(e));
  const pollEvents = () => {
    if (!eventTarget) return;
    for (const e of listObjects(cluster, eventTarget.resource, undefined) as KubeEvent[]) {
      if (seen.get(e.metadata.name) === signature(e)) continue;
      seen.set(e.metadata.name, signature(e));
      if (matches(eventTarget.resource, e)) print(eventTarget.resource, e);
    }
  };

  return {
    poll() {
      if (stopped) return '';
      pollEvents();
      const out = buffer;
      buffer = '';
      return out;
    },
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}

