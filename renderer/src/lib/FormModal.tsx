import { App, Drawer, type DrawerProps, type FormInstance, Modal, type ModalProps } from 'antd';
import { type ReactNode, useEffect, useRef } from 'react';

/**
 * Asks 放弃未保存的内容？ before a form with typed input is closed by Esc, ×, a click on
 * the mask or 取消; closes at once when nothing was typed. `dirty` is for forms kept in
 * plain state rather than an antd Form.
 */
export function useConfirmDiscard() {
  const { modal } = App.useApp();
  return (dirty: boolean, close: () => void) => {
    if (!dirty) return close();
    modal.confirm({
      title: '放弃未保存的内容？',
      content: '已填写的内容还没有保存，关闭后将丢失。',
      okText: '放弃',
      okButtonProps: { danger: true },
      cancelText: '继续填写',
      onOk: close,
    });
  };
}

/**
 * Whether the form now differs from what it held before the user first touched it. The values
 * are taken when it opens, again once the opening animation ends (fields that fill in defaults
 * on mount have then done so), and last at the user's first key, click or input, before it
 * takes effect: on a slow PC a click can come during the animation, before the defaults are
 * in, and the form would then count as changed with nothing typed. Touched flags alone are not
 * enough: antd keeps them across a reset of fields that were unmounted meanwhile.
 */
function useDirty(form: FormInstance | undefined, open: boolean | undefined, dirty: boolean | undefined) {
  const opened = useRef<string | null>(null);
  const used = useRef(false);
  const values = () => (form ? JSON.stringify(form.getFieldsValue(true)) : null);
  useEffect(() => {
    opened.current = open ? values() : null;
    used.current = false;
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps
  const settled = (isOpen: boolean) => {
    if (isOpen && !used.current) opened.current = values();
  };
  // Capture phase: the handlers run before the field's own, so the values are still the untouched ones.
  const firstUse = () => {
    if (used.current) return;
    used.current = true;
    opened.current = values();
  };
  const track = (node: ReactNode) => (
    <div onInputCapture={firstUse} onMouseDownCapture={firstUse} onKeyDownCapture={firstUse}>
      {node}
    </div>
  );
  const isDirty = () => dirty ?? (!!form && form.isFieldsTouched() && values() !== opened.current);
  return { isDirty, settled, track };
}

type Guard = { form?: FormInstance; dirty?: boolean };

/** A Modal holding a form: closing it with unsaved input asks first. */
export function FormModal({ form, dirty, onCancel, afterOpenChange, ...props }: ModalProps & Guard) {
  const confirmDiscard = useConfirmDiscard();
  const { isDirty, settled, track } = useDirty(form, props.open, dirty);
  return (
    <Modal
      {...props}
      modalRender={track}
      afterOpenChange={(open) => (settled(open), afterOpenChange?.(open))}
      onCancel={(e) => confirmDiscard(isDirty(), () => onCancel?.(e))}
    />
  );
}

/** A Drawer holding a form: closing it with unsaved input asks first. */
export function FormDrawer({ form, dirty, onClose, afterOpenChange, ...props }: DrawerProps & Guard) {
  const confirmDiscard = useConfirmDiscard();
  const { isDirty, settled, track } = useDirty(form, props.open, dirty);
  return (
    <Drawer
      {...props}
      drawerRender={track}
      afterOpenChange={(open) => (settled(open), afterOpenChange?.(open))}
      onClose={(e) => confirmDiscard(isDirty(), () => onClose?.(e))}
    />
  );
}
