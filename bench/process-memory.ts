import { readFileSync, readdirSync } from 'node:fs';

/** Linux only: a process and all its descendants, from /proc/<pid>/task/<tid>/children. */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${tree[i]}/task`);
    } catch {
      continue; // Gone meanwhile.
    }
    for (const tid of tasks) {
      try {
        for (const child of readFileSync(`/proc/${tree[i]}/task/${tid}/children`, 'utf8').trim().split(/\s+/)) if (child) tree.push(Number(child));
      } catch {
        // Thread gone meanwhile.
      }
    }
  }
  return tree;
}

/** Resident memory of the whole tree in bytes; worker threads share their process's VmRSS. */
export function treeRssBytes(pid: number): number {
  let total = 0;
  for (const member of processTree(pid)) {
    try {
      const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${member}/status`, 'utf8'));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // Exited meanwhile.
    }
  }
  return total;
}
