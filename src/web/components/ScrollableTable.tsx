import type { ReactNode } from 'react';

/**
 * Wraps a wide table so it scrolls horizontally on small screens instead of breaking the layout.
 * The wrapper is focusable and labelled (by the table caption) so keyboard users can scroll it.
 */
export function ScrollableTable({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </section>
  );
}
