import { useNotices } from '../stores/notices';

export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);
  return (
    <div className="notices" aria-live="assertive">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice--${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.kind}`}>
          <div>
            <strong>{n.title}</strong>
            {n.count && n.count > 1 && (
              <span className="chip chip--small" data-testid="notice-count" title={`${n.count} times`}>
                ×{n.count}
              </span>
            )}
            <p>{n.message}</p>
            {n.hint && <p className="muted small">{n.hint}</p>}
          </div>
          <button type="button" className="btn btn--small btn--ghost" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
