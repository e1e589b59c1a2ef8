import type { ReactNode } from 'react';

export type AlertVariant = 'info' | 'success' | 'warning' | 'error';

export interface AlertProps {
  variant?: AlertVariant;
  title?: string;
  children?: ReactNode;
  /**
   * Announce the alert when it appears. Errors use role="alert" (assertive), others role="status"
   * (polite). Set false for static notices that are present from the first render of a page.
   */
  live?: boolean;
  className?: string;
}

export function Alert({ variant = 'info', title, children, live = true, className }: AlertProps) {
  const role = live ? (variant === 'error' ? 'alert' : 'status') : undefined;
  return (
    <div className={['alert', `alert--${variant}`, className ?? ''].filter(Boolean).join(' ')} role={role}>
      {title ? <p className="alert__title">{title}</p> : null}
      {children ? <div className="alert__body">{children}</div> : null}
    </div>
  );
}
