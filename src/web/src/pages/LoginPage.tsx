import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../api/client';
import { homeOf, useAuth } from '../auth';

interface Values {
  username: string;
  password: string;
}

export function LoginPage() {
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to={params.get('next') ?? homeOf(user.role)} replace />;

  const submit = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      const u = await login(values.username.trim(), values.password);
      const next = params.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homeOf(u.role), { replace: true });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="jx-login">
      <Card className="jx-login-card">
        <Typography.Title level={3} style={{ textAlign: 'center', color: '#c0392b', marginBottom: 4 }}>
          匠心
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          劳模工匠助企服务平台：企业点单 · 工会送单 · 劳模工匠接单
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Values> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" placeholder="例如 dy.union" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
