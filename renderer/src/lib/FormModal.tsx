import { App, Drawer, type DrawerProps, type FormInstance, Modal, type ModalProps } from 'antd';
import { useEffect, useRef } from 'react';

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
 * Whether the form now differs from what it held when it opened. Touched flags alone are
 * not enough: antd keeps them across a reset of fields that were unmounted meanwhile.
 */
function useDirty(form: FormInstance | undefined, open: boolean | undefined, dirty: boolean | undefined) {
  const opened = useRef<string | null>(null);
  useEffect(() => {
    opened.current = open && form ? JSON.stringify(form.getFieldsValue(true)) : null;
  }, [open, form]);
  return () => dirty ?? (!!form && form.isFieldsTouched() && JSON.stringify(form.getFieldsValue(true)) !== opened.current);
}

type Guard = { form?: FormInstance; dirty?: boolean };

/** A Modal holding a form: closing it with unsaved input asks first. */
export function FormModal({ form, dirty, onCancel, ...props }: ModalProps & Guard) {
  const confirmDiscard = useConfirmDiscard();
  const isDirty = useDirty(form, props.open, dirty);
  return <Modal {...props} onCancel={(e) => confirmDiscard(isDirty(), () => onCancel?.(e))} />;
}

/** A Drawer holding a form: closing it with unsaved input asks first. */
export function FormDrawer({ form, dirty, onClose, ...props }: DrawerProps & Guard) {
  const confirmDiscard = useConfirmDiscard();
  const isDirty = useDirty(form, props.open, dirty);
  return <Drawer {...props} onClose={(e) => confirmDiscard(isDirty(), () => onClose?.(e))} />;
}
