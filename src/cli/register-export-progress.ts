/** One progress line for a CLI job: redrawn in place on a terminal, one line per step otherwise (logs, CI). */
export function createProgress(stream: NodeJS.WriteStream, total: number) {
  let current = 0;
  const width = 20;
  const bar = () => {
    const filled = Math.round((current / total) * width);
    return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${current}/${total}`;
  };
  return {
    step(label: string) {
      current = Math.min(total, current + 1);
      if (stream.isTTY) stream.write(`\r\x1b[2K${bar()} ${label}`);
      else stream.write(`${bar()} ${label}\n`);
    },
    done() {
      current = total;
      if (stream.isTTY) stream.write(`\r\x1b[2K${bar()} Klart\n`);
      else stream.write(`${bar()} Klart\n`);
    },
  };
}
