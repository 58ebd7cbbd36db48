import type { Issue } from '@parindex/contracts';

/**
 * Error messages quote what the user wrote so they can find it, but a cell can hold thousands of
 * characters (or a crafted file megabytes): a message quotes at most `max` of them, then "…".
 */
export function clip(text: string, max = 120): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  // Never leave half of a surrogate pair (an emoji, a rare CJK character) at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/**
 * The last guard on messages built from other layers' words (the rubric's validation quotes labels
 * and group codes as written): each issue's message and column name clipped.
 */
export function clipIssues(issues: Issue[], max = 400): Issue[] {
  return issues.map((i) => ({ ...i, message: clip(i.message, max), ...(i.field !== undefined && { field: clip(i.field, 120) }) }));
}
