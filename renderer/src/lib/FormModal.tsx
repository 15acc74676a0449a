import { App, Drawer, type DrawerProps, type FormInstance, Modal, type ModalProps } from 'antd';

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

const isDirty = (form: FormInstance | undefined, dirty: boolean | undefined) => dirty ?? form?.isFieldsTouched() ?? false;

type Guard = { form?: FormInstance; dirty?: boolean };

/** A Modal holding a form: closing it with unsaved input asks first. */
export function FormModal({ form, dirty, onCancel, ...props }: ModalProps & Guard) {
  const confirmDiscard = useConfirmDiscard();
  return <Modal {...props} onCancel={(e) => confirmDiscard(isDirty(form, dirty), () => onCancel?.(e))} />;
}

/** A Drawer holding a form: closing it with unsaved input asks first. */
export function FormDrawer({ form, dirty, onClose, ...props }: DrawerProps & Guard) {
  const confirmDiscard = useConfirmDiscard();
  return <Drawer {...props} onClose={(e) => confirmDiscard(isDirty(form, dirty), () => onClose?.(e))} />;
}
