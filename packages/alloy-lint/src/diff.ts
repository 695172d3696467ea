type Operation = { kind: 'equal' | 'delete' | 'insert'; line: string };

const MAX_EDIT_DISTANCE = 4000;

/** Line operations turning `before` into `after` (Myers' O(ND) algorithm; one big replacement past a limit). */
function diffLines(before: string[], after: string[]): Operation[] {
  const n = before.length;
  const m = after.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  let frontier = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  outer: for (let distance = 0; distance <= max; distance += 1) {
    trace.push(frontier.slice());
    for (let diagonal = -distance; diagonal <= distance; diagonal += 2) {
      let x: number;
      if (diagonal === -distance || (diagonal !== distance && frontier[offset + diagonal - 1]! < frontier[offset + diagonal + 1]!)) {
        x = frontier[offset + diagonal + 1]!;
      } else {
        x = frontier[offset + diagonal - 1]! + 1;
      }
      let y = x - diagonal;
      while (x < n && y < m && before[x] === after[y]) {
        x += 1;
        y += 1;
      }
      frontier[offset + diagonal] = x;
      if (x >= n && y >= m) {
        found = true;
        break outer;
      }
    }
  }
  if (!found) {
    return [
      ...before.map((line): Operation => ({ kind: 'delete', line })),
      ...after.map((line): Operation => ({ kind: 'insert', line })),
    ];
  }
  const operations: Operation[] = [];
  let x = n;
  let y = m;
  for (let distance = trace.length - 1; distance >= 0; distance -= 1) {
    const previous = trace[distance]!;
    const diagonal = x - y;
    let previousDiagonal: number;
    if (diagonal === -distance || (diagonal !== distance && previous[offset + diagonal - 1]! < previous[offset + diagonal + 1]!)) {
      previousDiagonal = diagonal + 1;
    } else {
      previousDiagonal = diagonal - 1;
    }
    const previousX = distance === 0 ? 0 : previous[offset + previousDiagonal]!;
    const previousY = previousX - previousDiagonal;
    while (x > previousX && y > previousY && x > 0 && y > 0 && before[x - 1] === after[y - 1]) {
      operations.push({ kind: 'equal', line: before[x - 1]! });
      x -= 1;
      y -= 1;
    }
    if (distance === 0) break;
    if (x === previousX) {
      operations.push({ kind: 'insert', line: after[y - 1]! });
      y -= 1;
    } else {
      operations.push({ kind: 'delete', line: before[x - 1]! });
      x -= 1;
    }
  }
  while (x > 0 && y > 0) {
    operations.push({ kind: 'equal', line: before[x - 1]! });
    x -= 1;
    y -= 1;
  }
  return operations.reverse();
}

// Marks a last line that has no newline, so that texts differing only in
// the final newline still differ line by line.
const NO_NEWLINE = '\u0000no-newline';

function splitLines(text: string): string[] {
  if (text === '') return [];
  const endsWithNewline = text.endsWith('\n');
  const lines = (endsWithNewline ? text.slice(0, -1) : text).split('\n');
  if (!endsWithNewline) lines[lines.length - 1] += NO_NEWLINE;
  return lines;
}

/**
 * A unified diff (`diff -u` / `git diff` style) between two texts, with
 * three lines of context; the empty string when they are equal.
 */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string = oldName, context = 3): string {
  if (before === after) return '';
  const operations = diffLines(splitLines(before), splitLines(after));
  let output = `--- ${oldName}\n+++ ${newName}\n`;
  let oldLine = 1;
  let newLine = 1;
  const positions = operations.map((operation) => {
    const position = { oldLine, newLine };
    if (operation.kind !== 'insert') oldLine += 1;
    if (operation.kind !== 'delete') newLine += 1;
    return position;
  });
  let index = 0;
  while (index < operations.length) {
    if (operations[index]!.kind === 'equal') {
      index += 1;
      continue;
    }
    const hunkStart = Math.max(0, index - context);
    let lastChange = index;
    for (let cursor = index; cursor < operations.length; cursor += 1) {
      if (operations[cursor]!.kind !== 'equal') lastChange = cursor;
      else if (cursor - lastChange > 2 * context) break;
    }
    const hunkEnd = Math.min(operations.length, lastChange + context + 1);
    const hunk = operations.slice(hunkStart, hunkEnd);
    const start = positions[hunkStart]!;
    const oldCount = hunk.filter((operation) => operation.kind !== 'insert').length;
    const newCount = hunk.filter((operation) => operation.kind !== 'delete').length;
    output += `@@ -${oldCount === 0 ? start.oldLine - 1 : start.oldLine},${oldCount} +${newCount === 0 ? start.newLine - 1 : start.newLine},${newCount} @@\n`;
    for (const operation of hunk) {
      const prefix = operation.kind === 'equal' ? ' ' : operation.kind === 'delete' ? '-' : '+';
      if (operation.line.endsWith(NO_NEWLINE)) {
        output += `${prefix}${operation.line.slice(0, -NO_NEWLINE.length)}\n\\ No newline at end of file\n`;
      } else {
        output += `${prefix}${operation.line}\n`;
      }
    }
    index = hunkEnd;
  }
  return output;
}
