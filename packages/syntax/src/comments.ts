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
export function attachComments(result: Pick<ParseResult, 'file' | 'comments'>): CommentAttachment {
  const attachment: CommentAttachment = new Map();
  for (const comment of result.comments) {
    let container: Node = result.file;
    for (;;) {
      const inside: Node | undefined = childrenOf(container).find(
        (child) => child.start.offset < comment.start.offset && comment.end.offset <= child.end.offset,
      );
      if (!inside) break;
      container = inside;
    }
    const children = childrenOf(container).filter((child) => child.type !== 'Identifier');
    let previous: Node | undefined;
    let next: Node | undefined;
    for (const child of children) {
      if (child.end.offset <= comment.start.offset) previous = child;
      else if (child.start.offset >= comment.end.offset) {
        next = child;
        break;
      }
    }
    if (previous && previous.end.line === comment.start.line) entry(attachment, previous).trailing.push(comment);
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
      comment.start.line <= previous.end.line + 1 &&
      text.slice(previous.end.offset, comment.start.offset).trim() === '';
    if (!adjacent && current.length > 0) {
      groups.push(current);
      current = [];
    }
    current.push(comment);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
