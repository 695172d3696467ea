import type { Comment, Node, ParseResult } from './ast.js';
import { childrenOf } from './walk.js';

/** Comments attached to one node. */
export interface AttachedComments {
  /** Own-line comments right before the node. */
  leading: Comment[];
  /** Comments after the node on the line where it ends. */
  trailing: Comment[];
  /** Comments inside the node after its last child (e.g. in an empty block or before `}`). */
  inner: Comment[];
}

export type CommentAttachment = Map<Node, AttachedComments>;

function entry(map: CommentAttachment, node: Node): AttachedComments {
  let found = map.get(node);
  if (!found) {
    found = { leading: [], trailing: [], inner: [] };
    map.set(node, found);
  }
  return found;
}

/**
 * Attaches every comment to the innermost node around it: trailing to the
 * child that ends on the comment's line before it, leading to the next child,
 * otherwise inner to the enclosing node.
 */
export function attachComments(result: Pick<ParseResult, 'file' | 'comments' | 'lines'>): CommentAttachment {
  const lines = result.lines;
  const attachment: CommentAttachment = new Map();
  for (const comment of result.comments) {
    let container: Node = result.file;
    for (;;) {
      const inside: Node | undefined = childrenOf(container).find(
        (child) => child.start < comment.start && comment.end <= child.end,
      );
      if (!inside) break;
      container = inside;
    }
    const children = childrenOf(container).filter((child) => child.type !== 'Identifier');
    let previous: Node | undefined;
    let next: Node | undefined;
    for (const child of children) {
      if (child.end <= comment.start) previous = child;
      else if (child.start >= comment.end) {
        next = child;
        break;
      }
    }
    if (previous && lines.lineOf(previous.end) === lines.lineOf(comment.start)) entry(attachment, previous).trailing.push(comment);
    else if (next) entry(attachment, next).leading.push(comment);
    else entry(attachment, container).inner.push(comment);
  }
  return attachment;
}

/**
 * Upstream's comment groups: consecutive comments with nothing but blanks
 * between them, each starting at most one line after the previous one ended.
 */
export function commentGroups(comments: Comment[], text: string): Comment[][] {
  const groups: Comment[][] = [];
  let current: Comment[] = [];
  for (const comment of comments) {
    const previous = current[current.length - 1];
    const adjacent =
      previous !== undefined &&
      isBlankWithAtMostOneNewline(text, previous.end, comment.start);
    if (!adjacent && current.length > 0) {
      groups.push(current);
      current = [];
    }
    current.push(comment);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** Only blanks between `start` and `end`, and at most one line feed among them. */
function isBlankWithAtMostOneNewline(text: string, start: number, end: number): boolean {
  let newlines = 0;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    if (code === 10) {
      if (++newlines > 1) return false;
    } else if (code !== 32 && code !== 9 && code !== 13 && !/\s/.test(text[index]!)) return false;
  }
  return true;
}
