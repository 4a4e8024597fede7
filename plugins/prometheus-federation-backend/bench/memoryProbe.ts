/**
 * Inside the measured backend process: where its memory is, answered over the fork's IPC channel
 * (bench/memory.bench.ts asks after each refresh). The V8 heap (committed, used), Node's external
 * and array-buffer memory, what malloc holds outside V8 (RSS less the heap's committed pages), the
 * kernel's view (/proc/self/smaps_rollup) and the open sockets: the native side of TLS lives with
 * them (one OpenSSL session, its buffers and a TLSWrap per socket).
 */
import fs from 'node:fs';
import v8 from 'node:v8';

export type MemoryQuery = { type: 'memoryDetail'; gc: boolean };

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/** The kB figures of /proc/self/smaps_rollup that tell anonymous memory from mapped files. */
function smapsRollup(): Record<string, number> {
  const figures: Record<string, number> = {};
  const wanted = ['Rss', 'Anonymous', 'Private_Dirty', 'Shared_Clean'];
  try {
    for (const line of fs
      .readFileSync('/proc/self/smaps_rollup', 'utf8')
      .split('\n')) {
      const [name, value] = line.split(/:\s+/);
      if (wanted.includes(name))
        figures[`${name}Mb`] = mb(parseInt(value, 10) * 1024);
    }
  } catch {
    // Not Linux: the kernel's view is left out.
  }
  return figures;
}

/** Open file descriptors that are sockets (TCP, TLS over TCP, IPC). */
function openSockets(): number {
  try {
    return fs.readdirSync('/proc/self/fd').filter(fd => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:');
      } catch {
        return false;
      }
    }).length;
  } catch {
    return -1;
  }
}

function countBy(names: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

export function memoryDetail(gc: boolean) {
  const collect = (global as { gc?: () => void }).gc;
  if (gc && collect) collect();
  const usage = process.memoryUsage();
  const heap = v8.getHeapStatistics();
  return {
    gcBefore: Boolean(gc && collect),
    rssMb: mb(usage.rss),
    heapTotalMb: mb(usage.heapTotal),
    heapUsedMb: mb(usage.heapUsed),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
    // V8's own malloc'ed memory (compiler, handles), beside the heap.
    v8MallocedMb: mb(heap.malloced_memory),
    // RSS that is neither V8's heap nor its array buffers: OpenSSL, libuv, sockets, zlib, malloc's
    // free lists, the code of node itself.
    outsideHeapMb: mb(
      usage.rss - heap.total_physical_size - usage.arrayBuffers,
    ),
    ...smapsRollup(),
    sockets: openSockets(),
    resources: countBy(process.getActiveResourcesInfo()),
  };
}

export function answerMemoryQueries(): void {
  process.on('message', (query: MemoryQuery & { id?: number }) => {
    if (query?.id === undefined || query.type !== 'memoryDetail') return;
    process.send!({ id: query.id, answer: memoryDetail(query.gc) });
  });
}
