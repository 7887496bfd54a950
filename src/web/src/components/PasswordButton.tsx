import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { errorText } from '../api/client';
import { useAuth } from '../auth';
import { passwordSchema } from '../domain';

/** 修改密码: the current password, the new one twice; other sessions of this login end. */
export function PasswordButton() {
  const { changePassword } = useAuth();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; repeat: string }>();

  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      void message.success('密码已修改，其他设备上的登录已失效');
      setOpen(false);
      form.resetFields();
    } catch (error) {
      void message.error({ content: errorText(error), className: 'jx-error-toast' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="change-password">
        修改密码
      </Button>
      <Modal title="修改密码" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={busy} okText="修改" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
          <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            rules={[
              {
                validator: async (_, value: unknown) => {
                  const parsed = passwordSchema.safeParse(value ?? '');
                  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? '密码格式不正确');
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label="再次输入新密码"
            dependencies={['newPassword']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, value: unknown) => {
                  if (value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
