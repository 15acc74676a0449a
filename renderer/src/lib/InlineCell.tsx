import { App, Input, Select } from 'antd';
import { createContext, type ReactNode, useContext, useRef, useState } from 'react';

/** The list a cell sits in, reloaded after the cell saves (provided by the list component). */
export const ListReload = createContext<() => void>(() => undefined);

/**
 * A cell that is edited where it stands: click (or Enter on it) opens the input, Enter or
 * leaving saves, Esc puts the old value back. A refusal keeps the cell open with the
 * core's message beside it, so what was typed is not lost.
 */
export function InlineCell({
  value,
  label,
  onSave,
  options,
  display,
  editable = true,
  validate,
}: {
  value: string | null;
  /** Names the input for screen readers and tests: 「楼栋」 becomes 「修改楼栋」. */
  label: string;
  onSave: (v: string | null) => Promise<unknown>;
  /** A select instead of free text. */
  options?: { value: string; label: string }[];
  display?: ReactNode;
  /** False for a value shown masked: it cannot be edited without 查看完整信息. */
  editable?: boolean;
  /** A message when the typed value is wrong (checked before it is sent). */
  validate?: (v: string) => string | null;
}) {
  const { message } = App.useApp();
  const reload = useContext(ListReload);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value ?? '');
  const [error, setError] = useState<string | null>(null);
  // Enter saves and closes the input, whose blur then fires: one save, not two.
  const busy = useRef(false);
  const shown = display ?? (options ? options.find((o) => o.value === value)?.label : value) ?? '';
  if (!editable) return <>{shown}</>;
  const save = async (next: string) => {
    const v = next.trim() === '' ? null : next.trim();
    if (v === (value ?? null)) return setEditing(false);
    const bad = v !== null && validate ? validate(v) : null;
    if (bad) return setError(bad);
    if (busy.current) return;
    busy.current = true;
    try {
      await onSave(v);
      setEditing(false);
      setError(null);
      message.success(`已保存${label}`);
      reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      busy.current = false;
    }
  };
  if (!editing)
    return (
      <div
        role="button"
        tabIndex={0}
        className="inline-cell"
        aria-label={`修改${label}`}
        title="点击修改"
        onClick={(e) => (e.stopPropagation(), setDraft(value ?? ''), setEditing(true))}
        onKeyDown={(e) => e.key === 'Enter' && (setDraft(value ?? ''), setEditing(true))}
      >
        {shown || <span className="inline-cell-empty">—</span>}
      </div>
    );
  const cancel = () => (setEditing(false), setError(null));
  return (
    <div onClick={(e) => e.stopPropagation()}>
      {options ? (
        <Select
          autoFocus
          defaultOpen
          size="small"
          style={{ width: '100%' }}
          value={draft || undefined}
          options={options}
          aria-label={label}
          status={error ? 'error' : undefined}
          onChange={(v: string) => (setDraft(v), save(v))}
          onBlur={() => !error && setEditing(false)}
          onKeyDown={(e) => e.key === 'Escape' && cancel()}
        />
      ) : (
        <Input
          autoFocus
          size="small"
          value={draft}
          aria-label={label}
          status={error ? 'error' : undefined}
          onChange={(e) => setDraft(e.target.value)}
          onPressEnter={() => save(draft)}
          onBlur={() => save(draft)}
          onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), cancel())}
        />
      )}
      {error && (
        <div role="alert" className="inline-cell-error">
          {error}
        </div>
      )}
    </div>
  );
}
