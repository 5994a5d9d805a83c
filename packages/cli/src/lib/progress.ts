/** A progress bar on a terminal (stderr); silent when piped, so scripts see only results. */
export function createProgress(
  stream: { write(s: string): unknown; readonly isTTY?: boolean },
  total: number,
  label: string,
) {
  const tty = stream.isTTY === true;
  let n = 0;
  const draw = () => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((n / total) * width);
    stream.write(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${n}/${total}`);
  };
  return {
    tick() {
      n++;
      if (tty) draw();
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}
